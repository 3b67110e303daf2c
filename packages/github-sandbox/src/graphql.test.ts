import { decodeNodeId, type GitHubSandbox, startGitHubSandbox } from './index';
import { sandboxGraphql } from './testkit';
import { webhookProblems } from './webhook-schemas';

let gh: GitHubSandbox;
let gql: ReturnType<typeof sandboxGraphql>;

interface Page {
  repository: {
    issues: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: {
        id: string;
        number: number;
        databaseId: number;
        state: string;
        url: string;
        author: { login: string };
        authorAssociation: string;
        labels: { nodes: { name: string }[] };
      }[];
    };
  };
}

const ISSUES = `query Sweep($after: String, $labels: [String!], $states: [IssueState!]) {
  repository(owner: "acme", name: "app") {
    issues(first: 10, after: $after, labels: $labels, states: $states, orderBy: { field: CREATED_AT, direction: ASC }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id number databaseId state url author { login } authorAssociation labels(first: 10) { nodes { name } } }
    }
  }
}`;

beforeAll(async () => {
  gh = await startGitHubSandbox({ repos: [{ owner: 'acme', repo: 'app' }] });
  gql = sandboxGraphql(gh);
  gh.state.setAssociation('maria', 'MEMBER');
  for (let i = 1; i <= 25; i++) {
    gh.state.createIssue('acme', 'app', {
      title: `Issue ${i}`,
      user: i % 2 ? 'maria' : 'renovate[bot]',
      labels: i % 3 === 0 ? ['factory:ready'] : i % 7 === 0 ? ['factory:needs-info'] : [],
      state: i === 25 ? 'closed' : 'open',
      createdAt: new Date(Date.UTC(2024, 0, i)).toISOString(),
    });
  }
});

afterAll(async () => {
  // Every event the suite's changes emitted is what GitHub's webhook schemas describe.
  expect(webhookProblems(gh.events)).toEqual([]);
  await gh.close();
});

afterEach(() => {
  expect(gh.violations.splice(0)).toEqual([]);
});

test('issues page through with cursors, oldest first, and carry authors, associations and labels', async () => {
  const numbers: number[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const page: Page = await gql<Page>(ISSUES, { after, states: ['OPEN'] });
    pages++;
    numbers.push(...page.repository.issues.nodes.map((n) => n.number));
    expect(page.repository.issues.totalCount).toBe(24);
    if (!page.repository.issues.pageInfo.hasNextPage) break;
    after = page.repository.issues.pageInfo.endCursor;
  }
  expect(pages).toBe(3);
  expect(numbers).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));

  const first = (await gql<Page>(ISSUES, {})).repository.issues.nodes;
  const record = gh.state.findIssue('acme/app', 1)!;
  expect(first[0]).toMatchObject({
    id: record.nodeId,
    databaseId: record.id,
    state: 'OPEN',
    author: { login: 'maria' },
    authorAssociation: 'MEMBER',
    url: 'https://github.com/acme/app/issues/1',
  });
  // Bots appear without the [bot] suffix in GraphQL, as on GitHub.
  expect(first[1]).toMatchObject({ author: { login: 'renovate' }, authorAssociation: 'NONE' });
  expect(first[2]!.labels.nodes).toEqual([{ name: 'factory:ready' }]);
  expect(decodeNodeId(first[0]!.id)).toEqual({ kind: 'I_kwDO', id: record.id });
  expect(gh.requests.at(-1)).toMatchObject({ graphql: true, operationName: 'Sweep', status: 200 });
});

test('labels and states filters', async () => {
  const labelled = await gql<Page>(ISSUES, { labels: ['factory:ready', 'factory:needs-info'] });
  expect(labelled.repository.issues.nodes.map((n) => n.number)).toEqual([3, 6, 7, 9, 12, 14, 15, 18, 21, 24]);
  const closed = await gql<Page>(ISSUES, { states: ['CLOSED'] });
  expect(closed.repository.issues.nodes.map((n) => [n.number, n.state])).toEqual([[25, 'CLOSED']]);
});

test('node(id) resolves sandbox ids; unknown repositories and oversized pages fail like GitHub', async () => {
  const record = gh.state.findIssue('acme/app', 5)!;
  const node = await gql<{ node: { number: number; title: string } }>(
    `query($id: ID!) { node(id: $id) { ... on Issue { number title } } }`,
    { id: record.nodeId },
  );
  expect(node.node).toEqual({ number: 5, title: 'Issue 5' });

  await expect(gql(`{ repository(owner: "acme", name: "ghost") { id } }`)).rejects.toMatchObject({
    errors: [expect.objectContaining({ type: 'NOT_FOUND', message: "Could not resolve to a Repository with the name 'acme/ghost'." })],
  });
  await expect(gql(`{ repository(owner: "acme", name: "app") { issues(first: 101) { totalCount } } }`)).rejects.toMatchObject({
    errors: [expect.objectContaining({ type: 'EXCESSIVE_PAGINATION' })],
  });
});

test('viewer and rateLimit', async () => {
  const result = await gql<{ viewer: { login: string }; rateLimit: { remaining: number; limit: number } }>(
    `{ viewer { login } rateLimit { limit remaining resetAt } }`,
  );
  expect(result.viewer.login).toBe('factory-bot');
  expect(result.rateLimit).toMatchObject({ limit: 5000, remaining: 4999 });
});
