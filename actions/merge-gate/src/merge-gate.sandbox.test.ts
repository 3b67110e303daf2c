import type { WorkflowHost } from '@software-factory/github-sandbox/workflows';
import { startFactorySandbox, type FactorySandbox } from '../../../scripts/harness';
import { automationEntry } from '../../../scripts/cli/registry';
import { openFactoryPullRequest, SANDBOX_BOT, sandboxConfigText } from '../../../scripts/harness/scenarios/fixtures';
import {
  approveHead,
  checkSuiteCompletedEvent,
  ciApp,
  CI_CHECK,
  openMigrationPullRequest,
  pushToPullRequest,
} from '../../../scripts/harness/scenarios/merge-gate';
import { sampleProductFiles } from '../../../scripts/harness/sample-product';
import { factoryWorkflowFiles, startFactoryWorkflows } from '../../../scripts/harness/workflows';
import type { BuiltAutomation } from '../../shared/registry';
import { run } from './run';
import { parseEvent } from '../../shared/events';
import { marker } from '../../shared/github/markers';
import { MODEL_TIER_MARKER } from '../../shared/review/verdict';

/**
 * The merge gate on the GitHub sandbox. The first tests run the real workflow file
 * (.github/workflows/factory-merge-gate.yml) on the sandbox's events, with the factory's App
 * token as the reviewer and the gate use it; the rest call run() directly where a test needs to
 * step between the gate's reads and writes.
 */

const REPO = 'acme/shop';
const ALL = { contents: 'write', issues: 'write', 'pull-requests': 'write', checks: 'write', actions: 'write' } as const;

let sandbox: FactorySandbox;
let host: WorkflowHost | undefined;
let appToken: string;

async function start(opts: { workflows?: boolean; allowAutoMerge?: boolean } = {}): Promise<void> {
  const configText = sandboxConfigText();
  const files: Record<string, string> = { ...sampleProductFiles(), '.github/factory.yml': configText };
  if (opts.workflows) {
    const workflow = '.github/workflows/factory-merge-gate.yml';
    files[workflow] = factoryWorkflowFiles()[workflow]!;
  }
  sandbox = await startFactorySandbox({ files, configText });
  sandbox.github.state.protectBranch('acme', 'shop', { requiredChecks: [CI_CHECK] });
  sandbox.github.state.repos.find((r) => r.fullName === REPO)!.allowAutoMerge = opts.allowAutoMerge ?? true;
  appToken = sandbox.github.mintToken({ kind: 'app', login: SANDBOX_BOT, permissions: ALL });
  if (opts.workflows) host = startFactoryWorkflows(sandbox, { automations: (name: BuiltAutomation) => automationEntry(name), appToken });
}

afterEach(async () => {
  host?.close();
  host = undefined;
  await sandbox.close();
});

const settle = async () => {
  await sandbox.github.eventsDelivered();
  await host?.idle();
};
const pull = (n: number) => sandbox.github.state.findPull(REPO, n)!;
const issue = (n: number) => sandbox.github.state.findIssue(REPO, n)!;
const riskChecks = (sha: string) => sandbox.github.state.checkRuns.filter((c) => c.headSha === sha && c.name === 'factory/risk');
const gateRuns = () => host!.history().runs.filter((r) => r.workflow.name === 'factory-merge-gate');
const prEvents = (n: number) =>
  sandbox.github.events.filter((e) => e.name === 'pull_request' && (e.payload.number as number) === n).map((e) => String(e.payload.action));
/** Requests that change something (the gate makes no GraphQL reads: every GraphQL request it sends is a mutation). */
const writes = () => sandbox.github.requests.filter((r) => r.method !== 'GET').length;
/**
 * The API requests answered since `from`, short: `GET pulls` for GET /repos/{owner}/{repo}/pulls/{pull_number},
 * `GET repo` for the repository, a GraphQL mutation by its operation name. The checkout's git transfers are left out.
 */
const calls = (from = 0) =>
  sandbox.github.requests
    .slice(from)
    .filter((r) => !r.path.includes('.git/'))
    .map((r) => `${r.method} ${r.operationName ?? shortRoute(r.route ?? r.path)}`);
const shortRoute = (route: string) =>
  route === '/repos/{owner}/{repo}'
    ? 'repo'
    : route
        .replace(/^\/repos\/\{owner\}\/\{repo\}\//, '')
        .replace(/\/\{[^}]+\}/g, '')
        .replace(/\{[^}]+\}/g, '');

