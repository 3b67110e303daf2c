/**
 * Token permissions, as GitHub applies them to a workflow's GITHUB_TOKEN or an App installation
 * token: each token carries a level (none, read or write) per permission, and a request beyond
 * it gets GitHub's real answer, HTTP 403 "Resource not accessible by integration" (GraphQL:
 * a FORBIDDEN error). Tokens the sandbox did not mint act as the viewer with every permission
 * at write, so code that does not care about permissions keeps working unchanged.
 */
import { randomBytes } from 'node:crypto';
import type { SandboxState } from './state';
import type { AuthorAssociation } from './types';

export const PERMISSIONS = ['contents', 'issues', 'pull-requests', 'checks', 'actions', 'administration', 'secrets'] as const;
export type PermissionName = (typeof PERMISSIONS)[number];
export type Access = 'none' | 'read' | 'write';
export type TokenPermissions = Record<PermissionName, Access>;

export const FORBIDDEN_MESSAGE = 'Resource not accessible by integration';

/** Every permission at write: what a token the sandbox did not mint may do. */
export const ALL_WRITE: TokenPermissions = {
  contents: 'write',
  issues: 'write',
  'pull-requests': 'write',
  checks: 'write',
  actions: 'write',
  administration: 'write',
  secrets: 'write',
};

/** Every permission at none: an App's own JWT, which acts on no repository. */
export const NO_PERMISSIONS: TokenPermissions = {
  contents: 'none',
  issues: 'none',
  'pull-requests': 'none',
  checks: 'none',
  actions: 'none',
  administration: 'none',
  secrets: 'none',
};

/** Whose token it is: a workflow's GITHUB_TOKEN, an App installation's, or a user's. */
export type TokenKind = 'github-token' | 'app' | 'user';

/** The login a workflow's GITHUB_TOKEN acts as. */
export const GITHUB_ACTIONS_LOGIN = 'github-actions[bot]';

export interface MintTokenOptions {
  /**
   * Whose token: `github-token` (a workflow's GITHUB_TOKEN, acting as `github-actions[bot]`),
   * `app` (an App installation, acting as its bot) or `user`. Default: `app` when the login is a
   * `[bot]`, else `user`.
   */
  kind?: TokenKind;
  /** Levels per permission; a permission left out is `none` (as in a workflow's `permissions:`). */
  permissions?: Partial<TokenPermissions>;
  /** Who the token acts as. Default the sandbox's viewer (the factory's bot); `github-actions[bot]` for a github-token. */
  login?: string;
  /** The login's association with every repository (OWNER, MEMBER, CONTRIBUTOR, ...). */
  association?: AuthorAssociation;
}

/** The kind a login's token has when nobody said: bots are Apps, everyone else a user. */
export function defaultKind(login: string): TokenKind {
  return login.endsWith('[bot]') ? 'app' : 'user';
}

export interface SandboxToken {
  token: string;
  login: string;
  kind: TokenKind;
  permissions: TokenPermissions;
  /** Minted by the sandbox (false: an unknown token, treated as the viewer with every permission). */
  minted: boolean;
}

/** What a request needs: `access` on any one of `scopes`, or nothing beyond metadata. */
export type Need = { scopes: PermissionName[]; access: Exclude<Access, 'none'> } | 'metadata';

const RANK: Record<Access, number> = { none: 0, read: 1, write: 2 };

export function allows(permissions: TokenPermissions, need: Need): boolean {
  if (need === 'metadata') return true;
  return need.scopes.some((scope) => RANK[permissions[scope]] >= RANK[need.access]);
}

/** `issues=write; pull_requests=write`: GitHub's `x-accepted-github-permissions` header. */
export function acceptedHeader(need: Need): string {
  if (need === 'metadata') return 'metadata=read';
  return need.scopes.map((s) => `${s.replace('-', '_')}=${need.access}`).join('; ');
}

export class TokenRegistry {
  private readonly tokens = new Map<string, SandboxToken>();

  constructor(private readonly state: Pick<SandboxState, 'viewer' | 'user' | 'setAssociation'>) {}

  mint(opts: MintTokenOptions = {}): string {
    const token = `ghs_${randomBytes(18).toString('base64url').replace(/[-_]/g, 'x')}`;
    const permissions = Object.fromEntries(PERMISSIONS.map((p) => [p, opts.permissions?.[p] ?? 'none'])) as TokenPermissions;
    for (const [name, level] of Object.entries(opts.permissions ?? {})) {
      if (!(PERMISSIONS as readonly string[]).includes(name))
        throw new Error(`sandbox: unknown permission ${name} (one of ${PERMISSIONS.join(', ')})`);
      if (!['none', 'read', 'write'].includes(String(level)))
        throw new Error(`sandbox: permission ${name} must be none, read or write, got ${String(level)}`);
    }
    if (opts.kind !== undefined && !['github-token', 'app', 'user'].includes(opts.kind))
      throw new Error(`sandbox: token kind must be github-token, app or user, got ${String(opts.kind)}`);
    const login = opts.login ?? (opts.kind === 'github-token' ? GITHUB_ACTIONS_LOGIN : this.state.viewer);
    this.state.user(login);
    if (opts.association) this.state.setAssociation(login, opts.association);
    this.tokens.set(token, { token, login, kind: opts.kind ?? defaultKind(login), permissions, minted: true });
    return token;
  }

