import type { ChangeStatus, ChangedFile } from './types';

/** Parsers for git's NUL-separated (`-z`) outputs: paths arrive verbatim, spaces and all. */

function fields(output: string): string[] {
  const parts = output.split('\0');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function statusOf(code: string): ChangeStatus {
  switch (code) {
    case 'A':
    case 'C':
    case '?':
      return 'added';
    case 'D':
      return 'removed';
    case 'R':
      return 'renamed';
    default:
      // M (modified), T (type change), U (unmerged)
      return 'modified';
  }
}

export interface PathChange {
  filename: string;
  status: ChangeStatus;
  previousFilename?: string;
}

/**
 * `git status --porcelain=v1 -z`: `XY path` entries; a rename or copy is followed by an entry
 * holding the original path. The index column wins; the work-tree column counts when the
 * index column is blank.
 */
export function parseStatusZ(output: string): PathChange[] {
  const parts = fields(output);
  const changes: PathChange[] = [];
  for (let i = 0; i < parts.length; i++) {
    const entry = parts[i] ?? '';
    if (entry.length < 4) continue;
    const x = entry[0] ?? ' ';
    const y = entry[1] ?? ' ';
    const filename = entry.slice(3);
    if (x === '!') continue;
    const code = x === ' ' ? y : x;
    if (x === 'R' || x === 'C' || y === 'R' || y === 'C') {
      const from = parts[++i] ?? '';
      changes.push(code === 'R' ? { filename, status: 'renamed', previousFilename: from } : { filename, status: 'added' });
      continue;
    }
    changes.push({ filename, status: statusOf(code) });
  }
  return changes;
}

/** `git diff --name-status -z`: `S\0path\0` or `R<score>\0old\0new\0` (also C). */
export function parseNameStatusZ(output: string): PathChange[] {
  const parts = fields(output);
  const changes: PathChange[] = [];
  for (let i = 0; i < parts.length; i++) {
    const code = (parts[i] ?? '').charAt(0);
    if (code === 'R' || code === 'C') {
      const from = parts[++i] ?? '';
      const to = parts[++i] ?? '';
      changes.push(code === 'R' ? { filename: to, status: 'renamed', previousFilename: from } : { filename: to, status: 'added' });
      continue;
    }
    const filename = parts[++i] ?? '';
    changes.push({ filename, status: statusOf(code) });
  }
  return changes;
}

export interface LineCounts {
  additions: number;
  deletions: number;
  binary: boolean;
}

/**
 * `git diff --numstat -z`: `add\tdel\tpath\0`, or for a rename `add\tdel\t\0old\0new\0`.
 * Binary files show `-` counts (0 here, with `binary` set). Keyed by the new path.
 */
export function parseNumstatZ(output: string): Map<string, LineCounts> {
  const parts = fields(output);
  const counts = new Map<string, LineCounts>();
  for (let i = 0; i < parts.length; i++) {
    const entry = parts[i] ?? '';
    const match = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(entry);
    if (!match) continue;
    const [, add = '-', del = '-', path = ''] = match;
    let filename = path;
    if (path === '') {
      i++; // the old path
      filename = parts[++i] ?? '';
    }
    const binary = add === '-' || del === '-';
    counts.set(filename, {
      additions: binary ? 0 : Number(add),
      deletions: binary ? 0 : Number(del),
      binary,
    });
  }
  return counts;
}

export interface IndexEntry {
  mode: string;
  object: string;
  path: string;
}

/** `git ls-files -s -z` (`mode sha stage\tpath`) or `git ls-tree -z` (`mode type sha\tpath`). */
export function parseEntriesZ(output: string): IndexEntry[] {
  const entries: IndexEntry[] = [];
  for (const entry of fields(output)) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const meta = entry.slice(0, tab).split(' ');
    const mode = meta[0] ?? '';
    const object = (meta.length === 3 && /^[0-9a-f]{40,64}$/.test(meta[2] ?? '') ? meta[2] : meta[1]) ?? '';
    entries.push({ mode, object, path: entry.slice(tab + 1) });
  }
  return entries;
}

/** Joins path changes with their line counts, in git's order. */
export function combine(changes: PathChange[], counts: Map<string, LineCounts>): ChangedFile[] {
  return changes.map((c) => {
    const n = counts.get(c.filename);
    const file: ChangedFile = {
      filename: c.filename,
      status: c.status,
      additions: n?.additions ?? 0,
      deletions: n?.deletions ?? 0,
    };
    if (c.previousFilename !== undefined) file.previousFilename = c.previousFilename;
    return file;
  });
}

/** `git diff --name-only --diff-filter=U -z` and friends. */
export function parsePathsZ(output: string): string[] {
  return fields(output);
}
