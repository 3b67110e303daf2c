import { spikeSeries, startSentrySandbox, type SentrySandbox } from '@software-factory/sentry-sandbox';
import { createSentryClient } from './client';
import { SentryApiError } from './types';

/** The Sentry port through `@sentry/api` against the Sentry sandbox, which holds every request and answer to Sentry's contract. */

let sentry: SentrySandbox;
const slept: number[] = [];

beforeEach(async () => {
  sentry = await startSentrySandbox({ org: 'acme', projects: ['web'], strict: true });
  slept.length = 0;
});

afterEach(async () => {
  await sentry.close();
});

const client = (token = sentry.token) =>
  createSentryClient({
    baseUrl: `${sentry.url}/`,
    token,
    org: 'acme',
    sleep: async (ms) => {
      slept.push(ms);
    },
  });

describe('the Sentry port on the sandbox', () => {
  it('pages through the issues list by its Link cursor, up to maxPages', async () => {
    for (let i = 0; i < 250; i++) sentry.seedIssue({ title: `TypeError: n${i}`, hourly: [1, i % 5] });
    const all = await client().listIssues({ query: 'is:unresolved level:[error,warning]', maxPages: 5, sort: 'freq' });
    expect(all).toMatchObject({ pages: 3, truncated: false });
    expect(new Set(all.issues.map((i) => i.id)).size).toBe(250);
    const two = await client().listIssues({ query: 'is:unresolved', maxPages: 2 });
    expect(two).toMatchObject({ pages: 2, truncated: true });
    expect(two.issues).toHaveLength(200);
    const lists = sentry.requests().filter((r) => r.route === '/api/0/organizations/{organization_id_or_slug}/issues/');
    expect(lists[1]!.query).toMatchObject({ cursor: '0:100:0', limit: '100', groupStatsPeriod: '24h', sort: 'freq' });
  });

  it('maps an issue, its hourly stats and its latest event, and updates its status', async () => {
    const seeded = sentry.seedIssue({
      title: 'RangeError: percent must be between 0 and 100',
      hourly: spikeSeries({ baseline: 1, spike: 30 }),
      userCount: 4,
      event: {
        exceptions: [
          {
            type: 'RangeError',
            value: 'percent must be between 0 and 100',
            frames: [{ filename: 'src/pricing.js', lineNo: 14, function: 'applyDiscount' }],
          },
        ],
        breadcrumbs: [{ category: 'http', message: 'POST /api/checkout' }],
        tags: { browser: 'Firefox' },
        release: 'shop@4.2.0',
        environment: 'production',
      },
    });
    const port = client();
    const [issue] = (await port.listIssues({ query: 'is:unresolved', maxPages: 1 })).issues;
    expect(issue).toMatchObject({ id: seeded.id, level: 'error', userCount: 4, count: 53, metadata: { type: 'RangeError' } });
    expect(issue!.hourly).toHaveLength(24);
    expect(issue!.hourly.at(-1)!.count).toBe(30);
    const event = await port.latestEvent(seeded.id);
    expect(event).toMatchObject({ release: 'shop@4.2.0', environment: 'production' });
    expect(event.exceptions[0]!.frames.at(-1)).toMatchObject({
      filename: 'src/pricing.js',
      lineNo: 14,
      function: 'applyDiscount',
      inApp: true,
    });
    expect(event.breadcrumbs.at(-1)).toMatchObject({ category: 'http', message: 'POST /api/checkout' });
    await port.updateIssue(seeded.id, { status: 'resolvedInNextRelease' });
    expect(sentry.issue(seeded.id)!.updates.map((u) => u.body)).toEqual([{ status: 'resolvedInNextRelease' }]);
  });

  it('waits out a 429 per Retry-After, gives up after three 500s, and never puts the token in an error', async () => {
    sentry.seedIssue({ title: 'TypeError: x' });
    sentry.injectFault({ status: 429, retryAfterSeconds: 7 });
    expect((await client().listIssues({ query: 'is:unresolved', maxPages: 1 })).issues).toHaveLength(1);
    expect(slept).toEqual([7000]);
    slept.length = 0;
    sentry.injectFault({ status: 500, times: 3 });
    const error = await client()
      .listIssues({ query: 'is:unresolved', maxPages: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SentryApiError);
    expect(error).toMatchObject({ operation: 'listIssues', status: 500 });
    expect(slept).toEqual([1000, 2000]);
    const refused = await client('sntrys_wrong_token_0123456789abcdef')
      .latestEvent('1')
      .catch((e: unknown) => e as Error);
    expect(refused).toMatchObject({ status: 401 });
    expect((refused as Error).message).not.toContain('sntrys_wrong_token');
  });
});
