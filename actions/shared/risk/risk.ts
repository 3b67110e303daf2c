import type { FactoryConfig } from '../config/schema';
import { REVERT_BRANCH_PREFIX } from '../policy/branches';
import { pathClassifier, pathViews } from './paths';
import { maxTier, tierRank, type Tier } from './tiers';

/**
 * The risk tier of a pull request, computed by code. Rules, in order:
 *  1. path rules: each file takes the tier of the first rule matching it (else risk.defaultTier);
 *     the rules matching its folded form or its lookalike skeleton may raise that, never lower it;
 *  2. size: more than maxLinesLow changed lines is at least medium, more than maxLinesMedium high;
 *  3. protected paths and their lookalikes (old or new name of any file; see paths.ts): high;
 *  4. failing checks: high;
 *  5. the model (reviewer) may raise the tier, never lower it;
 *  6. a revert pull request of the post-merge verifier (its head branch) is high: a person merges it.
 * Blockers are independent of the tier: they stop auto-merge (changes requested, no approval,
 * checks still running).
 */
export interface RiskFile {
  filename: string;
  previousFilename?: string;
  additions: number;
  deletions: number;
  status?: string;
}

export type ReviewVerdict = 'approved' | 'changes_requested' | 'commented' | null;

export interface RiskInput {
  files: readonly RiskFile[];
  config: Pick<FactoryConfig, 'risk'>;
  checks?: readonly { conclusion: string | null; name?: string }[];
  /** The latest review verdict; omitted or null means not approved. */
  reviewVerdict?: ReviewVerdict;
  /** The tier the model proposes; only counts when higher than the computed tier. */
  modelTier?: Tier;
  /** The pull request's head branch, when known. */
  headRef?: string;
}

export interface RiskAssessment {
  tier: Tier;
  reasons: string[];
  /** Protected paths touched, then lookalikes of protected paths. */
  protectedFiles: string[];
  /** Why the pull request may not merge automatically whatever its tier; empty when none. */
  blockers: string[];
}

/** Check conclusions that count as failing. `neutral` and `skipped` pass. */
export const FAILING_CONCLUSIONS: readonly string[] = ['failure', 'timed_out', 'cancelled', 'action_required', 'startup_failure', 'stale'];

export function computeRisk(input: RiskInput): RiskAssessment {
  const { risk } = input.config;
  const reasons: string[] = [];
  const blockers: string[] = [];
  let tier: Tier = 'low';
  const raise = (to: Tier, reason: string) => {
    if (tierRank(to) > tierRank(tier)) tier = to;
    reasons.push(reason);
  };

  const paths = [...new Set(input.files.flatMap((f) => (f.previousFilename ? [f.previousFilename, f.filename] : [f.filename])))];

  // 1. path rules
  const rules = risk.rules.map((r) => ({ ...r, views: pathViews(r.paths) }));
  const byTier = new Map<Tier, string[]>();
  for (const path of paths) {
    const literal = rules.find((r) => r.views.literal(path))?.tier ?? risk.defaultTier;
    // The folded path and the skeleton only add matches: a lookalike of src/auth/** is as risky as src/auth/**.
    const others = [rules.find((r) => r.views.folded(path))?.tier, rules.find((r) => r.views.skeleton(path))?.tier];
    const t = others.reduce<Tier>((a, b) => (b ? maxTier(a, b) : a), literal);
    if (t !== 'low') byTier.set(t, [...(byTier.get(t) ?? []), path]);
  }
  for (const [t, files] of byTier) raise(t, `path rules rate ${list(files)} ${t} risk`);

  // 2. size
  const lines = input.files.reduce((n, f) => n + f.additions + f.deletions, 0);
  if (lines > risk.maxLinesMedium) raise('high', `${lines} changed lines (more than maxLinesMedium ${risk.maxLinesMedium})`);
  else if (lines > risk.maxLinesLow) raise('medium', `${lines} changed lines (more than maxLinesLow ${risk.maxLinesLow})`);

  // 3. protected paths
  const classify = pathClassifier(risk.protectedPaths);
  const touched = paths.filter((p) => classify(p) === 'protected');
  const lookalikes = paths.filter((p) => classify(p) === 'lookalike');
  if (touched.length > 0) raise('high', `touches protected paths: ${list(touched)}`);
  if (lookalikes.length > 0) raise('high', `names paths that look like protected ones: ${list(lookalikes)}`);
  const protectedFiles = [...touched, ...lookalikes];

  // 4. checks
  const checks = input.checks ?? [];
  const failing = checks.filter((c) => c.conclusion !== null && FAILING_CONCLUSIONS.includes(c.conclusion));
  if (failing.length > 0) raise('high', `${failing.length} failing check(s): ${list(failing.map((c) => c.name ?? c.conclusion ?? ''))}`);
  const pending = checks.filter((c) => c.conclusion === null).length;
  if (pending > 0) blockers.push(`${pending} check(s) still running`);

  // 6. a revert pull request (before the model, which may raise only)
  if (input.headRef?.startsWith(REVERT_BRANCH_PREFIX)) raise('high', `a revert pull request (${input.headRef}): a person merges it`);

  // 5. the model may raise, never lower
  if (input.modelTier !== undefined) {
    if (tierRank(input.modelTier) > tierRank(tier)) raise(input.modelTier, `the reviewer raised the tier to ${input.modelTier}`);
    else if (tierRank(input.modelTier) < tierRank(tier)) {
      reasons.push(`the reviewer proposed ${input.modelTier}; ignored, the model may raise the tier but never lower it`);
    }
  }

  // review verdict
  if (input.reviewVerdict === 'changes_requested') blockers.push('changes requested');
  else if (input.reviewVerdict !== 'approved') blockers.push('no approving review');

  if (reasons.length === 0) reasons.push(`${lines} changed lines, no risky paths`);
  return { tier, reasons, protectedFiles, blockers };
}

export type MergeDecision = { ok: true } | { ok: false; reason: string };

/** Auto-merge only in merge.mode auto, for a tier in merge.autoMerge, never high, with no blockers. */
export function canAutoMerge(
  risk: Pick<RiskAssessment, 'tier' | 'blockers'>,
  config: Pick<FactoryConfig, 'merge'> & Partial<Pick<FactoryConfig, 'killSwitch'>>,
): MergeDecision {
  if (config.killSwitch) return { ok: false, reason: 'the kill switch is on' };
  if (risk.tier === 'high') return { ok: false, reason: 'high risk never auto-merges' };
  if (config.merge.mode !== 'auto') return { ok: false, reason: `merge.mode is ${config.merge.mode}: a person presses merge` };
  if (!config.merge.autoMerge.includes(risk.tier)) {
    const allowed = config.merge.autoMerge.length ? config.merge.autoMerge.join(', ') : 'none';
    return { ok: false, reason: `${risk.tier} risk is not in merge.autoMerge (${allowed})` };
  }
  if (risk.blockers.length > 0) return { ok: false, reason: risk.blockers.join('; ') };
  return { ok: true };
}

function list(items: readonly string[], max = 5): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}
