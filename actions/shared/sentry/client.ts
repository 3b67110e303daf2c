import { listAnOrganization_sIssues, retrieveAnIssueEvent, updateAnIssue } from '@sentry/api';
import { z } from 'zod';
import { SentryApiError, type IssuePage, type ListIssuesQuery, type SentryEvent, type SentryIssue, type SentryPort } from './types';

/**
 * The Sentry port over `@sentry/api`'s generated client. Every call goes through one fetch that
 * waits out a 429 (its Retry-After, through the injected sleep) and retries a 5xx, then gives up
 * with a SentryApiError naming the operation, never the token. Answers are checked against the
 * fields the factory reads (zod): a field of the wrong type is an error, not a silent default.
 */

export type FetchLike = (request: Request) => Promise<Response>;

export interface SentryClientOptions {
  /** API base, e.g. `https://sentry.io` (the `/api/0/...` paths are appended). */
  baseUrl: string;
  /** Auth token (secret SENTRY_AUTH_TOKEN). Sent as a bearer token, never logged. */
  token: string;
  org: string;
  fetch?: FetchLike;
  /** Waits between attempts (default: a timer); tests pass one that returns at once. */
  sleep?: (ms: number) => Promise<void>;
  /** Attempts of one request on a 5xx or a network error (default 3). */
  maxAttempts?: number;
  /** 429 answers waited out per request before giving up (default 5). */
  maxRateLimitWaits?: number;
  /** Longest Retry-After honoured, in seconds (default 120). */
  maxRetryAfterSeconds?: number;
}

const DEFAULT_MAX_ATTEMPTS = 3;
const DEFAULT_RATE_LIMIT_WAITS = 5;
const BACKOFF_MS = [1000, 2000, 4000];

/** Seconds of a Retry-After header (delta seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now: Date = new Date()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/** Sentry's Link header: the cursor of the next page when it has results. */
export function nextCursor(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(/,(?=\s*<)/)) {
    if (!/rel="next"/.test(part)) continue;
    if (!/results="true"/.test(part)) return undefined;
    return /cursor="([^"]*)"/.exec(part)?.[1];
  }
  return undefined;
}

/** A fetch that waits out rate limits and retries server errors. */
export function retryingFetch(
  opts: Pick<SentryClientOptions, 'fetch' | 'sleep' | 'maxAttempts' | 'maxRateLimitWaits' | 'maxRetryAfterSeconds'>,
): FetchLike {
  const base: FetchLike = opts.fetch ?? ((r) => fetch(r));
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxAttempts = opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const maxWaits = opts.maxRateLimitWaits ?? DEFAULT_RATE_LIMIT_WAITS;
  const maxRetryAfter = opts.maxRetryAfterSeconds ?? 120;
  return async (request) => {
    let failures = 0;
    let waits = 0;
    for (;;) {
      let response: Response;
      try {
        response = await base(request.clone());
      } catch (e) {
        if (++failures >= maxAttempts) throw e;
        await sleep(BACKOFF_MS[failures - 1] ?? 4000);
        continue;
      }
      if (response.status === 429 && waits < maxWaits) {
        waits++;
        const seconds = Math.min(retryAfterSeconds(response.headers.get('retry-after')) ?? 1, maxRetryAfter);
        await response.body?.cancel();
        await sleep(seconds * 1000);
        continue;
      }
      if (response.status >= 500 && ++failures < maxAttempts) {
        await response.body?.cancel();
        await sleep(BACKOFF_MS[failures - 1] ?? 4000);
        continue;
      }
      return response;
    }
  };
}

// --- what the factory reads of Sentry's answers -----------------------------------------------

const nullableString = z.string().nullable().optional();

