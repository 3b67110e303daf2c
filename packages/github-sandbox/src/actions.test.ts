import { runGit } from './git';
import { type GitHubSandbox, startGitHubSandbox } from './index';
import { pushBranch, sandboxOctokit, type SandboxOctokitInstance } from './testkit';
import { webhookProblems } from './webhook-schemas';

const owner = 'acme';
const repo = 'ci';
let gh: GitHubSandbox;
let octokit: SandboxOctokitInstance;
let mainSha: string;

beforeAll(async () => {
  gh = await startGitHubSandbox({
    repos: [
      {
        owner,
        repo,
        files: {
          '.github/workflows/feature-builder.yml': 'on:\n  workflow_dispatch:\n    inputs:\n      issue: { type: string }\njobs: {}\n',
          '.github/workflows/ci.yml': 'on: [push]\njobs: {}\n',
        },
      },
    ],
  });
  octokit = sandboxOctokit(gh);
  mainSha = (await runGit(['rev-parse', 'refs/heads/main'], { cwd: gh.gitRemotePath(owner, repo) })).stdout.toString('utf8').trim();
});

afterAll(async () => {
  // Every event the suite's changes emitted is what GitHub's webhook schemas describe.
  expect(webhookProblems(gh.events)).toEqual([]);
  await gh.close();
});

afterEach(() => {
  expect(gh.violations.splice(0)).toEqual([]);
});

test('check runs for a ref: a branch name resolves to its sha; latest run per name by default', async () => {
  gh.state.addCheckRun(owner, repo, { name: 'test', headSha: mainSha, conclusion: 'failure' });
  gh.state.addCheckRun(owner, repo, { name: 'test', headSha: mainSha, conclusion: 'success' });
  gh.state.addCheckRun(owner, repo, { name: 'lint', headSha: mainSha, status: 'in_progress' });
  gh.state.addCheckRun(owner, repo, { name: 'test', headSha: 'f'.repeat(40), conclusion: 'failure' });

  const byBranch = await octokit.rest.checks.listForRef({ owner, repo, ref: 'main' });
  expect(byBranch.data.total_count).toBe(2);
  expect(byBranch.data.check_runs.map((c) => [c.name, c.status, c.conclusion])).toEqual([
    ['lint', 'in_progress', null],
    ['test', 'completed', 'success'],
  ]);
  const all = await octokit.rest.checks.listForRef({ owner, repo, ref: mainSha, filter: 'all' });
  expect(all.data.total_count).toBe(3);
  const named = await octokit.rest.checks.listForRef({ owner, repo, ref: mainSha, check_name: 'lint' });
  expect(named.data.check_runs.map((c) => c.name)).toEqual(['lint']);
});

