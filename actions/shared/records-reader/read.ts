/**
 * The factory's run records, collected from the workflow artifacts its automations upload
 * (`factory-<automation>-run-<run id>-<attempt>`, each holding `<runId>/<automation>-record.json`
 * and `<runId>/transcript.jsonl`). Bounded: pages of artifacts and a cap on downloads. A missing,
 * expired or corrupt record is counted and skipped, never fatal.
 */
import type { TranscriptEvent } from '../agent/transcript';
import type { Artifact } from '../github/activity';
import type { GitHubReader } from '../github/types';
import type { RunRecord } from '../record/run-record';
import { groupRunFiles, parseRunRecord, parseTranscript } from './parse';
import { unzip } from './unzip';

/** The artifact names the factory's workflows upload run records under. */
export const RUN_ARTIFACT = /^factory-[a-z0-9-]+-run-\d+-\d+$/;
export const RUN_ARTIFACT_PREFIX = 'factory-';

export interface LoadedRecord {
  record: RunRecord;
  /** Where it came from: an artifact's name, or a file path. */
  source: string;
  transcript?: TranscriptEvent[];
}

export interface SkippedRecord {
  source: string;
  reason: string;
}

export interface RecordsRead {
  records: LoadedRecord[];
  /** The highest artifact id read or skipped as read before (0: none), for `afterId` next time. */
  lastId: number;
  skipped: SkippedRecord[];
  /** Artifacts downloaded. */
  artifacts: number;
  /** More artifacts matched than were read (pages or the download cap). */
  truncated: boolean;
  /** GitHub requests made. */
  requests: number;
}

export interface ReadRecordsOptions {
  /** Artifacts created at or after this instant. */
  since: string;
  /** Downloads at most this many artifacts (newest first). Default 200. */
  maxArtifacts?: number;
  /** Pages of 100 artifacts listed at most. Default 10. */
  maxPages?: number;
  /** Keep each run's transcript too. Default false. */
  transcripts?: boolean;
  /** Artifacts already read (by id): listed but not downloaded again. */
  skipIds?: ReadonlySet<number>;
  /** Artifacts with this id or a lower one were read by an earlier run (ids grow): not downloaded again. */
  afterId?: number;
}

/** The records in one artifact's archive; what cannot be read goes to `skipped`. */
export function recordsFromArchive(
  archive: Uint8Array,
  source: string,
  opts: { transcripts?: boolean } = {},
): { records: LoadedRecord[]; skipped: SkippedRecord[] } {
  let files: Map<string, Buffer>;
  try {
    files = unzip(archive);
  } catch (e) {
    return { records: [], skipped: [{ source, reason: `corrupt archive: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  return recordsFromFiles(
    [...files].map(([path, data]) => [path, data.toString('utf8')]),
    source,
    opts,
  );
}

/** The records among files by path (an archive's, or `.factory/runs/`'s). */
export function recordsFromFiles(
  files: Iterable<[string, string]>,
  source: string,
  opts: { transcripts?: boolean } = {},
): { records: LoadedRecord[]; skipped: SkippedRecord[] } {
  const records: LoadedRecord[] = [];
  const skipped: SkippedRecord[] = [];
  const runs = groupRunFiles(files);
  if (runs.every((r) => r.records.length === 0)) return { records, skipped: [{ source, reason: 'no run record in it' }] };
  for (const run of runs) {
    const transcript = opts.transcripts && run.transcript ? parseTranscript(run.transcript.text).events : undefined;
    for (const file of run.records) {
      const parsed = parseRunRecord(file.text);
      if (!parsed.ok) skipped.push({ source: `${source}:${file.path}`, reason: parsed.reason });
      else records.push({ record: parsed.value, source, ...(transcript ? { transcript } : {}) });
    }
  }
  return { records, skipped };
}

/** List the run-record artifacts created since `since`, download and read each. */
export async function readRunRecords(
  reader: Pick<GitHubReader, 'listArtifacts' | 'downloadArtifact'>,
  opts: ReadRecordsOptions,
): Promise<RecordsRead> {
  const listed = await reader.listArtifacts({
    namePrefix: RUN_ARTIFACT_PREFIX,
    since: opts.since,
    ...(opts.maxPages !== undefined ? { maxPages: opts.maxPages } : {}),
  });
  const max = opts.maxArtifacts ?? 200;
  const wanted: Artifact[] = listed.items.filter(
    (a) => RUN_ARTIFACT.test(a.name) && !opts.skipIds?.has(a.id) && (opts.afterId === undefined || a.id > opts.afterId),
  );
  const out: RecordsRead = {
    records: [],
    lastId: Math.max(0, opts.afterId ?? 0, ...wanted.slice(0, max).map((a) => a.id)),
    skipped: [],
    artifacts: 0,
    truncated: listed.truncated || wanted.length > max,
    requests: listed.requests,
  };
  for (const artifact of wanted.slice(0, max)) {
    if (artifact.expired) {
      out.skipped.push({ source: artifact.name, reason: 'expired' });
      continue;
    }
    let archive: Uint8Array;
    try {
      out.requests += 1;
      archive = await reader.downloadArtifact(artifact.id);
    } catch (e) {
      out.skipped.push({ source: artifact.name, reason: `download failed: ${e instanceof Error ? e.message : String(e)}` });
      continue;
    }
    out.artifacts += 1;
    const read = recordsFromArchive(archive, artifact.name, opts);
    out.records.push(...read.records);
    out.skipped.push(...read.skipped);
  }
  return out;
}
