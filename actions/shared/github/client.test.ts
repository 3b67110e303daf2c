/**
 * Acceptance tests of the GitHub layer against the GitHub sandbox: real Octokit (retry and
 * throttling plugins included) over loopback, every request held to GitHub's REST and GraphQL
 * contracts by the sandbox.
 */
import { refusedUrl, startGitHubSandbox, type GitHubSandbox, UNRESOLVABLE_URL } from '@software-factory/github-sandbox';
import { pushBranch } from '@software-factory/github-sandbox/testkit';
import { MemoryLogger } from '../ports';
import { createGitHub, defaultOctokitFactory, GitHubApiError, type GitHubClientOptions, type OctokitFactory } from './client';
import { marker } from './markers';
import type { GitHub, PullRequest } from './types';

const REPO = { owner: 'acme', repo: 'app' };
const BOT = 'factory-bot[bot]';
const FULL = 'acme/app';

let sandbox: GitHubSandbox;
let logger: MemoryLogger;
let gh: GitHub;

function client(extra: Partial<GitHubClientOptions> = {}): GitHub {
  return createGitHub({
    token: 'sandbox-token',
    repo: REPO,
    baseUrl: sandbox.url,
    logger,
    delayScale: 0.001,
    throttle: { spaceWrites: false },
    ...extra,
  });
}

/** Requests the sandbox saw for one method and path (pathname or RegExp). */
function attempts(method: string, path: string | RegExp) {
  return sandbox.requests.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)));
}

