import { z } from 'zod';
import type { Comment, GitHubReader, Issue, ReviewThread } from '../../github/types';
import { defineTool } from '../tool';
import { truncateHead, type Untrusted } from './output';

/**
 * Read-only GitHub tools. Titles, bodies, comments, file names and diffs are written by
 * whoever opened the issue or PR, so every one of them goes through `untrusted` before the
 * model sees it; the metadata lines around them are ours.
 */
const MAX_OUTPUT_BYTES = 60 * 1024;
const MAX_DIFF_BYTES = 100 * 1024;
const MAX_SEARCH_RESULTS = 50;
const MAX_COMMENT_BYTES = 16 * 1024;

const issueNumber = z.object({ number: z.number().int().positive() });

export function getIssueTool(gh: GitHubReader, untrusted: Untrusted) {
  return defineTool({
    name: 'get_issue',
    description: 'Read an issue: title, state, labels, author and body.',
    input: issueNumber,
    async run({ number }) {
      const issue = await gh.getIssue(number);
      const kind = issue.isPullRequest ? 'pull request' : 'issue';
      const meta = [
        `${kind} #${issue.number} (${issue.state}${issue.stateReason ? `, ${issue.stateReason}` : ''})`,
        `author: ${issue.author.login} (${issue.authorAssociation})`,
        `labels: ${issue.labels.join(', ') || '(none)'}`,
        `created: ${issue.createdAt}, updated: ${issue.updatedAt}`,
        `url: ${issue.url}`,
      ];
      const content = `Title: ${issue.title}\n\n${issue.body}`;
      return `${meta.join('\n')}\n${untrusted(`issue #${issue.number}`, truncateHead(content, MAX_OUTPUT_BYTES, 'body shortened'))}`;
    },
  });
}

export function listIssueCommentsTool(gh: GitHubReader, untrusted: Untrusted) {
  return defineTool({
    name: 'list_issue_comments',
    description: 'Read the comments on an issue or pull request, oldest first.',
    input: issueNumber,
    async run({ number }) {
      const comments = await gh.listComments(number);
      if (comments.length === 0) return `No comments on #${number}.`;
      return bounded(
        comments.map((c) => formatComment(number, c, untrusted)),
        `${comments.length} comments on #${number}`,
      );
    },
  });
}

export function getPullRequestTool(gh: GitHubReader, untrusted: Untrusted) {
  return defineTool({
    name: 'get_pull_request',
    description: 'Read a pull request: title, body, branches, state and the files it changes.',
    input: issueNumber,
    async run({ number }) {
      const [pr, files] = await Promise.all([gh.getPullRequest(number), gh.listPullRequestFiles(number)]);
      const state = pr.merged ? 'merged' : pr.draft && pr.state === 'open' ? 'draft' : pr.state;
      const meta = [
        `pull request #${pr.number} (${state})`,
        `author: ${pr.author.login} (${pr.authorAssociation})`,
        `head: ${pr.head.repoFullName}:${pr.head.ref} @ ${pr.head.sha}`,
        `base: ${pr.base.ref} @ ${pr.base.sha}`,
        `labels: ${pr.labels.join(', ') || '(none)'}`,
        `url: ${pr.url}`,
      ];
      const fileList = files
        .map((f) => `${f.status} ${f.previousFilename ? `${f.previousFilename} -> ` : ''}${f.filename} (+${f.additions} -${f.deletions})`)
        .join('\n');
      const content = `Title: ${pr.title}\n\n${pr.body}\n\nFiles changed (${files.length}):\n${fileList}`;
      return `${meta.join('\n')}\n${untrusted(`pull request #${pr.number}`, truncateHead(content, MAX_OUTPUT_BYTES, 'use get_pull_request_diff for details'))}`;
    },
  });
}

