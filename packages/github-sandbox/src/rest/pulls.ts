/** Pull requests, their files and diff (computed by git), reviews, review comments, merging. */
import { commentableLines, diffHunkFor } from '../git';
import { mergePull, ruleRefusal } from '../merge';
import { MERGE_QUEUE_REQUIRED, requiresMergeQueue, settleMerges } from '../merge-queue';
import { bodyObject, HttpError, notFound, paginate, repoOf, type RestContext, type RouteDef, validationFailed } from '../http';
import type { PullRecord, RepoRecord, ReviewState } from '../state';

const R = '/repos/{owner}/{repo}';

/** Refresh head/base shas of these PRs from the bare repository (a push moves them). */
export async function refreshPulls(ctx: RestContext, repo: RepoRecord, pulls: PullRecord[]): Promise<void> {
  if (pulls.length === 0) return;
  const branches = await ctx.git.branches(repo.owner, repo.name);
  for (const pull of pulls) {
    if (pull.merged) continue;
    const head = branches.get(pull.headRef);
    const base = branches.get(pull.baseRef);
    if (head) pull.headSha = head;
    if (base) pull.baseSha = base;
  }
}

async function pullOf(ctx: RestContext): Promise<{ repo: RepoRecord; pull: PullRecord }> {
  const repo = repoOf(ctx);
  const pull = ctx.state.findPull(repo.fullName, Number(ctx.params.pull_number));
  if (!pull) throw notFound();
  await refreshPulls(ctx, repo, [pull]);
  return { repo, pull };
}

async function fullPull(ctx: RestContext, repo: RepoRecord, pull: PullRecord): Promise<Record<string, unknown>> {
  const files = await ctx.git.changedFiles(repo.owner, repo.name, pull.baseSha, pull.headSha);
  const commits = await ctx.git.aheadCount(repo.owner, repo.name, pull.baseSha, pull.headSha);
  const open = !pull.merged && ctx.state.findIssue(repo.fullName, pull.number)?.state === 'open';
  return ctx.render.pull(pull, {
    additions: files.reduce((n, f) => n + f.additions, 0),
    deletions: files.reduce((n, f) => n + f.deletions, 0),
    changedFiles: files.length,
    commits,
    ...(open ? { mergeability: await ctx.git.mergeability(repo.owner, repo.name, pull.baseSha, pull.headSha) } : {}),
  });
}

function branchName(value: unknown, repo: RepoRecord): string {
  const text = String(value ?? '');
  const colon = text.indexOf(':');
  if (colon < 0) return text;
  return text.slice(0, colon).toLowerCase() === repo.owner.toLowerCase() ? text.slice(colon + 1) : text;
}

/** GitHub's words for an inline comment that does not sit on the diff (reviews join them with "and"). */
const LINE_OUTSIDE = 'Pull request review thread line must be part of the diff';
const PATH_INVALID = 'Pull request review thread path is invalid';
const HUNK_BLANK = "Pull request review thread diff hunk can't be blank";

const EVENTS: Record<string, ReviewState> = { APPROVE: 'APPROVED', REQUEST_CHANGES: 'CHANGES_REQUESTED', COMMENT: 'COMMENTED' };

/** RIGHT-side line for a legacy diff `position` (1 = first line after the first hunk header). */
function lineForPosition(patch: string, position: number): { line: number; side: 'LEFT' | 'RIGHT' } | undefined {
  const lines = patch.split('\n');
  let oldLine = 0;
  let newLine = 0;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    const hunk = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
    if (hunk) {
      oldLine = Number(hunk[1]);
      newLine = Number(hunk[2]);
      if (i === position) return undefined;
      continue;
    }
    const here = text.startsWith('-')
      ? { line: oldLine++, side: 'LEFT' as const }
      : text.startsWith('+')
        ? { line: newLine++, side: 'RIGHT' as const }
        : { line: (oldLine++, newLine++), side: 'RIGHT' as const };
    if (i === position) return here;
  }
  return undefined;
}

