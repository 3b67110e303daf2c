import { skipped, type AutomationDeps, type AutomationResult, type AutomationRun } from '../../shared/automation/types';
import { computeMetrics } from '../../shared/metrics/compute';
import { DASHBOARD_TITLE, renderDashboard } from '../../shared/metrics/dashboard';
import { collect, countedIssues, DASHBOARD_MARKER, dashboardState, type Collected } from './collect';
import { gateEvent } from './gate';
import { upsertIssue } from './publish';
import { writeRecap } from './recap';

/**
 * Metrics, as the design's row reads: daily, the dashboard issue (edited in place, found by its
 * marker) with Mermaid charts and tables of numbers computed by code from pull requests, issues,
 * run records and quality.json; weekly, a recap issue per ISO week whose narrative and social-post
 * draft the model writes from those numbers, refused by policy if it cites a number not in them.
 */

export async function updateDashboard(
  deps: AutomationDeps,
  data: Collected,
): Promise<{ number: number; created: boolean; changed: boolean; body: string }> {
  const metrics = computeMetrics({
    window: data.window,
    pulls: data.pulls,
    issues: countedIssues(data.issues, deps.config.trust.botLogin),
    runs: data.runs,
    quality: data.quality,
    botLogins: [deps.config.trust.botLogin],
  });
  const body = renderDashboard(metrics, {
    pulls: data.pulls.length,
    issues: data.issues.length,
    records: data.runs.reduce((n, a) => n + a.runs, 0),
    skippedRecords: data.skipped.length,
    truncated: data.truncated,
    updatedAt: `${data.window.to}`,
  });
  const written = await upsertIssue(deps, data.issues, {
    marker: DASHBOARD_MARKER,
    title: DASHBOARD_TITLE,
    body,
    reopen: true,
    data: dashboardState(data.runs, data.through),
    found: data.dashboard ?? null,
  });
  return { ...written, body };
}

export const run: AutomationRun = async (deps, inputs): Promise<AutomationResult> => {
  const gate = gateEvent(inputs.event, deps.config);
  if (!gate.ok) return skipped(gate.reason);
  const data = await collect(deps);
  for (const note of data.notes) deps.logger.warning(note);
  const dashboard = await updateDashboard(deps, data);
  const details = [
    `${dashboard.created ? 'opened' : dashboard.changed ? 'updated' : 'left unchanged'} the dashboard issue${dashboard.number ? ` #${dashboard.number}` : ''}${deps.dryRun ? ' (dry run)' : ''}`,
    `read ${data.pulls.length} pull requests, ${data.issues.length} issues, ${data.newRecords} new run records (${data.skipped.length} skipped)`,
  ];
  // The dashboard itself, for the job log (and the CLI).
  details.push(`dashboard:\n${dashboard.body.replace(/^/gm, '    ')}`);
  const records = [];
  if (gate.value.recap && deps.config.automations.metrics.recap) {
    const recap = await writeRecap(deps, data);
    details.push(...recap.details);
    records.push(...recap.records);
  }
  return { outcome: 'completed', summary: `metrics (${gate.value.trigger}): ${details[0]}`, details, records };
};
