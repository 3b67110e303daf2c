import type { SentryEvent, SentryFrame } from '../../shared/sentry';

/**
 * Stack frames mapped to files of this repository: a Sentry filename (`/app/src/cart.js`,
 * `app:///src/cart.js`, `webpack:///./src/cart.js`) becomes the repository path it ends with,
 * when exactly one file of the checkout does. Frames that map nowhere keep their Sentry name.
 */

export interface MappedFrame {
  /** Repository path, when one file matches. */
  path?: string;
  /** The frame's own file name, as Sentry sent it. */
  sentryFile: string;
  line: number | null;
  function: string | null;
  inApp: boolean;
}

function normalize(name: string): string[] {
  const withoutScheme = name.replace(/^[a-z][a-z0-9+.-]*:\/\/\/?/i, '').replace(/^[~.]\//, '');
  return withoutScheme.split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
}

/** The repository path a Sentry file name names, or undefined when none or several match. */
export function repoPathOf(name: string, files: ReadonlySet<string>, bySuffix: ReadonlyMap<string, string[]>): string | undefined {
  const parts = normalize(name);
  for (let i = 0; i < parts.length; i++) {
    const candidate = parts.slice(i).join('/');
    if (files.has(candidate)) return candidate;
  }
  // Only the file name is left: take it when exactly one file of the repository has it.
  const base = parts[parts.length - 1];
  const same = base ? (bySuffix.get(base) ?? []) : [];
  return same.length === 1 ? same[0] : undefined;
}

export function indexFiles(paths: readonly string[]): { files: Set<string>; bySuffix: Map<string, string[]> } {
  const files = new Set(paths);
  const bySuffix = new Map<string, string[]>();
  for (const p of paths) {
    const base = p.split('/').pop()!;
    bySuffix.set(base, [...(bySuffix.get(base) ?? []), p]);
  }
  return { files, bySuffix };
}

function frameFile(f: SentryFrame): string {
  return f.filename ?? f.absPath ?? f.module ?? '?';
}

/** The in-app frames of the event's exceptions (innermost last), mapped to repository paths. */
export function inAppFrames(event: SentryEvent, repoFiles: readonly string[], max = 12): MappedFrame[] {
  const { files, bySuffix } = indexFiles(repoFiles);
  const frames = event.exceptions.flatMap((e) => e.frames).filter((f) => f.inApp);
  return frames.slice(-max).map((f) => {
    const path = repoPathOf(f.filename ?? '', files, bySuffix) ?? (f.absPath ? repoPathOf(f.absPath, files, bySuffix) : undefined);
    return { ...(path ? { path } : {}), sentryFile: frameFile(f), line: f.lineNo, function: f.function, inApp: true };
  });
}

/** Repository files the stack points at, innermost first, each once. */
export function suspectedFiles(frames: readonly MappedFrame[]): { path: string; line: number | null }[] {
  const seen = new Set<string>();
  const out: { path: string; line: number | null }[] = [];
  for (const f of [...frames].reverse()) {
    if (!f.path || seen.has(f.path)) continue;
    seen.add(f.path);
    out.push({ path: f.path, line: f.line });
  }
  return out;
}
