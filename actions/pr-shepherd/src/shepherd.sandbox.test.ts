import { startFactorySandbox, type FactorySandbox } from '../../../scripts/harness';
import { SANDBOX_BOT, sandboxConfigText } from '../../../scripts/harness/scenarios/fixtures';
import { ciApp } from '../../../scripts/harness/scenarios/merge-gate';
import { factoryComment, ManualClock, openShepherdPr, pushToMain, seedShepherdSandbox } from '../../../scripts/harness/scenarios/shepherd';
import { shepherdAgentScenario } from '../../../scripts/harness/scenarios/shepherd-agent';
import { sampleProductFiles } from '../../../scripts/harness/sample-product';
import { parseEvent, type ParsedEvent } from '../../shared/events';
import { findMarkers } from '../../shared/github/markers';
import { makeClaimBody, parseClaim } from '../../shared/state';
import { run } from './run';
import { automationEntry } from '../../../scripts/cli/registry';
import { factoryWorkflowFiles, startFactoryWorkflows } from '../../../scripts/harness/workflows';
import type { BuiltAutomation } from '../../shared/registry';

/**
 * The shepherd's deterministic steps on the GitHub sandbox. Time is the sandbox's clock (a
 * ManualClock the test moves) and timestamps on its records; nothing sleeps. Conflict resolution
 * and the second look have their own tests.
 */

const REPO = 'acme/shop';
let sandbox: FactorySandbox;
let clock: ManualClock;

async function start(extra: Record<string, unknown> = {}, files: Record<string, string> = {}): Promise<void> {
  clock = new ManualClock('2026-03-02T11:00:00Z');
  const configText = sandboxConfigText(extra);
  sandbox = await startFactorySandbox({
    files: { ...sampleProductFiles(), ...files, '.github/factory.yml': configText },
    configText,
    clock,
  });
}

afterEach(async () => {
  await sandbox.close();
});

const schedule = (): ParsedEvent => parseEvent('schedule', { schedule: '17 * * * *' }, { repository: REPO });
const shepherd = (event: ParsedEvent = schedule(), opts: { dryRun?: boolean; issueNumber?: number } = {}) =>
  run(sandbox.deps('pr-shepherd', { clock, dryRun: !!opts.dryRun }), {
    event,
    ...(opts.issueNumber !== undefined ? { issueNumber: opts.issueNumber } : {}),
  });
const pull = (n: number) => sandbox.github.state.findPull(REPO, n)!;
const issue = (n: number) => sandbox.github.state.findIssue(REPO, n)!;
const commentsOn = (n: number) => sandbox.github.state.comments.filter((c) => c.issueNumber === n);
const shepherdKeys = (n: number) =>
  commentsOn(n)
    .filter((c) => c.user === SANDBOX_BOT)
    .flatMap((c) => findMarkers(c.body).filter((m) => m.kind === 'pr-shepherd'))
    .map((m) => m.key);
/** REST writes since `from` (the shepherd's writes are all REST: update-branch, comments, labels, dispatches, closes). */
const writes = (from = 0) =>
  sandbox.github.requests.slice(from).filter((r) => r.method !== 'GET' && !r.graphql && !r.path.includes('.git/'));
const reads = (from = 0) => sandbox.github.requests.slice(from).filter((r) => r.method === 'GET' || r.graphql);

describe('the workflow file on the sandbox', () => {
  it('takes the dispatch `@factory retry` sends (issue-number) and shepherds that pull request only', async () => {
    const workflow = '.github/workflows/factory-shepherd.yml';
    await start({}, { [workflow]: factoryWorkflowFiles()[workflow]! });
    // The factory's App token, whose login is the config's trust.botLogin: the comments it writes are the factory's.
    const appToken = sandbox.github.mintToken({
      kind: 'app',
      login: SANDBOX_BOT,
      permissions: { contents: 'write', issues: 'write', 'pull-requests': 'write', actions: 'write' },
    });
    const host = startFactoryWorkflows(sandbox, { automations: (name: BuiltAutomation) => automationEntry(name), appToken });
    try {
      const ci = ciApp(sandbox);
      const named = await openShepherdPr(sandbox, 'named', { 'src/named.js': 'module.exports = 14;\n' });
      const other = await openShepherdPr(sandbox, 'other', { 'src/other3.js': 'module.exports = 15;\n' });
      await ci.report(named.headSha, 'success');
      await ci.report(other.headSha, 'success');
      await pushToMain(sandbox, { 'src/moved.js': 'module.exports = 16;\n' }, 'Main moves on');
      sandbox.github.state.setAssociation('sandbox-maintainer', 'MEMBER');
      const token = sandbox.github.mintToken({ kind: 'user', login: 'sandbox-maintainer', permissions: { actions: 'write' } });
      await sandbox.client(token).writer.dispatchWorkflow('factory-shepherd.yml', 'main', { 'issue-number': String(named.pr) });
      await sandbox.github.eventsDelivered();
      await host.idle();

      const runs = host.history().runs.filter((r) => r.workflow.name === 'factory-shepherd');
      expect(runs.map((r) => [r.event.name, r.conclusion])).toEqual([['workflow_dispatch', 'success']]);
      expect(pull(named.pr).headSha).not.toBe(named.headSha);
      expect(pull(other.pr).headSha).toBe(other.headSha);
      expect(shepherdKeys(named.pr)).toEqual(['update-branch']);
    } finally {
      host.close();
    }
  });
});

