import { skipped, type AutomationDeps, type AutomationResult, type RunInputs } from '../../shared/automation/types';
import { READY } from '../../shared/state/labels';
import { gateEvent, gateIssue } from './gate';
import { sweep, type SweepContext } from './sweep';
import { triageIssue } from './triage';

/**
 * Feature planner: gate (pure, before any model call) -> one issue (an `issues` event or
 * workflow_dispatch with an issue number) or a backlog sweep (schedule, workflow_dispatch).
 */
export async function run(deps: AutomationDeps, inputs: RunInputs): Promise<AutomationResult> {
  const gate = gateEvent(inputs.event, deps.config, inputs.issueNumber);
  if (!gate.run) return skipped(gate.reason);
  const { defaultBranch } = await deps.github.reader.getRepository();
  const ctx: SweepContext = { trigger: gate.trigger, actor: gate.sender.login || gate.trigger.event, defaultBranch };
  if (gate.mode === 'sweep') return sweep(deps, ctx);

  const issue = await deps.github.reader.getIssue(gate.number);
  const issueGate = gateIssue({ issue, config: deps.config, trigger: gate.trigger, sender: gate.sender });
  if (!issueGate.run) return skipped(issueGate.reason);
  const result = await triageIssue(deps, { issue, approval: issueGate.approval, ...ctx });
  return {
    outcome: result.outcome,
    summary: `planned #${issue.number}: ${result.outcome}${result.ready ? ` (${READY})` : ''}${deps.dryRun ? ' [dry-run]' : ''}`,
    details: result.details,
    records: result.records,
  };
}
