import * as path from 'node:path';
import { cloneRepository, type GitPort } from '../git';
import { makeRemote, makeTempDir, rawGit, removeDir, testEnv, writeFiles } from '../git/testing';
import type { GitHub, GitHubReader, GitHubWriter, PullRequest } from '../github/types';
import type { OpenPullRequestIntent, PushIntent } from '../policy/intents';
import { createRedactor } from '../security';
import { createGitApplier, GitApplyRefusal, isGitApplyRefusal, noreplyIdentity, type GitApplierOptions } from './git-applier';

/** Real git against a bare repository; GitHub is a small in-memory stand-in for pull requests. */
const BRANCH = 'factory/7-fix-total';
const SECRET = 'sk-ant-api03-applierTestSecret-0123456789abcdef';
const bot = { name: 'Factory Bot', email: 'bot@example.com' };

function fakeGitHub(): GitHub & { prs: PullRequest[] } {
  // A fork's pull request from a branch of the same name is not ours.
  const fork = {
    number: 1,
    title: 'x',
    body: '',
    state: 'open',
    head: { ref: BRANCH, sha: '', repoFullName: 'mallory/shop' },
    base: { ref: 'main', sha: '' },
    author: { login: 'mallory', type: 'User' },
  };
  const prs: PullRequest[] = [fork as PullRequest];
  const reader = {
    repo: { owner: 'acme', repo: 'shop' },
    listPullRequests: async (q: { head?: string } = {}) => prs.filter((p) => p.state === 'open' && (!q.head || p.head.ref === q.head)),
  } as unknown as GitHubReader;
  const writer = {
    repo: { owner: 'acme', repo: 'shop' },
    createPullRequest: async (input: { title: string; body: string; head: string; base: string }) => {
      const pr = {
        number: prs.length + 9,
        title: input.title,
        body: input.body,
        state: 'open',
        head: { ref: input.head, sha: '', repoFullName: 'acme/shop' },
        base: { ref: input.base, sha: '' },
        author: { login: 'factory-bot[bot]', type: 'Bot' },
      } as PullRequest;
      prs.push(pr);
      return pr;
    },
    updatePullRequest: async (n: number, input: { title?: string; body?: string }) =>
      Object.assign(
        prs.find((p) => p.number === n)!,
        input,
      ),
  } as unknown as GitHubWriter;
  return { reader, writer, prs };
}

