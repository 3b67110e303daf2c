import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type GitHubSandbox, parseSearchQuery, startGitHubSandbox } from './index';
import { sandboxOctokit, type SandboxOctokitInstance } from './testkit';
import { webhookProblems } from './webhook-schemas';

const owner = 'acme';
const repo = 'app';
let gh: GitHubSandbox;
let octokit: SandboxOctokitInstance;

beforeAll(async () => {
  gh = await startGitHubSandbox({
    repos: [
      {
        owner,
        repo,
        files: { 'README.md': '# app\n', 'src/index.ts': 'export const answer = 42;\n' },
        labels: [
          { name: 'type:bug', color: 'd73a4a', description: 'Something is broken' },
          { name: 'factory:ready', color: '0e8a16' },
        ],
      },
      { owner: 'acme', repo: 'secret', private: true, defaultBranch: 'trunk' },
    ],
  });
  octokit = sandboxOctokit(gh);
});

afterAll(async () => {
  // Every event the suite's changes emitted is what GitHub's webhook schemas describe.
  expect(webhookProblems(gh.events)).toEqual([]);
  await gh.close();
});

afterEach(() => {
  expect(gh.violations.splice(0)).toEqual([]);
});

describe('repositories and contents', () => {
  test('repos.get reflects the seed', async () => {
    const { data } = await octokit.rest.repos.get({ owner, repo: 'secret' });
    expect(data).toMatchObject({ full_name: 'acme/secret', private: true, default_branch: 'trunk', owner: { login: 'acme' } });
    expect(data.node_id).toMatch(/^R_kgDO/);
  });

  test('unknown repository is a 404', async () => {
    await expect(octokit.rest.repos.get({ owner, repo: 'nope' })).rejects.toMatchObject({ status: 404 });
  });

  test('contents come from the git repository, base64 encoded', async () => {
    const { data } = await octokit.rest.repos.getContent({ owner, repo, path: 'src/index.ts' });
    expect(Array.isArray(data)).toBe(false);
    const file = data as { type: string; encoding: string; content: string; sha: string };
    expect(file.type).toBe('file');
    expect(Buffer.from(file.content, 'base64').toString('utf8')).toBe('export const answer = 42;\n');
    expect(file.sha).toMatch(/^[0-9a-f]{40}$/);

    const root = await octokit.rest.repos.getContent({ owner, repo, path: '' });
    expect((root.data as { name: string; type: string }[]).map((e) => [e.name, e.type])).toEqual([
      ['README.md', 'file'],
      ['src', 'dir'],
    ]);
    await expect(octokit.rest.repos.getContent({ owner, repo, path: 'missing.md' })).rejects.toMatchObject({ status: 404 });
    await expect(octokit.rest.repos.getContent({ owner, repo, path: 'README.md', ref: 'no-such-branch' })).rejects.toMatchObject({
      status: 404,
    });
  });

  test('Accept: application/vnd.github.raw returns the file bytes, as GitHub does', async () => {
    for (const accept of ['application/vnd.github.raw', 'application/vnd.github.raw+json', 'application/vnd.github.v3.raw']) {
      const res = await fetch(`${gh.url}/repos/acme/app/contents/src/index.ts`, { headers: { authorization: 'token x', accept } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(`${accept.replace('+json', '')}; charset=utf-8`);
      expect(res.headers.get('x-github-media-type')).toBe('github.v3; param=raw');
      expect(await res.text()).toBe('export const answer = 42;\n');
    }
    const viaOctokit = await octokit.rest.repos.getContent({ owner, repo, path: 'README.md', mediaType: { format: 'raw' } });
    expect(viaOctokit.data).toBe('# app\n');
  });

  test('files over 1 MB come without content (encoding none); the raw media type still returns them', async () => {
    const big = 'x'.repeat(1024 * 1024) + '\nend\n';
    await gh.addRepo({ owner: 'acme', repo: 'large', files: { 'big.txt': big } });
    const { data } = await octokit.rest.repos.getContent({ owner, repo: 'large', path: 'big.txt' });
    expect(data).toMatchObject({ type: 'file', size: big.length, content: '', encoding: 'none' });
    const raw = await octokit.rest.repos.getContent({ owner, repo: 'large', path: 'big.txt', mediaType: { format: 'raw' } });
    expect(raw.data).toBe(big);
  });

  test('the authenticated user and the installation repositories', async () => {
    const me = await octokit.rest.users.getAuthenticated();
    expect(me.data).toMatchObject({ login: 'factory-bot[bot]', type: 'Bot' });
    const repos = await octokit.rest.apps.listReposAccessibleToInstallation();
    expect(repos.data.repositories.map((r) => r.full_name)).toEqual(expect.arrayContaining(['acme/app', 'acme/secret']));
  });

  test('a caller-owned data dir keeps the bare repositories across restarts', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-data-'));
    try {
      const seed = { owner: 'keep', repo: 'me', files: { 'a.txt': 'one\n' } };
      const first = await startGitHubSandbox({ dataDir, repos: [seed] });
      await first.close();
      expect(fs.existsSync(first.gitRemotePath('keep', 'me'))).toBe(true);
      const second = await startGitHubSandbox({ dataDir, repos: [{ ...seed, files: { 'a.txt': 'two\n' } }] });
      try {
        const { data } = await sandboxOctokit(second).rest.repos.getContent({ owner: 'keep', repo: 'me', path: 'a.txt' });
        expect(Buffer.from((data as { content: string }).content, 'base64').toString('utf8')).toBe('one\n');
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('a request without credentials is rejected with 401', async () => {
    const res = await fetch(`${gh.url}/repos/${owner}/${repo}`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ message: 'Requires authentication' });
  });
});

describe('issues', () => {
  test('create, get, update and close round trip', async () => {
    const created = await octokit.rest.issues.create({ owner, repo, title: 'Login fails', body: 'Steps...', labels: ['type:bug'] });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      title: 'Login fails',
      state: 'open',
      user: { login: 'factory-bot[bot]', type: 'Bot' },
      author_association: 'NONE',
    });
    expect(created.data.labels).toEqual([expect.objectContaining({ name: 'type:bug', color: 'd73a4a' })]);
    expect(created.data.node_id).toMatch(/^I_kwDO/);

    const number = created.data.number;
    const updated = await octokit.rest.issues.update({
      owner,
      repo,
      issue_number: number,
      state: 'closed',
      state_reason: 'not_planned',
      title: 'Login fails on Safari',
    });
    expect(updated.data).toMatchObject({ state: 'closed', state_reason: 'not_planned', title: 'Login fails on Safari' });
    expect(updated.data.closed_at).not.toBeNull();

    const fetched = await octokit.rest.issues.get({ owner, repo, issue_number: number });
    expect(fetched.data.title).toBe('Login fails on Safari');
    expect(gh.state.findIssue('acme/app', number)).toMatchObject({ state: 'closed', stateReason: 'not_planned' });
    await expect(octokit.rest.issues.get({ owner, repo, issue_number: 9999 })).rejects.toMatchObject({ status: 404 });
  });

  test('list paginates with Link headers and filters by state, labels and since', async () => {
    await gh.addRepo({ owner, repo: 'busy' });
    for (let i = 1; i <= 65; i++) {
      gh.state.createIssue(owner, 'busy', {
        title: `Issue ${i}`,
        labels: i % 5 === 0 ? ['factory:ready', 'priority:p1'] : [],
        state: i > 60 ? 'closed' : 'open',
        createdAt: new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString(),
      });
    }
    const first = await octokit.rest.issues.listForRepo({ owner, repo: 'busy', per_page: 25 });
    expect(first.data).toHaveLength(25);
    expect(first.data[0]!.title).toBe('Issue 60'); // newest first, closed ones excluded
    expect(first.headers.link).toContain('rel="next"');
    expect(first.headers.link).toMatch(/page=3>; rel="last"/);

    const all = await octokit.paginate(octokit.rest.issues.listForRepo, { owner, repo: 'busy', per_page: 25 });
    expect(all).toHaveLength(60);
    expect(new Set(all.map((i) => i.number)).size).toBe(60);

    const everything = await octokit.paginate(octokit.rest.issues.listForRepo, { owner, repo: 'busy', state: 'all', per_page: 100 });
    expect(everything).toHaveLength(65);

    const labelled = await octokit.rest.issues.listForRepo({ owner, repo: 'busy', labels: 'factory:ready,priority:p1', state: 'all' });
    expect(labelled.data.map((i) => i.title).sort()).toEqual(Array.from({ length: 13 }, (_, k) => `Issue ${(k + 1) * 5}`).sort());

    const target = gh.state.issues.find((i) => i.repo === 'acme/busy' && i.number === 7)!;
    target.updatedAt = '2030-01-01T00:00:00Z';
    const recent = await octokit.rest.issues.listForRepo({ owner, repo: 'busy', since: '2029-01-01T00:00:00Z' });
    expect(recent.data.map((i) => i.number)).toEqual([7]);
  });

  test('repository lists link their pages as /repositories/{id}/..., and Octokit paginate follows them', async () => {
    await gh.addRepo({ owner, repo: 'byid', files: { 'README.md': '# byid\n' } });
    const id = gh.state.findRepo(owner, 'byid')!.id;
    const sha = 'a'.repeat(40);
    for (let i = 1; i <= 7; i++) gh.state.createIssue(owner, 'byid', { title: `Issue ${i}` });
    for (let i = 1; i <= 7; i++) gh.state.addComment(owner, 'byid', 1, { body: `comment ${i}` });
    for (let i = 1; i <= 4; i++) {
      gh.state.createPullRequest(owner, 'byid', { title: `PR ${i}`, head: `b${i}`, base: 'main', headSha: sha, baseSha: sha });
    }
    const first = await octokit.rest.issues.listForRepo({ owner, repo: 'byid', per_page: 3 });
    expect(first.headers.link).toBe(
      `<${gh.url}/repositories/${id}/issues?per_page=3&page=2>; rel="next", <${gh.url}/repositories/${id}/issues?per_page=3&page=4>; rel="last"`,
    );
    gh.resetRequests();
    const issues = await octokit.paginate(octokit.rest.issues.listForRepo, { owner, repo: 'byid', per_page: 3, state: 'all' });
    expect(issues).toHaveLength(11);
    const pulls = await octokit.paginate(octokit.rest.pulls.list, { owner, repo: 'byid', per_page: 3 });
    expect(pulls.map((p) => p.title).sort()).toEqual(['PR 1', 'PR 2', 'PR 3', 'PR 4']);
    const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo: 'byid', issue_number: 1, per_page: 3 });
    expect(comments.map((c) => c.body)).toEqual(Array.from({ length: 7 }, (_, k) => `comment ${k + 1}`));
    expect(gh.requests.map((r) => `${r.status} ${r.path}?${new URLSearchParams(r.query).toString()}`)).toEqual([
      `200 /repos/acme/byid/issues?per_page=3&state=all`,
      `200 /repositories/${id}/issues?per_page=3&state=all&page=2`,
      `200 /repositories/${id}/issues?per_page=3&state=all&page=3`,
      `200 /repositories/${id}/issues?per_page=3&state=all&page=4`,
      `200 /repos/acme/byid/pulls?per_page=3`,
      `200 /repositories/${id}/pulls?per_page=3&page=2`,
      `200 /repos/acme/byid/issues/1/comments?per_page=3`,
      `200 /repositories/${id}/issues/1/comments?per_page=3&page=2`,
      `200 /repositories/${id}/issues/1/comments?per_page=3&page=3`,
    ]);
    expect(gh.requests.filter((r) => r.path.startsWith('/repositories/')).map((r) => r.route)).toEqual([
      ...Array(3).fill('/repos/{owner}/{repo}/issues'),
      '/repos/{owner}/{repo}/pulls',
      ...Array(2).fill('/repos/{owner}/{repo}/issues/{issue_number}/comments'),
    ]);
  });

  test('every repository route answers by numeric id too; an unknown id is a 404', async () => {
    const { id } = gh.state.findRepo(owner, repo)!;
    const headers = { authorization: 'token x' };
    const byId = await fetch(`${gh.url}/repositories/${id}`, { headers });
    expect(((await byId.json()) as { full_name: string }).full_name).toBe('acme/app');
    const file = await fetch(`${gh.url}/repositories/${id}/contents/src/index.ts`, {
      headers: { ...headers, accept: 'application/vnd.github.raw' },
    });
    expect(await file.text()).toBe('export const answer = 42;\n');
    const created = await fetch(`${gh.url}/repositories/${id}/issues`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: 'by id' }),
    });
    expect(created.status).toBe(201);
    expect(gh.state.issues.some((i) => i.repo === 'acme/app' && i.title === 'by id')).toBe(true);
    const missing = await fetch(`${gh.url}/repositories/987654321/issues`, { headers });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ message: 'Not Found' });
  });

  test('comments: create, list, get and update', async () => {
    const issue = gh.state.createIssue(owner, repo, { title: 'Discuss', user: 'alice' });
    const created = await octokit.rest.issues.createComment({ owner, repo, issue_number: issue.number, body: 'first' });
    expect(created.status).toBe(201);
    await octokit.rest.issues.createComment({ owner, repo, issue_number: issue.number, body: 'second' });
    const updated = await octokit.rest.issues.updateComment({ owner, repo, comment_id: created.data.id, body: 'first, edited' });
    expect(updated.data.body).toBe('first, edited');
    const got = await octokit.rest.issues.getComment({ owner, repo, comment_id: created.data.id });
    expect(got.data).toMatchObject({ body: 'first, edited', issue_url: `${gh.url}/repos/acme/app/issues/${issue.number}` });
    const list = await octokit.rest.issues.listComments({ owner, repo, issue_number: issue.number });
    expect(list.data.map((c) => c.body)).toEqual(['first, edited', 'second']);
    const again = await octokit.rest.issues.get({ owner, repo, issue_number: issue.number });
    expect(again.data.comments).toBe(2);
  });

  test('author association comes from the state: owner, configured users, NONE by default', async () => {
    gh.state.setAssociation('maria', 'MEMBER');
    gh.state.setAssociation('drive-by', 'CONTRIBUTOR', 'acme/app');
    const byOwner = gh.state.createIssue(owner, repo, { title: 'a', user: 'acme' });
    const byMember = gh.state.createIssue(owner, repo, { title: 'b', user: 'maria' });
    const byContributor = gh.state.createIssue(owner, repo, { title: 'c', user: 'drive-by' });
    const byStranger = gh.state.createIssue(owner, repo, { title: 'd', user: 'stranger' });
    const fixed = gh.state.createIssue(owner, repo, { title: 'e', user: 'stranger', authorAssociation: 'FIRST_TIME_CONTRIBUTOR' });
    const assoc = async (n: number): Promise<string> =>
      (await octokit.rest.issues.get({ owner, repo, issue_number: n })).data.author_association!;
    expect(await assoc(byOwner.number)).toBe('OWNER');
    expect(await assoc(byMember.number)).toBe('MEMBER');
    expect(await assoc(byContributor.number)).toBe('CONTRIBUTOR');
    expect(await assoc(byStranger.number)).toBe('NONE');
    expect(await assoc(fixed.number)).toBe('FIRST_TIME_CONTRIBUTOR');
  });
});

