/**
 * Mermaid charts as GitHub renders them in issues: `xychart-beta` (bars and lines over days) and
 * `pie`. Labels are quoted with the characters Mermaid cannot hold removed.
 */

function label(text: string): string {
  return `"${text.replace(/["\\\n\r`]/g, ' ').trim()}"`;
}

function num(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 10_000) / 10_000);
}

export interface Series {
  kind: 'bar' | 'line';
  values: readonly number[];
}

/** An xychart: one category per x label, one or more series. */
export function xyChart(opts: { title: string; x: readonly string[]; yLabel: string; series: readonly Series[] }): string {
  const max = Math.max(1, ...opts.series.flatMap((s) => s.values));
  const top = max <= 10 ? Math.ceil(max) : Math.ceil(max * 1.1);
  return [
    'xychart-beta',
    `  title ${label(opts.title)}`,
    `  x-axis [${opts.x.map(label).join(', ')}]`,
    `  y-axis ${label(opts.yLabel)} 0 --> ${num(top)}`,
    ...opts.series.map((s) => `  ${s.kind} [${s.values.map(num).join(', ')}]`),
  ].join('\n');
}

/** A pie chart; slices of zero are left out (Mermaid draws nothing for them). */
export function pieChart(title: string, slices: readonly { label: string; value: number }[]): string {
  return [
    `pie title ${title.replace(/[\n\r]/g, ' ')}`,
    ...slices.filter((s) => s.value > 0).map((s) => `  ${label(s.label)} : ${num(s.value)}`),
  ].join('\n');
}

export function fenced(chart: string): string {
  return ['```mermaid', chart, '```'].join('\n');
}
