import { runGit } from './git';
import { type GitHubSandbox, startGitHubSandbox } from './index';
import { pushBranch, sandboxGraphql, sandboxOctokit, type SandboxOctokitInstance } from './testkit';
import { webhookProblems } from './webhook-schemas';

const owner = 'acme';
const repo = 'queue';
const full = `${owner}/${repo}`;
let gh: GitHubSandbox;
/** maria writes the pull requests and enqueues them; CI reports the `build` check. */
let maria: SandboxOctokitInstance;
let ci: SandboxOctokitInstance;
let mariaGql: ReturnType<typeof sandboxGraphql>;
let branchCount = 0;

beforeAll(async () => {
  gh = await startGitHubSandbox({
    repos: [
      {
        owner,
        repo,
        files: { 'README.md': '# queue\n', 'src/shared.ts': 'export const shared = 1;\n' },
        allowAutoMerge: true,
        protection: { requiredChecks: ['build'], mergeQueue: true },
      },
      { owner, repo: 'plain', files: { 'README.md': '# plain\n' }, protection: { requiredChecks: ['build'] } },
    ],
  });
  const all = { contents: 'write', issues: 'write', 'pull-requests': 'write', checks: 'write' } as const;
  const token = gh.mintToken({ kind: 'user', login: 'maria', association: 'MEMBER', permissions: all });
  maria = sandboxOctokit(gh, token);
  mariaGql = sandboxGraphql(gh, token);
  ci = sandboxOctokit(gh, gh.mintToken({ kind: 'app', login: 'ci[bot]', permissions: { checks: 'write' } }));
});

afterAll(async () => {
  expect(webhookProblems(gh.events)).toEqual([]);
  await gh.close();
});

afterEach(() => {
  expect(gh.violations.splice(0)).toEqual([]);
});

interface Opened {
  number: number;
  sha: string;
  nodeId: string;
  branch: string;
}

/** A pull request into main adding its own file (or `files`), with CI's `build` green on its head unless `green: false`. */
async function openPull(opts: { body?: string; target?: string; draft?: boolean; green?: boolean; files?: Record<string, string> } = {}) {
  const target = opts.target ?? repo;
  branchCount += 1;
  const branch = `feature/${branchCount}`;
  const files = opts.files ?? { [`src/f${branchCount}.ts`]: `export const f = ${branchCount};\n` };
  const sha = await pushBranch(gh, owner, target, { branch, files });
  await gh.syncPushes();
  const pr = await maria.rest.pulls.create({
    owner,
    repo: target,
    title: `Feature ${branchCount}`,
    head: branch,
    base: 'main',
    body: opts.body ?? '',
    draft: opts.draft ?? false,
  });
  if (opts.green !== false) await ci.rest.checks.create({ owner, repo: target, name: 'build', head_sha: sha, conclusion: 'success' });
  return { number: pr.data.number, sha, nodeId: pr.data.node_id, branch } satisfies Opened;
}

const ENQUEUE = `mutation($id: ID!, $head: GitObjectID) {
  enqueuePullRequest(input: { pullRequestId: $id, expectedHeadOid: $head }) {
    mergeQueueEntry { id position state enqueuer { login } pullRequest { number } headCommit { oid } baseCommit { oid } }
  }
}`;
const DEQUEUE = `mutation($id: ID!) { dequeuePullRequest(input: { id: $id }) { mergeQueueEntry { id } } }`;

interface EntryView {
  id: string;
  position: number;
  state: string;
  enqueuer: { login: string };
  pullRequest: { number: number };
  headCommit: { oid: string } | null;
  baseCommit: { oid: string } | null;
}

const enqueue = async (pr: Opened, head: string = pr.sha): Promise<EntryView> =>
  (await mariaGql<{ enqueuePullRequest: { mergeQueueEntry: EntryView } }>(ENQUEUE, { id: pr.nodeId, head })).enqueuePullRequest
    .mergeQueueEntry;

const git = async (...args: string[]): Promise<string> =>
  (await runGit(args, { cwd: gh.gitRemotePath(owner, repo) })).stdout.toString('utf8').trim();
const refOf = async (branch: string): Promise<string> => git('for-each-ref', '--format=%(objectname)', `refs/heads/${branch}`);
const parentsOf = async (sha: string): Promise<string[]> => (await git('rev-list', '--parents', '-n', '1', sha)).split(' ').slice(1);
const pull = (n: number) => gh.state.findPull(full, n)!;
const groupsOf = (n: number) => gh.state.mergeGroups.filter((g) => g.repo === full && g.pullNumber === n);
const liveGroup = (n: number) => groupsOf(n).find((g) => g.status !== 'destroyed')!;
const since = async (from: number) => {
  await gh.eventsDelivered();
  return gh.events.slice(from);
};
const names = (events: typeof gh.events) => events.map((e) => `${e.name}.${String(e.payload.action ?? e.payload.ref)}`);

