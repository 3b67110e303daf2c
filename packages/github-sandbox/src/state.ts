/**
 * The sandbox's in-memory GitHub: flat, typed record lists that REST and GraphQL handlers read
 * and write, and that tests seed and inspect directly. Every record carries `repo` ("owner/name").
 * Git content (branches, commits, files) lives in the bare repositories, not here.
 */
import type { AuthorAssociation, Clock } from './types';
import { isoSeconds, nodeId } from './ids';
import { zipFiles } from './zip';

export interface SandboxUser {
  login: string;
  id: number;
  nodeId: string;
  type: 'User' | 'Bot' | 'Organization';
}

export interface RepoRecord {
  id: number;
  nodeId: string;
  owner: string;
  name: string;
  fullName: string;
  defaultBranch: string;
  private: boolean;
  description: string | null;
  createdAt: string;
  updatedAt: string;
  /** Repository setting "Allow auto-merge" (GitHub's default: off). */
  allowAutoMerge: boolean;
  /** Names of the repository's Actions secrets (GitHub never serves a value). */
  secretNames: string[];
  /**
   * Settings -> Actions -> Workflow permissions: the GITHUB_TOKEN's default access, and "Allow GitHub
   * Actions to create and approve pull requests" (GitHub's default for a new repository: read, off).
   */
  workflowPermissions: { defaultAccess: 'read' | 'write'; canApprovePullRequestReviews: boolean };
}

/**
 * What a branch's rules require before a pull request into it merges: check runs by name that
 * must conclude success (or neutral/skipped), and approving reviews. Seeded with `protectBranch`;
 * served as branch protection and as the branch's rules.
 */
export interface BranchRuleRecord {
  repo: string;
  branch: string;
  rulesetId: number;
  requiredChecks: string[];
  requiredApprovingReviewCount: number;
  /** A `merge_queue` rule: pull requests into the branch merge through its merge queue only (null: none). */
  mergeQueue: MergeQueueSettings | null;
}

/** The parameters of a `merge_queue` rule, as GitHub's rules API names them (camel-cased). */
export interface MergeQueueSettings {
  /** How each pull request joins its merge group (GitHub's default: MERGE). REBASE is modelled as SQUASH. */
  mergeMethod: 'MERGE' | 'SQUASH' | 'REBASE';
  groupingStrategy: 'ALLGREEN' | 'HEADGREEN';
  checkResponseTimeoutMinutes: number;
  maxEntriesToBuild: number;
  maxEntriesToMerge: number;
  minEntriesToMerge: number;
  minEntriesToMergeWaitMinutes: number;
}

/** GitHub's defaults for a new merge queue rule. */
export const MERGE_QUEUE_DEFAULTS: MergeQueueSettings = {
  mergeMethod: 'MERGE',
  groupingStrategy: 'ALLGREEN',
  checkResponseTimeoutMinutes: 60,
  maxEntriesToBuild: 5,
  maxEntriesToMerge: 5,
  minEntriesToMerge: 1,
  minEntriesToMergeWaitMinutes: 5,
};

/**
 * A pull request in a branch's merge queue. Entries stay in the list once they leave the queue
 * (`outcome` set); the queue is the entries of a repository and base with no outcome, in order.
 */
export interface MergeQueueEntryRecord {
  repo: string;
  id: number;
  nodeId: string;
  pullNumber: number;
  baseRef: string;
  /** The pull request's head when it was enqueued. */
  headSha: string;
  enqueuedBy: string;
  enqueuedAt: string;
  jump: boolean;
  state: 'QUEUED' | 'AWAITING_CHECKS' | 'MERGEABLE' | 'UNMERGEABLE' | 'LOCKED';
  /** The merge group being checked for it (MergeGroupRecord.id), null before one is built. */
  groupId: number | null;
  outcome: null | 'merged' | 'dequeued';
  /** Why it left the queue without merging (the `pull_request` `dequeued` event's `reason`). */
  dequeueReason: string | null;
}

/**
 * A merge group: the temporary branch `gh-readonly-queue/<base>/pr-<n>-<head sha>` holding the base
 * (and the entries ahead) plus one pull request, whose required checks decide whether it merges.
 */
export interface MergeGroupRecord {
  repo: string;
  id: number;
  entryId: number;
  pullNumber: number;
  baseRef: string;
  /** Branch name, without `refs/heads/`. */
  headRef: string;
  headSha: string;
  /** The commit the group was built on (the base's tip, or the head of the group ahead). */
  baseSha: string;
  status: 'checks_requested' | 'destroyed';
  reason: null | 'merged' | 'invalidated' | 'dequeued';
}

/** A check suite: one per head sha (the sandbox has one app), completed when all its runs are. */
export interface CheckSuiteRecord {
  repo: string;
  id: number;
  nodeId: string;
  headSha: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: CheckRunRecord['conclusion'];
  createdAt: string;
  updatedAt: string;
}

