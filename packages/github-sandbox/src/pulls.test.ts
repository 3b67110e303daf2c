import { runGit } from './git';
import { type GitHubSandbox, startGitHubSandbox } from './index';
import { pushBranch, sandboxGraphql, sandboxOctokit, type SandboxOctokitInstance } from './testkit';
import { webhookProblems } from './webhook-schemas';

const owner = 'acme';
const repo = 'shop';
let gh: GitHubSandbox;
let octokit: SandboxOctokitInstance;
let gql: ReturnType<typeof sandboxGraphql>;

const files = {
  'README.md': '# shop\n',
  'src/cart.ts': [
    'export function total(items: number[]): number {',
    '  let sum = 0;',
    '  for (const i of items) sum += i;',
    '  return sum;',
    '}',
    '',
  ].join('\n'),
  'src/old.ts': 'export const old = true;\n',
};

beforeAll(async () => {
  gh = await startGitHubSandbox({ repos: [{ owner, repo, files, allowAutoMerge: true }] });
  octokit = sandboxOctokit(gh);
  gql = sandboxGraphql(gh);
});

afterAll(async () => {
  // Every event the suite's changes emitted is what GitHub's webhook schemas describe.
  expect(webhookProblems(gh.events)).toEqual([]);
  await gh.close();
});

afterEach(() => {
  expect(gh.violations.splice(0)).toEqual([]);
});

const THREADS = `query($owner: String!, $name: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      id
      headRefOid
      reviewThreads(first: 100, after: $after) {
        nodes { id isResolved isOutdated path line comments(first: 50) { nodes { id databaseId body author { login } authorAssociation createdAt url } } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
}`;

interface ThreadsResult {
  repository: {
    pullRequest: {
      id: string;
      headRefOid: string;
      reviewThreads: {
        nodes: {
          id: string;
          isResolved: boolean;
          path: string;
          line: number;
          comments: { nodes: { body: string; author: { login: string }; databaseId: number }[] };
        }[];
      };
    };
  };
}

async function openPr(
  branch: string,
  change: Record<string, string | null>,
  user?: string,
  base = 'main',
): Promise<{ number: number; sha: string }> {
  const sha = await pushBranch(gh, owner, repo, { branch, files: change, message: `Change on ${branch}` });
  const created = await octokit.rest.pulls.create({ owner, repo, title: `PR ${branch}`, head: branch, base, body: 'Fixes #1' });
  if (user) gh.state.findIssue('acme/shop', created.data.number)!.user = user;
  return { number: created.data.number, sha };
}

test('creating a PR needs the head branch to exist in the bare repository', async () => {
  await expect(octokit.rest.pulls.create({ owner, repo, title: 'x', head: 'not-pushed', base: 'main' })).rejects.toMatchObject({
    status: 422,
  });
  expect(gh.state.pulls).toHaveLength(0);
});