beforeAll(async () => {
  sandbox = await startGitHubSandbox({
    repos: [
      {
        ...REPO,
        files: { 'README.md': '# app\n', 'src/index.ts': 'export const x = 1;\n' },
        labels: [{ name: 'bug', color: 'd73a4a', description: 'Something is broken' }],
        allowAutoMerge: true,
      },
    ],
  });
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(() => {
  logger = new MemoryLogger();
  gh = client();
  sandbox.faults.clear();
  sandbox.resetRequests();
});

afterEach(() => {
  // Every request this layer sent must be one GitHub would accept.
  expect(sandbox.violations).toEqual([]);
});

describe('repository and contents', () => {
  it('reads the repository and files, missing files as undefined', async () => {
    const repo = await gh.reader.getRepository();
    expect(repo).toMatchObject({ fullName: FULL, defaultBranch: 'main', private: false });
    expect(repo.nodeId).toBeTruthy();
    expect(await gh.reader.getFileContent('src/index.ts')).toBe('export const x = 1;\n');
    expect(await gh.reader.getFileContent('README.md', 'main')).toBe('# app\n');
    expect(await gh.reader.getFileContent('nope/missing.md')).toBeUndefined();
  });

  it('reads the repository once per client (a job), and again after a failed read', async () => {
    sandbox.faults.add({ method: 'GET', path: `/repos/${FULL}`, status: 500, times: 4 });
    await expect(gh.reader.getRepository()).rejects.toThrow(/answered 500/);
    const [first, second] = await Promise.all([gh.reader.getRepository(), gh.reader.getRepository()]);
    expect(second).toEqual(first);
    // A caller changing its copy changes nobody else's.
    first.defaultBranch = 'changed';
    expect((await gh.reader.getRepository()).defaultBranch).toBe('main');
    expect(attempts('GET', `/repos/${FULL}`).map((r) => r.status)).toEqual([500, 500, 500, 500, 200]);
    // Another client (another job) reads it afresh.
    await client().reader.getRepository();
    expect(attempts('GET', `/repos/${FULL}`)).toHaveLength(6);
  });

  it('reads a file over 1 MB through the raw media type', async () => {
    const big = `${'// filler\n'.repeat(110_000)}export const end = true;\n`;
    await sandbox.addRepo({ owner: 'acme', repo: 'large', files: { 'big.ts': big } });
    const large = client({ repo: { owner: 'acme', repo: 'large' } });
    expect(await large.reader.getFileContent('big.ts')).toBe(big);
    // The JSON answer came without content, so the reader asked again for the raw bytes.
    expect(attempts('GET', '/repos/acme/large/contents/big.ts')).toHaveLength(2);
  });
});

describe('issues, labels, comments', () => {
  it('creates, reads, lists (REST and GraphQL pages), searches and closes issues', async () => {
    const created = await gh.writer.createIssue({ title: 'Login fails on Safari', body: 'Steps...', labels: ['bug'] });
    expect(created).toMatchObject({ title: 'Login fails on Safari', state: 'open', labels: ['bug'], isPullRequest: false });
    expect(created.author.login).toBe('factory-bot[bot]');

    const got = await gh.reader.getIssue(created.number);
    expect(got).toMatchObject({ number: created.number, id: created.id, nodeId: created.nodeId, body: 'Steps...' });

    const listed = await gh.reader.listIssues({ labels: ['bug'] });
    expect(listed.map((i) => i.number)).toContain(created.number);

    const page = await gh.reader.listIssuesPage({ labels: ['bug'] });
    expect(page.issues.map((i) => i.number)).toContain(created.number);
    expect(page.issues.find((i) => i.number === created.number)).toMatchObject({ id: created.id, labels: ['bug'], state: 'open' });
    expect(page.hasNextPage).toBe(false);

    const found = await gh.reader.searchIssues('Safari in:title');
    expect(found.map((i) => i.number)).toEqual([created.number]);

    const closed = await gh.writer.updateIssue(created.number, { state: 'closed', stateReason: 'not_planned', title: 'Login fails' });
    expect(closed).toMatchObject({ state: 'closed', stateReason: 'not_planned', title: 'Login fails' });
    expect((await gh.reader.listIssues({ state: 'closed' })).map((i) => i.number)).toContain(created.number);
    expect((await gh.reader.listIssues()).map((i) => i.number)).not.toContain(created.number);
  });

  it('pages through issues with GraphQL cursors, oldest first', async () => {
    for (let i = 0; i < 3; i++) await gh.writer.createIssue({ title: `paged ${i}`, body: '', labels: ['paged'] });
    const first = await gh.reader.listIssuesPage({ labels: ['paged'], first: 2 });
    expect(first.issues.map((i) => i.title)).toEqual(['paged 0', 'paged 1']);
    expect(first.hasNextPage).toBe(true);
    const second = await gh.reader.listIssuesPage({ labels: ['paged'], first: 2, after: first.endCursor });
    expect(second.issues.map((i) => i.title)).toEqual(['paged 2']);
    expect(second.hasNextPage).toBe(false);
  });

  it('ensureLabels creates missing labels and fixes drift, then does nothing', async () => {
    const defs = [
      { name: 'bug', color: '#B60205', description: 'Something is broken' },
      { name: 'factory:ready', color: '0e8a16', description: 'Ready to build' },
    ];
    expect(await gh.writer.ensureLabels(defs)).toEqual(['bug', 'factory:ready']);
    const stored = sandbox.state.labels.filter((l) => l.repo === FULL);
    expect(stored.find((l) => l.name === 'bug')).toMatchObject({ color: 'b60205' });
    expect(stored.find((l) => l.name === 'factory:ready')).toMatchObject({ color: '0e8a16', description: 'Ready to build' });
    sandbox.resetRequests();
    expect(await gh.writer.ensureLabels(defs)).toEqual([]);
    expect(sandbox.requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('adds and removes labels; removing an absent label is fine', async () => {
    const issue = await gh.writer.createIssue({ title: 'labels', body: '' });
    await gh.writer.addLabels(issue.number, ['bug', 'priority:p1']);
    expect((await gh.reader.getIssue(issue.number)).labels.sort()).toEqual(['bug', 'priority:p1']);
    await gh.writer.removeLabel(issue.number, 'bug');
    await gh.writer.removeLabel(issue.number, 'not-there');
    expect((await gh.reader.getIssue(issue.number)).labels).toEqual(['priority:p1']);
  });

  it('creates, updates, lists and finds comments by marker', async () => {
    const issue = await gh.writer.createIssue({ title: 'comments', body: '' });
    const c1 = await gh.writer.createComment(issue.number, 'plain');
    const c2 = await gh.writer.createComment(issue.number, `${marker({ kind: 'plan', key: '1' })}\nthe plan`);
    const edited = await gh.writer.updateComment(c1.id, 'plain, edited');
    expect(edited).toMatchObject({ id: c1.id, body: 'plain, edited' });
    const list = await gh.reader.listComments(issue.number);
    expect(list.map((c) => c.id)).toEqual([c1.id, c2.id]);
    expect(list[0]!.author).toEqual({ login: 'factory-bot[bot]', type: 'Bot' });
    expect((await gh.reader.findCommentByMarker(issue.number, { kind: 'plan', key: '1' }, 'factory-bot[bot]'))?.id).toBe(c2.id);
    expect(await gh.reader.findCommentByMarker(issue.number, { kind: 'plan', key: '2' }, 'factory-bot[bot]')).toBeUndefined();
    // A marker only counts in a comment the given login wrote.
    expect(await gh.reader.findCommentByMarker(issue.number, { kind: 'plan', key: '1' }, 'mallory')).toBeUndefined();
  });

  it("upsertComment ignores a marker pasted into someone else's comment and writes its own", async () => {
    const issue = await gh.writer.createIssue({ title: 'forged', body: '' });
    const ref = { kind: 'summary', key: 'pr' };
    const forged = sandbox.state.addComment(REPO.owner, REPO.repo, issue.number, { body: `${marker(ref)}\nforged`, user: 'mallory' });
    const result = await gh.writer.upsertComment(issue.number, ref, 'Bottom line: ok', BOT);
    expect(result).toMatchObject({ created: true, changed: true });
    expect(result.comment.id).not.toBe(forged.id);
    expect((await gh.reader.listComments(issue.number)).find((c) => c.id === forged.id)?.body).toBe(`${marker(ref)}\nforged`);
  });

  it('upsertComment twice with the same marker leaves one comment; the second call changes nothing', async () => {
    const issue = await gh.writer.createIssue({ title: 'upsert', body: '' });
    const ref = { kind: 'summary', key: 'pr' };
    const first = await gh.writer.upsertComment(issue.number, ref, 'Bottom line: ok', BOT);
    expect(first).toMatchObject({ created: true, changed: true });
    expect(first.comment.body).toBe(`${marker(ref)}\nBottom line: ok`);

    sandbox.resetRequests();
    const second = await gh.writer.upsertComment(issue.number, ref, 'Bottom line: ok', BOT);
    expect(second).toMatchObject({ created: false, changed: false });
    expect(second.comment.id).toBe(first.comment.id);
    expect(sandbox.requests.filter((r) => r.method !== 'GET')).toEqual([]);

    const third = await gh.writer.upsertComment(issue.number, ref, 'Bottom line: changed', BOT);
    expect(third).toMatchObject({ created: false, changed: true });
    expect(third.comment.id).toBe(first.comment.id);
    const comments = await gh.reader.listComments(issue.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toBe(`${marker(ref)}\nBottom line: changed`);
  });

  it('links and lists sub-issues', async () => {
    const parent = await gh.writer.createIssue({ title: 'epic', body: '' });
    const child = await gh.writer.createIssue({ title: 'part', body: '' });
    await gh.writer.addSubIssue(parent.number, child.id);
    const subs = await gh.reader.listSubIssues(parent.number);
    expect(subs.map((i) => i.number)).toEqual([child.number]);
  });

  it('adds a reaction to an issue and to an issue comment', async () => {
    const issue = await gh.writer.createIssue({ title: 'react', body: '' });
    const comment = await gh.writer.createComment(issue.number, '@factory fix');
    await gh.writer.addReaction({ kind: 'issue', id: issue.number }, 'rocket');
    await gh.writer.addReaction({ kind: 'issue_comment', id: comment.id }, 'eyes');
    const reactions = sandbox.state.reactions.filter((r) => r.repo === FULL);
    expect(reactions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ subject: { kind: 'issue', id: issue.number }, content: 'rocket' }),
        expect.objectContaining({ subject: { kind: 'issue_comment', id: comment.id }, content: 'eyes' }),
      ]),
    );
  });
});

describe('pull requests, reviews and threads', () => {
  // The tests of this block build on one pull request, in order.
  let pr: PullRequest;

  it('creates, reads, lists, diffs and updates a pull request', async () => {
    const sha = await pushBranch(sandbox, REPO.owner, REPO.repo, {
      branch: 'feature/one',
      files: { 'src/index.ts': 'export const x = 2;\n', 'src/new.ts': 'export const y = 1;\n' },
    });
    pr = await gh.writer.createPullRequest({ title: 'Change x', body: 'Fixes #1', head: 'feature/one', base: 'main' });
    expect(pr).toMatchObject({ title: 'Change x', state: 'open', draft: false, merged: false });
    expect(pr.head).toEqual({ ref: 'feature/one', sha, repoFullName: FULL });
    expect(pr.base.ref).toBe('main');

    expect(await gh.reader.getPullRequest(pr.number)).toMatchObject({ number: pr.number, nodeId: pr.nodeId });
    expect((await gh.reader.listPullRequests({ head: 'feature/one' })).map((p) => p.number)).toEqual([pr.number]);
    expect((await gh.reader.listPullRequests({ base: 'main' })).map((p) => p.number)).toContain(pr.number);

    const files = await gh.reader.listPullRequestFiles(pr.number);
    expect(files.map((f) => [f.filename, f.status]).sort()).toEqual([
      ['src/index.ts', 'modified'],
      ['src/new.ts', 'added'],
    ]);
    expect(files.find((f) => f.filename === 'src/index.ts')?.patch).toContain('+export const x = 2;');

    const diff = await gh.reader.getPullRequestDiff(pr.number);
    expect(diff).toContain('diff --git a/src/index.ts b/src/index.ts');
    expect(diff).toContain('+export const y = 1;');

    const updated = await gh.writer.updatePullRequest(pr.number, { title: 'Change x to 2' });
    expect(updated.title).toBe('Change x to 2');
  });

  it('reviews with inline comments, then replies to and resolves the thread', async () => {
    const review = await gh.writer.createReview(pr.number, {
      // GitHub refuses REQUEST_CHANGES on one's own pull request; the viewer opened this one.
      event: 'COMMENT',
      body: 'One problem',
      commitId: pr.head.sha,
      comments: [{ path: 'src/index.ts', line: 1, body: 'Why 2?' }],
    });
    expect(review).toMatchObject({ state: 'COMMENTED', body: 'One problem', commitId: pr.head.sha });
    expect((await gh.reader.listReviews(pr.number)).map((r) => r.id)).toEqual([review.id]);

    const [thread] = await gh.reader.listReviewThreads(pr.number);
    expect(thread).toMatchObject({ path: 'src/index.ts', line: 1, isResolved: false, isOutdated: false });
    expect(thread!.comments.map((c) => c.body)).toEqual(['Why 2?']);
    expect(thread!.comments[0]!.author.login).toBe('factory-bot[bot]');

    const reply = await gh.writer.replyToReviewThread(thread!.id, 'Because the spec says so.');
    expect(reply.body).toBe('Because the spec says so.');
    await gh.writer.resolveReviewThread(thread!.id);
    await gh.writer.addReaction({ kind: 'review_comment', id: thread!.comments[0]!.databaseId }, '+1');

    const after = await gh.reader.listReviewThreads(pr.number);
    expect(after).toHaveLength(1);
    expect(after[0]!.isResolved).toBe(true);
    expect(after[0]!.comments.map((c) => c.body)).toEqual(['Why 2?', 'Because the spec says so.']);
    expect(sandbox.state.reactions).toEqual(
      expect.arrayContaining([expect.objectContaining({ subject: { kind: 'review_comment', id: thread!.comments[0]!.databaseId } })]),
    );
  });

  it('requests reviewers, updates the branch and enables auto-merge', async () => {
    sandbox.state.user('octocat');
    sandbox.state.setAssociation('octocat', 'COLLABORATOR', FULL);
    await gh.writer.requestReviewers(pr.number, ['octocat']);

    await pushBranch(sandbox, REPO.owner, REPO.repo, { branch: 'main', files: { 'docs/notes.md': 'notes\n' } });
    await gh.writer.updateBranch(pr.number);
    const refreshed = await gh.reader.getPullRequest(pr.number);
    expect(refreshed.head.sha).not.toBe(pr.head.sha);

    // GitHub arms auto-merge only into a branch with rules that the pull request does not meet yet.
    sandbox.state.protectBranch(REPO.owner, REPO.repo, { requiredChecks: ['build'] });
    await gh.writer.enableAutoMerge(pr.nodeId, 'SQUASH');
    const record = sandbox.state.findPull(FULL, pr.number);
    expect(record?.autoMerge).toMatchObject({ method: 'squash', enabledBy: 'factory-bot[bot]' });
    expect(attempts('PUT', `/repos/${FULL}/pulls/${pr.number}/update-branch`)).toHaveLength(1);
    expect(attempts('POST', `/repos/${FULL}/pulls/${pr.number}/requested_reviewers`).map((r) => r.status)).toEqual([201]);
  });
});

describe('checks and workflow runs', () => {
  it('lists check runs and workflow runs, dispatches a workflow, reads failed job logs (tail, bounded)', async () => {
    const sha = 'a'.repeat(40);
    sandbox.state.addCheckRun(REPO.owner, REPO.repo, { name: 'test', headSha: sha, conclusion: 'failure' });
    sandbox.state.addCheckRun(REPO.owner, REPO.repo, { name: 'lint', headSha: sha, status: 'in_progress' });
    const checks = await gh.reader.listCheckRuns(sha);
    expect(checks.map((c) => [c.name, c.status, c.conclusion]).sort()).toEqual([
      ['lint', 'in_progress', null],
      ['test', 'completed', 'failure'],
    ]);

    const longLog = Array.from({ length: 5000 }, (_, i) => `step output line ${i}`).join('\n') + '\nError: expected 1 to be 2';
    const run = sandbox.state.addWorkflowRun(REPO.owner, REPO.repo, {
      workflow: 'ci.yml',
      headSha: sha,
      headBranch: 'feature/one',
      event: 'pull_request',
      conclusion: 'failure',
      jobs: [
        { name: 'build', conclusion: 'success', log: 'all good' },
        { name: 'test', conclusion: 'failure', log: longLog },
      ],
    });
    const runs = await gh.reader.listWorkflowRuns({ branch: 'feature/one' });
    expect(runs.map((r) => r.id)).toContain(run.id);
    expect(runs.find((r) => r.id === run.id)).toMatchObject({ headSha: sha, conclusion: 'failure', event: 'pull_request' });
    expect((await gh.reader.listWorkflowRuns({ workflow: 'ci.yml' })).map((r) => r.id)).toEqual([run.id]);

    const logs = await gh.reader.getFailedJobLogs(run.id, 2000);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ jobName: 'test', conclusion: 'failure' });
    expect(Buffer.byteLength(logs[0]!.log)).toBeLessThanOrEqual(2000);
    expect(logs[0]!.log).toMatch(/Error: expected 1 to be 2$/);
    expect((await gh.reader.getFailedJobLogs(run.id))[0]!.log.length).toBeGreaterThan(2000);

    await gh.writer.dispatchWorkflow('ci.yml', 'main', { reason: 'chain' });
    expect(sandbox.state.dispatches).toEqual([expect.objectContaining({ workflow: 'ci.yml', ref: 'main', inputs: { reason: 'chain' } })]);
  });
});

