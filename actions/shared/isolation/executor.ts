import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runProcess } from '../agent/tools/process';
import type { Logger } from '../ports';
import { bwrapArgs, limitPrefix, SANDBOX_HOME, SANDBOX_RUN, SANDBOX_TMP, type SandboxSpec } from './bwrap';
import { sandboxEnv } from './env';
import { hostLayout, nodeHostFs, type HostFs } from './layout';
import { FORWARDER_PORT, FORWARDER_SOURCE, startRegistryProxy, type RegistryProxy } from './proxy';
import {
  IsolationUnavailableError,
  type ExecLimits,
  type ExecOptions,
  type Executor,
  type IsolationPolicy,
  type IsolationStatus,
  type NetworkMode,
  type ProcessResult,
} from './types';

/** The factory's run files in the workspace (run records, transcripts). */
const FACTORY_DIR = '.factory';

export interface ExecutorOptions {
  policy: IsolationPolicy;
  network: NetworkMode;
  /** Registry hosts (`host` or `host:port`) the proxy lets through under `registry`. */
  registries: readonly string[];
  limits: ExecLimits;
  /** The workspace: the one writable folder (its `.git/` stays read-only). */
  workspace: string;
  /** The factory's environment: only allowlisted names are read from it. */
  env: Record<string, string | undefined>;
  /** Extra non-secret variable names passed in (execution.env). */
  envNames?: readonly string[];
  /** Extra read-only folders (execution.readPaths). */
  readPaths?: readonly string[];
  /** bubblewrap; default: `bwrap` on the factory's PATH. A path that does not exist means "not installed". */
  bwrapPath?: string;
  /** util-linux prlimit; default: found on PATH. null: no limits beyond the timeout. */
  prlimitPath?: string | null;
  logger?: Logger;
  /** For tests: the host's file system as the layout sees it, and the Node binary. */
  host?: HostFs;
  execPath?: string;
  /** Whether the factory itself runs in a bubblewrap sandbox (default: PID 1 is bwrap). */
  nested?: () => boolean;
}

/** PID 1 of this PID namespace is bubblewrap: the factory runs inside a sandbox (its own tests, say). */
export function insideBubblewrap(): boolean {
  try {
    const argv0 = fs.readFileSync('/proc/1/cmdline', 'utf8').split('\0')[0] ?? '';
    return path.basename(argv0) === 'bwrap';
  } catch {
    return false;
  }
}

export const INSTALL_FIX =
  "install bubblewrap (Debian/Ubuntu: `sudo apt-get install -y bubblewrap`) in a workflow step before the factory's";
export const USERNS_FIX =
  "allow unprivileged user namespaces (Ubuntu 24.04: `sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`) in a workflow step before the factory's";

/** First match of `name` on a PATH string, as an absolute path. */
export function findOnPath(name: string, pathVar: string | undefined, exists: (p: string) => boolean = fs.existsSync): string | undefined {
  for (const dir of (pathVar ?? '').split(':')) {
    if (!path.isAbsolute(dir)) continue;
    const candidate = path.join(dir, name);
    if (exists(candidate)) return candidate;
  }
  return undefined;
}

