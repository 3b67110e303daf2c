import type { FactoryConfig } from '../../shared/config';
import { parseCommand, routeEvent, type ParsedEvent } from '../../shared/events';
import type { Comment, Issue, PullRequest } from '../../shared/github/types';
import { FACTORY_BRANCH_PREFIX } from '../../shared/policy';
import {
  APPROVAL_LABEL,
  ASSIST,
  BUILDING,
  isAuthorTrusted,
  isAutomationEnabled,
  NEEDS_HUMAN,
  NEEDS_INFO,
  pauseReason,
  PR_OPEN,
  READY,
  trustLevel,
} from '../../shared/state';

/**
 * The builder's gate: pure checks before anything is written or any token is spent. Each
 * returns a reason to skip (a neutral notice), or what to do.
 */

export type Target = { kind: 'issue'; number: number } | { kind: 'pick' };
export type Decision<T> = { ok: true; value: T } | { ok: false; reason: string };

const skip = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/** Which issue the event asks for: the labeled issue, the dispatched number, or a pick from the backlog. */
export function gateEvent(
  event: ParsedEvent,
  issueNumber: number | undefined,
  config: Pick<FactoryConfig, 'killSwitch' | 'automations' | 'trust'>,
): Decision<Target> {
  if (config.killSwitch) return skip('the kill switch is on (killSwitch: true in .github/factory.yml)');
  if (!isAutomationEnabled('feature-builder', config)) return skip('feature-builder is disabled (automations.feature-builder.enabled)');
  if (issueNumber !== undefined) return { ok: true, value: { kind: 'issue', number: issueNumber } };
  const route = routeEvent(event, 'feature-builder');
  if (!route.run || event.kind === 'unsupported') return skip(route.reason);
  switch (event.kind) {
    case 'issues': {
      // Labeling needs triage permission; a bot is trusted only by exact login (or is our planner).
      const level = trustLevel(event.sender, undefined, config);
      if (event.isBot && level === 'untrusted') return skip(`${READY} was added by an untrusted bot (${event.sender.login})`);
      return { ok: true, value: { kind: 'issue', number: event.subject.number } };
    }
    case 'workflow_dispatch': {
      const raw = event.inputs['issue-number'];
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : undefined;
      return { ok: true, value: n ? { kind: 'issue', number: n } : { kind: 'pick' } };
    }
    default:
      return { ok: true, value: { kind: 'pick' } };
  }
}

/**
 * A trusted person's `@factory fix` on an issue: the commands automation dispatches the builder
 * with the comment's id (input `command-comment`), or the comment event itself started the run.
 * It stands in for a maintainer's approval of an untrusted author's issue.
 */
export interface TrustedAsk {
  issueNumber: number;
  commentId: number;
}

/** The ask carried by the event: a trusted person's comment on the issue. */
export function askFromEvent(event: ParsedEvent | undefined, config: Pick<FactoryConfig, 'trust'>): TrustedAsk | undefined {
  if (event?.kind !== 'issue_comment' || !event.author) return undefined;
  if (trustLevel(event.author, event.authorAssociation, config) !== 'trusted') return undefined;
  return { issueNumber: event.subject.number, commentId: event.commentId };
}

/**
 * The ask named by a dispatch, as GitHub has it (never as the input claims): a comment on that
 * issue, by a trusted author, whose command is `fix`.
 */
export function askFromComment(
  comments: readonly Comment[],
  issueNumber: number,
  commentId: number,
  config: Pick<FactoryConfig, 'trust'>,
): TrustedAsk | undefined {
  const comment = comments.find((c) => c.id === commentId);
  if (!comment || trustLevel(comment.author, comment.authorAssociation, config) !== 'trusted') return undefined;
  return parseCommand(comment.body)?.command === 'fix' ? { issueNumber, commentId } : undefined;
}

/**
 * Whether this issue, as GitHub has it now (not as the event saw it), may be built. Whatever
 * labelled it ready, an issue by an author outside trust.associations is built only once a
 * maintainer approved it (factory:approved), or when a trusted person's `@factory fix` on it
 * is what started this run.
 */
export function checkIssue(issue: Issue, config: Pick<FactoryConfig, 'killSwitch' | 'trust'>, ask?: TrustedAsk): string | undefined {
  if (issue.isPullRequest) return `#${issue.number} is a pull request`;
  if (issue.state !== 'open') return `#${issue.number} is closed`;
  const paused = pauseReason(issue.labels, config);
  if (paused) return `#${issue.number}: ${paused}`;
  if (issue.labels.includes(ASSIST)) return `#${issue.number} is human-led (${ASSIST})`;
  if (!issue.labels.includes(READY)) {
    const state = issue.labels.find((l) => [BUILDING, PR_OPEN, NEEDS_HUMAN, NEEDS_INFO].includes(l));
    return `#${issue.number} is not ${READY}${state ? ` (it is ${state})` : ''}`;
  }
  if (needsApproval(issue, config, ask) && !issue.labels.includes(APPROVAL_LABEL)) {
    return `#${issue.number} is by ${issue.author.login} (${issue.authorAssociation}), who is not trusted, and no maintainer has added ${APPROVAL_LABEL}`;
  }
  return undefined;
}

/**
 * The issue can be built only on a maintainer's approval: its author is not trusted and no
 * trusted person's `@factory fix` on it started this run. The approval must then still stand
 * (approvalStanding: not edited by the author since).
 */
export function needsApproval(issue: Issue, config: Pick<FactoryConfig, 'trust'>, ask?: TrustedAsk): boolean {
  return config.trust.requireApprovalForUntrusted && !isAuthorTrusted(issue, config) && ask?.issueNumber !== issue.number;
}

const PRIORITIES = ['priority:p0', 'priority:p1', 'priority:p2', 'priority:p3'];

function priorityRank(issue: Issue): number {
  const ranks = issue.labels.map((l) => PRIORITIES.indexOf(l)).filter((r) => r >= 0);
  // No priority label sorts after p2 and before p3: unknown is "normal".
  return ranks.length ? Math.min(...ranks) : 2.5;
}

/** The backlog in build order: ready and buildable, priority:p0 first, then the oldest. */
export function rankReadyIssues(issues: readonly Issue[], config: Pick<FactoryConfig, 'killSwitch' | 'trust'>): Issue[] {
  return issues
    .filter((i) => checkIssue(i, config) === undefined)
    .sort((a, b) => priorityRank(a) - priorityRank(b) || Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.number - b.number);
}

/** Open factory pull requests, against automations.feature-builder.maxOpenPrs. */
export function checkOpenPrCap(openPrs: readonly PullRequest[], maxOpenPrs: number): string | undefined {
  const ours = openPrs.filter((p) => p.head.ref.startsWith(FACTORY_BRANCH_PREFIX));
  return ours.length >= maxOpenPrs
    ? `${ours.length} factory pull request(s) are open; the builder takes new work below ${maxOpenPrs} (automations.feature-builder.maxOpenPrs)`
    : undefined;
}
