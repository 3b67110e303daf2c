/**
 * Sentry's issue search syntax, the part an integration uses: `is:` (status and substatus),
 * `level:`, `issue.category:`, `environment:`, `release:`, `firstSeen:`/`age:`/`lastSeen:` with
 * relative (`-24h`) or absolute (`>2024-01-01T00:00:00Z`) dates, `times_seen:`, any other `key:value`
 * as an event tag, negation (`!key:value`), lists (`level:[error,warning]`), quoted values, and
 * free text (matched against title and culprit).
 */
import type { SentryIssueRecord } from './types';

export class SearchError extends Error {}

type Predicate = (issue: SentryIssueRecord, now: number) => boolean;

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3600_000, d: 86_400_000, w: 604_800_000 };

/** `24h`, `14d`, `30m`... in milliseconds, or undefined when the text is not a period. */
export function parsePeriod(text: string): number | undefined {
  const m = /^(\d+)([smhdw])$/.exec(text);
  return m ? Number(m[1]) * UNITS[m[2]!]! : undefined;
}

function tokenize(query: string): string[] {
  const tokens: string[] = [];
  const re = /(!?[\w.]+:(?:"(?:[^"\\]|\\.)*"|\[[^\]]*\]|\S*))|"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (const m of query.matchAll(re)) tokens.push(m[1] ?? (m[2] !== undefined ? `"${m[2]}"` : m[3]!));
  return tokens;
}

function unquote(value: string): string {
  return value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
}

function values(raw: string): string[] {
  if (raw.startsWith('[') && raw.endsWith(']'))
    return raw
      .slice(1, -1)
      .split(',')
      .map((v) => unquote(v.trim()))
      .filter(Boolean);
  return [unquote(raw)];
}

function statusIs(value: string): Predicate {
  switch (value) {
    case 'unresolved':
      return (i) => i.status === 'unresolved';
    case 'resolved':
      return (i) => i.status === 'resolved';
    case 'ignored':
    case 'archived':
      return (i) => i.status === 'ignored';
    case 'regressed':
    case 'escalating':
    case 'new':
    case 'ongoing':
      return (i) => i.status === 'unresolved' && i.substatus === value;
    case 'for_review':
      return (i) => i.status === 'unresolved' && (i.substatus === 'new' || i.substatus === 'regressed' || i.substatus === 'escalating');
    case 'unassigned':
      return () => true;
    case 'assigned':
    case 'bookmarked':
    case 'linked':
      return () => false;
    case 'unlinked':
      return () => true;
    default:
      throw new SearchError(`Invalid value for "is" search, valid values are [...]: ${value}`);
  }
}

/** A date filter: `-24h` (within the last 24 hours), `+24h` (older), `>ISO`, `<ISO`, `>=ISO`, `<=ISO`. */
function dateFilter(key: string, raw: string, field: (i: SentryIssueRecord) => string): Predicate {
  const relative = /^([+-])(\d+[smhdw])$/.exec(raw);
  if (relative) {
    const ms = parsePeriod(relative[2]!)!;
    return relative[1] === '-' ? (i, now) => Date.parse(field(i)) >= now - ms : (i, now) => Date.parse(field(i)) < now - ms;
  }
  const absolute = /^(>=|<=|>|<)?(.+)$/.exec(raw)!;
  const at = Date.parse(absolute[2]!);
  if (Number.isNaN(at)) throw new SearchError(`Invalid date for ${key}: ${raw}`);
  const op = absolute[1] ?? '>=';
  return (i) => {
    const t = Date.parse(field(i));
    return op === '>' ? t > at : op === '<' ? t < at : op === '<=' ? t <= at : t >= at;
  };
}

function numberFilter(key: string, raw: string, field: (i: SentryIssueRecord) => number): Predicate {
  const m = /^(>=|<=|>|<)?(\d+)$/.exec(raw);
  if (!m) throw new SearchError(`Invalid number for ${key}: ${raw}`);
  const n = Number(m[2]);
  const op = m[1];
  return (i) => {
    const v = field(i);
    return op === '>' ? v > n : op === '<' ? v < n : op === '>=' ? v >= n : op === '<=' ? v <= n : v === n;
  };
}

function tagValue(issue: SentryIssueRecord, key: string): string | undefined {
  const e = issue.latestEvent;
  if (key === 'environment') return e.environment;
  if (key === 'release') return e.release ?? undefined;
  if (key === 'level') return issue.level;
  return e.tags[key];
}

function term(key: string, raw: string): Predicate {
  const list = values(raw);
  const anyOf = (get: (i: SentryIssueRecord) => string | undefined | null): Predicate => {
    return (i) => {
      const v = get(i);
      return v !== undefined && v !== null && list.includes(v);
    };
  };
  switch (key) {
    case 'is': {
      const preds = list.map(statusIs);
      return (i, now) => preds.some((p) => p(i, now));
    }
    case 'level':
      return anyOf((i) => i.level);
    case 'issue.category':
      return anyOf(() => 'error');
    case 'issue.type':
      return anyOf(() => 'error');
    case 'issue.priority':
      return anyOf((i) => i.priority);
    case 'project':
      return anyOf((i) => i.project.slug);
    case 'environment':
      return (i) => i.environments.some((env) => list.includes(env));
    case 'release':
      return (i) => list.some((r) => r === i.lastRelease || r === i.firstRelease || r === i.latestEvent.release);
    case 'firstSeen':
    case 'age':
      return dateFilter(key, raw, (i) => i.firstSeen);
    case 'lastSeen':
      return dateFilter(key, raw, (i) => i.lastSeen);
    case 'times_seen':
      return numberFilter(key, raw, (i) => i.count);
    default:
      return anyOf((i) => tagValue(i, key));
  }
}

/** Compile a search query into a predicate; throws SearchError for what Sentry would refuse. */
export function compileSearch(query: string): Predicate {
  const preds: Predicate[] = [];
  for (const token of tokenize(query.trim())) {
    const kv = /^(!?)([\w.]+):(.*)$/s.exec(token);
    if (kv && !token.startsWith('"')) {
      if (kv[3] === '') throw new SearchError(`Invalid search query: empty value for ${kv[2]}`);
      const p = term(kv[2]!, kv[3]!);
      preds.push(kv[1] ? (i, now) => !p(i, now) : p);
      continue;
    }
    const text = unquote(token).toLowerCase();
    preds.push((i) => i.title.toLowerCase().includes(text) || i.culprit.toLowerCase().includes(text));
  }
  return (issue, now) => preds.every((p) => p(issue, now));
}
