/**
 * State records -> GitHub REST JSON, in the shapes api.github.com returns (every response is
 * checked against the OpenAPI description, so required fields must all be here).
 * `url` fields point at the sandbox; `html_url` fields look like github.com's.
 */
import type { AuthorAssociation } from './types';
import type { Mergeability } from './git';
import type {
  ArtifactRecord,
  CheckRunRecord,
  CommentRecord,
  IssueRecord,
  JobRecord,
  LabelRecord,
  PullRecord,
  ReactionRecord,
  RepoRecord,
  ReviewCommentRecord,
  ReviewRecord,
  SandboxState,
  WorkflowRecord,
  WorkflowRunRecord,
} from './state';

export const HTML = 'https://github.com';

type Obj = Record<string, unknown>;

export class Renderer {
  constructor(
    readonly api: string,
    readonly state: SandboxState,
  ) {}

  user(login: string): Obj {
    const u = this.state.user(login);
    const url = `${this.api}/users/${encodeURIComponent(u.login)}`;
    return {
      login: u.login,
      id: u.id,
      node_id: u.nodeId,
      avatar_url: `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
      gravatar_id: '',
      url,
      html_url:
        u.type === 'Bot' ? `${HTML}/apps/${encodeURIComponent(u.login.replace(/\[bot\]$/, ''))}` : `${HTML}/${encodeURIComponent(u.login)}`,
      followers_url: `${url}/followers`,
      following_url: `${url}/following{/other_user}`,
      gists_url: `${url}/gists{/gist_id}`,
      starred_url: `${url}/starred{/owner}{/repo}`,
      subscriptions_url: `${url}/subscriptions`,
      organizations_url: `${url}/orgs`,
      repos_url: `${url}/repos`,
      events_url: `${url}/events{/privacy}`,
      received_events_url: `${url}/received_events`,
      type: u.type,
      user_view_type: 'public',
      site_admin: false,
    };
  }

  association(login: string, repo: string, fixed?: AuthorAssociation): AuthorAssociation {
    return fixed ?? this.state.associationOf(login, repo);
  }

  repository(r: RepoRecord): Obj {
    const url = `${this.api}/repos/${r.fullName}`;
    const open = this.state.issues.filter((i) => i.repo === r.fullName && i.state === 'open').length;
    return {
      id: r.id,
      node_id: r.nodeId,
      name: r.name,
      full_name: r.fullName,
      private: r.private,
      owner: this.user(r.owner),
      html_url: `${HTML}/${r.fullName}`,
      description: r.description,
      fork: false,
      url,
      archive_url: `${url}/{archive_format}{/ref}`,
      assignees_url: `${url}/assignees{/user}`,
      blobs_url: `${url}/git/blobs{/sha}`,
      branches_url: `${url}/branches{/branch}`,
      collaborators_url: `${url}/collaborators{/collaborator}`,
      comments_url: `${url}/comments{/number}`,
      commits_url: `${url}/commits{/sha}`,
      compare_url: `${url}/compare/{base}...{head}`,
      contents_url: `${url}/contents/{+path}`,
      contributors_url: `${url}/contributors`,
      deployments_url: `${url}/deployments`,
      downloads_url: `${url}/downloads`,
      events_url: `${url}/events`,
      forks_url: `${url}/forks`,
      git_commits_url: `${url}/git/commits{/sha}`,
      git_refs_url: `${url}/git/refs{/sha}`,
      git_tags_url: `${url}/git/tags{/sha}`,
      git_url: `git://github.com/${r.fullName}.git`,
      issue_comment_url: `${url}/issues/comments{/number}`,
      issue_events_url: `${url}/issues/events{/number}`,
      issues_url: `${url}/issues{/number}`,
      keys_url: `${url}/keys{/key_id}`,
      labels_url: `${url}/labels{/name}`,
      languages_url: `${url}/languages`,
      merges_url: `${url}/merges`,
      milestones_url: `${url}/milestones{/number}`,
      notifications_url: `${url}/notifications{?since,all,participating}`,
      pulls_url: `${url}/pulls{/number}`,
      releases_url: `${url}/releases{/id}`,
      ssh_url: `git@github.com:${r.fullName}.git`,
      stargazers_url: `${url}/stargazers`,
      statuses_url: `${url}/statuses/{sha}`,
      subscribers_url: `${url}/subscribers`,
      subscription_url: `${url}/subscription`,
      tags_url: `${url}/tags`,
      teams_url: `${url}/teams`,
      trees_url: `${url}/git/trees{/sha}`,
      clone_url: `${HTML}/${r.fullName}.git`,
      mirror_url: null,
      hooks_url: `${url}/hooks`,
      svn_url: `${HTML}/${r.fullName}`,
      homepage: null,
      language: null,
      forks_count: 0,
      forks: 0,
      stargazers_count: 0,
      watchers_count: 0,
      watchers: 0,
      size: 0,
      default_branch: r.defaultBranch,
      open_issues_count: open,
      open_issues: open,
      is_template: false,
      topics: [],
      has_issues: true,
      has_projects: true,
      has_wiki: true,
      has_pages: false,
      has_downloads: true,
      has_discussions: false,
      archived: false,
      disabled: false,
      visibility: r.private ? 'private' : 'public',
      pushed_at: r.updatedAt,
      created_at: r.createdAt,
      updated_at: r.updatedAt,
      permissions: { admin: true, maintain: true, push: true, triage: true, pull: true },
      allow_auto_merge: r.allowAutoMerge,
      allow_merge_commit: true,
      allow_squash_merge: true,
      allow_rebase_merge: true,
      allow_update_branch: true,
      delete_branch_on_merge: false,
      license: null,
      network_count: 0,
      subscribers_count: 0,
    };
  }

