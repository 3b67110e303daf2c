import type { GitHubReader, Issue } from '../../shared/github/types';
import { MONITOR_SOURCES, NEEDS_INFO, PAUSED, READY } from '../../shared/state/labels';
import { APPROVAL_LABEL, isTriaged, stateLabel } from './gate';

/**
 * The sweep's view of the backlog, read with GraphQL pages of 100 open issues within a fixed
 * page budget. The order makes sure none starves: least recently updated first (triaging an issue
 * updates it, so what one run leaves over comes first in the next, and an issue nobody has touched
 * rises to the front), then, if the budget ran out before the end, the newest page (an issue whose
 * `opened` event was lost, behind a long tail of dormant triaged issues).
 */
export type BacklogClass = 'untriaged' | 'approved' | 'unprioritized' | 'conflicting' | 'ready' | 'needs-info' | 'paused' | 'other';

const PRIORITY = /^priority:p[0-3]$/;

export function classify(issue: Pick<Issue, 'labels' | 'isPullRequest' | 'state' | 'subIssues'>): BacklogClass {
  const labels = issue.labels;
  if (issue.isPullRequest || issue.state !== 'open') return 'other';
  if (labels.includes(PAUSED)) return 'paused';
  // Priorities are re-checked on every sweep: two at once are settled by code (the most urgent stays).
  if (labels.filter((l) => PRIORITY.test(l)).length > 1) return 'conflicting';
  const state = stateLabel(labels);
  if (state === NEEDS_INFO) return 'needs-info';
  // A monitor's issue split into sub-issues keeps no state label: it is planned already.
  if (!isTriaged(labels)) return issue.subIssues && labels.some((l) => MONITOR_SOURCES.includes(l)) ? 'other' : 'untriaged';
  // Ready without a priority (a person removed it): the builder picks by priority, so triage again.
  if (state === READY) return labels.some((l) => PRIORITY.test(l)) ? 'ready' : 'unprioritized';
  // Triaged while waiting for approval (no state yet), and a maintainer has now approved it. A
  // parent that was split into sub-issues keeps no state label: it is planned already.
  if (!state && labels.includes(APPROVAL_LABEL) && !(issue.subIssues ?? 0)) return 'approved';
  return 'other';
}

/** The priority labels to remove so that only the most urgent one stays. */
export function extraPriorities(labels: readonly string[]): string[] {
  return labels
    .filter((l) => PRIORITY.test(l))
    .sort()
    .slice(1);
}

export interface BacklogScan {
  /** Issues to triage (untriaged, approved, unprioritized), at most the cap, in the order above. */
  picked: Issue[];
  /** Issues with more than one priority label, at most the cap. */
  conflicting: Issue[];
  /** Every open issue was read (the scan did not stop early at the cap or the page budget). */
  complete: boolean;
  pages: number;
}

type Reader = Pick<GitHubReader, 'listIssuesPage'>;
const OLDEST_UPDATED = { field: 'UPDATED_AT', direction: 'ASC' } as const;
const NEWEST = { field: 'CREATED_AT', direction: 'DESC' } as const;

/** Pages until `cap` issues are picked, the backlog ends or `maxPages` pages were read (at least 1). */
export async function scanBacklog(reader: Reader, cap: number, maxPages = 10): Promise<BacklogScan> {
  const picked: Issue[] = [];
  const conflicting: Issue[] = [];
  const seen = new Set<number>();
  let pages = 0;
  const take = (issues: Issue[]) => {
    for (const issue of issues) {
      if (seen.has(issue.number)) continue;
      seen.add(issue.number);
      const kind = classify(issue);
      if ((kind === 'untriaged' || kind === 'approved' || kind === 'unprioritized') && picked.length < cap) picked.push(issue);
      if (kind === 'conflicting' && conflicting.length < cap) conflicting.push(issue);
    }
  };
  const budget = Math.max(1, maxPages);
  let after: string | null = null;
  for (;;) {
    const page = await reader.listIssuesPage({ states: ['OPEN'], first: 100, after, orderBy: OLDEST_UPDATED });
    pages++;
    take(page.issues);
    if (!page.hasNextPage || !page.endCursor) return { picked, conflicting, complete: true, pages };
    if (picked.length >= cap) return { picked, conflicting, complete: false, pages };
    // Keep one page of the budget for the newest issues.
    if (pages >= budget - 1) break;
    after = page.endCursor;
  }
  if (pages < budget) {
    const newest = await reader.listIssuesPage({ states: ['OPEN'], first: 100, orderBy: NEWEST });
    pages++;
    take(newest.issues);
  }
  return { picked, conflicting, complete: false, pages };
}

/** Whether any open issue carries `label` (one request). */
export async function anyLabelled(reader: Reader, label: string): Promise<boolean> {
  return (await reader.listIssuesPage({ states: ['OPEN'], labels: [label], first: 1 })).issues.length > 0;
}

/** Open issues carrying `label`, least recently updated first, at most `maxPages` pages of 100. */
export async function listLabelled(reader: Reader, label: string, maxPages: number): Promise<{ issues: Issue[]; pages: number }> {
  const issues: Issue[] = [];
  let after: string | null = null;
  let pages = 0;
  while (pages < maxPages) {
    const page = await reader.listIssuesPage({ states: ['OPEN'], labels: [label], first: 100, after, orderBy: OLDEST_UPDATED });
    pages++;
    issues.push(...page.issues);
    if (!page.hasNextPage || !page.endCursor) break;
    after = page.endCursor;
  }
  return { issues, pages };
}
