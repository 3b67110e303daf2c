import type { RunRecord } from './run-record';

/** The job summary: a compact Markdown view of one run record. */

const MAX_CELL = 160;

/** One table cell: no pipes, no newlines, no HTML, bounded. */
export function cell(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').trim();
  return flat.length > MAX_CELL ? `${flat.slice(0, MAX_CELL - 1)}…` : flat;
}

/** Text on one line, no HTML (not bounded: a reason and its fix are read whole). */
function inline(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/</g, '&lt;').replace(/>/g, '&gt;').trim();
}

function table(headers: string[], rows: string[][]): string {
  return [
    `| ${headers.join(' | ')} |`,
    `|${headers.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

function duration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function summaryMarkdown(record: RunRecord): string {
  const trigger = record.trigger.action ? `${record.trigger.event}.${record.trigger.action}` : record.trigger.event;
  const subject = record.subject ? `${record.subject.type === 'pr' ? 'PR' : 'issue'} #${record.subject.number}` : '-';
  const tokensIn = record.usage.input + record.usage.cacheRead + record.usage.cacheWrite;
  const parts = [
    `### ${cell(record.automation)}: ${record.outcome}${record.budgetStop ? ` (budget: ${cell(record.budgetStop.reason)})` : ''}`,
    table(
      ['run', 'trigger', 'subject', 'model', 'turns', 'tokens in / out', 'cost', 'duration'],
      [
        [
          record.runId,
          trigger,
          subject,
          record.model,
          String(record.turns),
          `${tokensIn.toLocaleString('en-US')} / ${record.usage.output.toLocaleString('en-US')}`,
          `$${record.costUsd.toFixed(4)}`,
          duration(record.durationMs),
        ],
      ],
    ),
  ];
  if (record.applied.length) {
    parts.push(
      '**Intents**',
      table(
        ['intent', 'result', 'detail'],
        record.applied.map((a) => [a.summary, a.status, a.detail]),
      ),
    );
  } else if (record.intents.accepted.length === 0) {
    parts.push('No intents were accepted.');
  }
  if (record.intents.rejected.length) {
    parts.push(
      '**Rejected by policy**',
      table(
        ['intent', 'rule', 'reason'],
        record.intents.rejected.map((r) => [r.kind, r.rule, r.reason]),
      ),
    );
  }
  if (record.toolRefusals.length) {
    parts.push(
      '**Tool refusals**',
      table(
        ['tool', 'rule', 'message'],
        record.toolRefusals.map((r) => [r.tool, r.rule, r.message]),
      ),
    );
  }
  if (record.counts && Object.keys(record.counts).length) {
    parts.push(
      '**Counts**',
      table(
        ['what', 'count'],
        Object.entries(record.counts).map(([k, v]) => [k, String(v)]),
      ),
    );
  }
  if (record.isolation && !record.isolation.isolated) {
    const what = record.isolation.ran
      ? 'Repository code ran WITHOUT isolation'
      : 'Repository code was not run: isolation is required and not available';
    parts.push(
      `> [!WARNING]\n> **${what}.** ${inline(record.isolation.detail)}${record.isolation.fix ? `\n>\n> **Fix:** ${inline(record.isolation.fix)}` : ''}`,
    );
  } else if (record.isolation) {
    parts.push(`Repository code ran isolated: ${inline(record.isolation.detail)}.`);
  }
  return `${parts.join('\n\n')}\n`;
}