  label(l: LabelRecord): Obj {
    return {
      id: l.id,
      node_id: l.nodeId,
      url: `${this.api}/repos/${l.repo}/labels/${encodeURIComponent(l.name)}`,
      name: l.name,
      color: l.color,
      default: l.default,
      description: l.description,
    };
  }

  private issueLabels(i: IssueRecord, nullDescription = true): Obj[] {
    return i.labels.map((name) => {
      const l = this.state.findLabel(i.repo, name);
      // A label seeded onto an issue without its record (tests do this) still renders as GitHub would.
      const url = `${this.api}/repos/${i.repo}/labels/${encodeURIComponent(name)}`;
      if (!l) return { id: 0, node_id: '', url, name, color: 'ededed', default: false, description: nullDescription ? null : '' };
      const out = this.label(l);
      return nullDescription ? out : { ...out, description: l.description ?? '' };
    });
  }

  reactionRollup(url: string, kind: ReactionRecord['subject']['kind'], repo: string, id: number): Obj {
    const list = this.state.reactions.filter((r) => r.repo === repo && r.subject.kind === kind && r.subject.id === id);
    const count = (c: string): number => list.filter((r) => r.content === c).length;
    return {
      url: `${url}/reactions`,
      total_count: list.length,
      '+1': count('+1'),
      '-1': count('-1'),
      laugh: count('laugh'),
      confused: count('confused'),
      heart: count('heart'),
      hooray: count('hooray'),
      eyes: count('eyes'),
      rocket: count('rocket'),
    };
  }

  issue(i: IssueRecord): Obj {
    const url = `${this.api}/repos/${i.repo}/issues/${i.number}`;
    const pull = i.isPullRequest ? this.state.findPull(i.repo, i.number) : undefined;
    const summary = this.state.subIssuesSummary(i);
    return {
      id: i.id,
      node_id: i.nodeId,
      url,
      repository_url: `${this.api}/repos/${i.repo}`,
      labels_url: `${url}/labels{/name}`,
      comments_url: `${url}/comments`,
      events_url: `${url}/events`,
      html_url: `${HTML}/${i.repo}/${i.isPullRequest ? 'pull' : 'issues'}/${i.number}`,
      number: i.number,
      state: i.state,
      state_reason: i.stateReason,
      title: i.title,
      body: i.body,
      user: this.user(i.user),
      labels: this.issueLabels(i),
      assignee: i.assignees[0] ? this.user(i.assignees[0]) : null,
      assignees: i.assignees.map((a) => this.user(a)),
      milestone: null,
      locked: i.locked,
      active_lock_reason: null,
      comments: this.state.comments.filter((c) => c.repo === i.repo && c.issueNumber === i.number).length,
      created_at: i.createdAt,
      updated_at: i.updatedAt,
      closed_at: i.closedAt,
      author_association: this.association(i.user, i.repo, i.authorAssociation),
      reactions: this.reactionRollup(url, 'issue', i.repo, i.number),
      timeline_url: `${url}/timeline`,
      performed_via_github_app: null,
      sub_issues_summary: { total: summary.total, completed: summary.completed, percent_completed: summary.percentCompleted },
      ...(pull
        ? {
            draft: pull.draft,
            pull_request: {
              url: `${this.api}/repos/${i.repo}/pulls/${i.number}`,
              html_url: `${HTML}/${i.repo}/pull/${i.number}`,
              diff_url: `${HTML}/${i.repo}/pull/${i.number}.diff`,
              patch_url: `${HTML}/${i.repo}/pull/${i.number}.patch`,
              merged_at: pull.mergedAt,
            },
          }
        : {}),
    };
  }

