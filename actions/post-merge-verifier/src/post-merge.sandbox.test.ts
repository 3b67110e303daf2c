import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFactorySandbox, type FactorySandbox } from '../../../scripts/harness';
import { sampleProductFiles } from '../../../scripts/harness/sample-product';
import {
  deploymentStatusEventFor,
  dispatchEventFor,
  mergePullRequest,
  postMergeConfigText,
  pushEventFor,
  pushToMain,
  recordVerified,
  smokeScript,
  SMOKE_CHECK,
  SMOKE_KEY,
} from '../../../scripts/harness/scenarios/post-merge';
import { parseEvent } from '../../shared/events';
import { CHECK_RUN_NAME } from './baseline';
import { createRun, run } from './run';

/**
 * The post-merge verifier on the GitHub sandbox: real pushes and merges into main, the push events
 * the sandbox delivers, the smoke check run in a fresh checkout of the pushed commit.
 */

const REPO = 'acme/shop';
let sandbox: FactorySandbox;

async function start(configText = postMergeConfigText()): Promise<void> {
  sandbox = await startFactorySandbox({ files: { ...sampleProductFiles(), '.github/factory.yml': configText }, configText });
}

afterEach(async () => {
  await sandbox.close();
});

/** One verification of main's push of `sha`, in a fresh checkout of it, as the workflow runs it. */
async function verify(sha: string, verifier = run) {
  const loaded = await pushEventFor(sandbox, sha);
  const deps = sandbox.deps('post-merge-verifier', { workspace: sandbox.freshWorkspace() });
  return verifier(deps, { event: parseEvent(loaded.name, loaded.payload) });
}

const p0Issues = () => sandbox.github.state.issues.filter((i) => i.repo === REPO && i.labels.includes('source:post-merge'));
const commentsOn = (n: number) => sandbox.github.state.comments.filter((c) => c.issueNumber === n);
const verification = (sha: string) => sandbox.github.state.checkRuns.filter((c) => c.headSha === sha && c.name === CHECK_RUN_NAME).at(-1);

/** main with the smoke check passing, verified: the baseline of what follows. */
async function verifiedMain(): Promise<string> {
  const sha = await pushToMain(sandbox, { 'smoke/checkout.js': smokeScript('pass') }, 'Add the checkout smoke check');
  const first = await verify(sha);
  expect(first.summary).toContain('1 passed');
  return sha;
}

