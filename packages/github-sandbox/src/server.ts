/**
 * The HTTP front of the sandbox: records every request, injects faults, checks auth, routes REST
 * requests to handlers and POST /graphql to graphql-js, and holds both sides to GitHub's
 * contract (unknown endpoints, bad parameters or bodies, and off-contract responses fail loudly).
 */
import type * as http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Clock } from './types';
import { type ContractViolation, OpenApiContract } from './contract';
import type { FaultInjector } from './faults';
import type { GitRemotes } from './git';
import { serveGit } from './git-http';
import { runGraphql } from './graphql';
import { DOCS, HttpError, type RestContext, type RestResult, type RouteDef } from './http';
import { Renderer } from './render';
import { actionRoutes, ARTIFACT_ZIP_PATH, JOB_LOG_PATH } from './rest/actions';
import { checkRoutes } from './rest/checks';
import { settingsRoutes } from './rest/settings';
import { compareRoutes } from './rest/compare';
import {
  acceptedHeader,
  allows,
  FORBIDDEN_MESSAGE,
  NO_PERMISSIONS,
  restNeed,
  type SandboxToken,
  stateLookup,
  type TokenRegistry,
  tokenOf,
} from './permissions';
import { issueRoutes } from './rest/issues';
import { pullRoutes } from './rest/pulls';
import { repoRoutes } from './rest/repos';
import { searchRoutes } from './rest/search';
import { appRoutes } from './rest/apps';
import { type AppRecord, type AppRegistry, JWT_ROUTES, looksLikeJwt } from './apps';
import { compileTemplates, type CompiledTemplate, matchTemplate, repositoryIdPath } from './routes';
import type { SandboxState } from './state';
import { observeRequest, type WebhookEmitter } from './webhooks';

export interface RecordedRequest {
  method: string;
  /** Pathname as requested (percent-encoded). */
  path: string;
  query: Record<string, string>;
  status: number;
  /** Route template of the endpoint, when one matched. */
  route?: string;
  /** REST operation id from GitHub's description (`issues/create`), when validating. */
  operationId?: string;
  operationName?: string;
  graphql?: boolean;
  /** True when an injected fault answered the request. */
  fault?: boolean;
  /** Login the request's token acts as (absent when it carried none). */
  actor?: string;
  /** Git smart HTTP service (`git-upload-pack`, `git-receive-pack`) of a git request. */
  git?: string;
  durationMs: number;
}

export const ROUTES: RouteDef[] = [
  ...repoRoutes,
  ...issueRoutes,
  ...pullRoutes,
  ...actionRoutes,
  ...checkRoutes,
  ...settingsRoutes,
  ...searchRoutes,
  ...compareRoutes,
  ...appRoutes,
];

/** Parameters GitHub lets span several path segments, by route (mirrors `x-multi-segment`). */
const MULTI_SEGMENT: Record<string, string[]> = {
  '/repos/{owner}/{repo}/contents/{path}': ['path'],
  '/repos/{owner}/{repo}/commits/{ref}/check-runs': ['ref'],
  '/repos/{owner}/{repo}/compare/{basehead}': ['basehead'],
};

let compiledRoutes: { compiled: CompiledTemplate; byMethod: Map<string, RouteDef> }[] | undefined;

function routeTable(): { compiled: CompiledTemplate; byMethod: Map<string, RouteDef> }[] {
  if (!compiledRoutes) {
    const templates = [...new Set(ROUTES.map((r) => r.route))];
    compiledRoutes = compileTemplates(templates.map((template) => ({ template, multiSegment: MULTI_SEGMENT[template] ?? [] }))).map(
      (compiled) => ({
        compiled,
        byMethod: new Map(ROUTES.filter((r) => r.route === compiled.template).map((r) => [r.method, r])),
      }),
    );
  }
  return compiledRoutes;
}

export interface ServerDeps {
  state: SandboxState;
  git: GitRemotes;
  faults: FaultInjector;
  clock: Clock;
  validate: boolean;
  requests: RecordedRequest[];
  violations: ContractViolation[];
  tokens: TokenRegistry;
  /** REST base URL, known once the server listens. */
  api: () => string;
  /** Turns the changes requests make into webhook events. */
  webhooks?: WebhookEmitter;
  /** Registered GitHub Apps: a JWT-shaped bearer is checked against them. */
  apps?: AppRegistry;
}

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
  /** Drop the connection instead of answering (a `connection` fault). */
  drop?: 'reset' | 'close';
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(body) };
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function createHandler(deps: ServerDeps): http.RequestListener {
  return (req, res) => {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const record: RecordedRequest = { method, path: url.pathname, query: Object.fromEntries(url.searchParams), status: 0, durationMs: 0 };
    void readBody(req)
      .then((raw) =>
        observeRequest(
          deps.webhooks,
          deps.tokens,
          { method, pathname: url.pathname, authorization: req.headers.authorization, body: raw },
          () => handle(deps, req, url, method, raw, record),
        ),
      )
      .catch((error: unknown) =>
        json(500, { message: `sandbox: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` }),
      )
      .then((reply) => {
        record.status = reply.status;
        record.durationMs = performance.now() - started;
        deps.requests.push(record);
        if (reply.drop === 'reset') return void req.socket.resetAndDestroy();
        if (reply.drop === 'close') return void req.socket.destroy();
        const reset = String(Math.floor(deps.clock.now().getTime() / 1000) + 3600);
        res.writeHead(reply.status, {
          'x-github-request-id': `SBX:${deps.requests.length}`,
          'x-github-media-type': 'github.v3; format=json',
          ...(reply.headers['x-ratelimit-remaining'] === undefined
            ? {
                'x-ratelimit-limit': '5000',
                'x-ratelimit-remaining': '4999',
                'x-ratelimit-used': '1',
                'x-ratelimit-reset': reset,
                'x-ratelimit-resource': record.graphql ? 'graphql' : 'core',
              }
            : {}),
          ...reply.headers,
        });
        res.end(reply.body);
      });
  };
}

