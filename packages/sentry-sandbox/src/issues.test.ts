import { regression, spikeSeries, startSentrySandbox, type SentrySandbox } from './index';
import { get, NOW, put } from './testing';

const ISSUES = '/api/0/organizations/acme/issues/';
let sentry: SentrySandbox;

beforeEach(async () => {
  sentry = await startSentrySandbox({ org: 'acme', projects: ['web'], now: () => NOW, strict: true });
});
afterEach(async () => {
  await sentry.close();
});

function seedCrash(): string {
  return sentry.seedIssue(
    regression(
      {
        title: "TypeError: Cannot read properties of undefined (reading 'id')",
        hourly: spikeSeries({ baseline: 1, spike: 30 }),
        userCount: 12,
        event: {
          release: 'web@2.4.0',
          environment: 'production',
          user: { id: '42', email: 'ada@example.com' },
          tags: { browser: 'Chrome 120' },
          request: { url: 'https://shop.example.com/checkout', method: 'POST' },
          exceptions: [
            {
              type: 'TypeError',
              value: "Cannot read properties of undefined (reading 'id')",
              mechanism: { type: 'onunhandledrejection', handled: false },
              frames: [
                { filename: 'node:internal/process/task_queues', function: 'processTicksAndRejections', inApp: false, lineNo: 95 },
                {
                  filename: 'src/checkout/cart.ts',
                  absPath: '/app/src/checkout/cart.ts',
                  function: 'totalOf',
                  lineNo: 17,
                  colNo: 22,
                  context: [[17, '  return cart.owner.id;']],
                },
              ],
            },
          ],
          breadcrumbs: [{ category: 'http', message: 'POST /api/cart 200', timestamp: '2026-03-02T10:28:00.000Z' }],
        },
      },
      NOW,
    ),
  ).id;
}

describe('issue details', () => {
  it('serves the issue with its counts, stats, releases and a shortId/permalink; a short id resolves too', async () => {
    const id = seedCrash();
    const res = await get(sentry, `${ISSUES}${id}/`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      id,
      shortId: 'WEB-1',
      permalink: `https://acme.sentry.io/issues/${id}/`,
      culprit: 'totalOf(src/checkout/cart.ts)',
      level: 'error',
      status: 'unresolved',
      substatus: 'regressed',
      count: String(23 + 30),
      userCount: 12,
      lastRelease: { version: 'web@2.4.0' },
      metadata: { type: 'TypeError', filename: 'src/checkout/cart.ts', function: 'totalOf' },
      project: { slug: 'web' },
    });
    const stats = body.stats as Record<string, [number, number][]>;
    expect(stats['24h']!.at(-1)![1]).toBe(30);
    expect(stats['30d']).toHaveLength(30);
    expect(((await (await get(sentry, `${ISSUES}WEB-1/`)).json()) as { id: string }).id).toBe(id);
    expect((await get(sentry, `${ISSUES}999/`)).status).toBe(404);
  });
});

describe('seeding', () => {
  it('dates an issue by its hourly series: first seen in its first hour with events, last seen in its last', () => {
    const quiet = sentry.seedIssue({ title: 'Error: quiet', hourly: [0, 3, 5, 0, 0] });
    const hour = Math.floor(NOW.getTime() / 3600_000) * 3600_000;
    expect(quiet.firstSeen).toBe(new Date(hour - 3 * 3600_000).toISOString());
    expect(quiet.lastSeen).toBe(new Date(hour - 2 * 3600_000 + 59 * 60_000).toISOString());
    expect(quiet.count).toBe(8);
    const busy = sentry.seedIssue({ title: 'Error: busy', hourly: [1, 2] });
    expect(busy.lastSeen).toBe(new Date(NOW.getTime() - 60_000).toISOString());
    expect(busy).toMatchObject({ substatus: 'new', level: 'error', status: 'unresolved', shortId: 'WEB-2' });
  });

  it('refuses a seed it cannot serve', () => {
    expect(() => sentry.seedIssue({ title: 'Error: x', project: 'nope' })).toThrow(/no project nope/);
    expect(() => sentry.seedIssue({ title: 'Error: x', id: 'abc' })).toThrow(/numeric/);
    expect(() => sentry.seedIssue({ title: 'Error: x', hourly: [1, -1] })).toThrow(/non-negative/);
    sentry.seedIssue({ title: 'Error: x', id: '5' });
    expect(() => sentry.seedIssue({ title: 'Error: y', id: '5' })).toThrow(/already seeded/);
  });
});

