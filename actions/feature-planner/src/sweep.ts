import type { AutomationDeps, AutomationOutcome, AutomationResult } from '../../shared/automation/types';
import { isConfigError, errorMessage } from '../../shared/errors';
import type { Issue } from '../../shared/github/types';
import type { RunRecord } from '../../shared/record/run-record';
import { pauseReason } from '../../shared/state/gate';
import { NEEDS_INFO, READY } from '../../shared/state/labels';
import { applyCodeIntents } from './apply-code';
import { anyLabelled, extraPriorities, listLabelled, scanBacklog } from './backlog';
import { gateIssue, type Trigger } from './gate';
import { planSpecGaps } from './spec-gap';
import { staleDecision, staleInput, staleIntents } from './stale';
import { PLAN_MARKER_KEY, triageIssue } from './triage';

/** GraphQL reads one sweep may make (pages of 100 issues). */
export const SWEEP_PAGE_BUDGET = 12;
/** Of those, pages of factory:needs-info issues (200 issues, the stalest first). */
const NEEDS_INFO_PAGES = 2;

export interface SweepContext {
  trigger: Trigger;
  actor: string;
  defaultBranch: string;
}

/**
 * The scheduled safety net: stale needs-info issues first (no model), then up to `sweepCap`
 * untriaged issues (least recently updated first, see backlog.ts), one agent run each; with
 * nothing to triage or build, spec gaps.
 */
export async function sweep(deps: AutomationDeps, ctx: SweepContext): Promise<AutomationResult> {
  const knobs = deps.config.automations['feature-planner'];
  const details: string[] = [];
  const records: RunRecord[] = [];
  let wrote = false;

  // At most SWEEP_PAGE_BUDGET GraphQL reads in all: stale needs-info issues (least recently
  // updated first), the backlog, and one probe for ready issues before spec-gap planning.
  const needsInfo = await listLabelled(deps.github.reader, NEEDS_INFO, NEEDS_INFO_PAGES);
  for (const issue of needsInfo.issues) {
    const lines = await handleStale(deps, issue, knobs.needsInfoStaleDays, ctx.defaultBranch);
    if (lines.length) wrote = true;
    details.push(...lines);
  }

  const scan = await scanBacklog(deps.github.reader, knobs.sweepCap, SWEEP_PAGE_BUDGET - needsInfo.pages - 1);
  for (const issue of scan.conflicting) {
    const lines = await settlePriority(deps, issue, ctx.defaultBranch);
    if (lines.length) wrote = true;
    details.push(...lines);
  }
  let triaged = 0;
  let failed = 0;
  for (const issue of scan.picked) {
    const gate = gateIssue({ issue, config: deps.config, trigger: ctx.trigger });
    if (!gate.run) {
      details.push(`skipped ${gate.reason}`);
      continue;
    }
    try {
      const result = await triageIssue(deps, {
        issue,
        approval: gate.approval,
        trigger: ctx.trigger,
        actor: ctx.actor,
        defaultBranch: ctx.defaultBranch,
      });
      triaged++;
      records.push(...result.records);
      details.push(`#${issue.number}: ${result.outcome}`, ...result.details.map((d) => `  ${d}`));
      if (result.outcome === 'failed') failed++;
    } catch (e) {
      if (isConfigError(e)) throw e;
      failed++;
      details.push(`#${issue.number}: failed: ${errorMessage(e)}`);
      deps.logger.warning(`triage of #${issue.number} failed: ${errorMessage(e)}`);
    }
  }

  let gaps = '';
  if (scan.complete && scan.picked.length === 0 && !(await anyLabelled(deps.github.reader, READY))) {
    const result = await planSpecGaps(deps, ctx);
    records.push(...result.records);
    details.push(...result.details);
    gaps = result.skipped ? `; spec gaps: ${result.skipped}` : `; spec-gap planning ran (${result.details.length} result(s))`;
    if (result.details.length) wrote = true;
  }

  const summary =
    `sweep read ${scan.pages} backlog page(s): triaged ${triaged} of ${scan.picked.length} picked (cap ${knobs.sweepCap})` +
    `${failed ? `, ${failed} failed` : ''}${gaps}`;
  const outcome: AutomationOutcome = triaged > 0 && failed === triaged ? 'failed' : triaged > 0 || wrote ? 'completed' : 'no-op';
  return { outcome, summary, details, records };
}

/** Two priorities on one issue: the most urgent stays, by code (no model). */
async function settlePriority(deps: AutomationDeps, issue: Issue, defaultBranch: string): Promise<string[]> {
  const remove = extraPriorities(issue.labels);
  if (remove.length === 0) return [];
  const applied = await applyCodeIntents(
    deps,
    {
      subject: { type: 'issue', number: issue.number, labels: issue.labels, authorLogin: issue.author.login },
      allowedKinds: ['remove_labels'],
      allowedTargets: [],
      openedByFactory: [],
      threads: {},
      risk: 'low',
      defaultBranch,
    },
    [{ kind: 'remove_labels', target: { type: 'issue', number: issue.number }, labels: remove }],
  );
  return [`#${issue.number} (more than one priority; the most urgent stays):`, ...applied.details.map((d) => `  ${d}`)];
}

async function handleStale(deps: AutomationDeps, issue: Issue, staleDays: number, defaultBranch: string): Promise<string[]> {
  if (pauseReason(issue.labels, deps.config)) return [];
  const comments = await deps.github.reader.listComments(issue.number);
  const decision = staleDecision(
    staleInput(issue, comments, {
      now: deps.clock.now(),
      staleDays,
      botLogin: deps.config.trust.botLogin,
      automation: deps.automation,
      planKey: PLAN_MARKER_KEY,
    }),
  );
  const intents = staleIntents(issue.number, decision, staleDays);
  if (intents.length === 0) return [];
  const applied = await applyCodeIntents(
    deps,
    {
      subject: { type: 'issue', number: issue.number, labels: issue.labels, authorLogin: issue.author.login },
      allowedKinds: ['comment', 'close_issue'],
      allowedTargets: [],
      openedByFactory: [],
      threads: {},
      risk: 'low',
      defaultBranch,
    },
    intents,
  );
  return [`#${issue.number} (needs-info, ${decision.action}):`, ...applied.details.map((d) => `  ${d}`)];
}
