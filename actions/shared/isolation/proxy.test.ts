import * as net from 'node:net';
import * as path from 'node:path';
import { makeTempDir, removeDir } from '../agent/tools/test-helpers';
import { isAllowedTarget, parseAllowEntry, parseAuthority, startRegistryProxy, type RegistryProxy } from './proxy';

describe('registry allowlist', () => {
  const allow = ['registry.npmjs.org', 'npm.example.com:8443'];

  it.each([
    ['registry.npmjs.org:443', true],
    ['REGISTRY.npmjs.org:443', true],
    ['registry.npmjs.org.:443', true],
    ['npm.example.com:8443', true],
    ['registry.npmjs.org:80', false],
    ['registry.npmjs.org:22', false],
    ['npm.example.com:443', false],
    ['evil.registry.npmjs.org:443', false],
    ['registry.npmjs.org.evil.com:443', false],
    ['104.16.0.1:443', false],
    ['[::1]:443', false],
    ['registry.npmjs.org', false],
    ['registry.npmjs.org:443/path', false],
    ['user@registry.npmjs.org:443', false],
    ['', false],
  ])('%s -> %s', (authority, allowed) => {
    expect(isAllowedTarget(authority, allow)).toBe(allowed);
  });

  it('parses authorities and entries', () => {
    expect(parseAuthority('[::1]:8080')).toEqual({ host: '::1', port: 8080 });
    expect(parseAuthority('host:0')).toBeUndefined();
    expect(parseAuthority('host:65536')).toBeUndefined();
    expect(parseAllowEntry('registry.yarnpkg.com')).toEqual({ host: 'registry.yarnpkg.com', port: 443 });
    expect(parseAllowEntry('localhost:4873')).toEqual({ host: 'localhost', port: 4873 });
  });
});

describe('registry proxy on a unix socket', () => {
  let dir: string;
  let upstream: net.Server;
  let upstreamPort: number;
  let received: string[];
  let proxy: RegistryProxy;

  beforeEach(async () => {
    dir = makeTempDir('factory-proxy-test-');
    received = [];
    upstream = net.createServer((s) => {
      s.on('data', (d) => {
        received.push(d.toString());
        s.write(`echo:${d.toString()}`);
      });
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    upstreamPort = (upstream.address() as net.AddressInfo).port;
    proxy = await startRegistryProxy({ socketPath: path.join(dir, 'proxy.sock'), allow: [`127.0.0.1:${upstreamPort}`] });
  });

  afterEach(async () => {
    await proxy.close();
    await new Promise((r) => upstream.close(r));
    removeDir(dir);
  });

  /** Sends `request` on a fresh connection; resolves with everything read until `until` appears or the socket closes. */
  function exchange(request: string, then?: string, until?: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const c = net.connect(proxy.socketPath);
      let text = '';
      let sent = false;
      c.on('data', (d) => {
        text += d.toString();
        if (then && !sent && text.includes('\r\n\r\n')) {
          sent = true;
          c.write(then);
        }
        if (until && text.includes(until)) c.end();
      });
      c.on('close', () => resolve(text));
      c.on('error', reject);
      c.write(request);
    });
  }

  it('tunnels to an allowed registry', async () => {
    const text = await exchange(
      `CONNECT 127.0.0.1:${upstreamPort} HTTP/1.1\r\nHost: 127.0.0.1:${upstreamPort}\r\n\r\n`,
      'hello',
      'echo:hello',
    );
    expect(text).toMatch(/^HTTP\/1.1 200/);
    expect(text).toContain('echo:hello');
    expect(received).toEqual(['hello']);
    expect(proxy.events).toEqual([{ authority: `127.0.0.1:${upstreamPort}`, allowed: true }]);
  });

  it('refuses any other host or port with 403, and the target hears nothing', async () => {
    const other = await exchange(`CONNECT localhost:${upstreamPort} HTTP/1.1\r\n\r\n`);
    const port = await exchange(`CONNECT 127.0.0.1:${upstreamPort + 1} HTTP/1.1\r\n\r\n`);
    expect(other).toMatch(/^HTTP\/1.1 403/);
    expect(port).toMatch(/^HTTP\/1.1 403/);
    expect(received).toEqual([]);
    expect(proxy.events.map((e) => e.allowed)).toEqual([false, false]);
  });

  it('refuses plain HTTP requests, even to the registry', async () => {
    const text = await exchange(
      `GET http://127.0.0.1:${upstreamPort}/ HTTP/1.1\r\nHost: 127.0.0.1:${upstreamPort}\r\nConnection: close\r\n\r\n`,
    );
    expect(text).toMatch(/^HTTP\/1.1 403/);
    expect(received).toEqual([]);
  });
});
