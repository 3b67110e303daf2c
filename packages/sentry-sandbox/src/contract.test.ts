import {
  ContractViolationError,
  SentryContract,
  startSentrySandbox as start,
  type SentrySandbox,
  type SentrySandboxOptions,
} from './index';
import { get, NOW, put } from './testing';

const LIST = '/api/0/organizations/acme/issues/';

/** Sandboxes a test started; closed after it (a second close is harmless), whatever happened. */
const started: SentrySandbox[] = [];
async function startSentrySandbox(opts: SentrySandboxOptions): Promise<SentrySandbox> {
  const sandbox = await start(opts);
  started.push(sandbox);
  return sandbox;
}
afterEach(async () => {
  for (const sandbox of started.splice(0)) await sandbox.close().catch(() => undefined);
});

describe('requests are held to the contract', () => {
  it('refuses a query parameter the contract lacks with 400 and records a violation', async () => {
    const sentry = await startSentrySandbox({ now: () => NOW });
    const res = await get(sentry, `${LIST}?per_page=10`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/`per_page` not in the contract of GET \/api\/0\/organizations/);
    expect(sentry.contractViolations()).toEqual([expect.stringContaining('per_page')]);
    expect(sentry.requests().at(-1)).toMatchObject({ method: 'GET', path: LIST, query: { per_page: '10' }, status: 400 });
    await sentry.close();
  });

  it('refuses values outside an enum, a repeated scalar, and an unknown event id', async () => {
    const sentry = await startSentrySandbox({ now: () => NOW });
    const issue = sentry.seedIssue({ title: 'Error: x' });
    expect((await get(sentry, `${LIST}?sort=loudest`)).status).toBe(400);
    expect((await get(sentry, `${LIST}?limit=1&limit=2`)).status).toBe(400);
    expect((await get(sentry, `${LIST}?limit=ten`)).status).toBe(400);
    expect((await get(sentry, `${LIST}${issue.id}/events/first/`)).status).toBe(400);
    expect(sentry.contractViolations()).toHaveLength(4);
    await sentry.close();
  });

  it('refuses an update body of the wrong shape, and a method or endpoint the contract lacks', async () => {
    const sentry = await startSentrySandbox({ now: () => NOW });
    const issue = sentry.seedIssue({ title: 'Error: x' });
    expect((await put(sentry, `${LIST}${issue.id}/`, { status: 'fixed' })).status).toBe(400);
    expect((await put(sentry, `${LIST}${issue.id}/`, { statusDetails: { inNextRelease: 'yes' } })).status).toBe(400);
    expect((await get(sentry, `${LIST}${issue.id}/`, { method: 'POST' })).status).toBe(405);
    expect((await get(sentry, '/api/0/issues/1/comments/')).status).toBe(404);
    expect(sentry.contractViolations()).toHaveLength(4);
    expect(sentry.issue(issue.id)!.status).toBe('unresolved');
    await sentry.close();
  });

  it('accepts what Sentry documents: repeated array parameters, project slugs and ids, every documented name', async () => {
    const sentry = await startSentrySandbox({ projects: ['web', 'api'], now: () => NOW, strict: true });
    const query =
      '?environment=production&environment=staging&project=web&project=1002&statsPeriod=24h&groupStatsPeriod=14d' +
      '&shortIdLookup=0&query=is%3Aunresolved&sort=freq&limit=25&expand=owners&collapse=lifetime&cursor=0:0:0';
    expect((await get(sentry, `${LIST}${query}`)).status).toBe(200);
    await expect(sentry.close()).resolves.toBeUndefined();
  });

  it('strict mode: close() rejects with the violations, unless the test cleared them', async () => {
    const sentry = await startSentrySandbox({ now: () => NOW, strict: true });
    await get(sentry, `${LIST}?bogus=1`);
    const error = await sentry.close().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ContractViolationError);
    expect((error as ContractViolationError).violations).toEqual([expect.stringContaining('bogus')]);

    const cleared = await startSentrySandbox({ now: () => NOW, strict: true });
    await get(cleared, `${LIST}?bogus=1`);
    cleared.clearContractViolations();
    await expect(cleared.close()).resolves.toBeUndefined();
  });
});

describe('responses are held to the contract', () => {
  it('answers 500 with a violation instead of sending a wrong-typed seeded field', async () => {
    const sentry = await startSentrySandbox({ now: () => NOW });
    const good = sentry.seedIssue({ title: 'Error: fine' });
    const bad = sentry.seedIssue({ title: 'Error: bad', raw: { count: 12 } });
    const listed = await get(sentry, `${LIST}?query=`);
    expect(listed.status).toBe(500);
    expect(sentry.contractViolations()).toEqual([
      expect.stringMatching(/response does not match GET .*issues\/ 200: \/\d+\/count must be string/),
    ]);

    expect((await get(sentry, `${LIST}${good.id}/`)).status).toBe(200);
    expect((await get(sentry, `${LIST}${bad.id}/`)).status).toBe(500);
    await sentry.close();
  });

  it('catches a seeded level outside the contract, and the issue shapes the sandbox builds all pass', async () => {
    const sentry = await startSentrySandbox({ now: () => NOW });
    sentry.seedIssue({ title: 'Error: odd', raw: { level: 'critical' } });
    expect((await get(sentry, `${LIST}?query=`)).status).toBe(500);
    expect(sentry.contractViolations()[0]).toContain('/0/level must be equal to one of the allowed values');
    await sentry.close();
  });
});

describe('the packaged contract', () => {
  it('holds the operations the sandbox serves, from Sentry’s description', () => {
    const contract = SentryContract.get();
    expect(contract.operation('GET', '/api/0/organizations/{organization_id_or_slug}/issues/')?.operationId).toBe('listOrganizationIssues');
    expect(contract.methods('/api/0/organizations/{organization_id_or_slug}/issues/{issue_id}/')).toEqual(['GET', 'PUT']);
    expect(contract.match('/api/0/organizations/acme/issues/42/events/latest/')).toEqual({
      template: '/api/0/organizations/{organization_id_or_slug}/issues/{issue_id}/events/{event_id}/',
      params: { organization_id_or_slug: 'acme', issue_id: '42', event_id: 'latest' },
    });
  });
});
