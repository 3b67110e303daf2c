import { dropSecretVariables } from '../agent/tools/command';
import { runProcess } from '../agent/tools/process';
import { splitCommandLine } from '../agent/tools/shellwords';
import type { Redactor } from '../security';
import { errorMessage } from '../errors';

/**
 * The project's own checks, run by code before and after the agent works (never by the model):
 * the same command line, without a shell, with secrets dropped from the environment.
 */
export interface CheckResult {
  command: string;
  /** null when the command was killed (timeout) or could not start. */
  exitCode: number | null;
  ok: boolean;
  timedOut: boolean;
  /** The end of stdout and stderr, redacted. */
  tail: string;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 10 * 60_000;
const TAIL_CHARS = 3000;

export async function runCheck(
  command: string,
  opts: { cwd: string; env: Record<string, string>; redactor: Redactor; timeoutMs?: number },
): Promise<CheckResult> {
  const [file, ...args] = splitCommandLine(command);
  if (!file) throw new Error(`commands.test is empty`);
  try {
    const r = await runProcess(file, args, {
      cwd: opts.cwd,
      env: dropSecretVariables(opts.env),
      timeoutMs: opts.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS,
      headBytes: 1024,
      tailBytes: 8 * 1024,
    });
    const exitCode = r.timedOut ? null : r.exitCode;
    return { command, exitCode, ok: exitCode === 0, timedOut: r.timedOut, tail: tail(opts.redactor.redact(r.output)) };
  } catch (e) {
    const message = errorMessage(e);
    return { command, exitCode: null, ok: false, timedOut: false, tail: opts.redactor.redact(`could not start ${file}: ${message}`) };
  }
}

function tail(text: string): string {
  const trimmed = text.trimEnd();
  return trimmed.length <= TAIL_CHARS ? trimmed : `…${trimmed.slice(-TAIL_CHARS)}`;
}

export function describeCheck(r: CheckResult): string {
  if (r.timedOut) return 'timed out';
  return r.exitCode === null ? 'did not run' : r.ok ? 'passed (exit 0)' : `failed (exit ${r.exitCode})`;
}
