/**
 * Bounded reads of a repository's history for the factory's own metrics: pull requests and issues
 * updated since a date (GraphQL, 100 a page, newest first), and workflow artifacts (REST).
 */
import type { OctokitLike } from './octokit';
import type { RepoRef } from './types';

/** A workflow artifact as GitHub lists it. */
export interface Artifact {
  id: number;
  name: string;
  sizeInBytes: number;
  createdAt: string | null;
  expired: boolean;
  workflowRunId: number | null;
}

export interface PullActivity {
  number: number;
  title: string;
  author: string | null;
  headRef: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  labels: string[];
  /** Submitted reviews, oldest first (first 50). */
  reviews: { author: string | null; state: string; submittedAt: string | null }[];
  /** Each commit's author (first 100): git's name and email, and the account GitHub matched (null: none, or a bot). */
  commitAuthors: { name: string; email: string; login: string | null }[];
  /** Issues the pull request closes, with when each was opened. */
  closingIssues: { number: number; createdAt: string }[];
  /** The last comments (up to 10), oldest first. */
  lastComments: { author: string | null; body: string }[];
}

export interface IssueActivity {
  number: number;
  title: string;
  author: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  labels: string[];
  lastComments: { author: string | null; body: string }[];
}

export interface ActivityQuery {
  /** Items updated at or after this instant (ISO 8601). */
  since: string;
  /** Pages of 100 read at most. Default 10. */
  maxPages?: number;
}

export interface ActivityPage<T> {
  items: T[];
  /** More items were updated since `since` than `maxPages` pages hold. */
  truncated: boolean;
  /** GraphQL requests made. */
  requests: number;
}

type Login = { login: string } | null;
type Nodes<T> = { nodes: (T | null)[] | null } | null;

interface GqlPull {
  number: number;
  title: string;
  author: Login;
  headRefName: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  labels: Nodes<{ name: string }>;
  reviews: Nodes<{ author: Login; state: string; submittedAt: string | null }>;
  commits: Nodes<{ commit: { author: { name: string | null; email: string | null; user: Login } | null } }>;
  closingIssuesReferences: Nodes<{ number: number; createdAt: string }>;
  comments: Nodes<{ author: Login; body: string }>;
}

interface GqlIssue {
  number: number;
  title: string;
  author: Login;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  labels: Nodes<{ name: string }>;
  comments: Nodes<{ author: Login; body: string }>;
}

interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export const PULL_ACTIVITY = /* GraphQL */ `
  query PullActivity($owner: String!, $repo: String!, $after: String) {
    repository(owner: $owner, name: $repo) {
      pullRequests(first: 100, after: $after, orderBy: { field: UPDATED_AT, direction: DESC }) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          number
          title
          author {
            login
          }
          headRefName
          createdAt
          updatedAt
          closedAt
          mergedAt
          labels(first: 20) {
            nodes {
              name
            }
          }
          reviews(first: 50) {
            nodes {
              author {
                login
              }
              state
              submittedAt
            }
          }
          commits(first: 100) {
            nodes {
              commit {
                author {
                  name
                  email
                  user {
                    login
                  }
                }
              }
            }
          }
          closingIssuesReferences(first: 5) {
            nodes {
              number
              createdAt
            }
          }
          comments(last: 10) {
            nodes {
              author {
                login
              }
              body
            }
          }
        }
      }
    }
  }
`;

export const ISSUE_ACTIVITY = /* GraphQL */ `
  query IssueActivity($owner: String!, $repo: String!, $since: DateTime, $after: String) {
    repository(owner: $owner, name: $repo) {
      issues(first: 100, after: $after, orderBy: { field: UPDATED_AT, direction: DESC }, filterBy: { since: $since }) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          number
          title
          author {
            login
          }
          createdAt
          updatedAt
          closedAt
          labels(first: 20) {
            nodes {
              name
            }
          }
          comments(last: 10) {
            nodes {
              author {
                login
              }
              body
            }
          }
        }
      }
    }
  }
`;

function nodes<T>(c: Nodes<T> | undefined): T[] {
  return (c?.nodes ?? []).filter((n): n is T => n !== null);
}

function comments(c: GqlPull['comments']): { author: string | null; body: string }[] {
  return nodes(c).map((n) => ({ author: n.author?.login ?? null, body: n.body }));
}

function mapPull(p: GqlPull): PullActivity {
  return {
    number: p.number,
    title: p.title,
    author: p.author?.login ?? null,
    headRef: p.headRefName,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    closedAt: p.closedAt,
    mergedAt: p.mergedAt,
    labels: nodes(p.labels).map((l) => l.name),
    reviews: nodes(p.reviews).map((r) => ({ author: r.author?.login ?? null, state: r.state, submittedAt: r.submittedAt })),
    commitAuthors: nodes(p.commits).map((c) => ({
      name: c.commit.author?.name ?? '',
      email: c.commit.author?.email ?? '',
      login: c.commit.author?.user?.login ?? null,
    })),
    closingIssues: nodes(p.closingIssuesReferences).map((i) => ({ number: i.number, createdAt: i.createdAt })),
    lastComments: comments(p.comments),
  };
}

