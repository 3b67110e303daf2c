import { posix } from 'node:path';
import picomatch from 'picomatch';
import type { FactoryConfig } from '../config/schema';

/**
 * Path matching for the risk policy. Globs are picomatch patterns with dotfiles included.
 * Protected paths also match case-insensitively: over-protecting is safe, missing
 * `.GitHub/workflows` on a case-insensitive checkout is not.
 */
export type Matcher = (path: string) => boolean;

export function globMatcher(globs: readonly string[], options: { nocase?: boolean } = {}): Matcher {
  if (globs.length === 0) return () => false;
  const match = picomatch([...globs], { dot: true, windows: false, nocase: options.nocase ?? false });
  return (path) => match(normalizePath(path));
}

/** Repository-relative POSIX path: no leading `./` or `/`, `..` segments resolved. */
export function normalizePath(path: string): string {
  const clean = posix.normalize(path.replace(/\\/g, '/')).replace(/^(\.\/)+/, '').replace(/^\/+/, '');
  return clean === '.' ? '' : clean;
}

export function protectedMatcher(config: Pick<FactoryConfig, 'risk'>): Matcher {
  const match = globMatcher(config.risk.protectedPaths, { nocase: true });
  // A path that climbs out of the repository is never an ordinary change.
  return (path) => normalizePath(path).startsWith('../') || normalizePath(path) === '..' || match(path);
}

export function isProtectedPath(path: string, config: Pick<FactoryConfig, 'risk'>): boolean {
  return protectedMatcher(config)(path);
}