describe('retries and rate limits', () => {
  it('a read survives two 502s: 1 + 2 attempts', async () => {
    const issue = await gh.writer.createIssue({ title: 'retry read', body: '' });
    const path = `/repos/${FULL}/issues/${issue.number}`;
    sandbox.resetRequests();
    sandbox.faults.add({ method: 'GET', path, status: 502, times: 2 });
    expect((await gh.reader.getIssue(issue.number)).title).toBe('retry read');
    expect(attempts('GET', path).map((r) => r.status)).toEqual([502, 502, 200]);
  });

  it('a write survives two 502s: 1 + 2 attempts, one comment created', async () => {
    const issue = await gh.writer.createIssue({ title: 'retry write', body: '' });
    const path = `/repos/${FULL}/issues/${issue.number}/comments`;
    sandbox.resetRequests();
    sandbox.faults.add({ method: 'POST', path, status: 502, times: 2 });
    await gh.writer.createComment(issue.number, 'made it');
    expect(attempts('POST', path).map((r) => r.status)).toEqual([502, 502, 201]);
    expect((await gh.reader.listComments(issue.number)).map((c) => c.body)).toEqual(['made it']);
  });

  it('a GraphQL read survives two 502s', async () => {
    sandbox.faults.add({ path: '/graphql', status: 502, times: 2, graphql: true });
    const page = await gh.reader.listIssuesPage({ first: 1 });
    expect(page.issues).toHaveLength(1);
    expect(attempts('POST', '/graphql').map((r) => r.status)).toEqual([502, 502, 200]);
  });

  it('a write completes after a secondary rate limit, waiting as retry-after says', async () => {
    const issue = await gh.writer.createIssue({ title: 'secondary', body: '' });
    const path = `/repos/${FULL}/issues/${issue.number}/comments`;
    sandbox.resetRequests();
    sandbox.faults.add({ method: 'POST', path, status: 403, times: 1, secondaryRateLimit: true, retryAfter: 1 });
    await gh.writer.createComment(issue.number, 'after the limit');
    expect(attempts('POST', path).map((r) => r.status)).toEqual([403, 201]);
    expect(logger.text()).toMatch(/secondary rate limit on POST .*: waiting 1s before retry 1 of 2/);
  });

  it('a read completes after a primary rate limit (x-ratelimit-remaining: 0)', async () => {
    sandbox.faults.add({ method: 'GET', path: `/repos/${FULL}`, status: 403, times: 1, retryAfter: 1 });
    expect((await gh.reader.getRepository()).fullName).toBe(FULL);
    expect(attempts('GET', `/repos/${FULL}`).map((r) => r.status)).toEqual([403, 200]);
    expect(logger.text()).toMatch(/GitHub rate limit on GET .*: waiting \d+s before retry 1 of 2/);
  });

  it('more 502s than the retry budget: fails after 1 + 3 attempts with a clear error', async () => {
    const path = `/repos/${FULL}/issues/1`;
    sandbox.faults.add({ method: 'GET', path, status: 502, times: 10 });
    const error = await gh.reader.getIssue(1).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as GitHubApiError).status).toBe(502);
    expect((error as Error).message).toMatch(
      new RegExp(`^github\\.reader\\.getIssue failed: GET ${path} answered 502 \\(gave up after 3 retries\\): Bad Gateway`),
    );
    expect(attempts('GET', path)).toHaveLength(4);
  });

  it('more secondary limits than the throttling budget: fails after 1 + 2 attempts', async () => {
    const issue = await gh.writer.createIssue({ title: 'limited', body: '' });
    const path = `/repos/${FULL}/issues/${issue.number}/comments`;
    sandbox.resetRequests();
    sandbox.faults.add({ method: 'POST', path, status: 403, times: 5, secondaryRateLimit: true, retryAfter: 1 });
    await expect(gh.writer.createComment(issue.number, 'never')).rejects.toThrow(
      /github\.writer\.createComment failed: POST .* answered 403 \(rate limited, no retry left\): You have exceeded a secondary rate limit/,
    );
    expect(attempts('POST', path)).toHaveLength(3);
    expect(logger.text()).toMatch(/giving up after 2 retries/);
  });

  /** The rejection of `run`, which must fail. */
  async function failure(run: () => Promise<unknown>): Promise<GitHubApiError> {
    const error = await run().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GitHubApiError);
    return error as GitHubApiError;
  }

  it('a refused connection is "no answer (ECONNREFUSED)", not a 500, after the retries', async () => {
    const url = await refusedUrl();
    const error = await failure(() => client({ baseUrl: url }).reader.getIssue(1));
    const host = new URL(url).host.replace(/\./g, '\\.');
    expect(error.message).toMatch(
      new RegExp(
        `^github\\.reader\\.getIssue failed: GET /repos/${FULL}/issues/1: no answer from ${host} \\(ECONNREFUSED\\), gave up after 3 retries$`,
      ),
    );
    expect(error.status).toBeUndefined();
    expect(error.message).not.toMatch(/500/);
  });

  it('a host that does not resolve is "no answer (ENOTFOUND)", not a 500, for REST and GraphQL, at the first attempt (no retry)', async () => {
    const sent: string[] = [];
    // Octokit's own fetch, counted: what leaves the client, retries included.
    const counting: OctokitFactory = (token, options, ...plugins) =>
      defaultOctokitFactory()(
        token,
        {
          ...options,
          request: { fetch: (url: string, init: RequestInit) => (sent.push(`${init.method ?? 'GET'} ${url}`), fetch(url, init)) },
        },
        ...plugins,
      );
    const unreachable = client({ baseUrl: UNRESOLVABLE_URL, retries: 3, octokitFactory: counting });
    const rest = await failure(() => unreachable.writer.createComment(1, 'never'));
    expect(rest.message).toBe(
      `github.writer.createComment failed: POST /repos/${FULL}/issues/1/comments: no answer from api.github.invalid (ENOTFOUND)`,
    );
    expect(rest.status).toBeUndefined();
    expect(sent).toEqual([`POST ${UNRESOLVABLE_URL}/repos/${FULL}/issues/1/comments`]);
    const graphql = await failure(() => unreachable.reader.listIssuesPage({ first: 1 }));
    expect(graphql.message).toMatch(
      /^github\.reader\.listIssuesPage failed: POST \/graphql: no answer from api\.github\.invalid \(ENOTFOUND\)/,
    );
  });

  it('a reset connection is retried like a 5xx, and reported as ECONNRESET when the retries run out', async () => {
    const path = `/repos/${FULL}`;
    sandbox.faults.add({ method: 'GET', path, connection: 'reset', times: 2 });
    expect((await gh.reader.getRepository()).fullName).toBe(FULL);
    expect(attempts('GET', path).map((r) => [r.status, r.fault ?? false])).toEqual([
      [0, true],
      [0, true],
      [200, false],
    ]);
    sandbox.resetRequests();
    sandbox.faults.add({ method: 'GET', path, connection: 'reset', times: 10 });
    // A fresh client: the first one remembers the repository it read.
    const error = await failure(() => client().reader.getRepository());
    expect(error.message).toBe(
      `github.reader.getRepository failed: GET ${path}: no answer from ${new URL(sandbox.url).host} (ECONNRESET), gave up after 3 retries`,
    );
    expect(error.status).toBeUndefined();
    expect(attempts('GET', path)).toHaveLength(4);
  });

  it('client errors are not retried', async () => {
    await expect(gh.reader.getIssue(99999)).rejects.toThrow(/answered 404/);
    expect(attempts('GET', `/repos/${FULL}/issues/99999`)).toHaveLength(1);
  });

  it('works with the default (spaced) throttling configuration', async () => {
    const spaced = client({ throttle: {} });
    const issue = await spaced.writer.createIssue({ title: 'spaced', body: '' });
    expect((await spaced.reader.getIssue(issue.number)).title).toBe('spaced');
  });
});