describe('labels', () => {
  test('repository labels: list, create, duplicate 422, rename carries issues along', async () => {
    const list = await octokit.rest.issues.listLabelsForRepo({ owner, repo });
    expect(list.data.map((l) => l.name)).toEqual(expect.arrayContaining(['type:bug', 'factory:ready']));
    const created = await octokit.rest.issues.createLabel({ owner, repo, name: 'risk:low', color: 'c2e0c6', description: 'Low risk' });
    expect(created.status).toBe(201);
    await expect(octokit.rest.issues.createLabel({ owner, repo, name: 'RISK:LOW', color: 'c2e0c6' })).rejects.toMatchObject({
      status: 422,
    });

    const issue = gh.state.createIssue(owner, repo, { title: 'labelled', labels: ['risk:low'] });
    const renamed = await octokit.rest.issues.updateLabel({ owner, repo, name: 'risk:low', new_name: 'risk:minor', color: '00ff00' });
    expect(renamed.data).toMatchObject({ name: 'risk:minor', color: '00ff00', description: 'Low risk' });
    expect(gh.state.findIssue('acme/app', issue.number)!.labels).toEqual(['risk:minor']);
    const got = await octokit.rest.issues.getLabel({ owner, repo, name: 'risk:minor' });
    expect(got.data.id).toBe(created.data.id);
  });

  test('add and remove on an issue; removing a missing label is a 404', async () => {
    const issue = gh.state.createIssue(owner, repo, { title: 'triage me' });
    const added = await octokit.rest.issues.addLabels({ owner, repo, issue_number: issue.number, labels: ['factory:ready', 'brand-new'] });
    expect(added.data.map((l) => l.name)).toEqual(['factory:ready', 'brand-new']);
    expect(gh.state.findLabel('acme/app', 'brand-new')).toMatchObject({ color: 'ededed' });
    const removed = await octokit.rest.issues.removeLabel({ owner, repo, issue_number: issue.number, name: 'factory:ready' });
    expect(removed.data.map((l) => l.name)).toEqual(['brand-new']);
    await expect(octokit.rest.issues.removeLabel({ owner, repo, issue_number: issue.number, name: 'factory:ready' })).rejects.toMatchObject(
      {
        status: 404,
        message: expect.stringContaining('Label does not exist'),
      },
    );
  });
});