export interface LabelRecord {
  repo: string;
  id: number;
  nodeId: string;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export interface IssueRecord {
  repo: string;
  id: number;
  nodeId: string;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'duplicate' | 'reopened' | null;
  /** Label names, in the order they were added. */
  labels: string[];
  user: string;
  /** Fixed association; when absent it is computed from the association table. */
  authorAssociation?: AuthorAssociation;
  assignees: string[];
  locked: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** True for the issue half of a pull request (PRs share the issue number space). */
  isPullRequest: boolean;
  /** Last edit of the body after creation (GraphQL `lastEditedAt` / `editor`). */
  lastEditedAt?: string | null;
  editor?: string | null;
}

/** Timeline events the factory reads: label changes and title renames. */
export interface TimelineRecord {
  repo: string;
  number: number;
  id: number;
  kind: 'labeled' | 'unlabeled' | 'renamed';
  actor: string;
  createdAt: string;
  label?: string;
  previousTitle?: string;
  currentTitle?: string;
}

export interface AutoMergeRecord {
  method: 'merge' | 'squash' | 'rebase';
  enabledBy: string;
  enabledAt: string;
  commitTitle: string;
  commitMessage: string;
}

/** The pull-request half of a PR; title, body, state and labels live on its IssueRecord. */
export interface PullRecord {
  repo: string;
  number: number;
  id: number;
  nodeId: string;
  headRef: string;
  /** Last known head sha; refreshed from the bare repository whenever the PR is read. */
  headSha: string;
  baseRef: string;
  baseSha: string;
  draft: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergedBy: string | null;
  mergeCommitSha: string | null;
  autoMerge: AutoMergeRecord | null;
  requestedReviewers: string[];
  maintainerCanModify: boolean;
  /**
   * A fork's pull request: the full name of the repository its head branch lives in (rendered as
   * `head.repo`, a fork). The sandbox keeps the head's commits in the base repository under `headRef`.
   */
  headRepo?: string;
}

export interface CommentRecord {
  repo: string;
  id: number;
  nodeId: string;
  issueNumber: number;
  body: string;
  user: string;
  authorAssociation?: AuthorAssociation;
  createdAt: string;
  updatedAt: string;
}

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';

export interface ReviewRecord {
  repo: string;
  id: number;
  nodeId: string;
  pullNumber: number;
  user: string;
  authorAssociation?: AuthorAssociation;
  body: string;
  state: ReviewState;
  commitId: string;
  submittedAt: string | null;
}

export interface ReviewCommentRecord {
  repo: string;
  id: number;
  nodeId: string;
  pullNumber: number;
  reviewId: number | null;
  threadId: string;
  inReplyToId?: number;
  path: string;
  line: number | null;
  side: 'LEFT' | 'RIGHT';
  body: string;
  user: string;
  authorAssociation?: AuthorAssociation;
  commitId: string;
  originalCommitId: string;
  diffHunk: string;
  createdAt: string;
  updatedAt: string;
}

export interface ThreadRecord {
  repo: string;
  /** GraphQL node id (`PRRT_...`): what the reply and resolve mutations take. */
  id: string;
  databaseId: number;
  pullNumber: number;
  path: string;
  line: number | null;
  side: 'LEFT' | 'RIGHT';
  isResolved: boolean;
  resolvedBy: string | null;
  isOutdated: boolean;
  commentIds: number[];
}

export interface CheckRunRecord {
  repo: string;
  id: number;
  nodeId: string;
  name: string;
  headSha: string;
  checkSuiteId: number;
  status: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
  conclusion: 'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required' | null;
  startedAt: string | null;
  completedAt: string | null;
  detailsUrl: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  /** The App (its bot login) that created the run through the API; absent: GitHub Actions. */
  app?: string;
}

export interface WorkflowRecord {
  repo: string;
  id: number;
  nodeId: string;
  name: string;
  /** `.github/workflows/ci.yml` */
  path: string;
  state: 'active' | 'disabled_manually';
  createdAt: string;
}

export interface WorkflowRunRecord {
  repo: string;
  id: number;
  nodeId: string;
  workflowId: number;
  name: string;
  displayTitle: string;
  headBranch: string | null;
  headSha: string;
  event: string;
  status: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
  conclusion: 'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required' | 'stale' | null;
  runNumber: number;
  runAttempt: number;
  actor: string;
  createdAt: string;
  updatedAt: string;
}

/** A workflow artifact (upload-artifact), kept as the ZIP GitHub serves for its download. */
export interface ArtifactRecord {
  repo: string;
  id: number;
  nodeId: string;
  name: string;
  workflowRunId: number | null;
  headBranch: string | null;
  headSha: string | null;
  zip: Buffer;
  createdAt: string;
  expiresAt: string;
  expired: boolean;
}

export interface NewArtifact {
  name: string;
  /** The archive's content: a ZIP as is, or files to zip. */
  zip?: Buffer;
  files?: Record<string, string | Uint8Array>;
  workflowRunId?: number;
  /** Default 90 (GitHub's default retention). */
  retentionDays?: number;
  expired?: boolean;
}

export interface JobRecord {
  repo: string;
  id: number;
  nodeId: string;
  runId: number;
  name: string;
  status: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
  conclusion: 'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required' | null;
  startedAt: string;
  completedAt: string | null;
  /** Plain-text log served by the job-logs redirect. */
  log: string;
}

export interface DispatchRecord {
  repo: string;
  /** As given in the URL: a numeric id or a file name such as `ci.yml`. */
  workflow: string;
  ref: string;
  inputs: Record<string, unknown>;
  actor: string;
  at: string;
}

export interface RepositoryDispatchRecord {
  repo: string;
  eventType: string;
  clientPayload: Record<string, unknown>;
  actor: string;
  at: string;
}

export interface SubIssueRecord {
  repo: string;
  parentNumber: number;
  /** REST id of the child issue (IssueRecord.id), as the sub-issues API takes it. */
  childId: number;
}

export type ReactionContent = '+1' | '-1' | 'laugh' | 'confused' | 'heart' | 'hooray' | 'rocket' | 'eyes';

export interface ReactionRecord {
  repo: string;
  id: number;
  nodeId: string;
  /** `issue` subjects are identified by issue number, comments by comment id. */
  subject: { kind: 'issue' | 'issue_comment' | 'review_comment'; id: number };
  content: ReactionContent;
  user: string;
  createdAt: string;
}

/** Suite conclusions, worst first: a suite concludes with the worst of its runs'. */
const WORST: NonNullable<CheckRunRecord['conclusion']>[] = ['action_required', 'cancelled', 'timed_out', 'failure'];

export interface SeedLabel {
  name: string;
  color: string;
  description?: string;
}

export interface NewIssue {
  title: string;
  body?: string | null;
  labels?: string[];
  /** Author login; default the viewer. */
  user?: string;
  authorAssociation?: AuthorAssociation;
  state?: 'open' | 'closed';
  assignees?: string[];
  createdAt?: string;
}

export interface NewWorkflowRun {
  /** Workflow file name (`ci.yml`) or path (`.github/workflows/ci.yml`). */
  workflow: string;
  name?: string;
  headBranch?: string | null;
  headSha: string;
  event?: string;
  status?: WorkflowRunRecord['status'];
  conclusion?: WorkflowRunRecord['conclusion'];
  actor?: string;
  displayTitle?: string;
  jobs?: { name: string; status?: JobRecord['status']; conclusion?: JobRecord['conclusion']; log?: string }[];
}

export interface NewCheckRun {
  name: string;
  headSha: string;
  status?: CheckRunRecord['status'];
  conclusion?: CheckRunRecord['conclusion'];
  detailsUrl?: string | null;
  output?: Partial<CheckRunRecord['output']>;
}

/** Everything `snapshot()` copies: the whole mutable store. */
export interface StateSnapshot {
  viewer: string;
  repos: RepoRecord[];
  users: SandboxUser[];
  associations: { login: string; repo: string | null; association: AuthorAssociation }[];
  labels: LabelRecord[];
  issues: IssueRecord[];
  pulls: PullRecord[];
  comments: CommentRecord[];
  reviews: ReviewRecord[];
  reviewComments: ReviewCommentRecord[];
  threads: ThreadRecord[];
  checkRuns: CheckRunRecord[];
  checkSuites: CheckSuiteRecord[];
  branchRules: BranchRuleRecord[];
  mergeQueueEntries: MergeQueueEntryRecord[];
  mergeGroups: MergeGroupRecord[];
  workflows: WorkflowRecord[];
  workflowRuns: WorkflowRunRecord[];
  jobs: JobRecord[];
  artifacts: ArtifactRecord[];
  dispatches: DispatchRecord[];
  subIssues: SubIssueRecord[];
  reactions: ReactionRecord[];
  timeline: TimelineRecord[];
}

export class SandboxState implements StateSnapshot {
  /** Login of the authenticated user every request acts as. */
  viewer = 'factory-bot[bot]';
  repos: RepoRecord[] = [];
  users: SandboxUser[] = [];
  /** Per-repo (`repo` set) or global (`repo: null`) author associations. */
  associations: { login: string; repo: string | null; association: AuthorAssociation }[] = [];
  labels: LabelRecord[] = [];
  issues: IssueRecord[] = [];
  pulls: PullRecord[] = [];
  comments: CommentRecord[] = [];
  reviews: ReviewRecord[] = [];
  reviewComments: ReviewCommentRecord[] = [];
  threads: ThreadRecord[] = [];
  checkRuns: CheckRunRecord[] = [];
  checkSuites: CheckSuiteRecord[] = [];
  branchRules: BranchRuleRecord[] = [];
  /** Merge queue entries, in the order they were enqueued (see MergeQueueEntryRecord). */
  mergeQueueEntries: MergeQueueEntryRecord[] = [];
  mergeGroups: MergeGroupRecord[] = [];
  workflows: WorkflowRecord[] = [];
  workflowRuns: WorkflowRunRecord[] = [];
  jobs: JobRecord[] = [];
  /** Workflow artifacts, in upload order. */
  artifacts: ArtifactRecord[] = [];
  dispatches: DispatchRecord[] = [];
  /** `POST /repos/{owner}/{repo}/dispatches` calls (repository_dispatch), in order. */
  repositoryDispatches: RepositoryDispatchRecord[] = [];
  subIssues: SubIssueRecord[] = [];
  timeline: TimelineRecord[] = [];
  reactions: ReactionRecord[] = [];
  private lastId = 1000;

