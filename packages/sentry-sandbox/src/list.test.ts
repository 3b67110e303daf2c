import { startSentrySandbox, regression, spikeSeries, steadySeries, warning, type SentrySandbox } from './index';
import { get, NOW, parseLink } from './testing';

const LIST = '/api/0/organizations/acme/issues/';
let sentry: SentrySandbox;

beforeEach(async () => {
  sentry = await startSentrySandbox({ org: 'acme', projects: ['web', 'api'], now: () => NOW, strict: true });
});
afterEach(async () => {
  await sentry.close();
});

async function list(query: string): Promise<{ status: number; body: Record<string, unknown>[]; link: string | null; hits: string | null }> {
  const res = await get(sentry, `${LIST}${query}`);
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown>[],
    link: res.headers.get('link'),
    hits: res.headers.get('x-hits'),
  };
}

describe('pagination', () => {
  beforeEach(() => {
    for (let i = 0; i < 5; i++)
      sentry.seedIssue({ title: `Error: number ${i}`, lastSeen: new Date(NOW.getTime() - i * 60_000).toISOString() });
  });

  it('writes Link headers exactly as Sentry does and follows them to the end', async () => {
    const first = await list('?limit=2&query=is%3Aunresolved');
    expect(first.status).toBe(200);
    expect(first.body.map((i) => i.title)).toEqual(['Error: number 0', 'Error: number 1']);
    expect(first.hits).toBe('5');
    expect(first.link).toBe(
      `<${sentry.url}${LIST}?limit=2&query=is%3Aunresolved&cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1", ` +
        `<${sentry.url}${LIST}?limit=2&query=is%3Aunresolved&cursor=0:2:0>; rel="next"; results="true"; cursor="0:2:0"`,
    );

    const titles: unknown[] = [];
    let url: string | undefined = `${sentry.url}${LIST}?limit=2`;
    let pages = 0;
    while (url) {
      const res = await fetch(url, { headers: { authorization: `Bearer ${sentry.token}` } });
      expect(res.status).toBe(200);
      titles.push(...((await res.json()) as { title: string }[]).map((i) => i.title));
      const next = parseLink(res.headers.get('link')).next!;
      url = next.results ? next.url : undefined;
      pages++;
    }
    expect(pages).toBe(3);
    expect(titles).toEqual([0, 1, 2, 3, 4].map((i) => `Error: number ${i}`));
  });

  it('has a previous link with results once past the first page; a query-less URL reads ?&cursor=', async () => {
    const third = await list('?limit=2&cursor=0:4:0');
    const links = parseLink(third.link);
    expect(third.body).toHaveLength(1);
    expect(links.previous).toEqual({ url: `${sentry.url}${LIST}?limit=2&cursor=0:2:1`, results: true, cursor: '0:2:1' });
    expect(links.next!.results).toBe(false);

    const bare = await list('');
    expect(bare.link).toContain(`<${sentry.url}${LIST}?&cursor=0:0:1>; rel="previous"`);
  });

  it('refuses a malformed cursor and a limit over 100', async () => {
    expect((await list('?cursor=abc')).status).toBe(400);
    const tooMany = await list('?limit=101');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toEqual({ detail: 'Invalid per_page value. Cannot exceed 100.' });
  });
});

