import { escalate, moveLabel, stateDepsFor } from '../../shared/automation/subject-state';
import { errorMessage } from '../../shared/errors';
import { isStatus } from '../../shared/github/api-error';
import { workflowOf } from '../../shared/registry';
import { makeReleasedBody, PR_OPEN, READY, type Claim } from '../../shared/state';
import { latestStep } from './marker';
import type { ShepherdContext, ShepherdDeps, ShepherdPr, StepOutcome } from './types';

/**
 * The shepherd's deterministic steps on one pull request. Each writes at most one comment (with
 * the shepherd's marker) besides its own change, and reports what it did; in dry-run it writes
 * nothing and says what it would have done.
 */

const short = (sha: string) => sha.slice(0, 7);
const fixed = (summary: string): StepOutcome => ({ kind: 'fixed', summary, wrote: true });
const skippedStep = (summary: string): StepOutcome => ({ kind: 'skipped', summary, wrote: false });
const dry = (kind: StepOutcome['kind'], summary: string): StepOutcome => ({ kind, summary: `[dry-run] would ${summary}`, wrote: false });

/** Behind its base: GitHub merges the base into the head (`update-branch`), only if the head is still the one triaged. */
export async function updateBranch(deps: ShepherdDeps, pr: ShepherdPr, ctx: ShepherdContext): Promise<StepOutcome> {
  const what = `update #${pr.number} with ${pr.base.ref} (head ${short(pr.head.oid)})`;
  if (deps.dryRun) return dry('fixed', what);
  try {
    await deps.github.writer.updateBranch(pr.number, pr.head.oid);
  } catch (e) {
    // 422: the head moved since the sweep, or the base no longer merges cleanly; 403: the token may not write what the
    // merge brings (a workflow file without the `workflows` permission). The next run sees the new state.
    if (isStatus(e, 422, 403)) return skippedStep(`GitHub did not update #${pr.number}: ${errorMessage(e)}`);
    throw e;
  }
  const body = ctx.mark(
    `Updated this branch with \`${pr.base.ref}\`: it was behind (head was ${short(pr.head.oid)}, ${pr.base.ref} at ${short(pr.base.oid)}).`,
    'update-branch',
    { head: pr.head.oid, base: pr.base.oid },
  );
  await deps.github.writer.createComment(pr.number, body);
  return fixed(`updated #${pr.number} with ${pr.base.ref}`);
}

/**
 * Failing checks: the same failure (the same failing checks) on `repeatedFailureLimit` heads in a
 * row is escalated to a person with the reason; otherwise the CI fixer gets it. A failed CI run
 * starts the fixer by itself (the same workflow_run event); on a schedule the shepherd dispatches
 * the fixer's workflow for the pull request. Each failing head is counted once.
 */
export async function handOverFailure(
  deps: ShepherdDeps,
  pr: ShepherdPr,
  ctx: ShepherdContext & { ciFixerStarted: boolean },
): Promise<StepOutcome> {
  const signature = [...new Set(pr.checks.failing)].sort().join(', ') || 'the check rollup failed';
  const previous = latestStep(pr.lastComments, ctx.botLogin, 'ci-failure')?.marker.data;
  if (previous && previous.head === pr.head.oid)
    return skippedStep(`#${pr.number}: the failure of ${short(pr.head.oid)} was already handed over`);
  const count = previous && previous.signature === signature && typeof previous.count === 'number' ? previous.count + 1 : 1;
  const limit = ctx.settings.repeatedFailureLimit;

  if (count >= limit) {
    const reason = `the same checks failed on ${count} heads in a row (${signature}); the limit is ${limit} (shepherd.repeatedFailureLimit)`;
    if (deps.dryRun) return dry('escalated', `escalate #${pr.number}: ${reason}`);
    const body = [
      '### The factory needs a human here',
      '',
      `**Why:** ${reason}.`,
      '',
      `Retrying again would repeat the same failure on ${short(pr.head.oid)}. Fix the cause, then comment \`@factory retry\`.`,
    ].join('\n');
    const state = stateDepsFor(deps);
    // The escalation comment carries `<!-- factory:pr-shepherd:needs-human -->`: `@factory retry` finds who escalated by it.
    await escalate(state, { type: 'pr', number: pr.number, labels: pr.labels }, body);
    return { kind: 'escalated', summary: `escalated #${pr.number}: ${reason}`, wrote: true };
  }

  const workflow = workflowOf('ci-fixer');
  let how: string;
  if (ctx.ciFixerStarted) how = 'the CI fixer runs on the failed run itself';
  else if (!workflow) how = 'the CI fixer is not part of this version';
  else if (deps.dryRun) how = `would dispatch ${workflow}`;
  else {
    try {
      await deps.github.writer.dispatchWorkflow(workflow, ctx.defaultBranch, { 'issue-number': String(pr.number) });
      how = `dispatched ${workflow}`;
    } catch (e) {
      if (!isStatus(e, 404, 422)) throw e;
      // Not installed, or its workflow takes no dispatch: the fixer runs on the failed workflow_run itself.
      how = `${workflow} could not be started (${isStatus(e, 404) ? 'not installed' : 'it takes no dispatch'}); the CI fixer runs on the failed run`;
    }
  }
  if (deps.dryRun) return dry('fixed', `hand #${pr.number} to the CI fixer (failure ${count} of ${limit}: ${signature}; ${how})`);
  const body = ctx.mark(
    `Checks fail on ${short(pr.head.oid)} (${signature}): handed to the CI fixer (${count} of ${limit} before a person is asked).`,
    'ci-failure',
    { signature, head: pr.head.oid, count },
  );
  await deps.github.writer.createComment(pr.number, body);
  return fixed(`handed #${pr.number} to the CI fixer (${signature}, ${count} of ${limit}; ${how})`);
}

