import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RequestError } from '@octokit/request-error';
import { isConfigError } from '../errors';
import { describeApiError, GitHubApiError, networkErrorCode, statusOf, withErrorContext } from './api-error';
import { createGitHub, resolveToken } from './client';
import { octokitOptions } from './octokit';
import { MemoryLogger } from '../ports';

describe('resolveToken', () => {
  it('prefers a GitHub App token (input, then FACTORY_APP_TOKEN)', () => {
    expect(resolveToken({ GITHUB_TOKEN: 'ghs_env' }, { appToken: ' ghs_app ', githubToken: 'ghs_in' })).toEqual({
      token: 'ghs_app',
      kind: 'app',
    });
    expect(resolveToken({ FACTORY_APP_TOKEN: 'ghs_app2', GITHUB_TOKEN: 'ghs_env' })).toEqual({ token: 'ghs_app2', kind: 'app' });
  });

  it('falls back to the github-token input, then GITHUB_TOKEN, then GH_TOKEN', () => {
    expect(resolveToken({ GITHUB_TOKEN: 'ghs_env' }, { appToken: '', githubToken: 'ghs_in' })).toEqual({
      token: 'ghs_in',
      kind: 'github-token',
    });
    expect(resolveToken({ GITHUB_TOKEN: 'ghs_env' })).toEqual({ token: 'ghs_env', kind: 'github-token' });
    expect(resolveToken({ GH_TOKEN: 'gho_cli' })).toEqual({ token: 'gho_cli', kind: 'pat' });
  });

  it('recognizes personal access tokens by prefix', () => {
    expect(resolveToken({}, { githubToken: 'github_pat_abc' }).kind).toBe('pat');
    expect(resolveToken({ GITHUB_TOKEN: 'ghp_abc' }).kind).toBe('pat');
  });

  it('fails with a ConfigError naming the input when there is no token', () => {
    let caught: unknown;
    try {
      resolveToken({ GITHUB_TOKEN: '  ' }, { appToken: '' });
    } catch (e) {
      caught = e;
    }
    expect(isConfigError(caught)).toBe(true);
    expect((caught as Error).message).toMatch(/github-token/);
    expect((caught as Error).message).toMatch(/app-token/);
  });
});