test('the rules endpoint serves the merge_queue rule with its parameters (checked against the OpenAPI description)', async () => {
  const rules = await maria.request('GET /repos/{owner}/{repo}/rules/branches/{branch}', { owner, repo, branch: 'main' });
  expect(rules.data.map((r: { type: string }) => r.type)).toEqual(['pull_request', 'required_status_checks', 'merge_queue']);
  expect(rules.data[2]).toMatchObject({
    type: 'merge_queue',
    parameters: { merge_method: 'MERGE', grouping_strategy: 'ALLGREEN', max_entries_to_build: 5, check_response_timeout_minutes: 60 },
    ruleset_source_type: 'Repository',
    ruleset_source: full,
  });
  const plain = await maria.request('GET /repos/{owner}/{repo}/rules/branches/{branch}', { owner, repo: 'plain', branch: 'main' });
  expect(plain.data.map((r: { type: string }) => r.type)).not.toContain('merge_queue');
});

test('a direct merge into a branch with a merge queue is GitHub’s 405, even with every check green', async () => {
  const pr = await openPull();
  await expect(maria.rest.pulls.merge({ owner, repo, pull_number: pr.number, sha: pr.sha })).rejects.toMatchObject({
    status: 405,
    message: expect.stringContaining('Changes must be made through the merge queue'),
  });
  expect(pull(pr.number).merged).toBe(false);
});

test('enqueueing is refused without a merge queue, for a draft, a closed pull request, a stale head or a required check not green', async () => {
  const refused = (message: string) => ({ errors: [expect.objectContaining({ type: 'UNPROCESSABLE', message })] });
  const plain = await openPull({ target: 'plain' });
  await expect(enqueue(plain)).rejects.toMatchObject(refused('Pull request Merge queue is not enabled for the main branch'));
  const draft = await openPull({ draft: true });
  await expect(enqueue(draft)).rejects.toMatchObject(refused('Pull request is still a draft'));
  const closed = await openPull();
  await maria.rest.pulls.update({ owner, repo, pull_number: closed.number, state: 'closed' });
  await expect(enqueue(closed)).rejects.toMatchObject(refused('Pull request is closed'));
  const stale = await openPull();
  await expect(enqueue(stale, 'a'.repeat(40))).rejects.toMatchObject(refused('Pull request Head sha does not match the expected head oid'));
  const red = await openPull({ green: false });
  await expect(enqueue(red)).rejects.toMatchObject(refused('Pull request Required status check "build" is expected.'));
  expect(gh.state.mergeQueueEntries.filter((e) => e.outcome === null)).toEqual([]);
  expect(gh.state.mergeGroups).toEqual([]);
});

