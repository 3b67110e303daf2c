import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DeliveredEvent } from './events';
import { runGit } from './git';
import { type GitHubSandbox, startGitHubSandbox } from './index';
import { pushBranch, sandboxGraphql, sandboxOctokit } from './testkit';
import { webhookProblems } from './webhook-schemas';

let gh: GitHubSandbox;
let work: string;
const owner = 'acme';
const repo = 'app';
const ALL = { contents: 'write', issues: 'write', 'pull-requests': 'write', checks: 'write', actions: 'write' } as const;

beforeAll(async () => {
  gh = await startGitHubSandbox({
    repos: [{ owner, repo, files: { 'README.md': '# app\n', '.github/workflows/ci.yml': 'on: [push, workflow_dispatch]\n' } }],
  });
});
afterAll(async () => gh.close());
beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-events-'));
  gh.events.length = 0;
});
afterEach(async () => {
  fs.rmSync(work, { recursive: true, force: true });
  await gh.eventsDelivered();
  expect(gh.violations.splice(0)).toEqual([]);
  expect(webhookProblems(gh.events)).toEqual([]);
});

/** `git` sending the token as the factory's git layer does. */
async function git(cwd: string, token: string, ...args: string[]): Promise<string> {
  const header = `http.extraheader=AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
  const result = await runGit(['-c', header, '-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', ...args], { cwd });
  if (result.code !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.toString('utf8').trim();
}

const summary = (events: DeliveredEvent[]): string[] =>
  events.map(
    (e) => `${e.name}${typeof e.payload.action === 'string' ? `.${e.payload.action}` : ''} ${e.causedBy.kind}:${e.causedBy.login}`,
  );

describe('webhook events', () => {
  it('emits what GitHub sends for each change made through the API and the git remote, sender and cause the token', async () => {
    const app = gh.mintToken({ kind: 'app', login: 'factory-bot[bot]', permissions: ALL });
    const maria = gh.mintToken({ kind: 'user', login: 'maria', association: 'MEMBER', permissions: ALL });
    const actions = gh.mintToken({ kind: 'github-token', permissions: ALL });
    const asApp = sandboxOctokit(gh, app);
    const asMaria = sandboxOctokit(gh, maria);
    const asActions = sandboxOctokit(gh, actions);
    const seen: string[] = [];
    const unsubscribe = gh.onEvent((e) => {
      seen.push(e.id);
    });

    // Issues and comments.
    const { data: issue } = await asMaria.rest.issues.create({ owner, repo, title: 'Bug', labels: ['bug'] });
    const n = { owner, repo, issue_number: issue.number };
    await asApp.rest.issues.update({ ...n, title: 'Bug: crash', body: 'It crashes.' });
    await asApp.rest.issues.addLabels({ ...n, labels: ['triage'] });
    await asApp.rest.issues.removeLabel({ ...n, name: 'bug' });
    await asApp.rest.issues.update({ ...n, state: 'closed' });
    await asMaria.rest.issues.update({ ...n, state: 'open' });
    const { data: comment } = await asMaria.rest.issues.createComment({ ...n, body: 'Still there.' });
    await asMaria.rest.issues.updateComment({ owner, repo, comment_id: comment.id, body: 'Still there on main.' });
    expect(summary(gh.events)).toEqual([
      'issues.opened user:maria',
      'issues.labeled user:maria',
      'issues.edited app:factory-bot[bot]',
      'issues.labeled app:factory-bot[bot]',
      'issues.unlabeled app:factory-bot[bot]',
      'issues.closed app:factory-bot[bot]',
      'issues.reopened user:maria',
      'issue_comment.created user:maria',
      'issue_comment.edited user:maria',
    ]);
    const edited = gh.events[2]!.payload;
    expect(edited.changes).toEqual({ title: { from: 'Bug' }, body: { from: '' } });
    expect(edited.sender).toMatchObject({ login: 'factory-bot[bot]', type: 'Bot' });
    expect(edited.installation).toEqual({ id: expect.any(Number), node_id: expect.any(String) });
    expect(gh.events[0]!.payload).not.toHaveProperty('installation');
    expect(gh.events[0]!.payload.issue).toMatchObject({ number: issue.number, user: { login: 'maria' }, author_association: 'MEMBER' });
    expect(gh.events[3]!.payload.label).toMatchObject({ name: 'triage' });
    gh.events.length = 0;

    // A push through the git remote, as the workflow's GITHUB_TOKEN.
    await git(work, actions, 'clone', '--quiet', gh.gitUrl(owner, repo), 'app');
    const dir = path.join(work, 'app');
    await git(dir, actions, 'checkout', '--quiet', '-b', 'feature');
    fs.writeFileSync(path.join(dir, 'a.txt'), 'a\n');
    await git(dir, actions, 'add', '-A');
    await git(dir, actions, 'commit', '--quiet', '-m', 'Add a');
    await git(dir, actions, 'push', '--quiet', 'origin', 'HEAD:refs/heads/feature');
    const first = await git(dir, actions, 'rev-parse', 'HEAD');
    expect(summary(gh.events)).toEqual(['push github-token:github-actions[bot]']);
    expect(gh.events[0]!.payload).toMatchObject({
      ref: 'refs/heads/feature',
      before: '0'.repeat(40),
      after: first,
      created: true,
      deleted: false,
      forced: false,
      commits: [{ id: first, message: 'Add a', added: ['a.txt'], removed: [], modified: [] }],
      head_commit: { id: first },
      pusher: { name: 'github-actions[bot]' },
      sender: { login: 'github-actions[bot]' },
    });
    gh.events.length = 0;

    // A draft pull request; a push to its head; labels; ready for review.
    const { data: pr } = await asMaria.rest.pulls.create({ owner, repo, title: 'Add a', head: 'feature', base: 'main', draft: true });
    const p = { owner, repo, pull_number: pr.number };
    fs.writeFileSync(path.join(dir, 'a.txt'), 'a\nb\n');
    await git(dir, maria, 'commit', '--quiet', '-am', 'More a');
    await git(dir, maria, 'push', '--quiet', 'origin', 'HEAD:refs/heads/feature');
    const second = await git(dir, maria, 'rev-parse', 'HEAD');
    await asApp.rest.issues.addLabels({ owner, repo, issue_number: pr.number, labels: ['ready'] });
    await asApp.rest.issues.removeLabel({ owner, repo, issue_number: pr.number, name: 'ready' });
    await sandboxGraphql(gh, maria)(
      'mutation($id: ID!) { markPullRequestReadyForReview(input: { pullRequestId: $id }) { pullRequest { isDraft } } }',
      { id: pr.node_id },
    );
    expect(summary(gh.events)).toEqual([
      'pull_request.opened user:maria',
      'push user:maria',
      'pull_request.synchronize user:maria',
      'pull_request.labeled app:factory-bot[bot]',
      'pull_request.unlabeled app:factory-bot[bot]',
      'pull_request.ready_for_review user:maria',
    ]);
    expect(gh.events[2]!.payload).toMatchObject({
      number: pr.number,
      before: first,
      after: second,
      pull_request: { head: { sha: second } },
    });
    gh.events.length = 0;

    // A review with a comment, the thread resolved, the pull request merged.
    await asApp.rest.pulls.createReview({
      ...p,
      event: 'COMMENT',
      body: 'One note.',
      comments: [{ path: 'a.txt', line: 2, side: 'RIGHT', body: 'Why b?' }],
    });
    const threadId = gh.state.threads.find((t) => t.pullNumber === pr.number)!.id;
    await sandboxGraphql(gh, maria)('mutation($id: ID!) { resolveReviewThread(input: { threadId: $id }) { thread { isResolved } } }', {
      id: threadId,
    });
    await asApp.rest.pulls.merge({ ...p, merge_method: 'squash' });
    expect(summary(gh.events)).toEqual([
      'pull_request_review.submitted app:factory-bot[bot]',
      'pull_request_review_comment.created app:factory-bot[bot]',
      'pull_request_review_thread.resolved user:maria',
      'push app:factory-bot[bot]',
      'pull_request.closed app:factory-bot[bot]',
    ]);
    expect(gh.events[3]!.payload).toMatchObject({ ref: 'refs/heads/main', created: false, forced: false });
    expect(gh.events[4]!.payload).toMatchObject({ pull_request: { merged: true, merged_by: { login: 'factory-bot[bot]' } } });
    gh.events.length = 0;

    // Dispatches, and a recorded workflow run completing.
    await asActions.rest.actions.createWorkflowDispatch({ owner, repo, workflow_id: 'ci.yml', ref: 'main', inputs: {} });
    await asApp.rest.repos.createDispatchEvent({ owner, repo, event_type: 'deploy', client_payload: { env: 'prod' } });
    const run = gh.state.addWorkflowRun(owner, repo, { workflow: 'ci.yml', headSha: second, headBranch: 'main', jobs: [{ name: 'test' }] });
    await gh.completeWorkflowRun(run.id, 'failure');
    expect(summary(gh.events)).toEqual([
      'workflow_dispatch github-token:github-actions[bot]',
      'repository_dispatch.deploy app:factory-bot[bot]',
      'check_run.completed github:factory-bot[bot]',
      'check_suite.completed github:factory-bot[bot]',
      'workflow_run.completed github:factory-bot[bot]',
    ]);
    expect(gh.events[0]!.payload).toMatchObject({ ref: 'refs/heads/main', workflow: '.github/workflows/ci.yml', inputs: {} });
    expect(gh.events[1]!.payload).toMatchObject({ action: 'deploy', branch: 'main', client_payload: { env: 'prod' } });
    expect(gh.events[4]!.payload).toMatchObject({ workflow_run: { id: run.id, status: 'completed', conclusion: 'failure' } });

    await gh.eventsDelivered();
    unsubscribe();
    expect(seen.length).toBeGreaterThan(20);
  });

  it('notices a push made straight to the bare repository, as the owner; forced and deleted refs read as GitHub has them', async () => {
    const sha = await pushBranch(gh, owner, repo, { branch: 'side', files: { 's.txt': 's\n' } });
    await gh.syncPushes();
    expect(summary(gh.events)).toEqual([`push user:${owner}`]);
    expect(gh.events[0]!.payload).toMatchObject({ ref: 'refs/heads/side', after: sha, created: true });
    gh.events.length = 0;
    const remote = gh.gitRemotePath(owner, repo);
    const main = (await runGit(['rev-parse', 'refs/heads/main'], { cwd: remote })).stdout.toString().trim();
    await runGit(['update-ref', 'refs/heads/side', main], { cwd: remote });
    await runGit(['update-ref', '-d', 'refs/heads/side'], { cwd: remote });
    await gh.syncPushes();
    expect(summary(gh.events)).toEqual([`push user:${owner}`]);
    expect(gh.events[0]!.payload).toMatchObject({ before: sha, after: '0'.repeat(40), deleted: true, head_commit: null, commits: [] });
  });

  it('calls listeners in order after the change, and records a listener failure without failing the request', async () => {
    const order: string[] = [];
    const off = gh.onEvent(async (e) => {
      order.push(`first ${e.name}.${String(e.payload.action)}`);
      throw new Error('listener broke');
    });
    const off2 = gh.onEvent((e) => {
      order.push(`second ${e.name}.${String(e.payload.action)} ${gh.state.issues.some((i) => i.title === 'Listen') ? 'after' : 'before'}`);
    });
    const { status } = await sandboxOctokit(gh).rest.issues.create({ owner, repo, title: 'Listen' });
    expect(status).toBe(201);
    await gh.eventsDelivered();
    off();
    off2();
    expect(order).toEqual(['first issues.opened', 'second issues.opened after']);
    expect(gh.listenerErrors.map((e) => [e.eventId, (e.error as Error).message])).toEqual([[gh.events[0]!.id, 'listener broke']]);
    // An un-minted token acts as the default viewer, an App's bot.
    expect(gh.events[0]!.causedBy).toEqual({ kind: 'app', login: 'factory-bot[bot]' });
  });
});

describe('tokens with identities', () => {
  it('is the viewer of its requests and the author of what it creates', async () => {
    const user = gh.mintToken({ kind: 'user', login: 'ada', association: 'COLLABORATOR', permissions: { issues: 'write' } });
    const actions = gh.mintToken({ kind: 'github-token', permissions: { issues: 'write' } });
    expect((await sandboxOctokit(gh, user).rest.users.getAuthenticated()).data).toMatchObject({ login: 'ada', type: 'User' });
    expect((await sandboxOctokit(gh, actions).rest.users.getAuthenticated()).data).toMatchObject({
      login: 'github-actions[bot]',
      type: 'Bot',
    });
    const viewer = await sandboxGraphql(gh, user)<{ viewer: { login: string } }>('{ viewer { login } }');
    expect(viewer.viewer.login).toBe('ada');
    const { data } = await sandboxOctokit(gh, user).rest.issues.create({ owner, repo, title: 'By Ada' });
    expect(data).toMatchObject({ user: { login: 'ada' }, author_association: 'COLLABORATOR' });
    expect(gh.events[0]).toMatchObject({ name: 'issues', causedBy: { kind: 'user', login: 'ada' }, payload: { sender: { login: 'ada' } } });
  });

  it("refuses approving one's own pull request with GitHub's 422", async () => {
    await pushBranch(gh, owner, repo, { branch: 'own', files: { 'own.txt': 'own\n' } });
    const author = gh.mintToken({ kind: 'user', login: 'grace', permissions: ALL });
    const { data: pr } = await sandboxOctokit(gh, author).rest.pulls.create({ owner, repo, title: 'Own', head: 'own', base: 'main' });
    const attempt = sandboxOctokit(gh, author).rest.pulls.createReview({ owner, repo, pull_number: pr.number, event: 'APPROVE' });
    await expect(attempt).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'Unprocessable Entity', errors: ['Can not approve your own pull request'] } },
    });
    const other = gh.mintToken({ kind: 'app', login: 'reviewer[bot]', permissions: ALL });
    const ok = await sandboxOctokit(gh, other).rest.pulls.createReview({ owner, repo, pull_number: pr.number, event: 'APPROVE' });
    expect(ok.data).toMatchObject({ state: 'APPROVED', user: { login: 'reviewer[bot]' } });
  });
});
