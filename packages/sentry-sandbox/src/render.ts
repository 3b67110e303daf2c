/**
 * Stored records -> the JSON Sentry sends: an issue as the organization issues list, the issue
 * details and the issue update return it, and an event as the issue events endpoint does.
 * Event counts come from the issue's hourly series: `stats` buckets (`[unixSeconds, count]`) and
 * the windowed `count` of the list.
 */
import { createHash } from 'node:crypto';
import type { SentryEventRecord, SentryIssueRecord } from './types';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

type Json = Record<string, unknown>;
export type Bucket = [number, number];

/** Events of the hourly series inside [from, to) (hours overlapping the window count whole). */
function eventsBetween(issue: SentryIssueRecord, from: number, to: number): number {
  const lastHour = Date.parse(issue.hourlyEndsAt);
  let total = 0;
  issue.hourly.forEach((n, i) => {
    const start = lastHour - (issue.hourly.length - 1 - i) * HOUR;
    if (start + HOUR > from && start < to) total += n;
  });
  return total;
}

/** `buckets` buckets of `size` ms ending with the one holding `now`, as Sentry's `stats` pairs. */
export function series(issue: SentryIssueRecord, now: number, size: number, buckets: number): Bucket[] {
  const current = Math.floor(now / size) * size;
  const out: Bucket[] = [];
  for (let k = buckets - 1; k >= 0; k--) {
    const start = current - k * size;
    out.push([start / 1000, eventsBetween(issue, start, start + size)]);
  }
  return out;
}

/** `stats` of the list for a `groupStatsPeriod` ('' means none; `auto` follows the query window). */
export function listStats(issue: SentryIssueRecord, now: number, groupStatsPeriod: string, windowMs: number): Json {
  if (groupStatsPeriod === '') return {};
  if (groupStatsPeriod === '14d') return { '14d': series(issue, now, DAY, 14) };
  if (groupStatsPeriod === 'auto') {
    return windowMs <= 2 * DAY
      ? { auto: series(issue, now, HOUR, Math.max(1, Math.ceil(windowMs / HOUR))) }
      : { auto: series(issue, now, DAY, Math.max(1, Math.ceil(windowMs / DAY))) };
  }
  return { '24h': series(issue, now, HOUR, 24) };
}

/** Events in the query window: from the hourly series when seeded, else the lifetime count if last seen in it. */
export function windowCount(issue: SentryIssueRecord, from: number, to: number): number {
  if (issue.hourly.length) return eventsBetween(issue, from, to);
  const last = Date.parse(issue.lastSeen);
  return last >= from && last <= to ? issue.count : 0;
}

/** Fields every issue shape shares. */
function base(issue: SentryIssueRecord): Json {
  return {
    id: issue.id,
    shareId: null,
    shortId: issue.shortId,
    title: issue.title,
    culprit: issue.culprit,
    permalink: issue.permalink,
    logger: issue.logger,
    level: issue.level,
    status: issue.status,
    statusDetails: issue.statusDetails,
    substatus: issue.substatus,
    isPublic: false,
    platform: issue.platform,
    priority: issue.priority,
    priorityLockedAt: null,
    seerFixabilityScore: null,
    seerAutofixLastTriggered: null,
    seerExplorerAutofixLastTriggered: null,
    project: { id: issue.project.id, name: issue.project.name, slug: issue.project.slug, platform: issue.project.platform },
    type: issue.type,
    issueType: 'error',
    issueCategory: 'error',
    metadata: issue.metadata,
    numComments: 0,
    assignedTo: null,
    isBookmarked: false,
    isSubscribed: false,
    subscriptionDetails: null,
    hasSeen: false,
    annotations: [],
  };
}

function inbox(issue: SentryIssueRecord): Json {
  return { reason: issue.substatus === 'regressed' ? 2 : 0, reason_details: null, date_added: issue.lastSeen };
}

export interface ListView {
  now: number;
  from: number;
  to: number;
  groupStatsPeriod: string;
  collapse: string[];
  expand: string[];
  environment?: string;
}

