/** The sandbox's store: an organization, its projects, and seeded issues with their events. */
import { randomBytes } from 'node:crypto';
import type { Clock, SeedEvent, SeedIssue, SentryEventRecord, SentryIssueRecord, SentryIssueStatus, SentrySubstatus } from './types';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export interface ProjectRecord {
  id: string;
  slug: string;
  name: string;
  platform: string | null;
}

export class SandboxState {
  readonly projects: ProjectRecord[];
  private readonly byId = new Map<string, SentryIssueRecord>();
  private nextId = 4_500_000_001;
  private readonly shortIds = new Map<string, number>();

  constructor(
    readonly org: string,
    projectSlugs: string[],
    readonly now: Clock,
  ) {
    if (projectSlugs.length === 0) throw new Error('sentry-sandbox: at least one project is needed');
    this.projects = projectSlugs.map((slug, i) => ({ id: String(1001 + i), slug, name: slug, platform: null }));
  }

  project(idOrSlug: string): ProjectRecord | undefined {
    return this.projects.find((p) => p.slug === idOrSlug || p.id === idOrSlug);
  }

  get(id: string): SentryIssueRecord | undefined {
    return this.byId.get(id);
  }

  all(): SentryIssueRecord[] {
    return [...this.byId.values()];
  }

  seed(input: SeedIssue): SentryIssueRecord {
    if (!input.title) throw new Error('sentry-sandbox: a seeded issue needs a title');
    const project = input.project === undefined ? this.projects[0]! : this.project(input.project);
    if (!project) throw new Error(`sentry-sandbox: no project ${input.project} (projects: ${this.projects.map((p) => p.slug).join(', ')})`);
    const id = input.id ?? String(this.nextId++);
    if (!/^\d+$/.test(id)) throw new Error(`sentry-sandbox: issue ids are numeric strings, got ${id}`);
    if (this.byId.has(id)) throw new Error(`sentry-sandbox: issue ${id} is already seeded`);
    const now = this.now().getTime();
    const hourly = [...(input.hourly ?? [])];
    if (hourly.some((n) => !Number.isInteger(n) || n < 0)) throw new Error('sentry-sandbox: hourly counts are non-negative integers');
    const hourlySum = hourly.reduce((a, b) => a + b, 0);
    const count = input.count ?? Math.max(hourlySum, 1);
    const userCount = input.userCount ?? Math.min(count, 1 + Math.floor(count / 3));
    const currentHour = Math.floor(now / HOUR) * HOUR;
    const firstNonZero = hourly.findIndex((n) => n > 0);
    const firstSeen =
      input.firstSeen ??
      new Date(firstNonZero >= 0 ? currentHour - (hourly.length - 1 - firstNonZero) * HOUR : now - 7 * DAY).toISOString();
    const lastSeen = input.lastSeen ?? new Date(Math.max(defaultLastSeen(hourly, currentHour, now), Date.parse(firstSeen))).toISOString();
    const status: SentryIssueStatus = input.status ?? 'unresolved';
    const substatus: SentrySubstatus | null =
      input.substatus !== undefined
        ? input.substatus
        : status === 'resolved'
          ? null
          : status === 'ignored'
            ? 'archived_until_escalating'
            : now - Date.parse(firstSeen) < 7 * DAY
              ? 'new'
              : 'ongoing';
    const platform = input.platform ?? 'node';
    const latestEvent = this.event(input.event, input, lastSeen, platform);
    const recommendedEvent = input.recommendedEvent ? this.event(input.recommendedEvent, input, lastSeen, platform) : latestEvent;
    const first = latestEvent.exceptions[0];
    const crashFrame = first?.frames?.[first.frames.length - 1];
    const metadata =
      input.metadata ??
      (first
        ? {
            type: first.type,
            value: first.value,
            ...(crashFrame ? { filename: crashFrame.filename, function: crashFrame.function ?? '?' } : {}),
            in_app_frame_mix: first.frames?.every((f) => f.inApp !== false) ? 'in-app-only' : 'mixed',
          }
        : { title: input.title });
    const record: SentryIssueRecord = {
      id,
      shortId: `${project.slug.toUpperCase()}-${this.nextShortId(project.slug).toString(36).toUpperCase()}`,
      project: { ...project },
      title: input.title,
      culprit: input.culprit ?? (crashFrame ? `${crashFrame.function ?? '?'}(${crashFrame.filename})` : ''),
      level: input.level ?? 'error',
      status,
      substatus,
      statusDetails: { ...(input.statusDetails ?? {}) },
      type: input.type ?? 'error',
      platform,
      logger: input.logger !== undefined ? input.logger : null,
      priority: input.priority !== undefined ? input.priority : input.level === 'warning' ? 'medium' : 'high',
      hourly,
      hourlyEndsAt: new Date(currentHour).toISOString(),
      count,
      userCount,
      firstSeen,
      lastSeen,
      metadata,
      environments: input.environments ?? [latestEvent.environment],
      firstRelease: input.firstRelease ?? latestEvent.release,
      lastRelease: input.lastRelease ?? latestEvent.release,
      permalink: `https://${this.org}.sentry.io/issues/${id}/`,
      latestEvent,
      recommendedEvent,
      raw: { ...(input.raw ?? {}) },
      updates: [],
    };
    this.byId.set(id, record);
    return record;
  }

