import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { git, initRepo, makeTempDir, removeDir, writeFiles } from '../agent/tools/test-helpers';
import { MemoryLogger } from '../ports';
import { bwrapArgs } from './bwrap';
import { createExecutor, findOnPath, insideBubblewrap, INSTALL_FIX, USERNS_FIX, type ExecutorOptions } from './executor';
import { hostLayout } from './layout';
import { describeIsolation } from './index';
import { isIsolationUnavailable, type Executor } from './types';

/**
 * Real bubblewrap, real processes: what a sandboxed program can see and do. Each test runs a
 * small Node script inside and reads the facts it reports (JSON on stdout).
 */

const SECRET = 'ghs_executorTestSecret0000000000000000';
/** This suite itself runs in a bubblewrap sandbox (the factory checking its own code): sandboxes here nest. */
const ENCLOSED = insideBubblewrap();
const LIMITS = { memoryMb: 256, maxProcesses: 200 };

let ws: string;
let outside: string;
let listener: net.Server;
let listenerPort: number;
let heard: number;
const executors: Executor[] = [];

function executor(over: Partial<ExecutorOptions> = {}): Executor {
  const ex = createExecutor({
    policy: 'required',
    network: 'none',
    registries: [],
    limits: LIMITS,
    workspace: ws,
    env: { ...process.env, GITHUB_TOKEN: SECRET, 'INPUT_GITHUB-TOKEN': SECRET, ANTHROPIC_API_KEY: SECRET, NODE_ENV: 'sandbox-test' },
    ...over,
  });
  executors.push(ex);
  return ex;
}

async function facts(ex: Executor, script: string): Promise<Record<string, unknown>> {
  fs.writeFileSync(path.join(ws, 'probe.js'), script);
  const r = await ex.run(process.execPath, ['probe.js'], { cwd: ws, timeoutMs: 60_000 });
  const line = r.output.split('\n').find((l) => l.startsWith('{'));
  if (!line) throw new Error(`no facts (exit ${r.exitCode}): ${r.output}`);
  return JSON.parse(line) as Record<string, unknown>;
}

/** Runs fn and reports the error code (or 'ok'). */
const TRY = `
const fs = require('node:fs');
const tryIt = (fn) => { try { const v = fn(); return v === undefined ? 'ok' : v; } catch (e) { return e.code || e.message; } };
`;

beforeAll(async () => {
  // A parent secret in the real environment of this process (the factory's), not just in opts.env.
  process.env.FACTORY_TEST_PARENT_TOKEN = SECRET;
  heard = 0;
  listener = net.createServer((s) => {
    heard++;
    s.destroy();
  });
  await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
  listenerPort = (listener.address() as net.AddressInfo).port;
});

afterAll(async () => {
  delete process.env.FACTORY_TEST_PARENT_TOKEN;
  await new Promise((r) => listener.close(r));
});

beforeEach(() => {
  ws = makeTempDir('factory-isolation-ws-');
  outside = makeTempDir('factory-isolation-outside-');
  fs.writeFileSync(path.join(outside, 'secret.txt'), SECRET);
  initRepo(ws);
  writeFiles(ws, { 'README.md': 'hi\n' });
  git(ws, 'add', '.');
  git(ws, 'commit', '-qm', 'init');
});

afterEach(async () => {
  for (const ex of executors.splice(0)) await ex.close();
  removeDir(ws);
  removeDir(outside);
});

