import type { Comment, GitHub } from '../github/types';
import type { Clock, Logger } from '../ports';
import { isClaimExpired, makeClaimBody, makeReleasedBody, parseClaim, type Claim } from '../state';
import type { Automation } from '../state/automations';
import { errorMessage } from '../errors';

/**
 * Claims on an issue: a claim comment per run (marker with run id and lease). Every run writes
 * its own comment and then re-reads: the earliest live claim wins, so two runs started together
 * agree on one winner without a lock. Only comments by the factory's bot count as claims.
 */

export interface LiveClaim {
  commentId: number;
  claim: Claim;
}

/** Live (not released, not expired) claims in creation order. */
export function liveClaims(comments: readonly Comment[], now: Date, botLogin: string): LiveClaim[] {
  return comments
    .filter((c) => c.author.login === botLogin)
    .map((c) => ({ commentId: c.id, createdAt: c.createdAt, claim: parseClaim(c.body) }))
    .filter(
      (c): c is { commentId: number; createdAt: string; claim: Claim } => !!c.claim && !c.claim.releasedAt && !isClaimExpired(c.claim, now),
    )
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.commentId - b.commentId)
    .map(({ commentId, claim }) => ({ commentId, claim }));
}

/** On success, also the comments as re-read after claiming (callers reuse them). */
export type ClaimResult = { ok: true; held: LiveClaim; comments: Comment[] } | { ok: false; reason: string };

export interface ClaimDeps {
  github: GitHub;
  clock: Clock;
  logger: Logger;
  runId: string;
  botLogin: string;
  leaseMinutes: number;
  owner: Automation;
}

function describe(c: Claim): string {
  return `${c.owner} (run ${c.runId}) holds a claim until ${c.leaseExpiresAt}`;
}

/**
 * Claim `issue`: refuse when another run holds a live claim, else write ours and verify that it
 * is the earliest live claim. A run that lost marks its own comment released before it leaves.
 */
export async function claimIssue(deps: ClaimDeps, issue: number): Promise<ClaimResult> {
  const { reader, writer } = deps.github;
  const before = await reader.listComments(issue);
  const other = liveClaims(before, deps.clock.now(), deps.botLogin).find((c) => c.claim.runId !== deps.runId);
  if (other) return { ok: false, reason: `#${issue} is claimed: ${describe(other.claim)}` };

  const body = makeClaimBody({
    subject: issue,
    runId: deps.runId,
    owner: deps.owner,
    now: deps.clock.now(),
    leaseMinutes: deps.leaseMinutes,
  });
  const comment = await writer.createComment(issue, body);
  const mine = parseClaim(comment.body) ?? parseClaim(body)!;
  const held: LiveClaim = { commentId: comment.id, claim: mine };
  if (comment.id < 0) {
    // A writer that records instead of writing (split mode's agent job) answers with a placeholder
    // id: the claim is not on GitHub, so a re-read could not find it. The apply job, which writes
    // it, checks the claims again first; here the listing above stands.
    deps.logger.info(`claim on #${issue} recorded for the apply job`);
    return { ok: true, held, comments: before };
  }

  const comments = await reader.listComments(issue);
  const winner = liveClaims(comments, deps.clock.now(), deps.botLogin)[0];
  if (winner && winner.commentId !== comment.id) {
    await releaseClaim(deps, issue, held);
    return { ok: false, reason: `#${issue} was claimed at the same time by another run: ${describe(winner.claim)}` };
  }
  deps.logger.info(`claimed #${issue} (comment ${comment.id}) until ${mine.leaseExpiresAt}`);
  return { ok: true, held, comments };
}

/** Edit the claim comment to say it was released (the comment stays, as the audit trail). */
export async function releaseClaim(deps: Pick<ClaimDeps, 'github' | 'clock' | 'logger'>, issue: number, held: LiveClaim): Promise<void> {
  try {
    await deps.github.writer.updateComment(held.commentId, makeReleasedBody({ ...held.claim, subject: issue }, deps.clock.now()));
  } catch (e) {
    deps.logger.warning(`could not release the claim on #${issue}: ${errorMessage(e)}`);
  }
}
