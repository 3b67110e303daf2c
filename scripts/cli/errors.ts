import { formatProblem, isConfigError } from '../../actions/shared/errors';
import { failureMessage } from '../../actions/shared/action/failure';
import { errorMessage } from '../../actions/shared/errors';
import { networkErrorCode, statusOf } from '../../actions/shared/github/api-error';

/**
 * What the CLI prints for a failure: a person's sentence, never a stack trace. A request that got
 * no answer names the host and the system error ("no answer from api.github.com (ENOTFOUND)"); a
 * user's mistake lists its problems; anything else is its message. The stack goes to the debug
 * output only (`--debug`).
 */
export function describeError(e: unknown): string[] {
  if (isConfigError(e)) return e.problems.map((p) => `error: ${formatProblem(p)}`);
  return [`error: ${failureMessage(e)}`];
}

/** One line for a failed API request inside a check: "no answer from HOST (CODE)" or "GitHub answered 403: message". */
export function apiFailure(e: unknown): string {
  if (networkErrorCode(e)) return failureMessage(e);
  const status = statusOf(e);
  const message = errorMessage(e).split('\n')[0] ?? '';
  return status !== undefined ? `GitHub answered ${status}: ${message.replace(/ - https:\/\/docs\.github\.com\S*$/, '')}` : message;
}

/** The stack of a failure, for `--debug`. */
export function debugDetail(e: unknown): string | undefined {
  return e instanceof Error && e.stack ? e.stack : undefined;
}
