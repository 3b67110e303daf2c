/**
 * A workflow runner for a GitHub emulator: loads `.github/workflows/*.yml` with GitHub's parser,
 * decides which workflows an event starts and why, holds concurrency groups, and plans each run's
 * jobs and `uses: ./actions/<name>` steps (with `with:` evaluated) for the caller to execute.
 * Pure: no I/O, no clock, nothing of the project that uses it.
 */
export { ConcurrencyTracker, type ConcurrencyDecision } from './concurrency';
export { actionEnvironment, DEFAULT_RUNNER_CONTEXT, inputVariable, resolveSecrets, secretPlaceholder, secretsIn } from './context';
export {
  DispatchError,
  UnsupportedFeatureError,
  WorkflowError,
  WorkflowLoadError,
  WorkflowSyntaxError,
  type SourceLocation,
} from './errors';
export { GITHUB_TOKEN_EXEMPT_EVENTS, refsOf, type CausedBy, type CauseKind, type RepositoryInfo, type WorkflowEvent } from './events';
export { filterRegExp, includedBy } from './filters';
export { dispatchInputs, type DispatchInputs, type InputValue } from './inputs';
export { isWorkflowPath, loadWorkflow, loadWorkflows, type LoadOptions, type LoadResult } from './load';
export type { AutomationStepDef, DispatchInput, JobDef, OtherStepDef, StepDef, Workflow } from './model';
export {
  expandPermissions,
  PERMISSION_SCOPES,
  PERMISSIVE_DEFAULT_PERMISSIONS,
  resolvePermissions,
  RESTRICTED_DEFAULT_PERMISSIONS,
  type Access,
  type PermissionScope,
  type Permissions,
  type PermissionsSpec,
} from './permissions';
export {
  formatHistory,
  type Conclusion,
  type EventRecord,
  type JobRecord,
  type JobResult,
  type RunnerHistory,
  type RunRecord,
  type TriggerRecord,
} from './records';
export {
  MAX_WORKFLOW_RUN_DEPTH,
  planRuns,
  WorkflowRunner,
  type CancelledRun,
  type Completion,
  type JobDecision,
  type JobFinish,
  type JobRef,
  type PlannedAutomationStep,
  type PlannedJob,
  type PlannedOtherStep,
  type PlannedRun,
  type PlannedStep,
  type RunnerOptions,
  type StepReport,
} from './runner';
export { matchTrigger, type TriggerMatch } from './triggers';

import { WorkflowLoadError } from './errors';
import { loadWorkflows, type LoadOptions } from './load';
import { WorkflowRunner, type RunnerOptions } from './runner';

/** Loads the workflow files and builds a runner; any load error throws a WorkflowLoadError listing all. */
export async function createWorkflowRunner(
  files: Readonly<Record<string, string>>,
  options: Omit<RunnerOptions, 'workflows'> & LoadOptions,
): Promise<WorkflowRunner> {
  const { workflows, errors } = await loadWorkflows(files, options);
  if (errors.length > 0) throw new WorkflowLoadError(errors);
  return new WorkflowRunner({ ...options, workflows });
}
export {
  startWorkflowHost,
  WorkflowHost,
  WorkflowHostError,
  type HostEvent,
  type HostEventRecord,
  type HostJobRecord,
  type HostRunRecord,
  type HostSandbox,
  type HostStep,
  type HostStepRecord,
  type HostStepResult,
  type StepHandler,
  type WorkflowHostOptions,
} from './host';