describe('GraphQL pagination', () => {
  it('reads 250 review threads in 3 requests', async () => {
    await pushBranch(sandbox, REPO.owner, REPO.repo, { branch: 'feature/many', files: { 'many.txt': 'x\n' } });
    const pr = await gh.writer.createPullRequest({ title: 'many threads', body: '', head: 'feature/many', base: 'main' });
    for (let i = 0; i < 250; i++) {
      sandbox.state.addReviewComment(FULL, pr.number, {
        reviewId: null,
        path: 'many.txt',
        line: 1,
        body: `thread ${i}`,
        commitId: pr.head.sha,
        user: 'octocat',
      });
    }
    sandbox.resetRequests();
    const threads = await gh.reader.listReviewThreads(pr.number);
    expect(threads).toHaveLength(250);
    expect(new Set(threads.map((t) => t.id)).size).toBe(250);
    expect(threads[249]!.comments[0]!.body).toBe('thread 249');
    expect(sandbox.requests.filter((r) => r.graphql)).toHaveLength(3);
  });

  it('follows a thread with more than 100 comments to its end', async () => {
    await pushBranch(sandbox, REPO.owner, REPO.repo, { branch: 'feature/long', files: { 'long.txt': 'x\n' } });
    const pr = await gh.writer.createPullRequest({ title: 'long thread', body: '', head: 'feature/long', base: 'main' });
    const first = sandbox.state.addReviewComment(FULL, pr.number, {
      reviewId: null,
      path: 'long.txt',
      line: 1,
      body: 'comment 0',
      commitId: pr.head.sha,
      user: 'octocat',
    });
    for (let i = 1; i < 130; i++) {
      sandbox.state.addReviewComment(FULL, pr.number, {
        reviewId: null,
        path: 'long.txt',
        line: 1,
        body: `comment ${i}`,
        commitId: pr.head.sha,
        inReplyToId: first.id,
      });
    }
    sandbox.resetRequests();
    const threads = await gh.reader.listReviewThreads(pr.number);
    expect(threads).toHaveLength(1);
    expect(threads[0]!.comments.map((c) => c.body)).toEqual(Array.from({ length: 130 }, (_, i) => `comment ${i}`));
    expect(sandbox.requests.filter((r) => r.graphql)).toHaveLength(2);
  });
});
