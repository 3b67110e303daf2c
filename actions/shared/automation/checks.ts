import { splitCommandLine } from '../agent/tools/shellwords';
import { isIsolationUnavailable, type Executor } from '../isolation/types';
import type { Redactor } from '../security';
import { errorMessage } from '../errors';
import { GitApplyRefusal } from './git-applier';

/**
 * The project's own checks, run by code before and after the agent works (never by the model):
 * the same command line, without a shell, in the sandbox (actions/shared/isolation), whose
 * environment comes from an allowlist. When isolation is required and not available it throws
 * IsolationUnavailableError: the check did not run, and the automation must not go on.
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
  opts: { cwd: string; executor: Executor; redactor: Redactor; timeoutMs?: number },
): Promise<CheckResult> {
  const [file, ...args] = splitCommandLine(command);
  if (!file) throw new Error(`commands.test is empty`);
  try {
    const r = await opts.executor.run(file, args, {
      cwd: opts.cwd,
      timeoutMs: opts.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS,
      headBytes: 1024,
      tailBytes: 8 * 1024,
    });
    const exitCode = r.timedOut ? null : r.exitCode;
    return { command, exitCode, ok: exitCode === 0, timedOut: r.timedOut, tail: tail(opts.redactor.redact(r.output)) };
  } catch (e) {
    if (isIsolationUnavailable(e)) throw e;
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

/**
 * The test command around the agent's work: once before it (to compare) and again at each push,
 * just before the push (the git applier's `beforePush`). It keeps its last results for the pull
 * request body and the needs-human comment. No command configured: nothing runs.
 */
export interface TestRuns {
  readonly before: CheckResult | undefined;
  /** The run at the last push attempt. */
  readonly after: CheckResult | undefined;
  runBefore(): Promise<CheckResult | undefined>;
  /** For GitApplierOptions.beforePush: a result `refuses` objects to stops the push (GitApplyRefusal 'checks'). */
  beforePush(): Promise<void>;
}

export function testRuns(
  command: string | null,
  opts: Parameters<typeof runCheck>[1],
  refuses: (after: CheckResult, before: CheckResult | undefined) => string | undefined,
): TestRuns {
  let before: CheckResult | undefined;
  let after: CheckResult | undefined;
  return {
    get before() {
      return before;
    },
    get after() {
      return after;
    },
    async runBefore() {
      if (command) before = await runCheck(command, opts);
      return before;
    },
    async beforePush() {
      if (!command) return;
      after = await runCheck(command, opts);
      const refusal = refuses(after, before);
      if (refusal) throw new GitApplyRefusal('checks', refusal);
    },
  };
}