  searchItem(i: IssueRecord): Obj {
    // The search schema types `body` as a non-null string: an empty body is left out.
    const { sub_issues_summary: _summary, body, ...rest } = this.issue(i);
    return { ...rest, ...(body === null ? {} : { body }), score: 1 };
  }

  comment(c: CommentRecord): Obj {
    const url = `${this.api}/repos/${c.repo}/issues/comments/${c.id}`;
    const issue = this.state.findIssue(c.repo, c.issueNumber);
    return {
      id: c.id,
      node_id: c.nodeId,
      url,
      html_url: `${HTML}/${c.repo}/${issue?.isPullRequest ? 'pull' : 'issues'}/${c.issueNumber}#issuecomment-${c.id}`,
      body: c.body,
      user: this.user(c.user),
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      issue_url: `${this.api}/repos/${c.repo}/issues/${c.issueNumber}`,
      author_association: this.association(c.user, c.repo, c.authorAssociation),
      performed_via_github_app: null,
      reactions: this.reactionRollup(url, 'issue_comment', c.repo, c.id),
    };
  }

  private links(p: PullRecord): Obj {
    const api = `${this.api}/repos/${p.repo}`;
    return {
      self: { href: `${api}/pulls/${p.number}` },
      html: { href: `${HTML}/${p.repo}/pull/${p.number}` },
      issue: { href: `${api}/issues/${p.number}` },
      comments: { href: `${api}/issues/${p.number}/comments` },
      review_comments: { href: `${api}/pulls/${p.number}/comments` },
      review_comment: { href: `${api}/pulls/comments{/number}` },
      commits: { href: `${api}/pulls/${p.number}/commits` },
      statuses: { href: `${api}/statuses/${p.headSha}` },
    };
  }

  /** The head of a fork's pull request: its branch in `fork` (owner/name), a fork of the base repository. */
  private forkHead(p: PullRecord, fork: string, base: Obj): Obj {
    const [owner = '', name = ''] = fork.split('/');
    const user = this.user(owner);
    const repo = { ...base, full_name: fork, name, owner: user, fork: true, html_url: `${HTML}/${fork}`, url: `${this.api}/repos/${fork}` };
    return { label: `${owner}:${p.headRef}`, ref: p.headRef, sha: p.headSha, user, repo };
  }

