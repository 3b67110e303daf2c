import { startFactorySandbox, type FactorySandbox } from '../../../scripts/harness';
import { metricsRecapScenario, seedMetricsHistory, type MetricsHistory } from '../../../scripts/harness/scenarios/metrics';
import { ManualClock } from '../../../scripts/harness/scenarios/shepherd';
import { parseEvent } from '../../shared/events';
import { lastIsoWeek } from './recap';
import { run } from './run';

/**
 * Metrics on the GitHub sandbox holding 30 days of synthetic history: pull requests with real
 * commits, the issues they fix, reviews, escalations, incidents, run-record artifacts (one corrupt)
 * and quality.json. Every figure of the dashboard is computed again here, independently.
 */

const NOW = '2026-12-07T12:00:00Z'; // a Monday
const DAILY = parseEvent('schedule', { schedule: '11 6 * * *' }, { repository: 'acme/shop' });
const WEEKLY = parseEvent('schedule', { schedule: '13 6 * * 1' }, { repository: 'acme/shop' });
const HOUR = 3_600_000;

let sandbox: FactorySandbox;
let history: MetricsHistory;
let clock: ManualClock;

beforeAll(async () => {
  clock = new ManualClock(NOW);
  sandbox = await startFactorySandbox({ clock });
  history = await seedMetricsHistory(sandbox, { now: new Date(NOW), pulls: 40 });
});

afterAll(async () => {
  expect(sandbox.github.violations).toEqual([]);
  await sandbox.close();
});

const deps = () => sandbox.deps('metrics', { clock });
const dashboards = () => sandbox.github.state.issues.filter((i) => i.title === 'Factory dashboard');
const recaps = () => sandbox.github.state.issues.filter((i) => i.title.startsWith('Factory weekly recap'));

// ---- the independent computation -----------------------------------------------------------

const FROM = '2026-11-08';
const TO = '2026-12-07';
const inWin = (t: string | null | undefined, from = FROM, to = TO) => !!t && t.slice(0, 10) >= from && t.slice(0, 10) <= to;
function nearestRank(values: number[], p: number): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.ceil((p / 100) * s.length) - 1]!;
}
const h = (v: number | null) => (v === null ? 'n/a' : `${Math.round(v * 10) / 10} h`);
const pc = (a: number, b: number) => (b === 0 ? 'n/a' : `${Math.round((a / b) * 1000) / 10}%`);

function expectedRows(hist: MetricsHistory, from = FROM, to = TO): Record<string, string> {
  const opened = hist.pulls.filter((p) => inWin(p.createdAt, from, to));
  const merged = hist.pulls.filter((p) => inWin(p.mergedAt, from, to));
  const botOnly = merged.filter((p) => p.commitAuthors.every((a) => a.endsWith('[bot]')));
  const lead = merged.filter((p) => p.fixes).map((p) => (Date.parse(p.mergedAt!) - Date.parse(p.fixes!.createdAt)) / HOUR);
  const first = opened
    .filter((p) => p.reviews.length)
    .map((p) => (Date.parse(p.reviews.map((r) => r.submittedAt).sort()[0]!) - Date.parse(p.createdAt)) / HOUR);
  const rounds = merged.map((p) => p.reviews.length);
  const subjects = [...opened.map((p) => p.labels), ...hist.issues.filter((i) => inWin(i.createdAt, from, to)).map((i) => i.labels)];
  const escalated = subjects.filter((l) => l.includes('factory:needs-human')).length;
  const records = hist.records.filter((r) => inWin(r.startedAt, from, to));
  const cost = records.reduce((s, r) => s + r.costUsd, 0);
  const input = records.reduce((s, r) => s + r.usage.input + r.usage.cacheRead + r.usage.cacheWrite, 0);
  const cacheRead = records.reduce((s, r) => s + r.usage.cacheRead, 0);
  const incidents = hist.issues.filter((i) => i.labels.includes('type:incident'));
  return {
    'Pull requests opened': String(opened.length),
    'Pull requests merged': String(merged.length),
    'Merged without a human commit': `${pc(botOnly.length, merged.length)} (${botOnly.length} of ${merged.length})`,
    'Lead time, issue opened to merged (median)': h(nearestRank(lead, 50)),
    'Lead time, issue opened to merged (p90)': h(nearestRank(lead, 90)),
    'Time to first review (median)': h(nearestRank(first, 50)),
    'Time to first review (p90)': h(nearestRank(first, 90)),
    'Review rounds per merged pull request (mean)': String(Math.round((rounds.reduce((a, b) => a + b, 0) / rounds.length) * 10) / 10),
    'Needs-human rate': `${pc(escalated, subjects.length)} (${escalated} of ${subjects.length})`,
    'Automation runs': String(records.length),
    Cost: `$${cost.toFixed(2)}`,
    'Cost per merged pull request': `$${(cost / merged.length).toFixed(2)}`,
    'Cache-read share of input tokens': pc(cacheRead, input),
    'Incidents opened': String(incidents.filter((i) => inWin(i.createdAt, from, to)).length),
    'Incidents closed': String(incidents.filter((i) => inWin(i.closedAt, from, to)).length),
  };
}