/** An expired claim on a pull request: the claim comment marked released, its owner started again. */
export async function releasePrClaim(
  deps: ShepherdDeps,
  pr: ShepherdPr,
  ctx: ShepherdContext,
  held: { commentId: number; claim: Claim },
): Promise<StepOutcome> {
  const { claim } = held;
  const what = `release the expired claim of ${claim.owner} on #${pr.number} (lease ended ${claim.leaseExpiresAt})`;
  if (deps.dryRun) return dry('fixed', what);
  await deps.github.writer.updateComment(held.commentId, makeReleasedBody(claim, ctx.now));
  const requeued = await restart(deps, ctx, claim.owner, pr.number);
  const body = ctx.mark(
    `Released the claim of ${claim.owner} (run ${claim.runId}): its lease ended at ${claim.leaseExpiresAt} with no result. ${requeued}`,
    'claim-released',
    { owner: claim.owner, runId: claim.runId },
  );
  await deps.github.writer.createComment(pr.number, body);
  return fixed(`released the expired claim of ${claim.owner} on #${pr.number}; ${requeued}`);
}

/** Stale: one ping, with a note of what happens next. */
export async function pingStale(deps: ShepherdDeps, pr: ShepherdPr, ctx: ShepherdContext): Promise<StepOutcome> {
  const days = ctx.settings.staleDays;
  if (deps.dryRun) return dry('fixed', `ping #${pr.number} (no activity for ${days} day(s))`);
  const body = ctx.mark(
    `This pull request has had no activity for ${days} day(s). Without any in the next ${days} day(s), the factory closes it and puts its issue back in the queue.`,
    'stale-ping',
  );
  await deps.github.writer.createComment(pr.number, body);
  return fixed(`pinged #${pr.number}: no activity for ${days} day(s)`);
}

/** Stale after the ping: closed with a note, the issues it would have closed put back to factory:ready. */
export async function closeStale(deps: ShepherdDeps, pr: ShepherdPr, ctx: ShepherdContext): Promise<StepOutcome> {
  const days = ctx.settings.staleDays;
  if (deps.dryRun) return dry('fixed', `close #${pr.number} (no activity since the ping ${days} day(s) ago)`);
  const state = stateDepsFor(deps);
  const requeued: number[] = [];
  for (const n of pr.closingIssues) {
    const issue = await deps.github.reader.getIssue(n);
    if (issue.state !== 'open' || !issue.labels.includes(PR_OPEN)) continue;
    await moveLabel(state, { type: 'issue', number: n, labels: issue.labels }, READY, [PR_OPEN]);
    requeued.push(n);
  }
  const back = requeued.length
    ? ` ${requeued.map((n) => `#${n}`).join(', ')} ${requeued.length === 1 ? 'is' : 'are'} back to \`${READY}\`.`
    : '';
  const body = ctx.mark(`Closed: no activity for ${days} day(s) since the reminder.${back}`, 'stale-close');
  await deps.github.writer.createComment(pr.number, body);
  await deps.github.writer.updatePullRequest(pr.number, { state: 'closed' });
  return fixed(`closed #${pr.number} (stale)${requeued.length ? `; ${requeued.map((n) => `#${n}`).join(', ')} back to ${READY}` : ''}`);
}

/**
 * Starts an automation again for a subject when its label alone would not (no App token: events
 * caused by GITHUB_TOKEN start no workflow). The sentence for the note.
 */
export async function restart(
  deps: ShepherdDeps,
  ctx: Pick<ShepherdContext, 'defaultBranch'>,
  owner: string,
  subject: number,
): Promise<string> {
  const workflow = workflowOf(owner as Parameters<typeof workflowOf>[0]);
  if (!workflow) return `${owner} picks it up on its next run.`;
  if (deps.appToken || !deps.config.chaining.dispatchWhenNoAppToken) return `${owner} picks it up on its next run.`;
  try {
    await deps.github.writer.dispatchWorkflow(workflow, ctx.defaultBranch, { 'issue-number': String(subject) });
    return `Started \`${workflow}\` for #${subject}.`;
  } catch (e) {
    if (!isStatus(e, 404, 422)) throw e;
    const why = isStatus(e, 404) ? `it is not installed on ${ctx.defaultBranch}` : 'it takes no dispatch';
    return `${owner} picks it up on its next run (could not start \`${workflow}\`: ${why}).`;
  }
}
