import * as fs from 'node:fs';
import * as path from 'node:path';
import { run as fixCi } from '../../actions/ci-fixer/src/run';
import { run as resolve } from '../../actions/review-resolver/src/run';
import { branchName } from '../../actions/shared/git';
import { ARTIFACT_FILE, type SplitArtifact } from '../../actions/shared/split/artifact';
import { runAgentPhase, runApplyPhase } from '../../actions/shared/split/phases';
import { parseCounters, renderCounters } from '../../actions/shared/state';
import { startFactorySandbox, type FactorySandbox } from '../../scripts/harness';
import { pushBranch } from '@software-factory/github-sandbox/testkit';
import { loadScenarioFile } from '@software-factory/model-sandbox';
import { SAMPLE_BUG } from '../../scripts/harness/sample-product';
import { openFactoryPullRequest, reviewSubmittedEvent, SANDBOX_BOT, sandboxConfigText } from '../../scripts/harness/scenarios/fixtures';
import { resolverSandboxScenario } from '../../scripts/harness/scenarios/resolver';
import { failedRunEvent, git, SANDBOX_CONFIG } from '../helpers/builder';
import { AGENT_PERMISSIONS, APPLY_PERMISSIONS, copyArtifact, editJson, scratchDir, startJob } from './harness';

// Two jobs, each with real git, the product's test suite and the sandboxes: more than one job's time.

/** The CI fixer and the review resolver in split mode: the agent job writes nothing, the apply job writes it all. */
const RUN = '77';

