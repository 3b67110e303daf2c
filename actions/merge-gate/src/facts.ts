import type { AutomationDeps } from '../../shared/automation/types';
import type { FactoryConfig } from '../../shared/config';
import type { CheckRun, PullRequest } from '../../shared/github/types';
import { isFactoryBranch } from './gate';
import { computeRisk, FAILING_CONCLUSIONS, type RiskAssessment, type Tier } from '../../shared/risk';
import { modelTierOf, REVIEW_CHECK_NAME } from '../../shared/review/verdict';
import { APPROVED, CHANGES_REQUESTED, isAutomationEnabled } from '../../shared/state';
import type { DecisionInput, RatingInput, Verdict } from './decide';

/**
 * What GitHub says about one pull request's head, read lazily and in order of cost, each fact only
 * when a decision needs it: the check runs on the head SHA (is the review of this head done?), then
 * the files (the tier), and only on the merge path the base branch's rules and the repository's
 * settings. The factory's own check runs (`factory/*`) are verdicts, not CI: they never count as
 * failing or missing checks.
 */

/** The reviewer's verdict check run (shared/review). */
export const REVIEW_CHECK = REVIEW_CHECK_NAME;
export const RISK_CHECK = 'factory/risk';
const isFactoryCheck = (name: string): boolean => name.startsWith('factory/');

/** The latest check run of each name on a head. */
export type HeadChecks = ReadonlyMap<string, CheckRun>;

export interface Facts {
  pr: PullRequest;
  risk: RiskAssessment;
  /** The decision's input as far as the head's files and checks say. */
  rating: RatingInput;
  /** The whole input: read only on the merge path (rules, repository settings). */
  input?: DecisionInput;
  /** The gate's own check run on this head, the latest one. */
  riskCheck?: CheckRun;
}

export async function readHeadChecks(deps: AutomationDeps, pr: PullRequest): Promise<HeadChecks> {
  const runs = await deps.github.reader.listCheckRuns(pr.head.sha);
  // A verdict counts only from the factory's own App: anyone else with checks: write could post a
  // passing factory/review. Other checks (CI) count whoever reports them.
  const own = appSlugOf(deps.config.trust.botLogin);
  return latestByName(runs.filter((r) => !isFactoryCheck(r.name) || r.appSlug === own));
}

/** The App slug of the factory's bot login (`software-factory[bot]` -> `software-factory`). */
export function appSlugOf(botLogin: string): string {
  return botLogin.replace(/\[bot\]$/, '');
}

/**
 * The factory review of this head has not finished: the reviewer is on (and reviews this pull
 * request: a factory branch of this repository) and there is no completed factory/review check run on the head SHA.
 * Whatever the files say, the gate then waits (a high-risk head is escalated once reviewed: the
 * reviewer leaves a neutral factory/review on it), so nothing else is read.
 */
export function awaitingReview(pr: PullRequest, checks: HeadChecks, config: FactoryConfig): boolean {
  if (!isAutomationEnabled('pr-reviewer', config) || !isFactoryBranch(pr)) return false;
  return checks.get(REVIEW_CHECK)?.status !== 'completed';
}

/** The tier by code and by checks, and the verdict: reads the files (one request a page). */
export async function rateHead(deps: AutomationDeps, pr: PullRequest, latest: HeadChecks): Promise<Facts> {
  const files = await deps.github.reader.listPullRequestFiles(pr.number);
  const ci = [...latest.values()].filter((c) => !isFactoryCheck(c.name));
  const verdict = verdictOf(pr.labels, latest.get(REVIEW_CHECK));
  const checks = ci.map((c) => ({ name: c.name, conclusion: c.status === 'completed' ? c.conclusion : null }));
  const reviewVerdict = verdict === 'approved' ? 'approved' : verdict === 'changes-requested' ? 'changes_requested' : null;
  // The tier the review's model proposed (in its check run on this head) may raise the tier, never lower it.
  const modelTier = modelTierOf(latest.get(REVIEW_CHECK)?.summary);
  const proposed = { ...(modelTier ? { modelTier } : {}), headRef: pr.head.ref };
  const risk = computeRisk({ files, config: deps.config, checks, reviewVerdict, ...proposed });
  const codeTier: Tier = computeRisk({ files, config: deps.config, ...proposed }).tier;
  const rating: RatingInput = {
    tier: risk.tier,
    codeTier,
    verdict,
    checks: {
      failing: checks.filter((c) => c.conclusion !== null && FAILING_CONCLUSIONS.includes(c.conclusion)).map((c) => c.name),
      pending: checks.filter((c) => c.conclusion === null).map((c) => c.name),
    },
    merge: deps.config.merge,
    tokens: { app: deps.appToken, approver: deps.approver !== undefined },
    autoMergeEnabled: !!pr.autoMerge,
  };
  const riskCheck = latest.get(RISK_CHECK);
  return { pr, risk, rating, ...(riskCheck ? { riskCheck } : {}) };
}

/**
 * The merge path's facts: the base branch's rules (required checks not run yet, a merge queue) and,
 * without a merge queue, whether the repository allows auto-merge (`allowAutoMerge`, read once a run).
 */
export async function mergeInput(
  deps: AutomationDeps,
  facts: Facts,
  latest: HeadChecks,
  allowAutoMerge: () => Promise<boolean | undefined>,
): Promise<DecisionInput> {
  const rules = await deps.github.reader.getBranchRules(facts.pr.base.ref);
  // Unknown (GitHub did not say): try native auto-merge; its refusal falls back to merging directly.
  const allows = rules.mergeQueue ? false : ((await allowAutoMerge()) ?? true);
  return {
    ...facts.rating,
    checks: { ...facts.rating.checks, missing: rules.requiredChecks.filter((name) => !isFactoryCheck(name) && !latest.has(name)) },
    repo: { allowAutoMerge: allows, mergeQueue: rules.mergeQueue },
  };
}

/**
 * The factory review's verdict on this head: changes requested by its label or its check run;
 * approved when the label says so and the factory/review check run on this very head passed.
 * A new push has no check run yet: pending until the reviewer has seen it.
 */
export function verdictOf(labels: readonly string[], reviewCheck: CheckRun | undefined): Verdict {
  if (labels.includes(CHANGES_REQUESTED)) return 'changes-requested';
  if (reviewCheck?.status === 'completed' && reviewCheck.conclusion === 'failure') return 'changes-requested';
  if (labels.includes(APPROVED) && reviewCheck?.status === 'completed' && reviewCheck.conclusion === 'success') return 'approved';
  return 'pending';
}

/** The latest run of each check name (a re-run supersedes the earlier one). */
function latestByName(runs: readonly CheckRun[]): Map<string, CheckRun> {
  const latest = new Map<string, CheckRun>();
  for (const run of runs) {
    const seen = latest.get(run.name);
    if (!seen || run.id > seen.id) latest.set(run.name, run);
  }
  return latest;
}
