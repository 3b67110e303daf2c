import { closingReferences } from './merge';
import { runGit } from './git';
import { type GitHubSandbox, startGitHubSandbox } from './index';
import { pushBranch, sandboxGraphql, sandboxOctokit, type SandboxOctokitInstance } from './testkit';
import { webhookProblems } from './webhook-schemas';

const owner = 'acme';
const repo = 'shop';
let gh: GitHubSandbox;
/** The pull requests' author (maria) and a reviewer (omar); checks come from the CI App. */
let maria: SandboxOctokitInstance;
let omar: SandboxOctokitInstance;
let ci: SandboxOctokitInstance;
let mariaGql: ReturnType<typeof sandboxGraphql>;
let branchCount = 0;

beforeAll(async () => {
  gh = await startGitHubSandbox({
    repos: [
      {
        owner,
        repo,
        files: { 'README.md': '# shop\n', 'src/cart.ts': 'export const a = 1;\nexport const b = 2;\nexport const c = 3;\n' },
        allowAutoMerge: true,
        protection: { requiredChecks: ['build'], requiredApprovingReviewCount: 1 },
      },
      { owner, repo: 'manual', files: { 'README.md': '# manual\n' } },
      { owner, repo: 'unruled', files: { 'README.md': '# unruled\n' }, allowAutoMerge: true },
    ],
  });
  const all = { contents: 'write', issues: 'write', 'pull-requests': 'write', checks: 'write' } as const;
  const mariaToken = gh.mintToken({ kind: 'user', login: 'maria', association: 'MEMBER', permissions: all });
  maria = sandboxOctokit(gh, mariaToken);
  mariaGql = sandboxGraphql(gh, mariaToken);
  omar = sandboxOctokit(gh, gh.mintToken({ kind: 'user', login: 'omar', association: 'MEMBER', permissions: all }));
  ci = sandboxOctokit(gh, gh.mintToken({ kind: 'app', login: 'ci[bot]', permissions: { checks: 'write' } }));
});

afterAll(async () => {
  expect(webhookProblems(gh.events)).toEqual([]);
  await gh.close();
});

afterEach(() => {
  expect(gh.violations.splice(0)).toEqual([]);
});

async function openPull(body: string, target = repo): Promise<{ number: number; sha: string; nodeId: string; branch: string }> {
  branchCount += 1;
  const branch = `feature/${branchCount}`;
  const sha = await pushBranch(gh, owner, target, { branch, files: { [`src/f${branchCount}.ts`]: `export const f = ${branchCount};\n` } });
  await gh.syncPushes();
  const pr = await maria.rest.pulls.create({ owner, repo: target, title: `Feature ${branchCount}`, head: branch, base: 'main', body });
  return { number: pr.data.number, sha, nodeId: pr.data.node_id, branch };
}

const mainSha = async (target = repo): Promise<string> =>
  (await runGit(['rev-parse', 'refs/heads/main'], { cwd: gh.gitRemotePath(owner, target) })).stdout.toString('utf8').trim();

const names = (from: number): string[] => gh.events.slice(from).map((e) => `${e.name}.${String(e.payload.action ?? e.payload.ref)}`);

test('closing keywords: every GitHub variant, any case, with a colon or this repository named; others ignored', () => {
  const body = 'Fixes #1, closes #2. RESOLVED: #3\nfix #4 close acme/shop#5 resolves other/repo#6 fixing #7 closes#8 #9';
  expect(closingReferences(body, 'acme/shop')).toEqual([1, 2, 3, 4, 5]);
  expect(closingReferences('Fixed #10 and Resolve #11 and Closed #12', 'acme/shop')).toEqual([10, 11, 12]);
  expect(closingReferences(null, 'acme/shop')).toEqual([]);
});