describe('search', () => {
  test('query parser understands the qualifiers we use', () => {
    expect(parseSearchQuery('repo:acme/app is:issue is:open label:"factory:ready" -label:wip crash in:title author:bob')).toEqual({
      repos: ['acme/app'],
      type: 'issue',
      state: 'open',
      labels: ['factory:ready'],
      excludedLabels: ['wip'],
      noLabel: false,
      author: 'bob',
      in: ['title'],
      terms: ['crash'],
    });
    expect(parseSearchQuery('"exact phrase" is:pr is:closed no:label')).toMatchObject({
      type: 'pr',
      state: 'closed',
      noLabel: true,
      terms: ['exact phrase'],
    });
  });

  test('search issues filters by repo, type, state, labels and free text', async () => {
    await gh.addRepo({ owner, repo: 'search' });
    const hit = gh.state.createIssue(owner, 'search', { title: 'Checkout crash on submit', labels: ['factory:ready'] });
    gh.state.createIssue(owner, 'search', { title: 'Checkout crash duplicate', labels: ['factory:ready'], state: 'closed' });
    gh.state.createIssue(owner, 'search', { title: 'Unrelated', body: 'mentions crash in body', labels: ['factory:ready'] });
    gh.state.createIssue(owner, 'search', { title: 'crash without label' });
    const { data } = await octokit.rest.search.issuesAndPullRequests({
      q: 'repo:acme/search is:issue is:open label:"factory:ready" crash in:title',
    });
    expect(data).toMatchObject({ total_count: 1, incomplete_results: false });
    expect(data.items.map((i) => i.number)).toEqual([hit.number]);
    const body = await octokit.rest.search.issuesAndPullRequests({ q: 'repo:acme/search crash is:open' });
    expect(body.data.total_count).toBe(3);
  });
});

