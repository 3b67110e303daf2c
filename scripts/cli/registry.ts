import type { AutomationRun } from '../../actions/shared/automation/types';
import { run as plannerRun } from '../../actions/feature-planner/src/run';
import { plannerSandboxScenario } from '../../actions/feature-planner/src/demo';
import { run as builderRun } from '../../actions/feature-builder/src/run';
import { builderSandboxScenario } from '../../actions/feature-builder/src/demo';
import type { Scenario } from '../sandbox/model';

/** The automations the CLI can run, with the scripted model scenario each plays on the sandbox. */
export interface AutomationEntry {
  run: AutomationRun;
  scenario(ctx: { issueNumber: number }): Scenario;
}

const entries: Record<string, AutomationEntry> = {
  'feature-planner': { run: plannerRun, scenario: ({ issueNumber }) => plannerSandboxScenario(issueNumber) },
  'feature-builder': { run: builderRun, scenario: () => builderSandboxScenario() },
};

export function automationEntry(name: string): AutomationEntry | undefined {
  return Object.hasOwn(entries, name) ? entries[name] : undefined;
}

export function runnableAutomations(): string[] {
  return Object.keys(entries).sort();
}
