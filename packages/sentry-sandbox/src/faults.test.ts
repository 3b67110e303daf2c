import { startSentrySandbox, type SentrySandbox } from './index';
import { get, NOW } from './testing';

const LIST = '/api/0/organizations/acme/issues/';
let sentry: SentrySandbox;

beforeEach(async () => {
  sentry = await startSentrySandbox({ now: () => NOW, strict: true });
  sentry.seedIssue({ id: '7', title: 'Error: x' });
});
afterEach(async () => {
  await sentry.close();
});

describe('fault injection', () => {
  it('answers 429 with Retry-After and Sentry’s rate-limit headers, then serves again', async () => {
    sentry.injectFault({ route: '/api/0/organizations/{organization_id_or_slug}/issues/', status: 429, retryAfterSeconds: 7 });
    const limited = await get(sentry, LIST);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.headers.get('x-sentry-rate-limit-remaining')).toBe('0');
    expect(limited.headers.get('x-sentry-rate-limit-reset')).toBe(String(NOW.getTime() / 1000 + 7));
    expect(await limited.json()).toEqual({ detail: expect.stringContaining('too frequently') });
    expect((await get(sentry, LIST)).status).toBe(200);
  });

  it('answers 500 for the next N requests matching a route only', async () => {
    sentry.injectFault({ route: /\/issues\/\d+\/$/, status: 500, times: 2 });
    expect((await get(sentry, LIST)).status).toBe(200);
    const failed = await get(sentry, `${LIST}7/`);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ detail: 'Internal Error', errorId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect((await get(sentry, `${LIST}7/`)).status).toBe(500);
    expect((await get(sentry, `${LIST}7/`)).status).toBe(200);
    expect(sentry.requests().map((r) => r.status)).toEqual([200, 500, 500, 200]);
  });

  it('matches by method, and refuses a fault it cannot serve', async () => {
    sentry.injectFault({ method: 'PUT', status: 500 });
    expect((await get(sentry, `${LIST}7/`)).status).toBe(200);
    expect(() => sentry.injectFault({ status: 503 as 500 })).toThrow(/500 or 429/);
    expect(() => sentry.injectFault({ status: 500, times: 0 })).toThrow(/positive integer/);
  });
});

describe('auth', () => {
  it('answers 401 without the bearer token, or with another', async () => {
    const none = await fetch(`${sentry.url}${LIST}`);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ detail: 'Authentication credentials were not provided.' });
    const wrong = await fetch(`${sentry.url}${LIST}`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    expect(sentry.requests().map((r) => r.status)).toEqual([401, 401]);
  });
});
