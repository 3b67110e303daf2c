/**
 * Pure mapping from GitHub's REST and GraphQL shapes to the layer's own types (types.ts).
 * Inputs are typed structurally with only the fields used, so Octokit's response types and
 * small test fixtures both fit.
 */
import {
  isAuthorAssociation,
  type Actor,
  type AuthorAssociation,
  type BranchRules,
  type CheckRun,
  type Comment,
  type Issue,
  type MergeMethod,
  type PullRequest,
  type PullRequestFile,
  type PullRequestSweepItem,
  type Repository,
  type Review,
  type ReviewThread,
  type ReviewThreadComment,
  type RollupCheck,
  type WorkflowRun,
} from './types';
import type {
  GqlActor,
  GqlIssue,
  GqlReviewThread,
  GqlRollupContext,
  GqlSweepComment,
  GqlSweepPullRequest,
  GqlThreadComment,
} from './queries';

/** Unknown values become NONE: the least trusted association. */
export function mapAssociation(value: string | null | undefined): AuthorAssociation {
  return isAuthorAssociation(value) ? value : 'NONE';
}

export interface RestUser {
  login: string;
  type?: string;
}

/** A deleted account comes back as null; GitHub shows it as "ghost". */
export function mapRestActor(user: RestUser | null | undefined): Actor {
  if (!user) return { login: 'ghost', type: 'User' };
  return { login: user.login, type: user.type ?? 'User' };
}

/**
 * GraphQL names an app "dependabot" where REST and webhooks say "dependabot[bot]"; the REST
 * spelling is used everywhere so that trust checks compare one form.
 */
export function mapGqlActor(actor: GqlActor | null | undefined): Actor {
  if (!actor) return { login: 'ghost', type: 'User' };
  const type = actor.__typename;
  const login = type === 'Bot' && !actor.login.endsWith('[bot]') ? `${actor.login}[bot]` : actor.login;
  return { login, type };
}

export type RestLabel = string | { name?: string | null };

export function mapLabels(labels: readonly RestLabel[] | null | undefined): string[] {
  const out: string[] = [];
  for (const l of labels ?? []) {
    const name = typeof l === 'string' ? l : l.name;
    if (name) out.push(name);
  }
  return out;
}

export interface RestRepository {
  full_name: string;
  default_branch: string;
  private: boolean;
  node_id: string;
  allow_auto_merge?: boolean;
}

export function mapRepository(r: RestRepository): Repository {
  return {
    fullName: r.full_name,
    defaultBranch: r.default_branch,
    private: r.private,
    nodeId: r.node_id,
    ...(r.allow_auto_merge !== undefined ? { allowAutoMerge: r.allow_auto_merge } : {}),
  };
}

export interface RestIssue {
  id: number | bigint;
  node_id: string;
  number: number;
  title: string;
  body?: string | null;
  state: string;
  state_reason?: string | null;
  labels?: readonly RestLabel[];
  user: RestUser | null;
  author_association?: string;
  created_at: string;
  updated_at: string;
  closed_at?: string | null;
  pull_request?: unknown;
  html_url: string;
  sub_issues_summary?: { total: number } | null;
}

export function mapRestIssue(i: RestIssue): Issue {
  return {
    number: i.number,
    nodeId: i.node_id,
    id: Number(i.id),
    title: i.title,
    body: i.body ?? '',
    state: i.state === 'closed' ? 'closed' : 'open',
    stateReason: i.state_reason ?? null,
    labels: mapLabels(i.labels),
    author: mapRestActor(i.user),
    authorAssociation: mapAssociation(i.author_association),
    createdAt: i.created_at,
    updatedAt: i.updated_at,
    closedAt: i.closed_at ?? null,
    isPullRequest: i.pull_request !== undefined && i.pull_request !== null,
    url: i.html_url,
    ...(i.sub_issues_summary ? { subIssues: i.sub_issues_summary.total } : {}),
  };
}

export function mapGqlIssue(i: GqlIssue): Issue {
  return {
    number: i.number,
    nodeId: i.id,
    id: i.databaseId ?? 0,
    title: i.title,
    body: i.body ?? '',
    state: i.state === 'CLOSED' ? 'closed' : 'open',
    stateReason: i.stateReason ? i.stateReason.toLowerCase() : null,
    labels: (i.labels?.nodes ?? []).flatMap((l) => (l?.name ? [l.name] : [])),
    author: mapGqlActor(i.author),
    authorAssociation: mapAssociation(i.authorAssociation),
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    closedAt: i.closedAt ?? null,
    isPullRequest: false,
    url: i.url,
    ...(i.subIssuesSummary ? { subIssues: i.subIssuesSummary.total } : {}),
  };
}