describe('createGitHub', () => {
  const gh = createGitHub({ token: 't', repo: { owner: 'o', repo: 'r' }, baseUrl: 'http://127.0.0.1:9' });

  it('hands out a reader with read methods only', () => {
    const keys = Object.keys(gh.reader).sort();
    expect(keys).toEqual(
      [
        'repo',
        'getRepository',
        'getIssue',
        'getIssueChanges',
        'listIssues',
        'listIssuesPage',
        'searchIssues',
        'listComments',
        'findCommentByMarker',
        'listSubIssues',
        'getPullRequest',
        'listPullRequests',
        'listPullRequestFiles',
        'getPullRequestDiff',
        'compareCommits',
        'listReviews',
        'listReviewThreads',
        'listCheckRuns',
        'getBranchRules',
        'getMergeQueueEntry',
        'listWorkflowRuns',
        'getFailedJobLogs',
        'getFileContent',
        'sweepPullRequests',
        'sweepIssues',
        'listArtifacts',
        'downloadArtifact',
        'listPullActivity',
        'listIssueActivity',
      ].sort(),
    );
    expect(Object.isFrozen(gh.reader)).toBe(true);
    expect(gh.reader.repo).toEqual({ owner: 'o', repo: 'r' });
  });

  it('sends REST to baseUrl and GraphQL to /api/graphql on GitHub Enterprise Server', async () => {
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        req.url === '/api/graphql'
          ? JSON.stringify({ data: { repository: { issues: { pageInfo: { endCursor: null, hasNextPage: false }, nodes: [] } } } })
          : JSON.stringify({ full_name: 'o/r', default_branch: 'trunk', private: true, node_id: 'R_1' }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const ghes = createGitHub({ token: 'tok', repo: { owner: 'o', repo: 'r' }, baseUrl: `http://127.0.0.1:${port}/api/v3/` });
      expect(await ghes.reader.getRepository()).toEqual({ fullName: 'o/r', defaultBranch: 'trunk', private: true, nodeId: 'R_1' });
      expect(await ghes.reader.listIssuesPage({})).toEqual({ issues: [], endCursor: null, hasNextPage: false });
      expect(seen).toEqual(['GET /api/v3/repos/o/r token tok', 'POST /api/graphql token tok']);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('rejects an empty token or repository', () => {
    expect(() => createGitHub({ token: '', repo: { owner: 'o', repo: 'r' } })).toThrow(/token/);
    expect(() => createGitHub({ token: 't', repo: { owner: '', repo: 'r' } })).toThrow(/owner/);
  });
});

describe('octokit options', () => {
  const base = { baseUrl: 'http://x', logger: new MemoryLogger(), retries: 3, delayScale: 0.5, id: 'i' };

  it('retries only 5xx, scales waits, and uses the secondary-limit fallback', () => {
    const o = octokitOptions({ ...base, throttle: { minRetryAfterSeconds: 5 } }) as {
      retry: { retries: number; doNotRetry: number[]; retryAfterBaseValue: number };
      throttle: { retryAfterBaseValue: number; fallbackSecondaryRateRetryAfter: number };
    };
    expect(o.retry.retries).toBe(3);
    expect(o.retry.doNotRetry).toEqual(expect.arrayContaining([400, 403, 404, 422, 429, 499]));
    expect(o.retry.doNotRetry).not.toContain(500);
    expect(o.retry.retryAfterBaseValue).toBe(500);
    expect(o.throttle.retryAfterBaseValue).toBe(500);
    expect(o.throttle.fallbackSecondaryRateRetryAfter).toBe(5);
  });

  it('rate-limit handlers retry within the budget and refuse waits over the cap', () => {
    const logger = new MemoryLogger();
    const o = octokitOptions({ ...base, logger, throttle: { onRateLimitRetries: 1, maxRetryAfterSeconds: 30 } }) as {
      throttle: { onRateLimit: (after: number, req: object, o: unknown, count: number) => boolean };
    };
    const req = { method: 'GET', url: '/repos/{owner}/{repo}' };
    expect(o.throttle.onRateLimit(10, req, {}, 0)).toBe(true);
    expect(o.throttle.onRateLimit(10, req, {}, 1)).toBe(false);
    expect(o.throttle.onRateLimit(31, req, {}, 0)).toBe(false);
    expect(logger.text()).toMatch(/waiting 10s before retry 1 of 1/);
    expect(logger.text()).toMatch(/more than 30s/);
  });
});

describe('API errors', () => {
  const request = { method: 'GET' as const, url: 'http://127.0.0.1/repos/o/r/issues/5?x=1', headers: {} };

  it('names the operation, the request and the status', () => {
    const e = describeApiError('github.reader.getIssue', new RequestError('Bad Gateway', 502, { request }), 3);
    expect(e).toBeInstanceOf(GitHubApiError);
    expect(e.status).toBe(502);
    expect(e.message).toBe('github.reader.getIssue failed: GET /repos/o/r/issues/5 answered 502 (gave up after 3 retries): Bad Gateway');
  });

  it('tells a request that got no answer (Octokit: status 500, no response) from a 500 GitHub answered', () => {
    // What @octokit/request throws when fetch fails: the system error sits two causes down.
    const refused = new RequestError('connect ECONNREFUSED 127.0.0.1:9', 500, { request });
    refused.cause = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
    });
    expect(networkErrorCode(refused)).toBe('ECONNREFUSED');
    expect(statusOf(refused)).toBeUndefined();
    const e = describeApiError('github.reader.getIssue', refused, 3);
    expect(e.status).toBeUndefined();
    expect(e.message).toBe(
      'github.reader.getIssue failed: GET /repos/o/r/issues/5: no answer from 127.0.0.1 (ECONNREFUSED), gave up after 3 retries',
    );

    const response = { status: 500, url: request.url, headers: {}, data: { message: 'Server Error' } };
    const answered = new RequestError('Server Error', 500, { request, response });
    answered.cause = refused.cause;
    expect(networkErrorCode(answered)).toBeUndefined();
    expect(describeApiError('op', answered, 3).message).toMatch(/answered 500 \(gave up after 3 retries\)/);
  });

  it('wraps every method, keeping only the given keys', async () => {
    const wrapped = withErrorContext(
      'w',
      {
        repo: 1,
        boom: async () => {
          throw new Error('nope');
        },
      },
      3,
    );
    await expect(wrapped.boom()).rejects.toThrow('w.boom failed: nope');
    expect(Object.keys(wrapped)).toEqual(['repo', 'boom']);
  });
});