async function handle(
  deps: ServerDeps,
  req: http.IncomingMessage,
  url: URL,
  method: string,
  raw: Buffer,
  record: RecordedRequest,
): Promise<Reply> {
  // `/repositories/{id}/...` is GitHub's other spelling of every repository route (its Link headers use it).
  const byId = repositoryIdPath(url.pathname);
  const repoById = byId && deps.state.repos.find((r) => r.id === byId.id);
  if (repoById) url.pathname = `/repos/${repoById.owner}/${repoById.name}${byId!.rest}`;
  const pathname = url.pathname;
  const logMatch = method === 'GET' ? JOB_LOG_PATH.exec(pathname) : null;
  if (logMatch) {
    const job = deps.state.jobs.find((j) => j.id === Number(logMatch[1]));
    return job
      ? { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: job.log }
      : json(404, { message: 'Not Found' });
  }
  const zipMatch = method === 'GET' ? ARTIFACT_ZIP_PATH.exec(pathname) : null;
  if (zipMatch) {
    // The download redirect's target: like GitHub's signed blob URL, it needs no token.
    const artifact = deps.state.artifacts.find((a) => a.id === Number(zipMatch[1]));
    return artifact
      ? { status: 200, headers: { 'content-type': 'application/zip' }, body: artifact.zip }
      : json(404, { message: 'Not Found' });
  }
  const git = await serveGit(deps, { method, pathname, query: url.searchParams, headers: req.headers, body: raw });
  if (git) {
    if (git.actor) record.actor = git.actor;
    if (git.service) record.git = git.service;
    return git;
  }
  const isGraphql = pathname === '/graphql' || pathname === '/api/graphql';
  if (isGraphql) record.graphql = true;
  const table = routeTable();
  let matched: { def: RouteDef; params: Record<string, string> } | undefined;
  let templateOnly: string | undefined;
  if (!isGraphql) {
    for (const entry of table) {
      const params = matchTemplate(entry.compiled, pathname);
      if (!params) continue;
      const def = entry.byMethod.get(method);
      if (def) {
        matched = { def, params };
        break;
      }
      templateOnly ??= entry.compiled.template;
    }
    if (matched) record.route = matched.def.route;
  }
  const fault = deps.faults.take(
    { method, pathname, ...(record.route ? { route: record.route } : {}), graphql: isGraphql },
    deps.clock.now().getTime(),
  );
  if (fault) {
    record.fault = true;
    if (fault.connection) return { status: 0, headers: {}, body: '', drop: fault.connection };
    return json(fault.status, fault.body, fault.headers);
  }
  const auth = String(req.headers.authorization ?? '');
  if (!/^(token|bearer)\s+\S+/i.test(auth)) {
    return json(401, {
      message: isGraphql ? 'This endpoint requires you to be authenticated.' : 'Requires authentication',
      documentation_url: DOCS,
      status: '401',
    });
  }
  const bearer = tokenOf(auth)!;
  let app: AppRecord | undefined;
  if (deps.apps && looksLikeJwt(bearer)) {
    // An App's JWT: accepted only where GitHub takes one, and only when it verifies.
    const outcome =
      matched && JWT_ROUTES.has(`${method} ${matched.def.route}`)
        ? deps.apps.authenticate(bearer, deps.clock.now())
        : { message: 'A JSON web token cannot be used on this endpoint: it needs an installation access token' };
    if ('message' in outcome) return json(401, { message: outcome.message, documentation_url: DOCS, status: '401' });
    app = outcome.app;
  }
  const who: SandboxToken = app
    ? { token: bearer, login: `${app.slug}[bot]`, kind: 'app', permissions: NO_PERMISSIONS, minted: true }
    : deps.tokens.lookup(bearer);
  record.actor = who.login;
  if (byId && !repoById) return json(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
  let body: unknown;
  if (raw.length > 0) {
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return json(400, { message: 'Problems parsing JSON', documentation_url: DOCS, status: '400' });
    }
  }
  if (isGraphql) {
    if (method !== 'POST') return json(404, { message: 'Not Found', documentation_url: DOCS });
    const can = (need: Parameters<typeof allows>[1]): boolean => allows(who.permissions, need);
    const outcome = await runGraphql({ state: deps.state, git: deps.git, viewer: who.login, can }, body);
    if (outcome.operationName) record.operationName = outcome.operationName;
    if (outcome.invalid && deps.validate) deps.violations.push({ kind: 'graphql', method, path: pathname, message: outcome.invalid });
    return json(200, outcome.body);
  }
  if (!matched) return unmatched(deps, method, pathname, templateOnly);
  return rest(deps, req, url, method, matched.def, matched.params, body, record, who, app);
}

