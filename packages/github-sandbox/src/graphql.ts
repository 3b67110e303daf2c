/**
 * GitHub GraphQL over the sandbox state. Every document is validated against GitHub's published
 * schema (@octokit/graphql-schema) and executed by graphql-js with resolvers for the parts the
 * factory uses; other valid fields resolve to null. Like GitHub, bot logins appear without the
 * `[bot]` suffix here (REST keeps it).
 */
import * as fs from 'node:fs';
import { buildSchema, type DocumentNode, execute, type GraphQLError, type GraphQLSchema, Kind, parse, validate } from 'graphql';
import type { CommitInfo, GitRemotes, Mergeability } from './git';
import { decodeNodeId, nodeId } from './ids';
import { closingReferences, ruleRefusal } from './merge';
import { dequeuePull, enqueuePull, entryOf, MergeQueueRefusal, positionOf, queueOf, settleMerges } from './merge-queue';
import { packageFile } from './locate';
import { FORBIDDEN_MESSAGE, GRAPHQL_MUTATION_PERMISSIONS, type Need } from './permissions';
import { HTML } from './render';
import type {
  CheckRunRecord,
  CommentRecord,
  IssueRecord,
  LabelRecord,
  MergeQueueEntryRecord,
  PullRecord,
  RepoRecord,
  ReviewCommentRecord,
  ReviewRecord,
  SandboxState,
  ThreadRecord,
  TimelineRecord,
} from './state';

/** GraphQL IssueTimelineItemsItemType of each kind of timeline record. */
const TIMELINE_TYPES: Record<TimelineRecord['kind'], string> = {
  labeled: 'LABELED_EVENT',
  unlabeled: 'UNLABELED_EVENT',
  renamed: 'RENAMED_TITLE_EVENT',
};

/** PullRequest.mergeable and .mergeStateStatus of each mergeability (`unknown`: merged, closed, or git could not tell). */
const MERGEABLE: Record<Mergeability, string> = { clean: 'MERGEABLE', behind: 'MERGEABLE', dirty: 'CONFLICTING', unknown: 'UNKNOWN' };
const MERGE_STATE: Record<Mergeability, string> = { clean: 'CLEAN', behind: 'BEHIND', dirty: 'DIRTY', unknown: 'UNKNOWN' };

let cachedSchema: GraphQLSchema | undefined;

/** GitHub's schema, built once per process. (The published SDL repeats two fields, hence assumeValidSDL.) */
export function githubSchema(): GraphQLSchema {
  cachedSchema ??= buildSchema(fs.readFileSync(packageFile('@octokit/graphql-schema', 'schema.graphql'), 'utf8'), { assumeValidSDL: true });
  return cachedSchema;
}

export interface GraphqlContext {
  state: SandboxState;
  git: GitRemotes;
  viewer: string;
  /** Whether the request's token holds a permission (default: every permission). */
  can?: (need: Need) => boolean;
}

/** A resolver failure reported with GitHub's error `type` (NOT_FOUND, UNPROCESSABLE, ...). */
class GitHubGraphqlError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

type Obj = Record<string, unknown>;
interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

const cursor = (offset: number): string => Buffer.from(`cursor:v2:${offset}`).toString('base64');
function offsetOf(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const m = /^cursor:v2:(\d+)$/.exec(Buffer.from(value, 'base64').toString('utf8'));
  if (!m) throw new GitHubGraphqlError('INVALID_CURSOR_ARGUMENTS', `\`${value}\` does not appear to be a valid cursor.`);
  return Number(m[1]);
}