  constructor(private readonly clock: Clock) {}

  nextId(): number {
    this.lastId += 1;
    return this.lastId;
  }

  now(): string {
    return isoSeconds(this.clock.now());
  }

  snapshot(): StateSnapshot {
    const copy: StateSnapshot = {
      viewer: this.viewer,
      repos: this.repos,
      users: this.users,
      associations: this.associations,
      labels: this.labels,
      issues: this.issues,
      pulls: this.pulls,
      comments: this.comments,
      reviews: this.reviews,
      reviewComments: this.reviewComments,
      threads: this.threads,
      checkRuns: this.checkRuns,
      checkSuites: this.checkSuites,
      branchRules: this.branchRules,
      mergeQueueEntries: this.mergeQueueEntries,
      mergeGroups: this.mergeGroups,
      workflows: this.workflows,
      workflowRuns: this.workflowRuns,
      jobs: this.jobs,
      artifacts: this.artifacts,
      dispatches: this.dispatches,
      subIssues: this.subIssues,
      timeline: this.timeline,
      reactions: this.reactions,
    };
    return structuredClone(copy);
  }

  // ---- users and associations ------------------------------------------------------------

  /** The user with this login, created on first mention (`[bot]` logins are bots). */
  user(login: string): SandboxUser {
    let user = this.users.find((u) => u.login === login);
    if (!user) {
      const id = this.nextId();
      const type = login.endsWith('[bot]') ? 'Bot' : 'User';
      user = { login, id, nodeId: nodeId(type === 'Bot' ? 'BOT_kgDO' : 'U_kgDO', id), type };
      this.users.push(user);
    }
    return user;
  }