function mapIssue(i: GqlIssue): IssueActivity {
  return {
    number: i.number,
    title: i.title,
    author: i.author?.login ?? null,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    closedAt: i.closedAt,
    labels: nodes(i.labels).map((l) => l.name),
    lastComments: comments(i.comments),
  };
}

/** Pull requests updated since `since`, newest update first, read until one is older (or the page budget ends). */
export async function listPullActivity(octokit: OctokitLike, repo: RepoRef, query: ActivityQuery): Promise<ActivityPage<PullActivity>> {
  type Result = { repository: { pullRequests: { pageInfo: PageInfo; nodes: (GqlPull | null)[] } } | null };
  const items: PullActivity[] = [];
  const maxPages = query.maxPages ?? 10;
  let after: string | null = null;
  for (let page = 1; page <= maxPages; page++) {
    const result: Result = await octokit.graphql<Result>(PULL_ACTIVITY, { owner: repo.owner, repo: repo.repo, after });
    const conn = result.repository?.pullRequests;
    if (!conn) return { items, truncated: false, requests: page };
    for (const p of conn.nodes) {
      if (!p) continue;
      if (p.updatedAt < query.since) return { items, truncated: false, requests: page };
      items.push(mapPull(p));
    }
    if (!conn.pageInfo.hasNextPage) return { items, truncated: false, requests: page };
    if (page === maxPages) return { items, truncated: true, requests: page };
    after = conn.pageInfo.endCursor;
  }
  return { items, truncated: false, requests: 0 };
}

/** Issues (not pull requests) updated since `since`, newest update first. */
export async function listIssueActivity(octokit: OctokitLike, repo: RepoRef, query: ActivityQuery): Promise<ActivityPage<IssueActivity>> {
  type Result = { repository: { issues: { pageInfo: PageInfo; nodes: (GqlIssue | null)[] } } | null };
  const items: IssueActivity[] = [];
  const maxPages = query.maxPages ?? 10;
  let after: string | null = null;
  for (let page = 1; page <= maxPages; page++) {
    const result: Result = await octokit.graphql<Result>(ISSUE_ACTIVITY, { owner: repo.owner, repo: repo.repo, since: query.since, after });
    const conn = result.repository?.issues;
    if (!conn) return { items, truncated: false, requests: page };
    items.push(...conn.nodes.filter((i): i is GqlIssue => i !== null).map(mapIssue));
    if (!conn.pageInfo.hasNextPage) return { items, truncated: false, requests: page };
    if (page === maxPages) return { items, truncated: true, requests: page };
    after = conn.pageInfo.endCursor;
  }
  return { items, truncated: false, requests: 0 };
}

/**
 * Artifacts whose name starts with `namePrefix`, newest first, created at or after `since`: pages
 * of 100 read until one is older than `since` or `maxPages` pages were read.
 */
export async function listArtifacts(
  octokit: OctokitLike,
  repo: RepoRef,
  query: { namePrefix?: string; since?: string; maxPages?: number },
): Promise<ActivityPage<Artifact>> {
  const items: Artifact[] = [];
  const maxPages = query.maxPages ?? 10;
  for (let page = 1; page <= maxPages; page++) {
    const { data } = await octokit.request('GET /repos/{owner}/{repo}/actions/artifacts', {
      owner: repo.owner,
      repo: repo.repo,
      per_page: 100,
      page,
    });
    let older = false;
    for (const a of data.artifacts) {
      if (query.since && a.created_at && a.created_at < query.since) {
        older = true;
        continue;
      }
      if (query.namePrefix && !a.name.startsWith(query.namePrefix)) continue;
      items.push({
        id: a.id,
        name: a.name,
        sizeInBytes: a.size_in_bytes,
        createdAt: a.created_at,
        expired: a.expired,
        workflowRunId: a.workflow_run?.id ?? null,
      });
    }
    const more = page * 100 < data.total_count;
    if (older || !more) return { items, truncated: false, requests: page };
    if (page === maxPages) return { items, truncated: true, requests: page };
  }
  return { items, truncated: false, requests: 0 };
}

/** An artifact's ZIP archive (GitHub answers with a redirect to the file; fetch follows it). */
export async function downloadArtifact(octokit: OctokitLike, repo: RepoRef, id: number): Promise<Uint8Array> {
  const { data } = await octokit.request('GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}', {
    owner: repo.owner,
    repo: repo.repo,
    artifact_id: id,
    archive_format: 'zip',
  });
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (typeof data === 'string') return Buffer.from(data, 'binary');
  throw new Error(`artifact ${id}: the download was not an archive`);
}
