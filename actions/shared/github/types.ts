/**
 * The GitHub layer as the rest of the factory sees it: a read-only reader and a writer, both
 * bound to one repository. The agent only ever gets a reader; the applier gets the writer.
 * Implementations: `createGitHub()` in ./client.ts (real Octokit, works against api.github.com
 * or the sandbox); tests may use the sandbox or a fake.
 */
import type { ActivityPage, ActivityQuery, Artifact, IssueActivity, PullActivity } from './activity';

/** Every author association GitHub reports. */
export const AUTHOR_ASSOCIATIONS = [
  'OWNER',
  'MEMBER',
  'COLLABORATOR',
  'CONTRIBUTOR',
  'FIRST_TIME_CONTRIBUTOR',
  'FIRST_TIMER',
  'MANNEQUIN',
  'NONE',
] as const;

export type AuthorAssociation = (typeof AUTHOR_ASSOCIATIONS)[number];

export function isAuthorAssociation(value: unknown): value is AuthorAssociation {
  return (AUTHOR_ASSOCIATIONS as readonly unknown[]).includes(value);
}

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface Actor {
  login: string;
  type: 'User' | 'Bot' | 'Organization' | string;
}

export interface Repository {
  fullName: string;
  defaultBranch: string;
  private: boolean;
  nodeId: string;
  /** `allow_auto_merge` (GitHub sends it to tokens that may push; undefined when it did not). */
  allowAutoMerge?: boolean;
}

export interface Issue {
  number: number;
  nodeId: string;
  /** REST database id (needed by the sub-issues API). */
  id: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  stateReason?: string | null;
  labels: string[];
  author: Actor;
  authorAssociation: AuthorAssociation;
  createdAt: string;
  updatedAt: string;
  closedAt?: string | null;
  isPullRequest: boolean;
  url: string;
  /** How many sub-issues it has (when GitHub said). */
  subIssues?: number;
}

export interface IssueChanges {
  /** The body's last edit after creation, if any. */
  bodyEdit?: { at: string; by: string };
  /** Title renames, oldest first. */
  renames: { at: string; by: string }[];
  /** Label additions, oldest first (the latest 100 events). */
  labeled: { label: string; at: string; by: string }[];
}

export interface Comment {
  id: number;
  nodeId: string;
  body: string;
  author: Actor;
  authorAssociation: AuthorAssociation;
  createdAt: string;
  updatedAt: string;
  url: string;
}

export interface PullRequest {
  number: number;
  nodeId: string;
  id: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  draft: boolean;
  merged: boolean;
  labels: string[];
  author: Actor;
  authorAssociation: AuthorAssociation;
  head: { ref: string; sha: string; repoFullName: string };
  /** `repoFullName`: the repository the pull request belongs to (this one); a head in another repository is a fork's. */
  base: { ref: string; sha: string; repoFullName?: string };
  url: string;
  createdAt: string;
  updatedAt: string;
  /** Native auto-merge (REST `auto_merge`): present only while it is enabled. */
  autoMerge?: { method: MergeMethod; enabledBy: string } | null;
}

export type MergeMethod = 'merge' | 'squash' | 'rebase';

/** What the base branch's rules ask of a merge (`GET /rules/branches/{branch}`). */
export interface BranchRules {
  /** Check contexts every merge needs (required_status_checks rules). */
  requiredChecks: string[];
  /** A `merge_queue` rule: pull requests are enqueued, not merged. */
  mergeQueue: boolean;
}

export interface PullRequestFile {
  filename: string;
  previousFilename?: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  additions: number;
  deletions: number;
  changes: number;
  patch?: string;
}

/** `GET /compare/{base}...{head}`: how head relates to base, and the files changed since their merge base. */
export interface CommitComparison {
  status: 'ahead' | 'behind' | 'diverged' | 'identical';
  aheadBy: number;
  behindBy: number;
  /** At most 300 files (GitHub's cap), patches computed from the merge base. */
  files: PullRequestFile[];
  /** The commits of the range, oldest first (the first page: as many as `compareCommits` asked for). */
  commits?: { sha: string; message: string }[];
}

export interface Review {
  id: number;
  nodeId: string;
  author: Actor;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
  body: string;
  commitId: string;
  submittedAt?: string;
}

