/**
 * The dashboard issue's body: charts (Mermaid) and tables of the computed metrics. Every number
 * in it comes from `Metrics`; formatting is the only thing done here.
 */
import type { Metrics } from './compute';
import { fenced, pieChart, xyChart } from './mermaid';

export const DASHBOARD_TITLE = 'Factory dashboard';

export function pct(share: number | null): string {
  return share === null ? 'n/a' : `${Math.round(share * 1000) / 10}%`;
}

export function hours(h: number | null): string {
  return h === null ? 'n/a' : `${Math.round(h * 10) / 10} h`;
}

export function usd(n: number | null): string {
  return n === null ? 'n/a' : `$${n.toFixed(2)}`;
}

function table(head: readonly string[], rows: readonly (readonly (string | number)[])[]): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

/** Markdown cells hold no pipes or newlines. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

export interface DashboardSources {
  pulls: number;
  issues: number;
  records: number;
  skippedRecords: number;
  /** A read hit its page or download bound: the figures cover the newest part only. */
  truncated: boolean;
  updatedAt: string;
}

/** The figures of the flow table, shared with the weekly recap. */
export function flowRows(m: Metrics): [string, string][] {
  return [
    ['Pull requests opened', String(m.prsOpened)],
    ['Pull requests merged', String(m.prsMerged)],
    [
      'Merged without a human commit',
      `${pct(m.mergedWithoutHumanCommit.share)} (${m.mergedWithoutHumanCommit.count} of ${m.mergedWithoutHumanCommit.of})`,
    ],
    ['Lead time, issue opened to merged (median)', hours(m.leadTimeHours.median)],
    ['Lead time, issue opened to merged (p90)', hours(m.leadTimeHours.p90)],
    ['Time to first review (median)', hours(m.firstReviewHours.median)],
    ['Time to first review (p90)', hours(m.firstReviewHours.p90)],
    [
      'Review rounds per merged pull request (mean)',
      m.reviewRounds.mean === null ? 'n/a' : String(Math.round(m.reviewRounds.mean * 10) / 10),
    ],
    ['Needs-human rate', `${pct(m.needsHuman.share)} (${m.needsHuman.count} of ${m.needsHuman.of})`],
    ['Automation runs', String(m.runs.total)],
    ['Cost', usd(m.cost.totalUsd)],
    ['Cost per merged pull request', usd(m.cost.perMergedPrUsd)],
    ['Cache-read share of input tokens', pct(m.cacheReadShare)],
    ['Incidents opened', String(m.incidents.opened)],
    ['Incidents closed', String(m.incidents.closed)],
  ];
}

export function renderDashboard(m: Metrics, sources: DashboardSources): string {
  const x = m.days.map((d) => d.day.slice(5));
  const lines: string[] = [
    `# ${DASHBOARD_TITLE}`,
    '',
    `The last ${m.days.length} days (${m.window.from} to ${m.window.to}, UTC), computed by code from ${sources.pulls} pull requests, ` +
      `${sources.issues} issues and ${sources.records} run records` +
      `${sources.skippedRecords ? ` (${sources.skippedRecords} unreadable run records skipped)` : ''}. Updated ${sources.updatedAt}; ` +
      'this issue is edited in place every day.',
    ...(sources.truncated ? ['', '> Some reads hit their bound: the figures cover the most recent items only.'] : []),
    '',
    '## Flow',
    '',
    fenced(
      xyChart({
        title: 'Pull requests opened (bars) and merged (line) per day',
        x,
        yLabel: 'pull requests',
        series: [
          { kind: 'bar', values: m.days.map((d) => d.opened) },
          { kind: 'line', values: m.days.map((d) => d.merged) },
        ],
      }),
    ),
    '',
    ...table(['Measure', 'Value'], flowRows(m)),
    '',
    '## Review rounds',
    '',
    ...table(
      ['Submitted reviews', 'Merged pull requests'],
      m.reviewRounds.byRounds.map((r) => [r.rounds, r.count]),
    ),
    '',
    '## Needs a person',
    '',
    `${m.needsHuman.count} of ${m.needsHuman.of} issues and pull requests opened in the window carry \`factory:needs-human\` (${pct(m.needsHuman.share)}).`,
    '',
    ...(m.needsHuman.reasons.length
      ? table(
          ['Top reasons', 'Count'],
          m.needsHuman.reasons.map((r) => [cell(r.reason), r.count]),
        )
      : ['No escalation in the window.']),
    '',
    '## Automation runs',
    '',
    ...(m.runs.total
      ? [
          fenced(
            pieChart(
              'Runs by outcome',
              m.runs.byOutcome.map((o) => ({ label: o.outcome, value: o.count })),
            ),
          ),
          '',
          ...table(
            ['Automation', 'Runs', 'success', 'no-op', 'partial', 'failed', 'skipped', 'budget-stop', 'Cost'],
            m.runs.byAutomation.map((a) => [
              a.automation,
              a.total,
              ...['success', 'no-op', 'partial', 'failed', 'skipped', 'budget-stop'].map((o) => a.outcomes[o] ?? 0),
              usd(a.costUsd),
            ]),
          ),
        ]
      : ['No run records in the window.']),
    '',
    '## Cost',
    '',
    fenced(
      xyChart({
        title: 'Model cost per day (USD)',
        x,
        yLabel: 'USD',
        series: [{ kind: 'bar', values: m.days.map((d) => d.costUsd) }],
      }),
    ),
    '',
    ...table(
      ['Measure', 'Value'],
      [
        ['Total', usd(m.cost.totalUsd)],
        ['Per merged pull request', usd(m.cost.perMergedPrUsd)],
        ['Cache-read share of input tokens', pct(m.cacheReadShare)],
      ],
    ),
    '',
    '## Incidents',
    '',
    ...table(['Opened', 'Closed'], [[m.incidents.opened, m.incidents.closed]]),
    '',
    '## Quality grades',
    '',
    ...(m.quality.areas.length
      ? table(
          ['Area', ...m.quality.dates],
          m.quality.areas.map((a) => [cell(a.area), ...a.grades.map((g) => g ?? '–')]),
        )
      : ['No grades yet (`quality.json`).']),
    '',
  ];
  return lines.join('\n');
}
