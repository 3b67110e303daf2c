import type { AutomationResult } from '../../shared/automation/types';
import { budgetFor } from '../../shared/config';
import type { PullRequest } from '../../shared/github/types';
import type { RunRecord } from '../../shared/record/run-record';
import { parseReviewState, SUMMARY_MARKER } from '../../shared/review';
import { SharedBudget } from './budget';
import { gatherDiff } from './diff';
import { reviewDimensions } from './dimensions';
import { planReview } from './plan';
import { reviewRecord } from './record';
import { factoryThreads } from './threads';
import { applyWrites, WriteLog, type ReviewerDeps } from './writes';

/**
 * One review round, as the design's row reads: the diff through the API (the pull request's code
 * is never checked out or run; on a synchronize only what changed since the last reviewed head),
 * the dimensions on one shared budget, the central pass and the earlier threads (plan.ts), then
 * the writes by code: ONE COMMENT review with inline comments, replies resolving addressed
 * threads, the summary comment, the verdict label, the check run factory/review and, with a
 * second identity, an APPROVE or REQUEST_CHANGES review. One run record tells it all.
 */
export interface Trigger {
  event: string;
  action?: string;
  actor: string;
}

export async function reviewPullRequest(deps: ReviewerDeps, pr: PullRequest, trigger: Trigger): Promise<AutomationResult> {
  const startedAt = deps.clock.now();
  const { reader } = deps.github;
  const summary = await reader.findCommentByMarker(pr.number, SUMMARY_MARKER, deps.config.trust.botLogin);
  const previous = parseReviewState(summary?.body);
  if (previous?.sha === pr.head.sha && !previous.skipped?.length) {
    return { outcome: 'no-op', summary: `#${pr.number}: ${pr.head.sha.slice(0, 7)} is already reviewed`, details: [], records: [] };
  }

  const diff = await gatherDiff(reader, pr, previous);
  const budget = new SharedBudget(budgetFor(deps.config, deps.automation), deps.clock);
  const { results, notRead } = await reviewDimensions(deps, pr, diff, budget);
  const threads = previous ? factoryThreads(await reader.listReviewThreads(pr.number), deps.config.trust.botLogin) : [];
  const plan = planReview({
    pr,
    diff,
    results,
    notRead,
    threads,
    config: deps.config,
    redactor: deps.redactor,
    approver: !!deps.approver,
    ...(previous ? { previous } : {}),
  });

  const log = new WriteLog();
  const record = async (failed = false): Promise<RunRecord> => {
    const built = reviewRecord(deps, {
      trigger: { event: trigger.event, ...(trigger.action ? { action: trigger.action } : {}) },
      actor: trigger.actor,
      pr,
      startedAt,
      budget,
      applied: log.items,
      failed,
    });
    await deps.records.write(built);
    return built;
  };
  const outcome =
    results.length > 0 && results.every((r) => r.status === 'skipped')
      ? 'budget_exhausted'
      : plan.incomplete
        ? 'budget_exhausted'
        : 'completed';
  if (deps.dryRun) {
    return {
      outcome,
      summary: `[dry-run] ${plan.line}`,
      details: plan.details.map((d) => `[dry-run] would write ${d}`),
      records: [await record()],
    };
  }
  try {
    await applyWrites(deps, pr, plan.writes, log);
  } catch (e) {
    await record(true);
    throw e;
  }
  return { outcome, summary: plan.line, details: plan.details, records: [await record()] };
}
