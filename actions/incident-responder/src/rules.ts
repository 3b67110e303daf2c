import type { SentryIssue } from '../../shared/sentry';

/**
 * The incident responder's decisions, by code alone (no model runs): which Sentry issue becomes a
 * GitHub issue, at what priority, and when a mirrored one has regressed or spikes.
 */

export type Priority = 'priority:p0' | 'priority:p1' | 'priority:p2' | 'priority:p3';

export interface Thresholds {
  minEvents: number;
  minUsers: number;
}

/** Why an issue is not mirrored yet, or undefined when it qualifies. */
export function belowThreshold(issue: Pick<SentryIssue, 'count' | 'userCount'>, t: Thresholds): string | undefined {
  if (issue.count < t.minEvents) return `${issue.count} event(s), fewer than sentry.minEvents (${t.minEvents})`;
  if (issue.userCount < t.minUsers) return `${issue.userCount} user(s) affected, fewer than sentry.minUsers (${t.minUsers})`;
  return undefined;
}

/**
 * Priority from level, frequency and users affected:
 * - fatal: p0;
 * - error: p1 when 10+ users or 100+ events, else p2;
 * - warning: p2 when 100+ users or 1000+ events, else p3;
 * - anything else: p3;
 * and one step up (at most p0) when 1000+ users are affected.
 */
export function priorityOf(issue: Pick<SentryIssue, 'level' | 'count' | 'userCount'>): Priority {
  const rank = baseRank(issue) - (issue.userCount >= 1000 ? 1 : 0);
  return `priority:p${Math.max(0, rank)}` as Priority;
}

function baseRank({ level, count, userCount }: Pick<SentryIssue, 'level' | 'count' | 'userCount'>): number {
  switch (level) {
    case 'fatal':
      return 0;
    case 'error':
      return userCount >= 10 || count >= 100 ? 1 : 2;
    case 'warning':
      return userCount >= 100 || count >= 1000 ? 2 : 3;
    default:
      return 3;
  }
}

export interface Spike {
  /** Events in the current hour. */
  lastHour: number;
  /** Average events an hour over the day (the 24 hourly buckets). */
  hourlyAverage: number;
  /** The hour it falls in, `YYYY-MM-DDTHH` (UTC): one comment per window. */
  window: string;
}

/**
 * A spike: the current hour's events reach `factor` times the hourly average of the day, and
 * at least `minEvents` (a handful of events on a quiet issue is no spike).
 */
export function spikeOf(issue: Pick<SentryIssue, 'hourly'>, factor: number, minEvents: number, now: Date): Spike | undefined {
  const buckets = issue.hourly;
  if (buckets.length === 0) return undefined;
  const last = buckets[buckets.length - 1]!;
  const total = buckets.reduce((sum, b) => sum + b.count, 0);
  const hourlyAverage = total / buckets.length;
  if (last.count < minEvents || last.count < factor * hourlyAverage) return undefined;
  const at = last.at > 0 ? new Date(last.at * 1000) : now;
  return { lastHour: last.count, hourlyAverage, window: at.toISOString().slice(0, 13) };
}

export type FollowUp =
  { kind: 'regression'; why: string; reopen: boolean } | { kind: 'spike'; spike: Spike } | { kind: 'none'; why?: string };

export interface MirrorState {
  state: 'open' | 'closed';
  stateReason?: string | null;
  closedAt?: string | null;
}

/**
 * What an already mirrored issue needs. A closed GitHub issue (closed as done) regressed when
 * Sentry saw the error after it was closed; an open one when Sentry marks it `regressed`. An issue
 * a person closed as not planned or duplicate stays closed. Otherwise a spike, or nothing.
 */
export function followUp(issue: SentryIssue, mirror: MirrorState, opts: { spikeFactor: number; minEvents: number; now: Date }): FollowUp {
  if (mirror.state === 'closed') {
    if (mirror.stateReason && mirror.stateReason !== 'completed')
      return { kind: 'none', why: `the GitHub issue was closed as ${mirror.stateReason}` };
    const seenAfterClose = !!mirror.closedAt && !!issue.lastSeen && Date.parse(issue.lastSeen) > Date.parse(mirror.closedAt);
    if (!seenAfterClose) return { kind: 'none', why: 'the GitHub issue is closed and Sentry has seen no event since' };
    const why = issue.substatus === 'regressed' ? 'Sentry marks it regressed' : 'Sentry saw it again';
    return { kind: 'regression', why: `${why} after the GitHub issue was closed`, reopen: true };
  }
  if (issue.substatus === 'regressed') return { kind: 'regression', why: 'Sentry marks it regressed', reopen: false };
  const spike = spikeOf(issue, opts.spikeFactor, opts.minEvents, opts.now);
  return spike ? { kind: 'spike', spike } : { kind: 'none' };
}
