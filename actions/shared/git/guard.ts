import * as path from 'node:path';
import { describeLookalike, foldPath, pathClassifier, writableMatcher } from '../risk/paths';
import type { ChangedFile } from './types';

/**
 * The pre-push policy check. Run it on the diff git computed (GitPort.pendingChanges or
 * changedFiles), never on the list of files a model says it changed.
 */
export interface ChangeRules {
  /**
   * picomatch globs, dot files included (e.g. `.github/**` or a lockfile name), compared ignoring
   * case, NFKC-normalised and by confusable skeleton (risk/paths.ts).
   */
  protectedPaths: string[];
  /** Let protected paths through (e.g. an automation whose job is to edit them). Never `.git/`, never lookalikes. */
  allowProtected?: boolean;
  /** risk.writableProtectedPaths: protected paths let through as written (never a lookalike). */
  writableProtectedPaths?: readonly string[];
  maxFiles: number;
  /** Additions plus deletions over all files. */
  maxChangedLines: number;
}

export type GuardRule = 'protected-path' | 'lookalike-path' | 'too-many-files' | 'too-many-lines' | 'symlink-escape';

export type GuardResult = { ok: true } | { ok: false; rule: GuardRule; reason: string; files: string[] };

export function checkChanges(files: ChangedFile[], rules: ChangeRules): GuardResult {
  const inGit = files.filter((f) => touchedPaths(f).some(isInsideGitDir)).map((f) => f.filename);
  if (inGit.length > 0) {
    return refuse('protected-path', `changes inside .git/ are never allowed: ${list(inGit)}`, inGit);
  }

  const escapes = files
    .filter((f) => f.status !== 'removed' && f.symlinkTarget !== undefined && symlinkEscapes(f.filename, f.symlinkTarget))
    .map((f) => f.filename);
  if (escapes.length > 0) {
    return refuse('symlink-escape', `symbolic links pointing outside the repository: ${list(escapes)}`, escapes);
  }

  const classify = pathClassifier(rules.protectedPaths);
  const lookalikes = files.flatMap((f) => touchedPaths(f).filter((p) => classify(p) === 'lookalike'));
  if (lookalikes.length > 0) {
    const why = lookalikes.map((p) => describeLookalike(p, rules.protectedPaths));
    return refuse('lookalike-path', `paths that look like protected ones: ${list(why)}`, lookalikes);
  }

  if (!rules.allowProtected) {
    const writable = writableMatcher(rules.protectedPaths, rules.writableProtectedPaths ?? []);
    const hits = files.filter((f) => touchedPaths(f).some((p) => classify(p) === 'protected' && !writable(p))).map((f) => f.filename);
    if (hits.length > 0) return refuse('protected-path', `protected paths changed: ${list(hits)}`, hits);
  }

  if (files.length > rules.maxFiles) {
    return refuse(
      'too-many-files',
      `${files.length} files changed; the limit is ${rules.maxFiles}`,
      files.map((f) => f.filename),
    );
  }

  const lines = files.reduce((sum, f) => sum + f.additions + f.deletions, 0);
  if (lines > rules.maxChangedLines) {
    const biggest = [...files].sort((a, b) => b.additions + b.deletions - (a.additions + a.deletions));
    return refuse(
      'too-many-lines',
      `${lines} lines changed; the limit is ${rules.maxChangedLines}`,
      biggest.map((f) => f.filename),
    );
  }
  return { ok: true };
}

/** Both sides of a rename count: moving a protected file away changes it too. */
function touchedPaths(f: ChangedFile): string[] {
  return f.previousFilename !== undefined ? [f.filename, f.previousFilename] : [f.filename];
}

/** `.git` as any file system may see it: any case, invisible characters, trailing dots or spaces (Windows, HFS+). */
function isInsideGitDir(file: string): boolean {
  return foldPath(file).split('/').includes('.git') || file.split(/[\\/]/).some((part) => part.toLowerCase() === '.git');
}

/**
 * Whether a link at `file` (relative to the repository root) with this target points outside
 * the repository, or into its .git directory. Absolute targets always do.
 */
export function symlinkEscapes(file: string, target: string): boolean {
  if (target === '' || path.posix.isAbsolute(target) || path.win32.isAbsolute(target)) return true;
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), target.replace(/\\/g, '/')));
  if (resolved === '..' || resolved.startsWith('../')) return true;
  return isInsideGitDir(resolved);
}

function refuse(rule: GuardRule, reason: string, files: string[]): GuardResult {
  return { ok: false, rule, reason, files };
}

function list(files: string[], max = 10): string {
  const shown = files.slice(0, max).join(', ');
  return files.length > max ? `${shown} and ${files.length - max} more` : shown;
}