export interface ReviewThreadComment {
  /** GraphQL node id */
  id: string;
  databaseId: number;
  body: string;
  author: Actor;
  authorAssociation: AuthorAssociation;
  createdAt: string;
  url: string;
}

export interface ReviewThread {
  /** GraphQL node id of the thread (what reply/resolve take). */
  id: string;
  isResolved: boolean;
  isOutdated: boolean;
  path: string;
  line: number | null;
  comments: ReviewThreadComment[];
}

export interface CheckRun {
  id: number;
  name: string;
  status: 'queued' | 'in_progress' | 'completed' | string;
  conclusion: string | null;
  headSha: string;
  /** The run's output title and summary, when GitHub sent them. */
  title?: string | null;
  summary?: string | null;
  /** The App that created the run (`github-actions` for a workflow's GITHUB_TOKEN). */
  appSlug?: string;
}

export interface WorkflowRun {
  id: number;
  name: string;
  headBranch: string | null;
  headSha: string;
  event: string;
  status: string | null;
  conclusion: string | null;
  workflowId: number;
  url: string;
}

export interface JobLog {
  jobId: number;
  jobName: string;
  conclusion: string | null;
  /** Excerpt of the failed job's log (tail, bounded). */
  log: string;
}

export interface IssueQuery {
  state?: 'open' | 'closed' | 'all';
  labels?: string[];
  since?: string;
  /** Include pull requests (the REST issues list returns both). Default false. */
  includePullRequests?: boolean;
}