export interface RestComment {
  id: number | bigint;
  node_id: string;
  body?: string | null;
  user: RestUser | null;
  author_association?: string;
  created_at: string;
  updated_at: string;
  html_url: string;
}

export function mapComment(c: RestComment): Comment {
  return {
    id: Number(c.id),
    nodeId: c.node_id,
    body: c.body ?? '',
    author: mapRestActor(c.user),
    authorAssociation: mapAssociation(c.author_association),
    createdAt: c.created_at,
    updatedAt: c.updated_at,
    url: c.html_url,
  };
}

export interface RestPullRequest {
  id: number | bigint;
  node_id: string;
  number: number;
  title: string;
  body?: string | null;
  state: string;
  draft?: boolean;
  merged?: boolean;
  merged_at?: string | null;
  labels?: readonly RestLabel[];
  user: RestUser | null;
  author_association?: string;
  head: { ref: string; sha: string; repo: { full_name: string } | null };
  base: { ref: string; sha: string; repo?: { full_name: string } | null };
  html_url: string;
  created_at: string;
  updated_at: string;
  auto_merge?: { merge_method: string; enabled_by: RestUser | null } | null;
}

export function mapPullRequest(p: RestPullRequest): PullRequest {
  return {
    number: p.number,
    nodeId: p.node_id,
    id: Number(p.id),
    title: p.title,
    body: p.body ?? '',
    state: p.state === 'closed' ? 'closed' : 'open',
    draft: p.draft ?? false,
    // The list endpoint has no `merged`; `merged_at` says the same.
    merged: p.merged ?? (p.merged_at !== undefined && p.merged_at !== null),
    labels: mapLabels(p.labels),
    author: mapRestActor(p.user),
    authorAssociation: mapAssociation(p.author_association),
    head: { ref: p.head.ref, sha: p.head.sha, repoFullName: p.head.repo?.full_name ?? '' },
    base: { ref: p.base.ref, sha: p.base.sha, ...(p.base.repo ? { repoFullName: p.base.repo.full_name } : {}) },
    url: p.html_url,
    createdAt: p.created_at,
    updatedAt: p.updated_at,
    ...(p.auto_merge
      ? { autoMerge: { method: p.auto_merge.merge_method as MergeMethod, enabledBy: p.auto_merge.enabled_by?.login ?? '' } }
      : {}),
  };
}

export interface RestPullRequestFile {
  filename: string;
  previous_filename?: string;
  status: PullRequestFile['status'];
  additions: number;
  deletions: number;
  changes: number;
  patch?: string;
}

export function mapPullRequestFile(f: RestPullRequestFile): PullRequestFile {
  return {
    filename: f.filename,
    ...(f.previous_filename !== undefined ? { previousFilename: f.previous_filename } : {}),
    status: f.status,
    additions: f.additions,
    deletions: f.deletions,
    changes: f.changes,
    ...(f.patch !== undefined ? { patch: f.patch } : {}),
  };
}

export interface RestReview {
  id: number | bigint;
  node_id: string;
  user: RestUser | null;
  state: string;
  body?: string | null;
  commit_id: string | null;
  submitted_at?: string;
}

const REVIEW_STATES: readonly Review['state'][] = ['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED', 'PENDING'];

export function mapReview(r: RestReview): Review {
  const state = REVIEW_STATES.find((s) => s === r.state.toUpperCase()) ?? 'COMMENTED';
  return {
    id: Number(r.id),
    nodeId: r.node_id,
    author: mapRestActor(r.user),
    state,
    body: r.body ?? '',
    commitId: r.commit_id ?? '',
    ...(r.submitted_at !== undefined ? { submittedAt: r.submitted_at } : {}),
  };
}

export function mapThreadComment(c: GqlThreadComment): ReviewThreadComment {
  return {
    id: c.id,
    databaseId: c.databaseId ?? 0,
    body: c.body,
    author: mapGqlActor(c.author),
    authorAssociation: mapAssociation(c.authorAssociation),
    createdAt: c.createdAt,
    url: c.url,
  };
}

export function mapReviewThread(t: GqlReviewThread): ReviewThread {
  return {
    id: t.id,
    isResolved: t.isResolved,
    isOutdated: t.isOutdated,
    path: t.path,
    line: t.line ?? null,
    comments: (t.comments.nodes ?? []).flatMap((c) => (c ? [mapThreadComment(c)] : [])),
  };
}

export interface RestCheckRun {
  id: number | bigint;
  name: string;
  status: string;
  conclusion: string | null;
  head_sha: string;
  output?: { title?: string | null; summary?: string | null };
  app?: { slug?: string } | null;
}