function unmatched(deps: ServerDeps, method: string, pathname: string, templateOnly: string | undefined): Reply {
  if (!deps.validate) return json(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
  const found = OpenApiContract.get().findRoute(method, pathname);
  if (found?.documented) {
    const message = `sandbox: ${method} ${found.template} is an endpoint of api.github.com that the sandbox does not implement`;
    deps.violations.push({ kind: 'unimplemented', method, path: pathname, message });
    return json(501, { message, documentation_url: DOCS });
  }
  const shown = found?.template ?? templateOnly ?? pathname.replace(/^\/repos\/[^/]+\/[^/]+(?=\/|$)/, '/repos/{owner}/{repo}');
  const message = `sandbox: ${method} ${shown} is not an endpoint of api.github.com`;
  deps.violations.push({ kind: 'unknown-endpoint', method, path: pathname, message });
  return json(404, { message, documentation_url: DOCS, status: '404' });
}

async function rest(
  deps: ServerDeps,
  req: http.IncomingMessage,
  url: URL,
  method: string,
  def: RouteDef,
  params: Record<string, string>,
  body: unknown,
  record: RecordedRequest,
  who: SandboxToken,
  app?: AppRecord,
): Promise<Reply> {
  const contract = deps.validate ? OpenApiContract.get() : undefined;
  const operationId = contract?.operationId(method, def.route);
  if (operationId) record.operationId = operationId;
  const repoName = params.owner !== undefined && params.repo !== undefined ? `${params.owner}/${params.repo}` : '';
  const fullName = deps.state.findRepo(params.owner ?? '', params.repo ?? '')?.fullName ?? repoName;
  const need = restNeed(method, def.route, params, stateLookup(deps.state, fullName));
  if (need === undefined) throw new Error(`sandbox: ${method} ${def.route} has no entry in REST_PERMISSIONS`);
  if (!allows(who.permissions, need)) {
    const documentation = contract?.docsUrl(method, def.route) ?? DOCS;
    const body = { message: FORBIDDEN_MESSAGE, documentation_url: documentation, status: '403' };
    return json(403, body, { 'x-accepted-github-permissions': acceptedHeader(need) });
  }
  let typedParams: Record<string, unknown> = params;
  let query: Record<string, unknown> = Object.fromEntries(url.searchParams);
  if (contract) {
    const checked = contract.checkParams(method, def.route, params, Object.fromEntries(url.searchParams));
    if (!checked.ok) {
      deps.violations.push({ kind: 'request', method, path: url.pathname, message: checked.message });
      return json(422, { message: checked.message, documentation_url: DOCS, status: '422' });
    }
    typedParams = checked.path;
    query = checked.query;
    const problem = contract.checkBody(method, def.route, body);
    if (problem) {
      deps.violations.push({ kind: 'request', method, path: url.pathname, message: problem });
      return json(422, { message: problem, documentation_url: DOCS, status: '422' });
    }
  } else {
    for (const [k, v] of Object.entries(params)) if (/^\d+$/.test(v) && /(_number|_id)$/.test(k)) typedParams[k] = Number(v);
  }
  const api = deps.api();
  const ctx: RestContext = {
    method,
    route: def.route,
    params: typedParams,
    query,
    rawQuery: url.searchParams,
    pathname: url.pathname,
    body,
    headers: req.headers,
    state: deps.state,
    git: deps.git,
    render: new Renderer(api, deps.state),
    api,
    viewer: who.login,
    viewerKind: who.kind,
    ...(deps.apps ? { apps: deps.apps } : {}),
    ...(app ? { app } : {}),
  };
  let result: RestResult;
  try {
    result = await def.handler(ctx);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    result = { status: error.status, body: error.body(), headers: error.headers };
  }
  if (result.text !== undefined) {
    return {
      status: result.status,
      headers: { 'content-type': result.contentType ?? 'text/plain; charset=utf-8', ...result.headers },
      body: result.text,
    };
  }
  if (contract) {
    const problem = contract.checkResponse(method, def.route, result.status, result.body);
    if (problem) {
      deps.violations.push({ kind: 'response', method, path: url.pathname, message: problem });
      return json(500, { message: problem, documentation_url: DOCS });
    }
  }
  if (result.body === undefined) return { status: result.status, headers: result.headers ?? {}, body: '' };
  return json(result.status, result.body, result.headers);
}
