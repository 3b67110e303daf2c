/** @sentry/api's generated client, unmodified, against the sandbox (its base URL pointed at it). */
import { listAnOrganization_sIssues, retrieveAnIssue, retrieveAnIssueEvent, updateAnIssue } from '@sentry/api';
import { spikeSeries, startSentrySandbox, warning, type SentrySandbox } from './index';
import { NOW, parseLink } from './testing';

let sentry: SentrySandbox;

beforeEach(async () => {
  sentry = await startSentrySandbox({ org: 'acme', projects: ['web', 'api'], now: () => NOW, strict: true });
});
afterEach(async () => {
  await sentry.close();
});

function options(): { baseUrl: string; auth: string } {
  return { baseUrl: sentry.url, auth: sentry.token };
}

describe('@sentry/api against the sandbox', () => {
  it('lists errors and warnings page by page, following the cursor of the Link header', async () => {
    for (let i = 0; i < 3; i++) sentry.seedIssue({ title: `Error: e${i}`, project: 'web', event: { environment: 'production' } });
    sentry.seedIssue(warning({ title: 'Slow checkout', type: 'default', project: 'web', event: { environment: 'production' } }));
    sentry.seedIssue({ title: 'Error: elsewhere', project: 'api', event: { environment: 'production' } });

    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const res = await listAnOrganization_sIssues({
        ...options(),
        path: { organization_id_or_slug: sentry.org },
        query: {
          query: 'is:unresolved level:[error,warning]',
          statsPeriod: '24h',
          environment: ['production'],
          project: [Number(sentry.projects[0]!.id)],
          limit: 2,
          ...(cursor ? { cursor } : {}),
        },
      });
      expect(res.error).toBeUndefined();
      expect(res.response.status).toBe(200);
      seen.push(...res.data!.map((i) => i.title));
      const next = parseLink(res.response.headers.get('link')).next!;
      if (!next.results) break;
      cursor = next.cursor;
    }
    expect(seen.sort()).toEqual(['Error: e0', 'Error: e1', 'Error: e2', 'Slow checkout']);
    const sent = sentry.requests().filter((r) => r.path === '/api/0/organizations/acme/issues/');
    expect(sent).toHaveLength(2);
    expect(sent[1]!.query).toMatchObject({ project: sentry.projects[0]!.id, environment: 'production', cursor: '0:2:0', limit: '2' });
    expect(sentry.contractViolations()).toEqual([]);
  });

  it('reads an issue, its latest event, and resolves it in the next release', async () => {
    const issue = sentry.seedIssue({
      title: 'TypeError: boom',
      hourly: spikeSeries({ baseline: 1, spike: 25 }),
      event: { release: 'web@1.0.0', exceptions: [{ type: 'TypeError', value: 'boom', frames: [{ filename: 'src/a.ts', lineNo: 3 }] }] },
    });
    const path = { organization_id_or_slug: sentry.org, issue_id: issue.id };

    const details = await retrieveAnIssue({ ...options(), path });
    expect(details.data).toMatchObject({ id: issue.id, count: String(23 + 25), status: 'unresolved' });

    const latest = await retrieveAnIssueEvent({ ...options(), path: { ...path, issue_id: Number(issue.id), event_id: 'latest' } });
    expect(latest.response.status).toBe(200);
    expect(latest.data!.groupID).toBe(issue.id);
    expect(JSON.stringify(latest.data!.entries)).toContain('"filename":"src/a.ts"');

    const updated = await updateAnIssue({ ...options(), path, body: { status: 'resolvedInNextRelease' } });
    expect(updated.response.status).toBe(200);
    expect(updated.data!.status).toBe('resolved');
    expect(sentry.issue(issue.id)!.statusDetails).toEqual({ inNextRelease: true });
  });

  it('sees faults as the client reports them: a 429 with Retry-After, then success', async () => {
    sentry.injectFault({ status: 429, retryAfterSeconds: 30 });
    const limited = await listAnOrganization_sIssues({ ...options(), path: { organization_id_or_slug: sentry.org } });
    expect(limited.response.status).toBe(429);
    expect(limited.response.headers.get('retry-after')).toBe('30');
    expect(limited.error).toEqual({ detail: expect.stringContaining('too frequently') });
    const ok = await listAnOrganization_sIssues({ ...options(), path: { organization_id_or_slug: sentry.org } });
    expect(ok.response.status).toBe(200);
  });

  it('is refused without the token', async () => {
    const res = await listAnOrganization_sIssues({ baseUrl: sentry.url, path: { organization_id_or_slug: sentry.org } });
    expect(res.response.status).toBe(401);
  });
});