  /** The `pull-request-simple` shape (lists, requested_reviewers). */
  pullSimple(p: PullRecord): Obj {
    const issue = this.state.findIssue(p.repo, p.number)!;
    const repo = this.state.repos.find((r) => r.fullName === p.repo)!;
    const api = `${this.api}/repos/${p.repo}`;
    const repoJson = this.repository(repo);
    const ownerJson = this.user(repo.owner);
    return {
      url: `${api}/pulls/${p.number}`,
      id: p.id,
      node_id: p.nodeId,
      html_url: `${HTML}/${p.repo}/pull/${p.number}`,
      diff_url: `${HTML}/${p.repo}/pull/${p.number}.diff`,
      patch_url: `${HTML}/${p.repo}/pull/${p.number}.patch`,
      issue_url: `${api}/issues/${p.number}`,
      commits_url: `${api}/pulls/${p.number}/commits`,
      review_comments_url: `${api}/pulls/${p.number}/comments`,
      review_comment_url: `${api}/pulls/comments{/number}`,
      comments_url: `${api}/issues/${p.number}/comments`,
      statuses_url: `${api}/statuses/${p.headSha}`,
      number: p.number,
      state: issue.state,
      locked: issue.locked,
      title: issue.title,
      user: this.user(issue.user),
      body: issue.body,
      labels: this.issueLabels(issue, false),
      milestone: null,
      active_lock_reason: null,
      created_at: issue.createdAt,
      updated_at: issue.updatedAt,
      closed_at: issue.closedAt,
      merged_at: p.mergedAt,
      merge_commit_sha: p.mergeCommitSha,
      assignee: issue.assignees[0] ? this.user(issue.assignees[0]) : null,
      assignees: issue.assignees.map((a) => this.user(a)),
      requested_reviewers: p.requestedReviewers.map((r) => this.user(r)),
      requested_teams: [],
      head: p.headRepo
        ? this.forkHead(p, p.headRepo, repoJson)
        : { label: `${repo.owner}:${p.headRef}`, ref: p.headRef, sha: p.headSha, user: ownerJson, repo: repoJson },
      base: { label: `${repo.owner}:${p.baseRef}`, ref: p.baseRef, sha: p.baseSha, user: ownerJson, repo: repoJson },
      _links: this.links(p),
      author_association: this.association(issue.user, p.repo, issue.authorAssociation),
      auto_merge: p.autoMerge
        ? {
            enabled_by: this.user(p.autoMerge.enabledBy),
            merge_method: p.autoMerge.method,
            commit_title: p.autoMerge.commitTitle,
            commit_message: p.autoMerge.commitMessage,
          }
        : null,
      draft: p.draft,
    };
  }

  /** The full `pull-request` shape (get, create, update); stats come from git. */
  pull(
    p: PullRecord,
    stats: { additions: number; deletions: number; changedFiles: number; commits: number; mergeability?: Mergeability },
  ): Obj {
    const simple = this.pullSimple(p);
    const issue = this.state.findIssue(p.repo, p.number)!;
    const done = p.merged || issue.state === 'closed';
    // Whether the base merges into the head (git decides; `unknown` or not computed: as before, clean).
    const dirty = stats.mergeability === 'dirty';
    return {
      ...simple,
      labels: this.issueLabels(issue),
      merged: p.merged,
      mergeable: done ? null : !dirty,
      rebaseable: done ? null : !dirty,
      mergeable_state: done ? 'unknown' : dirty ? 'dirty' : stats.mergeability === 'behind' ? 'behind' : 'clean',
      merged_by: p.mergedBy ? this.user(p.mergedBy) : null,
      comments: this.state.comments.filter((c) => c.repo === p.repo && c.issueNumber === p.number).length,
      review_comments: this.state.reviewComments.filter((c) => c.repo === p.repo && c.pullNumber === p.number).length,
      maintainer_can_modify: p.maintainerCanModify,
      commits: stats.commits,
      additions: stats.additions,
      deletions: stats.deletions,
      changed_files: stats.changedFiles,
    };
  }

  review(r: ReviewRecord): Obj {
    return {
      id: r.id,
      node_id: r.nodeId,
      user: this.user(r.user),
      body: r.body,
      state: r.state,
      html_url: `${HTML}/${r.repo}/pull/${r.pullNumber}#pullrequestreview-${r.id}`,
      pull_request_url: `${this.api}/repos/${r.repo}/pulls/${r.pullNumber}`,
      _links: {
        html: { href: `${HTML}/${r.repo}/pull/${r.pullNumber}#pullrequestreview-${r.id}` },
        pull_request: { href: `${this.api}/repos/${r.repo}/pulls/${r.pullNumber}` },
      },
      ...(r.submittedAt ? { submitted_at: r.submittedAt } : {}),
      commit_id: r.commitId,
      author_association: this.association(r.user, r.repo, r.authorAssociation),
    };
  }

