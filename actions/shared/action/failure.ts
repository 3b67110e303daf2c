import { errorMessage } from '../errors';
import { GitHubApiError, networkErrorCode } from '../github/api-error';

/**
 * The one line a person reads when a run fails for a reason other than their config: what failed,
 * never a stack trace (that goes to the debug log). A request that got no answer names the host
 * and the system error, e.g. "no answer from api.github.com (ENOTFOUND)".
 */
export function failureMessage(e: unknown): string {
  // The GitHub layer's errors already name the operation, the request and the host.
  if (e instanceof GitHubApiError) return e.message;
  const code = networkErrorCode(e);
  if (code) return `no answer from ${hostOf(e) ?? 'the server'} (${code})`;
  return errorMessage(e);
}

/** The host of the request an error (or one of its causes) carries. */
function hostOf(e: unknown): string | undefined {
  let current: unknown = e;
  for (let depth = 0; depth < 8 && current !== null && typeof current === 'object'; depth++) {
    const url = (current as { request?: { url?: unknown } }).request?.url;
    if (typeof url === 'string') {
      try {
        return new URL(url).host;
      } catch {
        return undefined;
      }
    }
    const hostname = (current as { hostname?: unknown }).hostname;
    if (typeof hostname === 'string' && hostname) return hostname;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
