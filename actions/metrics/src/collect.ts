import type { AutomationDeps } from '../../shared/automation/types';
import type { IssueActivity, PullActivity } from '../../shared/github/activity';
import { getMarker } from '../../shared/github/markers';
import type { Issue } from '../../shared/github/types';
import { aggregateRecords, type MetricsWindow, type RunAggregate } from '../../shared/metrics/compute';
import { DASHBOARD_TITLE } from '../../shared/metrics/dashboard';
import { parseHistory, QUALITY_JSON, type HistoryEntry } from '../../shared/quality/history';
import { readRunRecords, type SkippedRecord } from '../../shared/records-reader';
import { findOwnIssue } from './publish';

export const DASHBOARD_MARKER = { kind: 'metrics', key: 'dashboard' } as const;

/** Everything the metrics are computed from, read with bounded requests. */
export interface Collected {
  window: MetricsWindow;
  pulls: PullActivity[];
  issues: IssueActivity[];
  /** The window's run records, summed: those the last dashboard carried, plus the artifacts uploaded since. */
  runs: RunAggregate[];
  /** Run records read from artifacts by this run. */
  newRecords: number;
  /** The highest run-record artifact id read so far. */
  through: number;
  skipped: SkippedRecord[];
  quality: HistoryEntry[];
  /** The dashboard issue, when it exists. */
  dashboard: Issue | undefined;
  truncated: boolean;
  notes: string[];
}

/** The window: `days` days ending today (UTC). */
export function windowEnding(now: Date, days: number): MetricsWindow {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

type Row = [string, string, string, number, number, number, number, number];

/** The marker carries at most this many characters of state; past it, the next run reads every artifact again. */
const MAX_STATE_CHARS = 30_000;

/** The dashboard marker's data: the summed run records (as rows) and the last artifact read. */
export function dashboardState(runs: readonly RunAggregate[], through: number): Record<string, unknown> {
  const state = {
    v: 1,
    through,
    runs: runs.map((a): Row => [a.day, a.automation, a.outcome, a.runs, a.costUsd, a.input, a.cacheRead, a.cacheWrite]),
  };
  return JSON.stringify(state).length > MAX_STATE_CHARS ? { v: 1, through: 0, runs: [] } : state;
}

export const RECAP_TITLE_PREFIX = 'Factory weekly recap, ';

/** The issues the metrics count: not the factory's own reports (the dashboard, the recaps). */
export function countedIssues(issues: readonly IssueActivity[], botLogin: string): IssueActivity[] {
  const bot = botLogin.replace(/\[bot\]$/, '');
  const report = (i: IssueActivity): boolean =>
    i.author?.replace(/\[bot\]$/, '') === bot && (i.title === DASHBOARD_TITLE || i.title.startsWith(RECAP_TITLE_PREFIX));
  return issues.filter((i) => !report(i));
}

function carried(issue: Issue | undefined): { through: number; runs: RunAggregate[] } {
  const data = issue ? getMarker(issue.body, DASHBOARD_MARKER)?.data : undefined;
  if (!data || data.v !== 1 || typeof data.through !== 'number' || !Array.isArray(data.runs)) return { through: 0, runs: [] };
  const runs: RunAggregate[] = [];
  for (const row of data.runs as unknown[]) {
    if (!Array.isArray(row) || row.length !== 8) return { through: 0, runs: [] };
    const [day, automation, outcome, ...n] = row as Row;
    if (typeof day !== 'string' || typeof automation !== 'string' || typeof outcome !== 'string' || n.some((x) => typeof x !== 'number')) {
      return { through: 0, runs: [] };
    }
    runs.push({ day, automation, outcome, runs: n[0], costUsd: n[1], input: n[2], cacheRead: n[3], cacheWrite: n[4] });
  }
  return { through: data.through, runs };
}

export async function collect(deps: AutomationDeps): Promise<Collected> {
  const settings = deps.config.automations.metrics;
  const window = windowEnding(deps.clock.now(), settings.windowDays);
  const since = `${window.from}T00:00:00Z`;
  const { reader } = deps.github;
  const [pulls, issues, qualityText] = await Promise.all([
    reader.listPullActivity({ since, maxPages: settings.maxPages }),
    reader.listIssueActivity({ since, maxPages: settings.maxPages }),
    reader.getFileContent(QUALITY_JSON),
  ]);
  // What the last dashboard summed is not downloaded again: only the artifacts uploaded since.
  const dashboard = await findOwnIssue(deps, issues.items, DASHBOARD_MARKER, DASHBOARD_TITLE);
  const before = carried(dashboard);
  const read = await readRunRecords(reader, { since, maxArtifacts: settings.maxRunArtifacts, afterId: before.through });
  const runs = aggregateRecords(
    read.records.map((r) => r.record),
    before.runs.filter((a) => a.day >= window.from),
  );
  const quality = parseHistory(qualityText);
  const notes: string[] = [];
  if (quality.problem) notes.push(quality.problem);
  if (read.skipped.length)
    notes.push(`${read.skipped.length} run record(s) skipped: ${read.skipped.map((s) => `${s.source} (${s.reason})`).join('; ')}`);
  return {
    window,
    pulls: pulls.items,
    issues: issues.items,
    runs,
    newRecords: read.records.length,
    through: read.lastId,
    skipped: read.skipped,
    quality: quality.entries,
    dashboard,
    truncated: pulls.truncated || issues.truncated || read.truncated,
    notes,
  };
}