  reviewComment(c: ReviewCommentRecord): Obj {
    const url = `${this.api}/repos/${c.repo}/pulls/comments/${c.id}`;
    const html = `${HTML}/${c.repo}/pull/${c.pullNumber}#discussion_r${c.id}`;
    const pr = `${this.api}/repos/${c.repo}/pulls/${c.pullNumber}`;
    return {
      url,
      pull_request_review_id: c.reviewId,
      id: c.id,
      node_id: c.nodeId,
      diff_hunk: c.diffHunk,
      path: c.path,
      commit_id: c.commitId,
      original_commit_id: c.originalCommitId,
      ...(c.inReplyToId !== undefined ? { in_reply_to_id: c.inReplyToId } : {}),
      user: this.user(c.user),
      body: c.body,
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      html_url: html,
      pull_request_url: pr,
      author_association: this.association(c.user, c.repo, c.authorAssociation),
      _links: { self: { href: url }, html: { href: html }, pull_request: { href: pr } },
      start_line: null,
      original_start_line: null,
      start_side: null,
      line: c.line,
      original_line: c.line,
      side: c.side,
      subject_type: c.line === null ? 'file' : 'line',
      reactions: this.reactionRollup(url, 'review_comment', c.repo, c.id),
    };
  }

  reaction(r: ReactionRecord): Obj {
    return { id: r.id, node_id: r.nodeId, user: this.user(r.user), content: r.content, created_at: r.createdAt };
  }

  actionsApp(): Obj {
    return {
      id: 15368,
      slug: 'github-actions',
      node_id: 'MDM6QXBwMTUzNjg=',
      owner: this.user('github'),
      name: 'GitHub Actions',
      description: 'Automate your workflow from idea to production',
      external_url: 'https://help.github.com/en/actions',
      html_url: `${HTML}/apps/github-actions`,
      created_at: '2018-07-30T09:30:17Z',
      updated_at: '2019-12-10T19:04:12Z',
      permissions: { actions: 'write', checks: 'write', contents: 'write', issues: 'write', pull_requests: 'write' },
      events: ['check_run', 'check_suite', 'pull_request', 'push', 'workflow_dispatch'],
    };
  }

  /** A GitHub App known by its bot's login (`software-factory[bot]` is the App `software-factory`). */
  installedApp(botLogin: string): Obj {
    const slug = botLogin.replace(/\[bot\]$/, '');
    const bot = this.state.user(botLogin);
    return {
      ...this.actionsApp(),
      id: bot.id,
      slug,
      node_id: `A_kwDO${bot.id}`,
      owner: this.user(botLogin),
      name: slug,
      description: `The ${slug} App`,
      external_url: `${HTML}/apps/${slug}`,
      html_url: `${HTML}/apps/${slug}`,
    };
  }

  checkRun(c: CheckRunRecord): Obj {
    const url = `${this.api}/repos/${c.repo}/check-runs/${c.id}`;
    return {
      id: c.id,
      head_sha: c.headSha,
      node_id: c.nodeId,
      external_id: '',
      url,
      html_url: `${HTML}/${c.repo}/runs/${c.id}`,
      details_url: c.detailsUrl ?? `${HTML}/${c.repo}/runs/${c.id}`,
      status: c.status,
      conclusion: c.conclusion,
      started_at: c.startedAt,
      completed_at: c.completedAt,
      output: { ...c.output, annotations_count: 0, annotations_url: `${url}/annotations` },
      name: c.name,
      check_suite: { id: c.checkSuiteId },
      app: c.app ? this.installedApp(c.app) : this.actionsApp(),
      pull_requests: this.pullRequestRefs(c.repo, c.headSha),
    };
  }

  /**
   * The `pull_requests` of a check run, check suite or workflow run, as GitHub fills them: the open
   * pull requests of the same repository whose head is this sha (and this branch, when known).
   */
  pullRequestRefs(full: string, headSha: string, headBranch?: string | null): Obj[] {
    const repo = this.state.repos.find((r) => r.fullName === full);
    if (!repo) return [];
    const ref = { id: repo.id, url: `${this.api}/repos/${full}`, name: repo.name };
    return this.state.pulls
      .filter((p) => p.repo === full && p.headSha === headSha && (headBranch == null || p.headRef === headBranch))
      .filter((p) => this.state.findIssue(full, p.number)?.state === 'open')
      .map((p) => ({
        url: `${this.api}/repos/${full}/pulls/${p.number}`,
        id: p.id,
        number: p.number,
        head: { ref: p.headRef, sha: p.headSha, repo: ref },
        base: { ref: p.baseRef, sha: p.baseSha, repo: ref },
      }));
  }

  private minimalRepository(full: string): Obj {
    const repo = this.state.repos.find((r) => r.fullName === full)!;
    return this.repository(repo);
  }