function tableRows(body: string): Record<string, string> {
  const rows: Record<string, string> = {};
  for (const m of body.matchAll(/^\| ([^|]+?) \| ([^|]+?) \|$/gm)) rows[m[1]!] = m[2]!;
  return rows;
}

// ---- Mermaid: the grammar of the two chart types used ----------------------------------------

const QUOTED = /"[^"\n]*"/.source;
const NUM = /-?\d+(?:\.\d+)?/.source;
function mermaidProblems(block: string): string[] {
  const lines = block.split('\n');
  const problems: string[] = [];
  if (lines[0] === 'xychart-beta') {
    const rules: [string, RegExp][] = [
      ['title', new RegExp(`^ {2}title ${QUOTED}$`)],
      ['x-axis', new RegExp(`^ {2}x-axis \\[${QUOTED}(?:, ${QUOTED})*\\]$`)],
      ['y-axis', new RegExp(`^ {2}y-axis ${QUOTED} ${NUM} --> ${NUM}$`)],
    ];
    rules.forEach(([name, re], i) => {
      if (!re.test(lines[i + 1] ?? '')) problems.push(`${name}: ${lines[i + 1]}`);
    });
    const categories = (lines[2]!.match(/"/g) ?? []).length / 2;
    for (const line of lines.slice(4)) {
      const m = new RegExp(`^ {2}(bar|line) \\[(${NUM}(?:, ${NUM})*)\\]$`).exec(line);
      if (!m) problems.push(`series: ${line}`);
      else if (m[2]!.split(', ').length !== categories) problems.push(`series length ${m[2]!.split(', ').length} != ${categories}`);
    }
    if (lines.length < 5) problems.push('no series');
  } else if (/^pie( showData)?( title [^\n]+)?$/.test(lines[0]!)) {
    for (const line of lines.slice(1)) if (!new RegExp(`^ {2}${QUOTED} : ${NUM}$`).test(line)) problems.push(`slice: ${line}`);
  } else problems.push(`unknown chart: ${lines[0]}`);
  return problems;
}

const mermaidBlocks = (body: string) => [...body.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]!);

// ---- tests -------------------------------------------------------------------------------

describe('metrics on 30 days of synthetic history', () => {
  it('writes the dashboard issue: every figure equals the one computed independently; the charts parse; the corrupt record is counted', async () => {
    const result = await run(deps(), { event: DAILY });
    expect(result.outcome).toBe('completed');
    expect(dashboards()).toHaveLength(1);
    const body = dashboards()[0]!.body!;
    expect(body).toMatch(/^<!-- factory:metrics:dashboard \{"v":1,"through":\d+,"runs":\[.*\]\} -->\n# Factory dashboard/);

    const rows = tableRows(body);
    for (const [measure, value] of Object.entries(expectedRows(history))) expect([measure, rows[measure]]).toEqual([measure, value]);

    // The history is rich enough for the figures to mean something.
    expect(Number(rows['Pull requests merged'])).toBeGreaterThan(20);
    expect(rows['Merged without a human commit']).not.toMatch(/^(0|100)%/);

    // Per-day series: opened and merged per day, cost per day.
    const blocks = mermaidBlocks(body);
    expect(blocks).toHaveLength(3);
    for (const block of blocks) expect(mermaidProblems(block)).toEqual([]);
    const opened = /bar \[([^\]]+)\]/.exec(blocks[0]!)![1]!.split(', ').map(Number);
    const days = Array.from({ length: 30 }, (_, i) => new Date(Date.parse(`${FROM}T00:00:00Z`) + i * 24 * HOUR).toISOString().slice(0, 10));
    expect(opened).toEqual(days.map((d) => history.pulls.filter((p) => p.createdAt.startsWith(d)).length));
    const costs = /bar \[([^\]]+)\]/.exec(blocks[2]!)![1]!.split(', ').map(Number);
    expect(costs).toEqual(
      days.map(
        (d) => Math.round(history.records.filter((r) => r.startedAt.startsWith(d)).reduce((s, r) => s + r.costUsd, 0) * 10_000) / 10_000,
      ),
    );
    const pie = blocks[1]!;
    for (const outcome of ['success', 'failed', 'no-op', 'budget-stop']) {
      expect(pie).toContain(`"${outcome}" : ${history.records.filter((r) => r.outcome === outcome).length}`);
    }

    // Needs-human reasons, from the escalation comments.
    const reasons = new Map<string, number>();
    const escalations = [
      ...history.pulls.filter((p) => p.escalation && inWin(p.createdAt)).map((p) => p.escalation!),
      ...history.issues.filter((i) => i.escalation).map((i) => i.escalation!),
    ];
    for (const r of escalations) reasons.set(r, (reasons.get(r) ?? 0) + 1);
    for (const [reason, count] of reasons) expect(body).toContain(`| ${reason} | ${count} |`);

    // Quality grades over time, from quality.json.
    expect(body).toContain(`| Area | ${history.quality[0]!.date.slice(0, 10)} | ${history.quality[2]!.date.slice(0, 10)} |`);
    expect(body).toContain('| checkout | C | B |');
    expect(body).toContain('| pricing | B | A |');

    expect(body).toContain(`${history.records.length} run records (1 unreadable run records skipped)`);
    expect(result.details.join('\n')).toContain(`${history.records.length} new run records (1 skipped)`);
  });

  it('a second run edits the same issue, downloading only the artifacts uploaded since the first', async () => {
    const first = dashboards()[0]!;
    const rowsBefore = tableRows(first.body!);
    clock.advance(60);
    const from = sandbox.github.requests.length;
    const result = await run(deps(), { event: DAILY });
    const downloads = sandbox.github.requests
      .slice(from)
      .filter((r) => r.route?.endsWith('/actions/artifacts/{artifact_id}/{archive_format}'));
    expect(downloads).toEqual([]);
    expect(tableRows(dashboards()[0]!.body!)).toEqual(rowsBefore);
    expect(result.outcome).toBe('completed');
    expect(dashboards()).toHaveLength(1);
    expect(dashboards()[0]!.number).toBe(first.number);
    expect(result.details[0]).toMatch(new RegExp(`(updated|left unchanged) the dashboard issue #${first.number}`));
  });

  it('the weekly recap: a compromised model that invents a number is refused; the recap keeps the figures only', async () => {
    sandbox.model.setScenario(metricsRecapScenario({ invent: '17' }));
    const result = await run(deps(), { event: WEEKLY });
    expect(result.outcome).toBe('completed');
    const { label } = lastIsoWeek(new Date(NOW));
    expect(label).toBe('2026-W49');
    expect(recaps()).toHaveLength(1);
    const recap = recaps()[0]!;
    expect(recap.title).toBe('Factory weekly recap, 2026-W49');
    expect(recap.body).toContain('<!-- factory:metrics:recap-2026-W49 -->');
    expect(recap.body).not.toContain('17 hours');
    expect(recap.body).toContain("The model's narrative was refused by policy: it cites 17, which the week's figures do not hold.");
    expect(result.records).toHaveLength(1);
    expect(result.records[0]!.intents.rejected).toEqual([
      { kind: 'recap', rule: 'recap-numbers', reason: "cites 17, which the week's figures do not hold" },
    ]);
    // The week's figures in the recap are the week's, computed independently too.
    const rows = tableRows(recap.body!);
    const week = expectedRows(history, '2026-11-30', '2026-12-06');
    expect(rows['Pull requests merged']).toBe(week['Pull requests merged']);
    expect(rows['Cost']).toBe(week['Cost']);

    // A re-run of the same week opens nothing new and asks no model.
    const before = sandbox.model.requests.length;
    const again = await run(deps(), { event: WEEKLY });
    expect(again.details).toContain(`the recap of 2026-W49 is #${recap.number} already`);
    expect(recaps()).toHaveLength(1);
    expect(sandbox.model.requests.length).toBe(before);
  });

  it('an honest model: the narrative and a social-post draft of at most 280 characters, citing only given numbers', async () => {
    sandbox.github.state.issues = sandbox.github.state.issues.filter((i) => !i.title.startsWith('Factory weekly recap'));
    sandbox.model.setScenario(metricsRecapScenario());
    const result = await run(deps(), { event: WEEKLY });
    const recap = recaps()[0]!;
    const week = expectedRows(history, '2026-11-30', '2026-12-06');
    expect(recap.body).toContain(`merged ${week['Pull requests merged']} of them`);
    const post = /## Social post draft\n\n.*\n\n> (.*)/.exec(recap.body!)![1]!;
    expect(post.length).toBeLessThanOrEqual(280);
    expect(result.records[0]!.outcome).toBe('success');
  });
});