  /** The identity and permissions of a presented token. */
  lookup(token: string): SandboxToken {
    const viewer = this.state.viewer;
    return this.tokens.get(token) ?? { token, login: viewer, kind: defaultKind(viewer), permissions: ALL_WRITE, minted: false };
  }
}

/** The token of an `Authorization: token X` / `Bearer X` / `Basic base64(user:X)` header, if any. */
export function tokenOf(authorization: string | undefined): string | undefined {
  const header = authorization ?? '';
  const bearer = /^(?:token|bearer)\s+(\S+)/i.exec(header);
  if (bearer) return bearer[1];
  const basic = /^basic\s+(\S+)/i.exec(header);
  if (!basic) return undefined;
  const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const secret = colon >= 0 ? decoded.slice(colon + 1) : decoded;
  return secret || undefined;
}

/** Facts about the addressed objects a rule may need (is this issue number a pull request?). */
export interface NeedLookup {
  isPullRequest(issueNumber: number): boolean;
  /** Whether an issue comment sits on a pull request. */
  commentOnPullRequest(commentId: number): boolean;
}

const R = '/repos/{owner}/{repo}';
const read = (...scopes: PermissionName[]): Need => ({ scopes, access: 'read' });
const write = (...scopes: PermissionName[]): Need => ({ scopes, access: 'write' });
/** Issue endpoints address pull requests too: there either permission will do, as on GitHub. */
const onIssue =
  (access: 'read' | 'write') =>
  (p: Record<string, string>, l: NeedLookup): Need =>
    l.isPullRequest(Number(p.issue_number)) ? { scopes: ['issues', 'pull-requests'], access } : { scopes: ['issues'], access };
const onIssueComment =
  (access: 'read' | 'write') =>
  (p: Record<string, string>, l: NeedLookup): Need =>
    l.commentOnPullRequest(Number(p.comment_id)) ? { scopes: ['issues', 'pull-requests'], access } : { scopes: ['issues'], access };

type Rule = Need | ((params: Record<string, string>, lookup: NeedLookup) => Need);

/**
 * The permission each REST endpoint the sandbox serves needs (from GitHub's "permissions
 * required for GitHub Apps" tables). A served route missing here is a test failure.
 */
