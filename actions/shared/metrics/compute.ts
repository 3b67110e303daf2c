/**
 * The factory's metrics, computed by code from GitHub data and run records: no model involved.
 * Every function here is pure; days are UTC calendar days; durations are in hours; percentiles
 * use the nearest-rank method (p50 is the median).
 */
import type { IssueActivity, PullActivity } from '../github/activity';
import type { HistoryEntry } from '../quality/history';
import type { RunRecord } from '../record/run-record';

export const NEEDS_HUMAN = 'factory:needs-human';
/** Labels that make an issue an incident. */
export const INCIDENT_LABELS = ['type:incident', 'source:sentry'] as const;
export const OUTCOMES = ['success', 'no-op', 'partial', 'failed', 'skipped', 'budget-stop'] as const;

export interface MetricsWindow {
  /** First day (YYYY-MM-DD) counted. */
  from: string;
  /** Last day (YYYY-MM-DD) counted, inclusive. */
  to: string;
}

/**
 * Run records summed by day, automation and outcome: all the dashboard needs of them, small enough
 * to carry from one run to the next in the dashboard's marker (so a daily run downloads only the
 * artifacts uploaded since the last one).
 */
export interface RunAggregate {
  day: string;
  automation: string;
  outcome: string;
  runs: number;
  costUsd: number;
  input: number;
  cacheRead: number;
  cacheWrite: number;
}

/** The records summed by day, automation and outcome, added to `into` when given. */
export function aggregateRecords(records: readonly RunRecord[], into: readonly RunAggregate[] = []): RunAggregate[] {
  const byKey = new Map<string, RunAggregate>();
  const add = (a: RunAggregate): void => {
    const key = `${a.day}\u0000${a.automation}\u0000${a.outcome}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { ...a });
    else {
      seen.runs += a.runs;
      seen.costUsd = round(seen.costUsd + a.costUsd, 6);
      seen.input += a.input;
      seen.cacheRead += a.cacheRead;
      seen.cacheWrite += a.cacheWrite;
    }
  };
  for (const a of into) add(a);
  for (const r of records) {
    add({
      day: dayOf(r.startedAt),
      automation: r.automation,
      outcome: r.outcome,
      runs: 1,
      costUsd: r.costUsd,
      input: r.usage.input,
      cacheRead: r.usage.cacheRead,
      cacheWrite: r.usage.cacheWrite,
    });
  }
  return [...byKey.values()].sort(
    (a, b) => a.day.localeCompare(b.day) || a.automation.localeCompare(b.automation) || a.outcome.localeCompare(b.outcome),
  );
}

const sum = (list: readonly RunAggregate[], f: (a: RunAggregate) => number): number => list.reduce((s, a) => s + f(a), 0);

export interface MetricsInput {
  window: MetricsWindow;
  pulls: readonly PullActivity[];
  issues: readonly IssueActivity[];
  /** The run records, summed (aggregateRecords). */
  runs: readonly RunAggregate[];
  quality: readonly HistoryEntry[];
  /** Logins that are the factory's own (its bot, its App): commits by them are not a person's. */
  botLogins: readonly string[];
}

export interface Distribution {
  count: number;
  median: number | null;
  p90: number | null;
}

export interface DayRow {
  day: string;
  opened: number;
  merged: number;
  costUsd: number;
  runs: number;
}

export interface Metrics {
  window: MetricsWindow;
  days: DayRow[];
  prsOpened: number;
  prsMerged: number;
  /** Merged pull requests whose every commit a bot made, of those whose commits were read. */
  mergedWithoutHumanCommit: { count: number; of: number; share: number | null };
  /** Issue opened -> its pull request merged, hours (merged pull requests that close an issue). */
  leadTimeHours: Distribution;
  /** Pull request opened -> first review by someone else, hours. */
  firstReviewHours: Distribution;
  /** Submitted reviews per merged pull request: how many needed 1, 2, 3 or more. */
  reviewRounds: { merged: number; mean: number | null; byRounds: { rounds: string; count: number }[] };
  /** Issues and pull requests opened in the window that carry factory:needs-human. */
  needsHuman: { count: number; of: number; share: number | null; reasons: { reason: string; count: number }[] };
  runs: {
    total: number;
    byOutcome: { outcome: string; count: number }[];
    byAutomation: { automation: string; total: number; outcomes: Record<string, number>; costUsd: number }[];
  };
  cost: { totalUsd: number; perMergedPrUsd: number | null };
  /** Cache reads over all input tokens (input + cache read + cache write). */
  cacheReadShare: number | null;
  incidents: { opened: number; closed: number };
  quality: { dates: string[]; areas: { area: string; grades: (string | null)[] }[] };
}

export function dayOf(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}

export function daysOf(window: MetricsWindow): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${window.from}T00:00:00Z`); t <= Date.parse(`${window.to}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

export function inWindow(iso: string | null | undefined, window: MetricsWindow): boolean {
  if (!iso) return false;
  const day = dayOf(iso);
  return day >= window.from && day <= window.to;
}

/** Nearest rank: the smallest value with at least p% of the values at or below it. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function distribution(values: readonly number[]): Distribution {
  return { count: values.length, median: percentile(values, 50), p90: percentile(values, 90) };
}

const hoursBetween = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / 3_600_000;

function isBotCommit(author: PullActivity['commitAuthors'][number], botLogins: readonly string[]): boolean {
  const bots = botLogins.map((b) => b.toLowerCase().replace(/\[bot\]$/, ''));
  const login = author.login?.toLowerCase().replace(/\[bot\]$/, '');
  if (login && bots.includes(login)) return true;
  if (author.login?.endsWith('[bot]')) return true;
  if (author.login) return false;
  // GitHub matches no User to an App's commit: its git identity says it is a bot.
  return /\[bot\]/i.test(author.name) || /\[bot\]@/i.test(author.email);
}

/** The first line of a factory escalation comment (`<!-- factory:<automation>:needs-human -->`), as its reason. */
export function escalationReason(comments: readonly { author: string | null; body: string }[], botLogins: readonly string[]): string {
  const bots = botLogins.map((b) => b.toLowerCase().replace(/\[bot\]$/, ''));
  for (const c of [...comments].reverse()) {
    const author = c.author?.toLowerCase().replace(/\[bot\]$/, '');
    if (!author || !bots.includes(author)) continue;
    if (!/<!-- factory:[A-Za-z0-9._/-]+:needs-human[ >]/.test(c.body)) continue;
    const line = c.body
      .replace(/<!--[\s\S]*?-->/g, '')
      .split('\n')
      .map((l) =>
        l
          .replace(/^[#>*\s-]+/, '')
          .replace(/[*_`]/g, '')
          .trim(),
      )
      .find((l) => l.length > 0);
    if (line) return line.length > 80 ? `${line.slice(0, 79)}…` : line;
  }
  return '(no reason given)';
}

