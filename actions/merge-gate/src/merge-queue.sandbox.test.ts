import { webhookProblems } from '@software-factory/github-sandbox/testkit';
import type { WorkflowHost } from '@software-factory/github-sandbox/workflows';
import { startFactorySandbox, type FactorySandbox } from '../../../scripts/harness';
import { automationEntry } from '../../../scripts/cli/registry';
import { openFactoryPullRequest, SANDBOX_BOT, sandboxConfigText } from '../../../scripts/harness/scenarios/fixtures';
import { approveHead, ciApp, CI_CHECK } from '../../../scripts/harness/scenarios/merge-gate';
import { sampleProductFiles } from '../../../scripts/harness/sample-product';
import { factoryWorkflowFiles, startFactoryWorkflows } from '../../../scripts/harness/workflows';
import type { BuiltAutomation } from '../../shared/registry';
import { parseEvent } from '../../shared/events';
import { run } from './run';

/**
 * The merge gate into a default branch whose rules hold a merge queue, on the GitHub sandbox,
 * running the real workflow file (.github/workflows/factory-merge-gate.yml) on the sandbox's
 * events with the factory's App token: the gate enqueues (never arms auto-merge, never merges
 * directly: GitHub would refuse that with a 405), and the merge queue merges once CI passes on the
 * merge group.
 */

const REPO = 'acme/shop';
const ALL = { contents: 'write', issues: 'write', 'pull-requests': 'write', checks: 'write', actions: 'write' } as const;

let sandbox: FactorySandbox;
let host: WorkflowHost;
let appToken: string;

beforeEach(async () => {
  const configText = sandboxConfigText();
  const workflow = '.github/workflows/factory-merge-gate.yml';
  const files = { ...sampleProductFiles(), '.github/factory.yml': configText, [workflow]: factoryWorkflowFiles()[workflow]! };
  sandbox = await startFactorySandbox({ files, configText });
  sandbox.github.state.protectBranch('acme', 'shop', { requiredChecks: [CI_CHECK], mergeQueue: true });
  sandbox.github.state.repos.find((r) => r.fullName === REPO)!.allowAutoMerge = true;
  appToken = sandbox.github.mintToken({ kind: 'app', login: SANDBOX_BOT, permissions: ALL });
  host = startFactoryWorkflows(sandbox, { automations: (name: BuiltAutomation) => automationEntry(name), appToken });
});

afterEach(async () => {
  host.close();
  expect(webhookProblems(sandbox.github.events)).toEqual([]);
  await sandbox.close();
});

const settle = async () => {
  await sandbox.github.eventsDelivered();
  await host.idle();
};
const pull = (n: number) => sandbox.github.state.findPull(REPO, n)!;
const issue = (n: number) => sandbox.github.state.findIssue(REPO, n)!;
const gateRuns = () => host.history().runs.filter((r) => r.workflow.name === 'factory-merge-gate');
const requests = (pattern: RegExp) => sandbox.github.requests.filter((r) => pattern.test(`${r.method} ${r.operationName ?? r.path}`));

