import type { AutomationDeps } from '../../shared/automation/types';
import type { IssueActivity, PullActivity } from '../../shared/github/activity';
import type { MetricsWindow } from '../../shared/metrics/compute';
import { parseHistory, QUALITY_JSON, type HistoryEntry } from '../../shared/quality/history';
import { readRunRecords, type SkippedRecord } from '../../shared/records-reader';
import type { RunRecord } from '../../shared/record/run-record';

/** Everything the metrics are computed from, read with bounded requests. */
export interface Collected {
  window: MetricsWindow;
  pulls: PullActivity[];
  issues: IssueActivity[];
  records: RunRecord[];
  skipped: SkippedRecord[];
  quality: HistoryEntry[];
  truncated: boolean;
  notes: string[];
}

/** The window: `days` days ending today (UTC). */
export function windowEnding(now: Date, days: number): MetricsWindow {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

export async function collect(deps: AutomationDeps): Promise<Collected> {
  const settings = deps.config.automations.metrics;
  const window = windowEnding(deps.clock.now(), settings.windowDays);
  const since = `${window.from}T00:00:00Z`;
  const { reader } = deps.github;
  const [pulls, issues, runs, qualityText] = await Promise.all([
    reader.listPullActivity({ since, maxPages: settings.maxPages }),
    reader.listIssueActivity({ since, maxPages: settings.maxPages }),
    readRunRecords(reader, { since, maxArtifacts: settings.maxRunArtifacts }),
    reader.getFileContent(QUALITY_JSON),
  ]);
  const quality = parseHistory(qualityText);
  const notes: string[] = [];
  if (quality.problem) notes.push(quality.problem);
  if (runs.skipped.length)
    notes.push(`${runs.skipped.length} run record(s) skipped: ${runs.skipped.map((s) => `${s.source} (${s.reason})`).join('; ')}`);
  return {
    window,
    pulls: pulls.items,
    issues: issues.items,
    records: runs.records.map((r) => r.record),
    skipped: runs.skipped,
    quality: quality.entries,
    truncated: pulls.truncated || issues.truncated || runs.truncated,
    notes,
  };
}