/** The area's grade as of the end of `date`: its last entry on or before it. */
function gradeAt(entries: readonly HistoryEntry[], area: string, date: string): string | null {
  const found = entries.filter((e) => e.area === area && e.date.slice(0, 10) <= date);
  return found.length ? found[found.length - 1]!.grade : null;
}

export function computeMetrics(input: MetricsInput): Metrics {
  const { window, botLogins } = input;
  const days = daysOf(window);
  const opened = input.pulls.filter((p) => inWindow(p.createdAt, window));
  const merged = input.pulls.filter((p) => inWindow(p.mergedAt, window));
  const records = input.runs.filter((r) => r.day >= window.from && r.day <= window.to);

  const dayRows: DayRow[] = days.map((day) => ({
    day,
    opened: opened.filter((p) => dayOf(p.createdAt) === day).length,
    merged: merged.filter((p) => dayOf(p.mergedAt!) === day).length,
    costUsd: round(
      sum(
        records.filter((r) => r.day === day),
        (r) => r.costUsd,
      ),
      4,
    ),
    runs: sum(
      records.filter((r) => r.day === day),
      (r) => r.runs,
    ),
  }));

  const withCommits = merged.filter((p) => p.commitAuthors.length > 0);
  const botOnly = withCommits.filter((p) => p.commitAuthors.every((a) => isBotCommit(a, botLogins)));

  const leadTimes = merged.flatMap((p) => {
    if (p.closingIssues.length === 0) return [];
    const first = p.closingIssues.map((i) => i.createdAt).sort()[0]!;
    return [hoursBetween(first, p.mergedAt!)];
  });

  const firstReviews = opened.flatMap((p) => {
    const times = p.reviews
      .filter((r) => r.submittedAt && r.state !== 'PENDING' && r.author !== p.author)
      .map((r) => r.submittedAt!)
      .sort();
    return times.length ? [hoursBetween(p.createdAt, times[0]!)] : [];
  });

  const rounds = merged.map((p) => p.reviews.filter((r) => r.submittedAt && r.state !== 'PENDING').length);
  const byRounds = ['0', '1', '2', '3+'].map((label) => ({
    rounds: label,
    count: rounds.filter((n) => (label === '3+' ? n >= 3 : n === Number(label))).length,
  }));

  const subjects = [
    ...opened.map((p) => ({ labels: p.labels, comments: p.lastComments })),
    ...input.issues.filter((i) => inWindow(i.createdAt, window)).map((i) => ({ labels: i.labels, comments: i.lastComments })),
  ];
  const escalated = subjects.filter((s) => s.labels.includes(NEEDS_HUMAN));
  const reasons = new Map<string, number>();
  for (const s of escalated) {
    const reason = escalationReason(s.comments, botLogins);
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }

  const byOutcome = OUTCOMES.map((outcome) => ({
    outcome,
    count: sum(
      records.filter((r) => r.outcome === outcome),
      (r) => r.runs,
    ),
  })).filter((o) => o.count > 0);
  const automations = [...new Set(records.map((r) => r.automation))].sort();
  const byAutomation = automations.map((automation) => {
    const mine = records.filter((r) => r.automation === automation);
    const outcomes: Record<string, number> = {};
    for (const r of mine) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + r.runs;
    return {
      automation,
      total: sum(mine, (r) => r.runs),
      outcomes,
      costUsd: round(
        sum(mine, (r) => r.costUsd),
        4,
      ),
    };
  });

  const totalUsd = sum(records, (r) => r.costUsd);
  const inputTokens = sum(records, (r) => r.input + r.cacheRead + r.cacheWrite);
  const cacheRead = sum(records, (r) => r.cacheRead);

  const incidents = input.issues.filter((i) => i.labels.some((l) => (INCIDENT_LABELS as readonly string[]).includes(l)));

  const qualityEntries = input.quality.filter((e) => e.date.slice(0, 10) <= window.to);
  const qualityDates = [...new Set(qualityEntries.map((e) => e.date.slice(0, 10)))].sort().slice(-6);
  const areas = [...new Set(qualityEntries.map((e) => e.area))].sort();

  return {
    window,
    days: dayRows,
    prsOpened: opened.length,
    prsMerged: merged.length,
    mergedWithoutHumanCommit: { count: botOnly.length, of: withCommits.length, share: ratio(botOnly.length, withCommits.length) },
    leadTimeHours: distribution(leadTimes),
    firstReviewHours: distribution(firstReviews),
    reviewRounds: { merged: merged.length, mean: rounds.length ? rounds.reduce((a, b) => a + b, 0) / rounds.length : null, byRounds },
    needsHuman: {
      count: escalated.length,
      of: subjects.length,
      share: ratio(escalated.length, subjects.length),
      reasons: [...reasons]
        .map(([reason, count]) => ({ reason, count }))
        .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
        .slice(0, 5),
    },
    runs: { total: sum(records, (r) => r.runs), byOutcome, byAutomation },
    cost: { totalUsd: round(totalUsd, 4), perMergedPrUsd: merged.length ? round(totalUsd / merged.length, 4) : null },
    cacheReadShare: ratio(cacheRead, inputTokens),
    incidents: {
      opened: incidents.filter((i) => inWindow(i.createdAt, window)).length,
      closed: incidents.filter((i) => inWindow(i.closedAt, window)).length,
    },
    quality: {
      dates: qualityDates,
      areas: areas.map((area) => ({ area, grades: qualityDates.map((d) => gradeAt(qualityEntries, area, d)) })),
    },
  };
}

function ratio(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}

export function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
