import type { FactoryConfig } from '../../shared/config';
import type { PullRequest } from '../../shared/github/types';
import { marker } from '../../shared/github/markers';
import { REVIEW_HANDOFF_MARKER } from '../../shared/review/handoff';
import { computeRisk, maxTier, tierRank, type Tier } from '../../shared/risk';
import {
  anchoredCode,
  codeSpan,
  fingerprint,
  planRound,
  renderSummary,
  reviewCheckRun,
  VERDICT_LABELS,
  type DiffFile,
  type Finding,
  type ReviewState,
  type RoundPlan,
  type UnreadFile,
  verdictAtRisk,
} from '../../shared/review';
import { sanitizeText, type Redactor } from '../../shared/security';
import { REVIEWING } from '../../shared/state';
import type { DimensionResult } from './dimensions';
import type { ReviewDiff } from './diff';
import {
  addressedReply,
  decideThreads,
  findingMarker,
  repeats,
  resolvedFingerprints,
  type FactoryThread,
  type ThreadDecision,
} from './threads';
import type { PlannedWrites } from './writes';

/**
 * A round as data, by code only: the dimensions' findings through the central pass (planRound),
 * the factory's earlier threads judged, the verdict, the risk tier (computed from the diff, never
 * from the model), the summary and the check run. The model's findings are text to post; nothing
 * in them picks a target, an event, a label or a tier.
 */
export interface ReviewPlan {
  writes: PlannedWrites;
  round: RoundPlan;
  threads: ThreadDecision[];
  risk: ReturnType<typeof computeRisk>;
  incomplete: boolean;
  line: string;
  details: string[];
}

export interface PlanInput {
  pr: PullRequest;
  diff: ReviewDiff;
  previous?: ReviewState;
  results: DimensionResult[];
  notRead: UnreadFile[];
  threads: FactoryThread[];
  config: FactoryConfig;
  redactor: Redactor;
  /** A second identity may submit the verdict as a review. */
  approver: boolean;
}

/** A finding's inline comment text: model text, sanitised (no hidden markup, mentions, closing keywords, secrets). */
export function renderFinding(finding: Finding, redactor: Redactor): string {
  return sanitizeText(`**${finding.severity}** (${finding.dimension}): ${finding.title}\n\n${finding.body}`, {
    redactor,
    maxChars: 4000,
  }).trim();
}

/** Suggestions are code for a ```suggestion block: secrets redacted, factory markers defused. */
function cleanSuggestion(finding: Finding, redactor: Redactor): Finding {
  if (finding.suggestion === undefined) return finding;
  return { ...finding, suggestion: sanitizeText(finding.suggestion, { redactor, format: 'plain', maxChars: 4000 }) };
}

function whatChanged(files: readonly DiffFile[]): string {
  const add = files.reduce((n, f) => n + f.additions, 0);
  const del = files.reduce((n, f) => n + f.deletions, 0);
  const names = files.slice(0, 5).map((f) => f.filename);
  return `${files.length} file(s), +${add} -${del}: ${names.join(', ')}${files.length > 5 ? ', ...' : ''}.`;
}

/** Unread files keep the tier at least this: code no model read never passes at low risk (merge.autoMerge defaults to [low]). */
export const UNREAD_FLOOR: Tier = 'medium';

/**
 * The tier the review raises the pull request to, and why: the highest of what the dimensions
 * proposed, UNREAD_FLOOR when any file was not read (lock, generated, vendored, binary, over the
 * budget), and the tier the previous round raised it to (its state). A raise is never forgotten,
 * not even by a full re-review after a force push: the model may raise the tier, never lower it,
 * and a later round that shows it less (only the new lines) must not undo what an earlier one saw.
 */
