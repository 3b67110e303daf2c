import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * What of the host a sandbox sees, read-only: the system folders, the running Node's install
 * and the folders on PATH (toolchains), plus folders named in config. Home folders, /run (the
 * Docker socket, the runner's files), /var, /mnt and the rest of the host are not there at all.
 */

/** Top-level system folders bound read-only when they exist (usr-merged links are recreated as links). */
export const SYSTEM_PATHS: readonly string[] = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32', '/etc', '/opt', '/nix'];

export interface HostFs {
  /** 'dir', 'file', 'link' (a symlink, not followed) or undefined when absent. */
  kind(p: string): 'dir' | 'file' | 'link' | undefined;
  readlink(p: string): string;
  realpath(p: string): string;
}

export const nodeHostFs: HostFs = {
  kind(p) {
    try {
      const st = fs.lstatSync(p);
      return st.isSymbolicLink() ? 'link' : st.isDirectory() ? 'dir' : 'file';
    } catch {
      return undefined;
    }
  },
  readlink: (p) => fs.readlinkSync(p),
  realpath: (p) => fs.realpathSync(p),
};

export interface Layout {
  /** Host folders bound read-only at the same path. */
  readOnly: string[];
  /** Links recreated inside: `at` -> `target` (e.g. /bin -> usr/bin). */
  links: { at: string; target: string }[];
}

export interface LayoutInput {
  /** PATH of the sandbox (folders on it are bound so its programs run). */
  pathVar: string;
  /** process.execPath: its install prefix is bound so `node` and `npm` work wherever Node lives. */
  execPath: string;
  /** The workspace: bound separately (writable), so nothing inside it is added here. */
  workspace: string;
  /** Extra read-only folders from config (execution.readPaths). */
  extra?: readonly string[];
}

export function hostLayout(input: LayoutInput, host: HostFs = nodeHostFs): Layout {
  const readOnly: string[] = [];
  const links: Layout['links'] = [];
  const covered = (p: string): boolean => [...readOnly, input.workspace].some((b) => p === b || p.startsWith(b === '/' ? b : `${b}/`));
  const add = (p: string): void => {
    if (!covered(p)) readOnly.push(p);
  };

  for (const p of SYSTEM_PATHS) {
    const kind = host.kind(p);
    if (kind === 'link') {
      const target = host.readlink(p);
      links.push({ at: p, target });
    } else if (kind === 'dir') {
      add(p);
    }
  }
  const real = (p: string): string | undefined => {
    try {
      return host.realpath(p);
    } catch {
      return undefined;
    }
  };
  const candidates: string[] = [];
  const node = real(input.execPath);
  if (node) candidates.push(path.dirname(path.dirname(node)));
  for (const entry of input.pathVar.split(':')) if (path.isAbsolute(entry)) candidates.push(entry);
  for (const entry of input.extra ?? []) candidates.push(entry);
  for (const candidate of candidates) {
    const resolved = real(path.normalize(candidate));
    // A folder directly under / (a home root, /tmp, /run, / itself) is never bound whole.
    if (!resolved || resolved.split('/').filter(Boolean).length < 2) continue;
    if (host.kind(resolved) !== 'dir') continue;
    add(resolved);
  }
  return { readOnly, links };
}
