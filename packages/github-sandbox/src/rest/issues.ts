/** Issues, issue comments, labels, sub-issues and reactions. */
import { bodyObject, HttpError, notFound, paginate, repoOf, type RestContext, type RouteDef, validationFailed } from '../http';
import type { IssueRecord, ReactionContent } from '../state';

const R = '/repos/{owner}/{repo}';

function issueOf(ctx: RestContext): IssueRecord {
  const repo = repoOf(ctx);
  const issue = ctx.state.findIssue(repo.fullName, Number(ctx.params.issue_number));
  if (!issue) throw notFound();
  return issue;
}

function sortIssues(list: IssueRecord[], sort: unknown, direction: unknown, commentCount: (i: IssueRecord) => number): IssueRecord[] {
  const key = (i: IssueRecord): string | number => (sort === 'updated' ? i.updatedAt : sort === 'comments' ? commentCount(i) : i.createdAt);
  const sign = direction === 'asc' ? 1 : -1;
  return [...list].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -sign : ka > kb ? sign : sign * (a.number - b.number);
  });
}

/** Label names from any of the body shapes GitHub accepts for add/set labels. */
function labelNames(body: unknown): string[] {
  const list = Array.isArray(body) ? body : body && typeof body === 'object' ? (body as { labels?: unknown }).labels : body;
  const items = Array.isArray(list) ? list : typeof list === 'string' ? [list] : [];
  return items.map((item) => (typeof item === 'string' ? item : String((item as { name?: unknown }).name ?? ''))).filter((n) => n !== '');
}

function touch(ctx: RestContext, issue: IssueRecord): void {
  issue.updatedAt = ctx.state.now();
}

function applyLabels(ctx: RestContext, issue: IssueRecord, names: string[]): void {
  for (const name of names) ctx.state.addLabel(issue.repo, issue.number, name, ctx.viewer);
}

function issueLabelsJson(ctx: RestContext, issue: IssueRecord): unknown[] {
  return issue.labels.map((name) => ctx.render.label(ctx.state.findLabel(issue.repo, name)!));
}

function setState(ctx: RestContext, issue: IssueRecord, state: unknown, reason: unknown): void {
  if (state === 'closed' && issue.state !== 'closed') {
    issue.state = 'closed';
    issue.closedAt = ctx.state.now();
    issue.stateReason = (reason as IssueRecord['stateReason']) ?? 'completed';
  } else if (state === 'open' && issue.state !== 'open') {
    issue.state = 'open';
    issue.closedAt = null;
    issue.stateReason = 'reopened';
  } else if (reason !== undefined && issue.state === 'closed') {
    issue.stateReason = reason as IssueRecord['stateReason'];
  }
}

