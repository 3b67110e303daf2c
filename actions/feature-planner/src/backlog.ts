import type { GitHubReader, Issue } from '../../shared/github/types';
import { APPROVAL_LABEL, isTriaged, READY_LABEL, stateLabel } from './gate';

/**
 * The sweep's view of the backlog, read with GraphQL pages of 100 open issues, oldest first. The
 * order is stable, so issues left over by one run are first in the next and none starves.
 */
export type BacklogClass = 'untriaged' | 'approved' | 'ready' | 'needs-info' | 'paused' | 'other';

export function classify(issue: Pick<Issue, 'labels' | 'isPullRequest' | 'state'>): BacklogClass {
  const labels = issue.labels;
  if (issue.isPullRequest || issue.state !== 'open') return 'other';
  if (labels.includes('factory:paused')) return 'paused';
  const state = stateLabel(labels);
  if (state === READY_LABEL) return 'ready';
  if (state === 'factory:needs-info') return 'needs-info';
  if (!isTriaged(labels)) return 'untriaged';
  // Triaged while waiting for approval (no state yet), and a maintainer has now approved it.
  if (!state && labels.includes(APPROVAL_LABEL)) return 'approved';
  return 'other';
}

export interface BacklogScan {
  /** Issues to triage, oldest first, at most the cap. */
  picked: Issue[];
  /** A factory:ready issue was seen. */
  sawReady: boolean;
  /** Every open issue was read (the scan did not stop early at the cap). */
  complete: boolean;
  pages: number;
}

/** Pages until `cap` issues are picked or the backlog ends. */
export async function scanBacklog(reader: Pick<GitHubReader, 'listIssuesPage'>, cap: number): Promise<BacklogScan> {
  const picked: Issue[] = [];
  let sawReady = false;
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const page = await reader.listIssuesPage({ states: ['OPEN'], first: 100, after });
    pages++;
    for (const issue of page.issues) {
      const kind = classify(issue);
      if (kind === 'ready') sawReady = true;
      if ((kind === 'untriaged' || kind === 'approved') && picked.length < cap) picked.push(issue);
    }
    if (!page.hasNextPage || !page.endCursor) return { picked, sawReady, complete: true, pages };
    if (picked.length >= cap) return { picked, sawReady, complete: false, pages };
    after = page.endCursor;
  }
}

/** Every open issue carrying `label` (GraphQL pages of 100). */
export async function listLabelled(reader: Pick<GitHubReader, 'listIssuesPage'>, label: string, maxPages = 20): Promise<Issue[]> {
  const out: Issue[] = [];
  let after: string | null = null;
  for (let i = 0; i < maxPages; i++) {
    const page = await reader.listIssuesPage({ states: ['OPEN'], labels: [label], first: 100, after });
    out.push(...page.issues);
    if (!page.hasNextPage || !page.endCursor) break;
    after = page.endCursor;
  }
  return out;
}