test('enqueued: an entry and its merge group (main + the pull request in git), then merged when build passes on the group', async () => {
  const issue = (await maria.rest.issues.create({ owner, repo, title: 'Queue me' })).data;
  const pr = await openPull({ body: `Fixes #${issue.number}` });
  const main = await refOf('main');
  const from = gh.events.length;

  const entry = await enqueue(pr);
  expect(entry).toMatchObject({ position: 1, state: 'AWAITING_CHECKS', enqueuer: { login: 'maria' }, pullRequest: { number: pr.number } });
  const group = liveGroup(pr.number);
  const branch = `gh-readonly-queue/main/pr-${pr.number}-${pr.sha}`;
  expect(group).toMatchObject({ headRef: branch, baseSha: main, status: 'checks_requested' });
  expect(entry).toMatchObject({ headCommit: { oid: group.headSha }, baseCommit: { oid: main } });
  expect(await refOf(branch)).toBe(group.headSha);
  expect(await parentsOf(group.headSha)).toEqual([main, pr.sha]); // the queue's merge method: MERGE
  expect(await refOf('main')).toBe(main); // nothing merged yet
  expect(pull(pr.number).merged).toBe(false);

  const enqueued = await since(from);
  expect(names(enqueued)).toEqual([`push.refs/heads/${branch}`, 'pull_request.enqueued', 'merge_group.checks_requested']);
  expect(enqueued[0]!.causedBy).toEqual({ kind: 'github', login: 'github-merge-queue[bot]' });
  expect(enqueued[1]!.payload).toMatchObject({ number: pr.number, sender: { login: 'maria' } });
  expect(enqueued[2]!.payload).toMatchObject({
    merge_group: { head_sha: group.headSha, head_ref: `refs/heads/${branch}`, base_sha: main, base_ref: 'refs/heads/main' },
    sender: { login: 'github-merge-queue[bot]' },
  });

  // Read back over GraphQL: the pull request's entry, and the queue.
  const read = await mariaGql<{
    repository: { mergeQueue: { entries: { nodes: { pullRequest: { number: number } }[] } }; pullRequest: Record<string, unknown> };
  }>(
    `query($owner: String!, $name: String!, $n: Int!) { repository(owner: $owner, name: $name) {
      mergeQueue(branch: "main") { configuration { mergeMethod } entries(first: 10) { nodes { pullRequest { number } } } }
      pullRequest(number: $n) { isInMergeQueue isMergeQueueEnabled mergeQueueEntry { position state } } } }`,
    { owner, name: repo, n: pr.number },
  );
  expect(read.repository.mergeQueue.entries.nodes).toEqual([{ pullRequest: { number: pr.number } }]);
  expect(read.repository.pullRequest).toEqual({
    isInMergeQueue: true,
    isMergeQueueEnabled: true,
    mergeQueueEntry: { position: 1, state: 'AWAITING_CHECKS' },
  });

  // CI runs on the merge group and passes: main fast-forwards to the group's commit.
  const checked = gh.events.length;
  await ci.rest.checks.create({ owner, repo, name: 'build', head_sha: group.headSha, conclusion: 'success' });
  expect(await refOf('main')).toBe(group.headSha);
  expect(pull(pr.number)).toMatchObject({ merged: true, mergedBy: 'github-merge-queue[bot]', mergeCommitSha: group.headSha });
  expect(gh.state.findIssue(full, issue.number)).toMatchObject({ state: 'closed', stateReason: 'completed' });
  expect(await refOf(branch)).toBe(''); // the temporary branch is gone
  const merged = await since(checked);
  expect(names(merged)).toEqual(
    expect.arrayContaining([
      'push.refs/heads/main',
      `push.refs/heads/${branch}`,
      'pull_request.closed',
      'issues.closed',
      'check_run.completed',
      'merge_group.destroyed',
    ]),
  );
  const push = merged.find((e) => e.name === 'push' && e.payload.ref === 'refs/heads/main')!;
  expect(push).toMatchObject({
    causedBy: { kind: 'github', login: 'github-merge-queue[bot]' },
    payload: { before: main, after: group.headSha, forced: false },
  });
  expect(merged.find((e) => e.name === 'merge_group')!.payload).toMatchObject({ action: 'destroyed', reason: 'merged' });
  // CI's check suite on the group names its branch and no pull request.
  expect(merged.find((e) => e.name === 'check_suite')!.payload).toMatchObject({
    check_suite: { head_sha: group.headSha, head_branch: branch, pull_requests: [] },
  });
  expect(merged.find((e) => e.name === 'pull_request')!.payload).toMatchObject({ action: 'closed', pull_request: { merged: true } });
  expect(names(merged)).not.toContain('pull_request.dequeued');
});

test('two in the queue: the second group holds the first; the first fails and leaves, the second is rebuilt on main and merges', async () => {
  const first = await openPull();
  const second = await openPull();
  const main = await refOf('main');
  await enqueue(first);
  const entry = await enqueue(second);
  expect(entry.position).toBe(2);
  const firstGroup = liveGroup(first.number);
  const stacked = liveGroup(second.number);
  expect(stacked.baseSha).toBe(firstGroup.headSha);
  expect(await parentsOf(stacked.headSha)).toEqual([firstGroup.headSha, second.sha]);

  // The second group passes first: it waits for the one ahead (every group must pass).
  await ci.rest.checks.create({ owner, repo, name: 'build', head_sha: stacked.headSha, conclusion: 'success' });
  expect(await refOf('main')).toBe(main);
  const from = gh.events.length;
  await ci.rest.checks.create({ owner, repo, name: 'build', head_sha: firstGroup.headSha, conclusion: 'failure' });
  const events = await since(from);

  expect(pull(first.number)).toMatchObject({ merged: false });
  expect(gh.state.findIssue(full, first.number)!.state).toBe('open');
  const dequeued = events.find((e) => e.name === 'pull_request' && e.payload.action === 'dequeued')!;
  expect(dequeued.payload).toMatchObject({ number: first.number, reason: 'CI_FAILURE' });
  const destroyed = events.filter((e) => e.name === 'merge_group' && e.payload.action === 'destroyed').map((e) => e.payload);
  expect(destroyed).toEqual([
    expect.objectContaining({ reason: 'dequeued', merge_group: expect.objectContaining({ head_sha: firstGroup.headSha }) }),
    expect.objectContaining({ reason: 'invalidated', merge_group: expect.objectContaining({ head_sha: stacked.headSha }) }),
  ]);
  const rebuilt = liveGroup(second.number);
  expect(rebuilt).toMatchObject({ baseSha: main, status: 'checks_requested' });
  expect(
    events.filter((e) => e.name === 'merge_group' && e.payload.action === 'checks_requested').map((e) => e.payload.merge_group),
  ).toEqual([expect.objectContaining({ head_sha: rebuilt.headSha, base_sha: main })]);
  expect(await refOf(`gh-readonly-queue/main/pr-${second.number}-${second.sha}`)).toBe(rebuilt.headSha);

  await ci.rest.checks.create({ owner, repo, name: 'build', head_sha: rebuilt.headSha, conclusion: 'success' });
  expect(pull(second.number).merged).toBe(true);
  expect(await refOf('main')).toBe(rebuilt.headSha);
});

