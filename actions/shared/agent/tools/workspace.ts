import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { ToolRefusal } from '../tool';
import { pathClassifier, writableMatcher } from '../../risk/paths';

/**
 * The jail every file tool goes through. Paths from the model are resolved against the
 * workspace root and walked one component at a time: any symlink on the way must lead back
 * inside the workspace, `.git` internals are off limits, and writes to protected paths
 * (workflows, action.yml, manifests, ...) are refused unless the caller allows them. Files that
 * hold secrets by convention (`.env`, keys, `.npmrc`, ...) are neither read, written, listed nor
 * searched: a secret that never reaches the model cannot leave through it.
 */

/** File names that hold credentials by convention (matched against the name, in any directory). */
export const SECRET_FILE_NAMES: readonly string[] = [
  '.env',
  '.env.*',
  '*.pem',
  '*.key',
  '*.p12',
  '*.pfx',
  '*.jks',
  '*.keystore',
  'id_rsa',
  'id_dsa',
  'id_ecdsa',
  'id_ed25519',
  '.npmrc',
  '.yarnrc.yml',
  '.netrc',
  '.pypirc',
  '.git-credentials',
  '.htpasswd',
  'credentials.json',
  'service-account*.json',
];
/** Templates that only name the variables are fine to read. */
const SECRET_FILE_TEMPLATES = ['.env.example', '.env.sample', '.env.template', '.env.dist'];

const secretName = picomatch([...SECRET_FILE_NAMES], { dot: true, nocase: true });
const templateName = picomatch(SECRET_FILE_TEMPLATES, { dot: true, nocase: true });

/** Whether a workspace-relative path names a file that holds secrets by convention. */
export function isSecretFile(rel: string): boolean {
  const name = rel.split(/[\\/]/).pop() ?? '';
  return name !== '' && secretName(name) && !templateName(name);
}

/** git pathspecs that leave secret files out of `git grep` and `git diff`. */
export function secretExcludePathspecs(): string[] {
  return SECRET_FILE_NAMES.map((name) => `:(exclude,glob,icase)**/${name}`);
}
export interface Workspace {
  /** Real absolute path of the workspace root. */
  readonly root: string;
  /** Absolute real path inside the workspace (the tail may not exist yet). Refuses escapes. */
  resolve(p: string): string;
  /** Like resolve, then refuses protected paths unless protected writes are allowed. */
  assertWritable(p: string): string;
  /** Workspace-relative path with forward slashes ('.' for the root). */
  relative(absolute: string): string;
}

export interface WorkspaceOptions {
  /** picomatch globs, relative to the root, matched with dot:true. */
  protectedPaths: string[];
  allowProtectedWrites?: boolean;
  /** risk.writableProtectedPaths: protected paths that may be written as written (never a lookalike). */
  writableProtectedPaths?: readonly string[];
}

const MAX_SYMLINK_DEPTH = 40;

export function createWorkspace(root: string, opts: WorkspaceOptions): Workspace {
  const givenRoot = path.resolve(root);
  const realRoot = fs.realpathSync(givenRoot);
  if (!fs.statSync(realRoot).isDirectory()) {
    throw new Error(`workspace root is not a directory: ${root}`);
  }
  // Compared as policy compares them: case-folded, NFKC, and by confusable skeleton (a lookalike counts).
  const classify = opts.protectedPaths.length > 0 ? pathClassifier(opts.protectedPaths) : () => 'ordinary' as const;
  const writable = writableMatcher(opts.protectedPaths, opts.writableProtectedPaths ?? []);
  const isProtected = (p: string): boolean => {
    const kind = classify(p);
    return kind === 'lookalike' || (kind === 'protected' && !writable(p));
  };

  function relative(absolute: string): string {
    const rel = path.relative(realRoot, absolute);
    return rel === '' ? '.' : rel.split(path.sep).join('/');
  }

  function resolve(input: string): string {
    if (typeof input !== 'string') throw escapeRefusal(String(input), 'the path must be a string');
    if (input.includes('\0')) throw escapeRefusal(input.replace(/\0/g, '\\0'), 'the path contains a NUL byte');
    if (input.startsWith('~')) {
      throw escapeRefusal(input, 'home-directory paths are outside the workspace; use a path relative to the workspace root');
    }
    const lexical = lexicalRelative(input);
    if (lexical === undefined) {
      throw escapeRefusal(input, 'it resolves outside the workspace; use a path relative to the workspace root');
    }
    refuseGitInternals(input, lexical);
    const real = walk(input, lexical);
    refuseGitInternals(input, path.relative(realRoot, real).split(path.sep));
    refuseSecrets(input, [lexical.join('/'), relative(real)]);
    return real;
  }

  function refuseSecrets(input: string, rels: string[]): void {
    if (rels.some((rel) => isSecretFile(rel))) {
      throw new ToolRefusal(
        `Refused: ${input} is a file that holds secrets by convention (${SECRET_FILE_NAMES.join(', ')}); file tools do not open it`,
        'secret-file',
      );
    }
  }

  /** Segments of the path relative to the root, or undefined when it leaves the root. */
  function lexicalRelative(input: string): string[] | undefined {
    const abs = path.resolve(realRoot, input);
    for (const base of [realRoot, givenRoot]) {
      if (isInside(base, abs)) {
        const rel = path.relative(base, abs);
        return rel === '' ? [] : rel.split(path.sep);
      }
    }
    return undefined;
  }

  /** Follow the path from the root, resolving every symlink and checking where it lands. */
  function walk(input: string, segments: string[]): string {
    let current = realRoot;
    let depth = 0;
    for (let i = 0; i < segments.length; i++) {
      const next = path.join(current, segments[i] as string);
      let stat: fs.Stats;
      try {
        stat = fs.lstatSync(next);
      } catch {
        // The rest does not exist yet (a file about to be written): nothing left to follow.
        return path.join(current, ...segments.slice(i));
      }
      if (!stat.isSymbolicLink()) {
        current = next;
        continue;
      }
      if (++depth > MAX_SYMLINK_DEPTH) throw escapeRefusal(input, 'too many symlinks');
      let target: string;
      try {
        target = fs.realpathSync(next);
      } catch {
        throw escapeRefusal(input, `${relative(next)} is a dangling symlink`);
      }
      if (!isInside(realRoot, target)) {
        throw escapeRefusal(input, `${relative(next)} is a symlink that leads outside the workspace`);
      }
      current = target;
    }
    return current;
  }

  function refuseGitInternals(input: string, segments: string[]): void {
    if (segments.some((s) => s.toLowerCase() === '.git')) {
      throw new ToolRefusal(
        `Refused: ${input} is inside .git; git internals are not readable or writable through file tools`,
        'git-internals',
      );
    }
  }

  function assertWritable(input: string): string {
    const real = resolve(input);
    if (!opts.allowProtectedWrites) {
      const lexical = (lexicalRelative(input) ?? []).join('/');
      const realRel = relative(real);
      const hit = [lexical, realRel].find((p) => p !== '' && p !== '.' && isProtected(p));
      if (hit !== undefined) {
        throw new ToolRefusal(
          `Refused: ${hit} is a protected path (${opts.protectedPaths.join(', ')}); changes to it need a human`,
          'protected-path',
        );
      }
    }
    return real;
  }

  return { root: realRoot, resolve, assertWritable, relative };
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  if (rel === '') return true;
  return rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

function escapeRefusal(input: string, why: string): ToolRefusal {
  return new ToolRefusal(`Refused: ${input} is outside the workspace (${why})`, 'workspace-escape');
}
