import { OpenApiContract } from './contract';
import { type GitHubSandbox, startGitHubSandbox } from './index';
import { ROUTES } from './server';
import { sandboxGraphql, sandboxOctokit, type SandboxOctokitInstance } from './testkit';
import { webhookProblems } from './webhook-schemas';

const owner = 'acme';
const repo = 'app';
let gh: GitHubSandbox;
let octokit: SandboxOctokitInstance;

beforeAll(async () => {
  gh = await startGitHubSandbox({ repos: [{ owner, repo, files: { 'README.md': '# app\n' } }] });
  octokit = sandboxOctokit(gh);
});

afterAll(async () => {
  // Every event the suite's changes emitted is what GitHub's webhook schemas describe.
  expect(webhookProblems(gh.events)).toEqual([]);
  await gh.close();
});

beforeEach(() => {
  gh.violations.length = 0;
});

test('a REST body field of the wrong type fails with a message naming the field', async () => {
  const error = await octokit
    .request('POST /repos/{owner}/{repo}/issues', { owner, repo, title: { text: 'not a string' } as unknown as string })
    .catch((e: unknown) => e);
  expect(error).toMatchObject({ status: 422 });
  expect((error as Error).message).toContain(
    'sandbox: request body does not match POST /repos/{owner}/{repo}/issues: /title must be string',
  );
  expect(gh.violations).toEqual([expect.objectContaining({ kind: 'request', method: 'POST' })]);
  expect(gh.state.issues).toHaveLength(0);
});

test('a query parameter of the wrong type or value fails naming the parameter', async () => {
  await expect(octokit.request('GET /repos/{owner}/{repo}/issues', { owner, repo, per_page: 'lots' as unknown as number })).rejects.toThrow(
    /per_page must be integer/,
  );
  await expect(octokit.request('GET /repos/{owner}/{repo}/issues', { owner, repo, state: 'opened' as 'open' })).rejects.toThrow(
    /state must be equal to one of the allowed values \("open", "closed", "all"\)/,
  );
  await expect(
    octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}', { owner, repo, issue_number: 'first' as unknown as number }),
  ).rejects.toThrow(/issue_number must be integer/);
  expect(gh.violations.map((v) => v.kind)).toEqual(['request', 'request', 'request']);
});

test('a missing required body field fails naming it', async () => {
  const withoutBody = { owner, repo, issue_number: 1 } as { owner: string; repo: string; issue_number: number; body: string };
  await expect(octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', withoutBody)).rejects.toThrow(
    /must have required property 'body'/,
  );
});

test('an endpoint GitHub lacks fails naming the endpoint', async () => {
  const error = await octokit.request('GET /repos/{owner}/{repo}/nonsense', { owner, repo }).catch((e: unknown) => e);
  expect(error).toMatchObject({ status: 404 });
  expect((error as Error).message).toContain('sandbox: GET /repos/{owner}/{repo}/nonsense is not an endpoint of api.github.com');
  await expect(octokit.request('DELETE /repos/{owner}/{repo}/issues', { owner, repo })).rejects.toThrow(
    'sandbox: DELETE /repos/{owner}/{repo}/issues is not an endpoint of api.github.com',
  );
  expect(gh.violations.map((v) => v.kind)).toEqual(['unknown-endpoint', 'unknown-endpoint']);
});

test('a real GitHub endpoint the sandbox does not serve is reported as such', async () => {
  await expect(octokit.rest.repos.listBranches({ owner, repo })).rejects.toMatchObject({
    status: 501,
    message: expect.stringContaining(
      'GET /repos/{owner}/{repo}/branches is an endpoint of api.github.com that the sandbox does not implement',
    ),
  });
});

test('a GraphQL query with a field not in GitHub schema fails naming the field', async () => {
  const gql = sandboxGraphql(gh);
  const error = await gql(`query { repository(owner: "acme", name: "app") { issues(first: 5) { nodes { number priority } } } }`).catch(
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ errors: [expect.objectContaining({ message: 'Cannot query field "priority" on type "Issue".' })] });
  expect(gh.violations).toEqual([expect.objectContaining({ kind: 'graphql', message: expect.stringContaining('"priority"') })]);
  // Raw: GitHub answers schema errors with HTTP 200 and an `errors` array.
  const res = await fetch(gh.graphqlUrl, {
    method: 'POST',
    headers: { authorization: 'bearer x', 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ viewer { login nickname } }' }),
  });
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({
    errors: [expect.objectContaining({ message: expect.stringContaining('Cannot query field "nickname" on type "User".') })],
  });
});

test('GraphQL connections need first or last, as on GitHub', async () => {
  await expect(sandboxGraphql(gh)(`{ repository(owner: "acme", name: "app") { issues { totalCount } } }`)).rejects.toMatchObject({
    errors: [expect.objectContaining({ message: expect.stringContaining('You must provide a `first` or `last` value') })],
  });
});

test('a response that drifts from the description is a sandbox bug: 500 naming the problem', async () => {
  const issue = gh.state.createIssue(owner, repo, { title: 'fine' });
  (issue as unknown as { title: number }).title = 42;
  const error = await octokit.rest.issues.get({ owner, repo, issue_number: issue.number }).catch((e: unknown) => e);
  expect(error).toMatchObject({ status: 500 });
  expect((error as Error).message).toContain(
    'sandbox: response does not match GET /repos/{owner}/{repo}/issues/{issue_number} 200: /title must be string',
  );
  expect(gh.violations).toEqual([expect.objectContaining({ kind: 'response' })]);
});

test('validation can be turned off', async () => {
  const loose = await startGitHubSandbox({ validate: false, repos: [{ owner, repo }] });
  try {
    const created = await sandboxOctokit(loose).request('POST /repos/{owner}/{repo}/issues', {
      owner,
      repo,
      title: 7 as unknown as string,
      extra: { odd: true },
    });
    expect(created.status).toBe(201);
    await expect(sandboxOctokit(loose).request('GET /nonsense')).rejects.toMatchObject({ status: 404 });
    expect(loose.violations).toEqual([]);
  } finally {
    await loose.close();
  }
});

test('every route the sandbox serves is a documented operation of api.github.com', () => {
  const contract = OpenApiContract.get();
  const missing = ROUTES.filter((r) => !contract.operation(r.method, r.route)).map((r) => `${r.method} ${r.route}`);
  expect(missing).toEqual([]);
  expect(ROUTES.length).toBeGreaterThan(40);
});
