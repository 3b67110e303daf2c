import { findMarkers, hasMarker, withMarker } from '../github/markers';
import type {
  Actor,
  Comment,
  GitHubReader,
  GitHubWriter,
  Issue,
  IssueQuery,
  MarkerRef,
  PullRequest,
  RepoRef,
  Review,
  ReviewThread,
  ReviewThreadComment,
} from '../github/types';
import { isFactoryLabel } from '../state/labels';
import type { PolicyContext } from './context';
import { INTENT_KINDS } from './intents';

/**
 * A small in-memory GitHub for policy and applier tests: one repository, issues and pull
 * requests sharing one number space, comments, reviews, review threads and sub-issues. Every
 * writer call is recorded in `writes`, so a test can assert "no writes".
 */
export class FakeGitHub {
  readonly repo: RepoRef = { owner: 'acme', repo: 'app' };
  readonly bot: Actor = { login: 'factory-bot[bot]', type: 'Bot' };
  readonly defaultBranch = 'main';
  readonly writes: { method: string; args: unknown[] }[] = [];
  readonly issues = new Map<number, Issue>();
  readonly pulls = new Map<number, PullRequest>();
  readonly comments = new Map<number, Comment[]>();
  readonly reviews = new Map<number, Review[]>();
  readonly threads = new Map<number, ReviewThread[]>();
  readonly subIssues = new Map<number, number[]>();
  private nextNumber = 1;
  private nextId = 1000;
  private readonly time = '2024-01-01T00:00:00Z';

  readonly reader: GitHubReader;
  readonly writer: GitHubWriter;

  constructor() {
    this.reader = this.makeReader();
    this.writer = this.makeWriter();
  }

  /** Seed an issue authored by a human. */
  addIssue(input: { title?: string; body?: string; labels?: string[]; state?: 'open' | 'closed'; author?: string }): Issue {
    const number = this.nextNumber++;
    const issue = this.issueRecord(number, input.title ?? `Issue ${number}`, input.body ?? '', input.labels ?? [], {
      login: input.author ?? 'alice',
      type: 'User',
    });
    issue.state = input.state ?? 'open';
    this.issues.set(number, issue);
    return issue;
  }

  /** Seed a pull request (also visible as an issue, as on GitHub). */
  addPullRequest(input: { title?: string; head?: string; labels?: string[]; author?: string; sha?: string } = {}): PullRequest {
    const number = this.nextNumber++;
    const author: Actor = { login: input.author ?? 'alice', type: 'User' };
    const pr: PullRequest = {
      number,
      nodeId: `PR_${number}`,
      id: this.nextId++,
      title: input.title ?? `PR ${number}`,
      body: '',
      state: 'open',
      draft: false,
      merged: false,
      labels: input.labels ?? [],
      author,
      authorAssociation: 'MEMBER',
      head: { ref: input.head ?? `factory/${number}`, sha: input.sha ?? 'sha-1', repoFullName: 'acme/app' },
      base: { ref: this.defaultBranch, sha: 'base-sha' },
      url: `https://github.test/acme/app/pull/${number}`,
      createdAt: this.time,
      updatedAt: this.time,
    };
    this.pulls.set(number, pr);
    const issue = this.issueRecord(number, pr.title, '', pr.labels, author);
    issue.isPullRequest = true;
    this.issues.set(number, issue);
    return pr;
  }

  /** Seed a review thread with one comment. */
  addThread(pr: number, input: { author?: string; body?: string; path?: string } = {}): ReviewThread {
    const thread: ReviewThread = {
      id: `PRRT_${this.nextId++}`,
      isResolved: false,
      isOutdated: false,
      path: input.path ?? 'src/a.ts',
      line: 1,
      comments: [this.threadComment(input.body ?? 'please fix', { login: input.author ?? 'alice', type: 'User' })],
    };
    this.threads.set(pr, [...(this.threads.get(pr) ?? []), thread]);
    return thread;
  }

  private issueRecord(number: number, title: string, body: string, labels: string[], author: Actor): Issue {
    return {
      number,
      nodeId: `I_${number}`,
      id: this.nextId++,
      title,
      body,
      state: 'open',
      labels: [...labels],
      author,
      authorAssociation: 'MEMBER',
      createdAt: this.time,
      updatedAt: this.time,
      isPullRequest: false,
      url: `https://github.test/acme/app/issues/${number}`,
    };
  }

  private threadComment(body: string, author: Actor): ReviewThreadComment {
    const id = this.nextId++;
    return { id: `PRRC_${id}`, databaseId: id, body, author, authorAssociation: 'MEMBER', createdAt: this.time, url: '' };
  }

  private issue(number: number): Issue {
    const issue = this.issues.get(number);
    if (!issue) throw new Error(`fake GitHub: no issue #${number}`);
    return issue;
  }