export const pullRoutes: RouteDef[] = [
  {
    method: 'GET',
    route: `${R}/pulls`,
    handler: async (ctx) => {
      const repo = repoOf(ctx);
      const state = ctx.query.state ?? 'open';
      const head = ctx.query.head !== undefined ? branchName(ctx.query.head, repo) : undefined;
      const list = ctx.state.pulls.filter((p) => {
        const issue = ctx.state.findIssue(p.repo, p.number)!;
        return (
          p.repo === repo.fullName &&
          (state === 'all' || issue.state === state) &&
          (head === undefined || p.headRef === head) &&
          (ctx.query.base === undefined || p.baseRef === ctx.query.base)
        );
      });
      const sign = ctx.query.direction === 'asc' || (ctx.query.direction === undefined && ctx.query.sort === 'long-running') ? 1 : -1;
      const key = (p: PullRecord): string => {
        const issue = ctx.state.findIssue(p.repo, p.number)!;
        return ctx.query.sort === 'updated' ? issue.updatedAt : issue.createdAt;
      };
      list.sort((a, b) => (key(a) < key(b) ? -sign : key(a) > key(b) ? sign : sign * (a.number - b.number)));
      const page = paginate(ctx, list);
      await refreshPulls(ctx, repo, page.items);
      return { status: 200, body: page.items.map((p) => ctx.render.pullSimple(p)), headers: page.headers };
    },
  },
  {
    method: 'POST',
    route: `${R}/pulls`,
    handler: async (ctx) => {
      const repo = repoOf(ctx);
      const body = bodyObject(ctx);
      const head = branchName(body.head, repo);
      const base = String(body.base ?? '');
      const branches = await ctx.git.branches(repo.owner, repo.name);
      const headSha = branches.get(head);
      const baseSha = branches.get(base);
      if (!baseSha) throw validationFailed('Validation Failed', { resource: 'PullRequest', field: 'base', code: 'invalid' });
      if (!headSha) throw validationFailed('Validation Failed', { resource: 'PullRequest', field: 'head', code: 'invalid' });
      const open = ctx.state.pulls.find(
        (p) =>
          p.repo === repo.fullName && p.headRef === head && p.baseRef === base && ctx.state.findIssue(p.repo, p.number)?.state === 'open',
      );
      if (open) {
        throw validationFailed('Validation Failed', {
          resource: 'PullRequest',
          code: 'custom',
          message: `A pull request already exists for ${repo.owner}:${head}.`,
        });
      }
      if ((await ctx.git.aheadCount(repo.owner, repo.name, baseSha, headSha)) === 0) {
        throw validationFailed('Validation Failed', {
          resource: 'PullRequest',
          code: 'custom',
          message: `No commits between ${base} and ${head}`,
        });
      }
      if (typeof body.title !== 'string' || body.title === '') {
        throw validationFailed('Validation Failed', { resource: 'PullRequest', field: 'title', code: 'missing_field' });
      }
      const { pull } = ctx.state.createPullRequest(repo.owner, repo.name, {
        title: body.title,
        body: typeof body.body === 'string' ? body.body : null,
        head,
        base,
        headSha,
        baseSha,
        draft: body.draft === true,
        user: ctx.viewer,
        maintainerCanModify: body.maintainer_can_modify === true,
      });
      return {
        status: 201,
        body: await fullPull(ctx, repo, pull),
        headers: { location: `${ctx.api}/repos/${repo.fullName}/pulls/${pull.number}` },
      };
    },
  },
  {
    method: 'GET',
    route: `${R}/pulls/{pull_number}`,
    handler: async (ctx) => {
      const { repo, pull } = await pullOf(ctx);
      const accept = String(ctx.headers.accept ?? '');
      if (/vnd\.github(\.v3)?\.diff/.test(accept)) {
        return {
          status: 200,
          text: await ctx.git.diff(repo.owner, repo.name, pull.baseSha, pull.headSha),
          contentType: 'text/plain; charset=utf-8',
        };
      }
      return { status: 200, body: await fullPull(ctx, repo, pull) };
    },
  },
  {
    method: 'PATCH',
    route: `${R}/pulls/{pull_number}`,
    handler: async (ctx) => {
      const { repo, pull } = await pullOf(ctx);
      const issue = ctx.state.findIssue(repo.fullName, pull.number)!;
      const body = bodyObject(ctx);
      if (typeof body.title === 'string') issue.title = body.title;
      if (typeof body.body === 'string') issue.body = body.body;
      if (typeof body.base === 'string') {
        const branches = await ctx.git.branches(repo.owner, repo.name);
        if (!branches.has(body.base))
          throw validationFailed('Validation Failed', { resource: 'PullRequest', field: 'base', code: 'invalid' });
        pull.baseRef = body.base;
        pull.baseSha = branches.get(body.base)!;
      }
      if (typeof body.maintainer_can_modify === 'boolean') pull.maintainerCanModify = body.maintainer_can_modify;
      if (body.state === 'closed' && issue.state === 'open') {
        issue.state = 'closed';
        issue.closedAt = ctx.state.now();
      } else if (body.state === 'open' && issue.state === 'closed') {
        if (pull.merged) throw validationFailed('Validation Failed', { resource: 'PullRequest', field: 'state', code: 'invalid' });
        issue.state = 'open';
        issue.closedAt = null;
      }
      issue.updatedAt = ctx.state.now();
      return { status: 200, body: await fullPull(ctx, repo, pull) };
    },
  },
  {
    method: 'GET',
    route: `${R}/pulls/{pull_number}/files`,
    handler: async (ctx) => {
      const { repo, pull } = await pullOf(ctx);
      const files = await ctx.git.changedFiles(repo.owner, repo.name, pull.baseSha, pull.headSha);
      const page = paginate(ctx, files);
      const body = page.items.map((f) => ({
        sha: f.sha,
        filename: f.filename,
        status: f.status,
        additions: f.additions,
        deletions: f.deletions,
        changes: f.additions + f.deletions,
        blob_url: `https://github.com/${repo.fullName}/blob/${pull.headSha}/${encodeURI(f.filename)}`,
        raw_url: `https://github.com/${repo.fullName}/raw/${pull.headSha}/${encodeURI(f.filename)}`,
        contents_url: `${ctx.api}/repos/${repo.fullName}/contents/${encodeURI(f.filename)}?ref=${pull.headSha}`,
        ...(f.patch !== undefined ? { patch: f.patch } : {}),
        ...(f.previousFilename ? { previous_filename: f.previousFilename } : {}),
      }));
      return { status: 200, body, headers: page.headers };
    },
  },
  // ---- reviews
  {
    method: 'GET',
    route: `${R}/pulls/{pull_number}/reviews`,
    handler: async (ctx) => {
      const { pull } = await pullOf(ctx);
      const page = paginate(
        ctx,
        ctx.state.reviews.filter((r) => r.repo === pull.repo && r.pullNumber === pull.number),
      );
      return { status: 200, body: page.items.map((r) => ctx.render.review(r)), headers: page.headers };
    },
  },
  {
    method: 'POST',
    route: `${R}/pulls/{pull_number}/reviews`,
    handler: async (ctx) => {
      const { repo, pull } = await pullOf(ctx);
      const issue = ctx.state.findIssue(repo.fullName, pull.number)!;
      const body = bodyObject(ctx);
      const event = typeof body.event === 'string' ? body.event : undefined;
      const state: ReviewState = event ? (EVENTS[event] ?? 'PENDING') : 'PENDING';
      const text = typeof body.body === 'string' ? body.body : '';
      const comments = Array.isArray(body.comments) ? (body.comments as Record<string, unknown>[]) : [];
      const fail = (message: string): never => {
        throw new HttpError(422, 'Unprocessable Entity', { errors: [message] });
      };
      if (issue.state === 'closed' && state !== 'COMMENTED') fail('Can not approve or request changes on a closed pull request');
      if (issue.user === ctx.viewer && state === 'APPROVED') fail('Can not approve your own pull request');
      if (issue.user === ctx.viewer && state === 'CHANGES_REQUESTED') fail('Can not request changes on your own pull request');
      if ((state === 'CHANGES_REQUESTED' || state === 'COMMENTED') && text === '' && comments.length === 0) fail('Review body is required');
      const files = comments.length ? await ctx.git.changedFiles(repo.owner, repo.name, pull.baseSha, pull.headSha) : [];
      const placed = comments.map((c) => {
        const file = files.find((f) => f.filename === c.path);
        if (!file || file.patch === undefined) return fail(`${PATH_INVALID} and ${HUNK_BLANK}`);
        let line = typeof c.line === 'number' ? c.line : undefined;
        let side: 'LEFT' | 'RIGHT' = c.side === 'LEFT' ? 'LEFT' : 'RIGHT';
        if (line === undefined && typeof c.position === 'number') {
          const at = lineForPosition(file.patch, c.position);
          if (!at) return fail('Position could not be resolved');
          ({ line, side } = at);
        }
        if (line === undefined || !commentableLines(file.patch)[side].has(line)) return fail(`${LINE_OUTSIDE} and ${HUNK_BLANK}`);
        return { path: file.filename, line, side, body: String(c.body ?? ''), diffHunk: diffHunkFor(file.patch, line, side) };
      });
      const commitId = typeof body.commit_id === 'string' ? body.commit_id : pull.headSha;
      const review = ctx.state.addReview(repo.fullName, pull.number, { user: ctx.viewer, state, body: text, commitId });
      for (const c of placed) {
        ctx.state.addReviewComment(repo.fullName, pull.number, { reviewId: review.id, ...c, user: ctx.viewer, commitId });
      }
      issue.updatedAt = ctx.state.now();
      if (state !== 'PENDING') await settleMerges(ctx, repo);
      return { status: 200, body: ctx.render.review(review) };
    },
  },
  {
    method: 'GET',
    route: `${R}/pulls/{pull_number}/comments`,
    handler: async (ctx) => {
      const { pull } = await pullOf(ctx);
      const since = typeof ctx.query.since === 'string' ? ctx.query.since : undefined;
      const list = ctx.state.reviewComments.filter(
        (c) => c.repo === pull.repo && c.pullNumber === pull.number && (!since || c.updatedAt >= since),
      );
      if (ctx.query.direction === 'desc') list.reverse();
      const page = paginate(ctx, list);
      return { status: 200, body: page.items.map((c) => ctx.render.reviewComment(c)), headers: page.headers };
    },
  },
  {
    method: 'POST',
    route: `${R}/pulls/{pull_number}/comments`,
    handler: async (ctx) => {
      const { repo, pull } = await pullOf(ctx);
      const body = bodyObject(ctx);
      const invalid = (field: string, message: string): never => {
        throw new HttpError(422, 'Validation Failed', {
          errors: [
            { resource: 'PullRequestReviewComment', code: 'custom', field, message },
            { resource: 'PullRequestReviewComment', code: 'missing_field', field: 'pull_request_review_thread.diff_hunk' },
          ],
        });
      };
      const files = await ctx.git.changedFiles(repo.owner, repo.name, pull.baseSha, pull.headSha);
      const file = files.find((f) => f.filename === body.path);
      if (!file || file.patch === undefined)
        return invalid('pull_request_review_thread.path', 'pull_request_review_thread.path is invalid');
      let line = typeof body.line === 'number' ? body.line : undefined;
      let side: 'LEFT' | 'RIGHT' = body.side === 'LEFT' ? 'LEFT' : 'RIGHT';
      if (line === undefined && typeof body.position === 'number') {
        const at = lineForPosition(file.patch, body.position);
        if (at) ({ line, side } = at);
      }
      if (line === undefined || !commentableLines(file.patch)[side].has(line)) {
        return invalid('pull_request_review_thread.line', 'pull_request_review_thread.line must be part of the diff');
      }
      const commitId = typeof body.commit_id === 'string' ? body.commit_id : pull.headSha;
      const comment = ctx.state.addReviewComment(repo.fullName, pull.number, {
        reviewId: null,
        path: file.filename,
        line,
        side,
        body: String(body.body ?? ''),
        user: ctx.viewer,
        commitId,
        diffHunk: diffHunkFor(file.patch, line, side),
      });
      return {
        status: 201,
        body: ctx.render.reviewComment(comment),
        headers: { location: `${ctx.api}/repos/${repo.fullName}/pulls/comments/${comment.id}` },
      };
    },
  },
  {
    method: 'GET',
    route: `${R}/pulls/comments/{comment_id}`,
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const comment = ctx.state.reviewComments.find((c) => c.repo === repo.fullName && c.id === ctx.params.comment_id);
      if (!comment) throw notFound();
      return { status: 200, body: ctx.render.reviewComment(comment) };
    },
  },
  {
    method: 'POST',
    route: `${R}/pulls/{pull_number}/comments/{comment_id}/replies`,
    handler: async (ctx) => {
      const { pull } = await pullOf(ctx);
      const parent = ctx.state.reviewComments.find(
        (c) => c.repo === pull.repo && c.pullNumber === pull.number && c.id === ctx.params.comment_id,
      );
      if (!parent) throw notFound();
      const reply = ctx.state.addReviewComment(pull.repo, pull.number, {
        reviewId: null,
        path: parent.path,
        line: parent.line,
        side: parent.side,
        body: String(bodyObject(ctx).body),
        user: ctx.viewer,
        commitId: pull.headSha,
        diffHunk: parent.diffHunk,
        inReplyToId: parent.id,
      });
      return { status: 201, body: ctx.render.reviewComment(reply) };
    },
  },
  {
    method: 'POST',
    route: `${R}/pulls/{pull_number}/requested_reviewers`,
    handler: async (ctx) => {
      const { pull } = await pullOf(ctx);
      const issue = ctx.state.findIssue(pull.repo, pull.number)!;
      const reviewers = Array.isArray(bodyObject(ctx).reviewers) ? (bodyObject(ctx).reviewers as string[]) : [];
      if (reviewers.includes(issue.user)) throw new HttpError(422, 'Review cannot be requested from pull request author.');
      for (const login of reviewers) {
        ctx.state.user(login);
        if (!pull.requestedReviewers.includes(login)) pull.requestedReviewers.push(login);
      }
      return { status: 201, body: ctx.render.pullSimple(pull) };
    },
  },
  {
    method: 'PUT',
    route: `${R}/pulls/{pull_number}/update-branch`,
    handler: async (ctx) => {
      const { repo, pull } = await pullOf(ctx);
      const expected = bodyObject(ctx).expected_head_sha;
      if (typeof expected === 'string' && expected !== pull.headSha)
        throw new HttpError(422, "expected head sha didn't match current head ref.");
      if ((await ctx.git.aheadCount(repo.owner, repo.name, pull.headSha, pull.baseSha)) === 0) {
        throw new HttpError(422, 'There are no new commits on the base branch.');
      }
      const merged = await ctx.git.mergeInto(repo.owner, repo.name, pull.headRef, pull.baseRef, {
        message: `Merge branch '${pull.baseRef}' into ${pull.headRef}`,
      });
      if (!merged.ok) throw new HttpError(422, 'merge conflict between base and head');
      pull.headSha = merged.sha;
      return {
        status: 202,
        body: { message: 'Updating pull request branch.', url: `https://github.com/${repo.fullName}/pull/${pull.number}` },
      };
    },
  },
  {
    method: 'PUT',
    route: `${R}/pulls/{pull_number}/merge`,
    handler: async (ctx) => {
      const { repo, pull } = await pullOf(ctx);
      const issue = ctx.state.findIssue(repo.fullName, pull.number)!;
      const body = bodyObject(ctx);
      if (pull.merged || issue.state === 'closed' || pull.draft) throw new HttpError(405, 'Pull Request is not mergeable');
      if (typeof body.sha === 'string' && body.sha !== pull.headSha)
        throw new HttpError(409, 'Head branch was modified. Review and try the merge again.');
      // GitHub's answer where the base branch's rules require a merge queue: enqueue instead.
      if (requiresMergeQueue(ctx.state, pull.repo, pull.baseRef)) throw new HttpError(405, MERGE_QUEUE_REQUIRED);
      const refusal = ruleRefusal(ctx.state, pull);
      if (refusal) throw new HttpError(405, refusal);
      const method = body.merge_method === 'squash' || body.merge_method === 'rebase' ? body.merge_method : 'merge';
      const merged = await mergePull(ctx, repo, pull, {
        method,
        actor: ctx.viewer,
        ...(typeof body.commit_title === 'string' ? { commitTitle: body.commit_title } : {}),
        ...(typeof body.commit_message === 'string' ? { commitMessage: body.commit_message } : {}),
      });
      if (!merged.ok) throw new HttpError(405, 'Pull Request is not mergeable');
      return { status: 200, body: { sha: merged.sha, merged: true, message: 'Pull Request successfully merged' } };
    },
  },
];