  /** Set a user's association, for one repository ("owner/name") or, without `repo`, for all. */
  setAssociation(login: string, association: AuthorAssociation, repo?: string): void {
    this.user(login);
    const key = repo ?? null;
    const existing = this.associations.find((a) => a.login === login && a.repo === key);
    if (existing) existing.association = association;
    else this.associations.push({ login, repo: key, association });
  }

  /** Per-repo setting, else global setting, else OWNER for the repository owner, else NONE. */
  associationOf(login: string, repo: string): AuthorAssociation {
    const own = this.associations.find((a) => a.login === login && a.repo === repo);
    if (own) return own.association;
    const global = this.associations.find((a) => a.login === login && a.repo === null);
    if (global) return global.association;
    return repo.split('/')[0] === login ? 'OWNER' : 'NONE';
  }

  // ---- repositories and labels -----------------------------------------------------------

  addRepo(input: {
    owner: string;
    repo: string;
    defaultBranch?: string;
    private?: boolean;
    labels?: SeedLabel[];
    allowAutoMerge?: boolean;
    secretNames?: string[];
    workflowPermissions?: Partial<RepoRecord['workflowPermissions']>;
  }): RepoRecord {
    const fullName = `${input.owner}/${input.repo}`;
    if (this.findRepo(input.owner, input.repo)) throw new Error(`sandbox: repository ${fullName} already exists`);
    this.user(input.owner);
    const id = this.nextId();
    const now = this.now();
    const record: RepoRecord = {
      id,
      nodeId: nodeId('R_kgDO', id),
      owner: input.owner,
      name: input.repo,
      fullName,
      defaultBranch: input.defaultBranch ?? 'main',
      private: input.private ?? false,
      description: null,
      createdAt: now,
      updatedAt: now,
      allowAutoMerge: input.allowAutoMerge ?? false,
      secretNames: [...(input.secretNames ?? [])],
      workflowPermissions: { defaultAccess: 'read', canApprovePullRequestReviews: false, ...input.workflowPermissions },
    };
    this.repos.push(record);
    for (const label of input.labels ?? []) this.ensureLabel(input.owner, input.repo, label);
    return record;
  }

