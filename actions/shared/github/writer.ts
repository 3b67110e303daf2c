/**
 * The write half of the GitHub layer: used only by the applier, after policy accepted an intent.
 * Writes are idempotent where GitHub allows it (labels, marker comments).
 */
import { withMarker } from './markers';
import { mapCheckRun, mapComment, mapPullRequest, mapRestIssue, mapReview, mapThreadComment } from './mappers';
import type { OctokitLike } from './octokit';
import {
  ADD_THREAD_REPLY,
  DISABLE_AUTO_MERGE,
  ENABLE_AUTO_MERGE,
  ENQUEUE_PULL_REQUEST,
  RESOLVE_THREAD,
  type AddThreadReplyResult,
} from './queries';
import { isStatus } from './api-error';
import type { GitHubReader, GitHubWriter, LabelDefinition, RepoRef } from './types';

export function normalizeColor(color: string): string {
  return color.replace(/^#/, '').toLowerCase();
}

/** Comment bodies as GitHub stores them: CRLF becomes LF; trailing whitespace is not significant. */
export function sameBody(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\r\n/g, '\n').trimEnd();
  return norm(a) === norm(b);
}

export function createWriter(octokit: OctokitLike, repo: RepoRef, reader: GitHubReader): GitHubWriter {
  const base = { owner: repo.owner, repo: repo.repo };

  const writer: GitHubWriter = {
    repo: { ...repo },

    async ensureLabels(labels: LabelDefinition[]) {
      const existing = await octokit.paginate('GET /repos/{owner}/{repo}/labels', { ...base, per_page: 100 });
      const byName = new Map(existing.map((l) => [l.name.toLowerCase(), l]));
      const touched: string[] = [];
      for (const want of labels) {
        const color = normalizeColor(want.color);
        const have = byName.get(want.name.toLowerCase());
        if (!have) {
          await octokit.request('POST /repos/{owner}/{repo}/labels', {
            ...base,
            name: want.name,
            color,
            description: want.description,
          });
          touched.push(want.name);
        } else if (normalizeColor(have.color) !== color || (have.description ?? '') !== want.description) {
          await octokit.request('PATCH /repos/{owner}/{repo}/labels/{name}', {
            ...base,
            name: have.name,
            color,
            description: want.description,
          });
          touched.push(want.name);
        }
      }
      return touched;
    },

    async addLabels(issueNumber, labels) {
      if (labels.length === 0) return;
      await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', {
        ...base,
        issue_number: issueNumber,
        labels,
      });
    },

    async removeLabel(issueNumber, label) {
      try {
        await octokit.request('DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', {
          ...base,
          issue_number: issueNumber,
          name: label,
        });
      } catch (e) {
        if (!isStatus(e, 404)) throw e;
      }
    },

    async createComment(issueNumber, body) {
      const { data } = await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        ...base,
        issue_number: issueNumber,
        body,
      });
      return mapComment(data);
    },

    async updateComment(commentId, body) {
      const { data } = await octokit.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
        ...base,
        comment_id: commentId,
        body,
      });
      return mapComment(data);
    },

    async upsertComment(issueNumber, marker, body, author, known) {
      const full = withMarker(body, marker);
      const existing = known === undefined ? await reader.findCommentByMarker(issueNumber, marker, author) : (known ?? undefined);
      if (!existing) {
        return { comment: await writer.createComment(issueNumber, full), created: true, changed: true };
      }
      if (sameBody(existing.body, full)) return { comment: existing, created: false, changed: false };
      return { comment: await writer.updateComment(existing.id, full), created: false, changed: true };
    },

    async createIssue(input) {
      const { data } = await octokit.request('POST /repos/{owner}/{repo}/issues', {
        ...base,
        title: input.title,
        body: input.body,
        ...(input.labels?.length ? { labels: input.labels } : {}),
      });
      return mapRestIssue(data);
    },

    async updateIssue(number, input) {
      const { data } = await octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', {
        ...base,
        issue_number: number,
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.body !== undefined ? { body: input.body } : {}),
        ...(input.state !== undefined ? { state: input.state } : {}),
        ...(input.stateReason !== undefined ? { state_reason: input.stateReason } : {}),
      });
      return mapRestIssue(data);
    },

    async addSubIssue(parentNumber, childId) {
      await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues', {
        ...base,
        issue_number: parentNumber,
        sub_issue_id: childId,
      });
    },

    async createPullRequest(input) {
      const { data } = await octokit.request('POST /repos/{owner}/{repo}/pulls', {
        ...base,
        title: input.title,
        body: input.body,
        head: input.head,
        base: input.base,
        ...(input.draft !== undefined ? { draft: input.draft } : {}),
      });
      return mapPullRequest(data);
    },

    async updatePullRequest(number, input) {
      const { data } = await octokit.request('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', {
        ...base,
        pull_number: number,
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.body !== undefined ? { body: input.body } : {}),
        ...(input.state !== undefined ? { state: input.state } : {}),
      });
      return mapPullRequest(data);
    },

    async createReview(prNumber, input) {
      const { data } = await octokit.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
        ...base,
        pull_number: prNumber,
        event: input.event,
        body: input.body,
        ...(input.commitId ? { commit_id: input.commitId } : {}),
        ...(input.comments?.length
          ? {
              comments: input.comments.map((c) => ({
                path: c.path,
                line: c.line,
                side: c.side ?? 'RIGHT',
                ...(c.start_line !== undefined ? { start_line: c.start_line, start_side: c.start_side ?? c.side ?? 'RIGHT' } : {}),
                body: c.body,
              })),
            }
          : {}),
      });
      return mapReview(data);
    },

    async createCheckRun(input) {
      const { data } = await octokit.request('POST /repos/{owner}/{repo}/check-runs', {
        ...base,
        name: input.name,
        head_sha: input.headSha,
        status: 'completed',
        conclusion: input.conclusion,
        output: input.output,
      });
      return mapCheckRun(data);
    },

    async replyToReviewThread(threadId, body) {
      const result = await octokit.graphql<AddThreadReplyResult>(ADD_THREAD_REPLY, { threadId, body });
      const comment = result.addPullRequestReviewThreadReply?.comment;
      if (!comment) throw new Error(`GitHub returned no comment for the reply to thread ${threadId}`);
      return mapThreadComment(comment);
    },

    async resolveReviewThread(threadId) {
      await octokit.graphql(RESOLVE_THREAD, { threadId });
    },

    async requestReviewers(prNumber, reviewers) {
      // "org/team" asks a team; anything else is a user login.
      const teams = reviewers.filter((r) => r.includes('/')).map((r) => r.slice(r.indexOf('/') + 1));
      const users = reviewers.filter((r) => !r.includes('/'));
      if (teams.length === 0 && users.length === 0) return;
      await octokit.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', {
        ...base,
        pull_number: prNumber,
        ...(users.length ? { reviewers: users } : {}),
        ...(teams.length ? { team_reviewers: teams } : {}),
      });
    },

    async dispatchWorkflow(workflow, ref, inputs) {
      await octokit.request('POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', {
        ...base,
        workflow_id: workflow,
        ref,
        ...(inputs && Object.keys(inputs).length ? { inputs } : {}),
      });
    },

    async updateBranch(prNumber, expectedHeadSha) {
      await octokit.request('PUT /repos/{owner}/{repo}/pulls/{pull_number}/update-branch', {
        ...base,
        pull_number: prNumber,
        ...(expectedHeadSha ? { expected_head_sha: expectedHeadSha } : {}),
      });
    },

    async enableAutoMerge(prNodeId, method = 'MERGE', expectedHeadOid) {
      await octokit.graphql(ENABLE_AUTO_MERGE, {
        pullRequestId: prNodeId,
        mergeMethod: method,
        ...(expectedHeadOid ? { expectedHeadOid } : {}),
      });
    },

    async disableAutoMerge(prNodeId) {
      await octokit.graphql(DISABLE_AUTO_MERGE, { pullRequestId: prNodeId });
    },

    async mergePullRequest(prNumber, input) {
      const { data } = await octokit.request('PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge', {
        ...base,
        pull_number: prNumber,
        sha: input.sha,
        merge_method: input.method,
      });
      return { sha: data.sha };
    },

    async enqueuePullRequest(prNodeId, headSha) {
      await octokit.graphql(ENQUEUE_PULL_REQUEST, { pullRequestId: prNodeId, expectedHeadOid: headSha });
    },

    async addReaction(target, content) {
      switch (target.kind) {
        case 'issue_comment':
          await octokit.request('POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', {
            ...base,
            comment_id: target.id,
            content,
          });
          return;
        case 'review_comment':
          await octokit.request('POST /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions', {
            ...base,
            comment_id: target.id,
            content,
          });
          return;
        case 'issue':
          await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/reactions', {
            ...base,
            issue_number: target.id,
            content,
          });
          return;
      }
    },
  };
  return writer;
}
