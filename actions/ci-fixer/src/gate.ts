import type { FactoryConfig } from '../../shared/config';
import { routeEvent, type ParsedEvent } from '../../shared/events';
import type { PullRequest, WorkflowRun } from '../../shared/github/types';
import { isFactoryBranch } from '../../shared/policy/branches';
import { FACTORY_BRANCH_PREFIX } from '../../shared/policy';
import { isAutomationEnabled, NEEDS_HUMAN, pauseReason } from '../../shared/state';

/** The CI fixer's gate: pure checks on the event and the pull request, before any write or token. */

export interface FailedRun {
  runId: number;
  workflowName: string;
  branch: string;
  headSha: string;
  /** Pull requests GitHub attached to the run (empty for some events; then found by branch). */
  pullRequests: number[];
}

export type Decision<T> = { ok: true; value: T } | { ok: false; reason: string };

/** The factory's own workflows are never "fixed": a failure there is not the product's CI. */
const FACTORY_WORKFLOW = /^factory[-_ ]/i;

export function gateRun(event: ParsedEvent, config: Pick<FactoryConfig, 'killSwitch' | 'automations'>): Decision<FailedRun> {
  if (config.killSwitch) return { ok: false, reason: 'the kill switch is on (killSwitch: true in .github/factory.yml)' };
  if (!isAutomationEnabled('ci-fixer', config)) return { ok: false, reason: 'ci-fixer is disabled (automations.ci-fixer.enabled)' };
  const route = routeEvent(event, 'ci-fixer');
  if (!route.run || event.kind !== 'workflow_run') return { ok: false, reason: route.reason };
  const run = event.payload.workflow_run;
  const branch = run.head_branch ?? '';
  if (!branch.startsWith(FACTORY_BRANCH_PREFIX))
    return { ok: false, reason: `the run is on ${branch || 'no branch'}, not a ${FACTORY_BRANCH_PREFIX} branch` };
  if (FACTORY_WORKFLOW.test(event.workflowName))
    return { ok: false, reason: `"${event.workflowName}" is a factory workflow, not the product's CI` };
  const fork = run.head_repository?.full_name;
  if (fork && fork !== event.payload.repository.full_name)
    return { ok: false, reason: `the run's head is in another repository (${fork})` };
  return {
    ok: true,
    value: { runId: run.id, workflowName: event.workflowName, branch, headSha: run.head_sha, pullRequests: event.pullRequests },
  };
}

/**
 * A dispatch (the shepherd handing a pull request's failing checks over, `@factory retry`): the
 * pull request to fix, named by the `issue-number` input. Its failed run is found by the run.
 */
export function gateDispatch(
  event: ParsedEvent,
  issueNumber: number | undefined,
  config: Pick<FactoryConfig, 'killSwitch' | 'automations'>,
): Decision<number> {
  if (config.killSwitch) return { ok: false, reason: 'the kill switch is on (killSwitch: true in .github/factory.yml)' };
  if (!isAutomationEnabled('ci-fixer', config)) return { ok: false, reason: 'ci-fixer is disabled (automations.ci-fixer.enabled)' };
  const route = routeEvent(event, 'ci-fixer');
  if (!route.run || event.kind !== 'workflow_dispatch') return { ok: false, reason: route.reason };
  if (issueNumber === undefined) return { ok: false, reason: 'a manual run needs the issue-number input (the pull request to fix)' };
  return { ok: true, value: issueNumber };
}

/**
 * The latest failed run of the pull request's head: not a factory workflow, on its branch and head
 * commit. None: nothing to fix.
 */
export function failedRunOf(pr: PullRequest, runs: readonly WorkflowRun[]): Decision<FailedRun> {
  if (!isFactoryBranch(pr)) return { ok: false, reason: `#${pr.number} is not on a ${FACTORY_BRANCH_PREFIX} branch of this repository` };
  const run = runs.find(
    (r) => r.headBranch === pr.head.ref && r.headSha === pr.head.sha && r.conclusion === 'failure' && !FACTORY_WORKFLOW.test(r.name),
  );
  if (!run) return { ok: false, reason: `#${pr.number} has no failed CI run on its head ${pr.head.sha.slice(0, 12)}` };
  return {
    ok: true,
    value: { runId: run.id, workflowName: run.name, branch: pr.head.ref, headSha: run.headSha, pullRequests: [pr.number] },
  };
}

/** Whether the pull request, as GitHub has it now, is one the fixer may push to. */
export function checkPullRequest(pr: PullRequest, run: FailedRun, config: Pick<FactoryConfig, 'killSwitch'>): string | undefined {
  if (pr.state !== 'open') return `#${pr.number} is ${pr.merged ? 'merged' : 'closed'}`;
  if (pr.head.ref !== run.branch) return `#${pr.number} is on ${pr.head.ref}, not ${run.branch}`;
  const paused = pauseReason(pr.labels, config);
  if (paused) return `#${pr.number}: ${paused}`;
  if (pr.labels.includes(NEEDS_HUMAN)) return `#${pr.number} is waiting for a human (${NEEDS_HUMAN})`;
  if (pr.head.sha !== run.headSha)
    return `#${pr.number} has moved on to ${pr.head.sha.slice(0, 12)}; the failed run was for ${run.headSha.slice(0, 12)}`;
  return undefined;
}
