/**
 * The verdict on each smoke check, by code alone: its result now (and on the retry of a failure),
 * the baseline (its result at the last verified commit) and whether a P0 issue for it is open.
 */

export type Status = 'pass' | 'fail';

export type Verdict =
  /** Passed, and nothing is open for it. */
  | { kind: 'passed' }
  /** Passed, and its P0 issue is open: close it. */
  | { kind: 'recovered'; issue: number }
  /** Failed, then passed on the retry: a flake, no issue. */
  | { kind: 'flaky' }
  /** Failed twice, and it passed at the baseline: this range broke it. */
  | { kind: 'new-failure' }
  /** Failed twice, and its P0 issue is still open: a comment on it. */
  | { kind: 'still-failing'; issue: number }
  /** Failed twice, and it already failed at the baseline (or was never verified there): not this range's doing. */
  | { kind: 'pre-existing'; why: string };

export interface VerdictInput {
  /** Passed on the first run. */
  first: boolean;
  /** Passed on the retry (undefined: not retried, since the first run passed). */
  retry?: boolean;
  /** Its status at the baseline commit; undefined when the baseline does not know it. */
  baseline?: Status;
  /** Whether any baseline was found at all (the last verified commit). */
  hasBaseline: boolean;
  /** Its open P0 issue, if any. */
  openIssue?: number;
}

export function verdictOf(input: VerdictInput): Verdict {
  if (input.first) return input.openIssue !== undefined ? { kind: 'recovered', issue: input.openIssue } : { kind: 'passed' };
  if (input.retry) return { kind: 'flaky' };
  if (input.openIssue !== undefined) return { kind: 'still-failing', issue: input.openIssue };
  if (input.baseline === 'pass') return { kind: 'new-failure' };
  if (input.baseline === 'fail') return { kind: 'pre-existing', why: 'it already failed at the last verified commit' };
  return {
    kind: 'pre-existing',
    why: input.hasBaseline ? 'it was not verified at the last verified commit' : 'no verified commit to compare with (no baseline yet)',
  };
}

/** What the baseline records for a check: a flake that passed on the retry counts as passing. */
export function statusOf(v: Verdict): Status {
  return v.kind === 'passed' || v.kind === 'recovered' || v.kind === 'flaky' ? 'pass' : 'fail';
}
