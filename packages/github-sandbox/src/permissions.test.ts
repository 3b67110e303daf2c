import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runGit } from './git';
import { servedMutations } from './graphql';
import { FORBIDDEN_MESSAGE, type GitHubSandbox, startGitHubSandbox } from './index';
import { GRAPHQL_MUTATION_PERMISSIONS, REST_PERMISSIONS } from './permissions';
import { ROUTES } from './server';
import { pushBranch, sandboxGraphql, sandboxOctokit } from './testkit';
import { webhookProblems } from './webhook-schemas';

let gh: GitHubSandbox;
let work: string;
const owner = 'acme';
const repo = 'app';

beforeAll(async () => {
  gh = await startGitHubSandbox({
    repos: [
      { owner, repo, files: { 'README.md': '# app\n' } },
      { owner, repo: 'secret', private: true, files: { 'a.txt': 'a\n' } },
    ],
  });
});
afterAll(async () => {
  // Every event the suite's changes emitted is what GitHub's webhook schemas describe.
  expect(webhookProblems(gh.events)).toEqual([]);
  await gh.close();
});
beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-perm-'));
});
afterEach(() => {
  fs.rmSync(work, { recursive: true, force: true });
  expect(gh.violations.splice(0)).toEqual([]);
});

const READ_ONLY = { contents: 'read', issues: 'read', 'pull-requests': 'read' } as const;

async function status(promise: Promise<unknown>): Promise<{ status: number; data?: unknown; headers?: Record<string, string> }> {
  try {
    const result = (await promise) as { status: number };
    return { status: result.status };
  } catch (e) {
    const error = e as { status: number; response?: { data: unknown; headers: Record<string, string> } };
    return { status: error.status, data: error.response?.data, headers: error.response?.headers ?? {} };
  }
}

/** `git` with the token sent the way the factory's git layer sends it (an extra header, never the URL). */
async function git(cwd: string, token: string | undefined, ...args: string[]) {
  const header = token ? ['-c', `http.extraheader=AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`] : [];
  return runGit([...header, ...args], { cwd });
}

