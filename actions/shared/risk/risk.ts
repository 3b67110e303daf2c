import type { FactoryConfig } from '../config/schema';
import { globMatcher, protectedMatcher } from './paths';
import { tierRank, type Tier } from './tiers';

/**
 * The risk tier of a pull request, computed by code. Rules, in order:
 *  1. path rules: each file takes the tier of the first rule matching it (else risk.defaultTier);
 *  2. size: more than maxLinesLow changed lines is at least medium, more than maxLinesMedium high;
 *  3. protected paths (old or new name of any file): high;
 *  4. failing checks: high;
 *  5. the model (reviewer) may raise the tier, never lower it.
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
}

export interface RiskAssessment {
  tier: Tier;
  reasons: string[];
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
  const rules = risk.rules.map((r) => ({ ...r, match: globMatcher(r.paths) }));
  const byTier = new Map<Tier, string[]>();
  for (const path of paths) {
    const rule = rules.find((r) => r.match(path));
    const t = rule?.tier ?? risk.defaultTier;
    if (t !== 'low') byTier.set(t, [...(byTier.get(t) ?? []), path]);
  }
  for (const [t, files] of byTier) raise(t, `path rules rate ${list(files)} ${t} risk`);

  // 2. size
  const lines = input.files.reduce((n, f) => n + f.additions + f.deletions, 0);
  if (lines > risk.maxLinesMedium) raise('high', `${lines} changed lines (more than maxLinesMedium ${risk.maxLinesMedium})`);
  else if (lines > risk.maxLinesLow) raise('medium', `${lines} changed lines (more than maxLinesLow ${risk.maxLinesLow})`);

  // 3. protected paths
  const isProtected = protectedMatcher(input.config);
  const protectedFiles = paths.filter(isProtected);
  if (protectedFiles.length > 0) raise('high', `touches protected paths: ${list(protectedFiles)}`);

  // 4. checks
  const checks = input.checks ?? [];
  const failing = checks.filter((c) => c.conclusion !== null && FAILING_CONCLUSIONS.includes(c.conclusion));
  if (failing.length > 0) raise('high', `${failing.length} failing check(s): ${list(failing.map((c) => c.name ?? c.conclusion ?? ''))}`);
  const pending = checks.filter((c) => c.conclusion === null).length;
  if (pending > 0) blockers.push(`${pending} check(s) still running`);

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

/** Auto-merge only when enabled, within risk.autoMerge.maxTier, never high, with no blockers. */
export function canAutoMerge(
  risk: Pick<RiskAssessment, 'tier' | 'blockers'>,
  config: Pick<FactoryConfig, 'risk'> & Partial<Pick<FactoryConfig, 'killSwitch'>>,
): MergeDecision {
  if (config.killSwitch) return { ok: false, reason: 'the kill switch is on' };
  if (risk.tier === 'high') return { ok: false, reason: 'high risk never auto-merges' };
  if (!config.risk.autoMerge.enabled) return { ok: false, reason: 'auto-merge is off (risk.autoMerge.enabled)' };
  if (tierRank(risk.tier) > tierRank(config.risk.autoMerge.maxTier)) {
    return { ok: false, reason: `${risk.tier} risk is above risk.autoMerge.maxTier (${config.risk.autoMerge.maxTier})` };
  }
  if (risk.blockers.length > 0) return { ok: false, reason: risk.blockers.join('; ') };
  return { ok: true };
}

function list(items: readonly string[], max = 5): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}
