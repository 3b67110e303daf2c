/**
 * What the runner records: each event with its decision per workflow (started or not, and why),
 * each run with its concurrency decision, jobs, steps and outcome. Plain JSON, no secret values
 * (only `<<secret:NAME>>` placeholders), so tests and demos can show the chain.
 */
import type { CauseKind } from './events';
import type { Access, PermissionScope, PermissionsSource } from './permissions';

export type JobResult = 'success' | 'failure' | 'cancelled' | 'skipped';
export type Conclusion = 'success' | 'failure' | 'cancelled' | 'skipped';

export interface TriggerRecord {
  workflow: string;
  fired: boolean;
  reason: string;
  runId?: number;
}

export interface EventRecord {
  seq: number;
  name: string;
  action?: string;
  actor: string;
  causedBy: { kind: CauseKind; login: string };
  /** One per workflow whose `on:` names the event. */
  decisions: TriggerRecord[];
  /** The run whose completion this `workflow_run` event reports. */
  fromRun?: number;
}

export interface StepRecord {
  index: number;
  id: string;
  /** `./actions/<name>` steps are executed by the caller; the others are only listed. */
  executed: boolean;
  label: string;
  automation?: string;
  with?: Record<string, string>;
}

export interface JobRecord {
  id: string;
  name?: string;
  needs: string[];
  status: 'pending' | 'queued' | 'in_progress' | 'completed';
  decision?: 'run' | 'skip' | 'queued' | 'cancelled';
  reason?: string;
  result?: JobResult;
  permissions: Partial<Record<PermissionScope, Access>>;
  permissionsSource: PermissionsSource;
  concurrency?: { group: string; cancelInProgress: boolean };
  outputs?: Record<string, string>;
  steps: StepRecord[];
}

export interface RunRecord {
  runId: number;
  runNumber: number;
  workflow: { file: string; name: string };
  event: { seq: number; name: string; action?: string; actor: string };
  /** Why the event started the workflow. */
  reason: string;
  /** The run whose completion started this one (`workflow_run`). */
  triggeredByRun?: number;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion?: Conclusion;
  concurrency?: { group: string; cancelInProgress: boolean; decision: 'start' | 'queue'; reason: string };
  jobs: JobRecord[];
  /** What happened to the run over time (queued, released, cancelled by run N...). */
  notes: string[];
}

export interface RunnerHistory {
  events: EventRecord[];
  runs: RunRecord[];
}

/** The history as text, one event and its decisions, then each run with its jobs and steps. */
export function formatHistory(history: RunnerHistory): string {
  const lines: string[] = [];
  const runs = new Map(history.runs.map((r) => [r.runId, r]));
  for (const event of history.events) {
    const action = event.action ? `.${event.action}` : '';
    const from = event.fromRun !== undefined ? ` (completion of run ${event.fromRun})` : '';
    lines.push(`event ${event.seq}: ${event.name}${action} by ${event.actor} [${event.causedBy.kind}: ${event.causedBy.login}]${from}`);
    if (event.decisions.length === 0) lines.push('  no workflow listens');
    for (const d of event.decisions) {
      lines.push(`  ${d.workflow}: ${d.fired ? `run ${d.runId}` : 'not started'} (${d.reason})`);
      const run = d.runId !== undefined ? runs.get(d.runId) : undefined;
      if (run) lines.push(...formatRun(run).map((l) => `    ${l}`));
    }
  }
  return lines.join('\n');
}

function formatRun(run: RunRecord): string[] {
  const outcome = run.status === 'completed' ? `completed: ${run.conclusion}` : run.status;
  const lines = [`run ${run.runId} ${run.workflow.name}: ${outcome}`];
  if (run.concurrency) lines.push(`concurrency ${run.concurrency.decision}: ${run.concurrency.reason}`);
  for (const note of run.notes) lines.push(`note: ${note}`);
  for (const job of run.jobs) {
    const perms =
      Object.entries(job.permissions)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ') || 'none';
    const decision = job.decision ? `${job.decision}${job.reason ? ` (${job.reason})` : ''}` : job.status;
    lines.push(`job ${job.id}: ${decision}${job.result ? ` -> ${job.result}` : ''} [permissions (${job.permissionsSource}): ${perms}]`);
    for (const step of job.steps) lines.push(`  ${step.executed ? 'runs' : 'not executed'}: ${step.label}`);
  }
  return lines;
}
