/**
 * One error type for everything the GitHub layer throws after Octokit gave up, naming the
 * operation, the request and GitHub's answer. The original error stays as `cause`.
 */

export class GitHubApiError extends Error {
  override readonly name = 'GitHubApiError';
  constructor(
    message: string,
    /** e.g. `reader.getIssue` */
    readonly operation: string,
    /** HTTP status, when GitHub answered (undefined for network and GraphQL errors). */
    readonly status: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

interface ErrorLike {
  status?: unknown;
  message?: unknown;
  request?: { method?: unknown; url?: unknown };
  response?: unknown;
  errors?: unknown;
}

/**
 * The system error code (ECONNREFUSED, ENOTFOUND, ECONNRESET, UND_ERR_SOCKET, ...) of a request
 * that got no answer, found along the `cause` chain. Octokit reports such a failure as a status
 * 500 with no response; this tells it from a 500 GitHub answered.
 */
export function networkErrorCode(e: unknown): string | undefined {
  if ((e as ErrorLike | null)?.response !== undefined) return undefined;
  let current: unknown = e;
  for (let depth = 0; depth < 8 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^(E[A-Z0-9_]+|UND_ERR_[A-Z_]+)$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Network errors no retry can mend soon: the name does not resolve (DNS answered "no such host").
 * A request that fails so is not retried (the client fails at once instead of backing off).
 */
export const FAIL_FAST_CODES: readonly string[] = ['ENOTFOUND'];

export function failsFast(e: unknown): boolean {
  const code = networkErrorCode(e);
  return code !== undefined && FAIL_FAST_CODES.includes(code);
}

/** HTTP status GitHub answered with; undefined when it did not answer (network errors). */
export function statusOf(e: unknown): number | undefined {
  const s = (e as ErrorLike | null)?.status;
  if (typeof s !== 'number' || s <= 0) return undefined;
  return networkErrorCode(e) === undefined ? s : undefined;
}

export function isStatus(e: unknown, ...statuses: number[]): boolean {
  const s = statusOf(e);
  return s !== undefined && statuses.includes(s);
}

/** `host[:port]` of the request's URL. */
function hostOf(url: unknown): string {
  if (typeof url !== 'string') return 'GitHub';
  try {
    return new URL(url).host;
  } catch {
    return 'GitHub';
  }
}

/** Drop the query string: it may carry search text; never a token (Octokit sends that as a header). */
function shortUrl(url: unknown): string {
  if (typeof url !== 'string') return '';
  try {
    const u = new URL(url);
    return u.pathname;
  } catch {
    return url.split('?')[0] ?? '';
  }
}

export function describeApiError(operation: string, e: unknown, retries: number): GitHubApiError {
  if (e instanceof GitHubApiError) return e;
  const err = (e ?? {}) as ErrorLike;
  const status = statusOf(e);
  const method = typeof err.request?.method === 'string' ? err.request.method : '';
  const url = shortUrl(err.request?.url);
  const request = [method, url].filter(Boolean).join(' ');
  const detail = typeof err.message === 'string' ? err.message : String(e);
  const network = networkErrorCode(e);
  if (network) {
    const where = request ? ` ${request}:` : '';
    const tried = FAIL_FAST_CODES.includes(network) ? '' : `, gave up after ${retries} retries`;
    const message = `${operation} failed:${where} no answer from ${hostOf(err.request?.url)} (${network})${tried}`;
    return new GitHubApiError(message, operation, undefined, { cause: e });
  }
  if (!request && status === undefined) return new GitHubApiError(`${operation} failed: ${detail}`, operation, undefined, { cause: e });
  let why: string;
  if (status === undefined) why = Array.isArray(err.errors) ? 'GraphQL error' : 'got no answer';
  else why = `answered ${status}`;
  if (status !== undefined && status >= 500) why += ` (gave up after ${retries} retries)`;
  else if ((status === 403 || status === 429) && /rate limit/i.test(detail)) why += ' (rate limited, no retry left)';
  return new GitHubApiError(`${operation} failed: ${request} ${why}: ${detail}`, operation, status, { cause: e });
}

/**
 * The same object with every method's failure rewritten by describeApiError. Only the listed
 * keys are copied: nothing else (in particular no client) is reachable from the result.
 */
export function withErrorContext<T extends object>(label: string, methods: T, retries: number): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(methods)) {
    if (typeof value !== 'function') {
      out[key] = value;
      continue;
    }
    const fn = value as (...args: unknown[]) => Promise<unknown>;
    out[key] = async (...args: unknown[]) => {
      try {
        return await fn(...args);
      } catch (e) {
        throw describeApiError(`${label}.${key}`, e, retries);
      }
    };
  }
  return Object.freeze(out) as T;
}