  workflow(w: WorkflowRecord): Obj {
    return {
      id: w.id,
      node_id: w.nodeId,
      name: w.name,
      path: w.path,
      state: w.state,
      created_at: w.createdAt,
      updated_at: w.createdAt,
      url: `${this.api}/repos/${w.repo}/actions/workflows/${w.id}`,
      html_url: `${HTML}/${w.repo}/blob/main/${w.path}`,
      badge_url: `${HTML}/${w.repo}/workflows/${encodeURIComponent(w.name)}/badge.svg`,
    };
  }

  artifact(a: ArtifactRecord): Obj {
    const repo = this.state.repos.find((r) => r.fullName === a.repo);
    const url = `${this.api}/repos/${a.repo}/actions/artifacts/${a.id}`;
    return {
      id: a.id,
      node_id: a.nodeId,
      name: a.name,
      size_in_bytes: a.zip.length,
      url,
      archive_download_url: `${url}/zip`,
      expired: a.expired,
      created_at: a.createdAt,
      expires_at: a.expiresAt,
      updated_at: a.createdAt,
      digest: null,
      workflow_run:
        a.workflowRunId === null
          ? null
          : {
              id: a.workflowRunId,
              repository_id: repo?.id ?? 0,
              head_repository_id: repo?.id ?? 0,
              head_branch: a.headBranch ?? '',
              head_sha: a.headSha ?? '',
            },
    };
  }

  workflowRun(r: WorkflowRunRecord): Obj {
    const api = `${this.api}/repos/${r.repo}/actions/runs/${r.id}`;
    const workflow = this.state.workflows.find((w) => w.id === r.workflowId);
    return {
      id: r.id,
      name: r.name,
      node_id: r.nodeId,
      check_suite_id: r.id + 1,
      check_suite_node_id: `CS_kwDO${r.id + 1}`,
      head_branch: r.headBranch,
      head_sha: r.headSha,
      path: workflow?.path ?? '',
      display_title: r.displayTitle,
      run_number: r.runNumber,
      event: r.event,
      status: r.status,
      conclusion: r.conclusion,
      workflow_id: r.workflowId,
      url: api,
      html_url: `${HTML}/${r.repo}/actions/runs/${r.id}`,
      pull_requests: this.pullRequestRefs(r.repo, r.headSha, r.headBranch),
      created_at: r.createdAt,
      updated_at: r.updatedAt,
      actor: this.user(r.actor),
      triggering_actor: this.user(r.actor),
      run_attempt: r.runAttempt,
      run_started_at: r.createdAt,
      jobs_url: `${api}/jobs`,
      logs_url: `${api}/logs`,
      check_suite_url: `${this.api}/repos/${r.repo}/check-suites/${r.id + 1}`,
      artifacts_url: `${api}/artifacts`,
      cancel_url: `${api}/cancel`,
      rerun_url: `${api}/rerun`,
      workflow_url: `${this.api}/repos/${r.repo}/actions/workflows/${r.workflowId}`,
      head_commit: null,
      repository: this.minimalRepository(r.repo),
      head_repository: this.minimalRepository(r.repo),
    };
  }

  job(j: JobRecord): Obj {
    const run = this.state.workflowRuns.find((r) => r.id === j.runId);
    return {
      id: j.id,
      run_id: j.runId,
      run_url: `${this.api}/repos/${j.repo}/actions/runs/${j.runId}`,
      run_attempt: run?.runAttempt ?? 1,
      node_id: j.nodeId,
      head_sha: run?.headSha ?? '',
      head_branch: run?.headBranch ?? null,
      workflow_name: run?.name ?? null,
      url: `${this.api}/repos/${j.repo}/actions/jobs/${j.id}`,
      html_url: `${HTML}/${j.repo}/actions/runs/${j.runId}/job/${j.id}`,
      status: j.status,
      conclusion: j.conclusion,
      created_at: j.startedAt,
      started_at: j.startedAt,
      completed_at: j.completedAt,
      name: j.name,
      steps: [],
      check_run_url: `${this.api}/repos/${j.repo}/check-runs/${j.id}`,
      labels: ['ubuntu-latest'],
      runner_id: null,
      runner_name: null,
      runner_group_id: null,
      runner_group_name: null,
    };
  }
}
