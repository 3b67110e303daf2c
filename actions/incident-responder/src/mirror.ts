import { findMarkers } from '../../shared/github/markers';
import type { GitHubReader, Issue } from '../../shared/github/types';
import { SENTRY_MARKER, SOURCE_LABEL } from './render';

/**
 * The GitHub issues that mirror Sentry issues, by Sentry id: one listing of the `source:sentry`
 * issues (open and closed), whatever the number of Sentry issues. Only the factory's own issues
 * count: anyone can paste a marker.
 */
export async function mirroredIssues(reader: Pick<GitHubReader, 'listIssues'>, botLogin: string): Promise<Map<string, Issue>> {
  const issues = await reader.listIssues({ state: 'all', labels: [SOURCE_LABEL] });
  const byId = new Map<string, Issue>();
  // Oldest first, so a duplicate made by hand never replaces the original.
  for (const issue of [...issues].sort((a, b) => a.number - b.number)) {
    if (issue.author.login !== botLogin) continue;
    for (const m of findMarkers(issue.body)) {
      if (m.kind === SENTRY_MARKER && !byId.has(m.key)) byId.set(m.key, issue);
    }
  }
  return byId;
}

/** The Sentry id of a factory issue that mirrors one, from its marker. */
export function sentryIdOf(issue: Pick<Issue, 'body' | 'author' | 'labels'>, botLogin: string): string | undefined {
  if (issue.author.login !== botLogin || !issue.labels.includes(SOURCE_LABEL)) return undefined;
  return findMarkers(issue.body).find((m) => m.kind === SENTRY_MARKER)?.key;
}

const phrase = (text: string): string => text.replace(/["\\]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);

/**
 * Open issues, not the factory's mirrors, whose title or body names the same exception type and
 * culprit: a conservative duplicate check (one search). They are linked, never merged or closed.
 */
export async function relatedIssues(
  reader: Pick<GitHubReader, 'searchIssues'>,
  failure: { type?: string | null; culprit?: string | null },
  botLogin: string,
): Promise<Issue[]> {
  const type = phrase(failure.type ?? '');
  const culprit = phrase(failure.culprit ?? '');
  if (type.length < 3 || culprit.length < 3) return [];
  const found = await reader.searchIssues(`is:issue is:open "${type}" "${culprit}" in:title,body`);
  const has = (text: string, needle: string) => text.toLowerCase().includes(needle.toLowerCase());
  return found.filter(
    (i) =>
      !i.isPullRequest &&
      !(i.author.login === botLogin && i.labels.includes(SOURCE_LABEL)) &&
      has(`${i.title}\n${i.body}`, type) &&
      has(`${i.title}\n${i.body}`, culprit),
  );
}