test('workflow runs: list with branch and status filters, per workflow by file name or id, jobs and logs', async () => {
  const failed = gh.state.addWorkflowRun(owner, repo, {
    workflow: 'ci.yml',
    headBranch: 'feat/x',
    headSha: 'a'.repeat(40),
    event: 'pull_request',
    conclusion: 'failure',
    jobs: [
      { name: 'build', conclusion: 'success', log: 'ok\n' },
      { name: 'test', conclusion: 'failure', log: 'FAIL src/cart.test.ts\n  expected 3, got 2\n' },
    ],
  });
  gh.state.addWorkflowRun(owner, repo, { workflow: 'ci.yml', headBranch: 'main', headSha: mainSha, conclusion: 'success' });
  gh.state.addWorkflowRun(owner, repo, {
    workflow: '.github/workflows/feature-builder.yml',
    headBranch: 'main',
    headSha: mainSha,
    status: 'in_progress',
    event: 'workflow_dispatch',
  });

  const all = await octokit.rest.actions.listWorkflowRunsForRepo({ owner, repo });
  expect(all.data.total_count).toBe(3);
  const onBranch = await octokit.rest.actions.listWorkflowRunsForRepo({ owner, repo, branch: 'feat/x' });
  expect(onBranch.data.workflow_runs.map((r) => r.id)).toEqual([failed.id]);
  const failures = await octokit.rest.actions.listWorkflowRunsForRepo({ owner, repo, status: 'failure' });
  expect(failures.data.workflow_runs.map((r) => r.id)).toEqual([failed.id]);
  const running = await octokit.rest.actions.listWorkflowRunsForRepo({ owner, repo, status: 'in_progress' });
  expect(running.data.workflow_runs.map((r) => r.event)).toEqual(['workflow_dispatch']);

  const byFile = await octokit.rest.actions.listWorkflowRuns({ owner, repo, workflow_id: 'ci.yml' });
  expect(byFile.data.total_count).toBe(2);
  const byId = await octokit.rest.actions.listWorkflowRuns({ owner, repo, workflow_id: failed.workflowId });
  expect(byId.data.workflow_runs.map((r) => r.path)).toEqual(['.github/workflows/ci.yml', '.github/workflows/ci.yml']);
  await expect(octokit.rest.actions.listWorkflowRuns({ owner, repo, workflow_id: 'missing.yml' })).rejects.toMatchObject({ status: 404 });

  const single = await octokit.rest.actions.getWorkflowRun({ owner, repo, run_id: failed.id });
  expect(single.data).toMatchObject({ id: failed.id, conclusion: 'failure', head_branch: 'feat/x' });
  const workflows = await octokit.rest.actions.listRepoWorkflows({ owner, repo });
  expect(workflows.data.workflows.map((w) => w.path).sort()).toEqual(['.github/workflows/ci.yml', '.github/workflows/feature-builder.yml']);

  const jobs = await octokit.rest.actions.listJobsForWorkflowRun({ owner, repo, run_id: failed.id });
  expect(jobs.data.jobs.map((j) => [j.name, j.conclusion])).toEqual([
    ['build', 'success'],
    ['test', 'failure'],
  ]);
  const testJob = jobs.data.jobs[1]!;

  // GitHub answers the logs endpoint with a redirect to a plain-text URL; Octokit follows it.
  const raw = await fetch(`${gh.url}/repos/${owner}/${repo}/actions/jobs/${testJob.id}/logs`, {
    headers: { authorization: 'token x' },
    redirect: 'manual',
  });
  expect(raw.status).toBe(302);
  expect(raw.headers.get('location')).toMatch(new RegExp(`^${gh.url}/`));
  const logs = await octokit.rest.actions.downloadJobLogsForWorkflowRun({ owner, repo, job_id: testJob.id });
  expect(logs.data).toBe('FAIL src/cart.test.ts\n  expected 3, got 2\n');
});

test('workflow dispatch: 204 and recorded; refused without the trigger, for unknown workflows and refs', async () => {
  const res = await octokit.rest.actions.createWorkflowDispatch({
    owner,
    repo,
    workflow_id: 'feature-builder.yml',
    ref: 'main',
    inputs: { issue: '12' },
  });
  expect(res.status).toBe(204);
  expect(gh.state.dispatches).toEqual([
    expect.objectContaining({ repo: 'acme/ci', workflow: 'feature-builder.yml', ref: 'main', inputs: { issue: '12' } }),
  ]);

  await expect(octokit.rest.actions.createWorkflowDispatch({ owner, repo, workflow_id: 'ci.yml', ref: 'main' })).rejects.toMatchObject({
    status: 422,
    message: expect.stringContaining("Workflow does not have 'workflow_dispatch' trigger"),
  });
  await expect(octokit.rest.actions.createWorkflowDispatch({ owner, repo, workflow_id: 'nope.yml', ref: 'main' })).rejects.toMatchObject({
    status: 404,
  });
  await expect(
    octokit.rest.actions.createWorkflowDispatch({ owner, repo, workflow_id: 'feature-builder.yml', ref: 'no-branch' }),
  ).rejects.toMatchObject({ status: 422 });

  // A branch pushed later can be dispatched on.
  await pushBranch(gh, owner, repo, { branch: 'factory/issue-12', files: { 'x.txt': 'x\n' } });
  await octokit.rest.actions.createWorkflowDispatch({ owner, repo, workflow_id: 'feature-builder.yml', ref: 'factory/issue-12' });
  expect(gh.state.dispatches).toHaveLength(2);
});