describe('events', () => {
  it('serves the latest event with exception frames, breadcrumbs, request, tags, release, environment and user', async () => {
    const id = seedCrash();
    const res = await get(sentry, `${ISSUES}${id}/events/latest/`);
    expect(res.status).toBe(200);
    const e = (await res.json()) as {
      groupID: string;
      entries: { type: string; data: Record<string, unknown> }[];
      tags: { key: string; value: string }[];
      release: { version: string };
      user: { id: string; email: string };
      eventID: string;
    };
    expect(e.groupID).toBe(id);
    expect(e.eventID).toMatch(/^[0-9a-f]{32}$/);
    const exception = e.entries.find((x) => x.type === 'exception')!.data as {
      values: { type: string; mechanism: { handled: boolean }; stacktrace: { frames: Record<string, unknown>[] } }[];
    };
    expect(exception.values[0]!.type).toBe('TypeError');
    expect(exception.values[0]!.mechanism.handled).toBe(false);
    expect(exception.values[0]!.stacktrace.frames.at(-1)).toMatchObject({
      filename: 'src/checkout/cart.ts',
      absPath: '/app/src/checkout/cart.ts',
      function: 'totalOf',
      lineNo: 17,
      colNo: 22,
      inApp: true,
      context: [[17, '  return cart.owner.id;']],
    });
    expect(exception.values[0]!.stacktrace.frames[0]).toMatchObject({ inApp: false });
    expect(e.entries.find((x) => x.type === 'breadcrumbs')!.data).toEqual({
      values: [expect.objectContaining({ category: 'http', message: 'POST /api/cart 200' })],
    });
    expect(e.entries.find((x) => x.type === 'request')!.data).toMatchObject({ url: 'https://shop.example.com/checkout', method: 'POST' });
    expect(e.tags).toEqual(
      expect.arrayContaining([
        { key: 'environment', value: 'production' },
        { key: 'release', value: 'web@2.4.0' },
        { key: 'browser', value: 'Chrome 120' },
        { key: 'user', value: 'id:42' },
      ]),
    );
    expect(e.release.version).toBe('web@2.4.0');
    expect(e.user).toMatchObject({ id: '42', email: 'ada@example.com' });
  });

  it('serves a recommended event apart from the latest, and filters by environment', async () => {
    const issue = sentry.seedIssue({
      title: 'Error: flaky',
      event: { eventId: 'a'.repeat(32), environment: 'production' },
      recommendedEvent: { eventId: 'b'.repeat(32), environment: 'production' },
    });
    const latest = (await (await get(sentry, `${ISSUES}${issue.id}/events/latest/`)).json()) as { eventID: string };
    const recommended = (await (await get(sentry, `${ISSUES}${issue.id}/events/recommended/`)).json()) as { eventID: string };
    expect([latest.eventID, recommended.eventID]).toEqual(['a'.repeat(32), 'b'.repeat(32)]);
    const oldest = (await (await get(sentry, `${ISSUES}${issue.id}/events/oldest/`)).json()) as { eventID: string };
    expect(oldest.eventID).toBe('b'.repeat(32));
    expect((await get(sentry, `${ISSUES}${issue.id}/events/latest/?environment=staging`)).status).toBe(404);
  });
});

describe('issue update', () => {
  it('resolves in the next release, visible via issue(id) and the API, with the update recorded', async () => {
    const id = seedCrash();
    const res = await put(sentry, `${ISSUES}${id}/`, { status: 'resolvedInNextRelease' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, status: 'resolved', statusDetails: { inNextRelease: true }, substatus: null });
    const stored = sentry.issue(id)!;
    expect(stored).toMatchObject({ status: 'resolved', statusDetails: { inNextRelease: true } });
    expect(stored.updates).toEqual([{ at: NOW.toISOString(), body: { status: 'resolvedInNextRelease' } }]);
    expect(sentry.requests().at(-1)).toMatchObject({ method: 'PUT', status: 200, body: { status: 'resolvedInNextRelease' } });
    const listed = (await (await get(sentry, `${ISSUES}?query=is%3Aresolved`)).json()) as { id: string }[];
    expect(listed.map((i) => i.id)).toEqual([id]);
  });

  it('refuses to resolve in the next release an issue with no release, as Sentry does', async () => {
    const issue = sentry.seedIssue({ title: 'Error: no release' });
    const res = await put(sentry, `${ISSUES}${issue.id}/`, { status: 'resolved', statusDetails: { inNextRelease: true } });
    expect(res.status).toBe(400);
    expect(sentry.issue(issue.id)!.status).toBe('unresolved');
  });

  it('resolves in a release, ignores with conditions, and unresolves', async () => {
    const issue = sentry.seedIssue({ title: 'Error: x' });
    await put(sentry, `${ISSUES}${issue.id}/`, { status: 'resolved', statusDetails: { inRelease: 'web@3.0.0' } });
    expect(sentry.issue(issue.id)).toMatchObject({ status: 'resolved', statusDetails: { inRelease: 'web@3.0.0' } });

    await put(sentry, `${ISSUES}${issue.id}/`, { status: 'ignored', statusDetails: { ignoreDuration: 60 } });
    expect(sentry.issue(issue.id)).toMatchObject({
      status: 'ignored',
      substatus: 'archived_until_condition_met',
      statusDetails: { ignoreUntil: new Date(NOW.getTime() + 3600_000).toISOString() },
    });

    await put(sentry, `${ISSUES}${issue.id}/`, { status: 'unresolved' });
    expect(sentry.issue(issue.id)).toMatchObject({ status: 'unresolved', substatus: 'ongoing', statusDetails: {} });
    expect(sentry.issue(issue.id)!.updates).toHaveLength(3);
  });

  it('hands out copies: changing a record read back does not change the sandbox', async () => {
    const issue = sentry.seedIssue({ title: 'Error: x' });
    const copy = sentry.issue(issue.id)!;
    copy.status = 'resolved';
    expect(sentry.issue(issue.id)!.status).toBe('unresolved');
  });
});