const IssueSchema = z.object({
  // Numeric, as Sentry's ids are: it becomes a marker key and a path segment.
  id: z.string().regex(/^\d{1,20}$/),
  shortId: z.string(),
  title: z.string(),
  culprit: z.string().nullable(),
  permalink: z.string(),
  level: z.string(),
  status: z.string(),
  substatus: z.string().nullable().optional(),
  project: z.object({ id: z.string(), slug: z.string() }),
  count: z.string(),
  userCount: z.number(),
  firstSeen: z.string().nullable(),
  lastSeen: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  stats: z.record(z.string(), z.unknown()).optional(),
});

const FrameSchema = z.object({
  filename: nullableString,
  absPath: nullableString,
  module: nullableString,
  function: nullableString,
  lineNo: z.number().nullable().optional(),
  colNo: z.number().nullable().optional(),
  inApp: z.boolean().nullable().optional(),
});

const ExceptionEntrySchema = z.object({
  type: z.literal('exception'),
  data: z.object({
    values: z
      .array(
        z.object({
          type: nullableString,
          value: nullableString,
          stacktrace: z
            .object({ frames: z.array(FrameSchema).nullable().optional() })
            .nullable()
            .optional(),
        }),
      )
      .nullable()
      .optional(),
  }),
});

const BreadcrumbsEntrySchema = z.object({
  type: z.literal('breadcrumbs'),
  data: z.object({
    values: z.array(z.object({ timestamp: nullableString, category: nullableString, level: nullableString, message: nullableString })),
  }),
});

const EventSchema = z.object({
  eventID: z.string(),
  message: z.string().nullable(),
  title: z.string(),
  tags: z.array(z.object({ key: z.string(), value: z.string() })),
  entries: z.array(z.unknown()),
  release: z.object({ version: nullableString }).passthrough().nullable().optional(),
  dateCreated: z.string().optional(),
});

