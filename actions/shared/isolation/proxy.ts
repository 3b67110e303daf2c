import * as http from 'node:http';
import * as net from 'node:net';

/**
 * The registry proxy (`execution.network: registry`): an HTTP CONNECT proxy the factory runs
 * outside the sandbox, on a unix socket bound into it. It opens tunnels to the configured
 * registry hosts only (exact host and port, no wildcards, no IP unless listed); every other
 * CONNECT and every plain HTTP request gets 403. TLS stays end to end: the proxy sees host names,
 * never content.
 */

export interface Target {
  host: string;
  port: number;
}

/** `host:port` or `[v6]:port` from a CONNECT request line; undefined when malformed. */
export function parseAuthority(authority: string): Target | undefined {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/.exec(authority.trim());
  if (!m) return undefined;
  const port = Number(m[3]);
  if (port < 1 || port > 65535) return undefined;
  return { host: (m[1] ?? m[2] ?? '').toLowerCase().replace(/\.$/, ''), port };
}

/** A configured registry: `host` (port 443) or `host:port`. */
export function parseAllowEntry(entry: string): Target | undefined {
  const trimmed = entry.trim();
  return parseAuthority(/:\d+$/.test(trimmed) ? trimmed : `${trimmed}:443`);
}

export function isAllowedTarget(authority: string, allow: readonly string[]): boolean {
  const target = parseAuthority(authority);
  if (!target) return false;
  return allow.some((entry) => {
    const a = parseAllowEntry(entry);
    return a !== undefined && a.host === target.host && a.port === target.port;
  });
}

export interface ProxyEvent {
  authority: string;
  allowed: boolean;
}

export interface RegistryProxy {
  /** Host path of the unix socket the proxy listens on. */
  socketPath: string;
  /** Every CONNECT or request seen, in order (what was asked, whether it was let through). */
  readonly events: ProxyEvent[];
  close(): Promise<void>;
}

export interface RegistryProxyOptions {
  socketPath: string;
  allow: readonly string[];
  /** Opens the upstream connection (tests pass a loopback server). */
  connect?: (target: Target) => net.Socket;
}

export async function startRegistryProxy(opts: RegistryProxyOptions): Promise<RegistryProxy> {
  const events: ProxyEvent[] = [];
  const sockets = new Set<net.Socket>();
  const connect = opts.connect ?? ((t: Target) => net.connect(t.port, t.host));
  const server = http.createServer((req, res) => {
    events.push({ authority: String(req.headers.host ?? req.url ?? ''), allowed: false });
    res.writeHead(403, { 'content-type': 'text/plain', connection: 'close' });
    res.end('only CONNECT to the package registry is allowed\n');
  });
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const authority = req.url ?? '';
    const allowed = isAllowedTarget(authority, opts.allow);
    events.push({ authority, allowed });
    client.on('error', () => client.destroy());
    if (!allowed) {
      client.end('HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nnot an allowed registry\n');
      return;
    }
    const target = parseAuthority(authority) as Target;
    const upstream = connect(target);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => {
      if (client.writable) client.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n\r\n');
      client.destroy();
    });
    upstream.on('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.socketPath, () => resolve());
  });
  // The proxy never keeps the factory alive on its own.
  server.unref();
  return {
    socketPath: opts.socketPath,
    events,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * Runs inside the sandbox, before the command: listens on the sandbox's own loopback (its
 * network namespace has nothing else) and forwards each connection to the proxy's unix socket,
 * then runs the command and exits with its status. argv: SOCKET PORT -- FILE ARGS...
 */
export const FORWARDER_SOURCE = `'use strict';
const net = require('node:net');
const { spawn } = require('node:child_process');
const { constants } = require('node:os');
const [socket, port, dashes, file, ...args] = process.argv.slice(2);
if (dashes !== '--' || !file) { console.error('forwarder: usage SOCKET PORT -- FILE ARGS'); process.exit(2); }
const server = net.createServer((c) => {
  const u = net.connect(socket);
  c.on('error', () => u.destroy());
  u.on('error', () => c.destroy());
  c.pipe(u);
  u.pipe(c);
});
server.listen(Number(port), '127.0.0.1', () => {
  server.unref();
  const child = spawn(file, args, { stdio: 'inherit' });
  child.on('error', (e) => { console.error(file + ': ' + e.message); process.exit(127); });
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] || 0)));
});
`;

/** Port of the forwarder inside the sandbox (its loopback is its own). */
export const FORWARDER_PORT = 3128;
