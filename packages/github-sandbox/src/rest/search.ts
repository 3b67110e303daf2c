/** `GET /search/issues` with a small parser for the qualifiers the factory uses. */
import { HttpError, paginate, type RouteDef } from '../http';
import type { IssueRecord, SandboxState } from '../state';

export interface SearchQuery {
  repos: string[];
  type?: 'issue' | 'pr';
  state?: 'open' | 'closed';
  labels: string[];
  excludedLabels: string[];
  noLabel: boolean;
  author?: string;
  in: ('title' | 'body' | 'comments')[];
  terms: string[];
}

/** Split on spaces, keeping `"quoted phrases"` and `label:"with spaces"` together. */
function tokenize(q: string): string[] {
  return [...q.matchAll(/(-?[\w.-]+:"[^"]*"|-?[\w.-]+:\S+|"[^"]*"|\S+)/g)].map((m) => m[1]!);
}

const unquote = (s: string): string => s.replace(/^"(.*)"$/, '$1');

export function parseSearchQuery(q: string): SearchQuery {
  const query: SearchQuery = { repos: [], labels: [], excludedLabels: [], noLabel: false, in: [], terms: [] };
  for (const token of tokenize(q)) {
    const m = /^(-?)([\w.-]+):(.*)$/.exec(token);
    if (!m || token.startsWith('"')) {
      query.terms.push(unquote(token).toLowerCase());
      continue;
    }
    const [, negated, key, raw] = m as unknown as [string, string, string, string];
    const value = unquote(raw);
    const lower = value.toLowerCase();
    switch (key.toLowerCase()) {
      case 'repo':
        query.repos.push(lower);
        break;
      case 'is':
      case 'type':
      case 'state':
        if (lower === 'issue') query.type = 'issue';
        else if (lower === 'pr' || lower === 'pull-request') query.type = 'pr';
        else if (lower === 'open' || lower === 'closed') query.state = lower;
        break;
      case 'label':
        (negated ? query.excludedLabels : query.labels).push(lower);
        break;
      case 'no':
        if (lower === 'label') query.noLabel = true;
        break;
      case 'author':
        query.author = value;
        break;
      case 'in':
        for (const part of lower.split(',')) if (part === 'title' || part === 'body' || part === 'comments') query.in.push(part);
        break;
      default:
        query.terms.push(token.toLowerCase());
    }
  }
  return query;
}

export function matchesSearch(state: SandboxState, issue: IssueRecord, q: SearchQuery): boolean {
  if (q.repos.length && !q.repos.includes(issue.repo.toLowerCase())) return false;
  if (q.type === 'issue' && issue.isPullRequest) return false;
  if (q.type === 'pr' && !issue.isPullRequest) return false;
  if (q.state && issue.state !== q.state) return false;
  const labels = issue.labels.map((l) => l.toLowerCase());
  if (!q.labels.every((l) => labels.includes(l))) return false;
  if (q.excludedLabels.some((l) => labels.includes(l))) return false;
  if (q.noLabel && labels.length > 0) return false;
  if (q.author && issue.user !== q.author) return false;
  if (q.terms.length === 0) return true;
  const where = q.in.length ? q.in : ['title', 'body'];
  const haystack = [
    where.includes('title') ? issue.title : '',
    where.includes('body') ? (issue.body ?? '') : '',
    ...(where.includes('comments')
      ? state.comments.filter((c) => c.repo === issue.repo && c.issueNumber === issue.number).map((c) => c.body)
      : []),
  ]
    .join('\n')
    .toLowerCase();
  return q.terms.every((t) => haystack.includes(t));
}

export const searchRoutes: RouteDef[] = [
  {
    method: 'GET',
    route: '/search/issues',
    handler: (ctx) => {
      const q = String(ctx.query.q ?? '').trim();
      if (q === '') throw new HttpError(422, 'Validation Failed', { errors: [{ resource: 'Search', field: 'q', code: 'missing' }] });
      const parsed = parseSearchQuery(q);
      const sign = ctx.query.order === 'asc' ? 1 : -1;
      const key = (i: IssueRecord): string | number =>
        ctx.query.sort === 'updated'
          ? i.updatedAt
          : ctx.query.sort === 'comments'
            ? ctx.state.comments.filter((c) => c.repo === i.repo && c.issueNumber === i.number).length
            : i.createdAt;
      const hits = ctx.state.issues
        .filter((i) => matchesSearch(ctx.state, i, parsed))
        .sort((a, b) => (key(a) < key(b) ? -sign : key(a) > key(b) ? sign : sign * (a.id - b.id)));
      const page = paginate(ctx, hits.slice(0, 1000));
      return {
        status: 200,
        body: {
          total_count: hits.length,
          incomplete_results: false,
          search_type: 'lexical',
          items: page.items.map((i) => ctx.render.searchItem(i)),
        },
        headers: page.headers,
      };
    },
  },
];