describe('one sweep over a sandbox holding every case at once', () => {
  it('updates the branch behind main, releases the expired claim, hands the failure over, leaves the pending and the touched alone; a second run writes nothing', async () => {
    await start();
    const seed = await seedShepherdSandbox(sandbox, clock, { modelSteps: false });
    const heads = { behind: pull(seed.behind).headSha, pending: pull(seed.pending).headSha, touched: pull(seed.touched).headSha };
    const before = { pending: commentsOn(seed.pending).length, touched: commentsOn(seed.touched).length };
    const from = sandbox.github.requests.length;

    const result = await shepherd();

    // Behind main: GitHub merged main into it, for the head the shepherd read (expected_head_sha).
    expect(pull(seed.behind).headSha).not.toBe(heads.behind);
    const update = sandbox.github.requests
      .slice(from)
      .filter((r) => r.method === 'PUT' && r.path.endsWith(`/pulls/${seed.behind}/update-branch`));
    expect(update.map((r) => r.status)).toEqual([202]);
    expect(shepherdKeys(seed.behind)).toEqual(['update-branch']);

    // The expired claim: released (the claim comment edited), back to factory:ready, with a note.
    expect(issue(seed.claimed).labels).toEqual(['factory:ready']);
    const claim = commentsOn(seed.claimed)
      .map((c) => parseClaim(c.body))
      .find(Boolean);
    expect(claim?.releasedAt).toBe(clock.now().toISOString());
    expect(shepherdKeys(seed.claimed)).toEqual(['claim-released']);

    // Failing checks: handed to the CI fixer, counted once.
    const failure = commentsOn(seed.failing).find((c) => findMarkers(c.body).some((m) => m.key === 'ci-failure'));
    expect(findMarkers(failure?.body)[0]?.data).toMatchObject({ signature: 'build', count: 1, head: pull(seed.failing).headSha });

    // Left alone: CI pending for 10 minutes; touched by the shepherd 5 minutes ago (both behind main too).
    expect(pull(seed.pending).headSha).toBe(heads.pending);
    expect(pull(seed.touched).headSha).toBe(heads.touched);
    expect(commentsOn(seed.pending)).toHaveLength(before.pending);
    expect(commentsOn(seed.touched)).toHaveLength(before.touched);
    expect(result.details).toEqual(
      expect.arrayContaining([
        `left #${seed.pending} alone: checks pending for 10 min (under 60)`,
        `left #${seed.touched} alone: the shepherd wrote here 5 min ago (cooldown 30 min)`,
      ]),
    );
    expect(result.outcome).toBe('completed');
    // The sweep: the repository, one page of pull requests, one of claimed issues (and the writes' own reads).
    expect(
      reads(from)
        .filter((r) => r.graphql)
        .map((r) => r.operationName),
    ).toEqual(['FactorySweepIssues', 'FactorySweepPullRequests']);

    // Again: everything it touched is in its cooldown or was released; nothing new is written.
    clock.advance(1);
    const again = sandbox.github.requests.length;
    const second = await shepherd();
    expect(writes(again)).toEqual([]);
    expect(second.outcome).toBe('no-op');
  });

  it('dry-run says what it would do and writes nothing', async () => {
    await start();
    const seed = await seedShepherdSandbox(sandbox, clock, { modelSteps: false });
    const from = sandbox.github.requests.length;
    const result = await shepherd(schedule(), { dryRun: true });
    expect(writes(from)).toEqual([]);
    expect(result.details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^\\[dry-run\\] would update #${seed.behind} with main`)),
        expect.stringMatching(new RegExp(`^\\[dry-run\\] would release #${seed.claimed}: the claim of feature-builder`)),
      ]),
    );
  });
});

