import type { AutomationDeps, AutomationOutcome, AutomationRun, RunInputs } from '../../shared/automation/types';
import type { RunRecord } from '../../shared/record/run-record';
import type { CommandRequest } from './gate';

/** What every command handler gets, gathered once by run(). */
export interface CommandContext {
  deps: AutomationDeps;
  inputs: RunInputs;
  request: CommandRequest;
  /** The issue or pull request as GitHub has it now. */
  subject: { type: 'issue' | 'pr'; number: number; title: string; body: string; labels: string[]; state: 'open' | 'closed'; url: string };
  defaultBranch: string;
  delegates: Delegates;
}

/** Other automations a command runs in this job (the builder for `fix`, the planner for `plan`). */
export interface Delegates {
  build?: AutomationRun;
  plan?: AutomationRun;
}

export interface CommandOutcome {
  outcome: AutomationOutcome;
  /** The reply, written by code. Absent when the handler's agent posted the reply itself (`explain`). */
  reply?: string;
  details: string[];
  records: RunRecord[];
}

export function answer(outcome: AutomationOutcome, reply: string, details: string[] = [], records: RunRecord[] = []): CommandOutcome {
  return { outcome, reply, details, records };
}

/** Deps for another automation run in this job: its own name (policy, markers, budgets), the same everything else. */
export function depsFor(deps: AutomationDeps, automation: AutomationDeps['automation']): AutomationDeps {
  return { ...deps, automation };
}