describe('bubblewrap executor', () => {
  it('is isolated here, and says so', async () => {
    const s = await executor().status();
    expect(s).toMatchObject({ isolated: true, mechanism: 'bubblewrap', network: 'none' });
    expect(describeIsolation(s)).toContain('isolated with bubblewrap');
  });

  it('passes only allowlisted variables; /proc/1/environ is empty; no secret in any environ', async () => {
    const f = await facts(
      executor({ envNames: ['NODE_ENV'] }),
      `${TRY}
      const environs = fs.readdirSync('/proc').filter((p) => /^\\d+$/.test(p)).map((p) => tryIt(() => fs.readFileSync('/proc/' + p + '/environ', 'utf8')));
      console.log(JSON.stringify({ env: process.env, pid1: tryIt(() => fs.readFileSync('/proc/1/environ', 'utf8')), environs }));`,
    );
    expect(Object.keys(f.env as object).sort()).toEqual(
      ['HOME', 'LANG', 'NODE_ENV', 'NO_UPDATE_NOTIFIER', 'PATH', 'PWD', 'TERM', 'TMPDIR', 'CI', 'LC_ALL', 'npm_config_update_notifier']
        .filter((k) => k in (f.env as object))
        .sort(),
    );
    expect((f.env as Record<string, string>).NODE_ENV).toBe('sandbox-test');
    expect((f.env as Record<string, string>).HOME).toBe('/tmp/home');
    // bubblewrap starts with an empty environment (enclosed, PID 1 is the enclosing sandbox's, and not readable).
    expect(f.pid1).toBe(ENCLOSED ? 'EACCES' : '');
    expect(JSON.stringify(f)).not.toContain(SECRET);
  });

  it('sees only its own processes: a new PID namespace with a fresh /proc', async () => {
    const f = await facts(
      executor(),
      `${TRY}
      const pids = fs.readdirSync('/proc').filter((p) => /^\\d+$/.test(p));
      const cmdlines = pids.map((p) => tryIt(() => fs.readFileSync('/proc/' + p + '/cmdline', 'utf8').replace(/\\0/g, ' ')));
      console.log(JSON.stringify({ pids, cmdlines, self: fs.readlinkSync('/proc/self') }));`,
    );
    // PID 1 is bubblewrap's reaper: a PID namespace of the sandbox, not the host's init.
    expect((f.cmdlines as string[])[0]).toMatch(/^\S*bwrap /);
    if (ENCLOSED) {
      // This suite runs in the factory's own sandbox: the /proc bound in is the enclosing sandbox's.
      expect((f.cmdlines as string[]).every((c) => !/systemd|containerd|Runner\.(Listener|Worker)/.test(c))).toBe(true);
    } else {
      expect(Number((f.pids as string[]).length)).toBeLessThanOrEqual(4);
      expect(f.pids).not.toContain(String(process.pid));
      expect((f.cmdlines as string[]).some((c) => c.includes('jest'))).toBe(false);
      expect(Number(f.self)).toBeLessThan(10);
    }
  });

  it('has no capability, no_new_privs, and cannot remount .git writable, not even from a nested user namespace', async () => {
    const f = await facts(
      executor(),
      `${TRY}
      const status = fs.readFileSync('/proc/self/status', 'utf8');
      const field = (n) => (new RegExp('^' + n + ':\\\\s*(\\\\S+)', 'm').exec(status) || [])[1];
      const mount = require('node:child_process').spawnSync('mount', ['-o', 'remount,rw,bind', process.cwd() + '/.git'], { encoding: 'utf8' });
      // Root of a new user and mount namespace (allowed: sandboxes may nest) still cannot unlock the read-only bind.
      const nested = require('node:child_process').spawnSync('unshare', ['-Urm', 'sh', '-c', 'mount -o remount,rw,bind .git && touch .git/pwned'], { encoding: 'utf8' });
      console.log(JSON.stringify({ nnp: field('NoNewPrivs'), capEff: field('CapEff'), capBnd: field('CapBnd'), mount: mount.status,
        nested: nested.status, uid: process.getuid() }));`,
    );
    expect(f).toEqual({
      nnp: '1',
      capEff: '0000000000000000',
      capBnd: '0000000000000000',
      mount: expect.any(Number),
      nested: expect.any(Number),
      uid: 1000,
    });
    expect(f.mount).not.toBe(0);
    expect(f.nested).not.toBe(0);
    expect(fs.existsSync(path.join(ws, '.git/pwned'))).toBe(false);
  });

  it('writes the workspace, but not .git, not the system, and sees a fresh /tmp and nothing of the host outside', async () => {
    const hooksBefore = fs.readdirSync(path.join(ws, '.git/hooks')).sort();
    const configBefore = fs.readFileSync(path.join(ws, '.git/config'), 'utf8');
    const f = await facts(
      executor(),
      `${TRY}
      console.log(JSON.stringify({
        workspace: tryIt(() => fs.writeFileSync('built.txt', 'ok')),
        gitConfig: tryIt(() => fs.appendFileSync('.git/config', '[core]\\n\\tfsmonitor = evil\\n')),
        gitHook: tryIt(() => fs.writeFileSync('.git/hooks/pre-commit', '#!/bin/sh\\nexit 0\\n', { mode: 0o755 })),
        usr: tryIt(() => fs.writeFileSync('/usr/pwned', 'x')),
        etc: tryIt(() => fs.writeFileSync('/etc/pwned', 'x')),
        outside: tryIt(() => fs.readFileSync(${JSON.stringify(path.join(outside, 'secret.txt'))}, 'utf8')),
        rootHome: tryIt(() => fs.readdirSync('/root')),
        gitCredentials: tryIt(() => fs.readFileSync('/root/.git-credentials', 'utf8')),
        home: tryIt(() => { fs.writeFileSync(process.env.HOME + '/.npmrc', 'x'); return fs.readdirSync(process.env.HOME); }),
        // The workspace may itself live under /tmp: it is bound there; nothing else of the host's /tmp is.
        tmp: tryIt(() => fs.readdirSync('/tmp').filter((n) => n !== 'home' && !process.cwd().startsWith('/tmp/' + n))),
        run: tryIt(() => fs.readdirSync('/run')),
        dockerSock: tryIt(() => fs.statSync('/var/run/docker.sock') && 'exists'),
      }));`,
    );
    expect(f.workspace).toBe('ok');
    expect(fs.readFileSync(path.join(ws, 'built.txt'), 'utf8')).toBe('ok');
    expect(f.gitConfig).toBe('EROFS');
    expect(f.gitHook).toBe('EROFS');
    expect(['EROFS', 'EACCES']).toContain(f.usr);
    expect(['EROFS', 'EACCES']).toContain(f.etc);
    expect(f.outside).toBe('ENOENT');
    expect(['ENOENT', 'EACCES']).toContain(f.gitCredentials);
    expect(f.home).toEqual(['.npmrc']);
    expect(f.tmp).toEqual([]);
    expect(['ENOENT']).toContain(f.dockerSock);
    expect(fs.readdirSync(path.join(ws, '.git/hooks')).sort()).toEqual(hooksBefore);
    expect(fs.readFileSync(path.join(ws, '.git/config'), 'utf8')).toBe(configBefore);
    expect(JSON.stringify(f)).not.toContain(SECRET);
  });

  it("hides the factory's own .factory/ folder: code inside neither reads, plants nor tampers with run records", async () => {
    fs.mkdirSync(path.join(ws, '.factory', 'runs', 'r1'), { recursive: true });
    fs.writeFileSync(path.join(ws, '.factory', 'runs', 'r1', 'feature-builder-record.json'), '{"outcome":"success"}');
    const f = await facts(
      executor(),
      `${TRY}
      console.log(JSON.stringify({
        seen: tryIt(() => fs.readdirSync('.factory')),
        planted: tryIt(() => fs.symlinkSync('/etc', '.factory/runs')),
        written: tryIt(() => fs.writeFileSync('.factory/forged.json', '{}')),
      }));`,
    );
    expect(f.seen).toEqual([]);
    expect(f.planted).toBe('ok');
    expect(f.written).toBe('ok');
    // Outside, nothing changed: the record is there, no link, no forged file.
    expect(fs.readFileSync(path.join(ws, '.factory', 'runs', 'r1', 'feature-builder-record.json'), 'utf8')).toBe('{"outcome":"success"}');
    expect(fs.lstatSync(path.join(ws, '.factory', 'runs')).isSymbolicLink()).toBe(false);
    expect(fs.existsSync(path.join(ws, '.factory', 'forged.json'))).toBe(false);
  });

  it('has no network: a loopback listener of the host hears nothing, names do not resolve', async () => {
    const f = await facts(
      executor(),
      `
      const net = require('node:net');
      const dns = require('node:dns');
      const connect = (opts) => new Promise((r) => { const s = net.connect(opts); s.on('connect', () => { s.destroy(); r('connected'); }); s.on('error', (e) => r(e.code)); });
      (async () => {
        const out = {
          loopback: await connect({ host: '127.0.0.1', port: ${listenerPort} }),
          abstract: await connect({ path: '\\0factory-isolation-test' }),
          external: await connect({ host: '1.1.1.1', port: 443 }),
          dns: await new Promise((r) => dns.lookup('registry.npmjs.org', (e, a) => r(e ? e.code : a))),
        };
        console.log(JSON.stringify(out));
      })();`,
    );
    expect(f.loopback).toBe('ECONNREFUSED');
    expect(f.abstract).toBe('ECONNREFUSED');
    expect(f.external).toBe('ENETUNREACH');
    expect(f.dns).not.toMatch(/^\d/);
    expect(heard).toBe(0);
  });

  it('applies the memory and process limits inside', async () => {
    const f = await facts(
      executor(),
      `${TRY}
      const limits = fs.readFileSync('/proc/self/limits', 'utf8');
      const row = (n) => limits.split('\\n').find((l) => l.startsWith(n)).split(/\\s{2,}/).slice(1, 3);
      console.log(JSON.stringify({ nproc: row('Max processes'), data: row('Max data size'), core: row('Max core file size') }));`,
    );
    expect(f).toEqual({ nproc: ['200', '200'], data: [String(256 * 1024 * 1024), String(256 * 1024 * 1024)], core: ['0', '0'] });
    // Allocating past the data limit kills the program (V8 cannot grow its heap).
    fs.writeFileSync(
      path.join(ws, 'hog.js'),
      'const a = []; for (let i = 0; i < 64; i++) a.push(Buffer.alloc(16 * 1024 * 1024, 1)); console.log("allocated");',
    );
    const r = await executor().run(process.execPath, ['hog.js'], { cwd: ws, timeoutMs: 60_000 });
    expect(r.exitCode).not.toBe(0);
    expect(r.output).not.toContain('allocated');
  });

  it('kills the whole sandbox on timeout, background processes included', async () => {
    fs.writeFileSync(
      path.join(ws, 'hang.js'),
      "require('node:child_process').spawn('sleep', ['600'], { stdio: 'inherit' }); setInterval(() => {}, 1000);",
    );
    const r = await executor().run(process.execPath, ['hang.js'], { cwd: ws, timeoutMs: 300 });
    // Resolving at all means every holder of the output pipes (the sleep too) is gone.
    expect(r.timedOut).toBe(true);
  });

  it('nests: inside a sandbox, a sandbox with the enclosing /proc runs (a fresh procfs is refused there)', async () => {
    const ex = executor();
    const inner = (parentProc: boolean) =>
      bwrapArgs({
        // Only what the outer sandbox shows can be bound again inside it: its PATH, not the host's.
        layout: hostLayout({ pathVar: '/usr/bin:/bin', execPath: process.execPath, workspace: ws }),
        workspace: ws,
        cwd: ws,
        env: { PATH: '/usr/bin:/bin' },
        tmpBytes: 1024 * 1024,
        parentProc,
        argv: [
          process.execPath,
          '-e',
          "console.log('inner pid1=' + require('fs').readFileSync('/proc/1/cmdline', 'utf8').split(String.fromCharCode(0))[0])",
        ],
      });
    const bwrap = findOnPath('bwrap', `${process.env.PATH}:/usr/bin`)!;
    const fresh = await ex.run(bwrap, inner(false), { cwd: ws, timeoutMs: 30_000 });
    const parent = await ex.run(bwrap, inner(true), { cwd: ws, timeoutMs: 30_000 });
    expect(fresh.exitCode).not.toBe(0);
    expect(parent.exitCode).toBe(0);
    expect(parent.output).toMatch(/inner pid1=.*bwrap/);
  });

  it('refuses a working directory outside the workspace', async () => {
    await expect(executor().run('true', [], { cwd: outside, timeoutMs: 5000 })).rejects.toThrow('outside the workspace');
  });

  it('probes once and caches the answer', async () => {
    const ex = executor();
    expect(ex.probed()).toBeUndefined();
    const first = await ex.status();
    expect(await ex.status()).toBe(first);
    expect(ex.probed()).toBe(first);
  });
});

