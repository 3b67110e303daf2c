import type { AutomationDeps } from '../../shared/automation/types';
import type { IssueActivity } from '../../shared/github/activity';
import { getMarker, withMarker } from '../../shared/github/markers';
import type { Issue, MarkerRef } from '../../shared/github/types';

/**
 * Finds the factory's issue carrying `marker` (among the issues already read, then by a search of
 * its title) and edits it in place, or creates it. Only an issue the factory's own bot opened counts:
 * anyone can paste a marker.
 */
export async function findOwnIssue(
  deps: AutomationDeps,
  known: readonly IssueActivity[],
  marker: MarkerRef,
  title: string,
): Promise<Issue | undefined> {
  const bot = deps.config.trust.botLogin;
  const own = (login: string | null | undefined): boolean => !!login && login.replace(/\[bot\]$/, '') === bot.replace(/\[bot\]$/, '');
  for (const candidate of known.filter((i) => i.title === title && own(i.author))) {
    const full = await deps.github.reader.getIssue(candidate.number);
    if (getMarker(full.body, marker)) return full;
  }
  const hits = await deps.github.reader.searchIssues(`is:issue in:title "${title.replace(/"/g, '')}"`);
  return hits.find((h) => own(h.author.login) && h.title === title && getMarker(h.body, marker));
}

export async function upsertIssue(
  deps: AutomationDeps,
  known: readonly IssueActivity[],
  issue: {
    marker: MarkerRef;
    title: string;
    body: string;
    reopen?: boolean;
    /** The marker's data. */
    data?: Record<string, unknown>;
    /** The issue, when the caller looked already (null: it does not exist). */
    found?: Issue | null;
  },
): Promise<{ number: number; created: boolean; changed: boolean }> {
  const found = issue.found === undefined ? await findOwnIssue(deps, known, issue.marker, issue.title) : (issue.found ?? undefined);
  const body = withMarker(issue.body, issue.marker, issue.data);
  if (!found) {
    if (deps.dryRun) return { number: 0, created: true, changed: true };
    const created = await deps.github.writer.createIssue({ title: issue.title, body });
    return { number: created.number, created: true, changed: true };
  }
  if (found.body === body && found.state === 'open') return { number: found.number, created: false, changed: false };
  if (!deps.dryRun) {
    await deps.github.writer.updateIssue(found.number, {
      body,
      ...(issue.reopen && found.state !== 'open' ? { state: 'open' as const } : {}),
    });
  }
  return { number: found.number, created: false, changed: true };
}
