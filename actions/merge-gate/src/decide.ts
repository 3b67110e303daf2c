import type { FactoryConfig } from '../../shared/config';
import type { MergeMethod } from '../../shared/github/types';
import type { Tier } from '../../shared/risk';

/**
 * The merge gate's decision, pure: what GitHub says about a pull request's head (tier, verdict,
 * checks) and what the repository and the run allow (mode, tiers, auto-merge, merge queue,
 * tokens) -> one action. Nothing here reads or writes; evaluate.ts gathers and applies.
 */

/** The factory review's verdict on this head: its label, and its factory/review check run on the head SHA. */
export type Verdict = 'approved' | 'changes-requested' | 'pending';

export interface DecisionInput {
  tier: Tier;
  /** The tier without the checks' results (paths, size, protected files): high here is a person's call. */
  codeTier: Tier;
  verdict: Verdict;
  checks: {
    /** Failing check runs (names), the factory's own excluded. */
    failing: readonly string[];
    /** Check runs still running. */
    pending: readonly string[];
    /** Required checks (branch rules) with no run on the head yet. */
    missing: readonly string[];
  };
  merge: Pick<FactoryConfig['merge'], 'mode' | 'autoMerge' | 'method' | 'allowGithubToken'>;
  repo: { allowAutoMerge: boolean; mergeQueue: boolean };
  tokens: { app: boolean; approver: boolean };
  /** Auto-merge is enabled on the pull request now. */
  autoMergeEnabled: boolean;
}

/** The decision's input without what only the merge path needs (required checks not run yet, the repository's settings). */
export type RatingInput = Omit<DecisionInput, 'repo' | 'checks'> & { checks: Omit<DecisionInput['checks'], 'missing'> };

export type MergeAction =
  /** factory:needs-human with a comment naming `decision`. */
  | { kind: 'escalate'; why: string; decision: string }
  /** Nothing to do until something changes (a review, checks). */
  | { kind: 'wait'; why: string }
  /** Merging is a person's: the gate writes its rating and stops. */
  | { kind: 'hand-over'; why: string }
  | { kind: 'arm'; method: MergeMethod }
  | { kind: 'merge'; method: MergeMethod }
  | { kind: 'enqueue' }
  | { kind: 'approve' };

export interface Decision {
  action: MergeAction;
  /** Auto-merge is on and this action does not keep it: disable it first. */
  disarm: boolean;
}

export const NO_APP_TOKEN =
  'auto-merge is armed only with an App token: a merge made with GITHUB_TOKEN starts no workflow, so the push to the default branch would run no checks (pass app-token, or set merge.allowGithubToken)';

export function decideMerge(input: DecisionInput): Decision {
  return withDisarm(input, chooseAction(input));
}

/** Auto-merge enabled now is disabled unless the action keeps it armed. */
export function withDisarm(input: Pick<DecisionInput, 'autoMergeEnabled'>, action: MergeAction): Decision {
  return { action, disarm: input.autoMergeEnabled && action.kind !== 'arm' };
}

/**
 * What the gate decides before it needs the base branch's rules and the repository's settings:
 * every action but the merge path's. `undefined`: the pull request may merge, and how (arm, merge,
 * enqueue, wait for checks) depends on those, so the caller reads them (decideMerge then decides).
 */
export function decideBeforeMerging(input: RatingInput): MergeAction | undefined {
  const { checks, merge } = input;
  if (input.codeTier === 'high') {
    return {
      kind: 'escalate',
      why: 'high risk never merges by itself',
      decision: 'review the high-risk change yourself, then merge it or close it',
    };
  }
  if (checks.failing.length > 0) {
    // Failing checks make the tier high; fixing them is the CI fixer's (or the author's) work first.
    return { kind: 'wait', why: `${checks.failing.length} failing check(s): ${checks.failing.join(', ')}` };
  }
  if (input.verdict === 'changes-requested') return { kind: 'wait', why: 'the factory review asked for changes' };
  if (input.verdict === 'pending') return { kind: 'wait', why: 'no approving factory review of this head yet' };
  if (!merge.autoMerge.includes(input.tier)) {
    const allowed = merge.autoMerge.length ? merge.autoMerge.join(', ') : 'none';
    return { kind: 'hand-over', why: `${input.tier} risk is not in merge.autoMerge (${allowed}): a person merges` };
  }
  if (merge.mode === 'approve-only') {
    return input.tokens.approver
      ? { kind: 'approve' }
      : { kind: 'hand-over', why: 'merge.mode is approve-only and no approver-token is set: a person approves and merges' };
  }
  if (!input.tokens.app && !merge.allowGithubToken) return { kind: 'hand-over', why: NO_APP_TOKEN };
  return undefined;
}

function chooseAction(input: DecisionInput): MergeAction {
  const early = decideBeforeMerging(input);
  if (early) return early;
  const { checks, merge } = input;
  const unfinished = [...checks.pending, ...checks.missing];
  if (input.repo.mergeQueue) {
    return unfinished.length ? { kind: 'wait', why: waitingFor(unfinished) } : { kind: 'enqueue' };
  }
  if (input.repo.allowAutoMerge) return { kind: 'arm', method: merge.method };
  return unfinished.length ? { kind: 'wait', why: waitingFor(unfinished) } : { kind: 'merge', method: merge.method };
}

function waitingFor(checks: readonly string[]): string {
  return `waiting for check(s): ${checks.join(', ')}`;
}
