import type { ParsedEvent } from '../events';
import type { IsolationStatus } from '../isolation/types';
import { buildRunRecord, type RecordIsolation } from '../record/run-record';
import { neutralize, type Redactor } from '../security';
import { escalate, stateDepsFor, type LabelledSubject } from './subject-state';
import type { AutomationDeps, AutomationResult } from './types';

/**
 * The gate before an automation runs repository code (its checks, an agent with a shell): under
 * `execution.isolation: required` without a working sandbox, nothing runs and the subject goes
 * to a person, with the reason and the fix in the escalation comment, the run record and the job
 * summary. Under best-effort the executor runs the code unisolated and warns.
 */

/** The sandbox as the run record tells it. */
export function recordIsolation(s: IsolationStatus): RecordIsolation {
  if (s.isolated) return { isolated: true, ran: true, detail: `bubblewrap, network ${s.network}; limits: ${s.limits}` };
  return { isolated: false, ran: !s.refused, detail: s.reason, fix: s.fix };
}

export function isolationEscalationBody(s: { reason: string; fix: string }, redactor: Redactor): string {
  const clean = (t: string) => neutralize(redactor.redact(t));
  return [
    '### The factory needs a human here',
    '',
    "**Why:** repository code (the project's checks, the agent's commands) runs only in a sandbox " +
      `(\`execution.isolation: required\`), and none is available on this runner: ${clean(s.reason)}.`,
    '',
    `**Fix:** ${clean(s.fix)}. Then run the automation again (on an issue: \`@factory retry\`).`,
    '',
    'Setting `execution.isolation: best-effort` runs repository code without the sandbox instead: ' +
      'code the agent wrote could then read the runner and reach the network.',
  ].join('\n');
}

/** A run record's trigger and actor, from the event. */
export function eventTrigger(event: ParsedEvent): { trigger: { event: string; action?: string }; actor: string } {
  if (event.kind === 'unsupported') return { trigger: { event: event.kind }, actor: 'unknown' };
  return { trigger: { event: event.kind, ...(event.action ? { action: event.action } : {}) }, actor: event.sender.login || event.kind };
}

export interface IsolationGateInput {
  subject: LabelledSubject;
  /** Labels the needs-human state replaces (an issue's factory:building). */
  from?: readonly string[];
  trigger: { event: string; action?: string };
  actor: string;
}

/** undefined: go on (isolated, or best-effort). Otherwise the run's result: refused, escalated, recorded. */
export async function refuseWithoutIsolation(deps: AutomationDeps, input: IsolationGateInput): Promise<AutomationResult | undefined> {
  const status = await deps.executor.status();
  if (status.isolated || !status.refused) return undefined;
  const { subject } = input;
  const summary = `#${subject.number} needs a human: repository code runs only in a sandbox (execution.isolation: required) and none is available: ${status.reason}. Fix: ${status.fix}`;
  deps.logger.error(deps.redactor.redact(summary));
  const details: string[] = [];
  if (!deps.dryRun) {
    const done = await escalate(stateDepsFor(deps), subject, isolationEscalationBody(status, deps.redactor), input.from ?? []);
    details.push(...done.details);
  }
  const now = deps.clock.now();
  const { owner, repo } = deps.github.reader.repo;
  const record = buildRunRecord(
    {
      runId: deps.runId,
      automation: deps.automation,
      trigger: input.trigger,
      actor: input.actor,
      repo: `${owner}/${repo}`,
      subject: { type: subject.type, number: subject.number },
      startedAt: now,
      finishedAt: now,
      model: deps.model?.model ?? deps.config.model.name,
      turns: 0,
      costUsd: 0,
      outcome: 'failed',
      isolation: recordIsolation(status),
    },
    deps.redactor,
  );
  await deps.records.write(record);
  return { outcome: 'refused', summary, details, records: [record] };
}