function parse<T>(schema: z.ZodType<T>, data: unknown, operation: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const where = first?.path.length ? first.path.join('.') : '(root)';
  throw new SentryApiError(
    `${operation}: Sentry's answer does not match its contract at ${where}: ${first?.message ?? 'invalid'}`,
    operation,
    undefined,
  );
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function toIssue(raw: z.infer<typeof IssueSchema>): SentryIssue {
  const count = Number(raw.count);
  const series = raw.stats?.['24h'];
  const hourly = Array.isArray(series)
    ? series.flatMap((p) => (Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number' ? [{ at: p[0], count: p[1] }] : []))
    : [];
  const type = str(raw.metadata.type);
  const value = str(raw.metadata.value);
  const filename = str(raw.metadata.filename);
  const fn = str(raw.metadata.function);
  return {
    id: raw.id,
    shortId: raw.shortId,
    title: raw.title,
    culprit: raw.culprit,
    permalink: raw.permalink,
    level: raw.level,
    status: raw.status,
    substatus: raw.substatus ?? null,
    project: raw.project,
    count: Number.isFinite(count) ? count : 0,
    userCount: raw.userCount,
    firstSeen: raw.firstSeen,
    lastSeen: raw.lastSeen,
    metadata: {
      ...(type ? { type } : {}),
      ...(value ? { value } : {}),
      ...(filename ? { filename } : {}),
      ...(fn ? { function: fn } : {}),
    },
    hourly,
  };
}

function toEvent(raw: z.infer<typeof EventSchema>): SentryEvent {
  const exceptions: SentryEvent['exceptions'] = [];
  const breadcrumbs: SentryEvent['breadcrumbs'] = [];
  for (const entry of raw.entries) {
    const exception = ExceptionEntrySchema.safeParse(entry);
    if (exception.success) {
      for (const v of exception.data.data.values ?? []) {
        exceptions.push({
          type: v.type ?? null,
          value: v.value ?? null,
          frames: (v.stacktrace?.frames ?? []).map((f) => ({
            filename: f.filename ?? null,
            absPath: f.absPath ?? null,
            module: f.module ?? null,
            function: f.function ?? null,
            lineNo: f.lineNo ?? null,
            colNo: f.colNo ?? null,
            inApp: f.inApp === true,
          })),
        });
      }
      continue;
    }
    const crumbs = BreadcrumbsEntrySchema.safeParse(entry);
    if (crumbs.success) {
      for (const b of crumbs.data.data.values) {
        breadcrumbs.push({
          timestamp: b.timestamp ?? null,
          category: b.category ?? null,
          level: b.level ?? null,
          message: b.message ?? null,
        });
      }
    }
  }
  const environment = raw.tags.find((t) => t.key === 'environment')?.value ?? null;
  return {
    eventId: raw.eventID,
    message: raw.message,
    title: raw.title,
    exceptions,
    breadcrumbs,
    tags: raw.tags.map((t) => ({ key: t.key, value: t.value })),
    release: raw.release?.version ?? raw.tags.find((t) => t.key === 'release')?.value ?? null,
    environment,
    dateCreated: raw.dateCreated ?? null,
  };
}

// --- the port ------------------------------------------------------------------------------------

interface Answer {
  data?: unknown;
  error?: unknown;
  response?: Response;
}

function failure(operation: string, answer: Answer): SentryApiError {
  const status = answer.response?.status;
  const detail =
    typeof answer.error === 'object' && answer.error !== null && 'detail' in answer.error
      ? String((answer.error as { detail: unknown }).detail)
      : typeof answer.error === 'string'
        ? answer.error
        : answer.error instanceof Error
          ? answer.error.message
          : '';
  const what = status ? `HTTP ${status}` : 'no answer';
  return new SentryApiError(`${operation}: Sentry answered ${what}${detail ? `: ${detail.slice(0, 300)}` : ''}`, operation, status, {
    cause: answer.error,
  });
}

export function createSentryClient(opts: SentryClientOptions): SentryPort {
  const common = {
    baseUrl: opts.baseUrl.replace(/\/+$/, ''),
    auth: opts.token,
    fetch: retryingFetch(opts) as unknown as typeof fetch,
  };
  const org = opts.org;

  async function call(operation: string, run: () => Promise<Answer>): Promise<Answer & { data: unknown; response: Response }> {
    let answer: Answer;
    try {
      answer = await run();
    } catch (e) {
      throw new SentryApiError(`${operation}: ${e instanceof Error ? e.message : String(e)}`, operation, undefined, { cause: e });
    }
    if (answer.error !== undefined || !answer.response || !answer.response.ok) throw failure(operation, answer);
    return answer as Answer & { data: unknown; response: Response };
  }

  return {
    org,

    async listIssues(q: ListIssuesQuery): Promise<IssuePage> {
      const issues: SentryIssue[] = [];
      let cursor: string | undefined;
      let pages = 0;
      for (;;) {
        const answer = await call('listIssues', () =>
          listAnOrganization_sIssues({
            ...common,
            path: { organization_id_or_slug: org },
            query: {
              query: q.query,
              limit: q.limit ?? 100,
              groupStatsPeriod: '24h',
              ...(q.sort ? { sort: q.sort } : {}),
              ...(q.environments?.length ? { environment: [...q.environments] } : {}),
              ...(cursor ? { cursor } : {}),
            },
          }),
        );
        pages++;
        const page = parse(z.array(IssueSchema), answer.data, 'listIssues');
        issues.push(...page.map(toIssue));
        cursor = nextCursor(answer.response.headers.get('link'));
        if (!cursor) return { issues, truncated: false, pages };
        if (pages >= q.maxPages) return { issues, truncated: true, pages };
      }
    },

    async latestEvent(issueId: string): Promise<SentryEvent> {
      const answer = await call('latestEvent', () =>
        retrieveAnIssueEvent({ ...common, path: { organization_id_or_slug: org, issue_id: Number(issueId), event_id: 'latest' } }),
      );
      return toEvent(parse(EventSchema, answer.data, 'latestEvent'));
    },

    async updateIssue(issueId, update): Promise<void> {
      await call('updateIssue', () =>
        updateAnIssue({
          ...common,
          path: { organization_id_or_slug: org, issue_id: issueId },
          body: { status: update.status },
        }),
      );
    },
  };
}
