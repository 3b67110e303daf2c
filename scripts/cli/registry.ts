import type { AutomationRun } from '../../actions/shared/automation/types';
import type { Scenario } from '../sandbox/model';

/** The automations the CLI can run, with the scripted model scenario each plays on the sandbox. */
export interface AutomationEntry {
  run: AutomationRun;
  scenario(): Scenario;
}

const entries: Record<string, AutomationEntry> = {};

export function automationEntry(name: string): AutomationEntry | undefined {
  return Object.hasOwn(entries, name) ? entries[name] : undefined;
}

export function runnableAutomations(): string[] {
  return Object.keys(entries).sort();
}