/** A Relay connection over a list, with GitHub's rule that `first` or `last` (max 100) is required. */
function connection<T>(name: string, items: T[], args: PageArgs, view: (item: T) => unknown): Obj {
  if (args.first == null && args.last == null) {
    throw new GitHubGraphqlError(
      'MISSING_PAGINATION_BOUNDARIES',
      `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`,
    );
  }
  for (const [key, value] of [
    ['first', args.first],
    ['last', args.last],
  ] as const) {
    if (value != null && (value < 0 || value > 100)) {
      throw new GitHubGraphqlError(
        'EXCESSIVE_PAGINATION',
        `Requesting ${value} records on the \`${name}\` connection exceeds the \`${key}\` limit of 100 records.`,
      );
    }
  }
  const after = offsetOf(args.after);
  const before = offsetOf(args.before);
  let start = after === undefined ? 0 : after + 1;
  let end = before === undefined ? items.length : Math.min(before, items.length);
  if (args.first != null) end = Math.min(end, start + args.first);
  if (args.last != null) start = Math.max(start, end - args.last);
  const slice = items.slice(start, end);
  const edges = slice.map((item, i) => ({ cursor: cursor(start + i), node: view(item) }));
  return {
    totalCount: items.length,
    nodes: edges.map((e) => e.node),
    edges,
    pageInfo: {
      hasNextPage: end < (before === undefined ? items.length : before),
      hasPreviousPage: start > (after === undefined ? 0 : after + 1),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

class Views {
  constructor(readonly ctx: GraphqlContext) {}

  private get state(): SandboxState {
    return this.ctx.state;
  }

  actor(login: string | null): Obj | null {
    if (!login) return null;
    const u = this.state.user(login);
    const shown = u.type === 'Bot' ? u.login.replace(/\[bot\]$/, '') : u.login;
    const path = u.type === 'Bot' ? `/apps/${shown}` : `/${shown}`;
    return {
      __typename: u.type === 'Bot' ? 'Bot' : u.type === 'Organization' ? 'Organization' : 'User',
      id: u.nodeId,
      databaseId: u.id,
      login: shown,
      name: null,
      url: `${HTML}${path}`,
      resourcePath: path,
      avatarUrl: `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
      createdAt: '2020-01-01T00:00:00Z',
      updatedAt: '2020-01-01T00:00:00Z',
    };
  }

  repository(r: RepoRecord): Obj {
    const state = this.state;
    return {
      __typename: 'Repository',
      id: r.nodeId,
      databaseId: r.id,
      name: r.name,
      nameWithOwner: r.fullName,
      owner: () => this.actor(r.owner),
      isPrivate: r.private,
      visibility: r.private ? 'PRIVATE' : 'PUBLIC',
      url: `${HTML}/${r.fullName}`,
      resourcePath: `/${r.fullName}`,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      defaultBranchRef: { __typename: 'Ref', id: `REF_${r.nodeId}`, name: r.defaultBranch, prefix: 'refs/heads/' },
      autoMergeAllowed: r.allowAutoMerge,
      mergeQueue: ({ branch }: { branch?: string | null }) => this.mergeQueue(r, branch ?? r.defaultBranch),
      issue: ({ number }: { number: number }) => {
        const issue = state.findIssue(r.fullName, number);
        if (!issue || issue.isPullRequest)
          throw new GitHubGraphqlError('NOT_FOUND', `Could not resolve to an Issue with the number of ${number}.`);
        return this.issue(issue);
      },
      issueOrPullRequest: async ({ number }: { number: number }) => {
        const issue = state.findIssue(r.fullName, number);
        if (!issue)
          throw new GitHubGraphqlError('NOT_FOUND', `Could not resolve to an issue or pull request with the number of ${number}.`);
        return issue.isPullRequest ? this.pull(await this.fresh(state.findPull(r.fullName, number)!)) : this.issue(issue);
      },
      issues: (
        args: PageArgs & {
          states?: string[];
          labels?: string[];
          orderBy?: { field: string; direction: string };
          filterBy?: { since?: string; createdBy?: string; labels?: string[]; states?: string[] };
        },
      ) => {
        const states = args.states ?? args.filterBy?.states;
        const labels = (args.labels ?? args.filterBy?.labels)?.map((l) => l.toLowerCase());
        const list = state.issues.filter(
          (i) =>
            i.repo === r.fullName &&
            !i.isPullRequest &&
            (!states || states.includes(i.state.toUpperCase())) &&
            // GitHub matches issues carrying any of the given labels.
            (!labels || i.labels.some((l) => labels.includes(l.toLowerCase()))) &&
            (!args.filterBy?.since || i.updatedAt >= args.filterBy.since) &&
            (!args.filterBy?.createdBy || i.user === args.filterBy.createdBy),
        );
        return connection('issues', sortByOrder(list, args.orderBy, state), args, (i) => this.issue(i));
      },
      pullRequest: async ({ number }: { number: number }) => {
        const pull = state.findPull(r.fullName, number);
        if (!pull) throw new GitHubGraphqlError('NOT_FOUND', `Could not resolve to a PullRequest with the number of ${number}.`);
        return this.pull(await this.fresh(pull));
      },
      pullRequests: async (
        args: PageArgs & {
          states?: string[];
          labels?: string[];
          headRefName?: string;
          baseRefName?: string;
          orderBy?: { field: string; direction: string };
        },
      ) => {
        const labels = args.labels?.map((l) => l.toLowerCase());
        const pulls = state.pulls.filter((p) => {
          const issue = state.findIssue(p.repo, p.number)!;
          const prState = p.merged ? 'MERGED' : issue.state.toUpperCase();
          return (
            p.repo === r.fullName &&
            (!args.states || args.states.includes(prState)) &&
            (!labels || issue.labels.some((l) => labels.includes(l.toLowerCase()))) &&
            (!args.headRefName || p.headRef === args.headRefName) &&
            (!args.baseRefName || p.baseRef === args.baseRefName)
          );
        });
        const issues = sortByOrder(
          pulls.map((p) => state.findIssue(p.repo, p.number)!),
          args.orderBy,
          state,
        );
        await this.freshAll(pulls);
        return connection('pullRequests', issues, args, (i) => this.pull(state.findPull(i.repo, i.number)!));
      },
      label: ({ name }: { name: string }) => {
        const label = state.findLabel(r.fullName, name);
        return label ? this.label(label) : null;
      },
      labels: (args: PageArgs) =>
        connection(
          'labels',
          state.labels.filter((l) => l.repo === r.fullName),
          args,
          (l) => this.label(l),
        ),
    };
  }

  /** Whether the base merges into the head, from git (`unknown` once merged or closed, as GitHub says). */
  async mergeability(p: PullRecord): Promise<Mergeability> {
    if (p.merged || this.state.findIssue(p.repo, p.number)?.state !== 'open') return 'unknown';
    await this.fresh(p);
    const [owner, name] = p.repo.split('/') as [string, string];
    return this.ctx.git.mergeability(owner, name, p.baseSha, p.headSha);
  }

  /** Pull requests a connection of this request refreshed already (one read of the branches for the whole page). */
  private readonly refreshed = new WeakSet<PullRecord>();

  /** Refresh many pull requests' head/base shas with one read of each repository's branches. */
  async freshAll(pulls: readonly PullRecord[]): Promise<void> {
    const byRepo = new Map<string, PullRecord[]>();
    for (const p of pulls) if (!p.merged) byRepo.set(p.repo, [...(byRepo.get(p.repo) ?? []), p]);
    for (const [full, list] of byRepo) {
      const [owner, name] = full.split('/') as [string, string];
      const branches = await this.ctx.git.branches(owner, name);
      for (const pull of list) {
        pull.headSha = branches.get(pull.headRef) ?? pull.headSha;
        pull.baseSha = branches.get(pull.baseRef) ?? pull.baseSha;
        this.refreshed.add(pull);
      }
    }
  }

  /** Refresh a PR's head/base shas from its bare repository. */
  async fresh(pull: PullRecord): Promise<PullRecord> {
    if (pull.merged || this.refreshed.has(pull)) return pull;
    const [owner, name] = pull.repo.split('/') as [string, string];
    const branches = await this.ctx.git.branches(owner, name);
    pull.headSha = branches.get(pull.headRef) ?? pull.headSha;
    pull.baseSha = branches.get(pull.baseRef) ?? pull.baseSha;
    return pull;
  }

  label(l: LabelRecord): Obj {
    return {
      __typename: 'Label',
      id: l.nodeId,
      name: l.name,
      color: l.color,
      description: l.description,
      isDefault: l.default,
      url: `${HTML}/${l.repo}/labels/${encodeURIComponent(l.name)}`,
    };
  }

  private issueCommon(i: IssueRecord): Obj {
    const state = this.state;
    const repo = state.repos.find((r) => r.fullName === i.repo)!;
    return {
      databaseId: i.id,
      number: i.number,
      title: i.title,
      body: i.body ?? '',
      bodyText: i.body ?? '',
      closed: i.state === 'closed',
      closedAt: i.closedAt,
      createdAt: i.createdAt,
      updatedAt: i.updatedAt,
      locked: i.locked,
      author: () => this.actor(i.user),
      authorAssociation: i.authorAssociation ?? state.associationOf(i.user, i.repo),
      repository: () => this.repository(repo),
      labels: (args: PageArgs) =>
        connection(
          'labels',
          i.labels.map((n) => state.findLabel(i.repo, n)).filter((l): l is LabelRecord => !!l),
          args,
          (l) => this.label(l),
        ),
      comments: (args: PageArgs) =>
        connection(
          'comments',
          state.comments.filter((c) => c.repo === i.repo && c.issueNumber === i.number),
          args,
          (c) => this.comment(c),
        ),
    };
  }

  issue(i: IssueRecord): Obj {
    const state = this.state;
    return {
      __typename: 'Issue',
      id: i.nodeId,
      ...this.issueCommon(i),
      state: i.state.toUpperCase(),
      stateReason: i.stateReason ? i.stateReason.toUpperCase() : null,
      url: `${HTML}/${i.repo}/issues/${i.number}`,
      resourcePath: `/${i.repo}/issues/${i.number}`,
      lastEditedAt: i.lastEditedAt ?? null,
      editor: () => this.actor(i.editor ?? null),
      timelineItems: (args: PageArgs & { itemTypes?: string[] | null; since?: string | null }) =>
        connection(
          'timelineItems',
          state.timeline.filter(
            (e) =>
              e.repo === i.repo &&
              e.number === i.number &&
              (!args.itemTypes?.length || args.itemTypes.includes(TIMELINE_TYPES[e.kind])) &&
              (!args.since || e.createdAt >= args.since),
          ),
          args,
          (e) => this.timelineItem(e),
        ),
      subIssuesSummary: () => state.subIssuesSummary(i),
      subIssues: (args: PageArgs) =>
        connection(
          'subIssues',
          state.subIssues
            .filter((s) => s.repo === i.repo && s.parentNumber === i.number)
            .map((s) => state.findIssueById(s.childId))
            .filter((x): x is IssueRecord => !!x),
          args,
          (x) => this.issue(x),
        ),
      parent: () => {
        const link = state.subIssues.find((s) => s.childId === i.id);
        const parent = link ? state.findIssue(link.repo, link.parentNumber) : undefined;
        return parent ? this.issue(parent) : null;
      },
    };
  }

  timelineItem(e: TimelineRecord): Obj {
    const base = { id: nodeId('LE_lADO', e.id), createdAt: e.createdAt, actor: this.actor(e.actor) };
    if (e.kind === 'renamed')
      return { __typename: 'RenamedTitleEvent', ...base, previousTitle: e.previousTitle ?? '', currentTitle: e.currentTitle ?? '' };
    const label = this.state.findLabel(e.repo, e.label ?? '');
    return {
      __typename: e.kind === 'labeled' ? 'LabeledEvent' : 'UnlabeledEvent',
      ...base,
      label: label
        ? this.label(label)
        : {
            __typename: 'Label',
            id: `LA_gone_${e.id}`,
            name: e.label ?? '',
            color: 'ededed',
            description: null,
            isDefault: false,
            url: '',
          },
    };
  }

  comment(c: CommentRecord): Obj {
    const issue = this.state.findIssue(c.repo, c.issueNumber);
    return {
      __typename: 'IssueComment',
      id: c.nodeId,
      databaseId: c.id,
      body: c.body,
      bodyText: c.body,
      author: () => this.actor(c.user),
      authorAssociation: c.authorAssociation ?? this.state.associationOf(c.user, c.repo),
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      url: `${HTML}/${c.repo}/${issue?.isPullRequest ? 'pull' : 'issues'}/${c.issueNumber}#issuecomment-${c.id}`,
      isMinimized: false,
    };
  }

  pull(p: PullRecord): Obj {
    const state = this.state;
    const issue = state.findIssue(p.repo, p.number)!;
    const reviews = state.reviews.filter((r) => r.repo === p.repo && r.pullNumber === p.number);
    return {
      __typename: 'PullRequest',
      id: p.nodeId,
      ...this.issueCommon(issue),
      databaseId: p.id,
      state: p.merged ? 'MERGED' : issue.state.toUpperCase(),
      isDraft: p.draft,
      merged: p.merged,
      mergedAt: p.mergedAt,
      mergedBy: () => this.actor(p.mergedBy),
      mergeable: async () => MERGEABLE[await this.mergeability(p)],
      mergeStateStatus: async () => MERGE_STATE[await this.mergeability(p)],
      url: `${HTML}/${p.repo}/pull/${p.number}`,
      resourcePath: `/${p.repo}/pull/${p.number}`,
      headRefName: p.headRef,
      headRefOid: p.headSha,
      baseRefName: p.baseRef,
      baseRefOid: p.baseSha,
      reviewDecision: reviewDecision(reviews),
      isCrossRepository: !!p.headRepo && p.headRepo !== p.repo,
      statusCheckRollup: () => this.statusCheckRollup(p),
      isInMergeQueue: !!entryOf(state, p),
      isMergeQueueEnabled: !!state.findBranchRule(p.repo, p.baseRef)?.mergeQueue,
      mergeQueueEntry: () => {
        const entry = entryOf(state, p);
        return entry ? this.mergeQueueEntry(entry) : null;
      },
      autoMergeRequest: p.autoMerge
        ? {
            __typename: 'AutoMergeRequest',
            enabledAt: p.autoMerge.enabledAt,
            enabledBy: () => this.actor(p.autoMerge!.enabledBy),
            mergeMethod: p.autoMerge.method.toUpperCase(),
            commitHeadline: p.autoMerge.commitTitle,
            commitBody: p.autoMerge.commitMessage,
          }
        : null,
      reviewThreads: (args: PageArgs) =>
        connection(
          'reviewThreads',
          state.threads.filter((t) => t.repo === p.repo && t.pullNumber === p.number),
          args,
          (t) => this.thread(t),
        ),
      reviews: (args: PageArgs & { states?: string[] }) =>
        connection(
          'reviews',
          reviews.filter((r) => !args.states || args.states.includes(r.state)),
          args,
          (r) => this.review(r),
        ),
      closingIssuesReferences: (args: PageArgs) =>
        connection(
          'closingIssuesReferences',
          closingReferences(issue.body, p.repo)
            .map((n) => state.findIssue(p.repo, n))
            .filter((i): i is IssueRecord => !!i && !i.isPullRequest),
          args,
          (i) => this.issue(i),
        ),
      commits: async (args: PageArgs) => {
        const [owner, name] = p.repo.split('/') as [string, string];
        const list = await this.ctx.git.commitsBetween(owner, name, p.headSha, [p.baseSha], 250);
        return connection('commits', list, args, (c) => this.pullCommit(p, c));
      },
    };
  }

  /**
   * The head commit's checks rolled up as GitHub does (null when it has none): the latest run of
   * each name counts; any failure fails the rollup, else any run still going keeps it pending.
   */
  statusCheckRollup(p: PullRecord): Obj | null {
    const latest = new Map<string, CheckRunRecord>();
    for (const run of this.state.checkRuns.filter((r) => r.repo === p.repo && r.headSha === p.headSha)) {
      const seen = latest.get(run.name);
      if (!seen || seen.id < run.id) latest.set(run.name, run);
    }
    const runs = [...latest.values()].sort((a, b) => a.id - b.id);
    if (runs.length === 0) return null;
    const failed = (r: CheckRunRecord) => ['failure', 'timed_out', 'cancelled', 'action_required'].includes(r.conclusion ?? '');
    const rollup = runs.some(failed) ? 'FAILURE' : runs.some((r) => r.status !== 'completed') ? 'PENDING' : 'SUCCESS';
    return {
      __typename: 'StatusCheckRollup',
      id: `SCR_${p.nodeId}_${p.headSha.slice(0, 12)}`,
      state: rollup,
      commit: { __typename: 'Commit', oid: p.headSha },
      contexts: (args: PageArgs) =>
        connection('contexts', runs, args, (r) => ({
          __typename: 'CheckRun',
          id: r.nodeId,
          databaseId: r.id,
          name: r.name,
          status: r.status.toUpperCase(),
          conclusion: r.conclusion ? r.conclusion.toUpperCase() : null,
          startedAt: r.startedAt,
          completedAt: r.completedAt,
          detailsUrl: r.detailsUrl,
        })),
    };
  }

  /** A commit of a pull request; its author's account is matched by a noreply email or a login as name (a bot's is null, as GitHub's User field). */
  pullCommit(p: PullRecord, c: CommitInfo): Obj {
    const noreply = /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/i.exec(c.author.email)?.[1];
    const known = this.state.users.find((u) => u.login === noreply || u.login === c.author.name);
    return {
      __typename: 'PullRequestCommit',
      id: `PURC_${p.nodeId}_${c.sha.slice(0, 12)}`,
      url: `${HTML}/${p.repo}/pull/${p.number}/commits/${c.sha}`,
      commit: {
        __typename: 'Commit',
        oid: c.sha,
        message: c.message,
        messageHeadline: c.message.split('\n')[0] ?? '',
        authoredDate: c.author.date,
        committedDate: c.committer.date,
        author: {
          name: c.author.name,
          email: c.author.email,
          date: c.author.date,
          user: known && known.type === 'User' ? this.actor(known.login) : null,
        },
      },
    };
  }

  /** A branch's merge queue (null: its rules hold no merge_queue rule). */
  mergeQueue(r: RepoRecord, branch: string): Obj | null {
    const rule = this.state.findBranchRule(r.fullName, branch);
    const settings = rule?.mergeQueue;
    if (!rule || !settings) return null;
    const path = `/${r.fullName}/queue/${encodeURIComponent(branch)}`;
    return {
      __typename: 'MergeQueue',
      id: nodeId('MQ_kwDO', rule.rulesetId),
      url: `${HTML}${path}`,
      resourcePath: path,
      nextEntryEstimatedTimeToMerge: null,
      repository: () => this.repository(r),
      configuration: {
        mergeMethod: settings.mergeMethod,
        mergingStrategy: settings.groupingStrategy,
        checkResponseTimeout: settings.checkResponseTimeoutMinutes,
        maximumEntriesToBuild: settings.maxEntriesToBuild,
        maximumEntriesToMerge: settings.maxEntriesToMerge,
        minimumEntriesToMerge: settings.minEntriesToMerge,
        minimumEntriesToMergeWaitTime: settings.minEntriesToMergeWaitMinutes,
      },
      entries: (args: PageArgs) => connection('entries', queueOf(this.state, r.fullName, branch), args, (e) => this.mergeQueueEntry(e)),
    };
  }

  mergeQueueEntry(e: MergeQueueEntryRecord): Obj {
    const state = this.state;
    const group = e.groupId === null ? undefined : state.mergeGroups.find((g) => g.id === e.groupId);
    const repo = state.repos.find((r) => r.fullName === e.repo)!;
    return {
      __typename: 'MergeQueueEntry',
      id: e.nodeId,
      enqueuedAt: e.enqueuedAt,
      enqueuer: () => this.actor(e.enqueuedBy),
      estimatedTimeToMerge: null,
      jump: e.jump,
      solo: false,
      position: positionOf(state, e),
      state: e.state,
      baseCommit: group ? { __typename: 'Commit', oid: group.baseSha } : null,
      headCommit: group ? { __typename: 'Commit', oid: group.headSha } : null,
      pullRequest: () => this.pull(state.findPull(e.repo, e.pullNumber)!),
      mergeQueue: () => this.mergeQueue(repo, e.baseRef),
    };
  }

  review(r: ReviewRecord): Obj {
    return {
      __typename: 'PullRequestReview',
      id: r.nodeId,
      databaseId: r.id,
      body: r.body,
      state: r.state,
      author: () => this.actor(r.user),
      authorAssociation: r.authorAssociation ?? this.state.associationOf(r.user, r.repo),
      submittedAt: r.submittedAt,
      createdAt: r.submittedAt ?? this.state.now(),
      url: `${HTML}/${r.repo}/pull/${r.pullNumber}#pullrequestreview-${r.id}`,
      commit: { __typename: 'Commit', oid: r.commitId },
      comments: (args: PageArgs) =>
        connection(
          'comments',
          this.state.reviewComments.filter((c) => c.reviewId === r.id),
          args,
          (c) => this.reviewComment(c),
        ),
    };
  }

  thread(t: ThreadRecord): Obj {
    const state = this.state;
    return {
      __typename: 'PullRequestReviewThread',
      id: t.id,
      isResolved: t.isResolved,
      isOutdated: t.isOutdated,
      isCollapsed: t.isResolved,
      path: t.path,
      line: t.line,
      originalLine: t.line,
      startLine: null,
      originalStartLine: null,
      diffSide: t.side,
      startDiffSide: null,
      subjectType: t.line === null ? 'FILE' : 'LINE',
      viewerCanReply: true,
      viewerCanResolve: !t.isResolved,
      viewerCanUnresolve: t.isResolved,
      resolvedBy: () => this.actor(t.resolvedBy),
      pullRequest: () => this.pull(state.findPull(t.repo, t.pullNumber)!),
      comments: (args: PageArgs) =>
        connection(
          'comments',
          t.commentIds.map((id) => state.reviewComments.find((c) => c.id === id)).filter((c): c is ReviewCommentRecord => !!c),
          args,
          (c) => this.reviewComment(c),
        ),
    };
  }

  reviewComment(c: ReviewCommentRecord): Obj {
    const state = this.state;
    return {
      __typename: 'PullRequestReviewComment',
      id: c.nodeId,
      databaseId: c.id,
      body: c.body,
      bodyText: c.body,
      author: () => this.actor(c.user),
      authorAssociation: c.authorAssociation ?? state.associationOf(c.user, c.repo),
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      url: `${HTML}/${c.repo}/pull/${c.pullNumber}#discussion_r${c.id}`,
      path: c.path,
      line: c.line,
      originalLine: c.line,
      diffHunk: c.diffHunk,
      outdated: false,
      isMinimized: false,
      replyTo: () => {
        const parent = c.inReplyToId === undefined ? undefined : state.reviewComments.find((x) => x.id === c.inReplyToId);
        return parent ? this.reviewComment(parent) : null;
      },
      pullRequestReview: () => {
        const review = state.reviews.find((r) => r.id === c.reviewId);
        return review ? this.review(review) : null;
      },
      pullRequest: () => this.pull(state.findPull(c.repo, c.pullNumber)!),
    };
  }

  /** Any record by its node id, for `node(id:)` and mutations. */
  node(id: string): Obj | null {
    const s = this.state;
    const decoded = decodeNodeId(id);
    if (!decoded) return null;
    const issue = s.issues.find((i) => i.nodeId === id);
    if (issue) return this.issue(issue);
    const pull = s.pulls.find((p) => p.nodeId === id);
    if (pull) return this.pull(pull);
    const thread = s.threads.find((t) => t.id === id);
    if (thread) return this.thread(thread);
    const comment = s.comments.find((c) => c.nodeId === id);
    if (comment) return this.comment(comment);
    const reviewComment = s.reviewComments.find((c) => c.nodeId === id);
    if (reviewComment) return this.reviewComment(reviewComment);
    const review = s.reviews.find((r) => r.nodeId === id);
    if (review) return this.review(review);
    const repo = s.repos.find((r) => r.nodeId === id);
    if (repo) return this.repository(repo);
    const label = s.labels.find((l) => l.nodeId === id);
    if (label) return this.label(label);
    const entry = s.mergeQueueEntries.find((e) => e.nodeId === id);
    if (entry) return this.mergeQueueEntry(entry);
    const user = s.users.find((u) => u.nodeId === id);
    return user ? this.actor(user.login) : null;
  }
}

function reviewDecision(reviews: ReviewRecord[]): string | null {
  const latest = new Map<string, ReviewRecord>();
  for (const r of reviews) if (r.state === 'APPROVED' || r.state === 'CHANGES_REQUESTED' || r.state === 'DISMISSED') latest.set(r.user, r);
  const states = [...latest.values()].map((r) => r.state);
  if (states.includes('CHANGES_REQUESTED')) return 'CHANGES_REQUESTED';
  if (states.includes('APPROVED')) return 'APPROVED';
  return reviews.length ? 'REVIEW_REQUIRED' : null;
}

function sortByOrder(list: IssueRecord[], orderBy: { field: string; direction: string } | undefined, state: SandboxState): IssueRecord[] {
  const field = orderBy?.field ?? 'CREATED_AT';
  const sign = (orderBy?.direction ?? 'ASC') === 'DESC' ? -1 : 1;
  const key = (i: IssueRecord): string | number =>
    field === 'UPDATED_AT'
      ? i.updatedAt
      : field === 'COMMENTS'
        ? state.comments.filter((c) => c.repo === i.repo && c.issueNumber === i.number).length
        : i.createdAt;
  return [...list].sort((a, b) => (key(a) < key(b) ? -sign : key(a) > key(b) ? sign : sign * (a.number - b.number)));
}

function notFoundNode(id: string): GitHubGraphqlError {
  return new GitHubGraphqlError('NOT_FOUND', `Could not resolve to a node with the global id of '${id}'`);
}

/** Mutations check the token's permission first, as GitHub does (FORBIDDEN, data null). */
function guarded(ctx: GraphqlContext, root: Obj): Obj {
  const out: Obj = { ...root };
  for (const [name, need] of Object.entries(GRAPHQL_MUTATION_PERMISSIONS)) {
    const resolve = root[name] as ((args: unknown) => unknown) | undefined;
    if (!resolve) throw new Error(`sandbox: GRAPHQL_MUTATION_PERMISSIONS names ${name}, which has no resolver`);
    out[name] = (args: unknown) => {
      if (ctx.can && !ctx.can(need)) throw new GitHubGraphqlError('FORBIDDEN', FORBIDDEN_MESSAGE);
      return resolve(args);
    };
  }
  return out;
}

/** Names of the mutations the sandbox resolves (each must have a permission). */
export function servedMutations(state: SandboxState, git: GitRemotes): string[] {
  const fields = githubSchema().getMutationType()?.getFields() ?? {};
  return Object.keys(resolvers({ state, git, viewer: state.viewer })).filter((name) => name in fields);
}

function rootValue(ctx: GraphqlContext): Obj {
  return guarded(ctx, resolvers(ctx));
}

function resolvers(ctx: GraphqlContext): Obj {
  const views = new Views(ctx);
  const { state } = ctx;
  return {
    repository: ({ owner, name }: { owner: string; name: string }) => {
      const repo = state.findRepo(owner, name);
      if (!repo) throw new GitHubGraphqlError('NOT_FOUND', `Could not resolve to a Repository with the name '${owner}/${name}'.`);
      return views.repository(repo);
    },
    viewer: () => views.actor(ctx.viewer),
    node: ({ id }: { id: string }) => views.node(id),
    nodes: ({ ids }: { ids: string[] }) => ids.map((id) => views.node(id)),
    rateLimit: () => ({
      limit: 5000,
      cost: 1,
      remaining: 4999,
      used: 1,
      nodeCount: 1,
      resetAt: new Date(Date.parse(state.now()) + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    }),
    addPullRequestReviewThreadReply: async ({
      input,
    }: {
      input: { pullRequestReviewThreadId: string; body: string; clientMutationId?: string };
    }) => {
      const thread = state.threads.find((t) => t.id === input.pullRequestReviewThreadId);
      if (!thread) throw notFoundNode(input.pullRequestReviewThreadId);
      const pull = await views.fresh(state.findPull(thread.repo, thread.pullNumber)!);
      const first = state.reviewComments.find((c) => c.id === thread.commentIds[0]);
      const reply = state.addReviewComment(thread.repo, thread.pullNumber, {
        reviewId: null,
        path: thread.path,
        line: thread.line,
        side: thread.side,
        body: input.body,
        user: ctx.viewer,
        commitId: pull.headSha,
        diffHunk: first?.diffHunk ?? '',
        inReplyToId: thread.commentIds[0]!,
      });
      return { clientMutationId: input.clientMutationId ?? null, comment: views.reviewComment(reply) };
    },
    resolveReviewThread: ({ input }: { input: { threadId: string; clientMutationId?: string } }) => {
      const thread = state.threads.find((t) => t.id === input.threadId);
      if (!thread) throw notFoundNode(input.threadId);
      thread.isResolved = true;
      thread.resolvedBy = ctx.viewer;
      return { clientMutationId: input.clientMutationId ?? null, thread: views.thread(thread) };
    },
    unresolveReviewThread: ({ input }: { input: { threadId: string; clientMutationId?: string } }) => {
      const thread = state.threads.find((t) => t.id === input.threadId);
      if (!thread) throw notFoundNode(input.threadId);
      thread.isResolved = false;
      thread.resolvedBy = null;
      return { clientMutationId: input.clientMutationId ?? null, thread: views.thread(thread) };
    },
    enablePullRequestAutoMerge: async ({
      input,
    }: {
      input: {
        pullRequestId: string;
        mergeMethod?: string;
        commitHeadline?: string;
        commitBody?: string;
        expectedHeadOid?: string | null;
        clientMutationId?: string;
      };
    }) => {
      const pull = state.pulls.find((p) => p.nodeId === input.pullRequestId);
      if (!pull) throw notFoundNode(input.pullRequestId);
      const issue = state.findIssue(pull.repo, pull.number)!;
      if (pull.merged || issue.state === 'closed') throw new GitHubGraphqlError('UNPROCESSABLE', 'Pull request is closed');
      const repo = state.repos.find((r) => r.fullName === pull.repo)!;
      if (!repo.allowAutoMerge) throw new GitHubGraphqlError('UNPROCESSABLE', 'Auto merge is not allowed for this repository');
      // As GitHub: auto-merge waits for branch rules, so it needs some, and it refuses a pull request
      // that could merge right now ("clean"): the caller merges it directly instead.
      if (!state.findBranchRule(pull.repo, pull.baseRef)) {
        throw new GitHubGraphqlError('UNPROCESSABLE', 'Pull request Protected branch rules not configured for this branch');
      }
      const branches = await ctx.git.branches(repo.owner, repo.name);
      pull.headSha = branches.get(pull.headRef) ?? pull.headSha;
      // As GitHub: a head that is no longer `expectedHeadOid` is refused. The wording is approximate
      // (as reported by GitHub's users, not verified against it word for word).
      if (input.expectedHeadOid && input.expectedHeadOid !== pull.headSha) {
        throw new GitHubGraphqlError('UNPROCESSABLE', 'Pull request expected head oid does not match the current head oid');
      }
      if (ruleRefusal(state, pull) === undefined)
        throw new GitHubGraphqlError('UNPROCESSABLE', 'Pull request Pull request is in clean status');
      pull.autoMerge = {
        method: (input.mergeMethod ?? 'MERGE').toLowerCase() as 'merge' | 'squash' | 'rebase',
        enabledBy: ctx.viewer,
        enabledAt: state.now(),
        commitTitle: input.commitHeadline ?? '',
        commitMessage: input.commitBody ?? '',
      };
      await settleMerges(ctx, repo);
      return { clientMutationId: input.clientMutationId ?? null, actor: views.actor(ctx.viewer), pullRequest: views.pull(pull) };
    },
    enqueuePullRequest: async ({
      input,
    }: {
      input: { pullRequestId: string; expectedHeadOid?: string | null; jump?: boolean | null; clientMutationId?: string };
    }) => {
      const pull = state.pulls.find((p) => p.nodeId === input.pullRequestId);
      if (!pull) throw notFoundNode(input.pullRequestId);
      const repo = state.repos.find((r) => r.fullName === pull.repo)!;
      try {
        const entry = await enqueuePull(ctx, repo, pull, {
          actor: ctx.viewer,
          ...(input.jump ? { jump: true } : {}),
          ...(input.expectedHeadOid ? { expectedHeadOid: input.expectedHeadOid } : {}),
        });
        return { clientMutationId: input.clientMutationId ?? null, mergeQueueEntry: views.mergeQueueEntry(entry) };
      } catch (e) {
        if (e instanceof MergeQueueRefusal) throw new GitHubGraphqlError('UNPROCESSABLE', e.message);
        throw e;
      }
    },
    dequeuePullRequest: async ({ input }: { input: { id: string; clientMutationId?: string } }) => {
      const pull = state.pulls.find((p) => p.nodeId === input.id);
      if (!pull) throw notFoundNode(input.id);
      const entry = entryOf(state, pull);
      // Wording close to GitHub's, not verified word for word.
      if (!entry) throw new GitHubGraphqlError('UNPROCESSABLE', 'Pull request is not in the merge queue');
      await dequeuePull(
        ctx,
        state.repos.find((r) => r.fullName === pull.repo)!,
        entry,
      );
      return { clientMutationId: input.clientMutationId ?? null, mergeQueueEntry: views.mergeQueueEntry(entry) };
    },
    markPullRequestReadyForReview: ({ input }: { input: { pullRequestId: string; clientMutationId?: string } }) => {
      const pull = state.pulls.find((p) => p.nodeId === input.pullRequestId);
      if (!pull) throw notFoundNode(input.pullRequestId);
      pull.draft = false;
      return { clientMutationId: input.clientMutationId ?? null, pullRequest: views.pull(pull) };
    },
    disablePullRequestAutoMerge: ({ input }: { input: { pullRequestId: string; clientMutationId?: string } }) => {
      const pull = state.pulls.find((p) => p.nodeId === input.pullRequestId);
      if (!pull) throw notFoundNode(input.pullRequestId);
      pull.autoMerge = null;
      return { clientMutationId: input.clientMutationId ?? null, actor: views.actor(ctx.viewer), pullRequest: views.pull(pull) };
    },
  };
}

function formatError(error: GraphQLError): Obj {
  const original = error.originalError;
  return {
    ...(original instanceof GitHubGraphqlError ? { type: original.type } : {}),
    ...(error.path ? { path: error.path } : {}),
    ...(original instanceof GitHubGraphqlError && original.type === 'FORBIDDEN' ? { extensions: { saml_failure: false } } : {}),
    ...(error.locations ? { locations: error.locations } : {}),
    message: error.message,
  };
}

export function operationNameOf(document: DocumentNode, requested?: string): string | undefined {
  if (requested) return requested;
  const op = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  return op && op.kind === Kind.OPERATION_DEFINITION ? op.name?.value : undefined;
}

export interface GraphqlOutcome {
  body: Obj;
  operationName?: string;
  /** Set when GitHub's schema rejects the document: a contract violation by the caller. */
  invalid?: string;
}

export async function runGraphql(ctx: GraphqlContext, request: unknown): Promise<GraphqlOutcome> {
  const body = (request && typeof request === 'object' ? request : {}) as { query?: unknown; variables?: unknown; operationName?: unknown };
  if (typeof body.query !== 'string')
    return { body: { errors: [{ message: 'A query attribute must be specified and must be a string.' }] }, invalid: 'missing query' };
  let document: DocumentNode;
  try {
    document = parse(body.query);
  } catch (e) {
    const error = e as GraphQLError;
    return { body: { errors: [formatError(error)] }, invalid: error.message };
  }
  const operationName = operationNameOf(document, typeof body.operationName === 'string' ? body.operationName : undefined);
  const schema = githubSchema();
  const problems = validate(schema, document);
  if (problems.length > 0) {
    return {
      body: { errors: problems.map(formatError) },
      invalid: problems.map((p) => p.message).join('; '),
      ...(operationName ? { operationName } : {}),
    };
  }
  const result = await execute({
    schema,
    document,
    rootValue: rootValue(ctx),
    contextValue: ctx,
    variableValues: (body.variables as Record<string, unknown> | undefined) ?? {},
    ...(operationName ? { operationName } : {}),
  });
  const out: Obj = { data: result.data ?? null };
  if (result.errors?.length) out.errors = result.errors.map(formatError);
  return { body: out, ...(operationName ? { operationName } : {}) };
}
