import { appendFileSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { AutomationRun } from '../automation/types';
import { ROUTES } from '../events/route';
import type { Automation } from '../state/automations';

/**
 * The first thing every action runs: a gate that reads the event and the inputs straight from
 * the environment and loads nothing heavy (no @actions/core, no Octokit, no model SDK, no zod).
 * An event the automation does not handle at all (its name, or its action) is a neutral skip
 * right here; anything else loads the full entry (`runAction`), which parses and gates it again.
 */

export interface StartModules {
  /** The automation's run(), loaded only past the gate. */
  loadRun(): Promise<AutomationRun>;
}

export type PreGate = { skip: true; reason: string } | { skip: false };

/** Whether the event can concern the automation at all, from its name and `action` alone. */
export function preGate(
  automation: Automation,
  env: NodeJS.ProcessEnv,
  readFile: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): PreGate {
  // A dispatch naming an issue goes to the full gate, whatever the event.
  if ((env['INPUT_ISSUE-NUMBER'] ?? '').trim() !== '') return { skip: false };
  const name = env.GITHUB_EVENT_NAME ?? '';
  const rules = ROUTES[automation].filter((r) => r.kind === name);
  if (rules.length === 0) return { skip: true, reason: `${automation} does not handle ${name || 'unnamed'} events` };
  if (rules.some((r) => !r.actions)) return { skip: false };
  let action: unknown;
  try {
    action = (JSON.parse(readFile(env.GITHUB_EVENT_PATH ?? '')) as { action?: unknown } | null)?.action;
  } catch {
    // An unreadable event is for the full entry to report.
    return { skip: false };
  }
  if (typeof action === 'string' && !rules.some((r) => r.actions?.includes(action))) {
    return { skip: true, reason: `${automation} does not handle ${name}.${action}` };
  }
  return { skip: false };
}

/** The outputs a skipped run sets, as the full entry would. */
export const SKIPPED_OUTPUTS: Readonly<Record<string, string>> = {
  outcome: 'skipped',
  'cost-usd': '0',
  'input-tokens': '0',
  'output-tokens': '0',
  turns: '0',
};

/** A notice and the outputs, written the way the Actions runner reads them (as @actions/core does). */
export function reportSkip(reason: string, env: NodeJS.ProcessEnv, write: (text: string) => void = (t) => process.stdout.write(t)): void {
  write(`::notice::${escapeData(`skipped: ${reason}`)}\n`);
  const file = env.GITHUB_OUTPUT;
  for (const [name, value] of Object.entries(SKIPPED_OUTPUTS)) {
    if (file) {
      const delimiter = `ghadelimiter_${randomUUID()}`;
      appendFileSync(file, `${name}<<${delimiter}\n${value}\n${delimiter}\n`, 'utf8');
    } else {
      write(`::set-output name=${name}::${escapeData(value)}\n`);
    }
  }
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * An action's run(): the light gate, then (only when the event may concern it) @actions/core,
 * @actions/github and the automation, through the full entry.
 */
export async function startAction(automation: Automation, modules: StartModules, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const gate = preGate(automation, env);
  if (gate.skip) return reportSkip(gate.reason, env);
  const [{ runAction }, core, run] = await Promise.all([import('./entry'), import('@actions/core'), modules.loadRun()]);
  await runAction(automation, run, {
    core,
    loadOctokit: async () => (await import('@actions/github')).getOctokit as unknown as import('../github/client').OctokitFactory,
    env,
  });
}