test('a pushed branch becomes a PR whose files and diff are computed by git', async () => {
  const { number, sha } = await openPr('feature/discount', {
    'src/cart.ts': files['src/cart.ts']
      .replace('  let sum = 0;', '  let sum = 0; // running total')
      .replace('  return sum;', '  return Math.round(sum);'),
    'src/discount.ts': 'export const rate = 0.1;\n',
    'src/old.ts': null,
  });
  const pr = await octokit.rest.pulls.get({ owner, repo, pull_number: number });
  expect(pr.data).toMatchObject({
    head: { ref: 'feature/discount', sha },
    base: { ref: 'main' },
    state: 'open',
    merged: false,
    changed_files: 3,
    commits: 1,
  });
  expect(pr.data.node_id).toMatch(/^PR_kwDO/);

  const changed = await octokit.rest.pulls.listFiles({ owner, repo, pull_number: number });
  const byName = Object.fromEntries(changed.data.map((f) => [f.filename, f]));
  expect(byName['src/discount.ts']).toMatchObject({ status: 'added', additions: 1, deletions: 0 });
  expect(byName['src/old.ts']).toMatchObject({ status: 'removed', deletions: 1 });
  expect(byName['src/cart.ts']).toMatchObject({ status: 'modified', additions: 2, deletions: 2, changes: 4 });
  expect(byName['src/cart.ts']!.patch).toMatch(/^@@ -1,5 \+1,5 @@/);

  const diff = await octokit.rest.pulls.get({ owner, repo, pull_number: number, mediaType: { format: 'diff' } });
  const text = diff.data as unknown as string;
  expect(text).toContain('diff --git a/src/discount.ts b/src/discount.ts');
  expect(text).toContain('+  return Math.round(sum);');

  // PRs show up in the issues list with the pull_request key, as on GitHub.
  const issues = await octokit.rest.issues.listForRepo({ owner, repo });
  expect(issues.data.find((i) => i.number === number)!.pull_request).toMatchObject({ url: `${gh.url}/repos/acme/shop/pulls/${number}` });

  // Another push moves the head sha.
  const next = await pushBranch(gh, owner, repo, {
    branch: 'feature/discount',
    files: { 'src/discount.ts': 'export const rate = 0.2;\n' },
  });
  const again = await octokit.rest.pulls.get({ owner, repo, pull_number: number });
  expect(again.data.head.sha).toBe(next);
  expect(again.data.commits).toBe(2);
  const listed = await octokit.rest.pulls.list({ owner, repo, head: 'acme:feature/discount' });
  expect(listed.data.map((p) => [p.number, p.head.sha])).toEqual([[number, next]]);
});

test('a review with inline comments creates threads visible through GraphQL; reply and resolve', async () => {
  const { number } = await openPr(
    'fix/rounding',
    { 'src/cart.ts': files['src/cart.ts'].replace('  return sum;', '  return Number(sum.toFixed(2));') },
    'dev-alice',
  );
  await expect(
    octokit.rest.pulls.createReview({
      owner,
      repo,
      pull_number: number,
      event: 'COMMENT',
      body: 'x',
      comments: [{ path: 'src/cart.ts', line: 99, body: 'off the diff' }],
    }),
  ).rejects.toMatchObject({ status: 422, message: expect.stringContaining('line must be part of the diff') });
  expect(gh.state.reviews).toHaveLength(0);

  const review = await octokit.rest.pulls.createReview({
    owner,
    repo,
    pull_number: number,
    event: 'REQUEST_CHANGES',
    body: 'Two problems',
    comments: [
      { path: 'src/cart.ts', line: 4, side: 'RIGHT', body: 'toFixed returns a string' },
      { path: 'src/cart.ts', line: 2, body: 'context lines can be commented too' },
    ],
  });
  expect(review.data).toMatchObject({ state: 'CHANGES_REQUESTED', user: { login: 'factory-bot[bot]' } });
  const comments = await octokit.rest.pulls.listReviewComments({ owner, repo, pull_number: number });
  expect(comments.data.map((c) => [c.path, c.line, c.pull_request_review_id])).toEqual([
    ['src/cart.ts', 4, review.data.id],
    ['src/cart.ts', 2, review.data.id],
  ]);
  expect(comments.data[0]!.diff_hunk).toMatch(/^@@ .*\n[\s\S]*\+ {2}return Number\(sum.toFixed\(2\)\);$/);

  const read = async (): Promise<ThreadsResult> => gql<ThreadsResult>(THREADS, { owner, name: repo, number });
  const threads = (await read()).repository.pullRequest.reviewThreads.nodes;
  expect(threads).toHaveLength(2);
  expect(threads[0]).toMatchObject({ isResolved: false, path: 'src/cart.ts', line: 4 });
  expect(threads[0]!.id).toMatch(/^PRRT_kwDO/);
  expect(threads[0]!.comments.nodes[0]).toMatchObject({ body: 'toFixed returns a string', author: { login: 'factory-bot' } });

  const reply = await gql<{ addPullRequestReviewThreadReply: { comment: { body: string; databaseId: number } } }>(
    `mutation($id: ID!, $body: String!) { addPullRequestReviewThreadReply(input: { pullRequestReviewThreadId: $id, body: $body }) { comment { body databaseId } } }`,
    { id: threads[0]!.id, body: 'Fixed in the next commit' },
  );
  expect(reply.addPullRequestReviewThreadReply.comment.body).toBe('Fixed in the next commit');
  await gql(`mutation($id: ID!) { resolveReviewThread(input: { threadId: $id }) { thread { isResolved } } }`, { id: threads[0]!.id });

  const after = (await read()).repository.pullRequest.reviewThreads.nodes;
  expect(after[0]!.isResolved).toBe(true);
  expect(after[1]!.isResolved).toBe(false);
  expect(after[0]!.comments.nodes.map((c) => c.body)).toEqual(['toFixed returns a string', 'Fixed in the next commit']);
  const restReply = await octokit.rest.pulls.getReviewComment({
    owner,
    repo,
    comment_id: reply.addPullRequestReviewThreadReply.comment.databaseId,
  });
  expect(restReply.data.in_reply_to_id).toBe(comments.data[0]!.id);
  expect(gh.state.threads.find((t) => t.id === threads[0]!.id)).toMatchObject({ isResolved: true, resolvedBy: 'factory-bot[bot]' });

  await expect(gql(`mutation { resolveReviewThread(input: { threadId: "PRRT_kwDOnope" }) { thread { id } } }`)).rejects.toMatchObject({
    errors: [expect.objectContaining({ type: 'NOT_FOUND' })],
  });
});

