import { pushBranch } from '@software-factory/github-sandbox/testkit';
import type { FactorySandbox } from '..';
import { recordedMarker, CHECK_RUN_NAME } from '../../../actions/post-merge-verifier/src/baseline';
import { checkKey } from '../../../actions/post-merge-verifier/src/smoke';
import { webhookExamples, type LoadedEvent } from '../../cli/events';
import { sandboxConfigText } from './fixtures';

/**
 * Sandbox fixtures for the post-merge verifier: a smoke check the sample product's default branch
 * runs (`node smoke/checkout.js`), commits pushed to main and pull requests merged into it, and
 * the push events the sandbox delivered for them.
 */

export const SMOKE_CHECK = { name: 'checkout smoke', command: 'node smoke/checkout.js' } as const;
export const SMOKE_KEY = checkKey(SMOKE_CHECK.name);

/** The smoke script: passes, fails (printing why), or fails on its first run only (a flake; it leaves a file behind). */
export function smokeScript(mode: 'pass' | 'fail' | 'flaky'): string {
  if (mode === 'pass') return "console.log('checkout ok');\n";
  if (mode === 'fail') return "console.error('checkout total is NaN for code SAVE10');\nprocess.exit(1);\n";
  return [
    "const fs = require('node:fs');",
    "if (!fs.existsSync('.smoke-ran')) { fs.writeFileSync('.smoke-ran', '1'); console.error('connection reset'); process.exit(1); }",
    "console.log('checkout ok');",
    '',
  ].join('\n');
}

/** The sample product's config with `checks` as its smoke checks (default: the checkout smoke), and `postMerge` when given. */
export function postMergeConfigText(checks: Record<string, unknown>[] = [{ ...SMOKE_CHECK }], postMerge?: Record<string, unknown>): string {
  return sandboxConfigText({ smokeChecks: checks, ...(postMerge ? { postMerge } : {}) });
}

/** The push event the sandbox delivered for `sha` reaching main, as a loaded event. */
export async function pushEventFor(sandbox: FactorySandbox, sha: string): Promise<LoadedEvent> {
  await sandbox.github.syncPushes();
  await sandbox.github.eventsDelivered();
  const push = sandbox.github.events.find((e) => e.name === 'push' && e.payload.after === sha && e.payload.ref === 'refs/heads/main');
  if (!push) throw new Error(`no push event for ${sha} on main`);
  return {
    name: 'push',
    payload: structuredClone(push.payload) as Record<string, unknown>,
    source: `the sandbox's push of ${sha.slice(0, 7)}`,
  };
}

/** A commit pushed straight to main. */
export async function pushToMain(sandbox: FactorySandbox, files: Record<string, string | null>, message: string): Promise<string> {
  const { owner, repo } = sandbox.repo;
  const sha = await pushBranch(sandbox.github, owner, repo, { branch: 'main', files, message });
  await sandbox.github.syncPushes();
  return sha;
}

/** A pull request changing `files`, merged into main (a merge commit); returns its number and main's new head. */
export async function mergePullRequest(
  sandbox: FactorySandbox,
  files: Record<string, string | null>,
  title: string,
): Promise<{ pr: number; sha: string }> {
  const { owner, repo } = sandbox.repo;
  const branch = `change-${sandbox.github.state.pulls.length + 1}`;
  const head = await pushBranch(sandbox.github, owner, repo, { branch, files, message: title });
  await sandbox.github.syncPushes();
  const gh = sandbox.client();
  const pr = await gh.writer.createPullRequest({ title, body: 'A change.', head: branch, base: 'main' });
  const { sha } = await gh.writer.mergePullRequest(pr.number, { sha: head, method: 'merge' });
  return { pr: pr.number, sha };
}

