import { skipped, type AutomationRun } from '../../shared/automation/types';
import { gateEvent } from './gate';
import { gradeRepository, type GraderPorts } from './grade-run';

/**
 * The quality grader, as the design's row reads: daily, by dispatch (the planner dispatches it
 * when the backlog is empty) -> grades every spec area A-F from evidence checked by code -> one
 * pull request editing quality.md and quality.json, gap issues for areas below B.
 */
export function createRun(ports: GraderPorts = {}): AutomationRun {
  return async (deps, inputs) => {
    const gate = gateEvent(inputs.event, deps.config);
    if (!gate.ok) return skipped(gate.reason);
    return gradeRepository(deps, gate.value, ports);
  };
}

export const run: AutomationRun = createRun();
