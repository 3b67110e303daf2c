export { AUTOMATIONS, isAutomation, type Automation } from './automations';
export {
  APPROVED,
  ASSIST,
  BUILDING,
  CHANGES_REQUESTED,
  DUPLICATE,
  NEEDS_HUMAN,
  NEEDS_INFO,
  PAUSED,
  PR_OPEN,
  READY,
  REVIEWING,
  SOURCE_REPORT,
  RISK_LABELS,
  riskLabel,
  FACTORY_LABELS,
  FACTORY_LABEL_NAMES,
  RESERVED_LABEL_PREFIXES,
  isAllowlistedLabel,
  isFactoryLabel,
  labelDefinitions,
  labelFamily,
  type FactoryLabel,
  type FactoryLabelName,
  type LabelFamily,
} from './labels';
export { TRANSITIONS, checkTransition, type Subject, type TransitionRequest, type TransitionResult } from './machine';
export {
  CLAIM_KIND,
  canClaim,
  claimMarker,
  isClaimExpired,
  makeClaim,
  makeClaimBody,
  makeReleasedBody,
  parseClaim,
  type Claim,
  type ClaimDecision,
  type ClaimInput,
} from './claims';
export { ATTEMPTS_KIND, attemptsMarker, exceeded, increment, parseCounters, renderCounters, reset, type Counters } from './counters';
export {
  TRUSTED_ASSOCIATIONS,
  isAuthorTrusted,
  isAutomationEnabled,
  isPaused,
  isTrusted,
  pauseReason,
  trustLevel,
  type TrustLevel,
} from './gate';
export { APPROVAL_LABEL, approvalStanding, approvalWithdrawn, type ApprovalStanding } from './approval';
