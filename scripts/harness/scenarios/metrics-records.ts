/** Run records as the factory's automations write them: fixtures for metrics, the auditor and `factory runs`. */
import { RUN_RECORD_VERSION, type RunOutcome, type RunRecord } from '../../../actions/shared/record/run-record';

export interface RecordSpec {
  runId: string;
  automation: string;
  startedAt: string;
  outcome?: RunOutcome;
  costUsd?: number;
  usage?: Partial<RunRecord['usage']>;
  turns?: number;
  subject?: RunRecord['subject'];
  rejected?: RunRecord['intents']['rejected'];
  budgetStop?: RunRecord['budgetStop'];
  repo?: string;
}

export function runRecordFor(spec: RecordSpec): RunRecord {
  const started = new Date(spec.startedAt);
  return {
    version: RUN_RECORD_VERSION,
    runId: spec.runId,
    automation: spec.automation,
    trigger: { event: 'schedule' },
    actor: 'factory-bot[bot]',
    repo: spec.repo ?? 'acme/shop',
    ...(spec.subject ? { subject: spec.subject } : {}),
    startedAt: started.toISOString(),
    finishedAt: new Date(started.getTime() + 60_000).toISOString(),
    durationMs: 60_000,
    model: 'claude-sonnet-4-5',
    turns: spec.turns ?? 3,
    usage: { input: 1000, output: 200, cacheRead: 0, cacheWrite: 0, ...spec.usage },
    costUsd: spec.costUsd ?? 0.05,
    intents: { accepted: [], rejected: spec.rejected ?? [] },
    applied: [],
    toolRefusals: [],
    outcome: spec.outcome ?? 'success',
    ...(spec.budgetStop ? { budgetStop: spec.budgetStop } : {}),
  };
}

/** The artifact's files for one run: `<runId>/<automation>-record.json` (and a transcript). */
export function artifactFiles(record: RunRecord): Record<string, string> {
  return {
    [`${record.runId}/${record.automation}-record.json`]: `${JSON.stringify(record, null, 2)}\n`,
    [`${record.runId}/transcript.jsonl`]: `${JSON.stringify({ type: 'end', at: record.finishedAt, outcome: 'end_turn', stopReason: 'end_turn' })}\n`,
  };
}

/** The name the workflows upload a run's records under. */
export function artifactName(record: RunRecord): string {
  const [run, attempt] = record.runId.split('-');
  return `factory-${record.automation}-run-${run}-${attempt ?? '1'}`;
}
