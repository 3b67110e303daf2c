import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { isSecretFile } from './workspace';

/** One ignore file's rules, applied to paths relative to the directory that holds it. */
interface Layer {
  base: string;
  rules: Ignore;
}

/**
 * Files under `dir` (a real path inside `root`), as root-relative paths with forward slashes,
 * in a stable order. Honours .git/info/exclude and every .gitignore from the root down, with
 * git's precedence (a deeper file overrides a shallower one; an ignored directory is not
 * entered). `.git` and files that hold secrets (isSecretFile) are never listed. Symlinks are listed, never followed.
 */
export function listWorkspaceFiles(root: string, dir: string, opts: { pattern?: string; limit: number }): string[] {
  // A pattern without a slash matches file names anywhere (picomatch's basename mode mishandles
  // patterns with slashes, so it is only used for those without).
  const matches = opts.pattern ? picomatch(opts.pattern, { dot: true, basename: !opts.pattern.includes('/') }) : () => true;
  const out: string[] = [];
  const layers: Layer[] = [];
  const exclude = readIgnoreFile(path.join(root, '.git', 'info', 'exclude'));
  if (exclude) layers.push({ base: '', rules: exclude });

  // Rules from the root down to the starting directory; stop if an ancestor is itself ignored.
  const startRel = toPosix(path.relative(root, dir));
  const ancestors = startRel === '' ? [] : startRel.split('/');
  let current = '';
  pushLayer(layers, root, current);
  for (const name of ancestors) {
    current = current ? `${current}/${name}` : name;
    if (isGitDir(name) || isIgnored(layers, current, true)) return [];
    pushLayer(layers, root, current);
  }

  const walk = (relDir: string, depthLayers: Layer[]): void => {
    const absDir = path.join(root, relDir);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(absDir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (out.length >= opts.limit) return;
      if (isGitDir(entry.name)) continue;
      const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
      const isDir = entry.isDirectory();
      if (isIgnored(depthLayers, rel, isDir)) continue;
      if (isDir) {
        const childLayers = [...depthLayers];
        pushLayer(childLayers, root, rel);
        walk(rel, childLayers);
      } else if (matches(rel) && !isSecretFile(rel)) {
        out.push(rel);
      }
    }
  };
  walk(startRel, layers);
  return out;
}

function pushLayer(layers: Layer[], root: string, relDir: string): void {
  const rules = readIgnoreFile(path.join(root, relDir, '.gitignore'));
  if (rules) layers.push({ base: relDir, rules });
}

function readIgnoreFile(file: string): Ignore | undefined {
  try {
    if (!fs.lstatSync(file).isFile()) return undefined;
    return ignore().add(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function isIgnored(layers: Layer[], rel: string, isDir: boolean): boolean {
  let ignored = false;
  for (const { base, rules } of layers) {
    if (base && !rel.startsWith(`${base}/`)) continue;
    const sub = base ? rel.slice(base.length + 1) : rel;
    const result = rules.test(isDir ? `${sub}/` : sub);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

function isGitDir(name: string): boolean {
  return name.toLowerCase() === '.git';
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
