import type { RunInputs } from '../../actions/shared/automation/types';
import { parseEvent } from '../../actions/shared/events';
import { AUTOMATION_SPECS, type BuiltAutomation } from '../../actions/shared/registry';
import type { DispatchRecord } from '@software-factory/github-sandbox';

/**
 * What GitHub does with a workflow_dispatch the sandbox recorded: the automation whose workflow
 * it names, and the run inputs its action would read (the event, `issue-number`, `command-comment`).
 */
export function dispatchedRun(d: DispatchRecord): { automation: BuiltAutomation; inputs: RunInputs } | undefined {
  const automation = (Object.keys(AUTOMATION_SPECS) as BuiltAutomation[]).find((a) => AUTOMATION_SPECS[a].workflow === d.workflow);
  if (!automation) return undefined;
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
  return {
    automation,
    inputs: { event, ...(issue > 0 ? { issueNumber: issue } : {}), ...(comment > 0 ? { commandComment: comment } : {}) },
  };
}
