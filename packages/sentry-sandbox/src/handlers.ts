/** The endpoints: organization issues list, issue details and update, and an issue's latest/recommended event. */
import { compileSearch, parsePeriod, SearchError } from './search';
import { details, event, listItem, updated } from './render';
import type { SandboxState } from './state';
import type { SentryIssueRecord } from './types';

export const LIST = '/api/0/organizations/{organization_id_or_slug}/issues/';
export const ISSUE = '/api/0/organizations/{organization_id_or_slug}/issues/{issue_id}/';
export const EVENT = '/api/0/organizations/{organization_id_or_slug}/issues/{issue_id}/events/{event_id}/';

const DAY = 86_400_000;
const MAX_LIMIT = 100;

export interface HandlerContext {
  method: string;
  template: string;
  /** Path parameters, decoded. */
  path: Record<string, string>;
  /** Query parameters, typed by the contract, with its defaults applied. */
  query: Record<string, unknown>;
  /** The query as sent (for pagination links). */
  rawQuery: URLSearchParams;
  /** Origin + pathname, for `Link` headers. */
  absolutePath: string;
  body: unknown;
  state: SandboxState;
}

export interface HandlerResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** An error answered the way Sentry does: `{ detail }` or a field map. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(typeof body.detail === 'string' ? body.detail : JSON.stringify(body));
  }
}

export const NOT_FOUND = { detail: 'The requested resource does not exist' };

function organization(ctx: HandlerContext): void {
  const org = ctx.path.organization_id_or_slug;
  if (org !== ctx.state.org && org !== '1') throw new HttpError(404, NOT_FOUND);
}

function findIssue(ctx: HandlerContext): SentryIssueRecord {
  const id = ctx.path.issue_id ?? '';
  const issue = ctx.state.get(id) ?? ctx.state.all().find((i) => i.shortId === id.toUpperCase());
  if (!issue) throw new HttpError(404, NOT_FOUND);
  return issue;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)];
}

/** Sentry's cursor, `value:offset:is_prev`. */
function parseCursor(text: string | undefined): { offset: number } {
  if (text === undefined) return { offset: 0 };
  const m = /^(-?\d+(?:\.\d+)?):(\d+):([01])$/.exec(text);
  if (!m) throw new HttpError(400, { detail: 'Invalid cursor parameter.' });
  return { offset: Number(m[2]) };
}

/**
 * Sentry's `Link` header: a `previous` and a `next` link, each with `results` (whether following it
 * yields anything) and the `cursor`; the URL keeps the query without its cursor and appends
 * `&cursor=` (so a query-less URL reads `?&cursor=`), as Sentry's `build_cursor_link` writes it.
 */
export function cursorLinks(absolutePath: string, rawQuery: URLSearchParams, offset: number, limit: number, total: number): string {
  const q = new URLSearchParams(rawQuery);
  q.delete('cursor');
  const base = `${absolutePath}?${q.toString()}`;
  const link = (rel: string, cursor: string, results: boolean): string =>
    `<${base}&cursor=${cursor}>; rel="${rel}"; results="${results}"; cursor="${cursor}"`;
  return [
    link('previous', `0:${Math.max(0, offset - limit)}:1`, offset > 0),
    link('next', `0:${offset + limit}:0`, offset + limit < total),
  ].join(', ');
}

function window(ctx: HandlerContext, now: number): { from: number; to: number } {
  const period = ctx.query.statsPeriod as string | undefined;
  if (period !== undefined && period !== '') {
    const ms = parsePeriod(period);
    if (ms === undefined) throw new HttpError(400, { detail: `Invalid statsPeriod: ${JSON.stringify(period)}` });
    return { from: now - ms, to: now };
  }
  const start = ctx.query.start as string | undefined;
  const end = ctx.query.end as string | undefined;
  if (start !== undefined || end !== undefined) {
    if (start === undefined || end === undefined) throw new HttpError(400, { detail: 'start and end are both required' });
    const from = Date.parse(start);
    const to = Date.parse(end);
    if (!(from <= to)) throw new HttpError(400, { detail: 'start must be before end' });
    return { from, to };
  }
  return { from: now - 14 * DAY, to: now };
}

function projectFilter(ctx: HandlerContext): Set<string> | undefined {
  const asked = strings(ctx.query.project);
  if (asked.length === 0 || asked.includes('-1')) return undefined;
  const ids = new Set<string>();
  for (const p of asked) {
    const project = ctx.state.project(p);
    if (!project) throw new HttpError(403, { detail: 'You do not have permission to perform this action.' });
    ids.add(project.id);
  }
  return ids;
}

const SORTS: Record<string, (a: SentryIssueRecord, b: SentryIssueRecord) => number> = {
  date: (a, b) => Date.parse(b.lastSeen) - Date.parse(a.lastSeen),
  new: (a, b) => Date.parse(b.firstSeen) - Date.parse(a.firstSeen),
  freq: (a, b) => b.count - a.count,
  user: (a, b) => b.userCount - a.userCount,
};