test('dequeuePullRequest takes it out (destroyed: dequeued, reason MANUAL); enqueueing twice keeps one entry', async () => {
  const pr = await openPull();
  const once = await enqueue(pr);
  const twice = await enqueue(pr);
  expect(twice.id).toBe(once.id);
  expect(groupsOf(pr.number)).toHaveLength(1);
  const from = gh.events.length;
  await mariaGql(DEQUEUE, { id: pr.nodeId });
  const events = await since(from);
  expect(names(events)).toEqual(
    expect.arrayContaining([
      'pull_request.dequeued',
      'merge_group.destroyed',
      `push.refs/heads/gh-readonly-queue/main/pr-${pr.number}-${pr.sha}`,
    ]),
  );
  expect(events.find((e) => e.name === 'pull_request')!.payload).toMatchObject({ reason: 'MANUAL', sender: { login: 'maria' } });
  expect(events.find((e) => e.name === 'merge_group')!.payload).toMatchObject({ reason: 'dequeued' });
  expect(pull(pr.number)).toMatchObject({ merged: false });
  await expect(mariaGql(DEQUEUE, { id: pr.nodeId })).rejects.toMatchObject({
    errors: [expect.objectContaining({ type: 'UNPROCESSABLE', message: 'Pull request is not in the merge queue' })],
  });
});

test('auto-merge into a branch with a merge queue joins the queue once the rules are met, and never merges directly', async () => {
  const pr = await openPull({ green: false });
  const run = await ci.rest.checks.create({ owner, repo, name: 'build', head_sha: pr.sha, status: 'in_progress' });
  await mariaGql(`mutation($id: ID!) { enablePullRequestAutoMerge(input: { pullRequestId: $id }) { clientMutationId } }`, {
    id: pr.nodeId,
  });
  expect(gh.state.mergeQueueEntries.filter((e) => e.pullNumber === pr.number)).toEqual([]);
  await ci.rest.checks.update({ owner, repo, check_run_id: Number(run.data.id), conclusion: 'success' });
  expect(pull(pr.number).merged).toBe(false);
  const group = liveGroup(pr.number);
  expect(gh.state.mergeQueueEntries.find((e) => e.pullNumber === pr.number)).toMatchObject({ enqueuedBy: 'maria', outcome: null });
  await ci.rest.checks.create({ owner, repo, name: 'build', head_sha: group.headSha, conclusion: 'success' });
  expect(pull(pr.number)).toMatchObject({ merged: true, mergeCommitSha: group.headSha });
});

test('a conflict with the base leaves the queue (MERGE_CONFLICT) without a group', async () => {
  const a = await openPull({ files: { 'src/shared.ts': 'export const shared = 2;\n' } });
  const b = await openPull({ files: { 'src/shared.ts': 'export const shared = 3;\n' } });
  await enqueue(a);
  await ci.rest.checks.create({ owner, repo, name: 'build', head_sha: liveGroup(a.number).headSha, conclusion: 'success' });
  expect(pull(a.number).merged).toBe(true);
  const from = gh.events.length;
  await enqueue(b);
  const events = await since(from);
  expect(gh.state.mergeQueueEntries.find((e) => e.pullNumber === b.number)).toMatchObject({
    outcome: 'dequeued',
    dequeueReason: 'MERGE_CONFLICT',
  });
  expect(groupsOf(b.number)).toEqual([]);
  expect(names(events)).toEqual(['pull_request.enqueued', 'pull_request.dequeued']);
});