export const REST_PERMISSIONS: Record<string, Rule> = {
  [`GET ${R}`]: 'metadata',
  [`GET ${R}/contents/{path}`]: read('contents'),
  [`GET ${R}/compare/{basehead}`]: read('contents'),
  'GET /user': 'metadata',
  'GET /installation/repositories': 'metadata',
  // Authenticated as the App itself (its JWT): no installation permission applies.
  [`GET ${R}/installation`]: 'metadata',
  'GET /search/issues': 'metadata',
  [`GET ${R}/issues`]: read('issues'),
  [`POST ${R}/issues`]: write('issues'),
  [`GET ${R}/issues/{issue_number}`]: onIssue('read'),
  [`PATCH ${R}/issues/{issue_number}`]: onIssue('write'),
  [`GET ${R}/issues/{issue_number}/comments`]: onIssue('read'),
  [`POST ${R}/issues/{issue_number}/comments`]: onIssue('write'),
  [`GET ${R}/issues/comments/{comment_id}`]: onIssueComment('read'),
  [`PATCH ${R}/issues/comments/{comment_id}`]: onIssueComment('write'),
  [`DELETE ${R}/issues/comments/{comment_id}`]: onIssueComment('write'),
  [`GET ${R}/labels`]: read('issues', 'pull-requests'),
  [`POST ${R}/labels`]: write('issues', 'pull-requests'),
  [`GET ${R}/labels/{name}`]: read('issues', 'pull-requests'),
  [`PATCH ${R}/labels/{name}`]: write('issues', 'pull-requests'),
  [`POST ${R}/issues/{issue_number}/labels`]: onIssue('write'),
  [`PUT ${R}/issues/{issue_number}/labels`]: onIssue('write'),
  [`DELETE ${R}/issues/{issue_number}/labels/{name}`]: onIssue('write'),
  [`GET ${R}/issues/{issue_number}/sub_issues`]: read('issues'),
  [`POST ${R}/issues/{issue_number}/sub_issues`]: write('issues'),
  [`POST ${R}/issues/{issue_number}/reactions`]: onIssue('write'),
  [`POST ${R}/issues/comments/{comment_id}/reactions`]: onIssueComment('write'),
  [`POST ${R}/pulls/comments/{comment_id}/reactions`]: write('pull-requests'),
  [`GET ${R}/pulls`]: read('pull-requests'),
  [`POST ${R}/pulls`]: write('pull-requests'),
  [`GET ${R}/pulls/{pull_number}`]: read('pull-requests'),
  [`PATCH ${R}/pulls/{pull_number}`]: write('pull-requests'),
  [`GET ${R}/pulls/{pull_number}/files`]: read('pull-requests'),
  [`GET ${R}/pulls/{pull_number}/reviews`]: read('pull-requests'),
  [`POST ${R}/pulls/{pull_number}/reviews`]: write('pull-requests'),
  [`GET ${R}/pulls/{pull_number}/comments`]: read('pull-requests'),
  [`POST ${R}/pulls/{pull_number}/comments`]: write('pull-requests'),
  [`GET ${R}/pulls/comments/{comment_id}`]: read('pull-requests'),
  [`POST ${R}/pulls/{pull_number}/comments/{comment_id}/replies`]: write('pull-requests'),
  [`POST ${R}/pulls/{pull_number}/requested_reviewers`]: write('pull-requests'),
  [`PUT ${R}/pulls/{pull_number}/update-branch`]: write('pull-requests'),
  // Merging writes the base branch.
  [`PUT ${R}/pulls/{pull_number}/merge`]: write('contents'),
  [`GET ${R}/commits/{ref}/check-runs`]: read('checks'),
  [`POST ${R}/check-runs`]: write('checks'),
  [`GET ${R}/check-runs/{check_run_id}`]: read('checks'),
  [`PATCH ${R}/check-runs/{check_run_id}`]: write('checks'),
  // Branch protection and repository settings are administration; a branch's rules are metadata.
  [`GET ${R}/branches/{branch}/protection`]: read('administration'),
  [`GET ${R}/rules/branches/{branch}`]: 'metadata',
  [`PATCH ${R}`]: write('administration'),
  [`GET ${R}/actions/workflows`]: read('actions'),
  [`GET ${R}/actions/runs`]: read('actions'),
  [`GET ${R}/actions/workflows/{workflow_id}/runs`]: read('actions'),
  [`GET ${R}/actions/runs/{run_id}`]: read('actions'),
  [`GET ${R}/actions/runs/{run_id}/jobs`]: read('actions'),
  [`GET ${R}/actions/jobs/{job_id}/logs`]: read('actions'),
  [`GET ${R}/actions/artifacts`]: read('actions'),
  [`GET ${R}/actions/runs/{run_id}/artifacts`]: read('actions'),
  [`GET ${R}/actions/artifacts/{artifact_id}`]: read('actions'),
  [`GET ${R}/actions/artifacts/{artifact_id}/{archive_format}`]: read('actions'),
  [`POST ${R}/actions/workflows/{workflow_id}/dispatches`]: write('actions'),
  [`POST ${R}/dispatches`]: write('contents'),
  // Secrets are listed by name with the Secrets permission; the Actions settings are administration.
  [`GET ${R}/actions/secrets`]: read('secrets'),
  [`GET ${R}/actions/organization-secrets`]: read('secrets'),
  [`GET ${R}/actions/permissions/workflow`]: read('administration'),
};

/** The permission a GraphQL mutation needs (queries read what the token may read). */
export const GRAPHQL_MUTATION_PERMISSIONS: Record<string, Need> = {
  addPullRequestReviewThreadReply: write('pull-requests'),
  resolveReviewThread: write('pull-requests'),
  unresolveReviewThread: write('pull-requests'),
  enablePullRequestAutoMerge: write('pull-requests'),
  disablePullRequestAutoMerge: write('pull-requests'),
  markPullRequestReadyForReview: write('pull-requests'),
  // As auto-merge ("merge when ready"): the queue, not the caller, writes the base branch.
  enqueuePullRequest: write('pull-requests'),
  dequeuePullRequest: write('pull-requests'),
};

/** Git over smart HTTP: fetching reads the repository's contents, pushing writes them. */
export const GIT_PERMISSIONS = { 'git-upload-pack': read('contents'), 'git-receive-pack': write('contents') } as const;

export function restNeed(method: string, route: string, params: Record<string, string>, lookup: NeedLookup): Need | undefined {
  const rule = REST_PERMISSIONS[`${method} ${route}`];
  if (rule === undefined) return undefined;
  return typeof rule === 'function' ? rule(params, lookup) : rule;
}

export function stateLookup(state: SandboxState, repo: string): NeedLookup {
  return {
    isPullRequest: (n) => state.findIssue(repo, n)?.isPullRequest ?? false,
    commentOnPullRequest: (id) => {
      const comment = state.comments.find((c) => c.repo === repo && c.id === id);
      return comment ? (state.findIssue(repo, comment.issueNumber)?.isPullRequest ?? false) : false;
    },
  };
}
