import { nextCursor, retryAfterSeconds, retryingFetch } from './client';

describe('Sentry client helpers', () => {
  it('reads the next cursor of a Link header only when it has results', () => {
    const link = (more: boolean) =>
      `<https://sentry.io/api/0/organizations/acme/issues/?cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1", ` +
      `<https://sentry.io/api/0/organizations/acme/issues/?cursor=0:100:0>; rel="next"; results="${more}"; cursor="0:100:0"`;
    expect(nextCursor(link(true))).toBe('0:100:0');
    expect(nextCursor(link(false))).toBeUndefined();
    expect(nextCursor(null)).toBeUndefined();
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterSeconds('7')).toBe(7);
    expect(retryAfterSeconds('Mon, 07 Dec 2026 10:00:30 GMT', new Date('2026-12-07T10:00:00Z'))).toBe(30);
    expect(retryAfterSeconds('soon')).toBeUndefined();
    expect(retryAfterSeconds(null)).toBeUndefined();
  });

  it('waits out a 429 for its Retry-After and retries a 5xx at most three times in all', async () => {
    const answers = [new Response('', { status: 429, headers: { 'retry-after': '12' } }), new Response('[]', { status: 200 })];
    const slept: number[] = [];
    const sleep = async (ms: number) => {
      slept.push(ms);
    };
    const ok = retryingFetch({ fetch: async () => answers.shift()!, sleep });
    expect((await ok(new Request('http://sentry.test/x'))).status).toBe(200);
    expect(slept).toEqual([12_000]);

    let calls = 0;
    const failing = retryingFetch({
      fetch: async () => {
        calls++;
        return new Response('boom', { status: 500 });
      },
      sleep,
    });
    expect((await failing(new Request('http://sentry.test/x'))).status).toBe(500);
    expect(calls).toBe(3);
  });
});