/** An issue as `GET /organizations/{org}/issues/` lists it. */
export function listItem(issue: SentryIssueRecord, view: ListView): Json {
  const count = windowCount(issue, view.from, view.to);
  const item: Json = {
    ...base(issue),
    isUnhandled: issue.latestEvent.exceptions.some((e) => e.mechanism?.handled === false || e.mechanism === undefined),
    count: String(count),
    userCount: Math.min(issue.userCount, count),
    firstSeen: issue.firstSeen,
    lastSeen: issue.lastSeen,
    derivedData: {
      blocker: '',
      progress: '',
      status: '',
      viewCount: 0,
      hasOpenFixPr: false,
      isAssigned: false,
      hasRootCause: false,
      lastCompletedAutofixStep: '',
      lastProgressedAt: null,
    },
    stats: view.collapse.includes('stats') ? {} : listStats(issue, view.now, view.groupStatsPeriod, view.to - view.from),
    lifetime: view.collapse.includes('lifetime')
      ? {}
      : { count: String(issue.count), userCount: issue.userCount, firstSeen: issue.firstSeen, lastSeen: issue.lastSeen, stats: null },
    filtered: null,
    sessionCount: 0,
    inbox: inbox(issue),
    owners: { type: 'ownershipRule', owner: `team:${issue.project.id}`, date_added: issue.firstSeen },
    integrationIssues: [],
    sentryAppIssues: [],
    latestEventHasAttachments: false,
    matchingEventId: null,
    matchingEventEnvironment: view.environment ?? null,
  };
  return { ...item, ...issue.raw };
}

/** Top values of the latest event's tags, as the details endpoint summarises them. */
function tagSummary(issue: SentryIssueRecord): Json[] {
  return Object.entries(eventTags(issue, issue.latestEvent)).map(([key, value]) => ({
    key,
    name: key,
    totalValues: issue.count,
    topValues: [{ key, name: value, value, count: issue.count, lastSeen: issue.lastSeen, firstSeen: issue.firstSeen }],
  }));
}

function release(version: string | null): Json | null {
  return version ? { version, shortVersion: version, dateCreated: null, dateReleased: null } : null;
}

/** An issue as `GET /organizations/{org}/issues/{issue_id}/` returns it. */
export function details(issue: SentryIssueRecord, now: number): Json {
  const body: Json = {
    ...base(issue),
    isUnhandled: issue.latestEvent.exceptions.some((e) => e.mechanism?.handled === false || e.mechanism === undefined),
    count: String(issue.count),
    userCount: issue.userCount,
    firstSeen: issue.firstSeen,
    lastSeen: issue.lastSeen,
    stats: { '24h': series(issue, now, HOUR, 24), '30d': series(issue, now, DAY, 30) },
    firstRelease: release(issue.firstRelease),
    lastRelease: release(issue.lastRelease),
    tags: tagSummary(issue),
    inbox: inbox(issue),
    owners: null,
    activity: activity(issue),
    seenBy: [],
    participants: [],
    pluginActions: [],
    pluginContexts: [],
    pluginIssues: [],
    userReportCount: 0,
  };
  return { ...body, ...issue.raw };
}

function activity(issue: SentryIssueRecord): Json[] {
  const items: Json[] = issue.updates.map((u, i) => ({
    id: String(issue.updates.length - i + 1),
    type: u.body.status === 'resolved' || u.body.status === 'resolvedInNextRelease' ? 'set_resolved' : 'set_status',
    data: u.body,
    dateCreated: u.at,
    user: null,
  }));
  items.reverse();
  items.push({ id: '1', type: 'first_seen', data: {}, dateCreated: issue.firstSeen, user: null });
  return items;
}

/** An issue as `PUT /organizations/{org}/issues/{issue_id}/` returns it. */
export function updated(issue: SentryIssueRecord): Json {
  return {
    ...base(issue),
    count: String(issue.count),
    userCount: issue.userCount,
    firstSeen: issue.firstSeen,
    lastSeen: issue.lastSeen,
    ...issue.raw,
  };
}

function eventTags(issue: SentryIssueRecord, event: SentryEventRecord): Record<string, string> {
  const tags: Record<string, string> = { environment: event.environment, level: issue.level };
  if (event.release) tags.release = event.release;
  if (event.user) tags.user = event.user.id ? `id:${event.user.id}` : event.user.email ? `email:${event.user.email}` : 'unknown';
  const exception = event.exceptions[0];
  if (exception) {
    tags.handled = exception.mechanism?.handled === true ? 'yes' : 'no';
    tags.mechanism = exception.mechanism?.type ?? 'generic';
  }
  if (event.request?.url) tags.url = event.request.url;
  return Object.fromEntries(Object.entries({ ...tags, ...event.tags }).sort(([a], [b]) => a.localeCompare(b)));
}

