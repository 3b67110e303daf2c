/**
 * `factory runs [ID]`: the run records the factory wrote, listed, and one run rendered for a
 * person: what triggered it, each turn's request and answer, the tool calls, the intents and what
 * policy decided about each, what was applied, and what it cost. Reads `.factory/runs/` (where
 * runs on this machine write them) or a run-record artifact downloaded from GitHub (a .zip, or
 * the folder it was unpacked to).
 */
import { lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { TranscriptEvent } from '../../actions/shared/agent/transcript';
import { ConfigError } from '../../actions/shared/errors';
import { describeIntent, type Intent } from '../../actions/shared/policy/intents';
import type { RunRecord } from '../../actions/shared/record/run-record';
import { recordsFromArchive, recordsFromFiles, type LoadedRecord, type SkippedRecord } from '../../actions/shared/records-reader';

export type Print = (line: string) => void;

/** Where runs on this machine keep their records. */
export const LOCAL_RUNS_DIR = join('.factory', 'runs');

export interface RunsSource {
  records: LoadedRecord[];
  skipped: SkippedRecord[];
}

/** Every file under `dir` by its path relative to it (`/` separators); links are not followed. */
function filesUnder(dir: string): [string, string][] {
  const out: [string, string][] = [];
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const full = join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push([relative(dir, full).split(sep).join('/'), readFileSync(full, 'utf8')]);
    }
  };
  walk(dir);
  return out;
}

/** The records at `from`: a folder (default `.factory/runs/`) or an artifact's .zip. */
export function readRuns(from: string = LOCAL_RUNS_DIR): RunsSource {
  let stat;
  try {
    stat = lstatSync(from);
  } catch {
    throw new ConfigError(
      `no run records at ${from}: runs on this machine write them to ${LOCAL_RUNS_DIR}/ (try \`npm run demo\`), ` +
        'or pass --from with a run-record artifact downloaded from GitHub',
    );
  }
  if (stat.isFile()) return recordsFromArchive(readFileSync(from), from, { transcripts: true });
  const files = filesUnder(from);
  if (files.length === 0) return { records: [], skipped: [] };
  const read = recordsFromFiles(files, from, { transcripts: true });
  // An empty folder or one holding no record is nothing to report as damaged.
  return { records: read.records, skipped: read.skipped.filter((s) => s.reason !== 'no run record in it') };
}