export function getPullRequestDiffTool(gh: GitHubReader, untrusted: Untrusted) {
  return defineTool({
    name: 'get_pull_request_diff',
    description: 'Read the unified diff of a pull request (shortened when very large; read files for the rest).',
    input: issueNumber,
    async run({ number }) {
      const diff = await gh.getPullRequestDiff(number);
      if (diff.trim() === '') return `Pull request #${number} has an empty diff.`;
      return untrusted(
        `pull request #${number} diff`,
        truncateHead(diff, MAX_DIFF_BYTES, 'read the changed files with read_file for the rest'),
      );
    },
  });
}

export function listReviewThreadsTool(gh: GitHubReader, untrusted: Untrusted) {
  return defineTool({
    name: 'list_review_threads',
    description: 'Read the review threads of a pull request: thread id, file and line, resolved/outdated state, and each comment.',
    input: issueNumber,
    async run({ number }) {
      const threads = await gh.listReviewThreads(number);
      if (threads.length === 0) return `No review threads on pull request #${number}.`;
      return bounded(
        threads.map((t) => formatThread(t, untrusted)),
        `${threads.length} review threads on #${number}`,
      );
    },
  });
}

export function searchIssuesTool(gh: GitHubReader, untrusted: Untrusted) {
  return defineTool({
    name: 'search_issues',
    description: 'Search issues and pull requests in this repository with GitHub search syntax (e.g. "is:open label:type:bug crash").',
    input: z.object({ query: z.string().min(1).max(256) }),
    async run({ query }) {
      const issues = await gh.searchIssues(query);
      if (issues.length === 0) return `No issues match ${JSON.stringify(query)}.`;
      const shown = issues.slice(0, MAX_SEARCH_RESULTS);
      const lines = shown.map(formatIssueLine).join('\n');
      const more = issues.length > shown.length ? `\n[${issues.length - shown.length} more results; refine the query]` : '';
      return `${issues.length} results\n${untrusted('search_issues', lines)}${more}`;
    },
  });
}

function formatIssueLine(issue: Issue): string {
  const kind = issue.isPullRequest ? 'PR' : 'issue';
  const labels = issue.labels.length ? ` [${issue.labels.join(', ')}]` : '';
  return `#${issue.number} ${kind} ${issue.state}${labels}: ${issue.title}`;
}

function formatComment(number: number, c: Comment, untrusted: Untrusted): string {
  const meta = `comment ${c.id} by ${c.author.login} (${c.authorAssociation}) at ${c.createdAt}`;
  return `${meta}\n${untrusted(`comment ${c.id} on #${number}`, truncateHead(c.body, MAX_COMMENT_BYTES, 'comment shortened'))}`;
}

function formatThread(t: ReviewThread, untrusted: Untrusted): string {
  const state = [t.isResolved ? 'resolved' : 'unresolved', t.isOutdated ? 'outdated' : ''].filter(Boolean).join(', ');
  const where = `${t.path}${t.line !== null ? `:${t.line}` : ''}`;
  const comments = t.comments
    .map(
      (c) =>
        `- ${c.author.login} (${c.authorAssociation}) at ${c.createdAt}:\n${untrusted(`review comment ${c.databaseId}`, truncateHead(c.body, MAX_COMMENT_BYTES, 'comment shortened'))}`,
    )
    .join('\n');
  return `thread ${t.id} (${state})\n${untrusted('review thread path', where)}\n${comments}`;
}

/** Joins items until the output budget is spent, saying how many were left out. */
function bounded(items: string[], heading: string): string {
  const out: string[] = [heading];
  let size = Buffer.byteLength(heading);
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as string;
    const itemSize = Buffer.byteLength(item) + 2;
    if (size + itemSize > MAX_OUTPUT_BYTES && i > 0) {
      // Always show at least the first item (each is bounded on its own).
      out.push(`[${items.length - i} more not shown: output limit reached]`);
      break;
    }
    out.push(item);
    size += itemSize;
  }
  return out.join('\n\n');
}
