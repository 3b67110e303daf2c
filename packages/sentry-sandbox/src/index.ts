/**
 * The Sentry sandbox: a stateful server on loopback that speaks Sentry's REST API for issues
 * (organization issues list, issue details and update, latest and recommended events), each
 * request and response held to Sentry's OpenAPI description, so @sentry/api's client runs against
 * it unmodified with `baseUrl` pointed at it.
 *
 *   const sentry = await startSentrySandbox({ org: 'acme', projects: ['web'], now: () => clock.now() });
 *   sentry.seedIssue({ title: 'TypeError: x is undefined', level: 'error', hourly: [1, 1, 1, 40] });
 *   await listAnOrganization_sIssues({ baseUrl: sentry.url, auth: sentry.token, path: { organization_id_or_slug: sentry.org } });
 *   ...
 *   await sentry.close();
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SentryContract } from './contract';
import { FaultInjector } from './faults';
import { createHandler } from './server';
import { SandboxState, snapshot } from './state';
import type { RequestLogEntry, SentrySandbox, SentrySandboxOptions } from './types';

export * from './types';
export { SentryContract } from './contract';
export { EVENT as EVENT_ROUTE, ISSUE as ISSUE_ROUTE, LIST as LIST_ROUTE, cursorLinks } from './handlers';
export { compileSearch, parsePeriod, SearchError } from './search';
export { regression, spikeSeries, steadySeries, warning } from './seeds';

export const DEFAULT_TOKEN = 'sntrys_sandbox_token';

/** Thrown by `close()` in strict mode when contract violations were recorded. */
export class ContractViolationError extends Error {
  constructor(readonly violations: string[]) {
    super(`sentry-sandbox: ${violations.length} contract violation(s):\n${violations.map((v) => `  - ${v}`).join('\n')}`);
    this.name = 'ContractViolationError';
  }
}

export async function startSentrySandbox(opts: SentrySandboxOptions = {}): Promise<SentrySandbox> {
  const org = opts.org ?? 'acme';
  const token = opts.token ?? DEFAULT_TOKEN;
  const now = opts.now ?? (() => new Date());
  const state = new SandboxState(org, opts.projects ?? ['app'], now);
  const faults = new FaultInjector();
  const log: RequestLogEntry[] = [];
  const violations: string[] = [];
  let origin = 'http://127.0.0.1';
  const server = http.createServer(
    createHandler({
      state,
      contract: SentryContract.get(),
      faults,
      token,
      origin: () => origin,
      log: (entry) => log.push(entry),
      violation: (message) => violations.push(message),
    }),
  );
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    token,
    org,
    projects: state.projects.map((p) => ({ id: p.id, slug: p.slug })),
    seedIssue: (input) => snapshot(state.seed(input)),
    recordEvents: (id, events, more) => snapshot(state.recordEvents(id, events, more?.users ?? 0)),
    issue: (id) => {
      const issue = state.get(id);
      return issue ? snapshot(issue) : undefined;
    },
    issues: () => state.all().map(snapshot),
    requests: () => log.map((e) => structuredClone(e)),
    contractViolations: () => [...violations],
    clearContractViolations: () => {
      violations.length = 0;
    },
    injectFault: (fault) => faults.add(fault),
    close: async () => {
      if (server.listening) {
        const closed = new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
        server.closeAllConnections();
        await closed;
      }
      if (opts.strict && violations.length) throw new ContractViolationError([...violations]);
    },
  };
}
