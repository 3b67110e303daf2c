import * as path from 'node:path';
import { startFactorySandbox, type FactorySandbox } from '../../../scripts/harness';
import { pushBranch } from '@software-factory/github-sandbox/testkit';
import { loadScenarioFile } from '@software-factory/model-sandbox';
import { SAMPLE_BUG } from '../../../scripts/harness/sample-product';
import { failedRunEvent, git, SANDBOX_CONFIG } from '../../../test/helpers/builder';
import { branchName } from '../../shared/git';
import { parseCounters, renderCounters } from '../../shared/state';
import { dispatchedRun } from '../../../scripts/harness/dispatch';
import { run } from './run';

/** End to end: a failed CI run on a factory branch, on the sandboxes, with real git. */
const SCENARIO = path.join(__dirname, '../../../packages/model-sandbox/scenarios/builder-ci-fix.yaml');
const BRANCH = branchName(1, SAMPLE_BUG.title);
const LOG = 'not ok 3 - applies a percentage discount\n  Expected values to be strictly equal:\n  190 !== 180\n';

describe('CI fixer on the sandboxes', () => {
  let sandbox: FactorySandbox;
  let bare: string;
  let prNumber: number;
  let headSha: string;
  let runId: number;

  beforeEach(async () => {
    sandbox = await startFactorySandbox({ scenario: loadScenarioFile(SCENARIO), configText: SANDBOX_CONFIG });
    bare = sandbox.github.gitRemotePath('acme', 'shop');
    const state = sandbox.github.state;
    state.createIssue('acme', 'shop', { title: SAMPLE_BUG.title, body: SAMPLE_BUG.body, user: 'alice', labels: ['factory:pr-open'] });
    // A factory pull request whose branch still has the bug: its CI failed.
    headSha = await pushBranch(sandbox.github, 'acme', 'shop', {
      branch: BRANCH,
      files: { 'docs/discounts.md': 'Discounts are percentages.\n' },
    });
    const pr = await sandbox
      .client()
      .writer.createPullRequest({ title: 'Apply discounts as percentages', body: 'Fixes #1', head: BRANCH, base: 'main' });
    prNumber = pr.number;
    runId = state.addWorkflowRun('acme', 'shop', {
      workflow: 'ci.yml',
      name: 'ci',
      headBranch: BRANCH,
      headSha,
      event: 'pull_request',
      conclusion: 'failure',
      jobs: [
        { name: 'lint', conclusion: 'success', log: 'all good\n' },
        { name: 'test', conclusion: 'failure', log: LOG },
      ],
    }).id;
  });

  afterEach(async () => {
    await sandbox.close();
  });

  const event = () => failedRunEvent(sandbox, { id: runId, headBranch: BRANCH, headSha, name: 'ci' }, prNumber);

  it('pushes a fix commit to the same branch, with the failed job log given to the agent as untrusted data', async () => {
    const deps = sandbox.deps('ci-fixer');
    const result = await run(deps, { event: event() });

    expect(result.outcome).toBe('completed');
    const commits = git(bare, 'log', '--format=%H %an', `main..${BRANCH}`).trim().split('\n');
    expect(commits).toHaveLength(2);
    expect(commits[1]!.split(' ')[0]).toBe(headSha); // the fix sits on top of the failing head
    expect(commits[0]).toContain('github-actions[bot]');
    expect(git(bare, 'show', `${BRANCH}:src/pricing.js`)).toContain(SAMPLE_BUG.fix.newString);
    expect(git(bare, 'diff', '--name-only', `${headSha}..${BRANCH}`).trim()).toBe('src/pricing.js');

    const first = JSON.stringify(sandbox.model.requests[0]!.body.messages[0]);
    expect(first).toContain('190 !== 180');
    expect(first).toMatch(/<untrusted source=\\"log of job \d+\\"/);
    expect(first).not.toContain('all good'); // only failed jobs

    const state = sandbox.github.state;
    const comments = state.comments.filter((c) => c.issueNumber === prNumber);
    expect(comments.map((c) => parseCounters(c.body, prNumber)).find((c) => c['ci-fix'] !== undefined)).toEqual({ 'ci-fix': 1 });
    expect(comments.some((c) => c.body.includes('<!-- factory:ci-fixer:status -->') && c.body.includes('passed (exit 0)'))).toBe(true);
    expect(state.findIssue('acme/shop', prNumber)!.labels).not.toContain('factory:needs-human');
  });

  it('a dispatch naming the pull request (the shepherd, @factory retry) fixes the latest failed run of its head', async () => {
    const dispatch = (issue: number) =>
      dispatchedRun({
        workflow: 'factory-ci-fixer.yml',
        repo: 'acme/shop',
        ref: 'main',
        inputs: { 'issue-number': String(issue) },
        actor: 'alice',
        at: '',
      })!;
    const { automation, inputs } = dispatch(prNumber);
    expect(automation).toBe('ci-fixer');
    const result = await run(sandbox.deps('ci-fixer'), inputs);

    expect(result.outcome).toBe('completed');
    expect(git(bare, 'show', `${BRANCH}:src/pricing.js`)).toContain(SAMPLE_BUG.fix.newString);
    expect(JSON.stringify(sandbox.model.requests[0]!.body.messages[0])).toContain('190 !== 180');

    // Its head has moved on to the fix: no failed run of the new head, nothing to do.
    const again = await run(sandbox.deps('ci-fixer'), dispatch(prNumber).inputs);
    expect(again.outcome).toBe('skipped');
    expect(again.summary).toMatch(/has no failed CI run on its head/);
  });

  it('past the attempt cap it asks a human instead of trying again', async () => {
    sandbox.github.state.addComment('acme', 'shop', prNumber, { body: renderCounters(prNumber, { 'ci-fix': 2 }) });

    const result = await run(sandbox.deps('ci-fixer'), { event: event() });

    expect(result.outcome).toBe('refused');
    expect(sandbox.model.requests).toHaveLength(0);
    expect(git(bare, 'rev-parse', BRANCH).trim()).toBe(headSha);
    const state = sandbox.github.state;
    expect(state.findIssue('acme/shop', prNumber)!.labels).toContain('factory:needs-human');
    const note = state.comments.find((c) => c.issueNumber === prNumber && c.body.includes('<!-- factory:ci-fixer:needs-human -->'));
    expect(note?.body).toContain('the limit is 2 (automations.ci-fixer.maxAttempts)');
  });

  it('leaves runs alone that are not on a factory branch or are stale', async () => {
    const other = failedRunEvent(sandbox, { id: runId, headBranch: 'feature/x', headSha, name: 'ci' });
    expect(await run(sandbox.deps('ci-fixer'), { event: other })).toMatchObject({ outcome: 'skipped' });
    const stale = failedRunEvent(sandbox, { id: runId, headBranch: BRANCH, headSha: 'f'.repeat(40), name: 'ci' }, prNumber);
    const result = await run(sandbox.deps('ci-fixer'), { event: stale });
    expect(result.outcome).toBe('skipped');
    expect(result.summary).toContain('has moved on');
    expect(sandbox.model.requests).toHaveLength(0);
  });
});
