import { moveLabel, stateDepsFor } from '../../shared/automation/subject-state';
import type { AutomationDeps } from '../../shared/automation/types';
import { errorMessage } from '../../shared/errors';
import type { PullRequest } from '../../shared/github/types';
import type { ApplyItem } from '../../shared/policy/apply';
import type { Intent } from '../../shared/policy/intents';
import { SUMMARY_MARKER, type CheckRunOutput, type ReviewComment } from '../../shared/review';
import { APPROVED, CHANGES_REQUESTED, REVIEWING } from '../../shared/state';

/**
 * The reviewer's writes, all made by code after the round is planned, each logged as an
 * ApplyItem for the run record. Every write names the pull request under review: nothing the
 * model says picks another target.
 */
/**
 * The reviewer's dependencies. `approver` (input `approver-token`: an App token besides
 * GITHUB_TOKEN) is the second identity that submits the verdict as an APPROVE or REQUEST_CHANGES
 * review; GitHub refuses (422) an approval of one's own pull request, so without it the verdict is
 * the COMMENT review, the label and the check run.
 */
export type ReviewerDeps = AutomationDeps;

export interface PlannedWrites {
  /** ONE COMMENT review with the inline comments; absent when there is nothing new to post. */
  review?: { body: string; comments: ReviewComment[] };
  summary: string;
  label: string;
  check: CheckRunOutput;
  /** Earlier factory threads to resolve, each with its reply. */
  resolve: { threadId: string; reply: string }[];
  /** The verdict as a review by the second identity, when one is configured and may give it. */
  verdictReview?: { event: 'APPROVE' | 'REQUEST_CHANGES'; body: string };
}

export class WriteLog {
  readonly items: ApplyItem[] = [];
  /** Runs one write; logs it applied (or unchanged), or failed and rethrows. */
  async write<T>(intent: Intent, fn: () => Promise<T>, changed: (result: T) => boolean = () => true): Promise<T> {
    try {
      const result = await fn();
      this.items.push({ intent, status: changed(result) ? 'applied' : 'unchanged', detail: '' });
      return result;
    } catch (e) {
      this.items.push({ intent, status: 'failed', detail: errorMessage(e) });
      throw e;
    }
  }
}

const LABEL_STATES = [REVIEWING, APPROVED, CHANGES_REQUESTED];

export async function applyWrites(deps: ReviewerDeps, pr: PullRequest, w: PlannedWrites, log: WriteLog): Promise<void> {
  const { writer } = deps.github;
  const target = { type: 'pr' as const, number: pr.number };
  if (w.review) {
    const { body, comments } = w.review;
    await log.write(
      {
        kind: 'review',
        pr: pr.number,
        event: 'COMMENT',
        body,
        comments: comments.map(({ path, line, side, body: text }) => ({ path, line, side, body: text })),
      },
      () => writer.createReview(pr.number, { event: 'COMMENT', body, commitId: pr.head.sha, comments }),
    );
  }
  for (const t of w.resolve) {
    await log.write({ kind: 'reply_to_thread', threadId: t.threadId, body: t.reply }, () =>
      writer.replyToReviewThread(t.threadId, t.reply),
    );
    await log.write({ kind: 'resolve_thread', threadId: t.threadId }, () => writer.resolveReviewThread(t.threadId));
  }
  await log.write(
    { kind: 'comment', target, body: w.summary, markerKey: SUMMARY_MARKER.key },
    () => writer.upsertComment(pr.number, SUMMARY_MARKER, w.summary, deps.config.trust.botLogin),
    (r) => r.changed,
  );
  await log.write(
    { kind: 'add_labels', target, labels: [w.label] },
    () => moveLabel(stateDepsFor(deps), { type: 'pr', number: pr.number, labels: pr.labels }, w.label, LABEL_STATES),
    () => !pr.labels.includes(w.label),
  );
  await writer.createCheckRun({ name: w.check.name, headSha: w.check.head_sha, conclusion: w.check.conclusion, output: w.check.output });
  if (w.verdictReview && deps.approver) {
    const { event, body } = w.verdictReview;
    const approver = deps.approver;
    await log.write({ kind: 'review', pr: pr.number, event, body, comments: [] }, () =>
      approver.createReview(pr.number, { event, body, commitId: pr.head.sha }),
    );
  }
}
