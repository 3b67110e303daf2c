import { getMarker, marker } from '../github/markers';
import { TIERS, type Tier } from '../risk';
import { REVIEWING } from '../state/labels';
import { severityRank, type Finding, type Severity } from './findings';
import { codeSpan, proseLine } from './text';

/**
 * The review's verdict and its check run `factory/review` on the head SHA. A check run, not an
 * approving review, is the verdict GitHub can require: it refuses (422) an approval of one's own PR.
 */
export type FindingsVerdict = 'approved' | 'changes-requested';
/**
 * The review's verdict: what the findings say, except at high risk, where a clean review does not
 * approve (`needs-person`): no approval label, a neutral check run, and a person approves and merges.
 */
export type Verdict = FindingsVerdict | 'needs-person';

export const REVIEW_CHECK_NAME = 'factory/review' as const;

/**
 * The tier the review's model proposed, carried in the factory/review check run's summary so the
 * merge gate reads it with the check runs it reads anyway; computeRisk lets it only raise the tier.
 */
export const MODEL_TIER_MARKER = { kind: 'pr-reviewer', key: 'risk' } as const;

export function modelTierOf(summary: string | null | undefined): Tier | undefined {
  const tier = getMarker(summary, MODEL_TIER_MARKER)?.data?.tier;
  return (TIERS as readonly unknown[]).includes(tier) ? (tier as Tier) : undefined;
}

export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  approved: 'factory:approved',
  'changes-requested': 'factory:changes-requested',
  // Not approved, not changes requested: the pull request stays in review until a person decides.
  'needs-person': REVIEWING,
};

/** The verdict at a risk tier: the findings' verdict, but never an approval at high risk. */
export function verdictAtRisk(verdict: FindingsVerdict, tier: Tier): Verdict {
  return verdict === 'approved' && tier === 'high' ? 'needs-person' : verdict;
}

export interface VerdictOptions {
  /** The least severe finding that requests changes (default blocker). */
  requestChangesAt?: Severity;
}

/**
 * Changes are requested while any finding of this round is at least `requestChangesAt` severe, or
 * any blocker of an earlier round is unresolved (they stay in force until their thread is resolved).
 */
export function verdictOf(
  kept: readonly Pick<Finding, 'severity'>[],
  unresolvedBlockers: number | readonly unknown[],
  options: VerdictOptions = {},
): FindingsVerdict {
  const threshold = severityRank(options.requestChangesAt ?? 'blocker');
  const earlier = typeof unresolvedBlockers === 'number' ? unresolvedBlockers : unresolvedBlockers.length;
  return earlier > 0 || kept.some((f) => severityRank(f.severity) <= threshold) ? 'changes-requested' : 'approved';
}

export type ReviewOutcome =
  | {
      kind: 'reviewed';
      verdict: Verdict;
      /** Findings kept this round. */
      findings: readonly Pick<Finding, 'severity' | 'title' | 'path' | 'line'>[];
      unresolvedBlockers: number;
      /** Files the review did not read (lock, generated, vendored, over budget). */
      notRead?: number;
      /** The tier the model proposed (it may only raise the tier). */
      modelTier?: Tier;
    }
  /** Not reviewed on purpose: a draft, a pull request out of review.scope, the kill switch. */
  | { kind: 'skipped'; reason: string }
  /** The review could not finish (a dimension failed, the model's output was unusable). */
  | { kind: 'incomplete'; reason: string };

export type CheckConclusion = 'success' | 'failure' | 'neutral';

export interface CheckRunOutput {
  name: typeof REVIEW_CHECK_NAME;
  head_sha: string;
  status: 'completed';
  conclusion: CheckConclusion;
  output: { title: string; summary: string };
}

function counts(findings: readonly Pick<Finding, 'severity'>[]): string {
  const parts = (['blocker', 'major', 'minor', 'nit'] as const)
    .map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}${n === 1 ? '' : 's'}`);
  return parts.length > 0 ? parts.join(', ') : 'no findings';
}

/**
 * The check run for an outcome. Approved is success, changes requested failure, skipped neutral.
 * A clean review at high risk is neutral: it does not pass a required check, a person approves.
 * An incomplete review is a failure: a required check must not pass on a review that did not happen.
 */
export function reviewCheckRun(outcome: ReviewOutcome, headSha: string): CheckRunOutput {
  const base = { name: REVIEW_CHECK_NAME, head_sha: headSha, status: 'completed' } as const;
  if (outcome.kind === 'skipped') {
    return { ...base, conclusion: 'neutral', output: { title: 'Review skipped', summary: outcome.reason } };
  }
  if (outcome.kind === 'incomplete') {
    return {
      ...base,
      conclusion: 'failure',
      output: { title: 'Review incomplete', summary: `The review did not finish: ${outcome.reason}` },
    };
  }
  const lines = [`This round: ${counts(outcome.findings)}.`];
  if (outcome.unresolvedBlockers > 0) lines.push(`${outcome.unresolvedBlockers} blocker(s) from earlier rounds are unresolved.`);
  const blocking = outcome.findings.filter((f) => f.severity === 'blocker').slice(0, 5);
  // Paths and titles are model text: sanitised, the path as a code span (no forged marker, no mention).
  for (const f of blocking) lines.push(`- ${codeSpan(`${f.path}:${f.line}`)} ${proseLine(f.title)}`);
  if (outcome.notRead) lines.push(`${outcome.notRead} file(s) were not read (see the summary comment).`);
  if (outcome.modelTier)
    lines.push(`The review rated it ${outcome.modelTier} risk.\n\n${marker(MODEL_TIER_MARKER, { tier: outcome.modelTier })}`);
  if (outcome.verdict === 'needs-person') {
    lines.push('High risk: the factory does not approve it. A person reviews, approves and merges.');
    const found = outcome.findings.length === 0 ? 'No findings' : `No blocking findings (${counts(outcome.findings)})`;
    return {
      ...base,
      conclusion: 'neutral',
      output: { title: `${found}, but high risk: a person approves and merges`, summary: lines.join('\n') },
    };
  }
  const approved = outcome.verdict === 'approved';
  return {
    ...base,
    conclusion: approved ? 'success' : 'failure',
    output: { title: approved ? 'Approved' : `Changes requested (${counts(outcome.findings)})`, summary: lines.join('\n') },
  };
}
