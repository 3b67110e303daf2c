import type { AutomationDeps, AutomationOutcome, RunInputs } from '../../shared/automation/types';
import { readAttempts, stateDepsFor, writeAttempts } from '../../shared/automation/subject-state';
import { errorMessage } from '../../shared/errors';
import { statusOf } from '../../shared/github/api-error';
import { workflowOf } from '../../shared/registry';
import { reset } from '../../shared/state';
import type { Automation } from '../../shared/state/automations';
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

export interface Started {
  ok: boolean;
  /** One line for the reply. */
  line: string;
  details: string[];
}

/**
 * Starts another automation's workflow for the subject (workflow_dispatch on the default branch):
 * it runs in its own job, with its own permissions and secrets, never in this one. An automation
 * this version does not have, or a workflow the repository has not installed, is said so.
 */
export async function startAutomation(ctx: CommandContext, automation: Automation, extra: Record<string, string> = {}): Promise<Started> {
  const { deps, subject } = ctx;
  const workflow = workflowOf(automation);
  if (!workflow) return { ok: false, line: `The ${automation} is not part of this version of the factory.`, details: [] };
  const inputs = { 'issue-number': String(subject.number), ...extra };
  if (deps.dryRun) return { ok: true, line: `[dry-run] would start \`${workflow}\` for #${subject.number}.`, details: [] };
  try {
    await deps.github.writer.dispatchWorkflow(workflow, ctx.defaultBranch, inputs);
  } catch (e) {
    const why =
      statusOf(e) === 404 ? `it is not installed here (no \`.github/workflows/${workflow}\` on ${ctx.defaultBranch})` : errorMessage(e);
    return { ok: false, line: `Could not start the ${automation}: ${why}.`, details: [`could not dispatch ${workflow}: ${why}`] };
  }
  return { ok: true, line: `Started \`${workflow}\` for #${subject.number}.`, details: [`dispatched ${workflow} for #${subject.number}`] };
}

/** An automation's attempt counter on the subject back to zero (a person asked for another go); what was written. */
export async function resetCounter(ctx: Pick<CommandContext, 'deps' | 'subject'>, counter: string): Promise<string[]> {
  const state = stateDepsFor(ctx.deps);
  const attempts = await readAttempts(state, ctx.subject.number);
  if (attempts.counters[counter] === undefined) return [];
  await writeAttempts(state, ctx.subject.number, { ...attempts, counters: reset(attempts.counters, counter) });
  return [`reset the ${counter} counter`];
}
