/** What a REST handler receives and returns, and the error it throws for GitHub-style failures. */
import type { AppRecord, AppRegistry } from './apps';
import type { IncomingHttpHeaders } from 'node:http';
import type { GitRemotes } from './git';
import type { Renderer } from './render';
import type { RepoRecord, SandboxState } from './state';

export interface RestContext {
  method: string;
  /** Path template of the matched route, e.g. `/repos/{owner}/{repo}/issues`. */
  route: string;
  /** Path parameters, typed by the description (issue_number is a number). */
  params: Record<string, unknown>;
  /** Query parameters, typed, with documented defaults applied. */
  query: Record<string, unknown>;
  /** Raw query string values (for pagination links). */
  rawQuery: URLSearchParams;
  pathname: string;
  body: unknown;
  headers: IncomingHttpHeaders;
  state: SandboxState;
  git: GitRemotes;
  render: Renderer;
  /** REST base URL of the sandbox. */
  api: string;
  viewer: string;
  /** What kind of token the request carried (an App's, a workflow's GITHUB_TOKEN, a person's). */
  viewerKind?: 'app' | 'github-token' | 'user';
  /** The registered GitHub Apps and their installations. */
  apps?: AppRegistry;
  /** The App whose verified JWT the request carried (only on the endpoints that take one). */
  app?: AppRecord;
}

export interface RestResult {
  status: number;
  body?: unknown;
  /** Non-JSON body (diffs, logs, raw file bytes). */
  text?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

export type RestHandler = (ctx: RestContext) => Promise<RestResult> | RestResult;

export interface RouteDef {
  method: string;
  route: string;
  handler: RestHandler;
}

export const DOCS = 'https://docs.github.com/rest';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    return { message: this.message, documentation_url: DOCS, ...this.extra, status: String(this.status) };
  }
}

export function notFound(): HttpError {
  return new HttpError(404, 'Not Found');
}

/** GitHub's 422 with a single `errors` entry. */
export function validationFailed(message: string, error: { resource: string; field?: string; code: string; message?: string }): HttpError {
  return new HttpError(422, message, { errors: [error] });
}

export function repoOf(ctx: RestContext): RepoRecord {
  const repo = ctx.state.findRepo(String(ctx.params.owner), String(ctx.params.repo));
  if (!repo) throw notFound();
  return repo;
}

export function bodyObject(ctx: RestContext): Record<string, unknown> {
  return ctx.body && typeof ctx.body === 'object' && !Array.isArray(ctx.body) ? (ctx.body as Record<string, unknown>) : {};
}

/**
 * Where a list's `Link` header points: repository lists by the repository's numeric id
 * (`/repositories/{id}/issues`), as api.github.com writes them; other lists at the path asked.
 */
function linkPath(ctx: RestContext): string {
  const prefix = /^\/repos\/[^/]+\/[^/]+/.exec(ctx.pathname);
  if (!prefix || !ctx.route.startsWith('/repos/{owner}/{repo}')) return ctx.pathname;
  const repo = ctx.state.findRepo(String(ctx.params.owner), String(ctx.params.repo));
  return repo ? `/repositories/${repo.id}${ctx.pathname.slice(prefix[0].length)}` : ctx.pathname;
}

/** Page of a list with GitHub's `Link` header (per_page default 30, max 100). */
export function paginate<T>(ctx: RestContext, items: T[]): { items: T[]; headers: Record<string, string> } {
  const perPage = Math.min(Math.max(Number(ctx.query.per_page ?? 30) || 30, 1), 100);
  const page = Math.max(Number(ctx.query.page ?? 1) || 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const base = linkPath(ctx);
  const link = (p: number): string => {
    const q = new URLSearchParams(ctx.rawQuery);
    q.set('per_page', String(perPage));
    q.set('page', String(p));
    return `<${ctx.api}${base}?${q.toString()}>`;
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`${link(page - 1)}; rel="prev"`);
  if (page < last) rels.push(`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`);
  if (page > 1) rels.push(`${link(1)}; rel="first"`);
  return { items: items.slice((page - 1) * perPage, page * perPage), headers: rels.length ? { link: rels.join(', ') } : {} };
}