describe('filters', () => {
  it('applies the default query is:unresolved; an empty query lists everything', async () => {
    sentry.seedIssue({ title: 'Error: open' });
    sentry.seedIssue({ title: 'Error: fixed', status: 'resolved' });
    expect((await list('')).body.map((i) => i.title)).toEqual(['Error: open']);
    expect((await list('?query=')).body.map((i) => i.title).sort()).toEqual(['Error: fixed', 'Error: open']);
  });

  it('filters by level (errors and warnings), regressions, project, environment and text', async () => {
    const err = sentry.seedIssue({ title: 'TypeError: boom', project: 'web', event: { environment: 'production' } });
    const warn = sentry.seedIssue(warning({ title: 'Slow render', type: 'default', project: 'api', event: { environment: 'staging' } }));
    const back = sentry.seedIssue(regression({ title: 'RangeError: again', project: 'web' }, NOW));
    const titles = async (q: string): Promise<unknown[]> => (await list(q)).body.map((i) => i.id);

    expect(await titles('?query=level%3A%5Berror%2Cwarning%5D')).toHaveLength(3);
    expect(await titles('?query=level%3Awarning')).toEqual([warn.id]);
    expect(await titles('?query=!level%3Awarning')).toEqual(expect.arrayContaining([err.id, back.id]));
    expect(await titles('?query=is%3Aregressed')).toEqual([back.id]);
    expect(await titles(`?project=${sentry.projects[1]!.id}`)).toEqual([warn.id]);
    expect(await titles('?project=web&query=boom')).toEqual([err.id]);
    expect(await titles('?environment=staging')).toEqual([warn.id]);

    const regressed = (await list('?query=is%3Aregressed')).body[0]!;
    expect(regressed).toMatchObject({ status: 'unresolved', substatus: 'regressed', level: 'error' });
  });

  it('answers 403 for a project the organization does not have, 404 for another organization, 400 for a bad search', async () => {
    expect((await list('?project=999')).status).toBe(403);
    expect((await get(sentry, '/api/0/organizations/other/issues/')).status).toBe(404);
    expect((await list('?query=is%3Afrobbed')).status).toBe(400);
    expect((await list('?statsPeriod=yesterday')).status).toBe(400);
  });
});

describe('event counts', () => {
  it('serves an hourly 24h series and a windowed count, so a spike shows against the daily average', async () => {
    const spike = sentry.seedIssue({ title: 'Error: spike', hourly: spikeSeries({ baseline: 2, spike: 60 }) });
    const steady = sentry.seedIssue({ title: 'Error: steady', hourly: steadySeries(3, 48) });
    const { body } = await list('?statsPeriod=24h&query=');
    const byId = Object.fromEntries(body.map((i) => [i.id, i]));
    const stats = (byId[spike.id]!.stats as { '24h': [number, number][] })['24h'];
    expect(stats).toHaveLength(24);
    const currentHour = Math.floor(NOW.getTime() / 3600_000) * 3600;
    expect(stats.at(-1)).toEqual([currentHour, 60]);
    expect(stats[0]).toEqual([currentHour - 23 * 3600, 2]);
    expect(byId[spike.id]!.count).toBe(String(23 * 2 + 60));
    expect(byId[steady.id]!.count).toBe(String(24 * 3 + 3)); // the 24h window overlaps 25 hourly buckets
    expect(byId[steady.id]!.lifetime).toMatchObject({ count: String(48 * 3) });

    const oneHour = await list('?statsPeriod=1h&query=&groupStatsPeriod=auto');
    const spikeHour = oneHour.body.find((i) => i.id === spike.id)!;
    expect(spikeHour.count).toBe(String(2 + 60));
    expect((spikeHour.stats as { auto: unknown[] }).auto).toEqual([[currentHour, 60]]);
  });

  it('lists issues seen in the window only, sorted by last seen (or by events with sort=freq)', async () => {
    const old = sentry.seedIssue({ title: 'Error: old', firstSeen: '2026-01-01T00:00:00Z', lastSeen: '2026-01-02T00:00:00Z' });
    const busy = sentry.seedIssue({ title: 'Error: busy', count: 500, lastSeen: '2026-03-02T09:00:00Z' });
    const recent = sentry.seedIssue({ title: 'Error: recent', count: 5 });
    expect((await list('?statsPeriod=14d')).body.map((i) => i.id)).toEqual([recent.id, busy.id]);
    expect((await list('?statsPeriod=90d&sort=freq')).body.map((i) => i.id)).toEqual([busy.id, recent.id, old.id]);
  });
});