export function createExecutor(opts: ExecutorOptions): Executor {
  const host = opts.host ?? nodeHostFs;
  const execPath = opts.execPath ?? process.execPath;
  const searchPath = `${opts.env.PATH ?? ''}:/usr/bin:/bin:/usr/sbin:/sbin`;
  const bwrap = opts.bwrapPath ?? findOnPath('bwrap', searchPath) ?? '/usr/bin/bwrap';
  const prlimit = opts.prlimitPath === null ? undefined : (opts.prlimitPath ?? findOnPath('prlimit', searchPath));
  let workspace = path.resolve(opts.workspace);
  try {
    workspace = fs.realpathSync(workspace);
  } catch {
    // Created later; used as given.
  }
  let statusPromise: Promise<IsolationStatus> | undefined;
  let known: IsolationStatus | undefined;
  let proxy: Promise<{ proxy: RegistryProxy; dir: string }> | undefined;
  let hostHome: string | undefined;
  let warned = false;
  let parentProc = false;

  const insideEnv = (fixed?: Record<string, string>): Record<string, string> =>
    sandboxEnv(opts.env, { names: opts.envNames ?? [], home: SANDBOX_HOME, tmp: SANDBOX_TMP, ...(fixed ? { fixed } : {}) });

  type Extra = Pick<SandboxSpec, 'files'> & { fixed?: Record<string, string> };
  const spec = (ws: string, cwd: string, argv: string[], extra?: Extra): SandboxSpec => {
    const env = insideEnv(extra?.fixed);
    const gitDir = path.join(ws, '.git');
    // The factory's own folder: hidden behind a tmpfs (a link there is never mounted over; the
    // record store refuses links itself).
    const own = path.join(ws, FACTORY_DIR);
    const ownKind = host.kind(own);
    return {
      layout: hostLayout({ pathVar: env.PATH ?? '', execPath, workspace: ws, ...(opts.readPaths ? { extra: opts.readPaths } : {}) }, host),
      workspace: ws,
      ...(host.kind(gitDir) ? { gitDir } : {}),
      ...(ownKind === 'link' ? {} : { privateDirs: [own] }),
      cwd,
      env,
      tmpBytes: opts.limits.memoryMb * 1024 * 1024,
      ...(parentProc ? { parentProc } : {}),
      ...(extra?.files ? { files: extra.files } : {}),
      argv: [...limitPrefix({ ...(prlimit ? { prlimit } : {}), ...opts.limits }), ...argv],
    };
  };

  const limitsText = (): string => {
    if (!prlimit) return 'not enforced beyond the timeout: prlimit (util-linux) was not found';
    const root = typeof process.getuid === 'function' && process.getuid() === 0;
    return (
      `${opts.limits.memoryMb} MB of data per process (RLIMIT_DATA), ${opts.limits.maxProcesses} processes and threads ` +
      `(RLIMIT_NPROC${root ? ', which the kernel does not enforce for root' : ''})`
    );
  };

  const probe = async (): Promise<IsolationStatus> => {
    const unavailable = (reason: string, fix: string): IsolationStatus => ({
      isolated: false,
      mechanism: 'none',
      reason,
      fix,
      refused: opts.policy === 'required',
    });
    if (!host.kind(bwrap)) return unavailable(`bubblewrap is not installed (no ${bwrap})`, INSTALL_FIX);
    const probeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'factory-isolation-probe-'));
    const attempt = () =>
      runProcess(bwrap, bwrapArgs(spec(probeDir, probeDir, ['true'])), {
        cwd: probeDir,
        env: {},
        timeoutMs: 30_000,
        headBytes: 2048,
        tailBytes: 2048,
      });
    try {
      let r = await attempt();
      if (r.exitCode !== 0 && (opts.nested ?? insideBubblewrap)()) {
        parentProc = true;
        r = await attempt();
        if (r.exitCode !== 0) parentProc = false;
      }
      if (r.exitCode === 0) return { isolated: true, mechanism: 'bubblewrap', network: opts.network, limits: limitsText() };
      const said = r.output.trim().split('\n').slice(-3).join(' ') || `exit ${r.exitCode ?? r.signal}`;
      return unavailable(`bubblewrap could not create a sandbox: ${said}`, USERNS_FIX);
    } catch (e) {
      return unavailable(`bubblewrap could not be started: ${(e as Error).message}`, INSTALL_FIX);
    } finally {
      fs.rmSync(probeDir, { recursive: true, force: true });
    }
  };

  const status = (): Promise<IsolationStatus> => {
    statusPromise ??= probe().then((s) => (known = s));
    return statusPromise;
  };

  const startProxy = async (): Promise<{ proxy: RegistryProxy; dir: string }> => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factory-proxy-'));
    fs.writeFileSync(path.join(dir, 'forward.js'), FORWARDER_SOURCE, { mode: 0o444 });
    const p = await startRegistryProxy({ socketPath: path.join(dir, 'proxy.sock'), allow: opts.registries });
    return { proxy: p, dir };
  };

  const insideWorkspace = (cwd: string): string => {
    const abs = path.resolve(cwd);
    let real = abs;
    try {
      real = fs.realpathSync(abs);
    } catch {
      // Checked as given.
    }
    if (real !== workspace && !real.startsWith(`${workspace}/`)) {
      throw new Error(`the working directory ${cwd} is outside the workspace ${workspace}`);
    }
    return real;
  };

  const runUnisolated = async (file: string, args: string[], o: ExecOptions, why: string): Promise<ProcessResult> => {
    if (!warned) {
      warned = true;
      opts.logger?.warning(`repository code runs WITHOUT isolation (execution.isolation: best-effort): ${why}`);
    }
    hostHome ??= fs.mkdtempSync(path.join(os.tmpdir(), 'factory-home-'));
    const env = sandboxEnv(opts.env, { names: opts.envNames ?? [], home: hostHome, tmp: os.tmpdir() });
    return runProcess(file, args, { ...o, env });
  };

  return {
    policy: opts.policy,
    status,
    probed: () => known,
    async run(file, args, o) {
      const s = await status();
      if (!s.isolated) {
        if (s.refused) throw new IsolationUnavailableError(s.reason, s.fix);
        return runUnisolated(file, args, o, s.reason);
      }
      const cwd = insideWorkspace(o.cwd);
      let argv = [file, ...args];
      let extra: Extra | undefined;
      if (opts.network === 'registry') {
        proxy ??= startProxy();
        const { dir } = await proxy;
        const url = `http://127.0.0.1:${FORWARDER_PORT}`;
        argv = [execPath, `${SANDBOX_RUN}/forward.js`, `${SANDBOX_RUN}/proxy.sock`, String(FORWARDER_PORT), '--', ...argv];
        extra = {
          files: [
            { host: path.join(dir, 'forward.js'), name: 'forward.js' },
            { host: path.join(dir, 'proxy.sock'), name: 'proxy.sock' },
          ],
          fixed: {
            HTTPS_PROXY: url,
            https_proxy: url,
            HTTP_PROXY: url,
            http_proxy: url,
            npm_config_proxy: url,
            npm_config_https_proxy: url,
          },
        };
      }
      // bwrap itself starts with an empty environment: /proc/1/environ inside holds nothing.
      return runProcess(bwrap, bwrapArgs(spec(workspace, cwd, argv, extra)), { ...o, cwd, env: {} });
    },
    async close() {
      if (proxy) {
        const { proxy: p, dir } = await proxy;
        await p.close();
        fs.rmSync(dir, { recursive: true, force: true });
        proxy = undefined;
      }
      if (hostHome) fs.rmSync(hostHome, { recursive: true, force: true });
      hostHome = undefined;
    },
  };
}