export interface IssuePage {
  issues: Issue[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface LabelDefinition {
  name: string;
  color: string;
  description: string;
}

/** A hidden marker `<!-- factory:KIND:KEY -->` identifying what the factory wrote. */
export interface MarkerRef {
  kind: string;
  key: string;
}

export interface MergeQueueEntry {
  position: number;
  /** AWAITING_CHECKS, QUEUED, MERGEABLE, UNMERGEABLE, LOCKED. */
  state: string;
  headSha?: string;
}

/** A check of a commit as GitHub's rollup lists it: a check run, or a commit status (its context as the name). */
export interface RollupCheck {
  name: string;
  /** `completed` once it has a conclusion; `pending` while queued or running. */
  status: 'pending' | 'completed';
  /** success, failure, neutral, cancelled, skipped, timed_out, action_required, error; null while pending. */
  conclusion: string | null;
  /** When it started (a status: when it was set); null when GitHub did not say. */
  startedAt: string | null;
}

/**
 * One open pull request as a sweep reads it (GraphQL, up to 100 a page): what a triage needs
 * without another request per pull request.
 */
export interface PullRequestSweepItem {
  number: number;
  nodeId: string;
  title: string;
  url: string;
  author: Actor;
  draft: boolean;
  /** The head is a branch of another repository (a fork's). */
  isCrossRepository: boolean;
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
  labels: string[];
  /** MERGEABLE | CONFLICTING | UNKNOWN. */
  mergeable: string;
  /** BEHIND | BLOCKED | CLEAN | DIRTY | DRAFT | HAS_HOOKS | UNKNOWN | UNSTABLE. */
  mergeStateStatus: string;
  /** The head commit's rollup: its state (null: no check at all) and its first 100 checks. */
  checks: { state: string | null; contexts: RollupCheck[] };
  createdAt: string;
  updatedAt: string;
  /** The last comments, oldest first. */
  lastComments: Comment[];
  /** Issues the pull request closes when it merges (GitHub's closing references). */
  closingIssues: number[];
}

export interface PullRequestSweepPage {
  pulls: PullRequestSweepItem[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface IssueSweepPage {
  /** Each with its last comments, oldest first. */
  issues: (Issue & { lastComments: Comment[] })[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface GitHubReader {
  readonly repo: RepoRef;
  getRepository(): Promise<Repository>;
  getIssue(number: number): Promise<Issue>;
  /** When its labels were added, its title renamed and its body last edited, and by whom (GraphQL). */
  getIssueChanges(number: number): Promise<IssueChanges>;
  /** REST list, fully paginated. */
  listIssues(query?: IssueQuery): Promise<Issue[]>;
  /** GraphQL page of open issues (100 a page), oldest first: a stable order for sweeps. */
  listIssuesPage(query: {
    states?: ('OPEN' | 'CLOSED')[];
    labels?: string[];
    after?: string | null;
    first?: number;
    /** Default: oldest created first. */
    orderBy?: { field: 'CREATED_AT' | 'UPDATED_AT'; direction: 'ASC' | 'DESC' };
  }): Promise<IssuePage>;
  searchIssues(query: string): Promise<Issue[]>;
  listComments(issueNumber: number): Promise<Comment[]>;
  /**
   * The first comment carrying the marker that `author` wrote. Anyone can paste a marker into a
   * comment, so only the factory's own login (config trust.botLogin) makes it the factory's.
   */
  findCommentByMarker(issueNumber: number, marker: MarkerRef, author: string): Promise<Comment | undefined>;
  listSubIssues(issueNumber: number): Promise<Issue[]>;
  getPullRequest(number: number): Promise<PullRequest>;
  listPullRequests(query?: { state?: 'open' | 'closed' | 'all'; head?: string; base?: string }): Promise<PullRequest[]>;
  listPullRequestFiles(number: number): Promise<PullRequestFile[]>;
  getPullRequestDiff(number: number): Promise<string>;
  /** Compares two commits (shas or branches); rejects with a 404 GitHubApiError when either is unknown. */
  /** `opts.commits`: how many of the range's commits to list (default 1; at most 100, GitHub's page). */
  compareCommits(base: string, head: string, opts?: { commits?: number }): Promise<CommitComparison>;
  listReviews(prNumber: number): Promise<Review[]>;
  /** GraphQL, 100 threads a page, all pages. */
  listReviewThreads(prNumber: number): Promise<ReviewThread[]>;
  listCheckRuns(ref: string): Promise<CheckRun[]>;
  /** The rules that apply to a branch (required checks, merge queue); none: empty. */
  getBranchRules(branch: string): Promise<BranchRules>;
  /** The pull request's entry in its base branch's merge queue (GraphQL); undefined when it is not queued. */
  getMergeQueueEntry(prNumber: number): Promise<MergeQueueEntry | undefined>;
  listWorkflowRuns(query?: { branch?: string; status?: string; workflow?: string | number }): Promise<WorkflowRun[]>;
  getFailedJobLogs(runId: number, maxBytesPerJob?: number): Promise<JobLog[]>;
  /** Workflow artifacts whose name starts with `namePrefix`, newest first, created since `since` (bounded pages of 100). */
  listArtifacts(query: { namePrefix?: string; since?: string; maxPages?: number }): Promise<ActivityPage<Artifact>>;
  /** An artifact's ZIP archive. */
  downloadArtifact(id: number): Promise<Uint8Array>;
  /** Pull requests updated since a date, with reviews, commit authors and closing issues (GraphQL pages of 100). */
  listPullActivity(query: ActivityQuery): Promise<ActivityPage<PullActivity>>;
  /** Issues updated since a date, with labels and last comments (GraphQL pages of 100). */
  listIssueActivity(query: ActivityQuery): Promise<ActivityPage<IssueActivity>>;
  /** File content at a ref (default branch when omitted); undefined when missing. */
  getFileContent(path: string, ref?: string): Promise<string | undefined>;
  /** One GraphQL page of open pull requests (oldest first) with what a triage needs; `lastComments` per pull request (default 10). */
  sweepPullRequests(query?: { after?: string | null; first?: number; lastComments?: number }): Promise<PullRequestSweepPage>;
  /** One GraphQL page of open issues carrying any of `labels` (oldest first), each with its last comments (default 10). */
  sweepIssues(query: { labels: string[]; after?: string | null; first?: number; lastComments?: number }): Promise<IssueSweepPage>;
}

export interface GitHubWriter {
  readonly repo: RepoRef;
  /** Create missing labels and fix colour/description drift. Returns the names it created or updated. */
  ensureLabels(labels: LabelDefinition[]): Promise<string[]>;
  addLabels(issueNumber: number, labels: string[]): Promise<void>;
  /** Removing a label that is not there is not an error. */
  removeLabel(issueNumber: number, label: string): Promise<void>;
  createComment(issueNumber: number, body: string): Promise<Comment>;
  updateComment(commentId: number, body: string): Promise<Comment>;
  /**
   * Edit the comment carrying the marker that `author` (the factory's own login) wrote, or create
   * it (the marker is added to the body). A copy of the marker in someone else's comment is ignored.
   * `known`: that comment as the caller has just looked it up (`null`: there is none), so it is
   * not listed again; left out, the comments are listed.
   */
  upsertComment(
    issueNumber: number,
    marker: MarkerRef,
    body: string,
    author: string,
    known?: Comment | null,
  ): Promise<{ comment: Comment; created: boolean; changed: boolean }>;
  createIssue(input: { title: string; body: string; labels?: string[] }): Promise<Issue>;
  updateIssue(
    number: number,
    input: {
      title?: string;
      body?: string;
      state?: 'open' | 'closed';
      stateReason?: 'completed' | 'not_planned' | 'duplicate' | 'reopened';
    },
  ): Promise<Issue>;
  /** Sub-issues API: `childId` is the child issue's REST id (Issue.id), not its number. */
  addSubIssue(parentNumber: number, childId: number): Promise<void>;
  createPullRequest(input: { title: string; body: string; head: string; base: string; draft?: boolean }): Promise<PullRequest>;
  updatePullRequest(number: number, input: { title?: string; body?: string; state?: 'open' | 'closed' }): Promise<PullRequest>;
  createReview(
    prNumber: number,
    input: {
      event: 'COMMENT' | 'APPROVE' | 'REQUEST_CHANGES';
      body: string;
      commitId?: string;
      comments?: {
        path: string;
        line: number;
        side?: 'LEFT' | 'RIGHT';
        start_line?: number;
        start_side?: 'LEFT' | 'RIGHT';
        body: string;
      }[];
    },
  ): Promise<Review>;
  /** A completed check run on a commit (`POST /check-runs`): the factory's verdicts branch rules can require. */
  createCheckRun(input: {
    name: string;
    headSha: string;
    conclusion: 'success' | 'failure' | 'neutral';
    output: { title: string; summary: string };
  }): Promise<CheckRun>;
  /** GraphQL addPullRequestReviewThreadReply. */
  replyToReviewThread(threadId: string, body: string): Promise<ReviewThreadComment>;
  /** GraphQL resolveReviewThread. */
  resolveReviewThread(threadId: string): Promise<void>;
  requestReviewers(prNumber: number, reviewers: string[]): Promise<void>;
  dispatchWorkflow(workflow: string, ref: string, inputs?: Record<string, string>): Promise<void>;
  /** `PUT /pulls/{n}/update-branch`; with `expectedHeadSha`, GitHub refuses (422) when the head is no longer that commit. */
  updateBranch(prNumber: number, expectedHeadSha?: string): Promise<void>;
  /** GraphQL enablePullRequestAutoMerge; with `expectedHeadOid`, GitHub refuses when the head is no longer that commit. */
  enableAutoMerge(prNodeId: string, method?: 'MERGE' | 'SQUASH' | 'REBASE', expectedHeadOid?: string): Promise<void>;
  /** GraphQL disablePullRequestAutoMerge. */
  disableAutoMerge(prNodeId: string): Promise<void>;
  /**
   * `PUT /pulls/{n}/merge` with `sha`: GitHub answers 409 when the head moved since (a
   * GitHubApiError with status 409), 405 when the branch rules refuse.
   */
  mergePullRequest(prNumber: number, input: { sha: string; method: MergeMethod }): Promise<{ sha: string }>;
  /** GraphQL enqueuePullRequest (a merge queue on the base branch), expecting `headSha` as the head. */
  enqueuePullRequest(prNodeId: string, headSha: string): Promise<void>;
  addReaction(
    target: { kind: 'issue_comment' | 'review_comment' | 'issue'; id: number },
    content: '+1' | 'eyes' | 'rocket' | 'confused' | 'hooray' | 'heart' | 'laugh' | '-1',
  ): Promise<void>;
}

export interface GitHub {
  reader: GitHubReader;
  writer: GitHubWriter;
}
