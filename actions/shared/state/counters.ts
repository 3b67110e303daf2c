import { getMarker, marker } from '../github/markers';
import type { MarkerRef } from '../github/types';

/**
 * Attempt counters per issue or PR (loop guards), kept in one comment carrying
 * `<!-- factory:attempts:<number> {"build":2,"ci-fix":1} -->`. Counter names are short
 * kebab-case words: build, ci-fix, resolve-round, ...
 */
export const ATTEMPTS_KIND = 'attempts';

export type Counters = Readonly<Record<string, number>>;

const NAME = /^[a-z][a-z0-9-]*$/;

export function attemptsMarker(subject: number): MarkerRef {
  return { kind: ATTEMPTS_KIND, key: String(subject) };
}

/** Counters in a comment body (empty when absent; malformed entries are ignored). */
export function parseCounters(body: string | null | undefined, subject: number): Counters {
  const data = getMarker(body, attemptsMarker(subject))?.data ?? {};
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(data)) {
    if (NAME.test(name) && Number.isSafeInteger(value) && (value as number) >= 0) out[name] = value as number;
  }
  return out;
}

export function increment(counters: Counters, name: string, by = 1): Counters {
  if (!NAME.test(name)) throw new Error(`invalid counter name "${name}": use lowercase kebab-case`);
  return { ...counters, [name]: (counters[name] ?? 0) + by };
}

export function reset(counters: Counters, name: string): Counters {
  const { [name]: _dropped, ...rest } = counters;
  return rest;
}

/** The counter comment: marker with the counts, and a line for people. */
export function renderCounters(subject: number, counters: Counters): string {
  const names = Object.keys(counters).sort();
  const sorted = Object.fromEntries(names.map((n) => [n, counters[n]!]));
  const summary = names.length ? names.map((n) => `${n}: ${counters[n]}`).join(', ') : 'none yet';
  return `${marker(attemptsMarker(subject), sorted)}\nFactory attempts on #${subject}: ${summary}.\n`;
}

/**
 * True when `count` attempts already made use up a budget of `max` attempts, so no further
 * attempt may start (count >= max).
 */
export function exceeded(count: number, max: number): boolean {
  return count >= max;
}
