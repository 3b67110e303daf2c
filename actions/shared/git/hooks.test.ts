import * as fs from 'node:fs';
import * as path from 'node:path';
import { cloneRepository } from './repo';
import { makeRemote, makeTempDir, rawGit, removeDir, testEnv, writeFiles } from './testing';
import type { GitPort } from './types';

/**
 * A checkout whose repository configuration names commands to run: hooks in .git/hooks and in a
 * core.hooksPath folder of the work tree, filter, diff and merge drivers named by the committed
 * .gitattributes (one of them from an included config file), an fsmonitor, and pack programs for
 * the remote. Every one of them appends its name to a marker file. The factory's own git (commit,
 * push, switch, fetch, merge, reset) must run none of them.
 */

const HOOKS = [
  'pre-commit',
  'prepare-commit-msg',
  'commit-msg',
  'post-commit',
  'pre-push',
  'reference-transaction',
  'post-checkout',
  'post-merge',
  'pre-merge-commit',
  'post-index-change',
  'post-rewrite',
  'pre-auto-gc',
];

const author = { name: 'Factory Bot', email: 'bot@example.com' };

describe('the factory git ignores what a repository configures to run', () => {
  let tmp: string;
  let env: Record<string, string>;
  let remote: string;
  let seed: string;
  let marker: string;
  let git: GitPort;

  /** A shell command that appends `name` to the marker file. */
  const mark = (name: string): string => `echo ${name} >> '${marker}'`;
  const marks = (): string[] => (fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8').split('\n').filter(Boolean) : []);
  const inWork = (...args: string[]) => rawGit(git.root, env, ...args);

  function writeHooks(dir: string, label: string): void {
    fs.mkdirSync(dir, { recursive: true });
    for (const hook of HOOKS) {
      const script = `#!/bin/sh\n${mark(`${label}:${hook}`)}\ncat >/dev/null 2>&1 || true\nexit 0\n`;
      fs.writeFileSync(path.join(dir, hook), script, { mode: 0o755 });
    }
  }

  /** What a hostile or careless hand could leave in the checkout's configuration. */
  function compromise(root: string): void {
    writeHooks(path.join(root, '.git', 'hooks'), 'git-dir-hook');
    writeHooks(path.join(root, 'tools', 'hooks'), 'hooks-path');
    const extra = path.join(tmp, 'extra.config');
    fs.writeFileSync(extra, `[filter "inc"]\n\tclean = ${mark('included-filter')}; cat\n\tsmudge = ${mark('included-filter')}; cat\n`);
    const set = (key: string, value: string) => rawGit(root, env, 'config', '--local', key, value);
    set('core.hooksPath', path.join(root, 'tools', 'hooks'));
    set('core.fsmonitor', mark('fsmonitor'));
    set('filter.evil.clean', `${mark('filter-clean')}; cat`);
    set('filter.evil.smudge', `${mark('filter-smudge')}; cat`);
    set('filter.evil.required', 'true');
    set('filter.odd=name.clean', `${mark('odd-filter')}; cat`);
    set('filter.proc.process', `${mark('filter-process')}; exit 1`);
    set('diff.evil.command', mark('diff-command'));
    set('diff.evil.textconv', `${mark('textconv')}; cat`);
    set('merge.evil.driver', `${mark('merge-driver')}; git merge-file %A %O %B`);
    set('remote.origin.receivepack', `${mark('receivepack')}; git-receive-pack`);
    set('remote.origin.uploadpack', `${mark('uploadpack')}; git-upload-pack`);
    set('include.path', extra);
  }

  beforeEach(async () => {
    tmp = makeTempDir();
    env = testEnv(tmp);
    marker = path.join(tmp, 'marker');
    ({ remote, seed } = makeRemote(tmp, env, {
      '.gitattributes': '*.txt filter=evil diff=evil merge=evil\n*.dat filter=proc\n*.inc filter=inc\n*.odd filter=odd=name\n',
      'notes.txt': 'one\ntwo\nthree\nfour\nfive\nsix\n',
      'README.md': 'hello\n',
    }));
    git = await cloneRepository({ remoteUrl: remote, dir: path.join(tmp, 'work'), defaultBranch: 'main', env });
    compromise(git.root);
  });

  afterEach(() => removeDir(tmp));

  it('commits and pushes without running hooks, filters, diff drivers or pack programs', async () => {
    const branch = 'factory/5-notes';
    await git.checkoutNewBranch(branch, 'origin/main');
    writeFiles(git.root, {
      'notes.txt': 'one\ntwo\nthree\nfour\nfive\nsix\nseven\n',
      'data.dat': 'data\n',
      'x.inc': 'included\n',
      'y.odd': 'odd\n',
    });
    const pending = (await git.pendingChanges()).map((f) => f.filename);
    expect(pending).toEqual(expect.arrayContaining(['notes.txt', 'data.dat', 'x.inc', 'y.odd', 'tools/hooks/pre-commit']));
    expect(await git.diff()).toContain('+seven');
    const sha = await git.commitAll('Add seven', { author });
    expect(sha).not.toBeNull();
    await expect(git.push(branch)).resolves.toEqual({ pushed: true, sha });
    expect(await git.branchExists(branch, 'remote')).toBe(true);
    await git.fetch('main');
    expect(await git.diff('origin/main')).toContain('+seven');

    expect(marks()).toEqual([]);
    // The blobs are the files as written: no clean filter touched them.
    expect(inWork('cat-file', 'blob', `${sha}:notes.txt`)).toBe('one\ntwo\nthree\nfour\nfive\nsix\nseven\n');
    expect(rawGit(remote, env, 'rev-parse', `refs/heads/${branch}`).trim()).toBe(sha);
  });

  it('fetches, merges and resets without running merge drivers, smudge filters or hooks', async () => {
    const branch = 'factory/6-merge';
    await git.checkoutNewBranch(branch, 'origin/main');
    writeFiles(git.root, { 'notes.txt': 'ONE\ntwo\nthree\nfour\nfive\nsix\n' });
    await git.commitAll('Shout one', { author });
    writeFiles(seed, { 'notes.txt': 'one\ntwo\nthree\nfour\nfive\nSIX\n' });
    rawGit(seed, env, 'commit', '--quiet', '-am', 'Shout six');
    rawGit(seed, env, 'push', '--quiet', 'origin', 'main');

    const merged = await git.mergeBase('main');
    expect(merged.ok).toBe(true);
    // A text merge of both sides, as git's own merge would make it.
    expect(fs.readFileSync(path.join(git.root, 'notes.txt'), 'utf8')).toBe('ONE\ntwo\nthree\nfour\nfive\nSIX\n');
    await git.resetHard('origin/main');
    await git.checkout(branch);

    expect(marks()).toEqual([]);
  });

  it('runs nothing inside a nested repository of the work tree', async () => {
    const nested = path.join(git.root, 'vendor', 'lib');
    fs.mkdirSync(nested, { recursive: true });
    rawGit(nested, env, 'init', '--quiet');
    writeFiles(nested, { '.gitattributes': '*.txt filter=nest\n', 'f.txt': 'aaa\n' });
    rawGit(nested, env, 'add', '--all');
    rawGit(nested, env, 'commit', '--quiet', '-m', 'nested');
    rawGit(nested, env, 'config', 'filter.nest.clean', `${mark('nested-filter')}; cat`);
    rawGit(nested, env, 'config', 'core.fsmonitor', mark('nested-fsmonitor'));
    writeHooks(path.join(nested, '.git', 'hooks'), 'nested-hook');
    // Same size, older time: git must read the file again (through the filter) to know whether it changed.
    fs.writeFileSync(path.join(nested, 'f.txt'), 'bbb\n');
    fs.utimesSync(path.join(nested, 'f.txt'), new Date(2000, 0, 1), new Date(2000, 0, 1));

    await git.checkoutNewBranch('factory/7-nested', 'origin/main');
    await git.pendingChanges();
    await git.commitAll('Vendor a library', { author });
    expect(marks()).toEqual([]);
  });

  it('would run them under plain git (the checkout is really hostile)', () => {
    writeFiles(git.root, { 'notes.txt': 'changed\n' });
    inWork('add', '--all');
    inWork('commit', '--quiet', '-m', 'plain');
    expect(marks()).toEqual(expect.arrayContaining(['filter-clean', 'hooks-path:pre-commit', 'hooks-path:post-commit']));
  });
});
