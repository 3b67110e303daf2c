export * from './intents';
export * from './context';
export { evaluateIntents, effectiveRisk, RULES, FACTORY_BRANCH_PREFIX, type RuleId, type Rejection, type PolicyResult } from './policy';
export {
  createIntentRecorder,
  createIntentTools,
  policyPrecheck,
  type IntentRecorder,
  type RecordedIntent,
  type Precheck,
} from './intent-tools';
export { applyIntents, type ApplyDeps, type ApplyItem, type ApplyResult, type ApplyStatus, type GitApplier } from './apply';
export {
  buildIntentFile,
  contextFromIntentFile,
  evaluateIntentFile,
  parseIntentFile,
  readIntentFile,
  serializeIntentFile,
  writeIntentFile,
  IntentFileSchema,
  INTENT_FILE_VERSION,
  type IntentFile,
  type IntentFileIo,
  type LivePolicyInputs,
  type Withheld,
} from './intent-file';
export { policyConfigFrom, DEFAULT_ALLOWED_KINDS } from './from-config';
