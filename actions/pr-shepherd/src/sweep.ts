import type { Comment, PullRequestSweepItem } from '../../shared/github/types';
import type { GitHubReader } from '../../shared/github/types';
import { BUILDING } from '../../shared/state';
import { toShepherdComment } from './marker';
import type { ShepherdComment, ShepherdPr } from './types';

/**
 * The shepherd's reads: open pull requests and claimed issues, 100 a GraphQL page, each with the
 * fields triage needs (labels, head and base, mergeability, the head's checks, the last comments),
 * and never more than `maxPages` pages of each per run.
 */

/** Comments read per pull request or issue: enough for cooldowns, "never twice in a row" and claims. */
export const LAST_COMMENTS = 15;

export interface SweepResult<T> {
  items: T[];
  pages: number;
  /** More were open than the page budget let the run read. */
  truncated: boolean;
}

export async function sweepPullRequests(
  reader: Pick<GitHubReader, 'sweepPullRequests'>,
  maxPages: number,
): Promise<SweepResult<ShepherdPr>> {
  const items: ShepherdPr[] = [];
  let after: string | null = null;
  for (let page = 1; page <= maxPages; page++) {
    const result = await reader.sweepPullRequests({ after, first: 100, lastComments: LAST_COMMENTS });
    items.push(...result.pulls.map(toShepherdPr));
    if (!result.hasNextPage) return { items, pages: page, truncated: false };
    after = result.endCursor;
  }
  return { items, pages: maxPages, truncated: true };
}

/** An issue claimed by a build (factory:building), with its last comments. */
export interface ClaimedIssue {
  number: number;
  labels: string[];
  updatedAt: string;
  lastComments: ShepherdComment[];
}

export async function sweepClaimedIssues(reader: Pick<GitHubReader, 'sweepIssues'>, maxPages: number): Promise<SweepResult<ClaimedIssue>> {
  const items: ClaimedIssue[] = [];
  let after: string | null = null;
  for (let page = 1; page <= maxPages; page++) {
    const result = await reader.sweepIssues({ labels: [BUILDING], after, first: 100, lastComments: LAST_COMMENTS });
    items.push(
      ...result.issues.map((i) => ({ number: i.number, labels: i.labels, updatedAt: i.updatedAt, lastComments: comments(i.lastComments) })),
    );
    if (!result.hasNextPage) return { items, pages: page, truncated: false };
    after = result.endCursor;
  }
  return { items, pages: maxPages, truncated: true };
}

const comments = (list: readonly Comment[]): ShepherdComment[] => list.map(toShepherdComment);

const FAILED = new Set(['failure', 'error', 'timed_out', 'cancelled', 'action_required', 'startup_failure']);

export function toShepherdPr(p: PullRequestSweepItem): ShepherdPr {
  const pending = p.checks.contexts.filter((c) => c.status === 'pending');
  const starts = pending.map((c) => c.startedAt).filter((t): t is string => !!t);
  const oldest = starts.sort()[0];
  const state = p.checks.state as ShepherdPr['checks']['state'];
  return {
    number: p.number,
    nodeId: p.nodeId,
    title: p.title,
    url: p.url,
    author: p.author.login,
    isDraft: p.draft,
    isFork: p.isCrossRepository,
    head: { ref: p.head.ref, oid: p.head.sha },
    base: { ref: p.base.ref, oid: p.base.sha },
    labels: p.labels,
    mergeable: p.mergeable === 'CONFLICTING' ? 'CONFLICTING' : p.mergeable === 'MERGEABLE' ? 'MERGEABLE' : 'UNKNOWN',
    mergeStateStatus: p.mergeStateStatus,
    checks: {
      state,
      failing: p.checks.contexts.filter((c) => c.status === 'completed' && FAILED.has(c.conclusion ?? '')).map((c) => c.name),
      pending: pending.map((c) => c.name),
      ...(oldest ? { pendingSince: oldest } : {}),
    },
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    lastComments: comments(p.lastComments),
    closingIssues: p.closingIssues,
  };
}