describe('CI fixer, split mode', () => {
  const SCENARIO = path.join(__dirname, '../../packages/model-sandbox/scenarios/builder-ci-fix.yaml');
  const BRANCH = branchName(1, SAMPLE_BUG.title);
  let sandbox: FactorySandbox;
  let prNumber: number;
  let headSha: string;
  let runId: number;
  const cleanup: string[] = [];

  beforeEach(async () => {
    sandbox = await startFactorySandbox({ scenario: loadScenarioFile(SCENARIO), configText: SANDBOX_CONFIG });
    const state = sandbox.github.state;
    state.createIssue('acme', 'shop', { title: SAMPLE_BUG.title, body: SAMPLE_BUG.body, user: 'alice', labels: ['factory:pr-open'] });
    headSha = await pushBranch(sandbox.github, 'acme', 'shop', {
      branch: BRANCH,
      files: { 'docs/discounts.md': 'Discounts are percentages.\n' },
    });
    prNumber = (
      await sandbox
        .client()
        .writer.createPullRequest({ title: 'Apply discounts as percentages', body: 'Fixes #1', head: BRANCH, base: 'main' })
    ).number;
    runId = state.addWorkflowRun('acme', 'shop', {
      workflow: 'ci.yml',
      name: 'ci',
      headBranch: BRANCH,
      headSha,
      event: 'pull_request',
      conclusion: 'failure',
      jobs: [{ name: 'test', conclusion: 'failure', log: 'not ok 3 - applies a percentage discount\n  190 !== 180\n' }],
    }).id;
  });
  afterEach(async () => {
    await sandbox.close();
    for (const dir of cleanup.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  const event = () => failedRunEvent(sandbox, { id: runId, headBranch: BRANCH, headSha, name: 'ci' }, prNumber);
  const bare = () => sandbox.github.gitRemotePath('acme', 'shop');

  it('job 2 pushes the fix job 1 made, fast-forward on the pull request branch, with the status comment', async () => {
    const dir = scratchDir('split-artifact-', cleanup);
    const agent = await startJob(sandbox, 'ci-fixer', AGENT_PERMISSIONS, cleanup, { model: true });
    const before = sandbox.github.state.snapshot();
    const first = await runAgentPhase(fixCi, agent.deps, { event: event() }, { dir, workflowRunId: RUN });
    expect(first.outcome).toBe('completed');
    expect(sandbox.github.state.snapshot()).toEqual(before);
    expect(git(bare(), 'rev-parse', BRANCH).trim()).toBe(headSha);

    const apply = await startJob(sandbox, 'ci-fixer', APPLY_PERMISSIONS, cleanup, { model: false });
    const second = await runApplyPhase(apply.deps, { event: event() }, { dir, workflowRunId: RUN });

    expect(second.outcome).toBe('completed');
    const commits = git(bare(), 'log', '--format=%H', `main..${BRANCH}`).trim().split('\n');
    expect(commits).toHaveLength(2);
    expect(commits[1]).toBe(headSha);
    expect(git(bare(), 'show', `${BRANCH}:src/pricing.js`)).toContain(SAMPLE_BUG.fix.newString);
    const comments = sandbox.github.state.comments.filter((c) => c.issueNumber === prNumber);
    expect(comments.map((c) => parseCounters(c.body, prNumber)).find((c) => c['ci-fix'] !== undefined)).toEqual({ 'ci-fix': 1 });
    expect(comments.some((c) => c.body.includes('<!-- factory:ci-fixer:status -->') && c.body.includes('passed (exit 0)'))).toBe(true);
  });

  it("refuses a push aimed at another branch than the pull request's", async () => {
    const dir = scratchDir('split-artifact-', cleanup);
    const agent = await startJob(sandbox, 'ci-fixer', AGENT_PERMISSIONS, cleanup, { model: true });
    await runAgentPhase(fixCi, agent.deps, { event: event() }, { dir, workflowRunId: RUN });
    const tampered = copyArtifact(dir, cleanup);
    editJson(path.join(tampered, ARTIFACT_FILE), (a: SplitArtifact) => {
      for (const w of a.writes) if (w.method === 'push') w.branch = 'factory/2-other-work';
    });
    const before = sandbox.github.state.snapshot();

    const apply = await startJob(sandbox, 'ci-fixer', APPLY_PERMISSIONS, cleanup, { model: false });
    const result = await runApplyPhase(apply.deps, { event: event() }, { dir: tampered, workflowRunId: RUN });

    expect(result.outcome).toBe('refused');
    expect(result.details.join('\n')).toMatch(/refused writes\.\d+\.branch \[push-branch\]: this run may push only #\d+'s branch/);
    expect(sandbox.github.state.snapshot()).toEqual(before);
    expect(git(bare(), 'for-each-ref', '--format=%(refname)', 'refs/heads/').trim().split('\n')).toEqual([
      `refs/heads/${BRANCH}`,
      'refs/heads/main',
    ]);
  });

  it('past the attempt cap, job 1 decides on the escalation and job 2 writes it (no model, no push)', async () => {
    sandbox.github.state.addComment('acme', 'shop', prNumber, { body: renderCounters(prNumber, { 'ci-fix': 2 }) });
    const dir = scratchDir('split-artifact-', cleanup);
    const agent = await startJob(sandbox, 'ci-fixer', AGENT_PERMISSIONS, cleanup, { model: true });
    const first = await runAgentPhase(fixCi, agent.deps, { event: event() }, { dir, workflowRunId: RUN });
    expect(first.outcome).toBe('refused');
    expect(sandbox.model.requests).toHaveLength(0);

    const apply = await startJob(sandbox, 'ci-fixer', APPLY_PERMISSIONS, cleanup, { model: false });
    const second = await runApplyPhase(apply.deps, { event: event() }, { dir, workflowRunId: RUN });

    expect(second.outcome).toBe('refused');
    expect(second.writes).toBe(2);
    const state = sandbox.github.state;
    expect(state.findIssue('acme/shop', prNumber)!.labels).toContain('factory:needs-human');
    expect(state.comments.some((c) => c.issueNumber === prNumber && c.body.includes('<!-- factory:ci-fixer:needs-human -->'))).toBe(true);
  });
});

describe('review resolver, split mode', () => {
  let sandbox: FactorySandbox;
  const cleanup: string[] = [];
  beforeEach(async () => {
    sandbox = await startFactorySandbox({ configText: sandboxConfigText(), scenario: resolverSandboxScenario() });
    sandbox.github.state.setAssociation('alice', 'MEMBER');
  });
  afterEach(async () => {
    await sandbox.close();
    for (const dir of cleanup.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('job 2 pushes the round, replies with its SHA, resolves the threads and re-requests review', async () => {
    const opened = await openFactoryPullRequest(sandbox);
    const review = sandbox.github.state.addReview('acme/shop', opened.pr, {
      user: 'alice',
      state: 'CHANGES_REQUESTED',
      body: 'One thing.',
      commitId: opened.headSha,
      authorAssociation: 'MEMBER',
    });
    sandbox.github.state.addReviewComment('acme/shop', opened.pr, {
      reviewId: review.id,
      path: 'src/pricing.js',
      line: 16,
      body: 'Explain the percentage math in a comment. Please resolve when done.',
      user: 'alice',
      commitId: opened.headSha,
      authorAssociation: 'MEMBER',
    });
    const event = reviewSubmittedEvent(sandbox, { pr: opened.pr, who: { login: 'alice', association: 'MEMBER' } });
    const dir = scratchDir('split-artifact-', cleanup);
    const agent = await startJob(sandbox, 'review-resolver', AGENT_PERMISSIONS, cleanup, { model: true });
    const before = sandbox.github.state.snapshot();

    const reads = (p: string) => sandbox.github.requests.filter((r) => r.method === 'GET' && r.path === p).length;
    const threadListings = () => sandbox.github.requests.filter((r) => r.operationName === 'FactoryListReviewThreads').length;
    sandbox.github.resetRequests();
    const first = await runAgentPhase(resolve, agent.deps, { event }, { dir, workflowRunId: RUN });
    expect(first.outcome).toBe('completed');
    expect(sandbox.github.state.snapshot()).toEqual(before);
    // Job 1 reads the repository once (the phase and the round share it) and the threads once.
    expect(reads('/repos/acme/shop')).toBe(1);
    expect(threadListings()).toBe(1);
    const artifact = JSON.parse(fs.readFileSync(path.join(dir, ARTIFACT_FILE), 'utf8')) as SplitArtifact;
    expect(artifact.writes.map((w) => w.method)).toEqual(
      expect.arrayContaining(['push', 'replyToReviewThread', 'resolveReviewThread', 'requestReviewers']),
    );

    const apply = await startJob(sandbox, 'review-resolver', APPLY_PERMISSIONS, cleanup, { model: false });
    sandbox.github.resetRequests();
    const second = await runApplyPhase(apply.deps, { event }, { dir, workflowRunId: RUN });

    expect(second.outcome).toBe('completed');
    // Job 2 reads the subject as the pull request the event names (not first as an issue).
    expect(reads(`/repos/acme/shop/issues/${opened.pr}`)).toBe(0);
    expect(reads(`/repos/acme/shop/pulls/${opened.pr}`)).toBe(1);
    const pull = sandbox.github.state.findPull('acme/shop', opened.pr)!;
    expect(pull.headSha).not.toBe(opened.headSha);
    const thread = sandbox.github.state.threads.find((t) => t.pullNumber === opened.pr)!;
    expect(thread.isResolved).toBe(true);
    const reply = sandbox.github.state.reviewComments.filter((c) => c.threadId === thread.id)[1]!;
    expect(reply.user).toBe(SANDBOX_BOT);
    expect(reply.body).toContain(`Addressed in ${pull.headSha}.`);
    expect(pull.requestedReviewers).toEqual(['alice']);
  });
});