/** A `factory/post-merge` check run on `sha` as a verification leaves it (the baseline of the next one; `base`: where its range started). */
export async function recordVerified(
  sandbox: FactorySandbox,
  sha: string,
  checks: Record<string, 'pass' | 'fail'>,
  base?: string,
): Promise<void> {
  await sandbox.client().writer.createCheckRun({
    name: CHECK_RUN_NAME,
    headSha: sha,
    conclusion: Object.values(checks).includes('fail') ? 'failure' : 'success',
    output: { title: 'verified', summary: recordedMarker({ checks, ...(base ? { base } : {}) }) },
  });
}

/**
 * The CLI's example (`factory run post-merge-verifier --sandbox --event push`): main gets the
 * checkout smoke, passing and verified; then a pull request that breaks it is merged. The event is
 * the sandbox's push of that merge. The sandbox's config gains the smoke check.
 *
 * `--event deployment_status`: the same merge, whose push verification saw the check pass (as a
 * url check does before the deploy), then deployed to production; the event is that deployment's
 * success. `--event workflow_dispatch`: a manual run on main after the merge, its push verified
 * as passing the same way.
 */
export async function postMergeSandboxEvent(sandbox: FactorySandbox, event: { name: string } = { name: 'push' }): Promise<LoadedEvent> {
  if (!sandbox.config.smokeChecks.some((c) => c.name === SMOKE_CHECK.name)) sandbox.config.smokeChecks.push({ ...SMOKE_CHECK });
  const verified = await pushToMain(sandbox, { 'smoke/checkout.js': smokeScript('pass') }, 'Add the checkout smoke check');
  await recordVerified(sandbox, verified, { [SMOKE_KEY]: 'pass' });
  const { sha } = await mergePullRequest(sandbox, { 'smoke/checkout.js': smokeScript('fail') }, 'Rework the checkout total');
  if (event.name === 'push') return pushEventFor(sandbox, sha);
  await recordVerified(sandbox, sha, { [SMOKE_KEY]: 'pass' }, verified);
  if (event.name === 'deployment_status') return deploymentStatusEventFor(sandbox, sha);
  if (event.name === 'workflow_dispatch') return dispatchEventFor(sandbox, sha);
  throw new Error(`the post-merge verifier's sandbox example is for push, deployment_status or workflow_dispatch, not ${event.name}`);
}

/** GitHub's example payload of `name`, its repository and sender the sandbox's (from the push of `sha`). */
async function examplePayload(sandbox: FactorySandbox, name: string, sha: string): Promise<Record<string, any>> {
  const push = await pushEventFor(sandbox, sha);
  const example = webhookExamples().find((g) => g.name === name)?.examples[0];
  if (!example) throw new Error(`no ${name} example`);
  return { ...structuredClone(example), repository: push.payload.repository, sender: push.payload.sender };
}

/** A `deployment_status` event: `sha` of main deployed to `environment`, in `state` (GitHub's example payload, the sandbox's repository). */
export async function deploymentStatusEventFor(
  sandbox: FactorySandbox,
  sha: string,
  opts: { environment?: string; state?: string; ref?: string } = {},
): Promise<LoadedEvent> {
  const payload = await examplePayload(sandbox, 'deployment_status', sha);
  const environment = opts.environment ?? 'production';
  payload.deployment = { ...payload.deployment, sha, ref: opts.ref ?? 'main', environment, original_environment: environment };
  payload.deployment_status = { ...payload.deployment_status, state: opts.state ?? 'success', environment };
  return { name: 'deployment_status', payload, source: `a ${opts.state ?? 'success'} deployment of ${sha.slice(0, 7)} to ${environment}` };
}

/** A `workflow_dispatch` of the post-merge workflow on main (GitHub's example payload, the sandbox's repository). */
export async function dispatchEventFor(sandbox: FactorySandbox, mainHead: string): Promise<LoadedEvent> {
  const payload = await examplePayload(sandbox, 'workflow_dispatch', mainHead);
  payload.ref = 'refs/heads/main';
  payload.inputs = {};
  payload.workflow = '.github/workflows/factory-post-merge.yml';
  return { name: 'workflow_dispatch', payload, source: 'a manual run on main' };
}
