import * as path from 'node:path';
import type { Layout } from './layout';

/**
 * The bubblewrap command line for one sandboxed process. Pure: everything it needs is passed in,
 * so the tests pin every flag. Order matters to bwrap (mounts apply in order): the fresh root,
 * the read-only host folders, /proc, /dev and /tmp, then the workspace and `.git/` over it.
 */

/** Where HOME and the proxy's files live inside the sandbox. */
export const SANDBOX_HOME = '/tmp/home';
export const SANDBOX_TMP = '/tmp';
export const SANDBOX_RUN = '/run/factory';
export const SANDBOX_UID = '1000';

export interface SandboxSpec {
  layout: Layout;
  /** Absolute, real path of the workspace: bound writable at the same path. */
  workspace: string;
  /** `.git` of the workspace when it exists: bound read-only over the writable workspace. */
  gitDir?: string;
  /**
   * Folders of the workspace the factory keeps for itself (`.factory/`: run records and
   * transcripts): an empty tmpfs inside, so code in the sandbox can neither read, plant nor
   * tamper with what is there outside.
   */
  privateDirs?: string[];
  /** Working directory inside (the workspace or below). */
  cwd: string;
  /** The complete environment inside (bwrap starts from a cleared one). */
  env: Record<string, string>;
  /** Bytes of the sandbox's /tmp (a tmpfs, counted in memory). */
  tmpBytes: number;
  /**
   * Bind the enclosing sandbox's /proc instead of mounting a fresh one: only when the factory
   * itself runs in a bubblewrap sandbox (the kernel refuses a new procfs under bwrap's
   * read-only overmounts). That /proc shows the enclosing sandbox's processes, never the host's;
   * it stays writable so that a sandbox nested further can still write its user map.
   */
  parentProc?: boolean;
  /** Host files bound read-only under /run/factory (the proxy socket and its forwarder). */
  files?: { host: string; name: string }[];
  /** The program and its arguments (wrappers included). */
  argv: string[];
}

export function bwrapArgs(spec: SandboxSpec): string[] {
  if (!path.isAbsolute(spec.workspace) || !path.isAbsolute(spec.cwd)) throw new Error('sandbox paths must be absolute');
  if (spec.argv.length === 0) throw new Error('sandbox needs a program to run');
  const args: string[] = [
    // New namespaces for everything: the network is separate (loopback only, nothing reachable)
    // and no process of the host is visible. User namespaces may nest: a project whose own tests
    // sandbox processes (this one) runs them inside.
    '--unshare-user',
    '--unshare-pid',
    '--unshare-net',
    '--unshare-ipc',
    '--unshare-uts',
    '--unshare-cgroup-try',
    '--hostname',
    'sandbox',
    // A plain user inside (uid 1000, mapped to the factory's own), even when the factory runs as
    // root: programs behave as for a normal user, and a nested sandbox can map that user (the
    // kernel refuses to map root without CAP_SETFCAP).
    '--uid',
    SANDBOX_UID,
    '--gid',
    SANDBOX_UID,
    // No capability inside even when the factory runs as root; no_new_privs is always set by bwrap.
    '--cap-drop',
    'ALL',
    '--die-with-parent',
    '--new-session',
    '--clearenv',
  ];
  for (const [name, value] of Object.entries(spec.env).sort(([a], [b]) => a.localeCompare(b))) args.push('--setenv', name, value);
  for (const dir of spec.layout.readOnly) args.push('--ro-bind', dir, dir);
  for (const link of spec.layout.links) args.push('--symlink', link.target, link.at);
  args.push(
    ...(spec.parentProc ? ['--bind', '/proc', '/proc'] : ['--proc', '/proc']),
    '--dev',
    '/dev',
    '--size',
    String(spec.tmpBytes),
    '--tmpfs',
    SANDBOX_TMP,
    '--dir',
    SANDBOX_HOME,
  );
  args.push('--bind', spec.workspace, spec.workspace);
  if (spec.gitDir) args.push('--ro-bind', spec.gitDir, spec.gitDir);
  for (const dir of spec.privateDirs ?? []) args.push('--tmpfs', dir);
  for (const f of spec.files ?? []) args.push('--ro-bind', f.host, `${SANDBOX_RUN}/${f.name}`);
  args.push('--chdir', spec.cwd, '--', ...spec.argv);
  return args;
}

export interface LimitWrapper {
  /** Absolute path of util-linux prlimit, when found. */
  prlimit?: string;
  memoryMb: number;
  maxProcesses: number;
}

/** The argv prefix that applies the limits inside the sandbox (empty without prlimit). */
export function limitPrefix(w: LimitWrapper): string[] {
  if (!w.prlimit) return [];
  const bytes = w.memoryMb * 1024 * 1024;
  return [w.prlimit, `--nproc=${w.maxProcesses}`, `--data=${bytes}`, '--core=0', '--'];
}
