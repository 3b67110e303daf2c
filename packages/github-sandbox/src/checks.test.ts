import { type GitHubSandbox, startGitHubSandbox } from './index';
import { pushBranch, sandboxOctokit, type SandboxOctokitInstance } from './testkit';
import { webhookProblems } from './webhook-schemas';

const owner = 'acme';
const repo = 'shop';
let gh: GitHubSandbox;
let octokit: SandboxOctokitInstance;

beforeAll(async () => {
  gh = await startGitHubSandbox({
    repos: [
      {
        owner,
        repo,
        files: { 'README.md': '# shop\n' },
        protection: { requiredChecks: ['build', 'test'], requiredApprovingReviewCount: 1 },
      },
      { owner, repo: 'plain', files: { 'README.md': '# plain\n' } },
    ],
  });
  octokit = sandboxOctokit(gh, gh.mintToken({ kind: 'app', login: 'ci[bot]', permissions: { checks: 'write', contents: 'read' } }));
});

afterAll(async () => {
  expect(webhookProblems(gh.events)).toEqual([]);
  await gh.close();
});

afterEach(() => {
  expect(gh.violations.splice(0)).toEqual([]);
});

test('check runs are created and completed through REST; their suite completes when the last run does, with the worst conclusion', async () => {
  const sha = await pushBranch(gh, owner, repo, { branch: 'feature/checks', files: { 'a.txt': 'a\n' } });
  await gh.syncPushes();
  const build = await octokit.rest.checks.create({ owner, repo, name: 'build', head_sha: sha, status: 'in_progress' });
  const test = await octokit.rest.checks.create({ owner, repo, name: 'test', head_sha: sha });
  expect(build.status).toBe(201);
  expect(build.data).toMatchObject({ name: 'build', head_sha: sha, status: 'in_progress', conclusion: null });
  // The run belongs to the App whose token created it.
  expect(build.data.app).toMatchObject({ slug: 'ci' });
  expect(test.data.check_suite?.id).toBe(build.data.check_suite?.id);

  gh.events.length = 0;
  await octokit.rest.checks.update({
    owner,
    repo,
    check_run_id: Number(build.data.id),
    conclusion: 'success',
    output: { title: 'ok', summary: 'built' },
  });
  await gh.eventsDelivered();
  expect(gh.events.map((e) => `${e.name}.${String(e.payload.action)}`)).toEqual(['check_run.completed']);
  expect(gh.events[0]!.payload).toMatchObject({
    check_run: { name: 'build', conclusion: 'success', check_suite: { status: 'in_progress' } },
  });
  expect(gh.events[0]!.causedBy).toEqual({ kind: 'app', login: 'ci[bot]' });

  await octokit.rest.checks.update({ owner, repo, check_run_id: Number(test.data.id), status: 'completed', conclusion: 'failure' });
  await gh.eventsDelivered();
  expect(gh.events.map((e) => `${e.name}.${String(e.payload.action)}`)).toEqual([
    'check_run.completed',
    'check_run.completed',
    'check_suite.completed',
  ]);
  expect(gh.events[2]!.payload).toMatchObject({
    check_suite: { id: build.data.check_suite?.id, head_sha: sha, status: 'completed', conclusion: 'failure', latest_check_runs_count: 2 },
  });

  const listed = await octokit.rest.checks.listForRef({ owner, repo, ref: 'feature/checks' });
  expect(listed.data.check_runs.map((c) => [c.name, c.status, c.conclusion, c.output.title])).toEqual([
    ['test', 'completed', 'failure', null],
    ['build', 'completed', 'success', 'ok'],
  ]);
  expect((await octokit.rest.checks.get({ owner, repo, check_run_id: Number(build.data.id) })).data.output.summary).toBe('built');
});

test('a check run on a commit the repository lacks is a 422', async () => {
  await expect(octokit.rest.checks.create({ owner, repo, name: 'build', head_sha: 'f'.repeat(40) })).rejects.toMatchObject({
    status: 422,
    message: expect.stringContaining('No commit found for SHA'),
  });
});

test('check runs need checks:write', async () => {
  const reader = sandboxOctokit(gh, gh.mintToken({ permissions: { checks: 'read' } }));
  await expect(reader.rest.checks.create({ owner, repo, name: 'x', head_sha: 'a'.repeat(40) })).rejects.toMatchObject({ status: 403 });
});

