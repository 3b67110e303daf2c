import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ToolRefusal } from '../tool';
import { makeTempDir, removeDir, writeFiles } from './test-helpers';
import { createWorkspace, type Workspace } from './workspace';

const PROTECTED = ['.github/**', 'action.yml', '**/action.yml', 'package-lock.json'];

function refusalOf(fn: () => unknown): ToolRefusal {
  try {
    fn();
  } catch (e) {
    if (e instanceof ToolRefusal) return e;
    throw e;
  }
  throw new Error('expected a ToolRefusal');
}

describe('createWorkspace', () => {
  let root: string;
  let outside: string;
  let ws: Workspace;

  beforeEach(() => {
    root = makeTempDir();
    outside = makeTempDir('factory-outside-');
    writeFiles(root, { 'src/a.ts': 'a', '.git/config': '[core]', 'docs/readme.md': 'r' });
    writeFiles(outside, { 'secret.txt': 'secret' });
    ws = createWorkspace(root, { protectedPaths: PROTECTED });
  });

  afterEach(() => {
    removeDir(root);
    removeDir(outside);
  });

  it('resolves relative, nested and not-yet-existing paths to real paths inside the root', () => {
    expect(ws.resolve('src/a.ts')).toBe(path.join(root, 'src', 'a.ts'));
    expect(ws.resolve('./src/../docs/readme.md')).toBe(path.join(root, 'docs', 'readme.md'));
    expect(ws.resolve('.')).toBe(root);
    expect(ws.resolve('new/dir/file.ts')).toBe(path.join(root, 'new', 'dir', 'file.ts'));
    expect(ws.resolve(path.join(root, 'src', 'a.ts'))).toBe(path.join(root, 'src', 'a.ts'));
    expect(ws.relative(path.join(root, 'src', 'a.ts'))).toBe('src/a.ts');
  });

  it('accepts file names that merely start with two dots', () => {
    expect(ws.resolve('..hidden')).toBe(path.join(root, '..hidden'));
  });

  it.each([
    ['../../etc/passwd'],
    ['/etc/passwd'],
    ['~/.ssh/id_rsa'],
    ['/proc/self/environ'],
    ['src/../../outside.txt'],
    ['src/a.ts\0.png'],
  ])('refuses %j as a workspace escape', (p) => {
    const refusal = refusalOf(() => ws.resolve(p));
    expect(refusal.rule).toBe('workspace-escape');
    expect(refusal.message).toContain('outside the workspace');
  });

  it('refuses a symlink to /etc inside the workspace, for reads and writes below it', () => {
    fs.symlinkSync('/etc', path.join(root, 'etc-link'));
    expect(refusalOf(() => ws.resolve('etc-link/passwd')).rule).toBe('workspace-escape');
    expect(refusalOf(() => ws.resolve('etc-link')).rule).toBe('workspace-escape');
    expect(refusalOf(() => ws.assertWritable('etc-link/new-file')).rule).toBe('workspace-escape');
  });

  it('refuses symlinked files and directories that lead outside, and dangling symlinks', () => {
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'src', 'secret.txt'));
    fs.symlinkSync(outside, path.join(root, 'src', 'out'));
    fs.symlinkSync(path.join(outside, 'missing.txt'), path.join(root, 'dangling.txt'));
    expect(refusalOf(() => ws.resolve('src/secret.txt')).message).toContain('symlink that leads outside');
    expect(refusalOf(() => ws.assertWritable('src/out/new.txt')).rule).toBe('workspace-escape');
    // Writing through a dangling link would create a file outside the workspace.
    expect(refusalOf(() => ws.assertWritable('dangling.txt')).message).toContain('dangling symlink');
  });

  it('follows symlinks that stay inside the workspace to their real path', () => {
    fs.symlinkSync(path.join(root, 'src'), path.join(root, 'source'));
    expect(ws.resolve('source/a.ts')).toBe(path.join(root, 'src', 'a.ts'));
  });

  it('refuses a symlink whose target is the workspace parent via relative ..', () => {
    fs.symlinkSync('..', path.join(root, 'up'));
    expect(refusalOf(() => ws.resolve('up/secret.txt')).rule).toBe('workspace-escape');
  });

  it('refuses .git internals, directly, by case variant and through a symlink', () => {
    expect(refusalOf(() => ws.resolve('.git/config')).rule).toBe('git-internals');
    expect(refusalOf(() => ws.resolve('.git')).rule).toBe('git-internals');
    expect(refusalOf(() => ws.resolve('.GIT/HEAD')).rule).toBe('git-internals');
    expect(refusalOf(() => ws.assertWritable('sub/.git/hooks/pre-commit')).rule).toBe('git-internals');
    fs.symlinkSync(path.join(root, '.git'), path.join(root, 'innocent'));
    expect(refusalOf(() => ws.resolve('innocent/config')).rule).toBe('git-internals');
  });

  it.each([
    ['.GITHUB/workflows/x.yml', 'another case'],
    ['.github\u2215workflows/x.yml', 'U+2215 in place of the slash'],
    ['.g\u0456thub/workflows/x.yml', 'a Cyrillic i'],
    ['\uFF0Egithub/workflows/x.yml', 'a fullwidth dot'],
  ])('refuses writes to %s (%s), as policy compares paths', (p) => {
    expect(refusalOf(() => ws.assertWritable(p)).rule).toBe('protected-path');
  });

  it('refuses writes to protected paths, including through a symlink, unless allowed', () => {
    const workflow = refusalOf(() => ws.assertWritable('.github/workflows/x.yml'));
    expect(workflow.rule).toBe('protected-path');
    expect(workflow.message).toContain('.github/workflows/x.yml');
    expect(refusalOf(() => ws.assertWritable('action.yml')).rule).toBe('protected-path');
    expect(refusalOf(() => ws.assertWritable('actions/x/action.yml')).rule).toBe('protected-path');

    writeFiles(root, { 'action.yml': 'name: x' });
    fs.symlinkSync(path.join(root, 'action.yml'), path.join(root, 'harmless.txt'));
    expect(refusalOf(() => ws.assertWritable('harmless.txt')).rule).toBe('protected-path');

    expect(ws.assertWritable('src/a.ts')).toBe(path.join(root, 'src', 'a.ts'));
    // Reading a protected file is fine.
    expect(ws.resolve('.github/workflows/x.yml')).toBe(path.join(root, '.github', 'workflows', 'x.yml'));

    const trusted = createWorkspace(root, { protectedPaths: PROTECTED, allowProtectedWrites: true });
    expect(trusted.assertWritable('.github/workflows/x.yml')).toBe(path.join(root, '.github', 'workflows', 'x.yml'));
  });

  it('accepts a root given through a symlink and reports the real root', () => {
    const linkParent = makeTempDir('factory-link-');
    try {
      const link = path.join(linkParent, 'ws');
      fs.symlinkSync(root, link);
      const viaLink = createWorkspace(link, { protectedPaths: [] });
      expect(viaLink.root).toBe(root);
      expect(viaLink.resolve(path.join(link, 'src', 'a.ts'))).toBe(path.join(root, 'src', 'a.ts'));
      expect(refusalOf(() => viaLink.resolve(path.join(os.tmpdir(), 'x'))).rule).toBe('workspace-escape');
    } finally {
      removeDir(linkParent);
    }
  });
});
