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
  errors?: unknown;
}

export function statusOf(e: unknown): number | undefined {
  const s = (e as ErrorLike | null)?.status;
  return typeof s === 'number' && s > 0 ? s : undefined;
}

export function isStatus(e: unknown, ...statuses: number[]): boolean {
  const s = statusOf(e);
  return s !== undefined && statuses.includes(s);
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
