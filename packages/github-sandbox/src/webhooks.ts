/**
 * Turns changes to the sandbox into the webhook events GitHub sends. A mutating request runs
 * between two marks of the state; what changed between them (an issue opened, a label added, a
 * review submitted, a ref moved in the git remote, ...) becomes events with GitHub's payloads,
 * `sender` the token's identity and `causedBy` its kind. Mutating requests are observed one at a
 * time, so each change is attributed to the request that made it. Refs that moved outside any
 * request (a `git push` straight to the bare repository) are noticed at the next sync and
 * attributed to the repository's owner.
 */
import type { EventBus, EventCause } from './events';
import type { CommitInfo, GitRemotes } from './git';
import { type TokenRegistry, tokenOf } from './permissions';
import { HTML, Renderer } from './render';
import { entryOf, MERGE_QUEUE_BRANCH_PREFIX, MERGE_QUEUE_LOGIN } from './merge-queue';
import type { IssueRecord, MergeGroupRecord, PullRecord, RepoRecord, ReviewCommentRecord, SandboxState, WorkflowRunRecord } from './state';

type Obj = Record<string, unknown>;

const ZERO = '0000000000000000000000000000000000000000';
/** The installation id the sandbox's App (and GitHub Actions' GITHUB_TOKEN) acts through. */
export const INSTALLATION = { id: 4242, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==' } as const;

interface IssueMark {
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  /** Label ids (a renamed label is the same label). */
  labels: number[];
  draft?: boolean;
  /** When auto-merge was enabled (null: off); pull requests only. */
  autoMerge?: string | null;
  /** Its merge queue entry's id while it is in a merge queue (null: not queued); pull requests only. */
  queued?: number | null;
}

/** Merge queue events are GitHub's own: sent, and the queue's pushes made, as its bot. */
const MERGE_QUEUE_CAUSE: EventCause = { kind: 'github', login: MERGE_QUEUE_LOGIN };

interface Marks {
  issues: Map<number, IssueMark>;
  comments: Map<number, string>;
  reviews: Map<number, string>;
  reviewComments: Set<number>;
  threads: Map<string, boolean>;
  checkRuns: Map<number, string>;
  checkSuites: Map<number, string>;
  workflowRuns: Map<number, string>;
  mergeGroups: Map<number, MergeGroupRecord['status']>;
  mergeQueueEntries: number;
  dispatches: number;
  repositoryDispatches: number;
}

function labelIds(state: SandboxState, issue: IssueRecord): number[] {
  return issue.labels.map((name) => state.findLabel(issue.repo, name)?.id ?? -1);
}

function pullMark(state: SandboxState, pull: PullRecord | undefined): Pick<IssueMark, 'draft' | 'autoMerge' | 'queued'> {
  return {
    draft: pull?.draft ?? false,
    autoMerge: pull?.autoMerge?.enabledAt ?? null,
    queued: (pull && entryOf(state, pull)?.id) ?? null,
  };
}

function mark(state: SandboxState): Marks {
  return {
    issues: new Map(
      state.issues.map((i) => [
        i.id,
        {
          title: i.title,
          body: i.body,
          state: i.state,
          labels: labelIds(state, i),
          ...(i.isPullRequest ? pullMark(state, state.findPull(i.repo, i.number)) : {}),
        },
      ]),
    ),
    comments: new Map(state.comments.map((c) => [c.id, c.body])),
    reviews: new Map(state.reviews.map((r) => [r.id, r.state])),
    reviewComments: new Set(state.reviewComments.map((c) => c.id)),
    threads: new Map(state.threads.map((t) => [t.id, t.isResolved])),
    checkRuns: new Map(state.checkRuns.map((c) => [c.id, c.status])),
    checkSuites: new Map(state.checkSuites.map((c) => [c.id, c.status])),
    workflowRuns: new Map(state.workflowRuns.map((r) => [r.id, r.status])),
    mergeGroups: new Map(state.mergeGroups.map((g) => [g.id, g.status])),
    mergeQueueEntries: state.mergeQueueEntries.length,
    dispatches: state.dispatches.length,
    repositoryDispatches: state.repositoryDispatches.length,
  };
}

/** Fields of REST renderings that webhook payloads do not carry. */
const OMITTED = new Set(['user_view_type', 'sub_issues_summary', 'network_count', 'subscribers_count']);

/** The `repository-lite` shape workflow_run carries: the URL templates, not the clone URLs and counters. */
const LITE_REPOSITORY = new Set([
  'archive_url',
  'assignees_url',
  'blobs_url',
  'branches_url',
  'collaborators_url',
  'comments_url',
  'commits_url',
  'compare_url',
  'contents_url',
  'contributors_url',
  'deployments_url',
  'description',
  'downloads_url',
  'events_url',
  'fork',
  'forks_url',
  'full_name',
  'git_commits_url',
  'git_refs_url',
  'git_tags_url',
  'hooks_url',
  'html_url',
  'id',
  'issue_comment_url',
  'issue_events_url',
  'issues_url',
  'keys_url',
  'labels_url',
  'languages_url',
  'merges_url',
  'milestones_url',
  'name',
  'node_id',
  'notifications_url',
  'owner',
  'private',
  'pulls_url',
  'releases_url',
  'stargazers_url',
  'statuses_url',
  'subscribers_url',
  'subscription_url',
  'tags_url',
  'teams_url',
  'trees_url',
  'url',
]);

function lite(repository: Obj): Obj {
  return Object.fromEntries(Object.entries(repository).filter(([key]) => LITE_REPOSITORY.has(key)));
}

/** REST shapes -> webhook shapes: webhook users lack `user_view_type`; repositories carry two more fields. */
export function hookShape<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => hookShape(v) as unknown) as T;
  if (!value || typeof value !== 'object') return value;
  const out: Obj = {};
  for (const [key, v] of Object.entries(value as Obj)) {
    if (OMITTED.has(key)) continue;
    out[key] = hookShape(v);
  }
  if (typeof out.full_name === 'string' && typeof out.clone_url === 'string') {
    out.web_commit_signoff_required ??= false;
    out.custom_properties ??= {};
  }
  return out as T;
}