function exceptionEntry(event: SentryEventRecord): Json {
  const hasSystemFrames = event.exceptions.some((e) => (e.frames ?? []).some((f) => f.inApp === false));
  return {
    type: 'exception',
    data: {
      values: event.exceptions.map((e) => ({
        type: e.type,
        value: e.value,
        module: e.module ?? null,
        mechanism: e.mechanism ?? { type: 'generic', handled: false },
        threadId: null,
        rawStacktrace: null,
        stacktrace: e.frames?.length
          ? {
              frames: e.frames.map((f) => ({
                filename: f.filename,
                absPath: f.absPath ?? f.filename,
                module: f.module ?? null,
                package: null,
                platform: null,
                instructionAddr: null,
                symbolAddr: null,
                function: f.function ?? null,
                rawFunction: null,
                symbol: null,
                context: f.context ?? [],
                lineNo: f.lineNo ?? null,
                colNo: f.colNo ?? null,
                inApp: f.inApp ?? true,
                trust: null,
                errors: null,
                lock: null,
                sourceLink: null,
                vars: null,
              })),
              framesOmitted: null,
              registers: null,
              hasSystemFrames: (e.frames ?? []).some((f) => f.inApp === false),
            }
          : null,
      })),
      hasSystemFrames,
      excOmitted: null,
    },
  };
}

/** An event as `GET /organizations/{org}/issues/{issue_id}/events/{latest|recommended|oldest}/` returns it. */
export function event(issue: SentryIssueRecord, e: SentryEventRecord): Json {
  const entries: Json[] = [];
  if (e.exceptions.length) entries.push(exceptionEntry(e));
  if (e.message) entries.push({ type: 'message', data: { formatted: e.message, message: null, params: null } });
  if (e.breadcrumbs.length) {
    entries.push({
      type: 'breadcrumbs',
      data: {
        values: e.breadcrumbs.map((b) => ({
          type: b.type ?? 'default',
          timestamp: b.timestamp ?? e.dateCreated,
          level: b.level ?? 'info',
          message: b.message ?? null,
          category: b.category ?? null,
          data: b.data ?? null,
          event_id: null,
        })),
      },
    });
  }
  if (e.request) {
    entries.push({
      type: 'request',
      data: {
        url: e.request.url ?? null,
        method: e.request.method ?? 'GET',
        query: [],
        fragment: null,
        data: null,
        headers: [],
        cookies: [],
        env: null,
        inferredContentType: null,
        apiTarget: null,
      },
    });
  }
  const tags = eventTags(issue, e);
  const crash = e.exceptions[0]?.frames?.at(-1);
  const fingerprint = createHash('md5').update(`${issue.id}`).digest('hex');
  return {
    id: e.eventId,
    groupID: issue.id,
    eventID: e.eventId,
    projectID: issue.project.id,
    message: e.message ?? '',
    title: issue.title,
    location: crash?.filename ?? null,
    user: e.user
      ? {
          id: e.user.id ?? null,
          email: e.user.email ?? null,
          username: e.user.username ?? null,
          ip_address: e.user.ip_address ?? null,
          name: e.user.name ?? null,
          geo: null,
          data: null,
        }
      : null,
    tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
    platform: e.platform,
    dateReceived: e.dateCreated,
    contexts: e.contexts,
    size: 2048,
    entries,
    dist: null,
    sdk: { name: 'sentry.javascript.node', version: '8.0.0' },
    context: {},
    packages: {},
    type: issue.type,
    metadata: issue.metadata,
    errors: [],
    occurrence: null,
    _meta: {},
    crashFile: null,
    culprit: issue.culprit,
    dateCreated: e.dateCreated,
    fingerprints: [fingerprint],
    groupingConfig: { id: 'newstyle:2023-01-11', enhancements: 'eJybzDRxY3J-bm5-npWRgaGlroGxrpHxBABcYgcZ' },
    release: e.release
      ? {
          version: e.release,
          shortVersion: e.release,
          dateCreated: issue.firstSeen,
          dateReleased: null,
          commitCount: 0,
          deployCount: 0,
          ref: null,
          lastCommit: null,
          lastDeploy: null,
          status: 'open',
          url: null,
          userAgent: null,
          data: {},
          versionInfo: null,
        }
      : null,
    userReport: null,
    sdkUpdates: [],
    resolvedWith: [],
    nextEventID: null,
    previousEventID: null,
  };
}
