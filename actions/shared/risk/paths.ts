import { posix } from 'node:path';
import picomatch from 'picomatch';
import confusables from 'unhomoglyph/data.json';
import type { FactoryConfig } from '../config/schema';

/**
 * Path matching for the risk policy. Globs are picomatch patterns with dotfiles included.
 *
 * Paths are compared the way file systems and hosts may see them, and the way a person reads
 * them. Three views of one path, each matched against the same view of the globs:
 *  - literal: the repository path as git stores it (protected globs ignore case);
 *  - folded (foldPath): NFKC, invisible characters removed, lower case, trailing dots and spaces
 *    of each segment dropped (what case-insensitive, normalising or Windows file systems see);
 *  - skeleton (pathSkeleton): the folded path with lookalike characters mapped to their
 *    prototype, Unicode TR39 style (Cyrillic `і` is `i`, U+2215 `∕` is `/`, `0` is `o`).
 * A path whose literal or folded view matches a protected glob is protected. One that only
 * its skeleton matches is a lookalike of a protected path: a change made to deceive a reader,
 * refused outright by policy and high risk wherever it shows up.
 */
export type Matcher = (path: string) => boolean;

export function globMatcher(globs: readonly string[], options: { nocase?: boolean } = {}): Matcher {
  if (globs.length === 0) return () => false;
  const match = picomatch([...globs], { dot: true, windows: false, nocase: options.nocase ?? false });
  return (path) => match(normalizePath(path));
}

/** Repository-relative POSIX path: no leading `./` or `/`, `..` segments resolved. */
export function normalizePath(path: string): string {
  const clean = posix
    .normalize(path.replace(/\\/g, '/'))
    .replace(/^(\.\/)+/, '')
    .replace(/^\/+/, '');
  return clean === '.' ? '' : clean;
}

/** Zero-width, bidi, joiner, variation-selector and other format characters: invisible in a name. */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu;

/** NFKC with invisible characters removed. */
function visible(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '');
}

/** Visible and lower case. Shared by paths and the literal parts of globs. */
function fold(text: string): string {
  return visible(text).toLowerCase();
}

/** The prototype of each lookalike character (Unicode confusables.txt). */
const PROTOTYPES: Readonly<Record<string, string>> = confusables;

const isAscii = (text: string): boolean => /^[\x00-\x7f]*$/.test(text);

/**
 * One character's lookalike, compared ignoring case: the prototype of its lower-case form
 * (Cyrillic `І` is `і` is `i`, Latin `I` is `i`, not `l`), unless only the character as
 * written has a Latin prototype (Cyrillic `Н` is `H`; its lower case `н` is a small capital).
 */
function prototype(char: string): string {
  const lower = char.toLowerCase();
  const fromLower = (PROTOTYPES[lower] ?? lower).toLowerCase();
  if (isAscii(fromLower)) return fromLower;
  const asWritten = (PROTOTYPES[char] ?? char).toLowerCase();
  return isAscii(asWritten) ? asWritten : fromLower;
}

/** TR39-style skeleton, ignoring case: lookalikes mapped to their prototype, accents dropped. */
function skeleton(text: string): string {
  const mapped = [...visible(text).normalize('NFD')].map(prototype).join('');
  return mapped
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .normalize('NFC');
}

/** Windows drops trailing dots and spaces of a name; `.` and `..` stay. */
function trimSegments(path: string): string {
  const segments = normalizePath(path).split('/');
  return normalizePath(segments.map((s) => (/^\.+$/.test(s) ? s : s.replace(/[. ]+$/, '') || s)).join('/'));
}

/** The path as a case-insensitive, normalising file system sees it. */
export function foldPath(path: string): string {
  return trimSegments(fold(path));
}

/** The confusable skeleton of a path: what a reader may take it for. */
export function pathSkeleton(path: string): string {
  return normalizePath(skeleton(trimSegments(visible(path))));
}

/** Glob syntax is kept as is; only the text between it is folded or mapped. */
const GLOB_SYNTAX = /([*?[\]{}()!|,@+\\/])/;

function mapGlob(glob: string, map: (text: string) => string): string {
  return glob
    .split(GLOB_SYNTAX)
    .map((part, i) => (i % 2 === 1 ? part : map(part)))
    .join('');
}

