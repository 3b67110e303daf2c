import { runCheck, describeCheck } from '../../shared/automation/checks';
import type { FactoryConfig } from '../../shared/config';
import { errorMessage } from '../../shared/errors';
import type { Executor } from '../../shared/isolation/types';
import type { Redactor } from '../../shared/security';

/**
 * Running one smoke check: a command in the sandbox (the same isolation as the builder's checks),
 * or a GET of a URL through an injected fetch. The output is redacted here, before anything keeps it.
 */

export type SmokeCheck = FactoryConfig['smokeChecks'][number];

/** The part of `fetch` a url check uses (tests pass one bound to a loopback server). */
export type FetchLike = (
  url: string,
  init: { signal: AbortSignal; redirect: 'follow' },
) => Promise<{ status: number; text(): Promise<string> }>;

export interface SmokePorts {
  executor: Executor;
  redactor: Redactor;
  fetch: FetchLike;
  /** The checkout of the commit being verified. */
  cwd: string;
}

export interface SmokeResult {
  name: string;
  ok: boolean;
  /** One line: `passed (exit 0)`, `HTTP 500, expected 200`. */
  verdict: string;
  /** Redacted output: the command's tail, or the response's start. */
  output: string;
}

export const DEFAULT_URL_TIMEOUT_S = 30;
export const DEFAULT_COMMAND_TIMEOUT_S = 600;
const BODY_CHARS = 2000;

/** A key safe for a marker: the check's name, lower-cased, runs of anything else as `-`. */
export function checkKey(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9._]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'check'
  );
}

export async function runSmokeCheck(check: SmokeCheck, ports: SmokePorts): Promise<SmokeResult> {
  if (check.command !== undefined) {
    const r = await runCheck(check.command, {
      cwd: ports.cwd,
      executor: ports.executor,
      redactor: ports.redactor,
      timeoutMs: (check.timeoutSeconds ?? DEFAULT_COMMAND_TIMEOUT_S) * 1000,
    });
    return { name: check.name, ok: r.ok, verdict: `\`${check.command}\` ${describeCheck(r)}`, output: r.tail };
  }
  return runUrlCheck(check, ports);
}

async function runUrlCheck(check: SmokeCheck, ports: SmokePorts): Promise<SmokeResult> {
  const url = check.url ?? '';
  const expectStatus = check.expectStatus ?? 200;
  const attempts = 1 + (check.retries ?? 0);
  let last: SmokeResult | undefined;
  for (let i = 0; i < attempts; i++) {
    last = await fetchOnce(url, check, expectStatus, ports);
    if (last.ok) return last;
  }
  return attempts > 1 && last ? { ...last, verdict: `${last.verdict} (${attempts} attempts)` } : last!;
}

async function fetchOnce(url: string, check: SmokeCheck, expectStatus: number, ports: SmokePorts): Promise<SmokeResult> {
  const seconds = check.timeoutSeconds ?? DEFAULT_URL_TIMEOUT_S;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), seconds * 1000);
  const result = (ok: boolean, verdict: string, output: string): SmokeResult => ({
    name: check.name,
    ok,
    verdict: ports.redactor.redact(`GET ${url}: ${verdict}`),
    output: ports.redactor.redact(output),
  });
  try {
    const response = await ports.fetch(url, { signal: controller.signal, redirect: 'follow' });
    const body = await response.text();
    const excerpt = body.length > BODY_CHARS ? `${body.slice(0, BODY_CHARS)}…` : body;
    if (response.status !== expectStatus) return result(false, `HTTP ${response.status}, expected ${expectStatus}`, excerpt);
    if (check.expectText !== undefined && !body.includes(check.expectText)) {
      return result(false, `HTTP ${response.status}, but the body does not contain "${check.expectText}"`, excerpt);
    }
    return result(true, `HTTP ${response.status}`, '');
  } catch (e) {
    const why = controller.signal.aborted ? `no answer within ${seconds}s` : `request failed: ${errorMessage(e)}`;
    return result(false, why, '');
  } finally {
    clearTimeout(timer);
  }
}
