/** A loaded workflow: what the runner needs of a `.github/workflows/*.yml`, its values compiled. */
import type { EventsConfig } from '@actions/workflow-parser/model/workflow-template';
import type { SourceLocation } from './errors';
import type { CompiledExpression, Value } from './expressions';
import type { PermissionsSpec } from './permissions';

export type InputType = 'string' | 'boolean' | 'choice' | 'number' | 'environment';

/** A `workflow_dispatch` input as declared. */
export interface DispatchInput {
  name: string;
  type: InputType;
  required: boolean;
  default?: string | number | boolean;
  options?: string[];
}

export interface ConcurrencyDef {
  group: Value;
  /** Literal or expression; absent is false. */
  cancelInProgress?: Value;
  at: SourceLocation;
}

/** A `uses: ./actions/<name>` step: an automation the caller runs. */
export interface AutomationStepDef {
  kind: 'automation';
  /** Position in the job's steps, from 0. */
  index: number;
  /** The step's `id:` (GitHub generates one for a step without). */
  id: string;
  name?: string;
  uses: string;
  /** `<name>` of `./actions/<name>`. */
  automation: string;
  /** The condition, wrapped in `success() && (...)` when it names no status function, as GitHub does. */
  if: CompiledExpression;
  with: Array<[string, Value]>;
  env?: Value;
  continueOnError: boolean;
  at: SourceLocation;
}

/** Any other step (`run:`, `uses: actions/checkout@...`): recorded, not executed. */
export interface OtherStepDef {
  kind: 'other';
  index: number;
  id: string;
  name?: string;
  /** `run: <first line>` or `uses: <action>`. */
  label: string;
  /** Set for an artifact step (`actions/upload-artifact`, `actions/download-artifact`), which a host may emulate. */
  artifact?: { kind: 'upload' | 'download'; uses: string; if: CompiledExpression; with: Array<[string, Value]> };
  at: SourceLocation;
}

export type StepDef = AutomationStepDef | OtherStepDef;

export interface JobDef {
  id: string;
  name?: string;
  needs: string[];
  /** Wrapped in `success() && (...)` when it names no status function. */
  if: CompiledExpression;
  permissions?: PermissionsSpec;
  concurrency?: ConcurrencyDef;
  env?: Value;
  outputs: Array<[string, Value]>;
  continueOnError: boolean;
  steps: StepDef[];
  /** Keys GitHub honours that do not change what the runner starts (`runs-on`, `timeout-minutes`...). */
  ignored: string[];
  at: SourceLocation;
}

export interface Workflow {
  /** The path, e.g. `.github/workflows/ci.yml`. */
  file: string;
  /** `name:`, or the path when there is none (as GitHub shows it and as `workflow_run` matches it). */
  name: string;
  on: EventsConfig;
  dispatchInputs: DispatchInput[];
  permissions?: PermissionsSpec;
  concurrency?: ConcurrencyDef;
  env?: Value;
  /** In `needs` order: each job after the jobs it needs. */
  jobs: JobDef[];
}