describe('the workflow file on the sandbox’s events', () => {
  it('low + approved: the gate arms auto-merge with the App token, and the PR merges when CI completes, closing its issue', async () => {
    await start({ workflows: true });
    const { pr, issue: fixed, headSha } = await openFactoryPullRequest(sandbox);
    const ci = ciApp(sandbox);
    await ci.report(headSha, null);
    await approveHead(sandbox, pr, appToken);
    await settle();

    expect(pull(pr).autoMerge).toMatchObject({ method: 'squash', enabledBy: SANDBOX_BOT });
    expect(issue(pr).labels).toEqual(expect.arrayContaining(['factory:approved', 'risk:low']));
    expect(riskChecks(headSha).at(-1)).toMatchObject({ conclusion: 'success', output: { title: 'Risk low: auto-merge (squash)' } });
    expect(pull(pr).merged).toBe(false); // CI is still running
    expect(gateRuns().length).toBeGreaterThan(0);

    await ci.report(headSha, 'success');
    await settle();
    expect(pull(pr)).toMatchObject({ merged: true, mergedBy: SANDBOX_BOT });
    expect(issue(fixed)).toMatchObject({ state: 'closed', stateReason: 'completed' });
    // The App merged it: the push to main is its, and starts workflows (a GITHUB_TOKEN one would not).
    const push = sandbox.github.events.find((e) => e.name === 'push' && e.payload.ref === 'refs/heads/main');
    expect(push?.causedBy.kind).toBe('app');
    // No gate run failed (one whose check suite names no pull request is skipped by the job's if:).
    expect(gateRuns().filter((r) => r.conclusion !== 'success' && r.conclusion !== 'skipped')).toEqual([]);
  });

  it('a push after auto-merge was armed disarms it; the new head waits for its review, then merges once approved and green', async () => {
    await start({ workflows: true });
    const { pr, headSha } = await openFactoryPullRequest(sandbox);
    const ci = ciApp(sandbox);
    await ci.report(headSha, null);
    await approveHead(sandbox, pr, appToken);
    await settle();
    expect(pull(pr).autoMerge).not.toBeNull();

    const beforePush = sandbox.github.requests.length;
    const newHead = await pushToPullRequest(sandbox, pr, { 'src/late.js': 'module.exports = 1;\n' });
    await settle();
    expect(pull(pr).autoMerge).toBeNull();
    expect(prEvents(pr)).toEqual(expect.arrayContaining(['synchronize', 'auto_merge_disabled']));
    // The push's payload says auto-merge was armed: the gate runs, and the new head, not reviewed yet, waits after two reads
    // (the pull request, its checks) with nothing rated before its review.
    const onSync = gateRuns().filter((r) => r.event.name === 'pull_request' && r.event.action === 'synchronize');
    expect(onSync.map((r) => r.conclusion)).toEqual(['success']);
    expect(calls(beforePush)).toEqual(['GET pulls', 'GET commits/check-runs']);
    expect(riskChecks(newHead)).toEqual([]);

    // CI passes on the new head, and the old approval does not count for it.
    await ci.report(newHead, 'success');
    await settle();
    expect(pull(pr).merged).toBe(false);

    // The reviewer reviews the new head (its round takes the verdict label off, then approves): the gate rates it
    // again; GitHub will not arm a pull request that may merge now, so the gate merges it with the sha it checked.
    await sandbox.client(appToken).writer.removeLabel(pr, 'factory:approved');
    await approveHead(sandbox, pr, appToken);
    await settle();
    expect(pull(pr)).toMatchObject({ merged: true, headSha: newHead });
  });

  it('high (a migration): factory:needs-human with one bottom-line comment, never merged', async () => {
    await start({ workflows: true });
    const { pr, headSha } = await openMigrationPullRequest(sandbox);
    await ciApp(sandbox).report(headSha, 'success');
    await approveHead(sandbox, pr, appToken);
    await settle();

    expect(issue(pr).labels).toEqual(expect.arrayContaining(['risk:high', 'factory:needs-human']));
    expect(pull(pr)).toMatchObject({ merged: false, autoMerge: null });
    const comments = sandbox.github.state.comments.filter((c) => c.issueNumber === pr);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('**Bottom line:** review the high-risk change yourself, then merge it or close it.');
    expect(comments[0]!.body).toContain('migrations/002_add_discount.sql');
    expect(riskChecks(headSha).at(-1)).toMatchObject({ conclusion: 'neutral' });
  });
  it('events that cannot change the decision start no job: another label, a push while auto-merge is off, a comment-only review', async () => {
    await start({ workflows: true });
    const { pr } = await openFactoryPullRequest(sandbox);
    const bot = sandbox.client(appToken);
    await bot.writer.addLabels(pr, ['type:bug']);
    await pushToPullRequest(sandbox, pr, { 'src/late.js': 'module.exports = 1;\n' });
    await bot.writer.createReview(pr, { event: 'COMMENT', body: 'A note on the new head.' });
    await settle();
    const byEvent = () => gateRuns().map((r) => [`${r.event.name}.${r.event.action}`, r.conclusion]);
    expect(byEvent()).toEqual(
      expect.arrayContaining([
        ['pull_request.labeled', 'skipped'],
        ['pull_request.synchronize', 'skipped'],
        ['pull_request_review.submitted', 'skipped'],
      ]),
    );
    expect(gateRuns().filter((r) => r.conclusion !== 'skipped')).toEqual([]);

    // The factory review's verdict label does start it.
    await approveHead(sandbox, pr, appToken);
    await settle();
    expect(
      gateRuns()
        .filter((r) => r.conclusion === 'success')
        .map((r) => `${r.event.name}.${r.event.action}`),
    ).toContain('pull_request.labeled');
  });
});

