/** Errors of the workflow runner; each names the workflow file and, where known, job, line and column. */

export interface SourceLocation {
  /** The workflow file, e.g. `.github/workflows/ci.yml`. */
  file: string;
  job?: string;
  /** One-based. */
  line?: number;
  /** One-based. */
  column?: number;
}

export function describeLocation(at: SourceLocation): string {
  const parts = [at.file];
  if (at.job !== undefined) parts.push(`job ${at.job}`);
  if (at.line !== undefined) parts.push(`line ${at.line}`);
  if (at.column !== undefined) parts.push(`column ${at.column}`);
  return parts.join(', ');
}

/** A workflow that cannot be loaded or evaluated as written. */
export class WorkflowError extends Error {
  constructor(
    /** What is wrong, without the location. */
    readonly detail: string,
    readonly location: SourceLocation,
  ) {
    super(`${detail} (${describeLocation(location)})`);
    this.name = 'WorkflowError';
  }
}

/** Invalid YAML or a workflow that does not follow GitHub's workflow schema. */
export class WorkflowSyntaxError extends WorkflowError {
  constructor(detail: string, location: SourceLocation) {
    super(detail, location);
    this.name = 'WorkflowSyntaxError';
  }
}

/** A workflow feature or expression function that GitHub has and this runner does not model. */
export class UnsupportedFeatureError extends WorkflowError {
  constructor(
    readonly feature: string,
    location: SourceLocation,
  ) {
    super(`${feature} is not supported by the sandbox's workflow runner`, location);
    this.name = 'UnsupportedFeatureError';
  }
}

/** Workflow files that failed to load; `errors` holds one entry per problem. */
export class WorkflowLoadError extends Error {
  constructor(readonly errors: readonly WorkflowError[]) {
    super(`${errors.length} workflow error(s):\n${errors.map((e) => `  ${e.message}`).join('\n')}`);
    this.name = 'WorkflowLoadError';
  }
}

/**
 * A `workflow_dispatch` that GitHub refuses (HTTP 422): unknown workflow, no `workflow_dispatch`
 * trigger, a required input missing, an unexpected input, a value outside a choice's options.
 */
export class DispatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DispatchError';
  }
}