test('reviews follow GitHub rules: no approving your own PR; approval by someone else works', async () => {
  const mine = await openPr('chore/own', { 'README.md': '# shop!\n' });
  await expect(octokit.rest.pulls.createReview({ owner, repo, pull_number: mine.number, event: 'APPROVE' })).rejects.toMatchObject({
    status: 422,
  });
  const theirs = await openPr('chore/theirs', { 'README.md': '# shop?\n' }, 'dev-bob');
  const ok = await octokit.rest.pulls.createReview({ owner, repo, pull_number: theirs.number, event: 'APPROVE' });
  expect(ok.data.state).toBe('APPROVED');
  const list = await octokit.rest.pulls.listReviews({ owner, repo, pull_number: theirs.number });
  expect(list.data.map((r) => r.state)).toEqual(['APPROVED']);
  const requested = await octokit.rest.pulls.requestReviewers({ owner, repo, pull_number: theirs.number, reviewers: ['carol'] });
  expect(requested.status).toBe(201);
  expect(requested.data.requested_reviewers?.map((u) => u.login)).toEqual(['carol']);
});

test('auto-merge is recorded from the GraphQL mutation', async () => {
  // Auto-merge waits for branch rules: a branch `release` that requires a check, as its base.
  await pushBranch(gh, owner, repo, { branch: 'release', files: { 'RELEASE.md': 'v1\n' } });
  gh.state.protectBranch(owner, repo, { branch: 'release', requiredChecks: ['build'] });
  const { number } = await openPr('feat/auto', { 'src/auto.ts': 'export {};\n' }, undefined, 'release');
  const pr = await octokit.rest.pulls.get({ owner, repo, pull_number: number });
  const result = await gql<{ enablePullRequestAutoMerge: { pullRequest: { autoMergeRequest: { mergeMethod: string } } } }>(
    `mutation($id: ID!) { enablePullRequestAutoMerge(input: { pullRequestId: $id, mergeMethod: SQUASH }) { pullRequest { autoMergeRequest { mergeMethod } } } }`,
    { id: pr.data.node_id },
  );
  expect(result.enablePullRequestAutoMerge.pullRequest.autoMergeRequest.mergeMethod).toBe('SQUASH');
  const again = await octokit.rest.pulls.get({ owner, repo, pull_number: number });
  expect(again.data.auto_merge).toMatchObject({ merge_method: 'squash', enabled_by: { login: 'factory-bot[bot]' } });
});