describe('run() on the sandbox', () => {
  it('a direct merge whose head moved is refused (409) and evaluated again on the new head, not a failure', async () => {
    await start({ allowAutoMerge: false });
    const { pr, headSha } = await openFactoryPullRequest(sandbox);
    await ciApp(sandbox).report(headSha, 'success');
    await approveHead(sandbox, pr);
    const deps = sandbox.deps('merge-gate', { appToken: true });
    let pushed: string | undefined;
    const merge = deps.github.writer.mergePullRequest.bind(deps.github.writer);
    // Someone pushes between the gate's last read and its merge.
    deps.github = {
      ...deps.github,
      writer: Object.assign(Object.create(deps.github.writer), {
        mergePullRequest: async (n: number, input: Parameters<typeof merge>[1]) => {
          pushed ??= await pushToPullRequest(sandbox, pr, { 'src/race.js': 'module.exports = 2;\n' });
          return merge(n, input);
        },
      }),
    };

    const result = await run(deps, { event: checkSuiteCompletedEvent(sandbox, pr) });
    expect(result.outcome).toBe('completed');
    expect(result.details).toContain(`GitHub refused the merge of ${headSha.slice(0, 7)}: the head moved (409); evaluated again`);
    expect(sandbox.github.requests.filter((r) => r.method === 'PUT' && /\/merge$/.test(r.path)).map((r) => r.status)).toEqual([409]);
    expect(pull(pr).merged).toBe(false);
    // The new head waits for its review: no rating of it before.
    expect(result.summary).toBe(`#${pr}: waiting for the factory review of ${pushed!.slice(0, 7)}`);
    expect(riskChecks(pushed!)).toEqual([]);
    expect(issue(pr).labels).not.toContain('factory:needs-human');
  });

  it('a push between the head re-read and arming: GitHub refuses expectedHeadOid, the new head is evaluated again, nothing armed', async () => {
    await start();
    const { pr, headSha } = await openFactoryPullRequest(sandbox);
    await ciApp(sandbox).report(headSha, null);
    await approveHead(sandbox, pr);
    const deps = sandbox.deps('merge-gate', { appToken: true });
    let pushed: string | undefined;
    const enable = deps.github.writer.enableAutoMerge.bind(deps.github.writer);
    // Someone pushes an unreviewed commit after the gate read the head for the last time.
    deps.github = {
      ...deps.github,
      writer: Object.assign(Object.create(deps.github.writer), {
        enableAutoMerge: async (...args: Parameters<typeof enable>) => {
          pushed ??= await pushToPullRequest(sandbox, pr, { 'src/unreviewed.js': 'module.exports = 3;\n' });
          return enable(...args);
        },
      }),
    };

    const result = await run(deps, { event: checkSuiteCompletedEvent(sandbox, pr) });
    expect(pull(pr).autoMerge).toBeNull();
    expect(result.details).toContain(`GitHub did not arm auto-merge for ${headSha.slice(0, 7)}: the head moved; evaluated again`);
    expect(result.summary).toBe(`#${pr}: waiting for the factory review of ${pushed!.slice(0, 7)}`);
    expect(result.outcome).not.toBe('refused');
    expect(issue(pr).labels).not.toContain('factory:needs-human');
  });

  it("the scheduled sweep leaves a fork's pull request on a factory/ branch alone, approved, green and factory:assist as it is", async () => {
    await start();
    const { pr, headSha } = await openFactoryPullRequest(sandbox);
    pull(pr).headRepo = 'mallory/shop'; // the head branch factory/… lives in a fork
    await ciApp(sandbox).report(headSha, 'success');
    await approveHead(sandbox, pr);
    await sandbox.client(appToken).writer.addLabels(pr, ['factory:assist']);
    const fork = await sandbox.client(appToken).reader.getPullRequest(pr);
    expect(fork.head).toMatchObject({ ref: expect.stringMatching(/^factory\//), repoFullName: 'mallory/shop' });
    sandbox.github.resetRequests();

    const schedule = parseEvent('schedule', { schedule: '*/30 * * * *' }, { repository: REPO });
    const result = await run(sandbox.deps('merge-gate', { appToken: true }), { event: schedule });
    expect(result).toMatchObject({ outcome: 'no-op', summary: 'no open factory pull request to evaluate', details: [] });
    expect(pull(pr)).toMatchObject({ autoMerge: null, merged: false });
    expect(writes()).toBe(0);
  });

  it('merges directly with the checked sha where the repository does not allow auto-merge, and a re-run writes nothing', async () => {
    await start({ allowAutoMerge: false });
    const { pr, headSha } = await openFactoryPullRequest(sandbox);
    await approveHead(sandbox, pr);
    const deps = () => sandbox.deps('merge-gate', { appToken: true });

    const waiting = await run(deps(), { event: checkSuiteCompletedEvent(sandbox, pr) });
    expect(waiting.summary).toBe(`#${pr}: low risk; waiting`);
    const before = writes();
    const again = await run(deps(), { event: checkSuiteCompletedEvent(sandbox, pr) });
    expect(again).toMatchObject({ outcome: 'no-op', details: [] });
    expect(writes()).toBe(before);

    await ciApp(sandbox).report(headSha, 'success');
    const merged = await run(deps(), { event: checkSuiteCompletedEvent(sandbox, pr) });
    expect(merged.details).toContain(`merged #${pr} at ${headSha.slice(0, 7)} (squash)`);
    expect(pull(pr)).toMatchObject({ merged: true });
    const put = sandbox.github.requests.find((r) => r.method === 'PUT' && /\/merge$/.test(r.path));
    expect(put?.status).toBe(200);
  });

  it('a factory/review check run another App posted is no verdict: the gate waits for the factory review', async () => {
    await start({ allowAutoMerge: false });
    const { pr, headSha } = await openFactoryPullRequest(sandbox);
    await ciApp(sandbox).report(headSha, 'success');
    const other = sandbox.client(sandbox.github.mintToken({ kind: 'app', login: 'other-ci[bot]', permissions: { checks: 'write' } }));
    await other.writer.createCheckRun({
      name: 'factory/review',
      headSha,
      conclusion: 'success',
      output: { title: 'Approved', summary: 'x' },
    });
    await sandbox.client().writer.addLabels(pr, ['factory:approved']);
    const result = await run(sandbox.deps('merge-gate', { appToken: true }), { event: checkSuiteCompletedEvent(sandbox, pr) });
    expect(result.summary).toBe(`#${pr}: waiting for the factory review of ${headSha.slice(0, 7)}`);
    expect(pull(pr).merged).toBe(false);
    expect(sandbox.github.requests.filter((r) => r.method === 'PUT' && /\/merge$/.test(r.path))).toEqual([]);
  });

  it("the review's model may raise the tier (high: factory:needs-human, not merged), never lower it", async () => {
    await start({ allowAutoMerge: false });
    const { pr, headSha } = await openFactoryPullRequest(sandbox);
    await ciApp(sandbox).report(headSha, 'success');
    const review = (tier: string) =>
      sandbox.client().writer.createCheckRun({
        name: 'factory/review',
        headSha,
        conclusion: 'success',
        output: { title: 'Approved', summary: `This round: no findings.\n\n${marker(MODEL_TIER_MARKER, { tier })}` },
      });
    await review('low'); // proposing low for a low-risk change changes nothing
    await sandbox.client().writer.addLabels(pr, ['factory:approved']);
    await review('high');
    const result = await run(sandbox.deps('merge-gate', { appToken: true }), { event: checkSuiteCompletedEvent(sandbox, pr) });
    expect(result.outcome).toBe('refused');
    expect(issue(pr).labels).toEqual(expect.arrayContaining(['risk:high', 'factory:needs-human']));
    expect(pull(pr).merged).toBe(false);
    expect(riskChecks(headSha).at(-1)?.output.summary).toContain('the reviewer raised the tier to high');
  });

  it('disarms auto-merge it armed when the review turns to changes requested', async () => {
    await start();
    const { pr, headSha } = await openFactoryPullRequest(sandbox);
    await ciApp(sandbox).report(headSha, null);
    await approveHead(sandbox, pr);
    const deps = () => sandbox.deps('merge-gate', { appToken: true });
    await run(deps(), { event: checkSuiteCompletedEvent(sandbox, pr) });
    expect(pull(pr).autoMerge).not.toBeNull();

    await sandbox.client().writer.createCheckRun({
      name: 'factory/review',
      headSha,
      conclusion: 'failure',
      output: { title: 'Changes requested', summary: '' },
    });
    const result = await run(deps(), { event: checkSuiteCompletedEvent(sandbox, pr) });
    expect(result.details).toContain(`disabled auto-merge on #${pr}`);
    expect(pull(pr).autoMerge).toBeNull();
    expect(prEvents(pr)).toEqual(expect.arrayContaining(['auto_merge_enabled', 'auto_merge_disabled']));
  });

  it('approve-only: the approver identity approves the checked head once, and nothing merges', async () => {
    await start();
    const { pr, headSha } = await openFactoryPullRequest(sandbox);
    await ciApp(sandbox).report(headSha, 'success');
    await approveHead(sandbox, pr);
    const approver = sandbox.github.mintToken({ kind: 'user', login: 'release-approver', association: 'MEMBER', permissions: ALL });
    const deps = () => ({
      ...sandbox.deps('merge-gate', { appToken: true, approver: sandbox.client(approver).writer }),
      config: { ...sandbox.config, merge: { ...sandbox.config.merge, mode: 'approve-only' as const } },
    });
    const first = await run(deps(), { event: checkSuiteCompletedEvent(sandbox, pr) });
    expect(first.details).toContain(`approved #${pr} at ${headSha.slice(0, 7)} (approver-token)`);
    await run(deps(), { event: checkSuiteCompletedEvent(sandbox, pr) });
    const reviews = sandbox.github.state.reviews.filter((r) => r.pullNumber === pr);
    expect(reviews.map((r) => [r.user, r.state, r.commitId])).toEqual([['release-approver', 'APPROVED', headSha]]);
    expect(pull(pr)).toMatchObject({ merged: false, autoMerge: null });
  });

  it('without an App token it does not arm auto-merge, and says why in factory/risk', async () => {
    await start();
    const { pr, headSha } = await openFactoryPullRequest(sandbox);
    await approveHead(sandbox, pr);
    const result = await run(sandbox.deps('merge-gate'), { event: checkSuiteCompletedEvent(sandbox, pr) });
    expect(result.summary).toBe(`#${pr}: low risk; a person merges`);
    expect(pull(pr).autoMerge).toBeNull();
    expect(riskChecks(headSha).at(-1)?.output?.summary).toContain('auto-merge is armed only with an App token');
  });
});

describe('what the gate reads and writes (requests per run)', () => {
  const deps = () => sandbox.deps('merge-gate', { appToken: true });
  /** run() on check_suite completed for `pr`, counting only the gate's own requests. */
  const gate = async (pr: number) => {
    const event = checkSuiteCompletedEvent(sandbox, pr);
    sandbox.github.resetRequests();
    return run(deps(), { event });
  };

  it('a head the factory review has not finished waits after two reads, and writes nothing', async () => {
    await start();
    const { pr, headSha } = await openFactoryPullRequest(sandbox);
    const result = await gate(pr);
    expect(result).toMatchObject({ outcome: 'no-op', summary: `#${pr}: waiting for the factory review of ${headSha.slice(0, 7)}` });
    expect(calls()).toEqual(['GET pulls', 'GET commits/check-runs']);
  });

  it('auto-merge armed before the review of the head is disarmed, with no other read or write', async () => {
    await start();
    const { pr, headSha } = await openFactoryPullRequest(sandbox);
    await ciApp(sandbox).report(headSha, null);
    await sandbox.client(appToken).writer.enableAutoMerge(pull(pr).nodeId, 'SQUASH');
    expect(pull(pr).autoMerge).not.toBeNull();
    const result = await gate(pr);
    expect(result.details).toEqual([`disabled auto-merge on #${pr}`]);
    expect(pull(pr).autoMerge).toBeNull();
    expect(calls()).toEqual(['GET pulls', 'GET commits/check-runs', 'POST FactoryDisableAutoMerge']);
  });

  it('high by code: waits for the review, then factory:needs-human once the reviewer left its neutral check, with no merge facts read', async () => {
    await start();
    const { pr, headSha } = await openMigrationPullRequest(sandbox);
    await gate(pr);
    expect(calls()).toEqual(['GET pulls', 'GET commits/check-runs']);
    expect(issue(pr).labels).not.toContain('factory:needs-human');

    // The reviewer's verdict at high risk: not approved, a neutral factory/review, the pull request stays in review.
    const reviewer = sandbox.client(appToken).writer;
    await reviewer.addLabels(pr, ['factory:reviewing']);
    await reviewer.createCheckRun({
      name: 'factory/review',
      headSha,
      conclusion: 'neutral',
      output: { title: 'A person approves', summary: '' },
    });
    const result = await gate(pr);
    expect(result.outcome).toBe('refused');
    expect(issue(pr).labels).toEqual(expect.arrayContaining(['risk:high', 'factory:needs-human']));
    expect(calls()).toEqual([
      'GET pulls',
      'GET commits/check-runs',
      'GET pulls/files',
      'POST issues/labels', // risk:high
      'POST check-runs', // factory/risk
      'POST issues/labels', // factory:needs-human
      'GET issues/comments',
      'POST issues/comments',
    ]);
  });

  it('changes requested: the rating is written once; a re-run reads the pull request, its checks and files, and writes nothing', async () => {
    await start();
    const { pr, headSha } = await openFactoryPullRequest(sandbox);
    const reviewer = sandbox.client(appToken).writer;
    await reviewer.createCheckRun({
      name: 'factory/review',
      headSha,
      conclusion: 'failure',
      output: { title: 'Changes requested', summary: '' },
    });
    await reviewer.addLabels(pr, ['factory:changes-requested']);

    const first = await gate(pr);
    expect(first.summary).toBe(`#${pr}: low risk; waiting`);
    expect(calls()).toEqual(['GET pulls', 'GET commits/check-runs', 'GET pulls/files', 'POST issues/labels', 'POST check-runs']);
    const again = await gate(pr);
    expect(again).toMatchObject({ outcome: 'no-op', details: [] });
    expect(calls()).toEqual(['GET pulls', 'GET commits/check-runs', 'GET pulls/files']);
  });

  it('GitHub will not arm a pull request that may merge now: merged with the sha just checked, no second evaluation, factory/risk once', async () => {
    await start();
    const { pr, headSha } = await openFactoryPullRequest(sandbox);
    await ciApp(sandbox).report(headSha, 'success');
    await approveHead(sandbox, pr);
    const result = await gate(pr);
    expect(pull(pr)).toMatchObject({ merged: true, headSha });
    expect(result.summary).toBe(`#${pr}: low risk; merge (squash)`);
    expect(result.details).toContain(`merged #${pr} at ${headSha.slice(0, 7)} (squash)`);
    expect(calls()).toEqual([
      'GET pulls',
      'GET commits/check-runs',
      'GET pulls/files',
      'GET rules/branches',
      'GET repo',
      'POST issues/labels',
      'POST check-runs',
      'GET pulls', // the head right before arming
      'POST FactoryEnableAutoMerge', // refused: clean status
      'PUT pulls/merge',
    ]);
    expect(riskChecks(headSha)).toHaveLength(1);
  });
});
