/** Seeding helpers: hourly event-count series (steady, spiking) and common issue shapes. */
import type { SeedIssue } from './types';

/** `hours` hours of `perHour` events each (oldest first, the last the current hour). */
export function steadySeries(perHour: number, hours = 24): number[] {
  return Array.from({ length: hours }, () => perHour);
}

/**
 * A spike: `baseline` events an hour for `hours - 1` hours, then `spike` events in the current
 * hour (and `spikeHours` hours before it, when longer than one).
 */
export function spikeSeries(opts: { baseline: number; spike: number; hours?: number; spikeHours?: number }): number[] {
  const hours = opts.hours ?? 24;
  const spikeHours = opts.spikeHours ?? 1;
  if (spikeHours > hours) throw new Error('sentry-sandbox: spikeHours exceeds hours');
  return Array.from({ length: hours }, (_, i) => (i >= hours - spikeHours ? opts.spike : opts.baseline));
}

/**
 * A regression: an issue that was resolved and came back (status unresolved, substatus
 * `regressed`), first seen `ageDays` (default 30) days before its last event.
 */
export function regression(input: SeedIssue & { ageDays?: number }, now: Date = new Date()): SeedIssue {
  const { ageDays = 30, ...issue } = input;
  return {
    ...issue,
    status: 'unresolved',
    substatus: 'regressed',
    firstSeen: issue.firstSeen ?? new Date(now.getTime() - ageDays * 86_400_000).toISOString(),
  };
}

/** An issue of level `warning`. */
export function warning(input: SeedIssue): SeedIssue {
  return { ...input, level: 'warning' };
}
