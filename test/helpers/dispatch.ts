import type { FactorySandbox } from '../../scripts/harness';
import { dispatchedRun } from '../../scripts/harness/dispatch';
import type { AutomationDeps, AutomationResult, AutomationRun } from '../../actions/shared/automation/types';
import type { BuiltAutomation } from '../../actions/shared/registry';
import { run as builderRun } from '../../actions/feature-builder/src/run';
import { run as plannerRun } from '../../actions/feature-planner/src/run';

/**
 * What GitHub does with a workflow_dispatch: starts the workflow it names. Tests use it to follow
 * a chain one automation starts by dispatch (until the sandbox runs workflow files itself).
 */
const RUNS: Partial<Record<BuiltAutomation, AutomationRun>> = { 'feature-builder': builderRun, 'feature-planner': plannerRun };

export interface DispatchedRun {
  automation: BuiltAutomation;
  inputs: Record<string, unknown>;
  result: AutomationResult;
}

/** Runs every dispatch recorded since `from` (an index into the sandbox's dispatch log), in order. */
export async function runDispatched(
  sandbox: FactorySandbox,
  deps: (automation: BuiltAutomation) => AutomationDeps,
  from = 0,
): Promise<DispatchedRun[]> {
  const done: DispatchedRun[] = [];
  for (const d of sandbox.github.state.dispatches.slice(from)) {
    const next = dispatchedRun(d);
    const run = next && RUNS[next.automation];
    if (!next || !run) throw new Error(`no automation runs ${d.workflow} in this test`);
    done.push({ automation: next.automation, inputs: d.inputs, result: await run(deps(next.automation), next.inputs) });
  }
  return done;
}