export const issueRoutes: RouteDef[] = [
  {
    method: 'GET',
    route: `${R}/issues`,
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const wanted =
        typeof ctx.query.labels === 'string' && ctx.query.labels !== ''
          ? ctx.query.labels.split(',').map((l) => l.trim().toLowerCase())
          : [];
      const since = typeof ctx.query.since === 'string' ? ctx.query.since : undefined;
      const state = ctx.query.state ?? 'open';
      const list = ctx.state.issues.filter(
        (i) =>
          i.repo === repo.fullName &&
          (state === 'all' || i.state === state) &&
          wanted.every((w) => i.labels.some((l) => l.toLowerCase() === w)) &&
          (!since || i.updatedAt >= since) &&
          (ctx.query.creator === undefined || i.user === ctx.query.creator) &&
          (ctx.query.assignee === undefined ||
            (ctx.query.assignee === 'none'
              ? i.assignees.length === 0
              : ctx.query.assignee === '*'
                ? i.assignees.length > 0
                : i.assignees.includes(String(ctx.query.assignee)))),
      );
      const comments = (i: IssueRecord): number => ctx.state.comments.filter((c) => c.repo === i.repo && c.issueNumber === i.number).length;
      const page = paginate(ctx, sortIssues(list, ctx.query.sort, ctx.query.direction, comments));
      return { status: 200, body: page.items.map((i) => ctx.render.issue(i)), headers: page.headers };
    },
  },
  {
    method: 'POST',
    route: `${R}/issues`,
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const body = bodyObject(ctx);
      const issue = ctx.state.createIssue(repo.owner, repo.name, {
        title: String(body.title),
        body: typeof body.body === 'string' ? body.body : null,
        labels: labelNames({ labels: body.labels }),
        user: ctx.viewer,
        assignees: [
          ...(Array.isArray(body.assignees) ? (body.assignees as string[]) : []),
          ...(typeof body.assignee === 'string' ? [body.assignee] : []),
        ],
      });
      return {
        status: 201,
        body: ctx.render.issue(issue),
        headers: { location: `${ctx.api}/repos/${repo.fullName}/issues/${issue.number}` },
      };
    },
  },
  { method: 'GET', route: `${R}/issues/{issue_number}`, handler: (ctx) => ({ status: 200, body: ctx.render.issue(issueOf(ctx)) }) },
  {
    method: 'PATCH',
    route: `${R}/issues/{issue_number}`,
    handler: (ctx) => {
      const issue = issueOf(ctx);
      const body = bodyObject(ctx);
      ctx.state.editIssue(
        issue.repo,
        issue.number,
        {
          ...(body.title !== undefined && body.title !== null ? { title: String(body.title) } : {}),
          ...(body.body !== undefined ? { body: body.body as string | null } : {}),
        },
        ctx.viewer,
      );
      if (Array.isArray(body.assignees)) issue.assignees = [...(body.assignees as string[])];
      if (body.labels !== undefined && body.labels !== null) {
        issue.labels = [];
        applyLabels(ctx, issue, labelNames({ labels: body.labels }));
      }
      setState(ctx, issue, body.state, body.state_reason ?? undefined);
      touch(ctx, issue);
      return { status: 200, body: ctx.render.issue(issue) };
    },
  },
  // ---- comments
  {
    method: 'GET',
    route: `${R}/issues/{issue_number}/comments`,
    handler: (ctx) => {
      const issue = issueOf(ctx);
      const since = typeof ctx.query.since === 'string' ? ctx.query.since : undefined;
      const list = ctx.state.comments.filter(
        (c) => c.repo === issue.repo && c.issueNumber === issue.number && (!since || c.updatedAt >= since),
      );
      const page = paginate(ctx, list);
      return { status: 200, body: page.items.map((c) => ctx.render.comment(c)), headers: page.headers };
    },
  },
  {
    method: 'POST',
    route: `${R}/issues/{issue_number}/comments`,
    handler: (ctx) => {
      const issue = issueOf(ctx);
      if (issue.locked) throw new HttpError(403, 'Unable to create comment because issue is locked.');
      const [owner, repo] = issue.repo.split('/') as [string, string];
      const comment = ctx.state.addComment(owner, repo, issue.number, { body: String(bodyObject(ctx).body), user: ctx.viewer });
      return {
        status: 201,
        body: ctx.render.comment(comment),
        headers: { location: `${ctx.api}/repos/${issue.repo}/issues/comments/${comment.id}` },
      };
    },
  },
  ...(['GET', 'PATCH', 'DELETE'] as const).map((method): RouteDef => ({
    method,
    route: `${R}/issues/comments/{comment_id}`,
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const comment = ctx.state.comments.find((c) => c.repo === repo.fullName && c.id === ctx.params.comment_id);
      if (!comment) throw notFound();
      if (method === 'DELETE') {
        ctx.state.comments.splice(ctx.state.comments.indexOf(comment), 1);
        return { status: 204 };
      }
      if (method === 'PATCH') {
        comment.body = String(bodyObject(ctx).body);
        comment.updatedAt = ctx.state.now();
      }
      return { status: 200, body: ctx.render.comment(comment) };
    },
  })),
  // ---- repository labels
  {
    method: 'GET',
    route: `${R}/labels`,
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const page = paginate(
        ctx,
        ctx.state.labels.filter((l) => l.repo === repo.fullName),
      );
      return { status: 200, body: page.items.map((l) => ctx.render.label(l)), headers: page.headers };
    },
  },
  {
    method: 'POST',
    route: `${R}/labels`,
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const body = bodyObject(ctx);
      const name = String(body.name);
      if (ctx.state.findLabel(repo.fullName, name))
        throw validationFailed('Validation Failed', { resource: 'Label', code: 'already_exists', field: 'name' });
      const color = typeof body.color === 'string' ? body.color.replace(/^#/, '') : 'ededed';
      if (!/^[0-9a-fA-F]{6}$/.test(color))
        throw validationFailed('Validation Failed', { resource: 'Label', code: 'invalid', field: 'color' });
      const label = ctx.state.ensureLabel(repo.owner, repo.name, {
        name,
        color,
        description: typeof body.description === 'string' ? body.description : null,
      });
      return { status: 201, body: ctx.render.label(label) };
    },
  },
  {
    method: 'GET',
    route: `${R}/labels/{name}`,
    handler: (ctx) => {
      const label = ctx.state.findLabel(repoOf(ctx).fullName, String(ctx.params.name));
      if (!label) throw notFound();
      return { status: 200, body: ctx.render.label(label) };
    },
  },
  {
    method: 'PATCH',
    route: `${R}/labels/{name}`,
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const label = ctx.state.findLabel(repo.fullName, String(ctx.params.name));
      if (!label) throw notFound();
      const body = bodyObject(ctx);
      if (typeof body.new_name === 'string' && body.new_name !== label.name) {
        const other = ctx.state.findLabel(repo.fullName, body.new_name);
        if (other && other !== label)
          throw validationFailed('Validation Failed', { resource: 'Label', code: 'already_exists', field: 'name' });
        for (const issue of ctx.state.issues) {
          if (issue.repo === repo.fullName) issue.labels = issue.labels.map((n) => (n === label.name ? (body.new_name as string) : n));
        }
        label.name = body.new_name;
      }
      if (typeof body.color === 'string') label.color = body.color.replace(/^#/, '');
      if (typeof body.description === 'string') label.description = body.description;
      return { status: 200, body: ctx.render.label(label) };
    },
  },
  // ---- labels on an issue
  {
    method: 'POST',
    route: `${R}/issues/{issue_number}/labels`,
    handler: (ctx) => {
      const issue = issueOf(ctx);
      applyLabels(ctx, issue, labelNames(ctx.body));
      touch(ctx, issue);
      return { status: 200, body: issueLabelsJson(ctx, issue) };
    },
  },
  {
    method: 'PUT',
    route: `${R}/issues/{issue_number}/labels`,
    handler: (ctx) => {
      const issue = issueOf(ctx);
      issue.labels = [];
      applyLabels(ctx, issue, labelNames(ctx.body));
      touch(ctx, issue);
      return { status: 200, body: issueLabelsJson(ctx, issue) };
    },
  },
  {
    method: 'DELETE',
    route: `${R}/issues/{issue_number}/labels/{name}`,
    handler: (ctx) => {
      const issue = issueOf(ctx);
      const name = String(ctx.params.name).toLowerCase();
      const index = issue.labels.findIndex((l) => l.toLowerCase() === name);
      if (index < 0) throw new HttpError(404, 'Label does not exist');
      const [removed] = issue.labels.splice(index, 1);
      ctx.state.recordTimeline(issue, { kind: 'unlabeled', actor: ctx.viewer, label: removed! });
      touch(ctx, issue);
      return { status: 200, body: issueLabelsJson(ctx, issue) };
    },
  },
  // ---- sub-issues
  {
    method: 'GET',
    route: `${R}/issues/{issue_number}/sub_issues`,
    handler: (ctx) => {
      const parent = issueOf(ctx);
      const children = ctx.state.subIssues
        .filter((s) => s.repo === parent.repo && s.parentNumber === parent.number)
        .map((s) => ctx.state.findIssueById(s.childId))
        .filter((i): i is IssueRecord => i !== undefined);
      const page = paginate(ctx, children);
      return { status: 200, body: page.items.map((i) => ctx.render.issue(i)), headers: page.headers };
    },
  },
  {
    method: 'POST',
    route: `${R}/issues/{issue_number}/sub_issues`,
    handler: (ctx) => {
      const parent = issueOf(ctx);
      const body = bodyObject(ctx);
      const child = ctx.state.findIssueById(Number(body.sub_issue_id));
      if (!child || child.isPullRequest || child.repo.split('/')[0] !== parent.repo.split('/')[0]) {
        throw validationFailed('Validation Failed', {
          resource: 'Issue',
          field: 'sub_issue_id',
          code: 'invalid',
          message: 'The provided sub-issue does not exist',
        });
      }
      if (child.id === parent.id)
        throw validationFailed('Validation Failed', {
          resource: 'Issue',
          field: 'sub_issue_id',
          code: 'invalid',
          message: 'An issue cannot be its own sub-issue',
        });
      const existing = ctx.state.subIssues.find((s) => s.childId === child.id);
      if (existing && !(existing.repo === parent.repo && existing.parentNumber === parent.number)) {
        if (body.replace_parent !== true) {
          throw validationFailed('Validation Failed', {
            resource: 'Issue',
            field: 'sub_issue_id',
            code: 'invalid',
            message: 'Sub-issue may only have one parent',
          });
        }
        ctx.state.subIssues.splice(ctx.state.subIssues.indexOf(existing), 1);
      } else if (existing) {
        throw validationFailed('Validation Failed', {
          resource: 'Issue',
          field: 'sub_issue_id',
          code: 'invalid',
          message: 'Issue is already a sub-issue of this parent',
        });
      }
      ctx.state.subIssues.push({ repo: parent.repo, parentNumber: parent.number, childId: child.id });
      touch(ctx, parent);
      return { status: 201, body: ctx.render.issue(parent) };
    },
  },
  // ---- reactions
  ...(
    [
      ['issue', `${R}/issues/{issue_number}/reactions`],
      ['issue_comment', `${R}/issues/comments/{comment_id}/reactions`],
      ['review_comment', `${R}/pulls/comments/{comment_id}/reactions`],
    ] as const
  ).map(([kind, route]): RouteDef => ({
    method: 'POST',
    route,
    handler: (ctx) => {
      const repo = repoOf(ctx);
      let id: number;
      if (kind === 'issue') id = issueOf(ctx).number;
      else {
        id = Number(ctx.params.comment_id);
        const list = kind === 'issue_comment' ? ctx.state.comments : ctx.state.reviewComments;
        if (!list.some((c) => c.repo === repo.fullName && c.id === id)) throw notFound();
      }
      const { reaction, created } = ctx.state.addReaction(
        repo.fullName,
        { kind, id },
        bodyObject(ctx).content as ReactionContent,
        ctx.viewer,
      );
      return { status: created ? 201 : 200, body: ctx.render.reaction(reaction) };
    },
  })),
];
