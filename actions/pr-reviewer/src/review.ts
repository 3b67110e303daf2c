import { moveLabel, stateDepsFor } from '../../shared/automation/subject-state';
import type { AutomationDeps, AutomationResult } from '../../shared/automation/types';
import { findMarkers, marker } from '../../shared/github/markers';
import type { PullRequest, PullRequestFile, ReviewThread } from '../../shared/github/types';
import { computeRisk } from '../../shared/risk';
import {
  anchoredCode,
  fingerprint,
  parseReviewState,
  planRound,
  renderSummary,
  reviewCheckRun,
  SUMMARY_MARKER,
  VERDICT_LABELS,
  type DiffFile,
  type Finding,
  type RoundPlan,
  type UnreadFile,
} from '../../shared/review';
import { sanitizeText, type Redactor } from '../../shared/security';
import { APPROVED, CHANGES_REQUESTED, REVIEWING } from '../../shared/state';
import { activeDimensions, packFor, reviewDimension, type DimensionResult } from './dimensions';

/**
 * One review round: the diff through the API (the pull request's code is never checked out or
 * run), one model call per dimension, the central pass (planRound), then the writes, all by code:
 * ONE review (event COMMENT: the factory's token cannot approve its own pull request) with the
 * placed inline comments, the summary comment upserted by its marker, the verdict label through
 * the state machine and the check run factory/review on the head SHA.
 */

/** Each inline comment carries its finding's fingerprint, so a resolved thread releases its blocker. */
export const FINDING_MARKER = { kind: 'pr-reviewer', key: 'finding' } as const;

export function toDiffFile(f: PullRequestFile): DiffFile {
  return {
    filename: f.filename,
    ...(f.previousFilename ? { previous_filename: f.previousFilename } : {}),
    status: f.status,
    additions: f.additions,
    deletions: f.deletions,
    ...(f.patch !== undefined ? { patch: f.patch } : {}),
  };
}

/** Fingerprints of the factory's findings whose threads a person (or the resolver) resolved. */
export function resolvedFingerprints(threads: readonly ReviewThread[], botLogin: string): string[] {
  return threads
    .filter((t) => t.isResolved && t.comments[0]?.author.login === botLogin)
    .flatMap((t) => findMarkers(t.comments[0]?.body).filter((m) => m.kind === FINDING_MARKER.kind && m.key === FINDING_MARKER.key))
    .map((m) => m.data?.fp)
    .filter((fp): fp is string => typeof fp === 'string');
}

/** A finding's inline comment text: model text, sanitised (no hidden markup, mentions, closing keywords, secrets). */
export function renderFinding(finding: Finding, redactor: Redactor): string {
  const text = sanitizeText(`**${finding.severity}** (${finding.dimension}): ${finding.title}\n\n${finding.body}`, {
    redactor,
    maxChars: 4000,
  });
  return text.trim();
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

export interface ReviewRound {
  plan: RoundPlan;
  results: DimensionResult[];
  notRead: UnreadFile[];
}

export async function reviewPullRequest(deps: AutomationDeps, pr: PullRequest): Promise<AutomationResult> {
  const { reader, writer } = deps.github;
  const botLogin = deps.config.trust.botLogin;
  const summary = await reader.findCommentByMarker(pr.number, SUMMARY_MARKER, botLogin);
  const previous = parseReviewState(summary?.body);
  if (previous?.sha === pr.head.sha) {
    return { outcome: 'no-op', summary: `#${pr.number}: ${pr.head.sha.slice(0, 7)} is already reviewed`, details: [], records: [] };
  }

  const files = (await reader.listPullRequestFiles(pr.number)).map(toDiffFile);
  const dimensions = activeDimensions(deps.config, files);
  const results: DimensionResult[] = [];
  const notRead = new Map<string, UnreadFile>();
  for (const dimension of dimensions) {
    const packed = packFor(dimension, files, deps.config);
    for (const u of packed.notRead) notRead.set(u.path, u);
    results.push(await reviewDimension(deps.model!, dimension, pr, packed, deps.redactor));
  }

  const threads = previous ? await reader.listReviewThreads(pr.number) : [];
  const plan = planRound({
    headSha: pr.head.sha,
    files,
    perDimension: results.map((r) => r.findings.map((f) => cleanSuggestion(f, deps.redactor))),
    ...(previous ? { previous } : {}),
    resolved: resolvedFingerprints(threads, botLogin),
    minConfidence: deps.config.review.minConfidence,
    maxInline: deps.config.review.maxInline,
    render: (f) => renderFinding(f, deps.redactor),
  });
  const risk = computeRisk({ files, config: deps.config });
  const comments = plan.comments.map(({ fingerprint, ...c }) => ({
    ...c,
    body: `${c.body}\n\n${marker(FINDING_MARKER, { fp: fingerprint })}`,
  }));
  const byFingerprint = new Map(results.flatMap((r) => r.findings).map((f) => [fingerprint(f, anchoredCode(f, files)), f] as const));
  const inline = plan.comments.map((c) => byFingerprint.get(c.fingerprint)).filter((f): f is Finding => f !== undefined);
  const body = renderSummary({
    state: plan.state,
    verdict: plan.verdict,
    risk: { tier: risk.tier, reasons: risk.reasons },
    whatChanged: whatChanged(files),
    impact: `Reviewed for ${dimensions.join(', ') || 'nothing (every dimension is off)'}.`,
    decisions: [],
    lookAt: plan.unplaced.map((u) => `${u.finding.path}:${u.finding.line} ${u.finding.title}`),
    files,
    inline,
    unplaced: plan.unplaced,
    unresolvedBlockers: plan.unresolvedBlockers.length,
    notRead: [...notRead.values()],
    ...(previous ? { since: previous.sha } : {}),
  });
  const check = reviewCheckRun(
    {
      kind: 'reviewed',
      verdict: plan.verdict,
      findings: [...inline, ...plan.unplaced.map((u) => u.finding)],
      unresolvedBlockers: plan.unresolvedBlockers.length,
      notRead: notRead.size,
    },
    pr.head.sha,
  );
  const label = VERDICT_LABELS[plan.verdict];
  const line = `#${pr.number}: ${plan.verdict} (${plan.comments.length} inline, ${plan.unplaced.length} in the summary, ${plan.dropped.length} dropped)`;
  const details = [
    `dimensions: ${results.map((r) => `${r.dimension} ${r.findings.length} finding(s)${r.problems.length ? `, ${r.problems.length} invalid` : ''}`).join('; ')}`,
    ...comments.map((c) => `inline ${c.path}:${c.line}`),
    `summary comment, label ${label}, check run ${check.name}: ${check.conclusion}`,
  ];
  if (deps.dryRun)
    return { outcome: 'completed', summary: `[dry-run] ${line}`, details: details.map((d) => `[dry-run] would write ${d}`), records: [] };

  if (comments.length > 0) {
    await writer.createReview(pr.number, {
      event: 'COMMENT',
      body: `Factory review of ${pr.head.sha.slice(0, 7)}: ${line}.`,
      commitId: pr.head.sha,
      comments,
    });
  }
  await writer.upsertComment(pr.number, SUMMARY_MARKER, body, botLogin);
  await moveLabel(stateDepsFor(deps), { type: 'pr', number: pr.number, labels: pr.labels }, label, [
    REVIEWING,
    APPROVED,
    CHANGES_REQUESTED,
  ]);
  await writer.createCheckRun({ name: check.name, headSha: check.head_sha, conclusion: check.conclusion, output: check.output });
  return { outcome: 'completed', summary: line, details, records: [] };
}
