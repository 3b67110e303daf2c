import examples from '@octokit/webhooks-examples';
import {
  mapAssociation,
  mapGqlActor,
  mapGqlIssue,
  mapPullRequest,
  mapRestActor,
  mapRestIssue,
  mapReview,
  mapReviewThread,
  tailBytes,
  type RestIssue,
  type RestPullRequest,
} from './mappers';

/** Real payload objects: webhook issues and pull requests carry the REST shapes. */
function example<T>(event: string, key: string): T {
  const found = (examples as { name: string; examples: Record<string, unknown>[] }[]).find((e) => e.name === event);
  const payload = found?.examples.find((p) => p[key] !== undefined);
  if (!payload) throw new Error(`no ${event} example with ${key}`);
  return payload[key] as T;
}

describe('REST mapping', () => {
  it('maps a real issue: labels as names, author, association, not a PR', () => {
    const raw = example<RestIssue>('issues', 'issue');
    const issue = mapRestIssue({ ...raw, labels: [{ name: 'bug' }, 'type:feature'] });
    expect(issue).toMatchObject({
      number: raw.number,
      id: raw.id,
      nodeId: raw.node_id,
      title: raw.title,
      labels: ['bug', 'type:feature'],
      author: { login: raw.user!.login, type: 'User' },
      isPullRequest: false,
      url: raw.html_url,
    });
    expect(['OWNER', 'MEMBER', 'COLLABORATOR', 'CONTRIBUTOR', 'NONE']).toContain(issue.authorAssociation);
  });

  it('marks issues that are pull requests and survives a null body and deleted author', () => {
    const raw = example<RestIssue>('issues', 'issue');
    const issue = mapRestIssue({ ...raw, body: null, user: null, pull_request: { url: 'x' } });
    expect(issue.isPullRequest).toBe(true);
    expect(issue.body).toBe('');
    expect(issue.author).toEqual({ login: 'ghost', type: 'User' });
  });

  it('maps a real pull request, including head repository and merged flag', () => {
    const raw = example<RestPullRequest>('pull_request', 'pull_request');
    const pr = mapPullRequest(raw);
    expect(pr).toMatchObject({
      number: raw.number,
      head: { ref: raw.head.ref, sha: raw.head.sha, repoFullName: raw.head.repo!.full_name },
      base: { ref: raw.base.ref, sha: raw.base.sha, repoFullName: raw.base.repo!.full_name },
      merged: false,
    });
    // The list endpoint has merged_at but no merged.
    const { merged: _m, ...listed } = raw;
    expect(mapPullRequest({ ...listed, merged_at: '2024-01-01T00:00:00Z' }).merged).toBe(true);
  });

  it('normalizes review states and unknown associations', () => {
    expect(mapReview({ id: 1, node_id: 'R', user: null, state: 'approved', body: null, commit_id: null }).state).toBe('APPROVED');
    expect(mapAssociation('SOMETHING_NEW')).toBe('NONE');
    expect(mapRestActor({ login: 'renovate[bot]', type: 'Bot' })).toEqual({ login: 'renovate[bot]', type: 'Bot' });
  });
});

describe('GraphQL mapping', () => {
  it('spells bot logins the REST way', () => {
    expect(mapGqlActor({ login: 'dependabot', __typename: 'Bot' })).toEqual({ login: 'dependabot[bot]', type: 'Bot' });
    expect(mapGqlActor({ login: 'octocat', __typename: 'User' })).toEqual({ login: 'octocat', type: 'User' });
  });

  it('maps issues and review threads', () => {
    const issue = mapGqlIssue({
      id: 'I_1',
      databaseId: 11,
      number: 3,
      title: 't',
      body: 'b',
      state: 'CLOSED',
      stateReason: 'NOT_PLANNED',
      url: 'u',
      createdAt: 'c',
      updatedAt: 'u2',
      closedAt: 'z',
      authorAssociation: 'MEMBER',
      author: { login: 'a', __typename: 'User' },
      labels: { nodes: [{ name: 'x' }, null] },
    });
    expect(issue).toMatchObject({
      id: 11,
      nodeId: 'I_1',
      state: 'closed',
      stateReason: 'not_planned',
      labels: ['x'],
      authorAssociation: 'MEMBER',
    });
    const thread = mapReviewThread({
      id: 'T',
      isResolved: false,
      isOutdated: true,
      path: 'a.ts',
      line: null,
      comments: {
        pageInfo: { endCursor: null, hasNextPage: false },
        nodes: [{ id: 'C', databaseId: 5, body: 'hi', url: 'u', createdAt: 'c', authorAssociation: 'OWNER', author: null }],
      },
    });
    expect(thread).toEqual({
      id: 'T',
      isResolved: false,
      isOutdated: true,
      path: 'a.ts',
      line: null,
      comments: [
        {
          id: 'C',
          databaseId: 5,
          body: 'hi',
          url: 'u',
          createdAt: 'c',
          authorAssociation: 'OWNER',
          author: { login: 'ghost', type: 'User' },
        },
      ],
    });
  });
});

describe('tailBytes', () => {
  it('keeps short logs whole', () => {
    expect(tailBytes('abc\n', 100)).toBe('abc\n');
  });

  it('keeps the end, within the byte bound, without splitting characters', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `line ${i} ✓ déjà`).join('\n');
    const out = tailBytes(lines, 1000);
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(1000);
    expect(out.endsWith('line 1999 ✓ déjà')).toBe(true);
    expect(out).toMatch(/^\[\.\.\. \d+ bytes, showing the end \.\.\.\]\nline \d+/);
    expect(out).not.toContain('\uFFFD');
  });
});