describe('with the scripted model: the conflict resolver and the second look wired in', () => {
  it('updates, resolves the conflict and pushes, releases the claim, fixes one needs-human and confirms the other, leaves the young and the touched alone; a second run writes nothing', async () => {
    await start();
    sandbox.model.setScenario(shepherdAgentScenario());
    const seed = await seedShepherdSandbox(sandbox, clock);
    const heads = Object.fromEntries(
      [seed.behind, seed.conflicting!, ...seed.needsHuman, seed.pending, seed.touched].map((n) => [n, pull(n).headSha]),
    );
    const result = await run(sandbox.deps('pr-shepherd', { clock, workspace: sandbox.freshWorkspace() }), { event: schedule() });

    expect(result.details).toEqual(
      expect.arrayContaining([
        `updated #${seed.behind} with main`,
        expect.stringMatching(new RegExp(`^#${seed.conflicting}: merged main and resolved 1 conflicted file\\(s\\), pushed`)),
        expect.stringMatching(new RegExp(`^#${seed.needsHuman[0]}: second look fixed it`)),
        `#${seed.needsHuman[1]}: second look confirmed it needs a person`,
        `left #${seed.pending} alone: checks pending for 10 min (under 60)`,
        `left #${seed.touched} alone: the shepherd wrote here 5 min ago (cooldown 30 min)`,
        expect.stringMatching(new RegExp(`^released #${seed.claimed} `)),
      ]),
    );
    for (const n of [seed.behind, seed.conflicting!, seed.needsHuman[0]!]) expect(pull(n).headSha).not.toBe(heads[n]);
    for (const n of [seed.needsHuman[1]!, seed.pending, seed.touched]) expect(pull(n).headSha).toBe(heads[n]);
    expect(issue(seed.needsHuman[0]!).labels).not.toContain('factory:needs-human');
    expect(issue(seed.needsHuman[1]!).labels).toContain('factory:needs-human');
    expect(issue(seed.claimed).labels).toEqual(['factory:ready']);

    clock.advance(1);
    const again = sandbox.github.requests.length;
    await run(sandbox.deps('pr-shepherd', { clock, workspace: sandbox.freshWorkspace() }), { event: schedule() });
    expect(writes(again)).toEqual([]);
  });
});

