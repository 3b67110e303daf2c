import { hasMarker } from '../../shared/github/markers';
import type { Comment, Issue } from '../../shared/github/types';
import type { Intent } from '../../shared/policy/intents';

/**
 * Stale `factory:needs-info` issues, decided by code (no model): after `staleDays` without an
 * answer the factory posts one reminder; after another `staleDays` without an answer it closes
 * the issue as not planned. Any comment by a person after the question stops both.
 */
export const REMINDER_KEY = 'needs-info-reminder';
const DAY_MS = 86_400_000;

export type StaleDecision = { action: 'none'; reason: string } | { action: 'remind' } | { action: 'close' };

export interface StaleInput {
  now: Date;
  staleDays: number;
  /** When the factory last asked (its plan comment was written or edited). */
  askedAt: Date;
  /** Latest comment by a person. */
  lastHumanAt?: Date;
  /** Our reminder comment, when there is one. */
  remindedAt?: Date;
}

export function staleDecision(s: StaleInput): StaleDecision {
  const stale = s.staleDays * DAY_MS;
  const reminder = s.remindedAt && s.remindedAt >= s.askedAt ? s.remindedAt : undefined;
  if (s.lastHumanAt && s.lastHumanAt > s.askedAt && (!reminder || s.lastHumanAt > reminder)) {
    return { action: 'none', reason: 'answered since the question; waiting for a re-plan (edit the issue or run the planner on it)' };
  }
  if (!reminder) {
    return s.now.getTime() - s.askedAt.getTime() >= stale ? { action: 'remind' } : { action: 'none', reason: 'not stale yet' };
  }
  return s.now.getTime() - reminder.getTime() >= stale ? { action: 'close' } : { action: 'none', reason: 'reminded; not stale again yet' };
}

/** The inputs of staleDecision from the issue's comments. */
export function staleInput(
  issue: Pick<Issue, 'createdAt'>,
  comments: readonly Comment[],
  opts: { now: Date; staleDays: number; botLogin: string; automation: string; planKey: string },
): StaleInput {
  const ours = (c: Comment) => c.author.login === opts.botLogin;
  const plan = comments.find((c) => ours(c) && hasMarker(c.body, { kind: opts.automation, key: opts.planKey }));
  const reminder = comments.find((c) => ours(c) && hasMarker(c.body, { kind: opts.automation, key: REMINDER_KEY }));
  const human = comments.filter((c) => !ours(c) && c.author.type !== 'Bot' && !c.author.login.endsWith('[bot]'));
  const latest = human.map((c) => Date.parse(c.createdAt)).sort((a, b) => b - a)[0];
  return {
    now: opts.now,
    staleDays: opts.staleDays,
    askedAt: new Date(plan ? plan.updatedAt : issue.createdAt),
    ...(latest !== undefined ? { lastHumanAt: new Date(latest) } : {}),
    ...(reminder ? { remindedAt: new Date(reminder.updatedAt) } : {}),
  };
}

export function staleIntents(number: number, decision: StaleDecision, staleDays: number): Intent[] {
  if (decision.action === 'remind') {
    return [
      {
        kind: 'comment',
        target: { type: 'issue', number },
        markerKey: REMINDER_KEY,
        body:
          `This issue has waited ${staleDays} days for the information asked for above. ` +
          `Please answer in a comment or edit the issue; without an answer it will be closed in another ${staleDays} days.`,
      },
    ];
  }
  if (decision.action === 'close') {
    return [
      {
        kind: 'close_issue',
        number,
        reason: 'not_planned',
        comment: `Closed: the information asked for was not provided within ${staleDays * 2} days. Reopen it with the details to have it planned again.`,
      },
    ];
  }
  return [];
}
