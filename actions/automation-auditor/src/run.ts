import { skipped, type AutomationRun } from '../../shared/automation/types';
import { routeEvent } from '../../shared/events';
import { findMarkers, marker } from '../../shared/github/markers';
import { findFindings, type Finding } from '../../shared/metrics/audit';
import { readRunRecords } from '../../shared/records-reader';
import { isAutomationEnabled } from '../../shared/state';

/**
 * The automation auditor (off by default): weekly, it reads the week's run records and the
 * factory's issues and pull requests, finds by code what a person should look at (failure
 * clusters, budget stops, policy rejections, repeated escalation reasons, cost outliers, runs that
 * repeat for nothing) and opens at most `maxIssues` issues, each naming its evidence as run ids,
 * never the same finding twice (marker `automation-auditor:<finding>`).
 */

export const AUTOMATION = 'automation-auditor';
export const TITLE_PREFIX = 'Auditor: ';

export function findingBody(f: Finding, window: { from: string; to: string }): string {
  return [
    marker({ kind: AUTOMATION, key: f.key }),
    f.summary,
    '',
    `**Evidence** (${f.kind}, ${window.from} to ${window.to}):`,
    ...f.evidence.map((e) => (e.startsWith('#') ? `- ${e}` : `- run \`${e}\``)),
    '',
    `**Suggestion:** ${f.suggestion}`,
    '',
    'Found by code in the run records (`factory runs <id>` shows one run). The auditor opens each finding once; close this issue when it is dealt with.',
  ].join('\n');
}

export const run: AutomationRun = async (deps, inputs) => {
  const { config } = deps;
  if (config.killSwitch) return skipped('the kill switch is on (killSwitch: true in .github/factory.yml)');
  if (!isAutomationEnabled(AUTOMATION, config))
    return skipped(`${AUTOMATION} is disabled (automations.${AUTOMATION}.enabled; off by default)`);
  if (inputs.event.kind === 'unsupported') return skipped(inputs.event.reason);
  const route = routeEvent(inputs.event, AUTOMATION, {});
  if (!route.run) return skipped(route.reason);

  const settings = config.automations[AUTOMATION];
  const now = deps.clock.now();
  const since = new Date(now.getTime() - settings.windowDays * 86_400_000).toISOString();
  const window = { from: since.slice(0, 10), to: now.toISOString().slice(0, 10) };
  const { reader, writer } = deps.github;
  const [read, pulls, issues] = await Promise.all([
    readRunRecords(reader, { since }),
    reader.listPullActivity({ since, maxPages: 2 }),
    reader.listIssueActivity({ since, maxPages: 2 }),
  ]);
  const findings = findFindings({
    records: read.records.map((r) => r.record),
    pulls: pulls.items,
    issues: issues.items,
    botLogins: [config.trust.botLogin],
  });

  // Findings already reported (open or closed): the factory's own issues carrying the auditor's marker.
  const bot = config.trust.botLogin.replace(/\[bot\]$/, '');
  const reported = new Set<string>();
  if (findings.length) {
    for (const issue of await reader.searchIssues(`is:issue in:title "${TITLE_PREFIX.trim()}"`)) {
      if (issue.author.login.replace(/\[bot\]$/, '') !== bot) continue;
      for (const m of findMarkers(issue.body)) if (m.kind === AUTOMATION) reported.add(m.key);
    }
  }
  const fresh = findings.filter((f) => !reported.has(f.key)).sort((a, b) => b.evidence.length - a.evidence.length);
  const details: string[] = [
    `read ${read.records.length} run records (${read.skipped.length} skipped), ${pulls.items.length} pull requests, ${issues.items.length} issues since ${window.from}`,
    `${findings.length} finding(s), ${findings.length - fresh.length} already reported`,
  ];
  const opened: number[] = [];
  for (const f of fresh.slice(0, settings.maxIssues)) {
    const title = `${TITLE_PREFIX}${f.title}`;
    if (deps.dryRun) {
      details.push(`[dry-run] would open "${title}" (${f.evidence.join(', ')})`);
      continue;
    }
    const issue = await writer.createIssue({ title, body: findingBody(f, window) });
    opened.push(issue.number);
    details.push(`opened #${issue.number}: ${title} (evidence: ${f.evidence.join(', ')})`);
  }
  if (fresh.length > settings.maxIssues)
    details.push(`${fresh.length - settings.maxIssues} more finding(s) wait for the next run (maxIssues ${settings.maxIssues})`);
  const summary = opened.length ? `opened ${opened.length} issue(s): ${opened.map((n) => `#${n}`).join(', ')}` : 'nothing new to report';
  return { outcome: opened.length ? 'completed' : 'no-op', summary, details, records: [] };
};