test('merging with a stale sha is 409; without the required check or approval it is 405 with GitHub’s message', async () => {
  const pr = await openPull('');
  await expect(maria.rest.pulls.merge({ owner, repo, pull_number: pr.number, sha: 'a'.repeat(40) })).rejects.toMatchObject({
    status: 409,
    message: expect.stringContaining('Head branch was modified. Review and try the merge again.'),
  });
  await expect(maria.rest.pulls.merge({ owner, repo, pull_number: pr.number })).rejects.toMatchObject({
    status: 405,
    message: expect.stringContaining('Required status check "build" is expected.'),
  });
  const run = await ci.rest.checks.create({ owner, repo, name: 'build', head_sha: pr.sha, status: 'completed', conclusion: 'failure' });
  await expect(maria.rest.pulls.merge({ owner, repo, pull_number: pr.number })).rejects.toMatchObject({
    status: 405,
    message: expect.stringContaining('Required status check "build" is failing.'),
  });
  await ci.rest.checks.update({ owner, repo, check_run_id: Number(run.data.id), conclusion: 'success' });
  await expect(maria.rest.pulls.merge({ owner, repo, pull_number: pr.number })).rejects.toMatchObject({
    status: 405,
    message: expect.stringContaining('At least 1 approving review is required by reviewers with write access.'),
  });
  expect(gh.state.findPull(`${owner}/${repo}`, pr.number)!.merged).toBe(false);
});

test('approving your own pull request is 422 and does not count', async () => {
  const pr = await openPull('');
  await expect(maria.rest.pulls.createReview({ owner, repo, pull_number: pr.number, event: 'APPROVE' })).rejects.toMatchObject({
    status: 422,
    response: { data: { errors: ['Can not approve your own pull request'] } },
  });
  expect(gh.state.reviews.filter((r) => r.pullNumber === pr.number)).toEqual([]);
});

test('a merge that meets the rules updates main in git, closes the PR as merged and the issues it closes, with the events', async () => {
  const issue = (await maria.rest.issues.create({ owner, repo, title: 'Broken cart' })).data;
  const other = (await maria.rest.issues.create({ owner, repo, title: 'Slow page' })).data;
  const pr = await openPull(`Adds f.\n\nFixes #${issue.number}\nRESOLVES: #${other.number}`);
  await ci.rest.checks.create({ owner, repo, name: 'build', head_sha: pr.sha, conclusion: 'success' });
  await omar.rest.pulls.createReview({ owner, repo, pull_number: pr.number, event: 'APPROVE' });
  await gh.eventsDelivered();
  const from = gh.events.length;
  const before = await mainSha();

  const merged = await maria.rest.pulls.merge({ owner, repo, pull_number: pr.number, sha: pr.sha, merge_method: 'squash' });
  await gh.eventsDelivered();
  expect(merged.data).toMatchObject({ merged: true, message: 'Pull Request successfully merged' });
  expect(await mainSha()).toBe(merged.data.sha);
  const parents = await runGit(['rev-list', '--parents', '-n', '1', merged.data.sha], { cwd: gh.gitRemotePath(owner, repo) });
  expect(parents.stdout.toString('utf8').trim().split(' ')).toEqual([merged.data.sha, before]); // a squash: one parent
  const after = (await maria.rest.pulls.get({ owner, repo, pull_number: pr.number })).data;
  expect(after).toMatchObject({ state: 'closed', merged: true, merge_commit_sha: merged.data.sha, merged_by: { login: 'maria' } });
  for (const n of [issue.number, other.number]) {
    expect((await maria.rest.issues.get({ owner, repo, issue_number: n })).data).toMatchObject({
      state: 'closed',
      state_reason: 'completed',
    });
  }
  expect(names(from)).toEqual(expect.arrayContaining(['push.refs/heads/main', 'pull_request.closed', 'issues.closed', 'issues.closed']));
  const closed = gh.events.slice(from).find((e) => e.name === 'pull_request' && e.payload.action === 'closed')!;
  expect(closed.payload).toMatchObject({ pull_request: { merged: true }, sender: { login: 'maria' } });
});

test('a merge commit has both parents; an unprotected repository merges without checks', async () => {
  const pr = await openPull('', 'manual');
  const before = await mainSha('manual');
  const merged = await maria.rest.pulls.merge({ owner, repo: 'manual', pull_number: pr.number });
  const parents = await runGit(['rev-list', '--parents', '-n', '1', merged.data.sha], { cwd: gh.gitRemotePath(owner, 'manual') });
  expect(parents.stdout.toString('utf8').trim().split(' ')).toEqual([merged.data.sha, before, pr.sha]);
});

const ENABLE = `mutation($id: ID!) { enablePullRequestAutoMerge(input: { pullRequestId: $id, mergeMethod: MERGE }) {
  pullRequest { autoMergeRequest { mergeMethod enabledBy { login } } } } }`;
const DISABLE = `mutation($id: ID!) { disablePullRequestAutoMerge(input: { pullRequestId: $id }) { pullRequest { autoMergeRequest { mergeMethod } } } }`;

