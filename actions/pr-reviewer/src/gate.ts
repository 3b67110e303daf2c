import type { FactoryConfig } from '../../shared/config';
import { routeEvent, type ParsedEvent } from '../../shared/events';
import type { PullRequest } from '../../shared/github/types';
import { FACTORY_BRANCH_PREFIX } from '../../shared/policy';
import { isFactoryBranch, isOwnHead } from '../../shared/policy/branches';
import { isAutomationEnabled, pauseReason, trustLevel } from '../../shared/state';

export { isFactoryBranch, isOwnHead };

/** The reviewer's gate: pure checks before any request or token is spent. */

export const AUTOMATION = 'pr-reviewer';

export type Decision<T> = { ok: true; value: T } | { ok: false; reason: string };
const skip = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

export interface Trigger {
  pr: number;
  event: string;
  action?: string;
  actor: string;
}

type GateConfig = Pick<FactoryConfig, 'killSwitch' | 'automations'>;

/** Which pull request the event asks to review: the dispatch input, or the pull_request event's. */
export function gateEvent(event: ParsedEvent, prNumber: number | undefined, config: GateConfig): Decision<Trigger> {
  if (config.killSwitch) return skip('the kill switch is on (killSwitch: true in .github/factory.yml)');
  if (!isAutomationEnabled(AUTOMATION, config)) return skip(`${AUTOMATION} is disabled (automations.${AUTOMATION}.enabled)`);
  if (event.kind === 'unsupported') {
    return prNumber !== undefined
      ? { ok: true, value: { pr: prNumber, event: event.name || 'manual', actor: 'unknown' } }
      : skip(event.reason);
  }
  const route = routeEvent(event, AUTOMATION);
  if (!route.run) return skip(route.reason);
  const base = { event: event.kind, ...(event.action ? { action: event.action } : {}), actor: event.sender.login };
  if (prNumber !== undefined) return { ok: true, value: { pr: prNumber, ...base } };
  if (event.kind !== 'pull_request') return skip(`${event.kind} needs the issue-number input: the pull request to review`);
  return { ok: true, value: { pr: event.subject.number, ...base } };
}

/**
 * Whether this pull request, as GitHub has it now, is reviewed: open, not a draft, not paused,
 * and in scope (factory pull requests always; others per review.scope).
 */
export function checkPullRequest(pr: PullRequest, config: Pick<FactoryConfig, 'killSwitch' | 'trust' | 'review'>): string | undefined {
  if (pr.state !== 'open') return `#${pr.number} is ${pr.merged ? 'merged' : 'closed'}`;
  if (pr.draft) return `#${pr.number} is a draft`;
  const paused = pauseReason(pr.labels, config);
  if (paused) return `#${pr.number}: ${paused}`;
  if (isFactoryBranch(pr)) return undefined;
  const { scope } = config.review;
  if (scope === 'all') return undefined;
  if (scope === 'trusted' && trustLevel(pr.author, pr.authorAssociation, config) !== 'untrusted') return undefined;
  const branch = isOwnHead(pr) ? `not a ${FACTORY_BRANCH_PREFIX} branch` : `a branch of ${pr.head.repoFullName || 'another repository'}`;
  return `#${pr.number} is out of review.scope (${scope}): ${branch}${scope === 'trusted' ? ' and its author is not trusted' : ''}`;
}
