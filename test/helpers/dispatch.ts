import type { FactorySandbox } from '../../scripts/sandbox';
import type { AutomationDeps, AutomationResult, AutomationRun } from '../../actions/shared/automation/types';
import { parseEvent } from '../../actions/shared/events';
import { AUTOMATION_SPECS, type BuiltAutomation } from '../../actions/shared/registry';
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
    const automation = (Object.keys(AUTOMATION_SPECS) as BuiltAutomation[]).find((a) => AUTOMATION_SPECS[a].workflow === d.workflow);
    const run = automation && RUNS[automation];
    if (!automation || !run) throw new Error(`no automation runs ${d.workflow} in this test`);
    const [owner, name] = d.repo.split('/') as [string, string];
    const event = parseEvent('workflow_dispatch', {
      ref: d.ref,
      inputs: d.inputs,
      workflow: `.github/workflows/${d.workflow}`,
      repository: { id: 1, name, full_name: d.repo, owner: { login: owner, type: 'Organization' }, default_branch: 'main' },
      sender: { login: d.actor, type: 'User' },
    });
    const issue = Number(d.inputs['issue-number']);
    const comment = Number(d.inputs['command-comment']);
    const result = await run(deps(automation), {
      event,
      ...(issue > 0 ? { issueNumber: issue } : {}),
      ...(comment > 0 ? { commandComment: comment } : {}),
    });
    done.push({ automation, inputs: d.inputs, result });
  }
  return done;
}
