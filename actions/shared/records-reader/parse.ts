/**
 * Run records and transcripts read back from files: each checked against the record's shape
 * (a record another version wrote, or a damaged one, is refused with a reason, never trusted).
 */
import { z } from 'zod';
import type { TranscriptEvent } from '../agent/transcript';
import { RUN_RECORD_VERSION, type RunRecord } from '../record/run-record';

const usage = z.object({ input: z.number(), output: z.number(), cacheRead: z.number(), cacheWrite: z.number() });

/** The fields readers rely on; the rest is kept as written. */
export const runRecordSchema = z.looseObject({
  version: z.literal(RUN_RECORD_VERSION),
  runId: z.string().min(1),
  automation: z.string().min(1),
  trigger: z.looseObject({ event: z.string(), action: z.string().optional() }),
  actor: z.string(),
  repo: z.string(),
  subject: z.object({ type: z.enum(['issue', 'pr']), number: z.number().int() }).optional(),
  startedAt: z.iso.datetime({ offset: true }),
  finishedAt: z.iso.datetime({ offset: true }),
  durationMs: z.number().nonnegative(),
  model: z.string(),
  turns: z.number().int().nonnegative(),
  usage,
  costUsd: z.number().nonnegative(),
  intents: z.object({
    accepted: z.array(z.looseObject({ kind: z.string() })),
    rejected: z.array(z.object({ kind: z.string(), rule: z.string(), reason: z.string() })),
  }),
  applied: z.array(z.object({ kind: z.string(), status: z.string(), summary: z.string(), detail: z.string() })),
  toolRefusals: z.array(z.object({ tool: z.string(), rule: z.string(), message: z.string() })),
  outcome: z.enum(['success', 'no-op', 'partial', 'failed', 'skipped', 'budget-stop']),
  budgetStop: z.object({ reason: z.string(), limit: z.number().optional(), used: z.number().optional() }).optional(),
});

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A run record from its JSON text. */
export function parseRunRecord(text: string): ParseResult<RunRecord> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const parsed = runRecordSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `not a run record: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}` };
  }
  return { ok: true, value: parsed.data as unknown as RunRecord };
}

/** A JSONL transcript's events; a line that is not an event is counted, not fatal. */
export function parseTranscript(text: string): { events: TranscriptEvent[]; badLines: number } {
  const events: TranscriptEvent[] = [];
  let badLines = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const value = JSON.parse(line) as { type?: unknown };
      if (value && typeof value === 'object' && typeof value.type === 'string') events.push(value as TranscriptEvent);
      else badLines++;
    } catch {
      badLines++;
    }
  }
  return { events, badLines };
}

/** `<runId>/<automation>-record.json`, as the record store writes it. */
export const RECORD_FILE = /(?:^|\/)([^/]+)\/([^/]+)-record\.json$/;
export const TRANSCRIPT_FILE = /(?:^|\/)([^/]+)\/transcript\.jsonl$/;

/** One run folder's files (record and transcript) from a set of files by path. */
export interface RunFiles {
  /** The run folder (`<runId>` as the store wrote it). */
  folder: string;
  records: { path: string; text: string }[];
  transcript?: { path: string; text: string };
}

/** Groups files by run folder, as they sit in `.factory/runs/` or in an artifact. */
export function groupRunFiles(files: Iterable<[string, string]>): RunFiles[] {
  const byFolder = new Map<string, RunFiles>();
  const folder = (name: string): RunFiles => {
    let entry = byFolder.get(name);
    if (!entry) byFolder.set(name, (entry = { folder: name, records: [] }));
    return entry;
  };
  for (const [path, text] of files) {
    const record = RECORD_FILE.exec(path);
    if (record) folder(record[1]!).records.push({ path, text });
    const transcript = TRANSCRIPT_FILE.exec(path);
    if (transcript) folder(transcript[1]!).transcript = { path, text };
  }
  return [...byFolder.values()];
}