describe('token permissions', () => {
  it('has a permission for every REST route and GraphQL mutation the sandbox serves', () => {
    const missing = ROUTES.map((r) => `${r.method} ${r.route}`).filter((key) => !(key in REST_PERMISSIONS));
    expect(missing).toEqual([]);
    expect(Object.keys(REST_PERMISSIONS).sort()).toEqual([...new Set(ROUTES.map((r) => `${r.method} ${r.route}`))].sort());
    expect(servedMutations(gh.state, { dataDir: '' } as never).sort()).toEqual(Object.keys(GRAPHQL_MUTATION_PERMISSIONS).sort());
  });

  it("answers a write beyond the token with GitHub's 403, naming the permissions that would do, and changes nothing", async () => {
    const issue = gh.state.createIssue(owner, repo, { title: 'Bug', user: 'maria' });
    const token = gh.mintToken({ permissions: READ_ONLY });
    const octokit = sandboxOctokit(gh, token);
    const before = gh.state.snapshot();

    expect((await status(octokit.rest.issues.get({ owner, repo, issue_number: issue.number }))).status).toBe(200);
    expect((await status(octokit.rest.repos.getContent({ owner, repo, path: 'README.md' }))).status).toBe(200);
    const denied = await status(octokit.rest.issues.createComment({ owner, repo, issue_number: issue.number, body: 'hi' }));
    expect(denied).toEqual({
      status: 403,
      data: {
        message: FORBIDDEN_MESSAGE,
        documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
        status: '403',
      },
      headers: expect.objectContaining({ 'x-accepted-github-permissions': 'issues=write' }),
    });
    const writes = [
      octokit.rest.issues.addLabels({ owner, repo, issue_number: issue.number, labels: ['x'] }),
      octokit.rest.issues.update({ owner, repo, issue_number: issue.number, title: 'Renamed' }),
      octokit.rest.issues.create({ owner, repo, title: 'New' }),
      octokit.rest.pulls.create({ owner, repo, title: 'PR', head: 'main', base: 'main' }),
      octokit.rest.actions.createWorkflowDispatch({ owner, repo, workflow_id: 'x.yml', ref: 'main' }),
    ];
    for (const write of writes) expect((await status(write)).status).toBe(403);
    expect(gh.state.snapshot()).toEqual(before);
    const recorded = gh.requests.filter((r) => r.actor === 'factory-bot[bot]' && r.status === 403);
    expect(recorded.map((r) => r.operationId)).toEqual([
      'issues/create-comment',
      'issues/add-labels',
      'issues/update',
      'issues/create',
      'pulls/create',
      'actions/create-workflow-dispatch',
    ]);
  });

  it('lets pull-requests:write comment on a pull request but not on an issue; merging needs contents:write', async () => {
    const issue = gh.state.createIssue(owner, repo, { title: 'Plain issue' });
    const sha = await pushBranch(gh, owner, repo, { branch: 'feat/a', files: { 'a.txt': 'a\n' } });
    const main = (await runGit(['rev-parse', 'main'], { cwd: gh.gitRemotePath(owner, repo) })).stdout.toString().trim();
    const { pull } = gh.state.createPullRequest(owner, repo, { title: 'A', head: 'feat/a', base: 'main', headSha: sha, baseSha: main });
    const octokit = sandboxOctokit(gh, gh.mintToken({ permissions: { 'pull-requests': 'write' } }));

    expect((await status(octokit.rest.issues.createComment({ owner, repo, issue_number: pull.number, body: 'on the PR' }))).status).toBe(
      201,
    );
    const onIssue = await status(octokit.rest.issues.createComment({ owner, repo, issue_number: issue.number, body: 'on the issue' }));
    expect(onIssue.status).toBe(403);
    const merge = await status(octokit.rest.pulls.merge({ owner, repo, pull_number: pull.number }));
    expect(merge).toMatchObject({
      status: 403,
      data: { message: FORBIDDEN_MESSAGE, documentation_url: 'https://docs.github.com/rest/pulls/pulls#merge-a-pull-request' },
    });
    expect(gh.state.findPull(`${owner}/${repo}`, pull.number)!.merged).toBe(false);
  });

  it("acts as the token's login; a token it did not mint keeps doing everything as the viewer", async () => {
    const issue = gh.state.createIssue(owner, repo, { title: 'Who writes' });
    const minted = sandboxOctokit(gh, gh.mintToken({ permissions: { issues: 'write' }, login: 'helper[bot]' }));
    const { data: mine } = await minted.rest.issues.createComment({ owner, repo, issue_number: issue.number, body: 'by the helper' });
    expect(mine.user?.login).toBe('helper[bot]');
    const { data: theirs } = await sandboxOctokit(gh, 'any-token').rest.issues.createComment({
      owner,
      repo,
      issue_number: issue.number,
      body: 'by the bot',
    });
    expect(theirs.user?.login).toBe('factory-bot[bot]');
    expect(() => gh.mintToken({ permissions: { issues: 'admin' as never } })).toThrow(/none, read or write/);
    expect(() => gh.mintToken({ permissions: { pages: 'read' } as never })).toThrow(/unknown permission pages/);
  });

  it('refuses a GraphQL mutation beyond the token with FORBIDDEN, as GitHub does', async () => {
    const sha = await pushBranch(gh, owner, repo, { branch: 'feat/b', files: { 'b.txt': 'b\n' } });
    const main = (await runGit(['rev-parse', 'main'], { cwd: gh.gitRemotePath(owner, repo) })).stdout.toString().trim();
    const { pull } = gh.state.createPullRequest(owner, repo, {
      title: 'B',
      head: 'feat/b',
      base: 'main',
      headSha: sha,
      baseSha: main,
      user: 'maria',
    });
    const comment = gh.state.addReviewComment(`${owner}/${repo}`, pull.number, {
      reviewId: null,
      path: 'b.txt',
      line: 1,
      body: 'why?',
      user: 'reviewer',
      commitId: sha,
    });
    const mutation = 'mutation Resolve($id: ID!) { resolveReviewThread(input: { threadId: $id }) { thread { isResolved } } }';

    const readOnly = sandboxGraphql(gh, gh.mintToken({ permissions: READ_ONLY }));
    const error = await readOnly(mutation, { id: comment.threadId }).then(
      () => undefined,
      (e: { errors?: unknown[]; data?: unknown }) => e,
    );
    expect(error?.errors).toEqual([
      expect.objectContaining({
        type: 'FORBIDDEN',
        message: FORBIDDEN_MESSAGE,
        path: ['resolveReviewThread'],
        extensions: { saml_failure: false },
      }),
    ]);
    expect(error?.data).toEqual({ resolveReviewThread: null });
    expect(gh.state.threads.find((t) => t.id === comment.threadId)!.isResolved).toBe(false);

    const writer = sandboxGraphql(gh, gh.mintToken({ permissions: { 'pull-requests': 'write' } }));
    await expect(writer(mutation, { id: comment.threadId })).resolves.toEqual({ resolveReviewThread: { thread: { isResolved: true } } });
  });
});

