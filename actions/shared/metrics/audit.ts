/**
 * The automation auditor's findings, by code: patterns across a week of run records and the
 * factory's issues and pull requests that a person should look at. Each finding has a stable key
 * (for deduplication) and cites its evidence: run ids, or issue and pull request numbers.
 */
import type { IssueActivity, PullActivity } from '../github/activity';
import type { RunRecord } from '../record/run-record';
import { escalationReason, NEEDS_HUMAN, percentile } from './compute';

export interface Finding {
  /** Stable across runs for the same pattern: [A-Za-z0-9._/-]. */
  key: string;
  kind:
    'failure-cluster' | 'budget-stops' | 'policy-rejections' | 'tool-refusals' | 'needs-human-reason' | 'cost-outlier' | 'redundant-runs';
  title: string;
  summary: string;
  /** Run ids (or `#N` for issues and pull requests). */
  evidence: string[];
  suggestion: string;
}

export interface AuditThresholds {
  /** Runs sharing a failure before it is a cluster. Default 3. */
  cluster: number;
  /** A run costing this many times its automation's median (and at least minOutlierUsd) is an outlier. Default 3. */
  outlierFactor: number;
  minOutlierUsd: number;
}

export const DEFAULT_THRESHOLDS: AuditThresholds = { cluster: 3, outlierFactor: 3, minOutlierUsd: 0.1 };

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9._/-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'x'
  );
}

function groupBy<T>(items: readonly T[], key: (t: T) => string | undefined): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    out.set(k, [...(out.get(k) ?? []), item]);
  }
  return out;
}

const ids = (records: readonly RunRecord[]): string[] => [...new Set(records.map((r) => r.runId))].sort();

export function findFindings(
  input: { records: readonly RunRecord[]; pulls: readonly PullActivity[]; issues: readonly IssueActivity[]; botLogins: readonly string[] },
  t: AuditThresholds = DEFAULT_THRESHOLDS,
): Finding[] {
  const findings: Finding[] = [];
  const { records } = input;

  for (const [automation, runs] of groupBy(records, (r) =>
    r.outcome === 'failed' || r.outcome === 'partial' ? r.automation : undefined,
  )) {
    if (runs.length < t.cluster) continue;
    findings.push({
      key: `failures-${slug(automation)}`,
      kind: 'failure-cluster',
      title: `${automation} failed in ${runs.length} runs this week`,
      summary: `${runs.length} runs of ${automation} ended failed or partial (writes that did not go through, or the agent failing).`,
      evidence: ids(runs),
      suggestion: `Open the runs with \`factory runs <id>\` (or their run-record artifacts) and look for the common step; fix the prompt, the config or the code before the next run.`,
    });
  }

  for (const [key, runs] of groupBy(records, (r) => (r.budgetStop ? `${r.automation}\u0000${r.budgetStop.reason}` : undefined))) {
    if (runs.length < 2) continue;
    const [automation, reason] = key.split('\u0000') as [string, string];
    findings.push({
      key: `budget-${slug(automation)}-${slug(reason)}`,
      kind: 'budget-stops',
      title: `${automation} hit its ${reason} budget ${runs.length} times`,
      summary: `${runs.length} runs of ${automation} stopped on the ${reason} budget before finishing.`,
      evidence: ids(runs),
      suggestion: `Either raise budgets.perAutomation.${automation}.${reason} in .github/factory.yml, or make the task smaller (the prompt, the context it is given).`,
    });
  }

  const rejections = records.flatMap((r) => r.intents.rejected.map((x) => ({ r, rule: x.rule, kind: x.kind })));
  for (const [rule, hits] of groupBy(rejections, (h) => h.rule)) {
    if (hits.length < t.cluster) continue;
    const runs = hits.map((h) => h.r);
    findings.push({
      key: `rejections-${slug(rule)}`,
      kind: 'policy-rejections',
      title: `Policy rejected ${hits.length} intents under rule ${rule}`,
      summary: `Agents proposed ${hits.length} ${[...new Set(hits.map((h) => h.kind))].join('/')} intents that policy rejected (${rule}): wasted turns, and a sign the prompt asks for something policy forbids.`,
      evidence: ids(runs),
      suggestion: 'Tell the agent in its prompt what this rule allows, so it stops proposing what policy refuses.',
    });
  }

  const refusals = records.flatMap((r) => r.toolRefusals.map((x) => ({ r, rule: x.rule, tool: x.tool })));
  for (const [rule, hits] of groupBy(refusals, (h) => h.rule)) {
    if (hits.length < t.cluster) continue;
    findings.push({
      key: `refusals-${slug(rule)}`,
      kind: 'tool-refusals',
      title: `Tools refused ${hits.length} calls under rule ${rule}`,
      summary: `${hits.length} tool calls (${[...new Set(hits.map((h) => h.tool))].join(', ')}) were refused (${rule}).`,
      evidence: ids(hits.map((h) => h.r)),
      suggestion: 'Check whether the prompt or the command allowlist (commands.allow) should change.',
    });
  }

  const escalated = [...input.pulls, ...input.issues].filter((s) => s.labels.includes(NEEDS_HUMAN));
  for (const [reason, subjects] of groupBy(escalated, (s) => escalationReason(s.lastComments, input.botLogins))) {
    if (subjects.length < t.cluster || reason === '(no reason given)') continue;
    findings.push({
      key: `needs-human-${slug(reason)}`,
      kind: 'needs-human-reason',
      title: `${subjects.length} escalations for the same reason: ${reason}`,
      summary: `The factory handed ${subjects.length} issues or pull requests to a person for the same reason.`,
      evidence: subjects.map((s) => `#${s.number}`).sort(),
      suggestion: 'If a person keeps deciding the same way, encode that decision in the config or the prompt.',
    });
  }

  for (const [automation, runs] of groupBy(records, (r) => r.automation)) {
    const median = percentile(
      runs.map((r) => r.costUsd),
      50,
    );
    if (median === null || runs.length < 4) continue;
    const outliers = runs.filter((r) => r.costUsd >= t.minOutlierUsd && r.costUsd > t.outlierFactor * median);
    if (outliers.length === 0) continue;
    findings.push({
      key: `cost-${slug(automation)}`,
      kind: 'cost-outlier',
      title: `${automation}: ${outliers.length} runs cost over ${t.outlierFactor}x its median`,
      summary: `The median run of ${automation} cost $${median.toFixed(4)}; these cost $${outliers
        .map((r) => r.costUsd.toFixed(4))
        .join(', $')}.`,
      evidence: ids(outliers),
      suggestion: 'Look at what these runs read and how many turns they took; cap the context or the turns for this automation.',
    });
  }

  for (const [key, runs] of groupBy(records, (r) =>
    r.subject && r.outcome === 'no-op' ? `${r.automation}\u0000${r.subject.type}\u0000${r.subject.number}` : undefined,
  )) {
    if (runs.length < t.cluster) continue;
    const [automation, type, number] = key.split('\u0000') as [string, string, string];
    findings.push({
      key: `redundant-${slug(automation)}-${type}-${number}`,
      kind: 'redundant-runs',
      title: `${automation} ran ${runs.length} times on ${type} #${number} and did nothing`,
      summary: `${runs.length} runs of ${automation} on the same ${type} ended no-op: work repeated for nothing (a trigger that fires too often, or a gate that should skip).`,
      evidence: ids(runs),
      suggestion: 'Tighten the workflow triggers or the gate so these runs skip before spending tokens.',
    });
  }

  return findings;
}
