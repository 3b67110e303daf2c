/**
 * The read-only half of the GitHub layer. It holds the client in a closure and exposes only
 * reads, so it can be handed to an agent.
 */
import { downloadArtifact, listArtifacts, listIssueActivity, listPullActivity } from './activity';
import { hasMarker } from './markers';
import {
  mapBranchRules,
  mapCheckRun,
  mapComment,
  mapGqlComment,
  mapGqlIssue,
  mapPullRequest,
  mapPullRequestFile,
  mapRepository,
  mapRestIssue,
  mapReview,
  mapReviewThread,
  mapSweepPullRequest,
  mapThreadComment,
  mapWorkflowRun,
  tailBytes,
} from './mappers';
import type { OctokitLike } from './octokit';
import {
  ISSUE_CHANGES,
  MERGE_QUEUE_ENTRY,
  type GqlMergeQueueEntry,
  LIST_ISSUES_PAGE,
  type GqlIssueChanges,
  LIST_REVIEW_THREADS,
  LIST_THREAD_COMMENTS,
  type ListIssuesPageResult,
  type ListReviewThreadsResult,
  type ListThreadCommentsResult,
  SWEEP_ISSUES,
  SWEEP_PULL_REQUESTS,
  type SweepIssuesResult,
  type SweepPullRequestsResult,
} from './queries';
import { isStatus } from './api-error';
import type { GitHubReader, JobLog, RepoRef, Repository, ReviewThread, ReviewThreadComment } from './types';

export const DEFAULT_MAX_LOG_BYTES = 20_000;
/** GitHub returns at most 1000 search results. */
const MAX_SEARCH_RESULTS = 1000;
/** Most recent workflow runs returned by listWorkflowRuns. */
const MAX_WORKFLOW_RUNS = 100;
const FAILED_CONCLUSIONS = new Set(['failure', 'timed_out']);