  findRepo(owner: string, repo: string): RepoRecord | undefined {
    const full = `${owner}/${repo}`.toLowerCase();
    return this.repos.find((r) => r.fullName.toLowerCase() === full);
  }

  requireRepo(owner: string, repo: string): RepoRecord {
    const found = this.findRepo(owner, repo);
    if (!found) throw new Error(`sandbox: no repository ${owner}/${repo} (seed it in StartOptions.repos)`);
    return found;
  }

  findLabel(repo: string, name: string): LabelRecord | undefined {
    const lower = name.toLowerCase();
    return this.labels.find((l) => l.repo === repo && l.name.toLowerCase() === lower);
  }

  /** The label, created (GitHub's default colour `ededed`) when the repository lacks it. */
  ensureLabel(owner: string, repo: string, label: { name: string; color?: string; description?: string | null }): LabelRecord {
    const full = this.requireRepo(owner, repo).fullName;
    const existing = this.findLabel(full, label.name);
    if (existing) return existing;
    const id = this.nextId();
    const record: LabelRecord = {
      repo: full,
      id,
      nodeId: nodeId('LA_kwDO', id),
      name: label.name,
      color: (label.color ?? 'ededed').replace(/^#/, ''),
      description: label.description ?? null,
      default: false,
    };
    this.labels.push(record);
    return record;
  }

  // ---- issues and comments ---------------------------------------------------------------

  private nextNumber(repo: string): number {
    return this.issues.filter((i) => i.repo === repo).reduce((max, i) => Math.max(max, i.number), 0) + 1;
  }

  createIssue(owner: string, repo: string, input: NewIssue, isPullRequest = false): IssueRecord {
    const full = this.requireRepo(owner, repo).fullName;
    const id = this.nextId();
    const now = input.createdAt ?? this.now();
    const login = input.user ?? this.viewer;
    this.user(login);
    const labels: string[] = [];
    for (const name of input.labels ?? []) {
      const label = this.ensureLabel(owner, repo, { name });
      if (!labels.includes(label.name)) labels.push(label.name);
    }
    const state = input.state ?? 'open';
    const record: IssueRecord = {
      repo: full,
      id,
      nodeId: nodeId('I_kwDO', id),
      number: this.nextNumber(full),
      title: input.title,
      body: input.body ?? null,
      state,
      stateReason: state === 'closed' ? 'completed' : null,
      labels,
      user: login,
      ...(input.authorAssociation ? { authorAssociation: input.authorAssociation } : {}),
      assignees: [...(input.assignees ?? [])],
      locked: false,
      createdAt: now,
      updatedAt: now,
      closedAt: state === 'closed' ? now : null,
      isPullRequest,
    };
    this.issues.push(record);
    for (const label of labels) this.recordTimeline(record, { kind: 'labeled', actor: login, label, createdAt: now });
    return record;
  }

  recordTimeline(issue: IssueRecord, event: Omit<TimelineRecord, 'repo' | 'number' | 'id' | 'createdAt'> & { createdAt?: string }): void {
    this.timeline.push({ repo: issue.repo, number: issue.number, id: this.nextId(), ...event, createdAt: event.createdAt ?? this.now() });
  }

  /** `actor` adds a label (the REST API and the web UI alike): the label and its timeline event. */
  addLabel(repo: string, number: number, name: string, actor: string): void {
    const issue = this.requireIssue(repo, number);
    const [owner, repoName] = repo.split('/') as [string, string];
    const label = this.ensureLabel(owner, repoName, { name });
    if (issue.labels.includes(label.name)) return;
    issue.labels.push(label.name);
    issue.updatedAt = this.now();
    this.recordTimeline(issue, { kind: 'labeled', actor, label: label.name });
  }

  /** `editor` changes an issue's title or body (the REST API and the web UI alike). */
  editIssue(repo: string, number: number, change: { title?: string; body?: string | null }, editor: string): void {
    const issue = this.requireIssue(repo, number);
    const now = this.now();
    if (change.title !== undefined && change.title !== issue.title) {
      this.recordTimeline(issue, { kind: 'renamed', actor: editor, previousTitle: issue.title, currentTitle: change.title });
      issue.title = change.title;
    }
    if (change.body !== undefined && change.body !== issue.body) {
      issue.body = change.body;
      issue.lastEditedAt = now;
      issue.editor = editor;
    }
    issue.updatedAt = now;
  }

  private requireIssue(repo: string, number: number): IssueRecord {
    const issue = this.findIssue(repo, number);
    if (!issue) throw new Error(`no issue ${repo}#${number}`);
    return issue;
  }

  /** GitHub's sub-issue summary of an issue (REST `sub_issues_summary`, GraphQL `subIssuesSummary`). */
  subIssuesSummary(issue: IssueRecord): { total: number; completed: number; percentCompleted: number } {
    const children = this.subIssues.filter((s) => s.repo === issue.repo && s.parentNumber === issue.number);
    const completed = children.filter((s) => this.findIssueById(s.childId)?.state === 'closed').length;
    return { total: children.length, completed, percentCompleted: children.length ? Math.floor((completed * 100) / children.length) : 0 };
  }

  findIssue(repo: string, number: number): IssueRecord | undefined {
    return this.issues.find((i) => i.repo === repo && i.number === number);
  }

  findIssueById(id: number): IssueRecord | undefined {
    return this.issues.find((i) => i.id === id);
  }

  addComment(
    owner: string,
    repo: string,
    issueNumber: number,
    input: { body: string; user?: string; authorAssociation?: AuthorAssociation; createdAt?: string },
  ): CommentRecord {
    const full = this.requireRepo(owner, repo).fullName;
    const issue = this.findIssue(full, issueNumber);
    if (!issue) throw new Error(`sandbox: no issue ${full}#${issueNumber}`);
    const id = this.nextId();
    const now = input.createdAt ?? this.now();
    const login = input.user ?? this.viewer;
    this.user(login);
    const record: CommentRecord = {
      repo: full,
      id,
      nodeId: nodeId('IC_kwDO', id),
      issueNumber,
      body: input.body,
      user: login,
      ...(input.authorAssociation ? { authorAssociation: input.authorAssociation } : {}),
      createdAt: now,
      updatedAt: now,
    };
    this.comments.push(record);
    issue.updatedAt = now;
    return record;
  }

  // ---- pull requests and reviews ---------------------------------------------------------

  /**
   * Record a pull request. The REST handler checks the head branch exists first; tests calling
   * this directly must push the branch themselves for files and diffs to work.
   */
  createPullRequest(
    owner: string,
    repo: string,
    input: {
      title: string;
      body?: string | null;
      head: string;
      base: string;
      headSha: string;
      baseSha: string;
      draft?: boolean;
      user?: string;
      maintainerCanModify?: boolean;
    },
  ): { issue: IssueRecord; pull: PullRecord } {
    const issue = this.createIssue(
      owner,
      repo,
      { title: input.title, body: input.body ?? null, ...(input.user ? { user: input.user } : {}) },
      true,
    );
    const id = this.nextId();
    const pull: PullRecord = {
      repo: issue.repo,
      number: issue.number,
      id,
      nodeId: nodeId('PR_kwDO', id),
      headRef: input.head,
      headSha: input.headSha,
      baseRef: input.base,
      baseSha: input.baseSha,
      draft: input.draft ?? false,
      merged: false,
      mergedAt: null,
      mergedBy: null,
      mergeCommitSha: null,
      autoMerge: null,
      requestedReviewers: [],
      maintainerCanModify: input.maintainerCanModify ?? false,
    };
    this.pulls.push(pull);
    return { issue, pull };
  }

  findPull(repo: string, number: number): PullRecord | undefined {
    return this.pulls.find((p) => p.repo === repo && p.number === number);
  }

  addReview(
    repo: string,
    pullNumber: number,
    input: { user?: string; state: ReviewState; body: string; commitId: string; authorAssociation?: AuthorAssociation },
  ): ReviewRecord {
    const id = this.nextId();
    const login = input.user ?? this.viewer;
    this.user(login);
    const record: ReviewRecord = {
      repo,
      id,
      nodeId: nodeId('PRR_kwDO', id),
      pullNumber,
      user: login,
      ...(input.authorAssociation ? { authorAssociation: input.authorAssociation } : {}),
      body: input.body,
      state: input.state,
      commitId: input.commitId,
      submittedAt: input.state === 'PENDING' ? null : this.now(),
    };
    this.reviews.push(record);
    return record;
  }

  /** A review comment; starts a new thread unless `inReplyToId` names a comment of one. */
  addReviewComment(
    repo: string,
    pullNumber: number,
    input: {
      reviewId: number | null;
      path: string;
      line: number | null;
      side?: 'LEFT' | 'RIGHT';
      body: string;
      user?: string;
      commitId: string;
      diffHunk?: string;
      inReplyToId?: number;
      authorAssociation?: AuthorAssociation;
    },
  ): ReviewCommentRecord {
    const id = this.nextId();
    const login = input.user ?? this.viewer;
    this.user(login);
    const now = this.now();
    let thread = input.inReplyToId !== undefined ? this.threads.find((t) => t.commentIds.includes(input.inReplyToId!)) : undefined;
    if (!thread) {
      const threadDbId = this.nextId();
      thread = {
        repo,
        id: nodeId('PRRT_kwDO', threadDbId),
        databaseId: threadDbId,
        pullNumber,
        path: input.path,
        line: input.line,
        side: input.side ?? 'RIGHT',
        isResolved: false,
        resolvedBy: null,
        isOutdated: false,
        commentIds: [],
      };
      this.threads.push(thread);
    }
    const record: ReviewCommentRecord = {
      repo,
      id,
      nodeId: nodeId('PRRC_kwDO', id),
      pullNumber,
      reviewId: input.reviewId,
      threadId: thread.id,
      ...(input.inReplyToId !== undefined ? { inReplyToId: thread.commentIds[0] ?? input.inReplyToId } : {}),
      path: thread.path,
      line: thread.line,
      side: thread.side,
      body: input.body,
      user: login,
      ...(input.authorAssociation ? { authorAssociation: input.authorAssociation } : {}),
      commitId: input.commitId,
      originalCommitId: input.commitId,
      diffHunk: input.diffHunk ?? '',
      createdAt: now,
      updatedAt: now,
    };
    thread.commentIds.push(id);
    this.reviewComments.push(record);
    return record;
  }

  // ---- checks and actions ----------------------------------------------------------------

  addCheckRun(owner: string, repo: string, input: NewCheckRun): CheckRunRecord {
    const full = this.requireRepo(owner, repo).fullName;
    const id = this.nextId();
    const now = this.now();
    const status = input.status ?? (input.conclusion ? 'completed' : 'queued');
    const record: CheckRunRecord = {
      repo: full,
      id,
      nodeId: nodeId('CR_kwDO', id),
      name: input.name,
      headSha: input.headSha,
      checkSuiteId: this.suiteFor(full, input.headSha).id,
      status,
      conclusion: input.conclusion ?? null,
      startedAt: status === 'queued' ? null : now,
      completedAt: status === 'completed' ? now : null,
      detailsUrl: input.detailsUrl ?? null,
      output: { title: input.output?.title ?? null, summary: input.output?.summary ?? null, text: input.output?.text ?? null },
    };
    this.checkRuns.push(record);
    this.settleSuite(record.checkSuiteId);
    return record;
  }

  /** The check suite of a head sha, created (queued) with its first run. */
  private suiteFor(repo: string, headSha: string): CheckSuiteRecord {
    const found = this.checkSuites.find((s) => s.repo === repo && s.headSha === headSha);
    if (found) return found;
    const id = this.nextId();
    const now = this.now();
    const suite: CheckSuiteRecord = {
      repo,
      id,
      nodeId: nodeId('CS_kwDO', id),
      headSha,
      status: 'queued',
      conclusion: null,
      createdAt: now,
      updatedAt: now,
    };
    this.checkSuites.push(suite);
    return suite;
  }

  /**
   * Bring a suite up to date with its runs (call after changing a run): completed when every run
   * is, concluding with the worst conclusion among them, as GitHub does.
   */
  settleSuite(suiteId: number): void {
    const suite = this.checkSuites.find((s) => s.id === suiteId);
    if (!suite) return;
    const runs = this.checkRuns.filter((r) => r.checkSuiteId === suiteId);
    const done = runs.length > 0 && runs.every((r) => r.status === 'completed');
    const status = done ? 'completed' : runs.some((r) => r.status !== 'queued') ? 'in_progress' : 'queued';
    const conclusion = done ? (WORST.find((c) => runs.some((r) => r.conclusion === c)) ?? 'success') : null;
    if (suite.status === status && suite.conclusion === conclusion) return;
    Object.assign(suite, { status, conclusion, updatedAt: this.now() });
  }

  /**
   * Seed the rules of a branch (default: the repository's default branch): required check names
   * and the number of approving reviews a pull request into it needs before it merges, and
   * whether it merges through a merge queue (`true`: GitHub's default settings).
   */
  protectBranch(
    owner: string,
    repo: string,
    input: {
      branch?: string;
      requiredChecks?: string[];
      requiredApprovingReviewCount?: number;
      mergeQueue?: boolean | Partial<MergeQueueSettings>;
    },
  ): BranchRuleRecord {
    const record = this.requireRepo(owner, repo);
    const branch = input.branch ?? record.defaultBranch;
    this.branchRules = this.branchRules.filter((r) => !(r.repo === record.fullName && r.branch === branch));
    const rule: BranchRuleRecord = {
      repo: record.fullName,
      branch,
      rulesetId: this.nextId(),
      requiredChecks: [...(input.requiredChecks ?? [])],
      requiredApprovingReviewCount: input.requiredApprovingReviewCount ?? 0,
      mergeQueue: input.mergeQueue ? { ...MERGE_QUEUE_DEFAULTS, ...(input.mergeQueue === true ? {} : input.mergeQueue) } : null,
    };
    this.branchRules.push(rule);
    return rule;
  }

  findBranchRule(repo: string, branch: string): BranchRuleRecord | undefined {
    return this.branchRules.find((r) => r.repo === repo && r.branch === branch);
  }

  /** The workflow for a file name, path, numeric id or name; created from a file name or path. */
  ensureWorkflow(owner: string, repo: string, workflow: string): WorkflowRecord {
    const full = this.requireRepo(owner, repo).fullName;
    const found = this.findWorkflow(full, workflow);
    if (found) return found;
    const path = workflow.includes('/') ? workflow : `.github/workflows/${workflow}`;
    const id = this.nextId();
    const record: WorkflowRecord = {
      repo: full,
      id,
      nodeId: nodeId('W_kwDO', id),
      name: (path.split('/').pop() ?? path).replace(/\.ya?ml$/, ''),
      path,
      state: 'active',
      createdAt: this.now(),
    };
    this.workflows.push(record);
    return record;
  }

  findWorkflow(repo: string, workflow: string | number): WorkflowRecord | undefined {
    const key = String(workflow);
    return this.workflows.find(
      (w) => w.repo === repo && (String(w.id) === key || w.path === key || w.path.split('/').pop() === key || w.name === key),
    );
  }

  addWorkflowRun(owner: string, repo: string, input: NewWorkflowRun): WorkflowRunRecord {
    const workflow = this.ensureWorkflow(owner, repo, input.workflow);
    const id = this.nextId();
    const now = this.now();
    const status = input.status ?? (input.conclusion ? 'completed' : 'queued');
    const actor = input.actor ?? this.viewer;
    this.user(actor);
    const runNumber = this.workflowRuns.filter((r) => r.workflowId === workflow.id).length + 1;
    const record: WorkflowRunRecord = {
      repo: workflow.repo,
      id,
      nodeId: nodeId('WFR_kwLO', id),
      workflowId: workflow.id,
      name: input.name ?? workflow.name,
      displayTitle: input.displayTitle ?? input.name ?? workflow.name,
      headBranch: input.headBranch ?? null,
      headSha: input.headSha,
      event: input.event ?? 'push',
      status,
      conclusion: input.conclusion ?? null,
      runNumber,
      runAttempt: 1,
      actor,
      createdAt: now,
      updatedAt: now,
    };
    this.workflowRuns.push(record);
    for (const job of input.jobs ?? []) {
      const jobId = this.nextId();
      const jobStatus = job.status ?? (job.conclusion ? 'completed' : status);
      this.jobs.push({
        repo: workflow.repo,
        id: jobId,
        nodeId: nodeId('CR_kwDO', jobId),
        runId: id,
        name: job.name,
        status: jobStatus,
        conclusion: job.conclusion ?? (jobStatus === 'completed' ? (record.conclusion === 'stale' ? null : record.conclusion) : null),
        startedAt: now,
        completedAt: jobStatus === 'completed' ? now : null,
        log: job.log ?? '',
      });
    }
    return record;
  }

  /** Store an artifact of a workflow run (as `actions/upload-artifact` does). */
  addArtifact(owner: string, repo: string, input: NewArtifact): ArtifactRecord {
    const record = this.requireRepo(owner, repo);
    const run = input.workflowRunId === undefined ? undefined : this.workflowRuns.find((r) => r.id === input.workflowRunId);
    const id = this.nextId();
    const now = this.now();
    const retention = input.retentionDays ?? 90;
    const artifact: ArtifactRecord = {
      repo: record.fullName,
      id,
      nodeId: nodeId('AR_kwDO', id),
      name: input.name,
      workflowRunId: run?.id ?? input.workflowRunId ?? null,
      headBranch: run?.headBranch ?? null,
      headSha: run?.headSha ?? null,
      zip: input.zip ?? zipFiles(input.files ?? {}),
      createdAt: now,
      expiresAt: isoSeconds(new Date(this.clock.now().getTime() + retention * 86_400_000)),
      expired: input.expired ?? false,
    };
    this.artifacts.push(artifact);
    return artifact;
  }

  addReaction(
    repo: string,
    subject: ReactionRecord['subject'],
    content: ReactionContent,
    user?: string,
  ): { reaction: ReactionRecord; created: boolean } {
    const login = user ?? this.viewer;
    const existing = this.reactions.find(
      (r) => r.repo === repo && r.subject.kind === subject.kind && r.subject.id === subject.id && r.content === content && r.user === login,
    );
    if (existing) return { reaction: existing, created: false };
    this.user(login);
    const id = this.nextId();
    const reaction: ReactionRecord = { repo, id, nodeId: nodeId('REA_lADO', id), subject, content, user: login, createdAt: this.now() };
    this.reactions.push(reaction);
    return { reaction, created: true };
  }
}
