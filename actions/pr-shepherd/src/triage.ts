import { FACTORY_BRANCH_PREFIX } from '../../shared/policy';
import { ASSIST, NEEDS_HUMAN, PAUSED, parseClaim, isClaimExpired, type Claim } from '../../shared/state';
import { factoryComments, lastChange, lastFactoryComment, lastTouched, latestStep, shepherdMarkerOf } from './marker';
import type { ShepherdComment, ShepherdContext, ShepherdPr } from './types';

/**
 * Deterministic triage of one pull request: whether the shepherd leaves it alone, and if not,
 * the one step it takes this run. Pure: everything comes from the sweep and the run's clock.
 *
 * Left alone: a pull request that is not the factory's (a fork's, a person's), a draft, a paused
 * one; one whose checks have been pending for less than `pendingGraceMinutes`; one the shepherd
 * wrote on within `cooldownMinutes`; one whose last factory comment is the shepherd's own (never
 * two in a row; the stale close after its own ping is the one exception).
 *
 * Otherwise the first that applies: an expired claim -> released; factory:needs-human -> a second
 * look; conflicts -> resolved; failing checks -> the CI fixer (or, the same failure again and
 * again, escalated); behind its base -> the branch updated; no activity for `staleDays` -> a ping,
 * then a close.
 */

export type StepName = 'release-claim' | 'second-look' | 'conflicts' | 'ci-failure' | 'update-branch' | 'stale-ping' | 'stale-close';

export type Verdict =
  | { kind: 'ignore'; reason: string }
  | { kind: 'leave'; reason: string }
  | { kind: 'healthy'; reason: string }
  | { kind: 'step'; step: StepName; reason: string; claim?: { commentId: number; claim: Claim } };

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A pull request the factory opened (a `factory/` branch or its bot) or one handed over with factory:assist, never a fork's. */
export function isFactoryPr(pr: ShepherdPr, botLogin: string): boolean {
  if (pr.isFork) return false;
  return pr.head.ref.startsWith(FACTORY_BRANCH_PREFIX) || pr.author === botLogin || pr.labels.includes(ASSIST);
}

export function triage(pr: ShepherdPr, ctx: Pick<ShepherdContext, 'now' | 'botLogin' | 'settings'>): Verdict {
  const { now, botLogin, settings } = ctx;
  const at = now.getTime();
  if (!isFactoryPr(pr, botLogin)) {
    return { kind: 'ignore', reason: pr.isFork ? "a fork's pull request" : 'not a factory pull request' };
  }
  if (pr.isDraft) return { kind: 'ignore', reason: 'a draft' };
  if (pr.labels.includes(PAUSED)) return { kind: 'ignore', reason: `paused (${PAUSED})` };

  // Stale close after the shepherd's own ping: the one step that follows its own comment.
  const stale = staleState(pr, ctx);
  const last = lastFactoryComment(pr.lastComments, botLogin);
  const lastIsMine = !!last && !!shepherdMarkerOf(last, botLogin);
  if (stale === 'close')
    return { kind: 'step', step: 'stale-close', reason: `no activity for ${settings.staleDays} day(s) since the ping` };

  if (pr.checks.pending.length > 0) {
    const since = Date.parse(pr.checks.pendingSince ?? pr.updatedAt);
    const minutes = Math.floor((at - since) / MINUTE);
    if (at - since < settings.pendingGraceMinutes * MINUTE) {
      return { kind: 'leave', reason: `checks pending for ${minutes} min (under ${settings.pendingGraceMinutes})` };
    }
  }
  const touched = lastTouched(pr.lastComments, botLogin);
  if (touched !== undefined && at - touched < settings.cooldownMinutes * MINUTE) {
    return {
      kind: 'leave',
      reason: `the shepherd wrote here ${Math.floor((at - touched) / MINUTE)} min ago (cooldown ${settings.cooldownMinutes} min)`,
    };
  }
  if (lastIsMine) return { kind: 'leave', reason: "the last factory comment is the shepherd's own" };

  const claim = expiredClaim(pr.lastComments, botLogin, now);
  if (claim) {
    return {
      kind: 'step',
      step: 'release-claim',
      reason: `the claim of ${claim.claim.owner} (run ${claim.claim.runId}) expired at ${claim.claim.leaseExpiresAt}`,
      claim,
    };
  }
  if (pr.labels.includes(NEEDS_HUMAN)) return { kind: 'step', step: 'second-look', reason: `labelled ${NEEDS_HUMAN}` };
  if (pr.mergeable === 'CONFLICTING' || pr.mergeStateStatus === 'DIRTY') {
    return { kind: 'step', step: 'conflicts', reason: `conflicts with ${pr.base.ref}` };
  }
  if (pr.checks.failing.length > 0 || pr.checks.state === 'FAILURE' || pr.checks.state === 'ERROR') {
    return { kind: 'step', step: 'ci-failure', reason: `failing checks: ${pr.checks.failing.join(', ') || 'the rollup failed'}` };
  }
  if (pr.mergeStateStatus === 'BEHIND') return { kind: 'step', step: 'update-branch', reason: `behind ${pr.base.ref}` };
  if (stale === 'ping') return { kind: 'step', step: 'stale-ping', reason: `no activity for ${settings.staleDays} day(s)` };
  return { kind: 'healthy', reason: 'nothing to do' };
}

/**
 * `ping`: idle for staleDays and not pinged since its last activity; `close`: pinged, and idle
 * for staleDays more since the ping; undefined otherwise.
 */
export function staleState(pr: ShepherdPr, ctx: Pick<ShepherdContext, 'now' | 'botLogin' | 'settings'>): 'ping' | 'close' | undefined {
  const at = ctx.now.getTime();
  const span = ctx.settings.staleDays * DAY;
  const ping = latestStep(pr.lastComments, ctx.botLogin, 'stale-ping');
  if (ping) {
    const pinged = lastChange(ping.comment);
    // Anything after the ping (a comment, a push, a label; the ping itself moves updatedAt by a moment) is activity.
    const laterComment = pr.lastComments.some((c) => c.id !== ping.comment.id && lastChange(c) > pinged);
    const laterUpdate = Date.parse(pr.updatedAt) > pinged + MINUTE;
    if (!laterComment && !laterUpdate) return at - pinged >= span ? 'close' : undefined;
  }
  const active = Math.max(Date.parse(pr.updatedAt), ...pr.lastComments.map(lastChange));
  return at - active >= span ? 'ping' : undefined;
}

/** The latest claim the factory wrote here, when it is neither released nor still live. */
export function expiredClaim(
  comments: readonly ShepherdComment[],
  botLogin: string,
  now: Date,
): { commentId: number; claim: Claim } | undefined {
  const claims = factoryComments(comments, botLogin)
    .map((c) => ({ commentId: c.id, created: Date.parse(c.createdAt), claim: parseClaim(c.body) }))
    .filter((c): c is { commentId: number; created: number; claim: Claim } => !!c.claim)
    .sort((a, b) => a.created - b.created || a.commentId - b.commentId);
  const latest = claims.at(-1);
  if (!latest || latest.claim.releasedAt || !isClaimExpired(latest.claim, now)) return undefined;
  return { commentId: latest.commentId, claim: latest.claim };
}