export function createReader(octokit: OctokitLike, repo: RepoRef): GitHubReader {
  const base = { owner: repo.owner, repo: repo.repo };
  const fullName = `${repo.owner}/${repo.repo}`;

  // A reader serves one job, and a repository's metadata (default branch, visibility) does not
  // change within one: it is read once, however many layers ask (config loading, the split
  // phase, the automation). A failed read is not remembered.
  let repository: Promise<Repository> | undefined;

  const reader: GitHubReader = {
    repo: { ...repo },

    async getRepository() {
      repository ??= octokit.request('GET /repos/{owner}/{repo}', base).then(
        ({ data }) => mapRepository(data),
        (e: unknown) => {
          repository = undefined;
          throw e;
        },
      );
      return { ...(await repository) };
    },

    async getIssue(number) {
      const { data } = await octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}', {
        ...base,
        issue_number: number,
      });
      return mapRestIssue(data);
    },

    async getIssueChanges(number) {
      const result = await octokit.graphql<GqlIssueChanges>(ISSUE_CHANGES, { owner: repo.owner, repo: repo.repo, number });
      const issue = result.repository?.issue;
      if (!issue) throw new Error(`issue #${number} not found in ${fullName}`);
      const nodes = (issue.timelineItems.nodes ?? []).flatMap((n) => (n?.createdAt ? [n] : []));
      return {
        ...(issue.lastEditedAt ? { bodyEdit: { at: issue.lastEditedAt, by: issue.editor?.login ?? '' } } : {}),
        renames: nodes.filter((n) => n.__typename === 'RenamedTitleEvent').map((n) => ({ at: n.createdAt!, by: n.actor?.login ?? '' })),
        labeled: nodes
          .filter((n) => n.__typename === 'LabeledEvent' && n.label)
          .map((n) => ({ label: n.label!.name, at: n.createdAt!, by: n.actor?.login ?? '' })),
      };
    },

    async listIssues(query = {}) {
      const data = await octokit.paginate('GET /repos/{owner}/{repo}/issues', {
        ...base,
        state: query.state ?? 'open',
        ...(query.labels?.length ? { labels: query.labels.join(',') } : {}),
        ...(query.since ? { since: query.since } : {}),
        per_page: 100,
      });
      const issues = data.map(mapRestIssue);
      return query.includePullRequests ? issues : issues.filter((i) => !i.isPullRequest);
    },

    async listIssuesPage(query) {
      const result = await octokit.graphql<ListIssuesPageResult>(LIST_ISSUES_PAGE, {
        owner: repo.owner,
        repo: repo.repo,
        first: Math.min(Math.max(query.first ?? 100, 1), 100),
        after: query.after ?? null,
        states: query.states ?? ['OPEN'],
        labels: query.labels?.length ? query.labels : null,
        orderBy: query.orderBy ?? { field: 'CREATED_AT', direction: 'ASC' },
      });
      const conn = result.repository?.issues;
      if (!conn) throw new Error(`repository ${fullName} not found`);
      return {
        issues: (conn.nodes ?? []).flatMap((n) => (n ? [mapGqlIssue(n)] : [])),
        endCursor: conn.pageInfo.endCursor,
        hasNextPage: conn.pageInfo.hasNextPage,
      };
    },

    async searchIssues(query) {
      // Paged by hand: the search answer carries more than one list-like key (`items`,
      // `search_type`), which the generic paginator does not always pick apart correctly.
      const q = `repo:${fullName} ${withType(query)}`;
      const items = [];
      for (let page = 1; items.length < MAX_SEARCH_RESULTS; page++) {
        const { data } = await octokit.request('GET /search/issues', { q, per_page: 100, page });
        items.push(...data.items);
        if (data.items.length < 100 || items.length >= data.total_count) break;
      }
      // The reader is bound to one repository, whatever qualifiers the query adds.
      const suffix = `/repos/${fullName}`.toLowerCase();
      return items.filter((i) => i.repository_url.toLowerCase().endsWith(suffix)).map(mapRestIssue);
    },

    async listComments(issueNumber) {
      const data = await octokit.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        ...base,
        issue_number: issueNumber,
        per_page: 100,
      });
      return data.map(mapComment);
    },

    async findCommentByMarker(issueNumber, marker, author) {
      const comments = await reader.listComments(issueNumber);
      return comments.find((c) => c.author.login === author && hasMarker(c.body, marker));
    },

    async listSubIssues(issueNumber) {
      const data = await octokit.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/sub_issues', {
        ...base,
        issue_number: issueNumber,
        per_page: 100,
      });
      return data.map(mapRestIssue);
    },

    async getPullRequest(number) {
      const { data } = await octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', {
        ...base,
        pull_number: number,
      });
      return mapPullRequest(data);
    },

    async listPullRequests(query = {}) {
      const data = await octokit.paginate('GET /repos/{owner}/{repo}/pulls', {
        ...base,
        state: query.state ?? 'open',
        ...(query.head ? { head: query.head.includes(':') ? query.head : `${repo.owner}:${query.head}` } : {}),
        ...(query.base ? { base: query.base } : {}),
        per_page: 100,
      });
      return data.map(mapPullRequest);
    },

    async listPullRequestFiles(number) {
      const data = await octokit.paginate('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', {
        ...base,
        pull_number: number,
        per_page: 100,
      });
      return data.map(mapPullRequestFile);
    },

    async getPullRequestDiff(number) {
      const { data } = await octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', {
        ...base,
        pull_number: number,
        mediaType: { format: 'diff' },
      });
      return asText(data);
    },

    async compareCommits(baseRef, headRef, opts) {
      const { data } = await octokit.request('GET /repos/{owner}/{repo}/compare/{basehead}', {
        ...base,
        basehead: `${baseRef}...${headRef}`,
        per_page: Math.min(Math.max(opts?.commits ?? 1, 1), 100),
      });
      return {
        status: data.status,
        aheadBy: data.ahead_by,
        behindBy: data.behind_by,
        files: (data.files ?? []).map(mapPullRequestFile),
        commits: data.commits.map((c) => ({ sha: c.sha, message: c.commit.message })),
      };
    },

    async listReviews(prNumber) {
      const data = await octokit.paginate('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
        ...base,
        pull_number: prNumber,
        per_page: 100,
      });
      return data.map(mapReview);
    },

    async listReviewThreads(prNumber) {
      const threads: ReviewThread[] = [];
      let after: string | null = null;
      for (;;) {
        const result: ListReviewThreadsResult = await octokit.graphql<ListReviewThreadsResult>(LIST_REVIEW_THREADS, {
          owner: repo.owner,
          repo: repo.repo,
          number: prNumber,
          after,
        });
        const conn = result.repository?.pullRequest?.reviewThreads;
        if (!conn) throw new Error(`pull request #${prNumber} not found in ${fullName}`);
        for (const node of conn.nodes ?? []) {
          if (!node) continue;
          const thread = mapReviewThread(node);
          if (node.comments.pageInfo.hasNextPage) {
            thread.comments.push(...(await moreThreadComments(node.id, node.comments.pageInfo.endCursor)));
          }
          threads.push(thread);
        }
        if (!conn.pageInfo.hasNextPage || !conn.pageInfo.endCursor) return threads;
        after = conn.pageInfo.endCursor;
      }
    },

    async listCheckRuns(ref) {
      const data = await octokit.paginate('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', {
        ...base,
        ref,
        per_page: 100,
      });
      return data.map(mapCheckRun);
    },

    async getBranchRules(branch) {
      const data = await octokit.paginate('GET /repos/{owner}/{repo}/rules/branches/{branch}', { ...base, branch, per_page: 100 });
      return mapBranchRules(data as { type: string; parameters?: unknown }[]);
    },

    async getMergeQueueEntry(number) {
      const data = await octokit.graphql<GqlMergeQueueEntry>(MERGE_QUEUE_ENTRY, { owner: repo.owner, repo: repo.repo, number });
      const entry = data.repository?.pullRequest?.mergeQueueEntry;
      if (!entry) return undefined;
      return { position: entry.position, state: entry.state, ...(entry.headCommit ? { headSha: entry.headCommit.oid } : {}) };
    },

    async listWorkflowRuns(query = {}) {
      const params = {
        ...base,
        ...(query.branch ? { branch: query.branch } : {}),
        // Any of GitHub's run statuses or conclusions; the cast only satisfies the route's union type.
        ...(query.status ? { status: query.status as 'completed' } : {}),
        per_page: MAX_WORKFLOW_RUNS,
      };
      const { data } =
        query.workflow !== undefined
          ? await octokit.request('GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', {
              ...params,
              workflow_id: query.workflow,
            })
          : await octokit.request('GET /repos/{owner}/{repo}/actions/runs', params);
      return data.workflow_runs.map(mapWorkflowRun);
    },

    listArtifacts: (query) => listArtifacts(octokit, repo, query),
    downloadArtifact: (id) => downloadArtifact(octokit, repo, id),
    listPullActivity: (query) => listPullActivity(octokit, repo, query),
    listIssueActivity: (query) => listIssueActivity(octokit, repo, query),

    async getFailedJobLogs(runId, maxBytesPerJob = DEFAULT_MAX_LOG_BYTES) {
      const jobs = await octokit.paginate('GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs', {
        ...base,
        run_id: runId,
        filter: 'latest',
        per_page: 100,
      });
      const out: JobLog[] = [];
      for (const job of jobs) {
        if (!job.conclusion || !FAILED_CONCLUSIONS.has(job.conclusion)) continue;
        let log: string;
        try {
          // GitHub answers with a redirect to the log file; fetch follows it.
          const { data } = await octokit.request('GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs', {
            ...base,
            job_id: job.id,
          });
          log = tailBytes(asText(data), maxBytesPerJob);
        } catch (e) {
          // Logs expire (410) or may be missing (404); the other jobs are still worth reading.
          if (!isStatus(e, 404, 410)) throw e;
          log = `(log unavailable: GitHub answered ${(e as { status: number }).status})`;
        }
        out.push({ jobId: Number(job.id), jobName: job.name, conclusion: job.conclusion, log });
      }
      return out;
    },

    async getFileContent(path, ref) {
      const params = { ...base, path: path.replace(/^\/+/, ''), ...(ref ? { ref } : {}) };
      let data: unknown;
      try {
        ({ data } = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', params));
      } catch (e) {
        if (isStatus(e, 404)) return undefined;
        throw e;
      }
      if (Array.isArray(data)) throw new Error(`${path} is a directory, not a file`);
      const file = data as { type?: string; encoding?: string; content?: string; size?: number };
      if (file.type !== undefined && file.type !== 'file') throw new Error(`${path} is a ${file.type}, not a file`);
      if (file.encoding === 'base64' && typeof file.content === 'string') {
        return Buffer.from(file.content, 'base64').toString('utf8');
      }
      // Files over 1 MB come without content ("encoding": "none"): ask for the raw bytes.
      const raw = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', {
        ...params,
        mediaType: { format: 'raw' },
      });
      return asText(raw.data);
    },

    async sweepPullRequests(query = {}) {
      const result = await octokit.graphql<SweepPullRequestsResult>(SWEEP_PULL_REQUESTS, {
        ...base,
        first: pageSize(query.first),
        after: query.after ?? null,
        comments: pageSize(query.lastComments ?? 10),
      });
      const conn = result.repository?.pullRequests;
      if (!conn) throw new Error(`repository ${fullName} not found`);
      return {
        pulls: (conn.nodes ?? []).flatMap((n) => (n ? [mapSweepPullRequest(n)] : [])),
        endCursor: conn.pageInfo.endCursor,
        hasNextPage: conn.pageInfo.hasNextPage,
      };
    },

    async sweepIssues(query) {
      const result = await octokit.graphql<SweepIssuesResult>(SWEEP_ISSUES, {
        ...base,
        first: pageSize(query.first),
        after: query.after ?? null,
        labels: query.labels,
        comments: pageSize(query.lastComments ?? 10),
      });
      const conn = result.repository?.issues;
      if (!conn) throw new Error(`repository ${fullName} not found`);
      return {
        issues: (conn.nodes ?? []).flatMap((n) =>
          n ? [{ ...mapGqlIssue(n), lastComments: (n.comments?.nodes ?? []).flatMap((c) => (c ? [mapGqlComment(c)] : [])) }] : [],
        ),
        endCursor: conn.pageInfo.endCursor,
        hasNextPage: conn.pageInfo.hasNextPage,
      };
    },
  };

  /** A GraphQL page size: 1 to 100 (GitHub's limit). */
  function pageSize(n: number | undefined): number {
    return Math.min(Math.max(Math.trunc(n ?? 100), 1), 100);
  }

  async function moreThreadComments(threadId: string, cursor: string | null) {
    const comments: ReviewThreadComment[] = [];
    let after = cursor;
    while (after) {
      const result: ListThreadCommentsResult = await octokit.graphql<ListThreadCommentsResult>(LIST_THREAD_COMMENTS, {
        id: threadId,
        after,
      });
      const conn = result.node?.comments;
      if (!conn) break;
      for (const c of conn.nodes ?? []) if (c) comments.push(mapThreadComment(c));
      after = conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null;
    }
    return comments;
  }

  return reader;
}

/** GitHub's issue search wants `is:issue` or `is:pull-request`; issues are meant when neither is said. */
function withType(query: string): string {
  return /(^|\s)(is|type):(issue|pr|pull-request)\b/i.test(query) ? query : `is:issue ${query}`;
}

/** Non-JSON answers arrive as a string, or as bytes for binary content types. */
function asText(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
  return data === undefined || data === null ? '' : JSON.stringify(data);
}