test('update-branch really merges the base into the head; a conflict is a 422', async () => {
  const clean = await openPr('feat/behind', { 'src/feature.ts': 'export const f = 1;\n' });
  const conflicting = await openPr('feat/conflict', { 'README.md': '# shop (branch)\n' });
  await expect(octokit.rest.pulls.updateBranch({ owner, repo, pull_number: clean.number })).rejects.toMatchObject({ status: 422 });

  const mainSha = await pushBranch(gh, owner, repo, { branch: 'main', files: { 'README.md': '# shop (main)\n' } });
  const res = await octokit.rest.pulls.updateBranch({ owner, repo, pull_number: clean.number, expected_head_sha: clean.sha });
  expect(res.status).toBe(202);
  const pr = await octokit.rest.pulls.get({ owner, repo, pull_number: clean.number });
  expect(pr.data.head.sha).not.toBe(clean.sha);
  const ancestor = await runGit(['merge-base', '--is-ancestor', mainSha, 'refs/heads/feat/behind'], { cwd: gh.gitRemotePath(owner, repo) });
  expect(ancestor.code).toBe(0);

  await expect(octokit.rest.pulls.updateBranch({ owner, repo, pull_number: conflicting.number })).rejects.toMatchObject({ status: 422 });
  const untouched = await octokit.rest.pulls.get({ owner, repo, pull_number: conflicting.number });
  expect(untouched.data.head.sha).toBe(conflicting.sha);
});

test('merging a PR merges it into the base branch and closes it', async () => {
  const { number } = await openPr('feat/merge-me', { 'src/merged.ts': 'export const merged = true;\n' });
  const merged = await octokit.rest.pulls.merge({ owner, repo, pull_number: number, merge_method: 'squash' });
  expect(merged.data.merged).toBe(true);
  const content = await octokit.rest.repos.getContent({ owner, repo, path: 'src/merged.ts' });
  expect(Buffer.from((content.data as { content: string }).content, 'base64').toString('utf8')).toBe('export const merged = true;\n');
  const pr = await octokit.rest.pulls.get({ owner, repo, pull_number: number });
  expect(pr.data).toMatchObject({ merged: true, state: 'closed' });
  await expect(octokit.rest.pulls.merge({ owner, repo, pull_number: number })).rejects.toMatchObject({ status: 405 });
});

test('update, close and reopen a PR; reply to and react on review comments over REST', async () => {
  const { number } = await openPr('feat/edit', { 'src/edit.ts': 'export const edit = 1;\n' }, 'dev-dana');
  const edited = await octokit.rest.pulls.update({ owner, repo, pull_number: number, title: 'Edited title', body: 'New body' });
  expect(edited.data).toMatchObject({ title: 'Edited title', body: 'New body' });
  const closed = await octokit.rest.pulls.update({ owner, repo, pull_number: number, state: 'closed' });
  expect(closed.data.state).toBe('closed');
  expect((await octokit.rest.pulls.list({ owner, repo, state: 'closed' })).data.map((p) => p.number)).toContain(number);
  await octokit.rest.pulls.update({ owner, repo, pull_number: number, state: 'open' });

  await octokit.rest.pulls.createReview({
    owner,
    repo,
    pull_number: number,
    event: 'COMMENT',
    comments: [{ path: 'src/edit.ts', line: 1, body: 'why 1?' }],
  });
  const [root] = (await octokit.rest.pulls.listReviewComments({ owner, repo, pull_number: number })).data;
  const reply = await octokit.rest.pulls.createReplyForReviewComment({
    owner,
    repo,
    pull_number: number,
    comment_id: root!.id,
    body: 'because',
  });
  expect(reply.data).toMatchObject({ in_reply_to_id: root!.id, path: 'src/edit.ts', line: 1 });
  const reaction = await octokit.rest.reactions.createForPullRequestReviewComment({ owner, repo, comment_id: root!.id, content: '+1' });
  expect(reaction.status).toBe(201);
  expect(gh.state.threads.filter((t) => t.pullNumber === number)).toEqual([
    expect.objectContaining({ commentIds: [root!.id, reply.data.id] }),
  ]);

  const labels = await octokit.rest.issues.setLabels({ owner, repo, issue_number: number, labels: ['factory:reviewing'] });
  expect(labels.data.map((l) => l.name)).toEqual(['factory:reviewing']);
  const comment = await octokit.rest.issues.createComment({ owner, repo, issue_number: number, body: 'summary' });
  expect((await octokit.rest.issues.deleteComment({ owner, repo, comment_id: comment.data.id })).status).toBe(204);
  expect(gh.state.comments.find((c) => c.id === comment.data.id)).toBeUndefined();
});