describe('git applier', () => {
  let tmp: string;
  let remote: string;
  let git: GitPort;
  let env: Record<string, string>;
  let github: ReturnType<typeof fakeGitHub>;

  beforeEach(async () => {
    tmp = makeTempDir();
    env = testEnv(tmp);
    ({ remote } = makeRemote(tmp, env, {
      'README.md': 'shop\n',
      'src/total.js': 'module.exports = 1;\n',
      '.github/workflows/ci.yml': 'on: push\n',
    }));
    git = await cloneRepository({ remoteUrl: remote, dir: path.join(tmp, 'work'), defaultBranch: 'main', env });
    await git.checkoutNewBranch(BRANCH, 'origin/main');
    github = fakeGitHub();
  });

  afterEach(() => removeDir(tmp));

  const applier = (over: Partial<GitApplierOptions> = {}) =>
    createGitApplier({
      git,
      github,
      defaultBranch: 'main',
      branch: BRANCH,
      rules: { protectedPaths: ['.github/**'], maxFiles: 5, maxChangedLines: 50 },
      commit: { message: 'Fix the total (#7)\n\nFixes #7\n', author: bot, coAuthors: [noreplyIdentity({ login: 'alice', id: 42 })] },
      redactor: createRedactor([SECRET]),
      prMarker: { kind: 'feature-builder', key: 'pr.7' },
      ...over,
    });
  const push = (files: string[] = ['src/total.js'], branch = BRANCH): PushIntent => ({ kind: 'push', branch, files });
  const pr: OpenPullRequestIntent = {
    kind: 'open_pull_request',
    title: 'Fix the total',
    body: 'Thanks @alice, fixes #9.',
    head: BRANCH,
    base: 'main',
    fixes: 7,
  };
  const remoteBranch = () => rawGit(remote, env, 'for-each-ref', '--format=%(objectname)', `refs/heads/${BRANCH}`).trim();
  const refusalOf = async (p: Promise<unknown>) => {
    const e = await p.catch((x: unknown) => x);
    if (!isGitApplyRefusal(e)) throw new Error(`expected a refusal, got ${String(e)}`);
    return e.rule;
  };

  it('commits with the identity and co-author, pushes the branch, and opens one pull request', async () => {
    writeFiles(git.root, { 'src/total.js': 'module.exports = 2;\n' });
    const a = applier();

    expect(await a.push(push())).toMatchObject({ status: 'applied' });
    expect(remoteBranch()).toBe(await git.headSha());
    const log = rawGit(remote, env, 'log', '-1', '--format=%an <%ae>%n%B', BRANCH);
    expect(log).toContain('Factory Bot <bot@example.com>');
    expect(log).toContain('Co-authored-by: alice <42+alice@users.noreply.github.com>');
    expect(a.pushed?.files.map((f) => f.filename)).toEqual(['src/total.js']);

    expect(await a.openPullRequest(pr)).toMatchObject({ status: 'applied', detail: 'opened pull request #10' });
    const body = github.prs[1]!.body;
    expect(body.startsWith('<!-- factory:feature-builder:pr.7 -->\n')).toBe(true);
    // Model text is neutralized; the applier writes the closing keyword itself.
    expect(body).toContain('Thanks @ alice, fixes (#9).');
    expect(body).toContain('Fixes #7');

    // A second run finds the pull request by its head branch and opens nothing.
    expect(await applier().openPullRequest(pr)).toMatchObject({ status: 'unchanged' });
    expect(github.prs).toHaveLength(2);
  });

  it('computes the real diff: a protected file the model did not list is refused', async () => {
    writeFiles(git.root, { 'src/total.js': 'module.exports = 2;\n', '.github/workflows/ci.yml': 'on: [push, pull_request]\n' });
    const a = applier();
    expect(await refusalOf(a.push(push(['src/total.js'])))).toBe('guard');
    expect(a.refusal?.message).toContain('.github/workflows/ci.yml');
    expect(remoteBranch()).toBe('');
  });

  it('refuses a secret anywhere in the diff', async () => {
    writeFiles(git.root, { 'src/total.js': `module.exports = '${SECRET}';\n` });
    expect(await refusalOf(applier().push(push()))).toBe('secret-in-diff');
    expect(remoteBranch()).toBe('');
  });

  it.each([
    ['reversed', [...SECRET].reverse().join('')],
    ['hex-encoded', Buffer.from(SECRET).toString('hex')],
    ['base64-encoded', Buffer.from(SECRET).toString('base64')],
    ['split over lines in 4-character pieces', SECRET.match(/.{1,4}/g)!.join("',\n  '")],
  ])('refuses a secret %s in a pushed file', async (_label, form) => {
    writeFiles(git.root, { 'src/total.js': `module.exports = ['${form}'];\n` });
    expect(await refusalOf(applier().push(push()))).toBe('secret-in-diff');
    expect(remoteBranch()).toBe('');
  });

  it('refuses a secret in the commit message, and in the pull request title or body', async () => {
    writeFiles(git.root, { 'src/total.js': 'module.exports = 2;\n' });
    const reversed = [...SECRET].reverse().join('');
    const leaky = applier({ commit: { message: `Fix the total\n\n${reversed}\n`, author: bot } });
    expect(await refusalOf(leaky.push(push()))).toBe('secret-in-output');
    expect(leaky.refusal?.message).not.toContain(reversed);
    expect(remoteBranch()).toBe('');

    const a = applier();
    await a.push(push());
    const hex = Buffer.from(SECRET).toString('hex');
    expect(await refusalOf(a.openPullRequest({ ...pr, body: `debug ${hex}` }))).toBe('secret-in-output');
    expect(await refusalOf(a.openPullRequest({ ...pr, title: SECRET.match(/.{1,4}/g)!.join(' ') }))).toBe('secret-in-output');
    expect(github.prs).toHaveLength(1);
  });

  it('pushes only its own branch, only with changes, only when policy and the checks agree', async () => {
    expect(await refusalOf(applier().push(push(['src/total.js'], 'factory/other')))).toBe('wrong-branch');
    expect(await refusalOf(applier().push(push()))).toBe('no-changes');

    writeFiles(git.root, { 'src/total.js': 'module.exports = 2;\n' });
    const seen: string[][] = [];
    const policy = applier({ checkPolicy: (_i, files) => (seen.push(files.map((f) => f.filename)), 'src/** is protected here') });
    expect(await refusalOf(policy.push(push([])))).toBe('policy');
    expect(seen).toEqual([['src/total.js']]);

    const failing = applier({ beforePush: async () => Promise.reject(new GitApplyRefusal('checks', 'tests fail')) });
    expect(await refusalOf(failing.push(push()))).toBe('checks');
    expect(remoteBranch()).toBe('');
    expect(await refusalOf(applier().openPullRequest(pr))).toBe('not-pushed');
  });
});