/** Writes records (and a transcript per run) the way the record store does, for runs made through the CLI. */
export function saveRuns(
  dir: string,
  records: readonly RunRecord[],
  transcripts: Record<string, readonly TranscriptEvent[]> = {},
): string[] {
  const written: string[] = [];
  for (const record of records) {
    const folder = join(dir, safe(record.runId));
    mkdirSync(folder, { recursive: true });
    const path = join(folder, `${safe(record.automation)}-record.json`);
    writeFileSync(path, `${JSON.stringify(record, null, 2)}\n`);
    written.push(path);
    const events = transcripts[record.runId];
    if (events?.length) writeFileSync(join(folder, 'transcript.jsonl'), events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  }
  return written;
}

function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

const money = (usd: number): string => `$${usd.toFixed(4)}`;

function inputTokens(r: RunRecord): number {
  return r.usage.input + r.usage.cacheRead + r.usage.cacheWrite;
}

/** `factory runs`: one line per run, newest first. */
export function printRunList(source: RunsSource, print: Print): void {
  const sorted = [...source.records].sort((a, b) => b.record.startedAt.localeCompare(a.record.startedAt));
  if (sorted.length === 0) print('no run records');
  else {
    print('RUN ID                   AUTOMATION           STARTED                OUTCOME      TURNS  COST       SUBJECT');
    for (const { record: r } of sorted) {
      const subject = r.subject ? `${r.subject.type} #${r.subject.number}` : '';
      print(
        [
          r.runId.padEnd(24),
          r.automation.padEnd(20),
          r.startedAt.replace(/\.\d{3}Z$/, 'Z').padEnd(22),
          r.outcome.padEnd(12),
          String(r.turns).padStart(5),
          money(r.costUsd).padStart(10),
          subject,
        ].join(' '),
      );
    }
    const total = sorted.reduce((s, { record }) => s + record.costUsd, 0);
    print(`${sorted.length} run record(s), ${money(total)} in all`);
  }
  for (const s of source.skipped) print(`skipped ${s.source}: ${s.reason}`);
}

function oneLine(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function asJson(value: unknown, max = 160): string {
  return oneLine(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''), max);
}

interface ContentBlock {
  type?: string;
  text?: string;
  name?: string;
  input?: unknown;
}

/** A model answer as the Messages API returns it: its text and the tools it asked for. */
function describeResponse(response: unknown): string[] {
  const r = (response ?? {}) as { content?: ContentBlock[]; stop_reason?: string; usage?: Record<string, number> };
  const lines: string[] = [];
  for (const block of r.content ?? []) {
    if (block.type === 'text' && block.text) lines.push(`says: ${oneLine(block.text, 300)}`);
    else if (block.type === 'tool_use') lines.push(`asks for ${block.name ?? '?'} ${asJson(block.input)}`);
    else if (block.type === 'thinking') lines.push('thinks (not shown)');
  }
  const u = r.usage ?? {};
  const tokens = [
    u.input_tokens !== undefined ? `in ${u.input_tokens}` : '',
    u.cache_read_input_tokens ? `cache read ${u.cache_read_input_tokens}` : '',
    u.output_tokens !== undefined ? `out ${u.output_tokens}` : '',
  ].filter(Boolean);
  if (r.stop_reason || tokens.length)
    lines.push(`(${[r.stop_reason ? `stop: ${r.stop_reason}` : '', ...tokens].filter(Boolean).join(', ')})`);
  return lines;
}

/** The transcript, turn by turn. */
export function renderTranscript(events: readonly TranscriptEvent[], print: Print): void {
  let turn = -1;
  for (const e of events) {
    if ('turn' in e && e.turn !== turn) {
      turn = e.turn;
      print(`  turn ${turn}`);
    }
    switch (e.type) {
      case 'request':
        print(`    request to ${e.model}: ~${e.estimatedInputTokens} input tokens, ${e.messages.length} new message(s)`);
        break;
      case 'response':
        for (const line of describeResponse(e.response)) print(`    model ${line}`);
        print(`    cost ${money(e.costUsd)}`);
        break;
      case 'tool_call':
        print(
          `    tool ${e.name} ${asJson(e.input)} -> ${e.ok ? 'ok' : 'error'}${e.refusal ? `, refused [${e.refusal.rule}]: ${e.refusal.message}` : ''}`,
        );
        if (e.output) print(`      ${oneLine(e.output)}`);
        break;
      case 'context':
        print(`    context trimmed: ${e.truncated} message(s), ${e.removedChars} characters`);
        break;
      case 'end':
        print(`  end: ${e.outcome}${e.stopReason ? ` (${e.stopReason})` : ''}${e.detail ? ` — ${oneLine(e.detail)}` : ''}`);
        break;
    }
  }
}

function describeAccepted(intent: { kind: string }): string {
  try {
    return describeIntent(intent as Intent);
  } catch {
    return intent.kind;
  }
}

/** `factory runs <id>`: one run, readable. */
export function printRun(loaded: LoadedRecord, print: Print): void {
  const r = loaded.record;
  print(`run ${r.runId}: ${r.automation} (${loaded.source})`);
  print(`  trigger: ${r.trigger.event}${r.trigger.action ? `.${r.trigger.action}` : ''} by ${r.actor} on ${r.repo}`);
  if (r.subject) print(`  subject: ${r.subject.type} #${r.subject.number}`);
  print(`  started ${r.startedAt}, took ${(r.durationMs / 1000).toFixed(1)}s, model ${r.model}`);
  print(`  outcome: ${r.outcome}${r.budgetStop ? ` — budget stop: ${r.budgetStop.reason}` : ''}`);
  const input = inputTokens(r);
  const share = input > 0 ? Math.round((r.usage.cacheRead / input) * 100) : 0;
  print(
    `  cost ${money(r.costUsd)}: ${r.turns} turn(s), ${input} input tokens (${r.usage.cacheRead} cache read, ${share}%; ` +
      `${r.usage.cacheWrite} cache write), ${r.usage.output} output tokens`,
  );
  if (r.isolation) print(`  isolation: ${r.isolation.isolated ? 'isolated' : 'not isolated'} — ${r.isolation.detail}`);
  if (loaded.transcript?.length) {
    print('transcript:');
    renderTranscript(loaded.transcript, print);
  } else print('transcript: none kept with this record');
  print('policy:');
  if (r.intents.accepted.length + r.intents.rejected.length === 0) print('  no intents');
  for (const i of r.intents.accepted) print(`  accepted ${describeAccepted(i)}`);
  for (const x of r.intents.rejected) print(`  rejected ${x.kind} [${x.rule}]: ${x.reason}`);
  for (const t of r.toolRefusals) print(`  refused tool ${t.tool} [${t.rule}]: ${t.message}`);
  print('applied:');
  if (r.applied.length === 0) print('  nothing');
  for (const a of r.applied) print(`  ${a.status}: ${a.summary}${a.detail ? ` — ${oneLine(a.detail)}` : ''}`);
}

/** The command: no id lists, an id (or its unique prefix) renders that run. Exit code 1 when it is not there. */
export function runsCommand(id: string | undefined, opts: { from?: string }, print: Print): number {
  const source = readRuns(opts.from ?? LOCAL_RUNS_DIR);
  if (id === undefined) {
    printRunList(source, print);
    return 0;
  }
  const exact = source.records.filter((l) => l.record.runId === id);
  const found = exact.length ? exact : source.records.filter((l) => l.record.runId.startsWith(id));
  const ids = [...new Set(found.map((l) => l.record.runId))];
  if (ids.length === 0) {
    print(`no run ${id} in ${opts.from ?? LOCAL_RUNS_DIR} (\`factory runs\` lists them)`);
    return 1;
  }
  if (ids.length > 1) {
    print(`${id} matches several runs: ${ids.join(', ')}`);
    return 1;
  }
  found.forEach((l, i) => {
    if (i > 0) print('');
    printRun(l, print);
  });
  return 0;
}
