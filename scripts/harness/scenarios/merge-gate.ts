import { pushBranch, sandboxOctokit } from '@software-factory/github-sandbox/testkit';
import type { FactorySandbox } from '..';
import { webhookExamples } from '../../cli/events';
import { parseEvent, type ParsedEvent } from '../../../actions/shared/events';
import type { LoadedEvent } from '../../cli/events';
import { materializeEvent } from '../../cli/sandbox-event';
import { openFactoryPullRequest } from './fixtures';

/**
 * Sandbox fixtures for the merge gate: what the reviewer leaves on an approved head (the
 * factory:approved label and a passing factory/review check run), CI's check runs, a factory pull
 * request that adds a migration, and check_suite completed events naming a pull request.
 */

/** The check CI reports and branch rules require in these scenarios. */
export const CI_CHECK = 'build';

/** The reviewer's approval of the pull request's current head, written with `token` (the factory's App, as the reviewer runs). */
export async function approveHead(sandbox: FactorySandbox, pr: number, token?: string): Promise<string> {
  const gh = sandbox.client(token);
  const { head } = await gh.reader.getPullRequest(pr);
  await gh.writer.createCheckRun({
    name: 'factory/review',
    headSha: head.sha,
    conclusion: 'success',
    output: { title: 'Approved', summary: 'This round: no findings.' },
  });
  await gh.writer.addLabels(pr, ['factory:approved']);
  return head.sha;
}

/** A CI App with checks: write only; `report` starts (null) or completes its check run on a head. */
export function ciApp(sandbox: FactorySandbox): { report(headSha: string, conclusion?: 'success' | 'failure' | null): Promise<void> } {
  const octokit = sandboxOctokit(
    sandbox.github,
    sandbox.github.mintToken({ kind: 'app', login: 'ci[bot]', permissions: { checks: 'write' } }),
  );
  const { owner, repo } = sandbox.repo;
  return {
    async report(headSha, conclusion = 'success') {
      const running = sandbox.github.state.checkRuns.find(
        (c) => c.repo === `${owner}/${repo}` && c.headSha === headSha && c.name === CI_CHECK && c.status !== 'completed',
      );
      if (conclusion === null) await octokit.rest.checks.create({ owner, repo, name: CI_CHECK, head_sha: headSha, status: 'in_progress' });
      else if (running) await octokit.rest.checks.update({ owner, repo, check_run_id: running.id, status: 'completed', conclusion });
      else await octokit.rest.checks.create({ owner, repo, name: CI_CHECK, head_sha: headSha, status: 'completed', conclusion });
      await sandbox.github.eventsDelivered();
    },
  };
}

/** A factory pull request that adds a migration (a protected path: high risk), fixing a new issue. */
export async function openMigrationPullRequest(sandbox: FactorySandbox): Promise<{ issue: number; pr: number; headSha: string }> {
  const { owner, repo } = sandbox.repo;
  const issue = sandbox.github.state.createIssue(owner, repo, {
    title: 'Orders need a discount column',
    body: 'Store the discount code with each order.',
    user: 'sandbox-maintainer',
    labels: ['factory:pr-open'],
  });
  const branch = `factory/${issue.number}-discount-column`;
  const headSha = await pushBranch(sandbox.github, owner, repo, {
    branch,
    files: { 'migrations/002_add_discount.sql': 'ALTER TABLE orders ADD COLUMN discount_code TEXT;\n' },
    message: `Add the discount column (#${issue.number})`,
  });
  const pr = await sandbox.client().writer.createPullRequest({
    title: `Fix #${issue.number}: store the discount code`,
    body: `Fixes #${issue.number}`,
    head: branch,
    base: 'main',
  });
  return { issue: issue.number, pr: pr.number, headSha };
}

/** A commit pushed to a pull request's branch (a person's, or the resolver's), noticed as GitHub would. */
export async function pushToPullRequest(sandbox: FactorySandbox, pr: number, files: Record<string, string>): Promise<string> {
  const { owner, repo } = sandbox.repo;
  const pull = sandbox.github.state.findPull(`${owner}/${repo}`, pr);
  if (!pull) throw new Error(`no sandbox pull request #${pr}`);
  const sha = await pushBranch(sandbox.github, owner, repo, { branch: pull.headRef, files, message: 'One more change' });
  await sandbox.github.syncPushes();
  return sha;
}

/** `check_suite.completed` (GitHub's example payload) for a sandbox pull request's head. */
export function checkSuiteCompletedPayload(sandbox: FactorySandbox, loaded: LoadedEvent, pr: number): LoadedEvent {
  const base = materializeEvent(sandbox, loaded);
  const pull = sandbox.github.state.findPull(`${sandbox.repo.owner}/${sandbox.repo.repo}`, pr);
  if (!pull) throw new Error(`no sandbox pull request #${pr}`);
  const payload = structuredClone(base.payload) as Record<string, any>;
  const suite = payload.check_suite ?? {};
  const ref = { ref: pull.headRef, sha: pull.headSha, repo: { id: 1, url: '', name: sandbox.repo.repo } };
  payload.action = 'completed';
  payload.check_suite = {
    ...suite,
    head_branch: pull.headRef,
    head_sha: pull.headSha,
    status: 'completed',
    conclusion: 'success',
    pull_requests: [{ ...(suite.pull_requests?.[0] ?? {}), number: pr, head: ref, base: { ...ref, ref: 'main' } }],
  };
  return { ...base, payload };
}

export function checkSuiteCompletedEvent(sandbox: FactorySandbox, pr: number): ParsedEvent {
  const group = webhookExamples().find((g) => g.name === 'check_suite');
  const example = group?.examples.find((e) => e.action === 'completed');
  if (!example) throw new Error('no @octokit/webhooks-examples payload for check_suite.completed');
  const loaded = checkSuiteCompletedPayload(sandbox, { name: 'check_suite', payload: structuredClone(example), source: 'example' }, pr);
  return parseEvent('check_suite', loaded.payload);
}

/**
 * For `factory run merge-gate --sandbox --event check_suite.completed`: a factory pull request
 * fixing the sample bug, approved by the factory review, its CI green, and the event naming it.
 */
export async function mergeGateSandboxEvent(sandbox: FactorySandbox, loaded: LoadedEvent, prNumber?: number): Promise<LoadedEvent> {
  const pr = prNumber ?? (await openFactoryPullRequest(sandbox)).pr;
  const sha = await approveHead(sandbox, pr);
  await ciApp(sandbox).report(sha, 'success');
  return checkSuiteCompletedPayload(sandbox, loaded, pr);
}
