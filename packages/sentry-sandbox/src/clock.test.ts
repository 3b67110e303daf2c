import { startSentrySandbox, steadySeries } from './index';
import { get, NOW, put } from './testing';

const ISSUES = '/api/0/organizations/acme/issues/';

describe('an injected clock', () => {
  it('keeps a seeded series where it was as time moves on; recordEvents adds events now, and a resolved issue regresses', async () => {
    let now = NOW;
    const sentry = await startSentrySandbox({ now: () => now, strict: true });
    const issue = sentry.seedIssue({ title: 'Error: x', hourly: steadySeries(4, 24), event: { release: 'app@1.0.0' } });
    const stats = async (): Promise<[number, number][]> => {
      const [item] = (await (await get(sentry, `${ISSUES}?query=`)).json()) as { stats: { '24h': [number, number][] } }[];
      return item!.stats['24h'];
    };
    try {
      now = new Date(NOW.getTime() + 2 * 3600_000);
      expect((await stats()).slice(-3).map(([, n]) => n)).toEqual([4, 0, 0]);

      await put(sentry, `${ISSUES}${issue.id}/`, { status: 'resolvedInNextRelease' });
      const after = sentry.recordEvents(issue.id, 40, { users: 5 });
      expect(after).toMatchObject({ status: 'unresolved', substatus: 'regressed', count: 24 * 4 + 40, lastSeen: now.toISOString() });
      expect(after.hourly.slice(-3)).toEqual([4, 0, 40]);
      expect((await stats()).at(-1)).toEqual([Math.floor(now.getTime() / 3600_000) * 3600, 40]);
      const [listed] = (await (await get(sentry, `${ISSUES}?query=is%3Aregressed&statsPeriod=1h`)).json()) as { count: string }[];
      expect(listed!.count).toBe('40');
    } finally {
      await sentry.close();
    }
  });

  it('refuses events for an unknown issue', async () => {
    const sentry = await startSentrySandbox({ now: () => NOW });
    try {
      expect(() => sentry.recordEvents('1', 1)).toThrow(/no issue 1/);
    } finally {
      await sentry.close();
    }
  });
});
