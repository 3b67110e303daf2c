import type { FactoryConfig } from '../../shared/config';
import { describeEvent, parseCommand, parseUnknownCommand, routeEvent, type ParsedEvent } from '../../shared/events';
import type { PullRequest } from '../../shared/github/types';
import { FACTORY_BRANCH_PREFIX } from '../../shared/policy';
import { isReviewerHandoff } from '../../shared/review/handoff';
import { ASSIST, exceeded, isAutomationEnabled, NEEDS_HUMAN, pauseReason, trustLevel } from '../../shared/state';

/**
 * The resolver's gate: pure checks before any token is spent. Each returns what to do, or the
 * reason for a neutral skip.
 */

export const ROUND_COUNTER = 'resolve-round';

export type Decision<T> = { ok: true; value: T } | { ok: false; reason: string };
const skip = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

export interface Trigger {
  pr: number;
  /** `event.action` for run records. */
  event: string;
  action?: string;
  /** Who caused the run (the reviewer, or whoever dispatched it). */
  actor: string;
}

type GateConfig = Pick<FactoryConfig, 'killSwitch' | 'automations' | 'trust'>;

/** Which pull request the event asks about, and whether it may start a round at all. */
export function gateEvent(event: ParsedEvent, prNumber: number | undefined, config: GateConfig): Decision<Trigger> {
  if (config.killSwitch) return skip('the kill switch is on (killSwitch: true in .github/factory.yml)');
  if (!isAutomationEnabled('review-resolver', config)) return skip('review-resolver is disabled (automations.review-resolver.enabled)');
  const base =
    event.kind === 'unsupported'
      ? { event: event.name || 'manual' }
      : { event: event.kind, ...(event.action ? { action: event.action } : {}) };
  const actor = event.kind === 'unsupported' ? 'unknown' : event.sender.login;
  if (prNumber !== undefined) return { ok: true, value: { pr: prNumber, ...base, actor } };

  const route = routeEvent(event, 'review-resolver');
  if (!route.run || event.kind === 'unsupported') return skip(route.reason);
  if (event.kind !== 'pull_request_review' && event.kind !== 'pull_request_review_comment') {
    return skip(`review-resolver does not handle ${describeEvent(event)}`);
  }
  // Our own replies and reviews come back as events: never answer them (no loop).
  const sender = trustLevel(event.sender, undefined, config);
  const author = event.author ? trustLevel(event.author, event.authorAssociation, config) : sender;
  // Except the reviewer's review: its findings are threads for the resolver, handed over by marker.
  const handoff = event.kind === 'pull_request_review' && author === 'self' && isReviewerHandoff(event.payload.review.body);
  if ((sender === 'self' || author === 'self') && !handoff)
    return skip(`the ${event.kind === 'pull_request_review' ? 'review' : 'comment'} is the factory's own`);
  if (author === 'untrusted') {
    const who = event.author?.login ?? event.sender.login;
    return skip(`${who} (${event.authorAssociation ?? 'NONE'}) is not trusted to ask the factory for changes`);
  }
  if (event.kind === 'pull_request_review_comment' && (parseCommand(event.body) || parseUnknownCommand(event.body))) {
    return skip('the comment is a factory command (the commands automation answers it)');
  }
  if (event.kind === 'pull_request_review' && event.reviewState === 'approved' && !event.payload.review.body) {
    return skip('an approval without comments asks for no change');
  }
  return { ok: true, value: { pr: event.subject.number, ...base, actor: event.author?.login ?? event.sender.login } };
}

/** A pull request the factory works on: one it opened (a `factory/` branch or its bot), or one a person handed over with factory:assist. */
export function isFactoryPullRequest(pr: Pick<PullRequest, 'head' | 'base' | 'author' | 'labels'>, botLogin: string): boolean {
  // A fork's head is never the factory's, whatever its branch is called or whatever label it carries.
  const own = pr.base.repoFullName;
  if (own && pr.head.repoFullName.toLowerCase() !== own.toLowerCase()) return false;
  return pr.head.ref.startsWith(FACTORY_BRANCH_PREFIX) || pr.author.login === botLogin || pr.labels.includes(ASSIST);
}

/** Whether this pull request, as GitHub has it now, may get a round. */
export function checkPullRequest(pr: PullRequest, config: Pick<FactoryConfig, 'killSwitch' | 'trust'>): string | undefined {
  if (pr.state !== 'open') return `#${pr.number} is ${pr.merged ? 'merged' : 'closed'}`;
  const paused = pauseReason(pr.labels, config);
  if (paused) return `#${pr.number}: ${paused}`;
  if (!isFactoryPullRequest(pr, config.trust.botLogin)) {
    return `#${pr.number} is not a factory pull request (no ${FACTORY_BRANCH_PREFIX} branch, not opened by ${config.trust.botLogin}, no ${ASSIST} label)`;
  }
  if (pr.labels.includes(NEEDS_HUMAN)) return `#${pr.number} is waiting for a person (${NEEDS_HUMAN})`;
  return undefined;
}

/**
 * The factory pushes its own branches in this repository, and a person's branch in this
 * repository that was handed over with factory:assist; never a fork, never the default branch.
 */
export function canPush(pr: Pick<PullRequest, 'head' | 'labels'>, repoFullName: string, defaultBranch: string): boolean {
  if (pr.head.repoFullName.toLowerCase() !== repoFullName.toLowerCase() || pr.head.ref === defaultBranch) return false;
  return pr.head.ref.startsWith(FACTORY_BRANCH_PREFIX) || isAssistBranch(pr);
}

/** A person's branch the factory may push to because its pull request carries factory:assist. */
export function isAssistBranch(pr: Pick<PullRequest, 'head' | 'labels'>): boolean {
  return !pr.head.ref.startsWith(FACTORY_BRANCH_PREFIX) && pr.labels.includes(ASSIST);
}

/** Rounds used against automations.review-resolver.maxRounds: past it, a person takes over. */
export function checkRounds(used: number, maxRounds: number): string | undefined {
  return exceeded(used, maxRounds)
    ? `${used} resolve round(s) used; the limit is ${maxRounds} (automations.review-resolver.maxRounds)`
    : undefined;
}
