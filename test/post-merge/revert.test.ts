import { execFileSync } from 'node:child_process';
import { startFactorySandbox, type FactorySandbox } from '../../scripts/harness';
import { sampleProductFiles } from '../../scripts/harness/sample-product';
import {
  mergePullRequest,
  postMergeConfigText,
  pushEventFor,
  pushToMain,
  recordVerified,
  smokeScript,
  SMOKE_CHECK,
  SMOKE_KEY,
} from '../../scripts/harness/scenarios/post-merge';
import { parseEvent } from '../../actions/shared/events';
import { run as verifierRun } from '../../actions/post-merge-verifier/src/run';
import { run as mergeGateRun } from '../../actions/merge-gate/src/run';
import type { LoadedEvent } from '../../scripts/cli/events';

/**
 * `postMerge.onFailure: revert-pr` on the sandbox: a merge that breaks a smoke check gets one
 * revert pull request, high risk, that the merge gate never merges; when the culprit or the revert
 * is not certain, none, and the P0 issue says why.
 */

const REPO = 'acme/shop';
let sandbox: FactorySandbox;

async function start(): Promise<void> {
  const configText = postMergeConfigText(undefined, { onFailure: 'revert-pr' });
  sandbox = await startFactorySandbox({ files: { ...sampleProductFiles(), '.github/factory.yml': configText }, configText });
}

afterEach(async () => {
  await sandbox.close();
});

async function verify(loaded: LoadedEvent) {
  const deps = sandbox.deps('post-merge-verifier', { workspace: sandbox.freshWorkspace() });
  return verifierRun(deps, { event: parseEvent(loaded.name, loaded.payload) });
}

const p0Issues = () => sandbox.github.state.issues.filter((i) => i.repo === REPO && i.labels.includes('source:post-merge'));
const reverts = () => sandbox.github.state.pulls.filter((p) => p.headRef.startsWith('factory/revert-pr-'));
const commentsOn = (n: number) => sandbox.github.state.comments.filter((c) => c.issueNumber === n).map((c) => c.body);

/** A file of main's head in the sandbox's bare repository (what a push left there). */
function fileAt(ref: string, path: string): string {
  return execFileSync('git', ['--git-dir', sandbox.github.gitRemotePath('acme', 'shop'), 'show', `${ref}:${path}`], { encoding: 'utf8' });
}

/** main with the smoke check passing, verified (the baseline). */
async function verifiedMain(): Promise<string> {
  const sha = await pushToMain(sandbox, { 'smoke/checkout.js': smokeScript('pass') }, 'Add the checkout smoke check');
  expect((await verify(await pushEventFor(sandbox, sha))).summary).toContain('1 passed');
  return sha;
}