export function raisedTier(input: Pick<PlanInput, 'results' | 'notRead' | 'previous'>): { tier?: Tier; reasons: string[] } {
  const reasons: string[] = [];
  const tiers: Tier[] = input.results.map((r) => r.risk).filter((t): t is Tier => t !== undefined);
  if (input.notRead.length > 0) {
    tiers.push(UNREAD_FLOOR);
    const names = input.notRead.slice(0, 3).map((f) => codeSpan(f.path, 80));
    const more = input.notRead.length > 3 ? ` and ${input.notRead.length - 3} more` : '';
    reasons.push(`${input.notRead.length} file(s) not read by the review (${names.join(', ')}${more}): at least ${UNREAD_FLOOR} risk`);
  }
  const earlier = input.previous?.tier;
  if (earlier) {
    const now = tiers.length ? tiers.reduce(maxTier) : undefined;
    if (!now || tierRank(earlier) > tierRank(now)) reasons.push(`an earlier round raised the tier to ${earlier}; it stays raised`);
    tiers.push(earlier);
  }
  return { ...(tiers.length ? { tier: tiers.reduce(maxTier) } : {}), reasons };
}

export function planReview(input: PlanInput): ReviewPlan {
  const { pr, diff, config, redactor } = input;
  const perDimension = input.results.map((r) => r.findings.map((f) => cleanSuggestion(f, redactor)));
  const all = perDimension.flat().map((finding) => ({ finding, fingerprint: fingerprint(finding, anchoredCode(finding, diff.files)) }));
  const skipped = input.results.filter((r) => r.status !== 'reviewed');
  const incomplete = skipped.length > 0;

  const threads = decideThreads({
    threads: input.threads,
    incremental: diff.incremental,
    reported: (t) => repeats(t, all).length > 0,
    notReviewed: new Set(skipped.map((r) => r.dimension)),
  });
  // A finding that repeats an open thread is not posted again: the thread stays open instead.
  const repeated = threads.filter((t) => t.status === 'open').flatMap((t) => repeats(t.thread, all).map((f) => f.fingerprint));
  const previous = input.previous && { ...input.previous, fingerprints: [...input.previous.fingerprints, ...repeated] };
  const resolvedNow = threads.filter((t) => t.status === 'resolved').map((t) => t.thread.anchor.fp);
  const round = planRound({
    headSha: pr.head.sha,
    files: diff.files,
    perDimension,
    ...(previous ? { previous } : {}),
    resolved: [...resolvedFingerprints(input.threads), ...resolvedNow],
    minConfidence: config.review.minConfidence,
    maxInline: config.review.maxInline,
    verdict: { requestChangesAt: config.review.requestChangesAt },
    render: (f) => renderFinding(f, redactor),
  });

  // The review may only raise the tier by code (computeRisk): what the dimensions proposed, what
  // files it did not read, what earlier rounds raised it to (kept in the summary's state).
  const raised = raisedTier(input);
  const modelTier = raised.tier;
  const computed = computeRisk({ files: diff.files, config, headRef: input.pr.head.ref, ...(modelTier ? { modelTier } : {}) });
  const risk = { ...computed, reasons: [...computed.reasons, ...raised.reasons] };
  const byFingerprint = new Map(all.map((f) => [f.fingerprint, f.finding] as const));
  const inline = round.comments.map((c) => byFingerprint.get(c.fingerprint)).filter((f): f is Finding => f !== undefined);
  const comments = round.comments.map(({ fingerprint: fp, ...c }) => {
    const f = byFingerprint.get(fp);
    const anchor = {
      fp,
      line: c.line,
      side: c.side,
      ...(c.start_line ? { startLine: c.start_line } : {}),
      ...(f ? { dimension: f.dimension } : {}),
    };
    return { ...c, body: `${c.body}\n\n${findingMarker(anchor)}` };
  });
  const notReviewed = skipped.map((r) => ({ dimension: r.dimension, reason: r.reason ?? r.status }));
  // A clean review at high risk does not approve: no approval label, a neutral check, a person decides.
  const verdict = verdictAtRisk(round.verdict, risk.tier);
  const needsPerson = verdict === 'needs-person';
  const inDiff = new Set(diff.files.map((f) => f.filename));
  const lookAt = [
    ...(needsPerson ? [`High risk (${risk.reasons.join('; ')}): a person must approve and merge.`] : []),
    // Only findings on a file of the pull request: a path that is not in its diff is model text, listed
    // (sanitised) under "Findings outside the diff" but never put forward as a place to look.
    ...round.unplaced
      .filter((u) => inDiff.has(u.finding.path))
      .map((u) => `${codeSpan(`${u.finding.path}:${u.finding.line}`)} ${u.finding.title}`),
  ];
  const summary = renderSummary({
    state: {
      ...round.state,
      ...(incomplete ? { skipped: skipped.map((r) => r.dimension) } : {}),
      ...(modelTier ? { tier: modelTier } : {}),
    },
    verdict,
    risk: { tier: risk.tier, reasons: risk.reasons },
    whatChanged: whatChanged(diff.shown),
    impact: `Reviewed for ${input.results.map((r) => r.dimension).join(', ') || 'nothing (every dimension is off)'}.`,
    decisions: diff.fullBecause ? [`Read the whole diff again: ${diff.fullBecause}.`] : [],
    lookAt,
    files: diff.files,
    inline,
    unplaced: round.unplaced,
    unresolvedBlockers: round.unresolvedBlockers.length,
    notRead: input.notRead,
    notReviewed,
    threads,
    ...(diff.since ? { since: diff.since } : {}),
  });
  const findings = [...inline, ...round.unplaced.map((u) => u.finding)];
  const check = incomplete
    ? reviewCheckRun(
        { kind: 'incomplete', reason: notReviewed.map((d) => `${d.dimension} not reviewed (${d.reason})`).join('; ') },
        pr.head.sha,
      )
    : reviewCheckRun(
        {
          kind: 'reviewed',
          verdict,
          findings,
          unresolvedBlockers: round.unresolvedBlockers.length,
          notRead: input.notRead.length,
          ...(modelTier ? { modelTier } : {}),
        },
        pr.head.sha,
      );
  const label = incomplete ? REVIEWING : VERDICT_LABELS[verdict];
  const said = needsPerson ? 'not approved (high risk: a person approves and merges)' : verdict;
  const line =
    `#${pr.number}: ${incomplete ? `incomplete (${notReviewed.map((d) => d.dimension).join(', ')} not reviewed)` : said}` +
    ` (${round.comments.length} inline, ${round.unplaced.length} in the summary, ${round.dropped.length} dropped` +
    `${threads.length ? `, ${threads.filter((t) => t.status === 'resolved').length} of ${threads.length} earlier thread(s) resolved` : ''})`;
  const verdictReview =
    input.approver && !incomplete && !needsPerson
      ? {
          event: verdict === 'approved' ? ('APPROVE' as const) : ('REQUEST_CHANGES' as const),
          body: `Factory review of ${pr.head.sha.slice(0, 7)}: ${verdict === 'approved' ? 'approved' : 'changes requested'} (${risk.tier} risk). See the summary comment.`,
        }
      : undefined;
  const writes: PlannedWrites = {
    // The review's marker hands its threads to the resolver (shared/review/handoff.ts).
    ...(comments.length > 0
      ? { review: { body: `Factory review of ${pr.head.sha.slice(0, 7)}: ${line}.\n\n${marker(REVIEW_HANDOFF_MARKER)}`, comments } }
      : {}),
    summary,
    label,
    check,
    resolve: threads
      .filter((t) => t.status === 'resolved')
      .map((t) => ({ threadId: t.thread.thread.id, reply: addressedReply(pr.head.sha) })),
    ...(verdictReview ? { verdictReview } : {}),
  };
  const details = [
    `dimensions: ${input.results.map((r) => `${r.dimension} ${r.status === 'reviewed' ? `${r.findings.length} finding(s)${r.problems.length ? `, ${r.problems.length} invalid` : ''}` : `${r.status}: ${r.reason}`}`).join('; ')}`,
    ...(diff.since ? [`incremental: ${diff.shown.length} file(s) changed since ${diff.since.slice(0, 7)}`] : []),
    ...comments.map((c) => `inline ${c.path}:${c.line}`),
    ...threads.map((t) => `thread ${t.path}:${t.line} ${t.status}: ${t.why}`),
    `summary comment, label ${label}, check run ${check.name}: ${check.conclusion}`,
    ...(verdictReview ? [`${verdictReview.event} review by the second identity`] : []),
  ];
  return { writes, round, threads, risk, incomplete, line, details };
}