describe('post-merge verification on the sandbox', () => {
  it('a merge that breaks the smoke check opens one P0 issue naming the PR; the next failing push comments on it; a fix closes it', async () => {
    await start();
    const base = await verifiedMain();

    const broke = await mergePullRequest(sandbox, { 'smoke/checkout.js': smokeScript('fail') }, 'Rework the checkout total');
    const result = await verify(broke.sha);
    expect(result.outcome).toBe('completed');
    expect(p0Issues()).toHaveLength(1);
    const issue = p0Issues()[0]!;
    expect(issue.labels).toEqual(expect.arrayContaining(['type:bug', 'priority:p0', 'source:post-merge']));
    expect(issue.title).toBe(`P0: smoke check "${SMOKE_CHECK.name}" fails on main after ${broke.sha.slice(0, 7)}`);
    expect(issue.body).toContain(`<!-- factory:post-merge:${SMOKE_KEY} `);
    expect(issue.body).toContain(`\`${base.slice(0, 7)}..${broke.sha.slice(0, 7)}\``);
    expect(issue.body).toContain(`pull requests merged in it: #${broke.pr}`);
    expect(issue.body).toMatch(/```text\ncheckout total is NaN for code SAVE10\n```/);
    expect(issue.body).toContain(`**Suggested action:** look at the changes of #${broke.pr} first`);
    expect(verification(broke.sha)).toMatchObject({ conclusion: 'failure' });

    // The next push still fails: a comment on that issue, no new issue.
    const still = await pushToMain(sandbox, { 'README.md': '# shop\n' }, 'Docs');
    const again = await verify(still);
    expect(again.details).toContain(`comment on #${issue.number}: ${SMOKE_CHECK.name} still fails`);
    expect(p0Issues()).toHaveLength(1);
    expect(commentsOn(issue.number)).toHaveLength(1);
    expect(commentsOn(issue.number)[0]!.body).toContain(`Still failing at ${still}`);

    // A push that fixes it: the issue is closed with a note.
    const fixed = await pushToMain(sandbox, { 'smoke/checkout.js': smokeScript('pass') }, 'Fix the checkout total');
    const recovered = await verify(fixed);
    expect(recovered.details).toContain(`close #${issue.number}: ${SMOKE_CHECK.name} passes again`);
    expect(sandbox.github.state.findIssue(REPO, issue.number)).toMatchObject({ state: 'closed', stateReason: 'completed' });
    expect(commentsOn(issue.number).at(-1)!.body).toContain('passes again');
    expect(p0Issues()).toHaveLength(1);
    expect(verification(fixed)).toMatchObject({ conclusion: 'success' });
  });

  it('a check already failing before the merge is reported as pre-existing, and opens no issue', async () => {
    await start();
    const before = await pushToMain(sandbox, { 'smoke/checkout.js': smokeScript('fail') }, 'Add a smoke check that fails');
    await recordVerified(sandbox, before, { [SMOKE_KEY]: 'fail' });
    const merged = await mergePullRequest(sandbox, { 'src/unrelated.js': 'module.exports = 1;\n' }, 'Unrelated change');
    const result = await verify(merged.sha);
    expect(result.outcome).toBe('no-op');
    expect(result.details).toContain(
      `- ${SMOKE_CHECK.name}: failing, pre-existing: it already failed at the last verified commit — \`${SMOKE_CHECK.command}\` failed (exit 1)`,
    );
    expect(p0Issues()).toEqual([]);
  });

  it('a check that fails once and passes on the retry is a flake: no issue', async () => {
    await start();
    await verifiedMain();
    const merged = await mergePullRequest(sandbox, { 'smoke/checkout.js': smokeScript('flaky') }, 'Make the smoke check flaky');
    const result = await verify(merged.sha);
    expect(result.details).toContain(
      `- ${SMOKE_CHECK.name}: flaky: failed, then passed on the retry — \`${SMOKE_CHECK.command}\` passed (exit 0)`,
    );
    expect(p0Issues()).toEqual([]);
    expect(verification(merged.sha)).toMatchObject({ conclusion: 'success' });
  });

  it('url checks: status, body text and retries, through the fetch it is given (a loopback server here)', async () => {
    let answers: { status: number; body: string }[] = [];
    const server: Server = createServer((_req, res) => {
      const next = answers.shift() ?? { status: 200, body: 'ok: shop is up' };
      res.writeHead(next.status, { 'content-type': 'text/plain' }).end(next.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
    const requested: string[] = [];
    const verifier = createRun({
      fetch: (u, init) => {
        requested.push(u);
        return fetch(u, init);
      },
    });
    try {
      await start(postMergeConfigText([{ name: 'health', url, expectText: 'shop is up', retries: 1 }]));
      const base = await pushToMain(sandbox, { 'README.md': '# shop\n' }, 'Docs');
      expect((await verify(base, verifier)).summary).toContain('1 passed');
      // The first verification with no baseline found a healthy service; the next push serves errors on every attempt.
      answers = [
        { status: 500, body: 'boom' },
        { status: 200, body: 'maintenance page' },
        { status: 500, body: 'boom' },
        { status: 500, body: 'boom' },
      ];
      const broke = await mergePullRequest(sandbox, { 'src/server.js': 'module.exports = null;\n' }, 'Rewrite the server');
      const result = await verify(broke.sha, verifier);
      expect(requested).toHaveLength(5); // 1 + (2 attempts) + the flake retry's 2 attempts
      expect(p0Issues()).toHaveLength(1);
      // A link to a host the config does not allow is written defanged (the outbound check).
      const port = (server.address() as AddressInfo).port;
      expect(p0Issues()[0]!.body).toContain(`**Result:** GET hxxp://127[.]0[.]0[.]1:${port}/health: HTTP 500, expected 200 (2 attempts)`);
      expect(p0Issues()[0]!.body).toMatch(/```text\nboom\n```/);
      expect(p0Issues()[0]!.body).toContain(`#${broke.pr}`);
      expect(result.outcome).toBe('completed');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a successful deployment of main verifies the deployed commit, against the baseline its push verification recorded', async () => {
    await start(postMergeConfigText(undefined, { deployEnvironment: 'production' }));
    await verifiedMain();
    const broke = await mergePullRequest(sandbox, { 'smoke/checkout.js': smokeScript('fail') }, 'Rework the checkout total');
    // The push's verification opened the P0 issue and recorded where its range started.
    await verify(broke.sha);
    expect(p0Issues()).toHaveLength(1);
    const issue = p0Issues()[0]!;

    const deps = () => sandbox.deps('post-merge-verifier', { workspace: sandbox.freshWorkspace() });
    const staging = await deploymentStatusEventFor(sandbox, broke.sha, { environment: 'staging' });
    expect(await run(deps(), { event: parseEvent(staging.name, staging.payload) })).toMatchObject({
      outcome: 'skipped',
      summary: expect.stringContaining('the deployment is to "staging", not "production" (postMerge.deployEnvironment)'),
    });
    const failed = await deploymentStatusEventFor(sandbox, broke.sha, { state: 'failure' });
    expect((await run(deps(), { event: parseEvent(failed.name, failed.payload) })).outcome).toBe('skipped');

    const deployed = await deploymentStatusEventFor(sandbox, broke.sha);
    const before = verification(broke.sha)!.id;
    const result = await run(deps(), { event: parseEvent(deployed.name, deployed.payload) });
    expect(result.summary).toBe(`${broke.sha.slice(0, 7)} on deployment_status (production): 1 still-failing`);
    expect(result.details).toContain(`comment on #${issue.number}: ${SMOKE_CHECK.name} still fails`);
    expect(commentsOn(issue.number).at(-1)!.body).toContain(`Still failing at ${broke.sha} (verified on deployment_status (production))`);
    expect(p0Issues()).toHaveLength(1);
    expect(verification(broke.sha)!.id).toBeGreaterThan(before);
  });

  it('a deployment of another ref is skipped', async () => {
    await start();
    const sha = await pushToMain(sandbox, { 'README.md': '# shop\n' }, 'Docs');
    const event = await deploymentStatusEventFor(sandbox, sha, { ref: 'feature' });
    const result = await run(sandbox.deps('post-merge-verifier'), { event: parseEvent(event.name, event.payload) });
    expect(result).toMatchObject({ outcome: 'skipped', summary: 'the deployment is of feature, not of the default branch main' });
  });

  it('a manual run (workflow_dispatch) verifies the head of the default branch in the checkout', async () => {
    await start();
    await verifiedMain();
    const broke = await mergePullRequest(sandbox, { 'smoke/checkout.js': smokeScript('fail') }, 'Rework the checkout total');
    await verify(broke.sha);
    const issue = p0Issues()[0]!;
    const event = await dispatchEventFor(sandbox, broke.sha);
    const result = await run(sandbox.deps('post-merge-verifier', { workspace: sandbox.freshWorkspace() }), {
      event: parseEvent(event.name, event.payload),
    });
    expect(result.summary).toBe(`${broke.sha.slice(0, 7)} on workflow_dispatch: 1 still-failing`);
    expect(commentsOn(issue.number)).toHaveLength(1);
    expect(p0Issues()).toHaveLength(1);
  });

  it('skips a push to another branch', async () => {
    await start();
    const { owner, repo } = sandbox.repo;
    const { pushBranch } = await import('@software-factory/github-sandbox/testkit');
    const sha = await pushBranch(sandbox.github, owner, repo, { branch: 'feature', files: { 'a.txt': 'a\n' } });
    await sandbox.github.syncPushes();
    await sandbox.github.eventsDelivered();
    const push = sandbox.github.events.find((e) => e.name === 'push' && e.payload.after === sha)!;
    const deps = sandbox.deps('post-merge-verifier');
    const result = await run(deps, { event: parseEvent('push', push.payload) });
    expect(result).toMatchObject({ outcome: 'skipped', summary: expect.stringContaining('refs/heads/feature is not the default branch') });
  });
});