export interface WebhookDeps {
  state: SandboxState;
  git: GitRemotes;
  bus: EventBus;
  /** REST base URL, known once the server listens. */
  api: () => string;
}

export class WebhookEmitter {
  private readonly known = new Map<string, Map<string, string>>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Marks of the request being observed (a push that disables auto-merge updates them: its event is sent already). */
  private marks: Marks | undefined;

  constructor(private readonly deps: WebhookDeps) {}

  private get render(): Renderer {
    return new Renderer(this.deps.api(), this.deps.state);
  }

  /** Remember the refs of a freshly seeded repository (its initial commit is no push). */
  async prime(repo: RepoRecord): Promise<void> {
    this.known.set(repo.fullName, await this.deps.git.refs(repo.owner, repo.name));
  }

  /**
   * Run `work` (a mutating request) and emit the events for what it changed, caused by `cause`.
   * With `refs`, pushes are looked for too (before: out-of-band ones; after: the request's own).
   */
  observe<T>(cause: EventCause, refs: boolean, work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      if (refs) await this.syncRefs();
      const before = mark(this.deps.state);
      this.marks = before;
      try {
        return await work();
      } finally {
        if (refs) await this.syncRefs(cause);
        this.marks = undefined;
        await this.emitChanges(before, cause);
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Look for refs moved since the last look (outside a request: attributed to the repository's owner). */
  syncPushes(): Promise<void> {
    const run = this.queue.then(() => this.syncRefs());
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Emit now, outside any request (GitHub itself completing a run). */
  emit(name: string, repo: RepoRecord, payload: Obj, cause: EventCause, sender = cause.login): void {
    this.deps.bus.emit(name, this.envelope(repo, payload, cause, sender), cause);
  }

  private envelope(repo: RepoRecord, payload: Obj, cause: EventCause, sender = cause.login): Obj {
    return hookShape({
      ...payload,
      repository: this.render.repository(repo),
      sender: this.render.user(sender),
      ...(cause.kind === 'app' || cause.kind === 'github-token' || 'client_payload' in payload
        ? { installation: { ...INSTALLATION } }
        : {}),
    });
  }

  private repoOf(fullName: string): RepoRecord {
    return this.deps.state.repos.find((r) => r.fullName === fullName)!;
  }

  private async syncRefs(cause?: EventCause): Promise<void> {
    for (const repo of [...this.deps.state.repos]) {
      const now = await this.deps.git.refs(repo.owner, repo.name);
      const before = this.known.get(repo.fullName);
      this.known.set(repo.fullName, now);
      if (!before) continue;
      const who = cause ?? { kind: 'user' as const, login: repo.owner };
      for (const ref of new Set([...before.keys(), ...now.keys()])) {
        const was = before.get(ref) ?? ZERO;
        const is = now.get(ref) ?? ZERO;
        if (was !== is) await this.push(repo, ref, was, is, before, this.byMergeQueue(repo, ref, is) ? MERGE_QUEUE_CAUSE : who);
      }
    }
  }

  /** A ref the merge queue moved: a merge group's branch, or a base fast-forwarded to a group that merged. */
  private byMergeQueue(repo: RepoRecord, ref: string, after: string): boolean {
    if (ref.startsWith(`refs/heads/${MERGE_QUEUE_BRANCH_PREFIX}`)) return true;
    return this.deps.state.mergeGroups.some(
      (g) => g.repo === repo.fullName && g.reason === 'merged' && g.headSha === after && ref === `refs/heads/${g.baseRef}`,
    );
  }

  private async push(repo: RepoRecord, ref: string, before: string, after: string, refsBefore: Map<string, string>, cause: EventCause) {
    const { git, state } = this.deps;
    const created = before === ZERO;
    const deleted = after === ZERO;
    const forced = !created && !deleted && !(await git.isAncestor(repo.owner, repo.name, before, after));
    const exclude = created ? [...refsBefore.entries()].filter(([r]) => r !== ref).map(([, sha]) => sha) : [before];
    const commits = deleted ? [] : await git.commitsBetween(repo.owner, repo.name, after, [...new Set(exclude)]);
    const pusher = state.user(cause.login);
    const commitJson = commits.map((c) => this.commitJson(repo, c));
    let head: Obj | null = commitJson.find((c) => c.id === after) ?? null;
    if (!deleted && !head) {
      const [tip] = await git.commitsBetween(repo.owner, repo.name, after, [`${after}^@`], 1);
      head = tip ? { ...this.commitJson(repo, tip), distinct: false } : null;
    }
    const compare = created
      ? `${HTML}/${repo.fullName}/commit/${after.slice(0, 12)}`
      : `${HTML}/${repo.fullName}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`;
    this.emit(
      'push',
      repo,
      {
        ref,
        before,
        after,
        created,
        deleted,
        forced,
        base_ref: null,
        compare,
        commits: commitJson,
        head_commit: head,
        pusher: { name: pusher.login, email: `${pusher.id}+${pusher.login}@users.noreply.github.com` },
      },
      cause,
    );
    const branch = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
    if (!branch || deleted) return;
    for (const pull of state.pulls) {
      const issue = state.findIssue(pull.repo, pull.number);
      if (pull.repo !== repo.fullName || pull.headRef !== branch || pull.merged || issue?.state !== 'open') continue;
      pull.headSha = after;
      this.emit(
        'pull_request',
        repo,
        { action: 'synchronize', number: pull.number, before, after, pull_request: await this.pull(pull) },
        cause,
      );
      // A push to the head disables auto-merge (GitHub: a push by someone else than who enabled it).
      if (pull.autoMerge) {
        pull.autoMerge = null;
        const marked = this.marks?.issues.get(issue.id);
        if (marked) marked.autoMerge = null;
        const reason = 'Auto-merge was disabled because new commits were pushed to the head branch';
        this.emit(
          'pull_request',
          repo,
          { action: 'auto_merge_disabled', number: pull.number, pull_request: await this.pull(pull), reason },
          cause,
        );
      }
    }
  }

  private commitJson(repo: RepoRecord, c: CommitInfo): Obj {
    return {
      id: c.sha,
      tree_id: c.tree,
      distinct: true,
      message: c.message,
      timestamp: c.committer.date,
      url: `${HTML}/${repo.fullName}/commit/${c.sha}`,
      author: { name: c.author.name, email: c.author.email },
      committer: { name: c.committer.name, email: c.committer.email },
      added: c.added,
      removed: c.removed,
      modified: c.modified,
    };
  }

  /** The full pull request, with the stats git computes. */
  async pull(p: PullRecord): Promise<Obj> {
    const repo = this.repoOf(p.repo);
    const { git } = this.deps;
    const files = await git.changedFiles(repo.owner, repo.name, p.baseSha, p.headSha).catch(() => []);
    const commits = await git.aheadCount(repo.owner, repo.name, p.baseSha, p.headSha).catch(() => 0);
    return this.render.pull(p, {
      additions: files.reduce((n, f) => n + f.additions, 0),
      deletions: files.reduce((n, f) => n + f.deletions, 0),
      changedFiles: files.length,
      commits,
    });
  }

  private async emitChanges(before: Marks, cause: EventCause): Promise<void> {
    const { state } = this.deps;
    const render = this.render;
    for (const issue of state.issues) {
      const was = before.issues.get(issue.id);
      await this.issueChanges(issue, was, cause, before);
    }
    for (const c of state.comments) {
      const was = before.comments.get(c.id);
      if (was === c.body) continue;
      const issue = state.findIssue(c.repo, c.issueNumber)!;
      const change = was === undefined ? { action: 'created' } : { action: 'edited', changes: { body: { from: was } } };
      this.emit('issue_comment', this.repoOf(c.repo), { ...change, issue: render.issue(issue), comment: render.comment(c) }, cause);
    }
    for (const r of state.reviews) {
      const was = before.reviews.get(r.id);
      if (r.state === 'PENDING' || (was !== undefined && was !== 'PENDING')) continue;
      const pull = state.findPull(r.repo, r.pullNumber)!;
      this.emit(
        'pull_request_review',
        this.repoOf(r.repo),
        { action: 'submitted', review: { ...render.review(r), state: r.state.toLowerCase() }, pull_request: render.pullSimple(pull) },
        cause,
      );
    }
    for (const c of state.reviewComments) {
      if (before.reviewComments.has(c.id)) continue;
      const pull = state.findPull(c.repo, c.pullNumber)!;
      this.emit(
        'pull_request_review_comment',
        this.repoOf(c.repo),
        { action: 'created', comment: this.reviewComment(c), pull_request: render.pullSimple(pull) },
        cause,
      );
    }
    for (const t of state.threads) {
      const was = before.threads.get(t.id);
      if (was === undefined || was === t.isResolved) continue;
      const pull = state.findPull(t.repo, t.pullNumber)!;
      const comments = state.reviewComments.filter((c) => t.commentIds.includes(c.id)).map((c) => this.reviewComment(c));
      this.emit(
        'pull_request_review_thread',
        this.repoOf(t.repo),
        { action: t.isResolved ? 'resolved' : 'unresolved', thread: { node_id: t.id, comments }, pull_request: render.pullSimple(pull) },
        cause,
      );
    }
    for (const d of state.dispatches.slice(before.dispatches)) {
      const workflow = state.findWorkflow(d.repo, d.workflow);
      this.emit(
        'workflow_dispatch',
        this.repoOf(d.repo),
        {
          inputs: d.inputs,
          ref: d.ref.startsWith('refs/') ? d.ref : `refs/heads/${d.ref}`,
          workflow: workflow?.path ?? `.github/workflows/${d.workflow}`,
        },
        cause,
      );
    }
    for (const d of state.repositoryDispatches.slice(before.repositoryDispatches)) {
      const repo = this.repoOf(d.repo);
      this.emit('repository_dispatch', repo, { action: d.eventType, branch: repo.defaultBranch, client_payload: d.clientPayload }, cause);
    }
    for (const c of state.checkRuns) {
      if (c.status !== 'completed' || before.checkRuns.get(c.id) === 'completed') continue;
      await this.checkCompleted(c.id, cause);
    }
    for (const suite of state.checkSuites) {
      if (suite.status !== 'completed' || before.checkSuites.get(suite.id) === 'completed') continue;
      const repo = this.repoOf(suite.repo);
      this.emit('check_suite', repo, { action: 'completed', check_suite: await this.checkSuite(repo, suite.id, suite.headSha) }, cause);
    }
    for (const r of state.workflowRuns) {
      if (r.status !== 'completed' || before.workflowRuns.get(r.id) === 'completed') continue;
      await this.workflowRunCompleted(r, cause);
    }
    for (const group of state.mergeGroups) {
      const was = before.mergeGroups.get(group.id);
      if (was === undefined) await this.mergeGroup(group, 'checks_requested');
      if (group.status === 'destroyed' && was !== 'destroyed') await this.mergeGroup(group, 'destroyed');
    }
  }

  /** `merge_group` checks_requested (a group was built) or destroyed (with its reason), sent as the merge queue. */
  private async mergeGroup(group: MergeGroupRecord, action: 'checks_requested' | 'destroyed'): Promise<void> {
    const repo = this.repoOf(group.repo);
    const mergeGroup = {
      head_sha: group.headSha,
      head_ref: `refs/heads/${group.headRef}`,
      base_sha: group.baseSha,
      base_ref: `refs/heads/${group.baseRef}`,
      head_commit: await this.headCommit(repo, group.headSha),
    };
    const reason = action === 'destroyed' ? { reason: group.reason ?? 'invalidated' } : {};
    this.emit('merge_group', repo, { action, merge_group: mergeGroup, ...reason }, MERGE_QUEUE_CAUSE);
  }

  private async issueChanges(issue: IssueRecord, was: IssueMark | undefined, cause: EventCause, marks: Marks): Promise<void> {
    const { state } = this.deps;
    const render = this.render;
    const repo = this.repoOf(issue.repo);
    const pull = issue.isPullRequest ? state.findPull(issue.repo, issue.number) : undefined;
    const name = pull ? 'pull_request' : 'issues';
    const subject = async (): Promise<Obj> =>
      pull ? { number: pull.number, pull_request: await this.pull(pull) } : { issue: render.issue(issue) };
    const send = async (action: string, extra: Obj = {}): Promise<void> =>
      this.emit(name, repo, { action, ...(await subject()), ...extra }, cause);
    const labels = (ids: number[]): Obj[] => ids.map((id) => this.label(issue, id));
    const now = labelIds(state, issue);
    if (!was) {
      await send('opened');
      for (const label of labels(now)) await send('labeled', { label });
      return;
    }
    const changes: Obj = {};
    if (was.title !== issue.title) changes.title = { from: was.title };
    if (was.body !== issue.body) changes.body = { from: was.body ?? '' };
    if (Object.keys(changes).length) await send('edited', { changes });
    for (const label of labels(now.filter((id) => !was.labels.includes(id)))) await send('labeled', { label });
    for (const label of labels(was.labels.filter((id) => !now.includes(id)))) await send('unlabeled', { label });
    if (pull && was.draft === true && !pull.draft) await send('ready_for_review');
    if (pull && was.queued !== undefined) {
      // Joined the merge queue (even if it merged or left again at once), and left it without merging (a merge closes it instead).
      const joined = state.mergeQueueEntries
        .slice(marks.mergeQueueEntries)
        .filter((e) => e.repo === pull.repo && e.pullNumber === pull.number);
      const left = [...state.mergeQueueEntries.filter((e) => e.id === was.queued), ...joined].filter((e) => e.outcome === 'dequeued');
      for (const _ of joined) await send('enqueued');
      for (const entry of left) {
        const reason = entry.dequeueReason ?? 'MANUAL';
        this.emit(
          'pull_request',
          repo,
          { action: 'dequeued', ...(await subject()), reason },
          reason === 'MANUAL' ? cause : MERGE_QUEUE_CAUSE,
        );
      }
    }
    if (pull && !pull.merged && was.autoMerge !== undefined && was.autoMerge !== (pull.autoMerge?.enabledAt ?? null)) {
      if (pull.autoMerge) await send('auto_merge_enabled', { reason: 'Auto-merge was enabled' });
      else await send('auto_merge_disabled', { reason: 'Auto-merge was disabled' });
    }
    if (was.state !== issue.state) await send(issue.state === 'closed' ? 'closed' : 'reopened');
  }

  /**
   * A review comment as webhooks carry it: with its (legacy) diff `position`, counted from the
   * hunk it sits in, and a review id always (GitHub files every comment under a review; a reply
   * made outside one carries the review of the comment it answers).
   */
  private reviewComment(c: ReviewCommentRecord): Obj {
    const { state } = this.deps;
    const thread = state.threads.find((t) => t.id === c.threadId);
    const first = state.reviewComments.find((r) => r.id === thread?.commentIds[0]);
    const position = Math.max(1, c.diffHunk.split('\n').length - 1);
    return {
      ...this.render.reviewComment(c),
      pull_request_review_id: c.reviewId ?? first?.reviewId ?? c.id,
      position: thread?.isOutdated ? null : position,
      original_position: position,
    };
  }

  private label(issue: IssueRecord, id: number): Obj {
    const found = this.deps.state.labels.find((l) => l.id === id);
    return found
      ? this.render.label(found)
      : {
          id,
          node_id: '',
          url: `${this.deps.api()}/repos/${issue.repo}/labels`,
          name: '',
          color: 'ededed',
          default: false,
          description: null,
        };
  }

  private async checkCompleted(id: number, cause: EventCause): Promise<void> {
    const run = this.deps.state.checkRuns.find((c) => c.id === id)!;
    const repo = this.repoOf(run.repo);
    const suite = await this.checkSuite(repo, run.checkSuiteId, run.headSha);
    const checkRun = this.render.checkRun(run);
    const { latest_check_runs_count: _count, check_runs_url: _url, head_commit: _head, ...suiteOfRun } = suite;
    this.emit('check_run', repo, { action: 'completed', check_run: { ...checkRun, check_suite: suiteOfRun } }, cause);
  }

  /** The `commit-simple` shape of a commit (check suites, workflow runs). */
  private async headCommit(repo: RepoRecord, sha: string): Promise<Obj> {
    const [tip] = await this.deps.git.commitsBetween(repo.owner, repo.name, sha, [`${sha}^@`], 1).catch(() => []);
    if (!tip)
      return {
        id: sha,
        tree_id: sha,
        message: '',
        timestamp: this.deps.state.now(),
        author: { name: '', email: '' },
        committer: { name: '', email: '' },
      };
    return {
      id: tip.sha,
      tree_id: tip.tree,
      message: tip.message,
      timestamp: tip.committer.date,
      author: { name: tip.author.name, email: tip.author.email },
      committer: { name: tip.committer.name, email: tip.committer.email },
    };
  }

  /** The check suite `id` as it stands (its record: one per head sha, settled from its runs). */
  /** Pull requests' head shas as the bare repository has them now (a push may not have been read yet). */
  private async refreshPullHeads(repo: RepoRecord): Promise<void> {
    const branches = await this.deps.git.branches(repo.owner, repo.name);
    for (const p of this.deps.state.pulls) {
      if (p.repo === repo.fullName && !p.merged) p.headSha = branches.get(p.headRef) ?? p.headSha;
    }
  }

  private async checkSuite(repo: RepoRecord, id: number, headSha: string): Promise<Obj> {
    const api = `${this.deps.api()}/repos/${repo.fullName}`;
    const now = this.deps.state.now();
    const record = this.deps.state.checkSuites.find((s) => s.id === id);
    await this.refreshPullHeads(repo);
    const pullRequests = this.render.pullRequestRefs(repo.fullName, headSha);
    return {
      id,
      node_id: record?.nodeId ?? `CS_kwDO${id}`,
      // A pull request's head, or a merge group's branch (its suite names no pull request).
      head_branch:
        (pullRequests[0]?.head as { ref?: string } | undefined)?.ref ??
        this.deps.state.mergeGroups.find((g) => g.repo === repo.fullName && g.headSha === headSha)?.headRef ??
        null,
      head_sha: headSha,
      status: record?.status ?? 'completed',
      conclusion: record?.conclusion ?? null,
      url: `${api}/check-suites/${id}`,
      before: null,
      after: headSha,
      pull_requests: pullRequests,
      app: this.render.actionsApp(),
      created_at: record?.createdAt ?? now,
      updated_at: record?.updatedAt ?? now,
      latest_check_runs_count: this.deps.state.checkRuns.filter((c) => c.checkSuiteId === id).length,
      check_runs_url: `${api}/check-suites/${id}/check-runs`,
      head_commit: await this.headCommit(repo, headSha),
    };
  }

  /** workflow_run completed (and the run's check suite), as GitHub sends when a run finishes. */
  private async workflowRunCompleted(run: WorkflowRunRecord, cause: EventCause): Promise<void> {
    const repo = this.repoOf(run.repo);
    const workflow = this.deps.state.workflows.find((w) => w.id === run.workflowId)!;
    await this.refreshPullHeads(repo);
    const rendered = this.render.workflowRun(run);
    const workflowRun = {
      ...rendered,
      repository: lite(rendered.repository as Obj),
      head_repository: lite(rendered.head_repository as Obj),
      head_commit: await this.headCommit(repo, run.headSha),
      previous_attempt_url: null,
    };
    this.emit(
      'workflow_run',
      repo,
      { action: 'completed', workflow: this.render.workflow(workflow), workflow_run: workflowRun },
      cause,
      run.actor,
    );
  }
}

/** What a request needs to know to be observed. */
export interface ObservedRequest {
  method: string;
  pathname: string;
  authorization: string | undefined;
  body: Buffer;
}

const GIT_PUSH_PATH = /^\/[^/]+\/[^/]+?\.git\/git-receive-pack$/;

/**
 * Run a request, observed when it may change something: REST writes, GraphQL mutations and git
 * pushes made with a token. Reads and unauthenticated requests run as they are.
 */
export function observeRequest<T>(
  emitter: WebhookEmitter | undefined,
  tokens: TokenRegistry,
  req: ObservedRequest,
  work: () => Promise<T>,
): Promise<T> {
  const token = tokenOf(req.authorization);
  if (!emitter || !token) return work();
  let refs: boolean;
  if (req.pathname === '/graphql' || req.pathname === '/api/graphql') {
    if (req.method !== 'POST' || !/\bmutation\b/.test(req.body.toString('utf8'))) return work();
    // A mutation may move refs (an auto-merge that merges at once, a merge queue building a group).
    refs = true;
  } else if (/\.git\//.test(req.pathname)) {
    if (req.method !== 'POST' || !GIT_PUSH_PATH.test(req.pathname)) return work();
    refs = true;
  } else if (req.method === 'GET' || req.method === 'HEAD') {
    return work();
  } else {
    refs = true;
  }
  const who = tokens.lookup(token);
  return emitter.observe({ kind: who.kind, login: who.login }, refs, work);
}