  private pull(number: number): PullRequest {
    const pr = this.pulls.get(number);
    if (!pr) throw new Error(`fake GitHub: no pull request #${number}`);
    return pr;
  }

  private findThread(threadId: string): ReviewThread {
    for (const list of this.threads.values()) {
      const t = list.find((x) => x.id === threadId);
      if (t) return t;
    }
    throw new Error(`fake GitHub: no review thread ${threadId}`);
  }

  private setLabels(number: number, labels: string[]): void {
    this.issue(number).labels = labels;
    const pr = this.pulls.get(number);
    if (pr) pr.labels = labels;
  }

  private makeReader(): GitHubReader {
    const copy = <T>(v: T): T => structuredClone(v);
    const notUsed = (name: string) => () => Promise.reject(new Error(`fake GitHub: ${name} is not implemented`));
    return {
      repo: this.repo,
      getRepository: async () => ({ fullName: 'acme/app', defaultBranch: this.defaultBranch, private: false, nodeId: 'R_1' }),
      getIssue: async (n) => copy(this.issue(n)),
      listIssues: async (q?: IssueQuery) =>
        copy(
          [...this.issues.values()].filter(
            (i) =>
              (q?.includePullRequests || !i.isPullRequest) &&
              (q?.state === 'all' || i.state === (q?.state ?? 'open')) &&
              (q?.labels ?? []).every((l) => i.labels.includes(l)),
          ),
        ),
      listIssuesPage: notUsed('listIssuesPage'),
      getIssueChanges: async () => ({ renames: [], labeled: [] }),
      // Search lags behind writes on GitHub; the fake never finds anything, like a cold index.
      searchIssues: async () => [],
      listComments: async (n) => copy(this.comments.get(n) ?? []),
      findCommentByMarker: async (n, m: MarkerRef, author: string) =>
        copy((this.comments.get(n) ?? []).find((c) => c.author.login === author && hasMarker(c.body, m))),
      listSubIssues: async (n) => copy((this.subIssues.get(n) ?? []).map((c) => this.issue(c))),
      getPullRequest: async (n) => copy(this.pull(n)),
      listPullRequests: async () => copy([...this.pulls.values()]),
      listPullRequestFiles: async () => [],
      getPullRequestDiff: async () => '',
      compareCommits: async () => ({ status: 'identical', aheadBy: 0, behindBy: 0, files: [] }),
      listReviews: async (n) => copy(this.reviews.get(n) ?? []),
      listReviewThreads: async (n) => copy(this.threads.get(n) ?? []),
      listCheckRuns: async () => [],
      getBranchRules: async () => ({ requiredChecks: [], mergeQueue: false }),
      getMergeQueueEntry: async () => undefined,
      listWorkflowRuns: async () => [],
      getFailedJobLogs: async () => [],
      getFileContent: async () => undefined,
      listArtifacts: notUsed('listArtifacts'),
      downloadArtifact: notUsed('downloadArtifact'),
      listPullActivity: notUsed('listPullActivity'),
      listIssueActivity: notUsed('listIssueActivity'),
      sweepPullRequests: notUsed('sweepPullRequests'),
      sweepIssues: notUsed('sweepIssues'),
    };
  }

