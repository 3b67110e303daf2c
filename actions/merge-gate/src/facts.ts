import type { AutomationDeps } from '../../shared/automation/types';
import type { CheckRun, PullRequest } from '../../shared/github/types';
import { computeRisk, FAILING_CONCLUSIONS, type RiskAssessment, type Tier } from '../../shared/risk';
import { APPROVED, CHANGES_REQUESTED } from '../../shared/state';
import type { DecisionInput, Verdict } from './decide';

/**
 * What GitHub says about one pull request's head, read once: the files (for the tier), the check
 * runs on the head SHA, the base branch's rules and the repository's settings. The factory's own
 * check runs (`factory/*`) are verdicts, not CI: they never count as failing or missing checks.
 */

export const REVIEW_CHECK = 'factory/review';
export const RISK_CHECK = 'factory/risk';
const isFactoryCheck = (name: string): boolean => name.startsWith('factory/');

export interface Facts {
  pr: PullRequest;
  risk: RiskAssessment;
  input: DecisionInput;
  /** The gate's own check run on this head, the latest one. */
  riskCheck?: CheckRun;
}

export async function gatherFacts(deps: AutomationDeps, pr: PullRequest, allowAutoMerge: boolean | undefined): Promise<Facts> {
  const { reader } = deps.github;
  const [files, runs, rules] = await Promise.all([
    reader.listPullRequestFiles(pr.number),
    reader.listCheckRuns(pr.head.sha),
    reader.getBranchRules(pr.base.ref),
  ]);
  const latest = latestByName(runs);
  const ci = [...latest.values()].filter((c) => !isFactoryCheck(c.name));
  const verdict = verdictOf(pr.labels, latest.get(REVIEW_CHECK));
  const checks = ci.map((c) => ({ name: c.name, conclusion: c.status === 'completed' ? c.conclusion : null }));
  const reviewVerdict = verdict === 'approved' ? 'approved' : verdict === 'changes-requested' ? 'changes_requested' : null;
  const risk = computeRisk({ files, config: deps.config, checks, reviewVerdict });
  const codeTier: Tier = computeRisk({ files, config: deps.config }).tier;
  const input: DecisionInput = {
    tier: risk.tier,
    codeTier,
    verdict,
    checks: {
      failing: checks.filter((c) => c.conclusion !== null && FAILING_CONCLUSIONS.includes(c.conclusion)).map((c) => c.name),
      pending: checks.filter((c) => c.conclusion === null).map((c) => c.name),
      missing: rules.requiredChecks.filter((name) => !isFactoryCheck(name) && !latest.has(name)),
    },
    merge: deps.config.merge,
    // Unknown (GitHub did not say): try native auto-merge; its refusal falls back to merging directly.
    repo: { allowAutoMerge: allowAutoMerge ?? true, mergeQueue: rules.mergeQueue },
    tokens: { app: deps.appToken, approver: deps.approver !== undefined },
    autoMergeEnabled: !!pr.autoMerge,
  };
  const riskCheck = latest.get(RISK_CHECK);
  return { pr, risk, input, ...(riskCheck ? { riskCheck } : {}) };
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