describe('git over HTTP', () => {
  it('clones with contents:read and refuses that token a push with 403; contents:write pushes', async () => {
    const url = gh.gitUrl(owner, repo);
    const reader = gh.mintToken({ permissions: READ_ONLY });
    const clone = await git(work, reader, 'clone', '--quiet', url, 'app');
    expect(clone.code).toBe(0);
    const dir = path.join(work, 'app');
    fs.writeFileSync(path.join(dir, 'new.txt'), 'new\n');
    await runGit(['add', '-A'], { cwd: dir });
    await runGit(['commit', '--quiet', '-m', 'new'], { cwd: dir });

    const refused = await git(dir, reader, 'push', '--quiet', 'origin', 'HEAD:refs/heads/factory/1-x');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('remote: Permission to acme/app.git denied to factory-bot[bot].');
    expect(refused.stderr).toContain('The requested URL returned error: 403');
    const branch = await runGit(['rev-parse', '--verify', '--quiet', 'refs/heads/factory/1-x'], { cwd: gh.gitRemotePath(owner, repo) });
    expect(branch.code).not.toBe(0);
    expect(gh.requests.filter((r) => r.git === 'git-receive-pack').map((r) => r.status)).toContain(403);

    const pusher = gh.mintToken({ permissions: { contents: 'write' } });
    const pushed = await git(dir, pusher, 'push', '--quiet', 'origin', 'HEAD:refs/heads/factory/1-x');
    expect(pushed.stderr).toBe('');
    expect(pushed.code).toBe(0);
    const head = (await runGit(['rev-parse', 'HEAD'], { cwd: dir })).stdout.toString().trim();
    expect((await runGit(['rev-parse', 'refs/heads/factory/1-x'], { cwd: gh.gitRemotePath(owner, repo) })).stdout.toString().trim()).toBe(
      head,
    );
  });

  it('asks for credentials to push anonymously or to read a private repository', async () => {
    const anonymous = await git(work, undefined, 'clone', '--quiet', gh.gitUrl(owner, 'secret'), 'secret');
    expect(anonymous.code).not.toBe(0);
    expect(anonymous.stderr).toMatch(/could not read Username|Authentication failed|terminal prompts disabled/);
    const none = gh.mintToken({ permissions: { issues: 'read' } });
    const denied = await git(work, none, 'clone', '--quiet', gh.gitUrl(owner, 'secret'), 'secret2');
    expect(denied.stderr).toContain('Permission to acme/secret.git denied');

    const publicClone = await git(work, undefined, 'clone', '--quiet', gh.gitUrl(owner, repo), 'pub');
    expect(publicClone.code).toBe(0);
    const anonymousPush = await git(path.join(work, 'pub'), undefined, 'push', '--quiet', 'origin', 'HEAD:refs/heads/factory/anon');
    expect(anonymousPush.code).not.toBe(0);
  });
});
