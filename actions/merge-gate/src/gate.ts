import type { FactoryConfig } from '../../shared/config';
import { describeEvent, routeEvent, type ParsedEvent } from '../../shared/events';
import type { PullRequest } from '../../shared/github/types';
import { FACTORY_BRANCH_PREFIX } from '../../shared/policy';
import { isFactoryBranch, isOwnHead } from '../../shared/policy/branches';
import { ASSIST, isAutomationEnabled, NEEDS_HUMAN, pauseReason } from '../../shared/state';

export { isFactoryBranch, isOwnHead };

/** The merge gate's gate: pure checks before any request is made. */

export const AUTOMATION = 'merge-gate';

export type Decision<T> = { ok: true; value: T } | { ok: false; reason: string };
const skip = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

export interface Trigger {
  /** The pull requests the event names; `sweep`: every open factory pull request (schedule, dispatch without a number). */
  prs: number[] | 'sweep';
  event: string;
  action?: string;
  actor: string;
}

type GateConfig = Pick<FactoryConfig, 'killSwitch' | 'automations'>;

/** Which pull requests the event asks the gate to evaluate. */
export function gateEvent(event: ParsedEvent, prNumber: number | undefined, config: GateConfig): Decision<Trigger> {
  if (config.killSwitch) return skip('the kill switch is on (killSwitch: true in .github/factory.yml)');
  if (!isAutomationEnabled(AUTOMATION, config)) return skip(`${AUTOMATION} is disabled (automations.${AUTOMATION}.enabled)`);
  if (event.kind === 'unsupported') {
    return prNumber !== undefined
      ? { ok: true, value: { prs: [prNumber], event: event.name || 'manual', actor: 'unknown' } }
      : skip(event.reason);
  }
  const route = routeEvent(event, AUTOMATION);
  if (!route.run && prNumber === undefined) return skip(route.reason);
  const base = {
    event: event.kind,
    ...(event.action ? { action: event.action } : {}),
    actor: event.sender.login,
  };
  if (prNumber !== undefined) return { ok: true, value: { prs: [prNumber], ...base } };
  switch (event.kind) {
    case 'pull_request':
    case 'pull_request_review':
      return { ok: true, value: { prs: [event.subject.number], ...base } };
    case 'check_suite':
    case 'workflow_run':
      return event.pullRequests.length
        ? { ok: true, value: { prs: [...new Set(event.pullRequests)], ...base } }
        : skip(`${describeEvent(event)} names no pull request of this repository (a fork's, or the default branch's)`);
    case 'schedule':
    case 'workflow_dispatch':
      return { ok: true, value: { prs: 'sweep', ...base } };
    default:
      return skip(`${AUTOMATION} does not handle ${describeEvent(event)}`);
  }
}

/**
 * A pull request the factory opened (a `factory/` branch or its bot), or one handed over with
 * factory:assist, always with its head in this repository: a fork's `factory/` branch, or a
 * factory:assist label on a fork, never makes a pull request the factory's.
 */
export function isFactoryPullRequest(pr: Pick<PullRequest, 'head' | 'base' | 'author' | 'labels'>, botLogin: string): boolean {
  if (!isOwnHead(pr)) return false;
  return pr.head.ref.startsWith(FACTORY_BRANCH_PREFIX) || pr.author.login === botLogin || pr.labels.includes(ASSIST);
}

/** Whether this pull request, as GitHub has it now, is the gate's to rate and merge. */
export function checkPullRequest(pr: PullRequest, config: Pick<FactoryConfig, 'killSwitch' | 'trust'>): string | undefined {
  if (pr.state !== 'open') return `#${pr.number} is ${pr.merged ? 'merged' : 'closed'}`;
  if (pr.draft) return `#${pr.number} is a draft`;
  const paused = pauseReason(pr.labels, config);
  if (paused) return `#${pr.number}: ${paused}`;
  if (!isFactoryPullRequest(pr, config.trust.botLogin)) {
    return isOwnHead(pr)
      ? `#${pr.number} is not a factory pull request (no ${FACTORY_BRANCH_PREFIX} branch, not opened by ${config.trust.botLogin}, no ${ASSIST} label)`
      : `#${pr.number} is not a factory pull request: its head is a branch of ${pr.head.repoFullName || 'another repository'}, not of this repository`;
  }
  if (pr.labels.includes(NEEDS_HUMAN)) return `#${pr.number} is waiting for a person (${NEEDS_HUMAN})`;
  return undefined;
}
