import { constants } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createJsonlTranscript, MemoryTranscript, mkdirNoLinks, type TranscriptSink } from '../agent/transcript';
import { writeRunRecord, type RunRecord } from '../record/run-record';
import type { Redactor } from '../security';
import type { RecordStore } from './types';

/** Run records and transcripts as files: `<dir>/<runId>/<automation>.json` and `.jsonl`. */
export function fileRecordStore(dir: string, redactor: Redactor, opts: { trusted?: string } = {}): RecordStore {
  // Below `trusted` (the workspace) no link is followed: repository code may have planted one.
  const trusted = opts.trusted ?? dir;
  return {
    transcript(runId) {
      return createJsonlTranscript(join(dir, safe(runId), 'transcript.jsonl'), redactor, trusted);
    },
    async write(record) {
      const folder = join(dir, safe(record.runId));
      mkdirNoLinks(folder, trusted);
      const path = join(folder, `${safe(record.automation)}-record.json`);
      // O_NOFOLLOW: a link planted at the record's own name is refused, not followed.
      const flag = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW;
      await writeRunRecord(record, path, { fs: { writeFile: (p, d) => writeFile(p, d, { encoding: 'utf8', flag }) }, redactor });
      return path;
    },
  };
}

/** Keeps everything in memory (tests and the CLI's summary). */
export class MemoryRecordStore implements RecordStore {
  readonly records: RunRecord[] = [];
  readonly transcripts: MemoryTranscript[] = [];
  constructor(private readonly redactor: Redactor) {}
  transcript(): TranscriptSink {
    const t = new MemoryTranscript(this.redactor);
    this.transcripts.push(t);
    return t;
  }
  /** Like the file store, a second write for the same run and automation replaces the first. */
  async write(record: RunRecord): Promise<undefined> {
    const clean = this.redactor.redactDeep(record) as RunRecord;
    const at = this.records.findIndex((r) => r.runId === clean.runId && r.automation === clean.automation);
    if (at >= 0) this.records[at] = clean;
    else this.records.push(clean);
    return undefined;
  }
}

function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}