test('auto-merge: an error where the repository does not allow it; disabling clears it', async () => {
  const pr = await openPull('', 'manual');
  await expect(mariaGql(ENABLE, { id: pr.nodeId })).rejects.toMatchObject({
    errors: [expect.objectContaining({ type: 'UNPROCESSABLE', message: 'Auto merge is not allowed for this repository' })],
  });
  const guarded = await openPull('');
  const enabled = await mariaGql<{ enablePullRequestAutoMerge: { pullRequest: { autoMergeRequest: unknown } } }>(ENABLE, {
    id: guarded.nodeId,
  });
  expect(enabled.enablePullRequestAutoMerge.pullRequest.autoMergeRequest).toEqual({ mergeMethod: 'MERGE', enabledBy: { login: 'maria' } });
  const disabled = await mariaGql<{ disablePullRequestAutoMerge: { pullRequest: { autoMergeRequest: unknown } } }>(DISABLE, {
    id: guarded.nodeId,
  });
  expect(disabled.disablePullRequestAutoMerge.pullRequest.autoMergeRequest).toBeNull();
  await gh.eventsDelivered();
  const actions = gh.events.filter((e) => e.name === 'pull_request' && e.payload.number === guarded.number).map((e) => e.payload.action);
  expect(actions).toEqual(['opened', 'auto_merge_enabled', 'auto_merge_disabled']);
});

test('auto-merge: refused, as on GitHub, without branch rules and for a pull request that could merge now', async () => {
  const unruled = await openPull('', 'unruled');
  await expect(mariaGql(ENABLE, { id: unruled.nodeId })).rejects.toMatchObject({
    errors: [
      expect.objectContaining({ type: 'UNPROCESSABLE', message: 'Pull request Protected branch rules not configured for this branch' }),
    ],
  });
  const clean = await openPull('');
  await ci.rest.checks.create({ owner, repo, name: 'build', head_sha: clean.sha, status: 'completed', conclusion: 'success' });
  await omar.rest.pulls.createReview({ owner, repo, pull_number: clean.number, event: 'APPROVE' });
  await expect(mariaGql(ENABLE, { id: clean.nodeId })).rejects.toMatchObject({
    errors: [expect.objectContaining({ type: 'UNPROCESSABLE', message: 'Pull request Pull request is in clean status' })],
  });
  expect(gh.state.findPull(`${owner}/${repo}`, clean.number)).toMatchObject({ autoMerge: null, merged: false });
});

test('auto-merge: the PR merges by itself once the required check is green and the approval is in', async () => {
  const pr = await openPull('Closes #1');
  await mariaGql(ENABLE, { id: pr.nodeId });
  const run = await ci.rest.checks.create({ owner, repo, name: 'build', head_sha: pr.sha, status: 'in_progress' });
  await omar.rest.pulls.createReview({ owner, repo, pull_number: pr.number, event: 'APPROVE' });
  expect(gh.state.findPull(`${owner}/${repo}`, pr.number)!.merged).toBe(false); // the check is still running
  await gh.eventsDelivered();
  const from = gh.events.length;
  await ci.rest.checks.update({ owner, repo, check_run_id: Number(run.data.id), conclusion: 'success' });
  await gh.eventsDelivered();
  const pull = gh.state.findPull(`${owner}/${repo}`, pr.number)!;
  expect(pull).toMatchObject({ merged: true, mergedBy: 'maria', autoMerge: null });
  expect(await mainSha()).toBe(pull.mergeCommitSha);
  expect(names(from)).toEqual(expect.arrayContaining(['check_run.completed', 'push.refs/heads/main', 'pull_request.closed']));
  expect(names(from)).not.toContain('pull_request.auto_merge_disabled');
});

test('auto-merge: a completed workflow run’s checks and an approval given last both trigger it', async () => {
  const pr = await openPull('');
  await ci.rest.checks.create({ owner, repo, name: 'build', head_sha: pr.sha, conclusion: 'success' });
  await mariaGql(ENABLE, { id: pr.nodeId });
  expect(gh.state.findPull(`${owner}/${repo}`, pr.number)!.merged).toBe(false); // no approval yet
  await omar.rest.pulls.createReview({ owner, repo, pull_number: pr.number, event: 'APPROVE' });
  expect(gh.state.findPull(`${owner}/${repo}`, pr.number)!.merged).toBe(true);

  const second = await openPull('');
  await omar.rest.pulls.createReview({ owner, repo, pull_number: second.number, event: 'APPROVE' });
  await mariaGql(ENABLE, { id: second.nodeId });
  const run = gh.state.addWorkflowRun(owner, repo, {
    workflow: 'ci.yml',
    headSha: second.sha,
    headBranch: second.branch,
    jobs: [{ name: 'build' }],
  });
  await gh.completeWorkflowRun(run.id, 'success');
  expect(gh.state.findPull(`${owner}/${repo}`, second.number)!.merged).toBe(true);
});