describe('postMerge.onFailure: revert-pr', () => {
  it('a merge that breaks the smoke check opens exactly one revert pull request, high risk, that the merge gate leaves unmerged', async () => {
    await start();
    await verifiedMain();
    const broke = await mergePullRequest(sandbox, { 'smoke/checkout.js': smokeScript('fail') }, 'Rework the checkout total');

    const result = await verify(await pushEventFor(sandbox, broke.sha));

    expect(p0Issues()).toHaveLength(1);
    const issue = p0Issues()[0]!;
    expect(reverts()).toHaveLength(1);
    const revert = reverts()[0]!;
    expect(result.details).toContain(`opened revert pull request #${revert.number} of #${broke.pr} (risk:high factory:paused)`);
    expect(revert).toMatchObject({ headRef: `factory/revert-pr-${broke.pr}`, baseRef: 'main' });
    expect(sandbox.github.state.findIssue(REPO, revert.number)!.title).toBe(`Revert #${broke.pr}: Rework the checkout total`);
    const labels = sandbox.github.state.findIssue(REPO, revert.number)!.labels;
    expect(labels.sort()).toEqual(['factory:paused', 'risk:high']);
    expect(sandbox.github.state.findIssue(REPO, revert.number)!.body).toContain(`<!-- factory:post-merge-revert:${broke.pr} `);
    // The branch undoes the merge: the smoke check passes there again.
    expect(fileAt(`factory/revert-pr-${broke.pr}`, 'smoke/checkout.js')).toBe(smokeScript('pass'));
    expect(commentsOn(issue.number).at(-1)).toContain(`Revert pull request: #${revert.number} reverts #${broke.pr}`);

    // The merge gate, even with an App token and the revert approved, neither merges it nor arms auto-merge, and keeps it high risk.
    const gh = sandbox.client();
    await gh.writer.addLabels(revert.number, ['factory:approved']);
    const gate = await mergeGateRun(sandbox.deps('merge-gate', { appToken: true }), {
      event: parseEvent('schedule', { schedule: '*/20 * * * *' }, { repository: REPO }),
      issueNumber: revert.number,
    });
    expect(gate.summary).toContain('paused');
    const after = await gh.reader.getPullRequest(revert.number);
    expect(after).toMatchObject({ state: 'open', merged: false });
    expect(after.autoMerge ?? null).toBeNull();
    expect(after.labels).toContain('risk:high');

    // A re-run after a person closed the P0 issue (a new failure again) finds the revert and opens no second one.
    await gh.writer.updateIssue(issue.number, { state: 'closed', stateReason: 'completed' });
    const again = await verify(await pushEventFor(sandbox, broke.sha));
    expect(p0Issues()).toHaveLength(2);
    expect(again.details).toContain(`revert pull request #${revert.number} of #${broke.pr} is already open or was closed`);
    expect(reverts()).toHaveLength(1);
  });

  it('several pull requests in the range and no verification between them: no revert, and the issue says why', async () => {
    await start();
    const base = await verifiedMain();
    const first = await mergePullRequest(sandbox, { 'src/unrelated.js': 'module.exports = 1;\n' }, 'Unrelated change');
    const second = await mergePullRequest(sandbox, { 'smoke/checkout.js': smokeScript('fail') }, 'Rework the checkout total');
    // One push of main that carried both merges.
    const push = await pushEventFor(sandbox, second.sha);
    push.payload.before = base;

    const result = await verify(push);

    expect(p0Issues()).toHaveLength(1);
    expect(reverts()).toEqual([]);
    const why = `2 pull requests were merged in the range (#${first.pr}, #${second.pr}) and no verification tells which one broke it`;
    expect(result.details).toContain(`no revert pull request: ${why}`);
    expect(commentsOn(p0Issues()[0]!.number).at(-1)).toBe(`No revert pull request (\`postMerge.onFailure: revert-pr\`): ${why}.`);
  });

  it('several pull requests in the range, the first seen passing at its merge (a deploy verified it): the second is reverted', async () => {
    await start();
    const base = await verifiedMain();
    const first = await mergePullRequest(sandbox, { 'src/unrelated.js': 'module.exports = 1;\n' }, 'Unrelated change');
    await recordVerified(sandbox, first.sha, { [SMOKE_KEY]: 'pass' });
    const second = await mergePullRequest(sandbox, { 'smoke/checkout.js': smokeScript('fail') }, 'Rework the checkout total');
    const push = await pushEventFor(sandbox, second.sha);
    push.payload.before = base;

    const result = await verify(push);

    expect(reverts()).toHaveLength(1);
    expect(reverts()[0]!.headRef).toBe(`factory/revert-pr-${second.pr}`);
    expect(result.details).toContain(`opened revert pull request #${reverts()[0]!.number} of #${second.pr} (risk:high factory:paused)`);
    expect(commentsOn(p0Issues()[0]!.number).at(-1)).toContain(
      `reverts #${second.pr}, the first pull request of the range after whose merge the check was seen failing`,
    );
    // Only the culprit's change is undone.
    expect(fileAt(`factory/revert-pr-${second.pr}`, 'src/unrelated.js')).toBe('module.exports = 1;\n');
  });

  it("with the workflow's default permissions (no pull-requests: write) the revert cannot be opened: said on the issue, the verification still recorded", async () => {
    await start();
    await verifiedMain();
    const broke = await mergePullRequest(sandbox, { 'smoke/checkout.js': smokeScript('fail') }, 'Rework the checkout total');
    const token = sandbox.github.mintToken({ kind: 'app', permissions: { contents: 'read', issues: 'write', checks: 'write' } });
    const loaded = await pushEventFor(sandbox, broke.sha);
    const deps = sandbox.deps('post-merge-verifier', { workspace: sandbox.freshWorkspace(), github: sandbox.client(token) });

    const result = await verifierRun(deps, { event: parseEvent(loaded.name, loaded.payload) });

    expect(result.outcome).toBe('completed');
    expect(p0Issues()).toHaveLength(1);
    expect(sandbox.github.state.pulls.filter((p) => p.headRef.startsWith('factory/revert-pr-'))).toEqual([]);
    expect(result.details).toContainEqual(
      expect.stringMatching(
        new RegExp(`^no revert pull request of #${broke.pr}: it could not be made: .*Resource not accessible by integration`),
      ),
    );
    expect(commentsOn(p0Issues()[0]!.number).at(-1)).toMatch(new RegExp(`^No revert pull request of #${broke.pr}: it could not be made: `));
    const recorded = sandbox.github.state.checkRuns.filter((c) => c.headSha === broke.sha && c.name === 'factory/post-merge');
    expect(recorded.at(-1)).toMatchObject({ conclusion: 'failure' });
  });

  it('a file the culprit changed was changed again since: no revert, left to a person', async () => {
    await start();
    await verifiedMain();
    const broke = await mergePullRequest(sandbox, { 'smoke/checkout.js': smokeScript('fail') }, 'Rework the checkout total');
    const event = await pushEventFor(sandbox, broke.sha);
    // main moved on before the verification ran, touching the same file.
    await pushToMain(sandbox, { 'smoke/checkout.js': `${smokeScript('fail')}// note\n` }, 'Annotate the smoke check');

    const result = await verify(event);

    expect(p0Issues()).toHaveLength(1);
    expect(reverts()).toEqual([]);
    expect(result.details).toContain(
      `no revert pull request of #${broke.pr}: \`smoke/checkout.js\` changed again since #${broke.pr} merged: revert it by hand`,
    );
    expect(SMOKE_CHECK.name).toBe('checkout smoke');
  });
});