export function listIssues(ctx: HandlerContext): HandlerResult {
  organization(ctx);
  const now = ctx.state.now().getTime();
  const limit = (ctx.query.limit as number | undefined) ?? MAX_LIMIT;
  if (limit > MAX_LIMIT) throw new HttpError(400, { detail: `Invalid per_page value. Cannot exceed ${MAX_LIMIT}.` });
  if (limit < 1) throw new HttpError(400, { detail: 'Invalid per_page value.' });
  const { offset } = parseCursor(ctx.query.cursor as string | undefined);
  const { from, to } = window(ctx, now);
  const projects = projectFilter(ctx);
  const environments = strings(ctx.query.environment);
  const query = (ctx.query.query as string | undefined) ?? 'is:unresolved';
  let matches: (issue: SentryIssueRecord, now: number) => boolean;
  try {
    matches = compileSearch(query);
  } catch (e) {
    if (e instanceof SearchError) throw new HttpError(400, { detail: e.message });
    throw e;
  }
  let issues = ctx.state.all();
  const shortId = ctx.query.shortIdLookup === '1' ? issues.find((i) => i.shortId === query.trim().toUpperCase()) : undefined;
  if (shortId) issues = [shortId];
  else {
    issues = issues.filter((i) => {
      if (projects && !projects.has(i.project.id)) return false;
      if (environments.length && !i.environments.some((e) => environments.includes(e))) return false;
      const last = Date.parse(i.lastSeen);
      const first = Date.parse(i.firstSeen);
      if (first > to || last < from) return false;
      return matches(i, now);
    });
  }
  const sort = SORTS[(ctx.query.sort as string | undefined) ?? 'date'] ?? SORTS.date!;
  issues.sort((a, b) => sort(a, b) || Number(b.id) - Number(a.id));
  const page = issues.slice(offset, offset + limit);
  const view = {
    now,
    from,
    to,
    groupStatsPeriod: (ctx.query.groupStatsPeriod as string | undefined) ?? '24h',
    collapse: strings(ctx.query.collapse),
    expand: strings(ctx.query.expand),
    ...(environments.length === 1 ? { environment: environments[0] } : {}),
  };
  return {
    status: 200,
    body: page.map((i) => listItem(i, view)),
    headers: {
      link: cursorLinks(ctx.absolutePath, ctx.rawQuery, offset, limit, issues.length),
      'x-hits': String(issues.length),
      'x-max-hits': String(issues.length),
    },
  };
}

export function getIssue(ctx: HandlerContext): HandlerResult {
  organization(ctx);
  const issue = findIssue(ctx);
  const body = details(issue, ctx.state.now().getTime());
  const collapse = strings(ctx.query.collapse);
  if (collapse.includes('stats')) delete body.stats;
  if (collapse.includes('tags')) delete body.tags;
  if (collapse.includes('release')) {
    delete body.firstRelease;
    delete body.lastRelease;
  }
  return { status: 200, body };
}

export function getEvent(ctx: HandlerContext): HandlerResult {
  organization(ctx);
  const issue = findIssue(ctx);
  const which = ctx.path.event_id;
  // `oldest` is served by the recommended event's seed (it defaults to the latest).
  const e = which === 'latest' ? issue.latestEvent : issue.recommendedEvent;
  const environments = strings(ctx.query.environment);
  if (environments.length && !environments.includes(e.environment)) throw new HttpError(404, { detail: 'Event not found' });
  return { status: 200, body: event(issue, e) };
}

const IGNORE_FIELDS = ['ignoreDuration', 'ignoreCount', 'ignoreWindow', 'ignoreUserCount', 'ignoreUserWindow'] as const;

export function updateIssue(ctx: HandlerContext): HandlerResult {
  organization(ctx);
  const issue = findIssue(ctx);
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const details = (body.statusDetails ?? {}) as Record<string, unknown>;
  const now = ctx.state.now();
  let status = body.status as string | undefined;
  if (status === undefined && (details.inNextRelease || details.inRelease || details.inCommit)) status = 'resolved';
  const release = issue.lastRelease ?? issue.latestEvent.release;
  if (status === 'resolvedInNextRelease' || ((status === 'resolved' || status === undefined) && details.inNextRelease)) {
    if (!release) {
      throw new HttpError(400, { statusDetails: ["No release data present in the system to form a basis for 'Next Release'"] });
    }
    issue.status = 'resolved';
    issue.substatus = null;
    issue.statusDetails = { inNextRelease: true };
  } else if (status === 'resolved') {
    issue.status = 'resolved';
    issue.substatus = null;
    issue.statusDetails = details.inRelease ? { inRelease: details.inRelease } : details.inCommit ? { inCommit: details.inCommit } : {};
  } else if (status === 'unresolved') {
    issue.status = 'unresolved';
    issue.substatus = (body.substatus as SentryIssueRecord['substatus'] | undefined) ?? 'ongoing';
    issue.statusDetails = {};
  } else if (status === 'ignored' || status === 'muted') {
    const conditions = Object.fromEntries(IGNORE_FIELDS.filter((f) => details[f] !== undefined).map((f) => [f, details[f]]));
    issue.status = 'ignored';
    issue.substatus =
      (body.substatus as SentryIssueRecord['substatus'] | undefined) ??
      (Object.keys(conditions).length ? 'archived_until_condition_met' : 'archived_until_escalating');
    const statusDetails: Record<string, unknown> = { ...conditions };
    if (typeof conditions.ignoreDuration === 'number') {
      statusDetails.ignoreUntil = new Date(now.getTime() + conditions.ignoreDuration * 60_000).toISOString();
      delete statusDetails.ignoreDuration;
    }
    issue.statusDetails = statusDetails;
  } else if (body.substatus !== undefined) {
    issue.substatus = body.substatus as SentryIssueRecord['substatus'];
  }
  if (body.priority !== undefined) issue.priority = body.priority as SentryIssueRecord['priority'];
  issue.updates.push({ at: now.toISOString(), body: structuredClone(body) });
  return { status: 200, body: updated(issue) };
}

export const HANDLERS: Record<string, (ctx: HandlerContext) => HandlerResult> = {
  [`GET ${LIST}`]: listIssues,
  [`GET ${ISSUE}`]: getIssue,
  [`PUT ${ISSUE}`]: updateIssue,
  [`GET ${EVENT}`]: getEvent,
};