const ENABLE_AT = `mutation($id: ID!, $oid: GitObjectID) {
  enablePullRequestAutoMerge(input: { pullRequestId: $id, mergeMethod: MERGE, expectedHeadOid: $oid }) {
    pullRequest { autoMergeRequest { mergeMethod } } } }`;

test('auto-merge: refused, as on GitHub, when the head is no longer expectedHeadOid; armed when it is', async () => {
  const pr = await openPull('');
  const moved = await pushBranch(gh, owner, repo, { branch: pr.branch, files: { 'src/unreviewed.ts': 'export {};\n' } });
  await gh.syncPushes();
  await expect(mariaGql(ENABLE_AT, { id: pr.nodeId, oid: pr.sha })).rejects.toMatchObject({
    errors: [expect.objectContaining({ type: 'UNPROCESSABLE', message: expect.stringMatching(/expected head oid/i) })],
  });
  expect(gh.state.findPull(`${owner}/${repo}`, pr.number)!.autoMerge).toBeNull();
  await mariaGql(ENABLE_AT, { id: pr.nodeId, oid: moved });
  expect(gh.state.findPull(`${owner}/${repo}`, pr.number)!.autoMerge).toMatchObject({ method: 'merge' });
});

test('auto-merge: a push to the head disables it, with the auto_merge_disabled event', async () => {
  const pr = await openPull('');
  await mariaGql(ENABLE, { id: pr.nodeId });
  await gh.eventsDelivered();
  const from = gh.events.length;
  const sha = await pushBranch(gh, owner, repo, { branch: pr.branch, files: { 'src/late.ts': 'export {};\n' } });
  await gh.syncPushes();
  await gh.eventsDelivered();
  expect(gh.state.findPull(`${owner}/${repo}`, pr.number)!.autoMerge).toBeNull();
  expect(names(from)).toEqual([`push.refs/heads/${pr.branch}`, 'pull_request.synchronize', 'pull_request.auto_merge_disabled']);
  // Checks and approval on the new head no longer merge it.
  await omar.rest.pulls.createReview({ owner, repo, pull_number: pr.number, event: 'APPROVE' });
  await ci.rest.checks.create({ owner, repo, name: 'build', head_sha: sha, conclusion: 'success' });
  expect(gh.state.findPull(`${owner}/${repo}`, pr.number)!.merged).toBe(false);
});

test('an inline comment on a line outside the diff is a 422, alone or in a review', async () => {
  const pr = await openPull('');
  const path = `src/f${branchCount}.ts`;
  await expect(
    omar.rest.pulls.createReviewComment({ owner, repo, pull_number: pr.number, commit_id: pr.sha, path, line: 40, body: 'x' }),
  ).rejects.toMatchObject({
    status: 422,
    response: {
      data: {
        message: 'Validation Failed',
        errors: [
          {
            resource: 'PullRequestReviewComment',
            code: 'custom',
            field: 'pull_request_review_thread.line',
            message: 'pull_request_review_thread.line must be part of the diff',
          },
          { resource: 'PullRequestReviewComment', code: 'missing_field', field: 'pull_request_review_thread.diff_hunk' },
        ],
      },
    },
  });
  await expect(
    omar.rest.pulls.createReview({ owner, repo, pull_number: pr.number, event: 'COMMENT', comments: [{ path, line: 40, body: 'x' }] }),
  ).rejects.toMatchObject({
    status: 422,
    response: {
      data: {
        message: 'Unprocessable Entity',
        errors: ["Pull request review thread line must be part of the diff and Pull request review thread diff hunk can't be blank"],
      },
    },
  });
  const ok = await omar.rest.pulls.createReviewComment({
    owner,
    repo,
    pull_number: pr.number,
    commit_id: pr.sha,
    path,
    line: 1,
    body: 'ok',
  });
  expect(ok.status).toBe(201);
  expect(ok.data).toMatchObject({ path, line: 1, side: 'RIGHT', user: { login: 'omar' } });
});