test('branch protection and branch rules answer what was seeded; an unprotected branch is 404 / no rules', async () => {
  const admin = sandboxOctokit(gh);
  const protection = await admin.rest.repos.getBranchProtection({ owner, repo, branch: 'main' });
  expect(protection.data.required_status_checks).toMatchObject({
    contexts: ['build', 'test'],
    checks: [{ context: 'build' }, { context: 'test' }],
  });
  expect(protection.data.required_pull_request_reviews?.required_approving_review_count).toBe(1);
  const rules = await admin.rest.repos.getBranchRules({ owner, repo, branch: 'main' });
  expect(rules.data).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ type: 'pull_request', parameters: expect.objectContaining({ required_approving_review_count: 1 }) }),
      expect.objectContaining({
        type: 'required_status_checks',
        parameters: expect.objectContaining({ required_status_checks: [{ context: 'build' }, { context: 'test' }] }),
      }),
    ]),
  );
  await expect(admin.rest.repos.getBranchProtection({ owner, repo: 'plain', branch: 'main' })).rejects.toMatchObject({
    status: 404,
    message: expect.stringContaining('Branch not protected'),
  });
  expect((await admin.rest.repos.getBranchRules({ owner, repo: 'plain', branch: 'main' })).data).toEqual([]);
  // Reading branch protection is administration; a GITHUB_TOKEN has none.
  const workflow = sandboxOctokit(gh, gh.mintToken({ kind: 'github-token', permissions: { contents: 'write' } }));
  await expect(workflow.rest.repos.getBranchProtection({ owner, repo, branch: 'main' })).rejects.toMatchObject({ status: 403 });
  expect((await workflow.rest.repos.getBranchRules({ owner, repo, branch: 'main' })).data).toHaveLength(2);
});

test('allow_auto_merge: off by default, seeded, and set by PATCH /repos', async () => {
  const admin = sandboxOctokit(gh);
  expect((await admin.rest.repos.get({ owner, repo: 'plain' })).data.allow_auto_merge).toBe(false);
  const patched = await admin.rest.repos.update({ owner, repo: 'plain', allow_auto_merge: true });
  expect(patched.data.allow_auto_merge).toBe(true);
  expect((await admin.rest.repos.get({ owner, repo: 'plain' })).data.allow_auto_merge).toBe(true);
  const seeded = await startGitHubSandbox({ repos: [{ owner, repo: 'x', allowAutoMerge: true }] });
  try {
    expect((await sandboxOctokit(seeded).rest.repos.get({ owner, repo: 'x' })).data.allow_auto_merge).toBe(true);
  } finally {
    await seeded.close();
  }
});

test('check runs, their suite and workflow runs name the open pull requests whose head is their sha, as GitHub fills pull_requests', async () => {
  const sha = await pushBranch(gh, owner, repo, { branch: 'feature/pr-checks', files: { 'b.txt': 'b\n' } });
  await gh.syncPushes();
  const author = sandboxOctokit(
    gh,
    gh.mintToken({ kind: 'user', login: 'maria', permissions: { 'pull-requests': 'write', contents: 'write' } }),
  );
  const pr = await author.rest.pulls.create({ owner, repo, title: 'PR checks', head: 'feature/pr-checks', base: 'main' });
  const run = await octokit.rest.checks.create({ owner, repo, name: 'build', head_sha: sha, status: 'completed', conclusion: 'success' });
  const ref = {
    number: pr.data.number,
    head: expect.objectContaining({ ref: 'feature/pr-checks', sha }),
    base: expect.objectContaining({ ref: 'main' }),
  };
  expect(run.data.pull_requests).toEqual([expect.objectContaining(ref)]);
  await gh.eventsDelivered();
  const completed = gh.events.find((e) => e.name === 'check_suite' && (e.payload.check_suite as { head_sha: string }).head_sha === sha);
  expect(completed?.payload.check_suite).toMatchObject({ head_branch: 'feature/pr-checks', pull_requests: [expect.objectContaining(ref)] });
  const wr = gh.state.addWorkflowRun(owner, repo, {
    workflow: 'ci.yml',
    headSha: sha,
    headBranch: 'feature/pr-checks',
    jobs: [{ name: 'x' }],
  });
  const reader = sandboxOctokit(gh, gh.mintToken({ kind: 'user', login: 'maria', permissions: { actions: 'read' } }));
  const got = await reader.rest.actions.getWorkflowRun({ owner, repo, run_id: wr.id });
  expect(got.data.pull_requests).toEqual([expect.objectContaining(ref)]);
  // A commit no open pull request has as its head names none.
  const other = await pushBranch(gh, owner, repo, { branch: 'feature/no-pr', files: { 'c.txt': 'c\n' } });
  await gh.syncPushes();
  const lone = await octokit.rest.checks.create({
    owner,
    repo,
    name: 'build',
    head_sha: other,
    status: 'completed',
    conclusion: 'success',
  });
  expect(lone.data.pull_requests).toEqual([]);
});
