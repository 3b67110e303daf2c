export { TIERS, maxTier, tierRank, type Tier } from './tiers';
export {
  describeLookalike,
  foldPath,
  globMatcher,
  isProtectedPath,
  normalizePath,
  pathClassifier,
  pathSkeleton,
  pathViews,
  protectedMatcher,
  writableMatcher,
  type Matcher,
  type PathClass,
  type PathViews,
} from './paths';
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
