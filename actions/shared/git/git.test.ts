import * as fs from 'node:fs';
import * as path from 'node:path';
import { branchName } from './branch';
import { GitPolicyError } from './errors';
import { checkChanges } from './guard';
import { cloneRepository, DEFAULT_IDENTITY, openGit } from './repo';
import { makeRemote, makeTempDir, rawGit, removeDir, testEnv, writeFiles } from './testing';
import type { ChangedFile, GitPort } from './types';

const author = { name: 'Factory Bot', email: 'bot@example.com' };
const ada = { name: 'Ada Lovelace', email: 'ada@example.com' };

const byName = (files: ChangedFile[]) => [...files].sort((a, b) => (a.filename < b.filename ? -1 : 1));

describe('git layer against a real bare repository', () => {
  let tmp: string;
  let env: Record<string, string>;
  let remote: string;
  let seed: string;
  let git: GitPort;

  beforeEach(async () => {
    tmp = makeTempDir();
    env = testEnv(tmp);
    ({ remote, seed } = makeRemote(tmp, env, {
      '.gitignore': 'dist/\n',
      'src/cart.ts': 'export const total = 1;\nexport const discount = 0;\n',
      'docs/old name.md': 'line one\nline two\nline three\nline four\n',
      'README.md': 'hello\n',
    }));
    git = await cloneRepository({ remoteUrl: remote, dir: path.join(tmp, 'work'), defaultBranch: 'main', env });
  });

  afterEach(() => removeDir(tmp));

  const remoteSha = (ref: string) => rawGit(remote, env, 'for-each-ref', '--format=%(objectname)', ref).trim();
  const inWork = (...args: string[]) => rawGit(git.root, env, ...args);

  it('clones, branches, commits with identity and co-author trailers, and pushes the branch', async () => {
    expect(await git.currentBranch()).toBe('main');
    expect(await git.headSha()).toBe(remoteSha('refs/heads/main'));

    const branch = branchName(12, 'Fix: Discount — applied twice!');
    expect(branch).toBe('factory/12-fix-discount-applied-twice');
    expect(await git.branchExists(branch, 'local')).toBe(false);
    await git.checkoutNewBranch(branch, 'origin/main');
    expect(await git.currentBranch()).toBe(branch);
    expect(await git.branchExists(branch, 'local')).toBe(true);
    expect(await git.branchExists(branch, 'remote')).toBe(false);

    writeFiles(git.root, { 'src/cart.ts': 'export const total = 1;\nexport const discount = 1;\n' });
    const sha = await git.commitAll('Fix discount applied twice\n\nFixes #12', {
      author,
      coAuthors: [ada, { name: 'Ada again', email: 'ADA@example.com' }, author],
    });
    expect(sha).toMatch(/^[0-9a-f]{40}$/);
    expect(sha).toBe(await git.headSha());

    const log = inWork('log', '-1', '--format=%an%n%ae%n%cn%n%ce%n%B');
    const [an, ae, cn, ce, ...body] = log.split('\n');
    expect([an, ae]).toEqual([author.name, author.email]);
    expect([cn, ce]).toEqual([DEFAULT_IDENTITY.name, DEFAULT_IDENTITY.email]);
    const message = body.join('\n');
    expect(message).toContain('Fix discount applied twice\n\nFixes #12');
    expect(message.match(/^Co-authored-by: .*$/gm)).toEqual(['Co-authored-by: Ada Lovelace <ada@example.com>']);

    await expect(git.push(branch)).resolves.toEqual({ pushed: true, sha });
    expect(remoteSha(`refs/heads/${branch}`)).toBe(sha);
    expect(await git.branchExists(branch, 'remote')).toBe(true);
    await expect(git.push(branch)).resolves.toEqual({ pushed: false, sha });
  });

  it('uses the given committer', async () => {
    await git.checkoutNewBranch('factory/1-x', 'origin/main');
    writeFiles(git.root, { 'new.txt': 'x\n' });
    await git.commitAll('Add x', { author, committer: ada });
    expect(inWork('log', '-1', '--format=%an|%cn|%ce').trim()).toBe(`${author.name}|${ada.name}|${ada.email}`);
  });

  it('refuses to push the default branch or a branch outside the prefix', async () => {
    const before = remoteSha('refs/heads/main');
    writeFiles(git.root, { 'README.md': 'changed\n' });
    await git.commitAll('Change readme', { author });

    const main = await git.push('main').catch((e: unknown) => e);
    expect(main).toBeInstanceOf(GitPolicyError);
    expect((main as GitPolicyError).rule).toBe('default-branch');

    await git.checkoutNewBranch('feature/x', 'HEAD');
    const feature = await git.push('feature/x').catch((e: unknown) => e);
    expect(feature).toBeInstanceOf(GitPolicyError);
    expect((feature as GitPolicyError).rule).toBe('branch-prefix');

    expect(remoteSha('refs/heads/main')).toBe(before);
    expect(remoteSha('refs/heads/feature/x')).toBe('');
  });

  it('honours a custom branch prefix', async () => {
    const custom = openGit({ root: git.root, defaultBranch: 'main', branchPrefix: 'bot/', env });
    await custom.checkoutNewBranch('bot/7', 'origin/main');
    writeFiles(git.root, { 'a.txt': 'a\n' });
    const sha = await custom.commitAll('a', { author });
    await expect(custom.push('bot/7')).resolves.toEqual({ pushed: true, sha });
    await expect(custom.push('factory/7')).rejects.toMatchObject({ rule: 'branch-prefix' });
  });

  it('pushes a branch handed over by name, never the default branch', async () => {
    const assist = openGit({ root: git.root, defaultBranch: 'main', extraBranches: ['feature/x', 'main'], env });
    await assist.checkoutNewBranch('feature/x', 'origin/main');
    writeFiles(git.root, { 'b.txt': 'b\n' });
    const sha = await assist.commitAll('b', { author });
    await expect(assist.push('feature/x')).resolves.toEqual({ pushed: true, sha });
    expect(remoteSha('refs/heads/feature/x')).toBe(sha);
    await expect(assist.push('feature/y')).rejects.toMatchObject({ rule: 'branch-prefix' });
    await expect(assist.push('main')).rejects.toMatchObject({ rule: 'default-branch' });
  });

  it('never force-pushes unless asked to, and then only with a lease', async () => {
    const branch = 'factory/3-rewrite';
    await git.checkoutNewBranch(branch, 'origin/main');
    writeFiles(git.root, { 'a.txt': 'first\n' });
    const first = await git.commitAll('first', { author });
    await git.push(branch);

    await git.resetHard('origin/main');
    writeFiles(git.root, { 'a.txt': 'second\n' });
    const second = await git.commitAll('second', { author });

    await expect(git.push(branch)).rejects.toMatchObject({ name: 'GitPolicyError', rule: 'force-push' });
    expect(remoteSha(`refs/heads/${branch}`)).toBe(first);

    await expect(git.push(branch, { forceWithLease: true })).resolves.toEqual({ pushed: true, sha: second });
    expect(remoteSha(`refs/heads/${branch}`)).toBe(second);
  });

  it('returns null when there is nothing to commit (ignored files do not count)', async () => {
    expect(await git.pendingChanges()).toEqual([]);
    writeFiles(git.root, { 'dist/bundle.js': 'built\n' });
    expect(await git.pendingChanges()).toEqual([]);
    const head = await git.headSha();
    expect(await git.commitAll('nothing', { author })).toBeNull();
    expect(await git.headSha()).toBe(head);
  });

  it('reports pending and committed changes with renames, spaces, deletions and line counts', async () => {
    await git.checkoutNewBranch('factory/5-changes', 'origin/main');
    fs.renameSync(path.join(git.root, 'docs/old name.md'), path.join(git.root, 'docs/new name.md'));
    writeFiles(git.root, {
      'docs/new name.md': 'line one\nline two\nline three\nline four\nline five\n',
      'src/with space.ts': 'export {};\nexport const a = 1;\n',
      'src/cart.ts': 'export const total = 2;\nexport const discount = 0;\n',
      'dist/ignored.js': 'x\n',
    });
    fs.rmSync(path.join(git.root, 'README.md'));
    inWork('add', 'src/cart.ts'); // staged and unstaged changes both count

    const expected: ChangedFile[] = [
      { filename: 'README.md', status: 'removed', additions: 0, deletions: 1 },
      { filename: 'docs/new name.md', status: 'renamed', previousFilename: 'docs/old name.md', additions: 1, deletions: 0 },
      { filename: 'src/cart.ts', status: 'modified', additions: 1, deletions: 1 },
      { filename: 'src/with space.ts', status: 'added', additions: 2, deletions: 0 },
    ];
    expect(byName(await git.pendingChanges())).toEqual(expected);
    // Looking at pending changes leaves the real index alone.
    expect(inWork('diff', '--cached', '--name-only').trim()).toBe('src/cart.ts');

    const pendingDiff = await git.diff();
    expect(pendingDiff).toContain('+++ b/src/with space.ts');
    expect(pendingDiff).toContain('rename to docs/new name.md');

    await git.commitAll('changes', { author });
    expect(await git.pendingChanges()).toEqual([]);
    expect(byName(await git.changedFiles('origin/main'))).toEqual(expected);

    const diff = await git.diff('origin/main');
    expect(diff).toContain('-export const total = 1;');
    expect(diff).toContain('+export const total = 2;');
    const short = await git.diff('origin/main', { maxBytes: 100 });
    expect(short.endsWith('\n[diff truncated at 100 bytes]\n')).toBe(true);
    expect(short.length).toBeLessThan(160);
  });

  it('uses three-dot semantics: commits on the base after the branch point are not ours', async () => {
    await git.checkoutNewBranch('factory/6-x', 'origin/main');
    writeFiles(git.root, { 'ours.txt': 'ours\n' });
    await git.commitAll('ours', { author });
    writeFiles(seed, { 'theirs.txt': 'theirs\n' });
    rawGit(seed, env, 'add', '--all');
    rawGit(seed, env, 'commit', '--quiet', '-m', 'theirs');
    rawGit(seed, env, 'push', '--quiet', 'origin', 'main');
    await git.fetch();

    expect((await git.changedFiles('origin/main')).map((f) => f.filename)).toEqual(['ours.txt']);
  });

  it('merges the base branch, and reports and aborts a conflicting merge', async () => {
    await git.checkoutNewBranch('factory/8-merge', 'origin/main');
    writeFiles(git.root, { 'src/cart.ts': 'export const total = 1;\nexport const discount = 5;\n' });
    await git.commitAll('ours', { author });

    writeFiles(seed, { 'other.txt': 'other\n' });
    rawGit(seed, env, 'add', '--all');
    rawGit(seed, env, 'commit', '--quiet', '-m', 'unrelated');
    rawGit(seed, env, 'push', '--quiet', 'origin', 'main');

    const clean = await git.mergeBase('main');
    expect(clean).toEqual({ ok: true, sha: await git.headSha() });
    expect(inWork('log', '-1', '--format=%P').trim().split(' ')).toHaveLength(2);
    expect(fs.readFileSync(path.join(git.root, 'other.txt'), 'utf8')).toBe('other\n');

    writeFiles(seed, { 'src/cart.ts': 'export const total = 1;\nexport const discount = 9;\n' });
    rawGit(seed, env, 'commit', '--quiet', '-am', 'conflicting');
    rawGit(seed, env, 'push', '--quiet', 'origin', 'main');

    const head = await git.headSha();
    expect(await git.mergeBase('main')).toEqual({ ok: false, conflicts: ['src/cart.ts'] });
    expect(await git.headSha()).toBe(head);
    expect(inWork('status', '--porcelain')).toBe('');
    expect(fs.existsSync(path.join(git.root, '.git', 'MERGE_HEAD'))).toBe(false);
  });

  it('keeps a conflicting merge in progress when asked; resolving it and commitAll records the merge commit', async () => {
    await git.checkoutNewBranch('factory/8-keep', 'origin/main');
    writeFiles(git.root, { 'src/cart.ts': 'export const total = 1;\nexport const discount = 5;\n' });
    await git.commitAll('ours', { author });
    writeFiles(seed, { 'src/cart.ts': 'export const total = 1;\nexport const discount = 9;\n' });
    rawGit(seed, env, 'commit', '--quiet', '-am', 'conflicting');
    rawGit(seed, env, 'push', '--quiet', 'origin', 'main');

    const head = await git.headSha();
    expect(await git.mergeBase('main', { keepConflicts: true })).toEqual({ ok: false, conflicts: ['src/cart.ts'] });
    expect(await git.headSha()).toBe(head);
    expect(fs.existsSync(path.join(git.root, '.git', 'MERGE_HEAD'))).toBe(true);
    expect(fs.readFileSync(path.join(git.root, 'src/cart.ts'), 'utf8')).toMatch(/^<<<<<<< /m);

    writeFiles(git.root, { 'src/cart.ts': 'export const total = 1;\nexport const discount = 7;\n' });
    const merged = await git.commitAll('Merge main', { author });
    expect(inWork('log', '-1', '--format=%P').trim().split(' ')).toHaveLength(2);
    expect(merged).toBe(await git.headSha());
    expect(fs.existsSync(path.join(git.root, '.git', 'MERGE_HEAD'))).toBe(false);
    expect((await git.changedFiles('origin/main')).map((f) => f.filename)).toEqual(['src/cart.ts']);
  });

  it('checks out an existing remote branch by name', async () => {
    writeFiles(seed, { 'b.txt': 'b\n' });
    rawGit(seed, env, 'checkout', '--quiet', '-b', 'factory/9-remote');
    rawGit(seed, env, 'add', '--all');
    rawGit(seed, env, 'commit', '--quiet', '-m', 'b');
    rawGit(seed, env, 'push', '--quiet', 'origin', 'factory/9-remote');

    expect(await git.branchExists('factory/9-remote', 'remote')).toBe(true);
    await git.fetch('factory/9-remote');
    await git.checkout('factory/9-remote');
    expect(await git.currentBranch()).toBe('factory/9-remote');
    expect(await git.headSha()).toBe(remoteSha('refs/heads/factory/9-remote'));
  });

  it('resetHard restores tracked files and removes untracked ones, keeping ignored ones', async () => {
    writeFiles(git.root, { 'README.md': 'edited\n', 'stray.txt': 'x\n', 'dist/keep.js': 'k\n' });
    await git.resetHard('HEAD');
    expect(fs.readFileSync(path.join(git.root, 'README.md'), 'utf8')).toBe('hello\n');
    expect(fs.existsSync(path.join(git.root, 'stray.txt'))).toBe(false);
    expect(fs.existsSync(path.join(git.root, 'dist/keep.js'))).toBe(true);
  });

  it('finds symbolic links in the real diff so the guard can refuse escapes', async () => {
    await git.checkoutNewBranch('factory/10-links', 'origin/main');
    fs.symlinkSync('/etc/passwd', path.join(git.root, 'passwd'));
    fs.symlinkSync('../src/cart.ts', path.join(git.root, 'docs/cart-link.ts'));
    const rules = { protectedPaths: [], maxFiles: 10, maxChangedLines: 100 };

    const pending = byName(await git.pendingChanges());
    expect(pending.map((f) => [f.filename, f.symlinkTarget])).toEqual([
      ['docs/cart-link.ts', '../src/cart.ts'],
      ['passwd', '/etc/passwd'],
    ]);
    expect(checkChanges(pending, rules)).toMatchObject({ ok: false, rule: 'symlink-escape', files: ['passwd'] });

    await git.commitAll('links', { author });
    const committed = await git.changedFiles('origin/main');
    expect(checkChanges(committed, rules)).toMatchObject({ ok: false, rule: 'symlink-escape', files: ['passwd'] });
    expect(
      checkChanges(
        committed.filter((f) => f.filename !== 'passwd'),
        rules,
      ),
    ).toEqual({ ok: true });
  });

  it('works in a clone of an empty repository (no HEAD commit yet)', async () => {
    const empty = path.join(tmp, 'empty.git');
    rawGit(tmp, env, 'init', '--quiet', '--bare', empty);
    const fresh = await cloneRepository({ remoteUrl: empty, dir: path.join(tmp, 'fresh'), defaultBranch: 'main', env });
    await expect(fresh.headSha()).rejects.toThrow(/does not point at a commit/);
    writeFiles(fresh.root, { 'a b.txt': 'one\ntwo\n' });
    expect(await fresh.pendingChanges()).toEqual([{ filename: 'a b.txt', status: 'added', additions: 2, deletions: 0 }]);
    const sha = await fresh.commitAll('first', { author });
    expect(sha).toBe(await fresh.headSha());
  });

  it('rejects option look-alikes and unsafe names before running git', async () => {
    await expect(git.checkout('--orphan')).rejects.toThrow(/invalid branch name/);
    await expect(git.checkoutNewBranch('factory/a', '--detach')).rejects.toThrow(/invalid git ref/);
    await expect(git.changedFiles('-p')).rejects.toThrow(/invalid git ref/);
    await expect(cloneRepository({ remoteUrl: 'ext::sh -c true', dir: path.join(tmp, 'x'), defaultBranch: 'main', env })).rejects.toThrow(
      /unsupported remote URL/,
    );
  });
});