describe('without bubblewrap', () => {
  it('required: refuses to run, with the reason and the fix', async () => {
    const ex = executor({ bwrapPath: '/nonexistent/bwrap' });
    const s = await ex.status();
    expect(s).toEqual({
      isolated: false,
      mechanism: 'none',
      reason: 'bubblewrap is not installed (no /nonexistent/bwrap)',
      fix: INSTALL_FIX,
      refused: true,
    });
    fs.writeFileSync(path.join(ws, 'mark.js'), "require('fs').writeFileSync('ran.txt', 'x')");
    const error = await ex.run(process.execPath, ['mark.js'], { cwd: ws, timeoutMs: 5000 }).catch((e: unknown) => e);
    expect(isIsolationUnavailable(error)).toBe(true);
    expect((error as Error).message).toContain('apt-get install -y bubblewrap');
    expect(fs.existsSync(path.join(ws, 'ran.txt'))).toBe(false);
  });

  it('required: a bubblewrap that cannot create namespaces is refused with the user-namespace fix', async () => {
    const s = await executor({ bwrapPath: '/bin/false' }).status();
    expect(s).toMatchObject({ isolated: false, refused: true, fix: USERNS_FIX });
    expect(s.isolated === false && s.reason).toMatch(/could not create a sandbox/);
  });

  it('best-effort: warns once and runs unisolated, still with the allowlisted environment', async () => {
    const logger = new MemoryLogger();
    const ex = executor({ bwrapPath: '/nonexistent/bwrap', policy: 'best-effort', logger });
    expect(await ex.status()).toMatchObject({ isolated: false, refused: false });
    const f = await facts(ex, 'console.log(JSON.stringify({ env: process.env }))');
    await facts(ex, 'console.log(JSON.stringify({ again: true }))');
    expect(JSON.stringify(f)).not.toContain(SECRET);
    expect((f.env as Record<string, string>).HOME).not.toBe(process.env.HOME);
    expect(logger.lines.filter((l) => l.level === 'warning').map((l) => l.message)).toEqual([
      'repository code runs WITHOUT isolation (execution.isolation: best-effort): bubblewrap is not installed (no /nonexistent/bwrap)',
    ]);
  });
});

