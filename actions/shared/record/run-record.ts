import type { Intent } from '../policy/intents';
import { describeIntent } from '../policy/intents';
import type { ApplyItem } from '../policy/apply';
import type { Redactor } from '../security/redact';

/**
 * The run record: one JSON document per run (usage, cost, turns, intents, rejections, what was
 * applied). Built once, already redacted, so the file, the job summary and the step outputs all
 * read the same clean data.
 */

export const RUN_RECORD_VERSION = 1;

export type { Redactor };

export type RunOutcome = 'success' | 'no-op' | 'partial' | 'failed' | 'skipped' | 'budget-stop';

export interface Usage {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

export interface RunRecord {
  version: typeof RUN_RECORD_VERSION;
  runId: string;
  automation: string;
  trigger: { event: string; action?: string };
  actor: string;
  repo: string;
  subject?: { type: 'issue' | 'pr'; number: number };
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  model: string;
  turns: number;
  usage: Usage;
  costUsd: number;
  intents: {
    accepted: Intent[];
    rejected: { kind: string; rule: string; reason: string }[];
  };
  applied: { kind: string; status: ApplyItem['status']; summary: string; detail: string }[];
  toolRefusals: { tool: string; rule: string; message: string }[];
  outcome: RunOutcome;
  budgetStop?: { reason: string; limit?: number; used?: number };
  /** How repository code ran in this run (present once the sandbox was probed). */
  isolation?: RecordIsolation;
  /** What an automation without a model counted (e.g. the incident responder: seen, mirrored, skipped, updated). */
  counts?: Record<string, number>;
}

/** The sandbox in the run record: isolated or not, and when not, why and what to do. */
export interface RecordIsolation {
  isolated: boolean;
  /** Code ran unisolated (best-effort) or did not run at all (required). */
  ran: boolean;
  detail: string;
  fix?: string;
}

export interface RunRecordInput {
  runId: string;
  automation: string;
  trigger: { event: string; action?: string };
  actor: string;
  repo: string;
  subject?: { type: 'issue' | 'pr'; number: number };
  startedAt: Date;
  finishedAt: Date;
  model: string;
  turns: number;
  usage?: Partial<Usage>;
  costUsd: number;
  accepted?: Intent[];
  rejected?: { intent: { kind: string }; rule: string; reason: string }[];
  applied?: ApplyItem[];
  toolRefusals?: { tool: string; rule: string; message: string }[];
  /** Default: derived (failed writes -> partial/failed, nothing done -> no-op, budget stop). */
  outcome?: RunOutcome;
  budgetStop?: { reason: string; limit?: number; used?: number };
  isolation?: RecordIsolation;
  counts?: Record<string, number>;
}

function deriveOutcome(input: RunRecordInput): RunOutcome {
  return outcomeOf(
    (input.applied ?? []).map((a) => a.status),
    input.budgetStop !== undefined,
  );
}

/** Failed writes -> partial/failed, then a budget stop, then whether anything was written. */
function outcomeOf(statuses: readonly ApplyItem['status'][], budgetStop: boolean): RunOutcome {
  const failed = statuses.filter((s) => s === 'failed').length;
  if (failed > 0) return failed === statuses.length ? 'failed' : 'partial';
  if (budgetStop) return 'budget-stop';
  if (statuses.some((s) => s === 'applied' || s === 'dry-run')) return 'success';
  return 'no-op';
}

/** Assemble the record and pass it through the redactor. */
export function buildRunRecord(input: RunRecordInput, redactor: Redactor): RunRecord {
  const record: RunRecord = {
    version: RUN_RECORD_VERSION,
    runId: input.runId,
    automation: input.automation,
    trigger: input.trigger,
    actor: input.actor,
    repo: input.repo,
    ...(input.subject ? { subject: input.subject } : {}),
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    durationMs: Math.max(0, input.finishedAt.getTime() - input.startedAt.getTime()),
    model: input.model,
    turns: input.turns,
    usage: {
      input: input.usage?.input ?? 0,
      output: input.usage?.output ?? 0,
      cacheRead: input.usage?.cacheRead ?? 0,
      cacheWrite: input.usage?.cacheWrite ?? 0,
    },
    costUsd: input.costUsd,
    intents: {
      accepted: input.accepted ?? [],
      rejected: (input.rejected ?? []).map((r) => ({ kind: r.intent.kind, rule: r.rule, reason: r.reason })),
    },
    applied: (input.applied ?? []).map((a) => ({
      kind: a.intent.kind,
      status: a.status,
      summary: describeIntent(a.intent),
      detail: a.detail,
    })),
    toolRefusals: input.toolRefusals ?? [],
    outcome: input.outcome ?? deriveOutcome(input),
    ...(input.budgetStop ? { budgetStop: input.budgetStop } : {}),
    ...(input.isolation ? { isolation: input.isolation } : {}),
    ...(input.counts ? { counts: { ...input.counts } } : {}),
  };
  return redactor.redactDeep(record) as RunRecord;
}

/**
 * The step's record with the writes code made after the agent (a push, replies carrying the real
 * commit SHA, labels) and their rejections added, and its outcome derived again from all of them.
 * A failure of the agent itself and a budget stop keep their outcome.
 */
export function withCodeWrites(
  record: RunRecord,
  writes: { applied: ApplyItem[]; rejected?: { intent: { kind: string }; rule: string; reason: string }[] },
  redactor: Redactor,
): RunRecord {
  const applied = [
    ...record.applied,
    ...writes.applied.map((a) => ({ kind: a.intent.kind, status: a.status, summary: describeIntent(a.intent), detail: a.detail })),
  ];
  const rejected = [
    ...record.intents.rejected,
    ...(writes.rejected ?? []).map((r) => ({ kind: r.intent.kind, rule: r.rule, reason: r.reason })),
  ];
  const agentFailed = record.outcome === 'failed' && record.applied.every((a) => a.status !== 'failed');
  const outcome: RunOutcome = agentFailed
    ? 'failed'
    : outcomeOf(
        applied.map((a) => a.status),
        record.budgetStop !== undefined,
      );
  return redactor.redactDeep({ ...record, intents: { ...record.intents, rejected }, applied, outcome }) as RunRecord;
}

/** Where the record goes; the caller decides (a file under the runner's temp dir, an artifact). */
export interface RecordWriter {
  writeFile(path: string, data: string): Promise<void>;
}

/** Write the record as JSON, redacted once more on the way out. */
export async function writeRunRecord(record: RunRecord, path: string, deps: { fs: RecordWriter; redactor: Redactor }): Promise<void> {
  const clean = deps.redactor.redactDeep(record);
  await deps.fs.writeFile(path, `${JSON.stringify(clean, null, 2)}\n`);
}

/** Step outputs, all strings. Input tokens count cache reads and writes too. */
export function recordOutputs(record: RunRecord): Record<'cost-usd' | 'input-tokens' | 'output-tokens' | 'turns' | 'outcome', string> {
  return {
    'cost-usd': record.costUsd.toFixed(4),
    'input-tokens': String(record.usage.input + record.usage.cacheRead + record.usage.cacheWrite),
    'output-tokens': String(record.usage.output),
    turns: String(record.turns),
    outcome: record.outcome,
  };
}
