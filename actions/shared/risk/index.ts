export { TIERS, maxTier, tierRank, type Tier } from './tiers';
export { globMatcher, isProtectedPath, normalizePath, protectedMatcher, type Matcher } from './paths';
export {
  FAILING_CONCLUSIONS,
  canAutoMerge,
  computeRisk,
  type MergeDecision,
  type ReviewVerdict,
  type RiskAssessment,
  type RiskFile,
  type RiskInput,
} from './risk';