  /** Events arriving now: the hourly series is extended to the current hour. */
  recordEvents(id: string, events: number, users = 0): SentryIssueRecord {
    const issue = this.byId.get(id);
    if (!issue) throw new Error(`sentry-sandbox: no issue ${id}`);
    if (!Number.isInteger(events) || events < 1) throw new Error(`sentry-sandbox: events must be a positive integer, got ${events}`);
    const now = this.now().getTime();
    const currentHour = Math.floor(now / HOUR) * HOUR;
    const anchor = Date.parse(issue.hourlyEndsAt);
    if (currentHour < anchor) throw new Error("sentry-sandbox: the clock went back before the issue's last hour");
    for (let h = anchor + HOUR; h <= currentHour; h += HOUR) issue.hourly.push(0);
    if (issue.hourly.length === 0) issue.hourly.push(0);
    issue.hourly[issue.hourly.length - 1]! += events;
    issue.hourlyEndsAt = new Date(currentHour).toISOString();
    issue.count += events;
    issue.userCount += users;
    issue.lastSeen = new Date(now).toISOString();
    issue.latestEvent = { ...issue.latestEvent, dateCreated: issue.lastSeen };
    if (issue.status === 'resolved') {
      issue.status = 'unresolved';
      issue.substatus = 'regressed';
      issue.statusDetails = {};
    }
    return issue;
  }

  private nextShortId(slug: string): number {
    const n = (this.shortIds.get(slug) ?? 0) + 1;
    this.shortIds.set(slug, n);
    return n;
  }

  private event(seed: SeedEvent | undefined, issue: SeedIssue, lastSeen: string, platform: string): SentryEventRecord {
    const s = seed ?? {};
    const [type, ...rest] = issue.title.split(': ');
    const exceptions = s.exceptions ?? (issue.type === 'default' || rest.length === 0 ? [] : [{ type: type!, value: rest.join(': ') }]);
    return {
      eventId: s.eventId ?? randomBytes(16).toString('hex'),
      message: s.message ?? (exceptions.length ? null : issue.title),
      exceptions,
      breadcrumbs: s.breadcrumbs ?? [],
      tags: { ...(s.tags ?? {}) },
      release: s.release ?? null,
      environment: s.environment ?? issue.environments?.[0] ?? 'production',
      user: s.user ?? null,
      platform: s.platform ?? platform,
      dateCreated: s.dateCreated ?? lastSeen,
      contexts: { ...(s.contexts ?? {}) },
      ...(s.request ? { request: s.request } : {}),
    };
  }
}

/**
 * A minute ago, or, when the hourly series has gone quiet, the end of its last hour with events
 * (so `lastSeen` agrees with `stats`).
 */
function defaultLastSeen(hourly: number[], currentHour: number, now: number): number {
  let last = -1;
  hourly.forEach((n, i) => {
    if (n > 0) last = i;
  });
  const recent = Math.max(now - 60_000, currentHour);
  if (last < 0 || last === hourly.length - 1) return recent;
  return currentHour - (hourly.length - 1 - last) * HOUR + HOUR - 60_000;
}

/** A deep copy, so a test reading an issue back cannot change the sandbox's state. */
export function snapshot<T>(value: T): T {
  return structuredClone(value);
}