export type PathClass = 'protected' | 'lookalike' | 'ordinary';

/** Which views of a path match: the literal path (case-sensitive), its folded form, its skeleton. */
export interface PathViews {
  literal: Matcher;
  folded: Matcher;
  skeleton: Matcher;
}

export function pathViews(globs: readonly string[], options: { nocase?: boolean } = {}): PathViews {
  const literal = globMatcher(globs, options);
  const folded = globMatcher(
    globs.map((g) => mapGlob(g, fold)),
    { nocase: true },
  );
  const skeletal = globMatcher(
    globs.map((g) => mapGlob(g, skeleton)),
    { nocase: true },
  );
  return {
    literal,
    folded: (path) => folded(foldPath(path)),
    skeleton: (path) => skeletal(pathSkeleton(path)),
  };
}

function escapes(path: string): boolean {
  const clean = normalizePath(path);
  return clean === '..' || clean.startsWith('../');
}

/**
 * Protected, lookalike of a protected path, or ordinary. A path that climbs out of the
 * repository is never an ordinary change.
 */
export function pathClassifier(globs: readonly string[]): (path: string) => PathClass {
  const views = pathViews(globs, { nocase: true });
  return (path) => {
    if (escapes(path) || escapes(foldPath(path)) || views.literal(path) || views.folded(path)) return 'protected';
    return escapes(pathSkeleton(path)) || views.skeleton(path) ? 'lookalike' : 'ordinary';
  };
}

/**
 * Why a path passes for a protected one, for a refusal: the glob it looks like and the code points
 * of its characters outside printable ASCII, e.g. `".github∕ci.yml" looks like .github/** (U+2215)`.
 */
export function describeLookalike(path: string, globs: readonly string[]): string {
  const glob = globs.find((g) => pathViews([g]).skeleton(path));
  const unusual = [...new Set([...path].filter((c) => !/[\x20-\x7e]/.test(c)))];
  const points = unusual.map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  return `${JSON.stringify(path)} looks like ${glob ?? 'a protected path'}${points.length ? ` (${points.join(', ')})` : ''}`;
}

/** Protected paths and their lookalikes (over-protecting is safe, missing `.GitHub/workflows` is not). */
export function protectedMatcher(config: Pick<FactoryConfig, 'risk'>): Matcher {
  const classify = pathClassifier(config.risk.protectedPaths);
  return (path) => classify(path) !== 'ordinary';
}

export function isProtectedPath(path: string, config: Pick<FactoryConfig, 'risk'>): boolean {
  return protectedMatcher(config)(path);
}

/**
 * risk.writableProtectedPaths: which protected paths the factory may still write. A path is
 * writable when it matches one of `writable` as written (never a case variant or a lookalike:
 * those stay refused where pathClassifier calls them lookalikes) AND every protected glob that
 * protects it also protects an ordinary file of the same kind at the root of that writable glob.
 * So a writable `migrations/` tree lifts the protection of migration folders and of `.sql` files
 * for `migrations/002.sql`, but not the protection of `.gitattributes`, `package.json`,
 * `.husky/` or `action.yml` for files of those names under `migrations/`: those globs protect
 * what they name wherever it is.
 */
export function writableMatcher(protectedGlobs: readonly string[], writable: readonly string[]): Matcher {
  if (writable.length === 0) return () => false;
  const each = writable.map((glob) => ({ match: globMatcher([glob]), root: literalRoot(glob) }));
  const patterns = protectedGlobs.map((glob) => pathClassifier([glob]));
  return (path) => {
    const normal = normalizePath(path);
    const owner = each.find((w) => w.match(normal));
    if (!owner) return false;
    const probe = `${owner.root ? `${owner.root}/` : ''}__factory_probe__${posix.extname(posix.basename(normal))}`;
    return patterns.every((classify) => classify(normal) === 'ordinary' || classify(probe) === 'protected');
  };
}

/** The directory part of a glob before its first segment with a wildcard (`migrations/**` -> `migrations`). */
function literalRoot(glob: string): string {
  const segments = normalizePath(glob).split('/');
  const wild = segments.findIndex((s) => /[*?[\]{}()!+@]/.test(s));
  return segments.slice(0, wild === -1 ? segments.length - 1 : wild).join('/');
}
