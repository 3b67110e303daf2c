import { z } from 'zod';
import prompt from '../../../prompts/metrics-recap.md';
import { modelPrices } from '../../shared/automation/agent-step';
import type { AutomationDeps } from '../../shared/automation/types';
import { runAgent } from '../../shared/agent/loop';
import { defineTool, ToolRefusal, type ToolDef } from '../../shared/agent/tool';
import { budgetFor } from '../../shared/config';
import { computeMetrics, type Metrics, type MetricsWindow } from '../../shared/metrics/compute';
import { flowRows } from '../../shared/metrics/dashboard';
import { inventedNumbers } from '../../shared/metrics/numbers';
import { buildRunRecord, type RunRecord } from '../../shared/record/run-record';
import { neutralize, sanitizeText } from '../../shared/security';
import { countedIssues, RECAP_TITLE_PREFIX, type Collected } from './collect';
import { findOwnIssue, upsertIssue } from './publish';

/** The ISO week (Monday to Sunday) before the one `now` falls in. */
export function lastIsoWeek(now: Date): { label: string; window: MetricsWindow } {
  const today = Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
  const weekday = (new Date(today).getUTCDay() + 6) % 7; // Monday 0
  const monday = today - (weekday + 7) * 86_400_000;
  const sunday = monday + 6 * 86_400_000;
  // ISO week number: the week holding that Monday's Thursday.
  const thursday = new Date(monday + 3 * 86_400_000);
  const year = thursday.getUTCFullYear();
  const jan4 = Date.UTC(year, 0, 4);
  const week1Monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000;
  const week = Math.round((monday - week1Monday) / (7 * 86_400_000)) + 1;
  const iso = (t: number): string => new Date(t).toISOString().slice(0, 10);
  return { label: `${year}-W${String(week).padStart(2, '0')}`, window: { from: iso(monday), to: iso(sunday) } };
}

/** The data the model is given: the week's figures, as the dashboard writes them. */
export function recapData(label: string, m: Metrics): string {
  return [
    `Week ${label} (${m.window.from} to ${m.window.to})`,
    '',
    '| Measure | Value |',
    '|---|---|',
    ...flowRows(m).map(([k, v]) => `| ${k} | ${v} |`),
    '',
    'Top reasons for factory:needs-human:',
    ...(m.needsHuman.reasons.length ? m.needsHuman.reasons.map((r) => `- ${neutralize(sanitizeText(r.reason))}: ${r.count}`) : ['- none']),
    '',
    'Runs by automation:',
    ...(m.runs.byAutomation.length ? m.runs.byAutomation.map((a) => `- ${a.automation}: ${a.total}`) : ['- none']),
  ].join('\n');
}

const RecapSchema = z.object({
  narrative: z.string().min(1).max(2000).describe('Three to six sentences about the week, numbers only from the table'),
  post: z.string().min(1).max(280).describe('A social-post draft, at most 280 characters; never posted automatically'),
});
type Recap = z.infer<typeof RecapSchema>;

export const POST_LIMIT = 280;

/** Policy for the model's recap: length, and no number the data does not hold. */
export function checkRecap(recap: Recap, data: string): { ok: true } | { ok: false; rule: string; reason: string } {
  if ([...recap.post].length > POST_LIMIT)
    return { ok: false, rule: 'recap-post-length', reason: `the post is longer than ${POST_LIMIT} characters` };
  const invented = inventedNumbers(`${recap.narrative}\n${recap.post}`, data);
  if (invented.length) {
    return { ok: false, rule: 'recap-numbers', reason: `cites ${invented.join(', ')}, which the week's figures do not hold` };
  }
  return { ok: true };
}

function recapTool(onRecap: (r: Recap) => void): ToolDef {
  return defineTool({
    name: 'write_recap',
    description: 'Submit the recap once: the narrative and the social-post draft.',
    input: RecapSchema,
    run(input) {
      if ([...input.post].length > POST_LIMIT)
        throw new ToolRefusal(`the post must be at most ${POST_LIMIT} characters`, 'recap-post-length');
      onRecap(input);
      return 'recorded; the factory checks every number against the figures before publishing';
    },
  }) as unknown as ToolDef;
}

export function recapTitle(label: string): string {
  return `${RECAP_TITLE_PREFIX}${label}`;
}

