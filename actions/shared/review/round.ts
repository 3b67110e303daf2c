import { anchoredCode, placeOnDiff, toReviewComment, type DiffFile, type ReviewComment } from './diff-lines';
import { mergeFindings, severityRank, type DroppedFinding, type Finding, type FingerprintedFinding } from './findings';
import type { ReviewState } from './summary';
import { verdictOf, type FindingsVerdict, type VerdictOptions } from './verdict';

/**
 * One review round, as pure data: the dimensions' findings and the diff in, the inline comments
 * to post in ONE review, the findings for the summary, the verdict and the next review state out.
 */
export interface RoundInput {
  headSha: string;
  files: readonly DiffFile[];
  perDimension: Iterable<readonly Finding[]>;
  /** The state read from the summary comment of the previous round (parseReviewState). */
  previous?: ReviewState;
  /** Fingerprints of earlier findings whose threads are resolved: their blockers no longer count. */
  resolved?: Iterable<string>;
  minConfidence: number;
  maxInline?: number;
  /** Renders a finding as the text of its inline comment (sanitised by the caller). */
  render: (finding: Finding) => string;
  verdict?: VerdictOptions;
}

export interface RoundPlan {
  comments: (ReviewComment & { fingerprint: string })[];
  /** Kept findings that could not be placed on a diff line; the summary lists them. */
  unplaced: (FingerprintedFinding & { reason: string })[];
  dropped: DroppedFinding[];
  /** Blockers of earlier rounds still in force. */
  unresolvedBlockers: string[];
  verdict: FindingsVerdict;
  /** To write into the summary's state marker. */
  state: ReviewState;
}

export function planRound(input: RoundInput): RoundPlan {
  const previous = input.previous ?? { sha: input.headSha, fingerprints: [], blockers: [] };
  const resolved = new Set(input.resolved ?? []);
  const merged = mergeFindings(input.perDimension, {
    minConfidence: input.minConfidence,
    maxInline: input.maxInline,
    previous: input.previous?.fingerprints,
    codeAt: (f) => anchoredCode(f, input.files),
  });

  const comments: RoundPlan['comments'] = [];
  const unplaced: RoundPlan['unplaced'] = [];
  for (const kept of merged.kept) {
    const placement = placeOnDiff(kept.finding, input.files);
    if (placement.placed) comments.push({ ...toReviewComment(placement, input.render(placement.finding)), fingerprint: kept.fingerprint });
    else unplaced.push({ ...kept, reason: placement.reason });
  }

  const unresolvedBlockers = previous.blockers.filter((fp) => !resolved.has(fp));
  // Findings listed in the summary are not recorded as posted: the summary is rewritten each round and lists them again while found.
  const fingerprints = [...new Set([...previous.fingerprints, ...comments.map((c) => c.fingerprint)])];
  // Findings that request changes stay in force in later rounds until their thread is resolved.
  const threshold = severityRank(input.verdict?.requestChangesAt ?? 'blocker');
  const newBlockers = merged.kept.filter((k) => severityRank(k.finding.severity) <= threshold).map((k) => k.fingerprint);
  return {
    comments,
    unplaced,
    dropped: merged.dropped,
    unresolvedBlockers,
    verdict: verdictOf(
      merged.kept.map((k) => k.finding),
      unresolvedBlockers,
      input.verdict,
    ),
    state: { sha: input.headSha, fingerprints, blockers: [...new Set([...unresolvedBlockers, ...newBlockers])] },
  };
}
