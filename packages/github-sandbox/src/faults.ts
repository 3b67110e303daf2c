/**
 * Fault injection: each fault answers the next `times` matching requests with an error status,
 * shaped like GitHub's (rate-limit headers and messages included), or drops the connection
 * without an answer, so retry and throttling code can be exercised against the real Octokit
 * plugins. `refusedUrl()` and `UNRESOLVABLE_URL` stand for a GitHub that cannot be reached at all.
 */
import * as net from 'node:net';

export interface FaultSpec {
  /** HTTP method to match (any when omitted). */
  method?: string;
  /** Pathname or route template (`/repos/{owner}/{repo}/issues`) to match, or a RegExp on the pathname. */
  path?: RegExp | string;
  /** Status to answer with; omitted when `connection` drops the request instead. */
  status?: 500 | 502 | 503 | 403 | 429;
  /**
   * No answer at all: `reset` aborts the TCP connection (the client sees ECONNRESET), `close`
   * closes it before a response (Node's fetch: UND_ERR_SOCKET, "other side closed").
   */
  connection?: 'reset' | 'close';
  times: number;
  /** Seconds, sent as `retry-after` (rate limits) and used for `x-ratelimit-reset`. Default 1. */
  retryAfter?: number;
  /** 403/429 as a secondary rate limit (message + retry-after) rather than a primary one. */
  secondaryRateLimit?: boolean;
  /** true: only GraphQL requests; false: only REST; omitted: both. */
  graphql?: boolean;
}

export interface FaultResponse {
  /** Set when the connection is to be dropped instead of answered (status 0). */
  connection?: 'reset' | 'close';
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

export const SECONDARY_RATE_LIMIT_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.';

export class FaultInjector {
  private readonly active: { spec: FaultSpec; left: number }[] = [];

  add(spec: FaultSpec): void {
    if (!Number.isInteger(spec.times) || spec.times < 1)
      throw new Error(`sandbox: fault times must be a positive integer, got ${spec.times}`);
    if ((spec.status === undefined) === (spec.connection === undefined))
      throw new Error('sandbox: a fault needs exactly one of `status` and `connection`');
    this.active.push({ spec, left: spec.times });
  }

  clear(): void {
    this.active.length = 0;
  }

  /** Faults still waiting to fire, with how many times each will. */
  pending(): (FaultSpec & { remaining: number })[] {
    return this.active.filter((f) => f.left > 0).map((f) => ({ ...f.spec, remaining: f.left }));
  }

  /** The fault for this request, consuming one occurrence, or undefined. */
  take(request: { method: string; pathname: string; route?: string; graphql: boolean }, nowMs: number): FaultResponse | undefined {
    const hit = this.active.find((f) => f.left > 0 && matches(f.spec, request));
    if (!hit) return undefined;
    hit.left -= 1;
    return respond(hit.spec, nowMs);
  }
}

function matches(spec: FaultSpec, r: { method: string; pathname: string; route?: string; graphql: boolean }): boolean {
  if (spec.method && spec.method.toUpperCase() !== r.method) return false;
  if (spec.graphql !== undefined && spec.graphql !== r.graphql) return false;
  if (spec.path instanceof RegExp) return spec.path.test(r.pathname);
  if (typeof spec.path === 'string') return spec.path === r.pathname || spec.path === r.route;
  return true;
}

function respond(spec: FaultSpec, nowMs: number): FaultResponse {
  if (spec.connection) return { connection: spec.connection, status: 0, headers: {}, body: {} };
  const retryAfter = spec.retryAfter ?? 1;
  const reset = String(Math.ceil(nowMs / 1000) + retryAfter);
  const docs = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';
  if (spec.status === 403 || spec.status === 429) {
    if (spec.secondaryRateLimit) {
      return {
        status: spec.status,
        headers: { 'retry-after': String(retryAfter) },
        body: { message: SECONDARY_RATE_LIMIT_MESSAGE, documentation_url: `${docs}#about-secondary-rate-limits` },
      };
    }
    return {
      status: spec.status,
      headers: {
        ...(spec.status === 429 ? { 'retry-after': String(retryAfter) } : {}),
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-used': '5000',
        'x-ratelimit-reset': reset,
        'x-ratelimit-resource': spec.graphql ? 'graphql' : 'core',
      },
      body: { message: 'API rate limit exceeded for installation ID 1.', documentation_url: `${docs}#about-the-primary-rate-limit` },
    };
  }
  const status = spec.status ?? 500;
  const messages: Record<number, string> = { 500: 'Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };
  return {
    status,
    headers: {},
    body: { message: messages[status] ?? 'Server Error', documentation_url: 'https://docs.github.com/rest' },
  };
}

/** A host that never resolves (`.invalid` is reserved for that, RFC 6761): clients get ENOTFOUND. */
export const UNRESOLVABLE_URL = 'http://api.github.invalid';

/**
 * A loopback base URL nothing listens on (clients get ECONNREFUSED): a port the system just
 * handed out and that was closed again.
 */
export async function refusedUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