describe('steps one by one', () => {
  it('stale: one ping after staleDays without activity, the close staleDays after it, its issue back to factory:ready', async () => {
    await start({ shepherd: { staleDays: 7 } });
    const fixed = sandbox.github.state.createIssue('acme', 'shop', { title: 'Totals round wrong', body: 'x', labels: ['factory:pr-open'] });
    const { pr, headSha } = await openShepherdPr(sandbox, 'stale', { 'src/stale.js': 'module.exports = 5;\n' }, { fixes: fixed.number });
    await ciApp(sandbox).report(headSha, 'success');

    clock.advance(6 * 24 * 60);
    await shepherd();
    expect(shepherdKeys(pr)).toEqual([]);

    clock.advance(24 * 60);
    const pinged = await shepherd();
    expect(shepherdKeys(pr)).toEqual(['stale-ping']);
    expect(pinged.details).toContain(`pinged #${pr}: no activity for 7 day(s)`);
    clock.advance(3 * 24 * 60);
    const from = sandbox.github.requests.length;
    await shepherd();
    expect(writes(from)).toEqual([]);

    clock.advance(4 * 24 * 60);
    const closed = await shepherd();
    expect(closed.details).toContain(`closed #${pr} (stale); #${fixed.number} back to factory:ready`);
    expect(issue(pr).state).toBe('closed');
    expect(issue(fixed.number).labels).toEqual(['factory:ready']);
    expect(shepherdKeys(pr)).toEqual(['stale-ping', 'stale-close']);
  });

  it('a person who answers the ping keeps the pull request open', async () => {
    await start({ shepherd: { staleDays: 7 } });
    const { pr, headSha } = await openShepherdPr(sandbox, 'answered', { 'src/answered.js': 'module.exports = 6;\n' });
    await ciApp(sandbox).report(headSha, 'success');
    clock.advance(7 * 24 * 60);
    await shepherd();
    clock.advance(60);
    sandbox.github.state.addComment('acme', 'shop', pr, { body: 'Still on it.', user: 'sandbox-maintainer' });
    clock.advance(7 * 24 * 60 - 90);
    await shepherd();
    expect(issue(pr).state).toBe('open');
    expect(shepherdKeys(pr)).toEqual(['stale-ping']);
  });

  it('the same failure on three heads in a row is escalated with the reason instead of handed over again', async () => {
    await start();
    const ci = ciApp(sandbox);
    const { pr, headSha, branch } = await openShepherdPr(sandbox, 'flaky', { 'src/flaky.js': 'module.exports = 7;\n' });
    await ci.report(headSha, 'failure');
    await shepherd();
    for (const attempt of [1, 2]) {
      // The CI fixer pushes a new head, says so, and the same check fails again.
      clock.advance(45);
      const { pushBranch } = await import('@software-factory/github-sandbox/testkit');
      const head = await pushBranch(sandbox.github, 'acme', 'shop', {
        branch,
        files: { 'src/flaky.js': `module.exports = ${attempt};\n` },
      });
      await sandbox.github.syncPushes();
      await ci.report(head, 'failure');
      factoryComment(sandbox, pr, 'ci-fixer', 'status', `Fix attempt ${attempt}.`, clock.iso());
      clock.advance(31);
      await shepherd();
    }
    expect(shepherdKeys(pr)).toEqual(['ci-failure', 'ci-failure', 'needs-human']);
    expect(issue(pr).labels).toContain('factory:needs-human');
    const escalation = commentsOn(pr).at(-1)!;
    expect(escalation.body).toContain('the same checks failed on 3 heads in a row (build); the limit is 3 (shepherd.repeatedFailureLimit)');
    const counts = commentsOn(pr).flatMap((c) =>
      findMarkers(c.body)
        .filter((m) => m.key === 'ci-failure')
        .map((m) => m.data?.count),
    );
    expect(counts).toEqual([1, 2]);
  });

  it('an expired claim on a pull request is released and its owner started again; a live one is left', async () => {
    await start();
    const expired = await openShepherdPr(sandbox, 'claimed', { 'src/claimed.js': 'module.exports = 8;\n' });
    const live = await openShepherdPr(sandbox, 'live', { 'src/live.js': 'module.exports = 9;\n' });
    const old = new Date(clock.now().getTime() - 90 * 60_000);
    for (const [n, at] of [
      [expired.pr, old],
      [live.pr, clock.now()],
    ] as const) {
      sandbox.github.state.addComment('acme', 'shop', n, {
        body: makeClaimBody({ subject: n, runId: `review-${n}`, owner: 'pr-reviewer', now: at, leaseMinutes: 60 }),
        user: SANDBOX_BOT,
        createdAt: at.toISOString(),
      });
    }
    clock.advance(1);
    const result = await shepherd();
    expect(result.details).toContain(
      `released the expired claim of pr-reviewer on #${expired.pr}; Started \`factory-reviewer.yml\` for #${expired.pr}.`,
    );
    expect(parseClaim(commentsOn(expired.pr)[0]!.body)?.releasedAt).toBeDefined();
    expect(parseClaim(commentsOn(live.pr)[0]!.body)?.releasedAt).toBeUndefined();
    expect(shepherdKeys(live.pr)).toEqual([]);
  });

  it("a fork's pull request and a person's are never the shepherd's", async () => {
    await start();
    const { pr } = await openShepherdPr(sandbox, 'forked', { 'src/forked.js': 'module.exports = 10;\n' });
    pull(pr).headRepo = 'mallory/shop';
    await pushToMain(sandbox, { 'src/other.js': 'module.exports = 11;\n' }, 'Main moves on');
    clock.advance(1);
    const from = sandbox.github.requests.length;
    const result = await shepherd();
    expect(writes(from)).toEqual([]);
    expect(result.outcome).toBe('no-op');
  });

  it('a failed CI run names its pull request: only that one is triaged, and the CI fixer (started by the same run) is not dispatched', async () => {
    await start();
    const ci = ciApp(sandbox);
    const failing = await openShepherdPr(sandbox, 'ci-red', { 'src/red.js': 'module.exports = 12;\n' });
    const other = await openShepherdPr(sandbox, 'other', { 'src/other2.js': 'module.exports = 13;\n' });
    await ci.report(failing.headSha, 'failure');
    await ci.report(other.headSha, 'failure');
    const { owner, repo } = sandbox.repo;
    const event = parseEvent('workflow_run', {
      action: 'completed',
      workflow_run: {
        id: 1,
        name: 'ci',
        conclusion: 'failure',
        head_branch: failing.branch,
        head_sha: failing.headSha,
        pull_requests: [{ number: failing.pr }],
      },
      workflow: { name: 'ci' },
      repository: { name: repo, full_name: `${owner}/${repo}`, owner: { login: owner, type: 'Organization' }, default_branch: 'main' },
      sender: { login: 'ci[bot]', type: 'Bot' },
    });
    expect(event.kind).toBe('workflow_run');
    const result = await shepherd(event);
    expect(shepherdKeys(failing.pr)).toEqual(['ci-failure']);
    expect(shepherdKeys(other.pr)).toEqual([]);
    expect(result.details).toContain(`handed #${failing.pr} to the CI fixer (build, 1 of 3; the CI fixer runs on the failed run itself)`);
    expect(sandbox.github.state.dispatches).toEqual([]);
  });
});
