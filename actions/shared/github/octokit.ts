/**
 * Building the Octokit client: @octokit/core with the REST and pagination plugins (as
 * @actions/github builds it), plus retry (5xx) and throttling (primary and secondary rate limits).
 */
import { Octokit } from '@octokit/core';
import { paginateRest, type PaginateInterface } from '@octokit/plugin-paginate-rest';
import { restEndpointMethods } from '@octokit/plugin-rest-endpoint-methods';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { Logger } from '../ports';
import { failsFast } from './api-error';

/** What the GitHub layer uses of an Octokit instance. */
export type OctokitLike = Pick<Octokit, 'request' | 'graphql'> & { paginate: PaginateInterface };

// Octokit's plugin type is generic over every plugin's API; the factory passes them through untouched.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OctokitFactory = (token: string, options: Record<string, unknown>, ...plugins: any[]) => OctokitLike;

/**
 * Octokit built like @actions/github's: @octokit/core plugged with rest-endpoint-methods and
 * paginate-rest. Production main.ts passes @actions/github's getOctokit (adds proxy support);
 * the CLI and tests use this default.
 */
export function defaultOctokitFactory(): OctokitFactory {
  return (token, options, ...plugins) => {
    const Ctor = Octokit.plugin(restEndpointMethods, paginateRest, ...plugins);
    return new Ctor({ ...options, auth: token }) as unknown as OctokitLike;
  };
}

export interface ThrottleOptions {
  /** Retries after a primary rate limit (x-ratelimit-remaining: 0). Default 2. */
  onRateLimitRetries?: number;
  /** Retries after a secondary rate limit. Default 2. */
  onSecondaryRetries?: number;
  /**
   * Wait for a secondary rate limit that comes without `retry-after`, in seconds. Default 60
   * (GitHub's guidance: "wait at least one minute"). `retry-after`, when present, wins.
   */
  minRetryAfterSeconds?: number;
  /** A rate limit asking for a longer wait than this fails instead of holding the job. Default 900. */
  maxRetryAfterSeconds?: number;
  /**
   * Space content-creating requests one second apart and searches two seconds apart, as GitHub
   * asks of integrations. Default true; the local sandbox may turn it off.
   */
  spaceWrites?: boolean;
}

export interface OctokitBuildOptions {
  baseUrl: string;
  userAgent?: string;
  logger: Logger;
  /** Retries for 5xx answers and network errors. */
  retries: number;
  /** Multiplies every wait (backoff and retry-after). 1 in production; tests use e.g. 0.001. */
  delayScale: number;
  throttle: ThrottleOptions;
  /** Distinguishes this client's throttling queues from other clients in the process. */
  id: string;
}

/** Every 4xx: the retry plugin handles only 5xx and network errors; rate limits are throttling's. */
const DO_NOT_RETRY = Array.from({ length: 100 }, (_, i) => 400 + i);

/** Runs a job immediately: stands in for a throttling queue when spacing is off. */
const passThroughGroup = {
  key: () => ({
    schedule: (_options: unknown, fn: (...a: unknown[]) => unknown, ...args: unknown[]) => Promise.resolve().then(() => fn(...args)),
  }),
};

interface LimitedRequest {
  method?: string;
  url?: string;
}

export function octokitOptions(o: OctokitBuildOptions): Record<string, unknown> {
  const t = o.throttle;
  const maxWait = t.maxRetryAfterSeconds ?? 900;
  const decide =
    (kind: string, budget: number) =>
    (retryAfter: number, request: LimitedRequest, _octokit: unknown, retryCount: number): boolean => {
      const what = `${request.method ?? ''} ${request.url ?? ''}`.trim();
      if (retryCount >= budget) {
        o.logger.warning(`GitHub ${kind} on ${what}: giving up after ${retryCount} retries`);
        return false;
      }
      if (retryAfter > maxWait) {
        o.logger.warning(`GitHub ${kind} on ${what}: asks to wait ${retryAfter}s, more than ${maxWait}s; not retrying`);
        return false;
      }
      o.logger.warning(`GitHub ${kind} on ${what}: waiting ${retryAfter}s before retry ${retryCount + 1} of ${budget}`);
      return true;
    };

  return {
    baseUrl: o.baseUrl,
    ...(o.userAgent ? { userAgent: o.userAgent } : {}),
    log: {
      debug: (m: string) => o.logger.debug(m),
      info: (m: string) => o.logger.debug(m),
      warn: (m: string) => o.logger.warning(m),
      error: (m: string) => o.logger.error(m),
    },
    retry: { retries: o.retries, doNotRetry: DO_NOT_RETRY, retryAfterBaseValue: 1000 * o.delayScale },
    throttle: {
      id: o.id,
      retryAfterBaseValue: 1000 * o.delayScale,
      fallbackSecondaryRateRetryAfter: t.minRetryAfterSeconds ?? 60,
      onRateLimit: decide('rate limit', t.onRateLimitRetries ?? 2),
      onSecondaryRateLimit: decide('secondary rate limit', t.onSecondaryRetries ?? 2),
      ...(t.spaceWrites === false ? { write: passThroughGroup, notifications: passThroughGroup, search: passThroughGroup } : {}),
    },
  };
}

interface HookedOctokit {
  hook: { error(name: 'request', fn: (error: unknown, options: { request?: Record<string, unknown> }) => unknown): void };
}

/**
 * Sets a request's retry budget to zero when it failed in a way no retry mends soon (a name that
 * does not resolve), so the retry plugin gives up at once. Registered before the retry plugin,
 * its error hook runs first.
 */
export function failFast(octokit: HookedOctokit): void {
  octokit.hook.error('request', (error, options) => {
    if (failsFast(error)) options.request = { ...options.request, retries: 0 };
    throw error;
  });
}

export function buildOctokit(token: string, factory: OctokitFactory, o: OctokitBuildOptions): OctokitLike {
  return factory(token, octokitOptions(o), failFast, retry, throttling);
}
