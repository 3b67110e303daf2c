/**
 * Fault injection: each fault answers the next `times` matching requests with a 500 (Sentry's
 * `{ detail: 'Internal Error', errorId }`) or a 429 with `Retry-After` and Sentry's rate-limit
 * headers, so retry and back-off code can be exercised against the real client.
 */
import { randomBytes } from 'node:crypto';
import type { SentryFault } from './types';

export interface FaultResponse {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

export class FaultInjector {
  private readonly active: { fault: SentryFault; left: number }[] = [];

  add(fault: SentryFault): void {
    const times = fault.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new Error(`sentry-sandbox: fault times must be a positive integer, got ${times}`);
    if (fault.status !== 500 && fault.status !== 429)
      throw new Error(`sentry-sandbox: a fault's status is 500 or 429, got ${String(fault.status)}`);
    const retry = fault.retryAfterSeconds;
    if (retry !== undefined && (!Number.isInteger(retry) || retry < 0))
      throw new Error(`sentry-sandbox: retryAfterSeconds must be a non-negative integer, got ${retry}`);
    this.active.push({ fault, left: times });
  }

  /** Faults still waiting to fire, with how many times each will. */
  pending(): (SentryFault & { remaining: number })[] {
    return this.active.filter((f) => f.left > 0).map((f) => ({ ...f.fault, remaining: f.left }));
  }

  /** The fault for this request, consuming one occurrence, or undefined. */
  take(request: { method: string; pathname: string; route?: string }, nowMs: number): FaultResponse | undefined {
    const hit = this.active.find((f) => f.left > 0 && matches(f.fault, request));
    if (!hit) return undefined;
    hit.left -= 1;
    return respond(hit.fault, nowMs);
  }
}

function matches(fault: SentryFault, r: { method: string; pathname: string; route?: string }): boolean {
  if (fault.method && fault.method.toUpperCase() !== r.method) return false;
  if (fault.route instanceof RegExp) return fault.route.test(r.pathname);
  if (typeof fault.route === 'string') return fault.route === r.pathname || fault.route === r.route;
  return true;
}

function respond(fault: SentryFault, nowMs: number): FaultResponse {
  if (fault.status === 429) {
    const retryAfter = fault.retryAfterSeconds ?? 1;
    return {
      status: 429,
      headers: {
        'retry-after': String(retryAfter),
        'x-sentry-rate-limit-limit': '40',
        'x-sentry-rate-limit-remaining': '0',
        'x-sentry-rate-limit-reset': String(Math.ceil(nowMs / 1000) + retryAfter),
        'x-sentry-rate-limit-concurrentlimit': '25',
        'x-sentry-rate-limit-concurrentremaining': '24',
      },
      body: { detail: 'You are attempting to use this endpoint too frequently. Limit is 40 requests in 1 seconds' },
    };
  }
  return { status: 500, headers: {}, body: { detail: 'Internal Error', errorId: randomBytes(16).toString('hex') } };
}