export function mapCheckRun(c: RestCheckRun): CheckRun {
  return {
    id: Number(c.id),
    name: c.name,
    status: c.status,
    conclusion: c.conclusion ?? null,
    headSha: c.head_sha,
    ...(c.output ? { title: c.output.title ?? null, summary: c.output.summary ?? null } : {}),
    ...(c.app?.slug ? { appSlug: c.app.slug } : {}),
  };
}

/** A branch's rules (`GET /rules/branches/{branch}`): required check contexts and whether a merge queue applies. */
export function mapBranchRules(rules: readonly { type: string; parameters?: unknown }[]): BranchRules {
  const requiredChecks = new Set<string>();
  for (const rule of rules) {
    if (rule.type !== 'required_status_checks') continue;
    const checks = (rule.parameters as { required_status_checks?: { context: string }[] } | undefined)?.required_status_checks ?? [];
    for (const c of checks) requiredChecks.add(c.context);
  }
  return { requiredChecks: [...requiredChecks], mergeQueue: rules.some((r) => r.type === 'merge_queue') };
}

export interface RestWorkflowRun {
  id: number | bigint;
  name?: string | null;
  head_branch: string | null;
  head_sha: string;
  event: string;
  status: string | null;
  conclusion: string | null;
  workflow_id: number | bigint;
  html_url: string;
}

export function mapWorkflowRun(r: RestWorkflowRun): WorkflowRun {
  return {
    id: Number(r.id),
    name: r.name ?? '',
    headBranch: r.head_branch ?? null,
    headSha: r.head_sha,
    event: r.event,
    status: r.status ?? null,
    conclusion: r.conclusion ?? null,
    workflowId: Number(r.workflow_id),
    url: r.html_url,
  };
}

/**
 * The last `maxBytes` bytes of a log (UTF-8), cut at a character boundary and, when there is
 * one nearby, at a line start. The result, including its "truncated" note, never exceeds
 * maxBytes.
 */
export function tailBytes(text: string, maxBytes: number): string {
  const buf = Buffer.from(text, 'utf8');
  if (buf.length <= maxBytes) return text;
  const note = `[... ${buf.length} bytes, showing the end ...]\n`;
  const room = Math.max(0, maxBytes - Buffer.byteLength(note));
  let start = buf.length - room;
  // Skip UTF-8 continuation bytes so no character is split.
  while (start < buf.length && ((buf[start] ?? 0) & 0xc0) === 0x80) start++;
  let tail = buf.subarray(start).toString('utf8');
  const nl = tail.indexOf('\n');
  if (nl >= 0 && nl < 200) tail = tail.slice(nl + 1);
  const out = note + tail;
  return Buffer.byteLength(out) <= maxBytes ? out : tail;
}

export function mapGqlComment(c: GqlSweepComment): Comment {
  return {
    id: c.databaseId ?? 0,
    nodeId: c.id,
    body: c.body ?? '',
    author: mapGqlActor(c.author),
    authorAssociation: mapAssociation(c.authorAssociation),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    url: c.url,
  };
}

/** A check run or a commit status of a rollup, as one kind of check. */
export function mapRollupContext(c: GqlRollupContext): RollupCheck {
  if (c.__typename === 'CheckRun') {
    const done = c.status === 'COMPLETED';
    return {
      name: c.name,
      status: done ? 'completed' : 'pending',
      conclusion: done ? (c.conclusion ?? 'neutral').toLowerCase() : null,
      startedAt: c.startedAt,
    };
  }
  const pending = c.state === 'PENDING' || c.state === 'EXPECTED';
  return {
    name: c.context,
    status: pending ? 'pending' : 'completed',
    conclusion: pending ? null : c.state.toLowerCase(),
    startedAt: c.createdAt,
  };
}

export function mapSweepPullRequest(p: GqlSweepPullRequest): PullRequestSweepItem {
  const nodes = <T>(conn: { nodes: (T | null)[] | null } | null | undefined): T[] => (conn?.nodes ?? []).flatMap((n) => (n ? [n] : []));
  return {
    number: p.number,
    nodeId: p.id,
    title: p.title,
    url: p.url,
    author: mapGqlActor(p.author),
    draft: p.isDraft,
    isCrossRepository: p.isCrossRepository,
    head: { ref: p.headRefName, sha: p.headRefOid },
    base: { ref: p.baseRefName, sha: p.baseRefOid },
    labels: nodes(p.labels).map((l) => l.name),
    mergeable: p.mergeable,
    mergeStateStatus: p.mergeStateStatus,
    checks: {
      state: p.statusCheckRollup?.state ?? null,
      contexts: p.statusCheckRollup ? nodes(p.statusCheckRollup.contexts).map(mapRollupContext) : [],
    },
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    lastComments: nodes(p.comments).map(mapGqlComment),
    closingIssues: nodes(p.closingIssuesReferences).map((i) => i.number),
  };
}
