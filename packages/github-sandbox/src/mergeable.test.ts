import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GitRemotes } from './git';
import { type GitHubSandbox, startGitHubSandbox } from './index';
import { pushBranch, sandboxGraphql, sandboxOctokit, type SandboxOctokitInstance } from './testkit';

/**
 * Whether a pull request's base merges into its head, as GitHub reports it: computed by git,
 * `clean` while the head contains the base, `behind` once the base moved on and still merges,
 * `dirty` / CONFLICTING when it does not; update-branch refuses a conflicting one.
 */
const owner = 'acme';
const repo = 'shop';
let gh: GitHubSandbox;
let octokit: SandboxOctokitInstance;
let gql: ReturnType<typeof sandboxGraphql>;

beforeAll(async () => {
  gh = await startGitHubSandbox({ repos: [{ owner, repo, files: { 'README.md': '# shop\n', 'src/a.ts': 'export const a = 1;\n' } }] });
  octokit = sandboxOctokit(gh);
  gql = sandboxGraphql(gh);
});

afterAll(async () => {
  await gh.close();
});

afterEach(() => {
  expect(gh.violations.splice(0)).toEqual([]);
});

async function openPr(branch: string, files: Record<string, string>): Promise<number> {
  await pushBranch(gh, owner, repo, { branch, files });
  const pr = await octokit.rest.pulls.create({ owner, repo, head: branch, base: 'main', title: branch });
  return pr.data.number;
}

const STATE = `query($owner: String!, $name: String!, $number: Int!) {
  repository(owner: $owner, name: $name) { pullRequest(number: $number) { mergeable mergeStateStatus } }
}`;

async function rest(n: number): Promise<{ mergeable: boolean | null; rebaseable?: boolean | null; mergeable_state: string }> {
  const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: n });
  return { mergeable: data.mergeable, rebaseable: data.rebaseable ?? null, mergeable_state: data.mergeable_state };
}

async function graphql(n: number): Promise<{ mergeable: string; mergeStateStatus: string }> {
  const r = await gql<{ repository: { pullRequest: { mergeable: string; mergeStateStatus: string } } }>(STATE, {
    owner,
    name: repo,
    number: n,
  });
  return r.repository.pullRequest;
}

test('clean, then behind when the base moves on, then dirty when the base conflicts; REST and GraphQL agree', async () => {
  const n = await openPr('feat/readme', { 'README.md': '# shop (branch)\n' });
  expect(await rest(n)).toEqual({ mergeable: true, rebaseable: true, mergeable_state: 'clean' });
  expect(await graphql(n)).toEqual({ mergeable: 'MERGEABLE', mergeStateStatus: 'CLEAN' });

  // The base moves on in another file: the branch is behind but merges cleanly.
  await pushBranch(gh, owner, repo, { branch: 'main', files: { 'src/a.ts': 'export const a = 2;\n' } });
  expect(await rest(n)).toEqual({ mergeable: true, rebaseable: true, mergeable_state: 'behind' });
  expect(await graphql(n)).toEqual({ mergeable: 'MERGEABLE', mergeStateStatus: 'BEHIND' });

  // The base changes the same line: a conflict.
  await pushBranch(gh, owner, repo, { branch: 'main', files: { 'README.md': '# shop (main)\n' } });
  expect(await rest(n)).toEqual({ mergeable: false, rebaseable: false, mergeable_state: 'dirty' });
  expect(await graphql(n)).toEqual({ mergeable: 'CONFLICTING', mergeStateStatus: 'DIRTY' });
  await expect(octokit.rest.pulls.updateBranch({ owner, repo, pull_number: n })).rejects.toMatchObject({
    status: 422,
    message: expect.stringContaining('merge conflict between base and head'),
  });

  // The head resolves the conflict (merges the base in by hand): clean again.
  await pushBranch(gh, owner, repo, { branch: 'feat/readme', files: { 'README.md': '# shop (main)\n' } });
  expect((await rest(n)).mergeable_state).toBe('behind'); // same content, but the base's commits are not in the head yet
  const update = await octokit.rest.pulls.updateBranch({ owner, repo, pull_number: n });
  expect(update.status).toBe(202);
  expect(await rest(n)).toEqual({ mergeable: true, rebaseable: true, mergeable_state: 'clean' });
  expect(await graphql(n)).toEqual({ mergeable: 'MERGEABLE', mergeStateStatus: 'CLEAN' });
});

test('a merged or closed pull request has no mergeable state', async () => {
  const n = await openPr('feat/closed', { 'src/b.ts': 'export const b = 1;\n' });
  await octokit.rest.pulls.update({ owner, repo, pull_number: n, state: 'closed' });
  expect(await rest(n)).toEqual({ mergeable: null, rebaseable: null, mergeable_state: 'unknown' });
  expect(await graphql(n)).toEqual({ mergeable: 'UNKNOWN', mergeStateStatus: 'UNKNOWN' });
});

test('the answer is computed once per head and base oid pair (commits never change)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-mergeable-'));
  try {
    const git = new GitRemotes(dir);
    await git.init('o', 'r', 'main', { 'a.txt': 'a\n' });
    const bare = git.path('o', 'r');
    const base = (await git.branches('o', 'r')).get('main')!;
    await pushBranch({ gitRemotePath: () => bare }, 'o', 'r', { branch: 'feat', files: { 'a.txt': 'feat\n' } });
    const head = await pushBranch({ gitRemotePath: () => bare }, 'o', 'r', { branch: 'feat', files: { 'b.txt': 'b\n' } });
    const moved = await pushBranch({ gitRemotePath: () => bare }, 'o', 'r', { branch: 'main', files: { 'a.txt': 'main\n' } });
    expect(await git.mergeability('o', 'r', base, head)).toBe('clean');
    expect(await git.mergeability('o', 'r', moved, head)).toBe('dirty');
    // Without the repository git can no longer answer; the cached answers stand, a new pair is unknown.
    fs.rmSync(bare, { recursive: true, force: true });
    fs.mkdirSync(bare);
    expect(await git.mergeability('o', 'r', base, head)).toBe('clean');
    expect(await git.mergeability('o', 'r', moved, head)).toBe('dirty');
    expect(await git.mergeability('o', 'r', head, moved)).toBe('unknown');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
