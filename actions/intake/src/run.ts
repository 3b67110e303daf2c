import { skipped, type AutomationDeps, type AutomationResult, type RunInputs } from '../../shared/automation/types';
import { routeEvent } from '../../shared/events';
import { hasMarker, withMarker } from '../../shared/github/markers';
import type { GitHubReader, Issue, MarkerRef } from '../../shared/github/types';
import { parseReport } from './payload';
import { reportBody, reportTitle } from './render';
import { errorMessage } from '../../shared/errors';
import { SOURCE_REPORT } from '../../shared/state/labels';

/**
 * Intake, deterministic (no model): a `factory-report` repository_dispatch becomes one issue
 * labelled `source:report`, deduplicated by report id through a hidden marker. Issues from the
 * issue forms need nothing from intake: GitHub creates them, the feature planner triages them.
 */
export const REPORT_LABEL = SOURCE_REPORT;
export const PLANNER_WORKFLOW = 'factory-planner.yml';
const DAY_MS = 86_400_000;

export async function run(deps: AutomationDeps, inputs: RunInputs): Promise<AutomationResult> {
  const { config, github } = deps;
  if (config.killSwitch) return skipped('the kill switch is on (killSwitch: true in .github/factory.yml)');
  if (!config.automations.intake.enabled) return skipped('intake is disabled (automations.intake.enabled: false)');
  const event = inputs.event;
  const route = routeEvent(event, 'intake');
  if (!route.run) return skipped(route.reason);
  if (event.kind !== 'repository_dispatch') {
    return skipped('the issue form created the issue itself; the feature planner triages it');
  }
  if (event.sender.login === config.trust.botLogin) return skipped(`the dispatch was sent by the factory itself (${event.sender.login})`);

  const report = parseReport(event.clientPayload);
  const ref: MarkerRef = { kind: 'report', key: report.id };
  const existing = await findReport(github.reader, ref, config.trust.botLogin, deps.clock.now());
  if (existing) {
    return {
      outcome: 'no-op',
      summary: `report ${report.id} is already issue #${existing.number}; nothing created`,
      details: [],
      records: [],
    };
  }
  const title = reportTitle(report, deps.redactor);
  const body = withMarker(reportBody(report, deps.redactor), ref);
  if (deps.dryRun) {
    deps.logger.info(`[dry-run] would create issue "${title}" for report ${report.id}`);
    return {
      outcome: 'completed',
      summary: `dry-run: would create an issue for report ${report.id}`,
      details: [`dry-run: create issue "${title}" (${REPORT_LABEL})`],
      records: [],
    };
  }
  const issue = await github.writer.createIssue({ title, body, labels: [REPORT_LABEL] });
  const details = [`created issue #${issue.number} "${title}" (${REPORT_LABEL})`];
  if (!deps.appToken && config.chaining.dispatchWhenNoAppToken) details.push(await dispatchPlanner(deps, issue.number));
  return { outcome: 'completed', summary: `created issue #${issue.number} for report ${report.id}`, details, records: [] };
}

/**
 * The issue already made for this report. Search first; its index lags behind, so issues
 * updated in the last day (a redelivery comes within seconds) are listed as well.
 */
async function findReport(reader: GitHubReader, ref: MarkerRef, botLogin: string, now: Date): Promise<Issue | undefined> {
  const ours = (i: Issue) => i.author.login === botLogin && hasMarker(i.body, ref);
  const found = (await reader.searchIssues(`"factory:${ref.kind}:${ref.key}" in:body is:issue`)).find(ours);
  if (found) return found;
  const recent = await reader.listIssues({ state: 'all', since: new Date(now.getTime() - DAY_MS).toISOString() });
  return recent.find(ours);
}

/** Events caused by GITHUB_TOKEN start no workflow: start the planner for the new issue. */
async function dispatchPlanner(deps: AutomationDeps, issueNumber: number): Promise<string> {
  try {
    const { defaultBranch } = await deps.github.reader.getRepository();
    await deps.github.writer.dispatchWorkflow(PLANNER_WORKFLOW, defaultBranch, { 'issue-number': String(issueNumber) });
    return `dispatched ${PLANNER_WORKFLOW} for #${issueNumber}`;
  } catch (e) {
    const message = `could not dispatch ${PLANNER_WORKFLOW} for #${issueNumber}: ${errorMessage(e)}`;
    deps.logger.warning(`${message} (the planner's schedule will pick it up)`);
    return message;
  }
}
