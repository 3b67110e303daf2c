import { moveLabel, stateDepsFor } from '../../shared/automation/subject-state';
import { BUILDING, isClaimExpired, makeReleasedBody, parseClaim, READY, type Claim } from '../../shared/state';
import { factoryComments, lastChange } from './marker';
import { restart } from './steps';
import type { ClaimedIssue } from './sweep';
import type { ShepherdContext, ShepherdDeps, StepOutcome } from './types';

/**
 * Expired claims on issues: an issue still `factory:building` whose build claim's lease ended (or,
 * with no claim comment at all, that has not changed for a lease) is released: the claim comment
 * is marked released, the issue moves back to `factory:ready` through the state machine, the
 * builder is started again when the label alone would not start it, and a note says so.
 */

export type ClaimVerdict =
  { release: false; reason: string } | { release: true; reason: string; held?: { commentId: number; claim: Claim } };

export function claimVerdict(issue: ClaimedIssue, ctx: Pick<ShepherdContext, 'now' | 'botLogin'>, leaseMinutes: number): ClaimVerdict {
  const claims = factoryComments(issue.lastComments, ctx.botLogin)
    .map((c) => ({ commentId: c.id, created: Date.parse(c.createdAt), claim: parseClaim(c.body) }))
    .filter((c): c is { commentId: number; created: number; claim: Claim } => !!c.claim && !c.claim.releasedAt);
  const live = claims.filter((c) => !isClaimExpired(c.claim, ctx.now));
  if (live.length) return { release: false, reason: `#${issue.number} is claimed until ${live[0]!.claim.leaseExpiresAt}` };
  const latest = claims.sort((a, b) => a.created - b.created || a.commentId - b.commentId).at(-1);
  if (latest) {
    return {
      release: true,
      reason: `the claim of ${latest.claim.owner} (run ${latest.claim.runId}) expired at ${latest.claim.leaseExpiresAt}`,
      held: { commentId: latest.commentId, claim: latest.claim },
    };
  }
  const quiet = ctx.now.getTime() - Math.max(Date.parse(issue.updatedAt), ...issue.lastComments.map(lastChange));
  return quiet >= leaseMinutes * 60_000
    ? { release: true, reason: `${BUILDING} with no claim and no change for over ${leaseMinutes} min (claims.leaseMinutes)` }
    : { release: false, reason: `#${issue.number} is ${BUILDING} without a claim, changed ${Math.floor(quiet / 60_000)} min ago` };
}

export async function releaseIssueClaim(
  deps: ShepherdDeps,
  issue: ClaimedIssue,
  ctx: ShepherdContext,
  verdict: Extract<ClaimVerdict, { release: true }>,
): Promise<StepOutcome> {
  if (deps.dryRun) return { kind: 'fixed', summary: `[dry-run] would release #${issue.number}: ${verdict.reason}`, wrote: false };
  if (verdict.held) await deps.github.writer.updateComment(verdict.held.commentId, makeReleasedBody(verdict.held.claim, ctx.now));
  await moveLabel(stateDepsFor(deps), { type: 'issue', number: issue.number, labels: issue.labels }, READY, [BUILDING]);
  const owner = verdict.held?.claim.owner ?? 'feature-builder';
  const requeued = await restart(deps, ctx, owner, issue.number);
  const body = ctx.mark(`Released: ${verdict.reason}, with no pull request. Back to \`${READY}\`. ${requeued}`, 'claim-released', {
    owner,
    ...(verdict.held ? { runId: verdict.held.claim.runId } : {}),
  });
  await deps.github.writer.createComment(issue.number, body);
  return { kind: 'fixed', summary: `released #${issue.number} (${verdict.reason}); back to ${READY}`, wrote: true };
}
