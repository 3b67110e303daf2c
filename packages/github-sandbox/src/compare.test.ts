import { type GitHubSandbox, startGitHubSandbox } from './index';
import { pushBranch, sandboxOctokit, type SandboxOctokitInstance } from './testkit';

const owner = 'acme';
const repo = 'shop';
let gh: GitHubSandbox;
let octokit: SandboxOctokitInstance;

const lines = (n: number, change: Record<number, string> = {}) =>
  Array.from({ length: n }, (_, i) => change[i + 1] ?? `line ${i + 1}`).join('\n') + '\n';

beforeAll(async () => {
  gh = await startGitHubSandbox({ repos: [{ owner, repo, files: { 'src/a.txt': lines(20), 'README.md': '# shop\n' } }] });
  octokit = sandboxOctokit(gh);
});

afterAll(async () => {
  await gh.close();
});

afterEach(() => {
  // Every request and response held to GitHub's OpenAPI description.
  expect(gh.violations.splice(0)).toEqual([]);
});

const compare = (basehead: string) => octokit.request('GET /repos/{owner}/{repo}/compare/{basehead}', { owner, repo, basehead });

describe('GET /repos/{owner}/{repo}/compare/{basehead}', () => {
  it('returns the commits and the files changed since the merge base, with patches from git', async () => {
    const first = await pushBranch(gh, owner, repo, { branch: 'feature/x', files: { 'src/a.txt': lines(20, { 5: 'five' }) } });
    const second = await pushBranch(gh, owner, repo, {
      branch: 'feature/x',
      files: { 'src/a.txt': lines(20, { 5: 'five', 15: 'fifteen' }) },
    });

    const { data } = await compare(`${first}...${second}`);

    expect(data).toMatchObject({ status: 'ahead', ahead_by: 1, behind_by: 0, total_commits: 1 });
    expect(data.commits.map((c) => c.sha)).toEqual([second]);
    expect(data.commits[0]!.parents.map((p) => p.sha)).toEqual([first]);
    expect(data.merge_base_commit.sha).toBe(first);
    expect(data.files).toHaveLength(1);
    expect(data.files![0]).toMatchObject({ filename: 'src/a.txt', status: 'modified', additions: 1, deletions: 1 });
    expect(data.files![0]!.patch).toContain('-line 15\n+fifteen');
    expect(data.files![0]!.patch).not.toContain('five\n');
  });

  it('takes branch names (with slashes) and says diverged when the base is not an ancestor', async () => {
    await pushBranch(gh, owner, repo, { branch: 'feature/y', files: { 'README.md': '# shop!\n' } });
    const { data: ahead } = await compare('main...feature/y');
    expect(ahead).toMatchObject({ status: 'ahead', ahead_by: 1 });
    expect(ahead.files!.map((f) => f.filename)).toEqual(['README.md']);

    const { data: diverged } = await compare('feature/x...feature/y');
    expect(diverged.status).toBe('diverged');
    expect(diverged.files!.map((f) => f.filename)).toEqual(['README.md']);
    const { data: identical } = await compare('main...main');
    expect(identical).toMatchObject({ status: 'identical', ahead_by: 0, behind_by: 0, commits: [] });
  });

  it('answers 404 for an unknown commit', async () => {
    await expect(compare(`main...${'f'.repeat(40)}`)).rejects.toMatchObject({ status: 404 });
  });
});
