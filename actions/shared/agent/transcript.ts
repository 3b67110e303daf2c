import * as fs from 'node:fs';
import * as path from 'node:path';

/** Removes secrets from text and from any JSON-like value (implemented in security/redact). */
export interface Redactor {
  redact(text: string): string;
  redactDeep(v: unknown): unknown;
}

export type TranscriptEvent =
  | {
      type: 'request';
      at: string;
      turn: number;
      model: string;
      maxTokens: number;
      estimatedInputTokens: number;
      /** System prompt and tools, on the first request only (they do not change). */
      system?: unknown;
      tools?: unknown;
      /** Messages added since the previous request, starting at `fromIndex`. */
      fromIndex: number;
      messages: unknown[];
    }
  | { type: 'response'; at: string; turn: number; response: unknown; costUsd: number }
  | {
      type: 'tool_call';
      at: string;
      turn: number;
      id: string;
      name: string;
      input: unknown;
      ok: boolean;
      output: string;
      refusal?: { rule: string; message: string };
    }
  | { type: 'context'; at: string; turn: number; truncated: number; removedChars: number }
  | { type: 'end'; at: string; outcome: string; stopReason: string | null; detail?: string };

export interface TranscriptSink {
  write(event: TranscriptEvent): void | Promise<void>;
  close?(): void | Promise<void>;
}

/**
 * Appends one JSON line per event to `file`, every event passed through the redactor first.
 * Writes are synchronous so that a crash leaves every event before it on disk.
 */
export class JsonlTranscript implements TranscriptSink {
  constructor(
    readonly file: string,
    private readonly redactor: Redactor,
  ) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  }

  write(event: TranscriptEvent): void {
    const line = JSON.stringify(this.redactor.redactDeep(event));
    fs.appendFileSync(this.file, `${line}\n`, 'utf8');
  }
}

export function createJsonlTranscript(file: string, redactor: Redactor): JsonlTranscript {
  return new JsonlTranscript(file, redactor);
}

/** Keeps events in memory (tests, the CLI). Still redacts, so tests can prove what is kept. */
export class MemoryTranscript implements TranscriptSink {
  readonly events: TranscriptEvent[] = [];
  constructor(private readonly redactor?: Redactor) {}
  write(event: TranscriptEvent): void {
    this.events.push((this.redactor ? this.redactor.redactDeep(event) : event) as TranscriptEvent);
  }
}

/** Read a JSONL transcript back (for the run record and tests). */
export function readJsonlTranscript(file: string): TranscriptEvent[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as TranscriptEvent);
}