function recapBody(label: string, data: string, outcome: { recap?: Recap; refused?: string; noModel?: boolean }): string {
  const lines = [`# ${recapTitle(label)}`, '', '## Figures', '', ...data.split('\n').slice(2), ''];
  if (outcome.recap) {
    lines.push(
      '## The week',
      '',
      neutralize(sanitizeText(outcome.recap.narrative)),
      '',
      '## Social post draft',
      '',
      '_A draft only: the factory never posts it. Edit and post it yourself if you like it._',
      '',
      ...neutralize(sanitizeText(outcome.recap.post))
        .split('\n')
        .map((l) => `> ${l}`),
      '',
    );
  } else if (outcome.refused) {
    lines.push(
      '## The week',
      '',
      `_The model's narrative was refused by policy: it ${outcome.refused}. The figures above stand on their own._`,
      '',
    );
  } else if (outcome.noModel) {
    lines.push('_No narrative: no model key was given to the metrics workflow._', '');
  }
  lines.push('Numbers computed by code from pull requests, issues and run records; the narrative may only cite them.');
  return lines.join('\n');
}

/** The recap of the last ISO week: one issue per week (marker `metrics:recap-<week>`), never rewritten once written. */
export async function writeRecap(deps: AutomationDeps, data: Collected): Promise<{ details: string[]; records: RunRecord[] }> {
  const { label, window } = lastIsoWeek(deps.clock.now());
  const marker = { kind: 'metrics', key: `recap-${label}` };
  const title = recapTitle(label);
  const existing = await findOwnIssue(deps, data.issues, marker, title);
  if (existing) return { details: [`the recap of ${label} is #${existing.number} already`], records: [] };

  const metrics = computeMetrics({
    window,
    pulls: data.pulls,
    issues: countedIssues(data.issues, deps.config.trust.botLogin),
    runs: data.runs,
    quality: data.quality,
    botLogins: [deps.config.trust.botLogin],
  });
  const facts = recapData(label, metrics);
  if (!deps.model) {
    const written = await upsertIssue(deps, data.issues, { marker, title, body: recapBody(label, facts, { noModel: true }), found: null });
    return {
      details: [`opened the recap of ${label}${written.number ? ` as #${written.number}` : ''} without a narrative (no model key)`],
      records: [],
    };
  }

  const startedAt = deps.clock.now();
  let submitted: Recap | undefined;
  const agent = await runAgent({
    client: deps.model,
    system: prompt,
    messages: `Write the recap of week ${label} from these figures.\n\n${facts}`,
    tools: [recapTool((r) => (submitted = r))],
    budgets: budgetFor(deps.config, deps.automation),
    prices: modelPrices(deps.config),
    clock: deps.clock,
    logger: deps.logger,
    transcript: deps.records.transcript(deps.runId),
    workspace: deps.workspace,
    ...(deps.onTurn ? { onTurn: deps.onTurn } : {}),
  });
  const verdict = submitted ? checkRecap(submitted, facts) : { ok: false as const, rule: 'recap-missing', reason: 'wrote no recap' };
  const body = recapBody(label, facts, verdict.ok ? { recap: submitted! } : { refused: verdict.reason });
  const written = await upsertIssue(deps, data.issues, { marker, title, body, found: null });
  const record = buildRunRecord(
    {
      runId: deps.runId,
      automation: deps.automation,
      trigger: { event: 'schedule' },
      actor: deps.config.trust.botLogin,
      repo: `${deps.github.reader.repo.owner}/${deps.github.reader.repo.repo}`,
      ...(written.number ? { subject: { type: 'issue' as const, number: written.number } } : {}),
      startedAt,
      finishedAt: deps.clock.now(),
      model: deps.model.model,
      turns: agent.turns,
      usage: {
        input: agent.usage.inputTokens,
        output: agent.usage.outputTokens,
        cacheRead: agent.usage.cacheReadTokens,
        cacheWrite: agent.usage.cacheWriteTokens,
      },
      costUsd: agent.costUsd,
      rejected: verdict.ok ? [] : [{ intent: { kind: 'recap' }, rule: verdict.rule, reason: verdict.reason }],
      toolRefusals: agent.toolCalls
        .filter((c) => c.refusal)
        .map((c) => ({ tool: c.name, rule: c.refusal!.rule, message: c.refusal!.message })),
      outcome: agent.outcome === 'error' ? 'failed' : verdict.ok ? 'success' : 'partial',
      ...(agent.budgetStop
        ? { budgetStop: { reason: agent.budgetStop.budget, limit: agent.budgetStop.limit, used: agent.budgetStop.used } }
        : {}),
    },
    deps.redactor,
  );
  await deps.records.write(record);
  const what = verdict.ok ? 'with the model narrative and a social-post draft' : `without the narrative (refused: ${verdict.reason})`;
  return { details: [`opened the recap of ${label}${written.number ? ` as #${written.number}` : ''} ${what}`], records: [record] };
}