  private makeWriter(): GitHubWriter {
    const log = (method: string, ...args: unknown[]) => this.writes.push({ method, args });
    const newComment = (body: string): Comment => ({
      id: this.nextId++,
      nodeId: `IC_${this.nextId}`,
      body,
      author: this.bot,
      authorAssociation: 'NONE',
      createdAt: this.time,
      updatedAt: this.time,
      url: '',
    });
    return {
      repo: this.repo,
      ensureLabels: async (labels) => {
        log('ensureLabels', labels);
        return [];
      },
      addLabels: async (n, labels) => {
        log('addLabels', n, labels);
        this.setLabels(n, [...new Set([...this.issue(n).labels, ...labels])]);
      },
      removeLabel: async (n, label) => {
        log('removeLabel', n, label);
        this.setLabels(
          n,
          this.issue(n).labels.filter((l) => l !== label),
        );
      },
      createComment: async (n, body) => {
        log('createComment', n, body);
        const c = newComment(body);
        this.comments.set(n, [...(this.comments.get(n) ?? []), c]);
        return c;
      },
      updateComment: async (id, body) => {
        log('updateComment', id, body);
        for (const list of this.comments.values()) {
          const c = list.find((x) => x.id === id);
          if (c) {
            c.body = body;
            return c;
          }
        }
        throw new Error(`fake GitHub: no comment ${id}`);
      },
      upsertComment: async (n, m, body, author) => {
        log('upsertComment', n, m, body);
        const full = withMarker(body, m);
        const list = this.comments.get(n) ?? [];
        const existing = list.find((c) => c.author.login === author && hasMarker(c.body, m));
        if (existing) {
          const changed = existing.body !== full;
          existing.body = full;
          return { comment: existing, created: false, changed };
        }
        const c = newComment(full);
        this.comments.set(n, [...list, c]);
        return { comment: c, created: true, changed: true };
      },
      createIssue: async (input) => {
        log('createIssue', input);
        const number = this.nextNumber++;
        const issue = this.issueRecord(number, input.title, input.body, input.labels ?? [], this.bot);
        this.issues.set(number, issue);
        return structuredClone(issue);
      },
      updateIssue: async (n, input) => {
        log('updateIssue', n, input);
        const issue = this.issue(n);
        if (input.title !== undefined) issue.title = input.title;
        if (input.body !== undefined) issue.body = input.body;
        if (input.state !== undefined) issue.state = input.state;
        if (input.stateReason !== undefined) issue.stateReason = input.stateReason;
        return structuredClone(issue);
      },
      addSubIssue: async (parent, childId) => {
        log('addSubIssue', parent, childId);
        const child = [...this.issues.values()].find((i) => i.id === childId);
        if (!child) throw new Error(`fake GitHub: no issue with id ${childId}`);
        this.subIssues.set(parent, [...(this.subIssues.get(parent) ?? []), child.number]);
      },
      createPullRequest: async (input) => {
        log('createPullRequest', input);
        return this.addPullRequest({ title: input.title, head: input.head });
      },
      updatePullRequest: async (n, input) => {
        log('updatePullRequest', n, input);
        return Object.assign(this.pull(n), input);
      },
      createReview: async (n, input) => {
        log('createReview', n, input);
        const review: Review = {
          id: this.nextId++,
          nodeId: `PRR_${this.nextId}`,
          author: this.bot,
          state: input.event === 'APPROVE' ? 'APPROVED' : input.event === 'REQUEST_CHANGES' ? 'CHANGES_REQUESTED' : 'COMMENTED',
          body: input.body,
          commitId: input.commitId ?? this.pull(n).head.sha,
        };
        this.reviews.set(n, [...(this.reviews.get(n) ?? []), review]);
        return review;
      },
      replyToReviewThread: async (threadId, body) => {
        log('replyToReviewThread', threadId, body);
        const c = this.threadComment(body, this.bot);
        this.findThread(threadId).comments.push(c);
        return c;
      },
      resolveReviewThread: async (threadId) => {
        log('resolveReviewThread', threadId);
        this.findThread(threadId).isResolved = true;
      },
      requestReviewers: async (...args) => void log('requestReviewers', ...args),
      dispatchWorkflow: async (...args) => void log('dispatchWorkflow', ...args),
      updateBranch: async (...args) => void log('updateBranch', ...args),
      enableAutoMerge: async (...args) => void log('enableAutoMerge', ...args),
      disableAutoMerge: async (...args) => void log('disableAutoMerge', ...args),
      mergePullRequest: async (n, input) => {
        log('mergePullRequest', n, input);
        return { sha: input.sha };
      },
      enqueuePullRequest: async (...args) => void log('enqueuePullRequest', ...args),
      createCheckRun: async (input) => {
        log('createCheckRun', input);
        return { id: this.nextId++, name: input.name, status: 'completed', conclusion: input.conclusion, headSha: input.headSha };
      },
      addReaction: async (...args) => void log('addReaction', ...args),
    };
  }

  /** Markers found in a body (handy in assertions). */
  static markersOf(body: string): string[] {
    return findMarkers(body).map((m) => `${m.kind}:${m.key}`);
  }
}

/** A stand-in redactor: GitHub-token-shaped strings are secrets. */
export function fakeRedact(text: string): string {
  return text.replace(/\bgh[pousr]_[A-Za-z0-9]{20,}\b/g, '***');
}

const EXTRA_LABELS = ['good first issue'];

/** A policy context for tests: feature-planner on issue #7 and the real state machine. */
export function testPolicyContext(overrides: Partial<PolicyContext> = {}): PolicyContext {
  return {
    automation: 'feature-planner',
    repo: 'acme/app',
    subject: { type: 'issue', number: 7, labels: [], authorLogin: 'alice' },
    allowedKinds: [...INTENT_KINDS],
    allowedTargets: [7, 8],
    openedByFactory: [],
    threads: {},
    risk: 'low',
    defaultBranch: 'main',
    config: {
      isAllowedLabel: (l) => isFactoryLabel(l) || EXTRA_LABELS.includes(l),
      extraLabels: EXTRA_LABELS,
      protectedPaths: ['.github/**', 'package-lock.json', 'prompts/**'],
      botLogin: 'factory-bot[bot]',
      autoMergeTiers: ['low'],
    },
    redact: fakeRedact,
    ...overrides,
  };
}