describe('network: registry', () => {
  it('reaches the configured registry through the proxy, and nothing else', async () => {
    let registryHeard = '';
    const registry = net.createServer((s) =>
      s.on('data', (d) => {
        registryHeard += d.toString();
        s.end('pong');
      }),
    );
    await new Promise<void>((r) => registry.listen(0, '127.0.0.1', r));
    const port = (registry.address() as net.AddressInfo).port;
    try {
      const f = await facts(
        executor({ network: 'registry', registries: [`127.0.0.1:${port}`] }),
        `
        const net = require('node:net');
        const proxy = new URL(process.env.HTTPS_PROXY);
        const tunnel = (authority) => new Promise((r) => {
          const s = net.connect(Number(proxy.port), proxy.hostname);
          let text = '';
          s.on('data', (d) => { text += d; if (/^HTTP\\/1.1 200/.test(text) && !s.sent) { s.sent = true; s.write('ping'); } });
          s.on('close', () => r(text));
          s.on('error', (e) => r(e.code));
          s.write('CONNECT ' + authority + ' HTTP/1.1\\r\\nHost: ' + authority + '\\r\\n\\r\\n');
        });
        const direct = () => new Promise((r) => { const s = net.connect(${port}, '127.0.0.1'); s.on('connect', () => r('connected')); s.on('error', (e) => r(e.code)); });
        (async () => console.log(JSON.stringify({
          proxy: process.env.HTTPS_PROXY,
          allowed: await tunnel('127.0.0.1:${port}'),
          denied: await tunnel('127.0.0.1:${listenerPort}'),
          direct: await direct(),
        })))();`,
      );
      expect(f.proxy).toBe('http://127.0.0.1:3128');
      expect(f.allowed).toMatch(/^HTTP\/1.1 200[^]*pong$/);
      expect(f.denied).toMatch(/^HTTP\/1.1 403/);
      expect(f.direct).toBe('ECONNREFUSED');
      expect(registryHeard).toBe('ping');
      expect(heard).toBe(0);
    } finally {
      await new Promise((r) => registry.close(r));
    }
  });
});
