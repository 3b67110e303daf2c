/**
 * The HTTP front: route by the contract's path templates, inject faults, check the bearer token,
 * hold the request to the contract (400 and a violation when it breaks it), run the handler, and
 * hold the response to the contract (500 and a violation when the sandbox's own data breaks it).
 */
import type * as http from 'node:http';
import type { SentryContract, Query } from './contract';
import type { FaultInjector } from './faults';
import { HANDLERS, HttpError, NOT_FOUND, type HandlerResult } from './handlers';
import type { SandboxState } from './state';
import type { RequestLogEntry } from './types';

export interface ServerDeps {
  state: SandboxState;
  contract: SentryContract;
  faults: FaultInjector;
  token: string;
  /** Origin of the sandbox (`http://127.0.0.1:PORT`), known once it listens. */
  origin: () => string;
  log: (entry: RequestLogEntry) => void;
  violation: (message: string) => void;
}

function queryOf(params: URLSearchParams): Query {
  const out: Query = {};
  for (const [k, v] of params) (out[k] ??= []).push(v);
  return out;
}

function flat(query: Query): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(query).map(([k, v]) => [k, v.length === 1 ? v[0]! : v]));
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

export function createHandler(deps: ServerDeps): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  return (req, res) => {
    void handle(deps, req, res).catch((error: unknown) => {
      deps.violation(`sandbox error: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) send(res, 500, { detail: 'Internal Error' });
      else res.end();
    });
  };
}

async function handle(deps: ServerDeps, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', deps.origin());
  const query = queryOf(url.searchParams);
  const text = await readBody(req);
  const entry: RequestLogEntry = { method, path: url.pathname, query: flat(query), status: 0 };
  const reply = (status: number, body: unknown, headers?: Record<string, string>): void => {
    entry.status = status;
    deps.log(entry);
    send(res, status, body, headers);
  };
  const refuse = (
    status: number,
    message: string,
    body: Record<string, unknown> = { detail: `sandbox: ${message}` },
    headers?: Record<string, string>,
  ): void => {
    deps.violation(`${method} ${url.pathname}${url.search}: ${message}`);
    reply(status, body, headers);
  };

  const matched = deps.contract.match(url.pathname);
  if (!matched) return refuse(404, 'no such endpoint in the contract (or not modelled by the sandbox)', NOT_FOUND);
  entry.route = matched.template;
  if (!deps.contract.operation(method, matched.template)) {
    const allowed = deps.contract.methods(matched.template).join(', ');
    return refuse(
      405,
      `method not in the contract (documented: ${allowed})`,
      { detail: `Method "${method}" not allowed.` },
      { allow: allowed },
    );
  }

  const fault = deps.faults.take({ method, pathname: url.pathname, route: matched.template }, deps.state.now().getTime());
  if (fault) return reply(fault.status, fault.body, fault.headers);

  const auth = req.headers.authorization;
  if (!auth) return reply(401, { detail: 'Authentication credentials were not provided.' });
  if (auth !== `Bearer ${deps.token}`) return reply(401, { detail: 'Invalid token' });

  const params = deps.contract.checkParams(method, matched.template, matched.params, query);
  if (!params.ok) return refuse(400, params.message);

  let body: unknown;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch (e) {
      return reply(400, { detail: `JSON parse error - ${e instanceof Error ? e.message : String(e)}` });
    }
    entry.body = body;
  }
  const bodyProblem = deps.contract.checkBody(method, matched.template, body);
  if (bodyProblem) return refuse(400, bodyProblem);

  const handler = HANDLERS[`${method} ${matched.template}`];
  if (!handler) return refuse(501, `${method} ${matched.template} is in the contract but not served by the sandbox`);
  let result: HandlerResult;
  try {
    result = handler({
      method,
      template: matched.template,
      path: params.path,
      query: params.query,
      rawQuery: url.searchParams,
      absolutePath: `${deps.origin()}${url.pathname}`,
      body,
      state: deps.state,
    });
  } catch (e) {
    if (e instanceof HttpError) return reply(e.status, e.body);
    throw e;
  }
  const responseProblem = deps.contract.checkResponse(method, matched.template, result.status, result.body);
  if (responseProblem) return refuse(500, responseProblem);
  reply(result.status, result.body, result.headers);
}