it('low + approved into a main with a merge queue: the gate enqueues; CI passes on the merge group, which merges and closes the issue', async () => {
  const { pr, issue: fixed, headSha } = await openFactoryPullRequest(sandbox);
  const ci = ciApp(sandbox);
  await ci.report(headSha, 'success');
  await approveHead(sandbox, pr, appToken);
  await settle();

  // Enqueued by the App, with the head it checked; no auto-merge armed, no direct merge tried.
  expect(sandbox.github.state.mergeQueueEntries.filter((e) => e.pullNumber === pr)).toEqual([
    expect.objectContaining({ enqueuedBy: SANDBOX_BOT, headSha, outcome: null, state: 'AWAITING_CHECKS' }),
  ]);
  // Enqueued once: a later run reads the pull request's queue entry and leaves it be.
  const enqueues = requests(/FactoryEnqueuePullRequest/);
  expect(enqueues).toHaveLength(1);
  expect(enqueues[0]).toMatchObject({ status: 200, actor: SANDBOX_BOT });
  const before = sandbox.github.requests.length;
  const again = await run(sandbox.deps('merge-gate', { github: sandbox.client(appToken), appToken: true }), {
    event: parseEvent('workflow_dispatch', { inputs: {} }),
    issueNumber: pr,
  });
  expect(again.details).toEqual(expect.arrayContaining([expect.stringMatching(/is in the merge queue already \(position 1/)]));
  expect(sandbox.github.requests.slice(before).filter((r) => /FactoryEnqueuePullRequest/.test(r.operationName ?? ''))).toEqual([]);
  expect(requests(/FactoryEnableAutoMerge|^PUT .*\/merge$/)).toEqual([]);
  expect(pull(pr)).toMatchObject({ merged: false, autoMerge: null });
  expect(issue(pr).labels).toEqual(expect.arrayContaining(['factory:approved', 'risk:low']));
  const risk = sandbox.github.state.checkRuns.filter((c) => c.headSha === headSha && c.name === 'factory/risk').at(-1);
  expect(risk).toMatchObject({ conclusion: 'success', output: { title: 'Risk low: merge queue' } });

  // The queue asked for checks on its merge group: main plus the pull request.
  const group = sandbox.github.state.mergeGroups.find((g) => g.pullNumber === pr && g.status === 'checks_requested')!;
  expect(group.headRef).toBe(`gh-readonly-queue/main/pr-${pr}-${headSha}`);
  const requested = sandbox.github.events.find((e) => e.name === 'merge_group' && e.payload.action === 'checks_requested');
  expect(requested?.payload).toMatchObject({ merge_group: { head_sha: group.headSha, base_ref: 'refs/heads/main' } });
  expect(issue(fixed).state).toBe('open');

  // CI (listening on merge_group) reports on the group's sha: the queue merges it.
  await ci.report(group.headSha, 'success');
  await settle();
  expect(pull(pr)).toMatchObject({ merged: true, mergedBy: 'github-merge-queue[bot]', mergeCommitSha: group.headSha });
  expect(issue(fixed)).toMatchObject({ state: 'closed', stateReason: 'completed' });
  const destroyed = sandbox.github.events.find((e) => e.name === 'merge_group' && e.payload.action === 'destroyed');
  expect(destroyed?.payload).toMatchObject({ reason: 'merged' });
  const push = sandbox.github.events.find((e) => e.name === 'push' && e.payload.ref === 'refs/heads/main');
  expect(push).toMatchObject({ causedBy: { kind: 'github', login: 'github-merge-queue[bot]' }, payload: { after: group.headSha } });
  // No gate run failed (the merge group's check suite names no pull request: its run is skipped by the job's if:).
  expect(gateRuns().length).toBeGreaterThan(0);
  expect(gateRuns().filter((r) => r.conclusion !== 'success' && r.conclusion !== 'skipped')).toEqual([]);
});

it('a failing check on the merge group takes the pull request out of the queue, open and unmerged', async () => {
  const { pr, issue: fixed, headSha } = await openFactoryPullRequest(sandbox);
  const ci = ciApp(sandbox);
  await ci.report(headSha, 'success');
  await approveHead(sandbox, pr, appToken);
  await settle();
  const group = sandbox.github.state.mergeGroups.find((g) => g.pullNumber === pr && g.status === 'checks_requested')!;

  await ci.report(group.headSha, 'failure');
  await settle();
  expect(pull(pr)).toMatchObject({ merged: false });
  expect(issue(pr).state).toBe('open');
  expect(issue(fixed).state).toBe('open');
  expect(sandbox.github.state.mergeQueueEntries.find((e) => e.pullNumber === pr)).toMatchObject({
    outcome: 'dequeued',
    dequeueReason: 'CI_FAILURE',
  });
  const dequeued = sandbox.github.events.find((e) => e.name === 'pull_request' && e.payload.action === 'dequeued');
  expect(dequeued?.payload).toMatchObject({ number: pr, reason: 'CI_FAILURE' });
  expect(gateRuns().filter((r) => r.conclusion !== 'success' && r.conclusion !== 'skipped')).toEqual([]);
});
