import { type GitHubSandbox, refusedUrl, SECONDARY_RATE_LIMIT_MESSAGE, startGitHubSandbox, UNRESOLVABLE_URL } from './index';
import { sandboxOctokit } from './testkit';
import { webhookProblems } from './webhook-schemas';

let gh: GitHubSandbox;
const headers = { authorization: 'token x' };

beforeAll(async () => {
  const clock = { now: () => new Date('2025-01-01T00:00:00Z'), sleep: async () => {} };
  gh = await startGitHubSandbox({ clock, repos: [{ owner: 'acme', repo: 'app' }] });
});

afterAll(async () => {
  // Every event the suite's changes emitted is what GitHub's webhook schemas describe.
  expect(webhookProblems(gh.events)).toEqual([]);
  await gh.close();
});

beforeEach(() => {
  gh.faults.clear();
  gh.resetRequests();
});

test('a fault answers `times` matching requests, then the real endpoint answers', async () => {
  gh.faults.add({ method: 'GET', path: '/repos/{owner}/{repo}', status: 502, times: 2 });
  const statuses: number[] = [];
  for (let i = 0; i < 3; i++) statuses.push((await fetch(`${gh.url}/repos/acme/app`, { headers })).status);
  expect(statuses).toEqual([502, 502, 200]);
  expect(gh.requests.map((r) => [r.status, r.fault ?? false])).toEqual([
    [502, true],
    [502, true],
    [200, false],
  ]);
  expect(gh.faults.pending()).toEqual([]);
});

test('faults match by method and path; others pass through', async () => {
  gh.faults.add({ method: 'POST', path: /\/issues$/, status: 500, times: 1 });
  expect((await fetch(`${gh.url}/repos/acme/app/issues`, { headers })).status).toBe(200);
  const post = await fetch(`${gh.url}/repos/acme/app/issues`, { method: 'POST', headers, body: JSON.stringify({ title: 'x' }) });
  expect(post.status).toBe(500);
  expect(gh.state.issues).toHaveLength(0);
  const retry = await fetch(`${gh.url}/repos/acme/app/issues`, { method: 'POST', headers, body: JSON.stringify({ title: 'x' }) });
  expect(retry.status).toBe(201);
});

test('secondary rate limit: 403 with retry-after and GitHub message', async () => {
  gh.faults.add({ status: 403, secondaryRateLimit: true, retryAfter: 7, times: 1 });
  const res = await fetch(`${gh.url}/repos/acme/app`, { headers });
  expect(res.status).toBe(403);
  expect(res.headers.get('retry-after')).toBe('7');
  expect(((await res.json()) as { message: string }).message).toBe(SECONDARY_RATE_LIMIT_MESSAGE);
});

test('primary rate limit: x-ratelimit-remaining 0 and a reset time; 429 carries retry-after', async () => {
  gh.faults.add({ status: 403, retryAfter: 60, times: 1 });
  gh.faults.add({ status: 429, retryAfter: 3, times: 1 });
  const primary = await fetch(`${gh.url}/repos/acme/app`, { headers });
  expect(primary.status).toBe(403);
  expect(primary.headers.get('x-ratelimit-remaining')).toBe('0');
  expect(primary.headers.get('x-ratelimit-reset')).toBe(String(Date.parse('2025-01-01T00:00:00Z') / 1000 + 60));
  const tooMany = await fetch(`${gh.url}/repos/acme/app`, { headers });
  expect(tooMany.status).toBe(429);
  expect(tooMany.headers.get('retry-after')).toBe('3');
});

test('graphql-only faults leave REST alone, and Octokit surfaces the status', async () => {
  gh.faults.add({ status: 503, graphql: true, times: 1 });
  expect((await fetch(`${gh.url}/repos/acme/app`, { headers })).status).toBe(200);
  const gql = await fetch(gh.graphqlUrl, { method: 'POST', headers, body: JSON.stringify({ query: '{ viewer { login } }' }) });
  expect(gql.status).toBe(503);
  expect(gh.requests.at(-1)).toMatchObject({ graphql: true, status: 503, fault: true });

  gh.faults.add({ status: 500, path: '/repos/acme/app', times: 1 });
  await expect(sandboxOctokit(gh).rest.repos.get({ owner: 'acme', repo: 'app' })).rejects.toMatchObject({ status: 500 });
});

test('add() refuses a fault that would never fire, or that both answers and drops', () => {
  expect(() => gh.faults.add({ status: 500, times: 0 })).toThrow(/times must be a positive integer/);
  expect(() => gh.faults.add({ status: 500, connection: 'reset', times: 1 })).toThrow(/exactly one of `status` and `connection`/);
  expect(() => gh.faults.add({ times: 1 })).toThrow(/exactly one of `status` and `connection`/);
});

/** The system error code under Node's `fetch failed`. */
async function failureCode(url: string): Promise<string> {
  const error: unknown = await fetch(url, { headers }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
  return String(((error as TypeError).cause as { code?: unknown }).code);
}

test('connection faults drop the request without an answer: reset (ECONNRESET) and close', async () => {
  gh.faults.add({ path: '/repos/{owner}/{repo}', connection: 'reset', times: 1 });
  gh.faults.add({ path: '/repos/{owner}/{repo}', connection: 'close', times: 1 });
  expect(await failureCode(`${gh.url}/repos/acme/app`)).toBe('ECONNRESET');
  expect(await failureCode(`${gh.url}/repos/acme/app`)).toBe('UND_ERR_SOCKET');
  expect((await fetch(`${gh.url}/repos/acme/app`, { headers })).status).toBe(200);
  expect(gh.requests.map((r) => [r.status, r.fault ?? false])).toEqual([
    [0, true],
    [0, true],
    [200, false],
  ]);
});

test('refusedUrl() is refused (ECONNREFUSED) and UNRESOLVABLE_URL does not resolve (ENOTFOUND)', async () => {
  expect(await failureCode(`${await refusedUrl()}/repos/acme/app`)).toBe('ECONNREFUSED');
  expect(await failureCode(`${UNRESOLVABLE_URL}/repos/acme/app`)).toBe('ENOTFOUND');
});
