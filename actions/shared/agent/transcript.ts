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
    /** The folder above which links are the system's own; below it none is followed. */
    trusted: string = path.dirname(file),
  ) {
    mkdirNoLinks(path.dirname(file), trusted);
  }

  write(event: TranscriptEvent): void {
    const line = JSON.stringify(this.redactor.redactDeep(event));
    // Never through a link: repository code may have planted one in the workspace.
    const fd = fs.openSync(
      this.file,
      fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_APPEND | fs.constants.O_NOFOLLOW,
      0o644,
    );
    try {
      fs.writeSync(fd, `${line}\n`);
    } finally {
      fs.closeSync(fd);
    }
  }
}

export function createJsonlTranscript(file: string, redactor: Redactor, trusted?: string): JsonlTranscript {
  return new JsonlTranscript(file, redactor, trusted);
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

/**
 * Creates `dir`, refusing a symbolic link on any folder below `trusted` (the workspace): the
 * factory writes its run files inside the workspace, where repository code could have put a
 * link that points out of it.
 */
export function mkdirNoLinks(dir: string, trusted: string): void {
  const root = path.resolve(trusted);
  fs.mkdirSync(root, { recursive: true });
  const rel = path.relative(root, path.resolve(dir));
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new Error(`${dir} is not inside ${trusted}`);
  let at = root;
  for (const part of rel.split(path.sep).filter(Boolean)) {
    at = path.join(at, part);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.lstatSync(at);
    } catch {
      stat = undefined;
    }
    if (stat?.isSymbolicLink()) throw new Error(`${at} is a symbolic link: the factory writes no run file through a link`);
    if (stat && !stat.isDirectory()) throw new Error(`${at} is not a folder`);
    if (!stat) fs.mkdirSync(at);
  }
}