describe('sub-issues and reactions', () => {
  test('sub-issues are added by REST id and listed; a second parent is refused', async () => {
    const parent = gh.state.createIssue(owner, repo, { title: 'Epic' });
    const other = gh.state.createIssue(owner, repo, { title: 'Other epic' });
    const child = gh.state.createIssue(owner, repo, { title: 'Part 1' });
    const added = await octokit.rest.issues.addSubIssue({ owner, repo, issue_number: parent.number, sub_issue_id: child.id });
    expect(added.status).toBe(201);
    const list = await octokit.rest.issues.listSubIssues({ owner, repo, issue_number: parent.number });
    expect(list.data.map((i) => i.number)).toEqual([child.number]);
    await expect(
      octokit.rest.issues.addSubIssue({ owner, repo, issue_number: other.number, sub_issue_id: child.id }),
    ).rejects.toMatchObject({ status: 422 });
    expect(gh.state.subIssues).toContainEqual({ repo: 'acme/app', parentNumber: parent.number, childId: child.id });
  });

  test('reactions: 201 when new, 200 when the same reaction exists', async () => {
    const issue = gh.state.createIssue(owner, repo, { title: 'react' });
    const comment = gh.state.addComment(owner, repo, issue.number, { body: '@factory fix', user: 'acme' });
    const first = await octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: comment.id, content: 'eyes' });
    const second = await octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: comment.id, content: 'eyes' });
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.data.id).toBe(first.data.id);
    const onIssue = await octokit.rest.reactions.createForIssue({ owner, repo, issue_number: issue.number, content: 'rocket' });
    expect(onIssue.status).toBe(201);
    const fetched = await octokit.rest.issues.getComment({ owner, repo, comment_id: comment.id });
    expect(fetched.data.reactions).toMatchObject({ total_count: 1, eyes: 1 });
    await expect(octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: 424242, content: 'eyes' })).rejects.toMatchObject({
      status: 404,
    });
  });
});

describe('recording and snapshots', () => {
  test('reads leave the snapshot unchanged, writes do not; every request is recorded', async () => {
    const before = gh.state.snapshot();
    gh.resetRequests();
    await octokit.rest.issues.listForRepo({ owner, repo });
    await octokit.rest.repos.get({ owner, repo });
    expect(gh.state.snapshot()).toEqual(before);
    expect(gh.requests.map((r) => [r.method, r.route, r.operationId, r.status])).toEqual([
      ['GET', '/repos/{owner}/{repo}/issues', 'issues/list-for-repo', 200],
      ['GET', '/repos/{owner}/{repo}', 'repos/get', 200],
    ]);
    expect(gh.requests[0]!.query).toEqual({});

    const issue = await octokit.rest.issues.create({ owner, repo, title: 'a write' });
    expect(gh.state.snapshot()).not.toEqual(before);
    // The snapshot is a deep copy: mutating it does not touch the store.
    const snap = gh.state.snapshot();
    snap.issues.find((i) => i.number === issue.data.number)!.title = 'changed';
    expect(gh.state.findIssue('acme/app', issue.data.number)!.title).toBe('a write');
  });
});
