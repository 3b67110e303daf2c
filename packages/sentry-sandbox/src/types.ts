/** The sandbox's public types: options, seeds, the stored issue record, the request log and faults. */

export type Clock = () => Date;

export interface SentrySandboxOptions {
  /** Organization slug the sandbox serves (any other is a 404). Default `acme`. */
  org?: string;
  /** Project slugs; issues are seeded into the first unless they name another. Default `['app']`. */
  projects?: string[];
  /** Source of "now" (stats buckets, lastSeen, dates of updates). Default the system clock. */
  now?: Clock;
  /**
   * Strict contract mode: `close()` rejects when a contract violation was recorded (and not
   * cleared with `clearContractViolations()`), so a test cannot pass over one unnoticed.
   */
  strict?: boolean;
  /** Bearer token the sandbox accepts. Default a fixed sandbox token. */
  token?: string;
  /** 0 (default) picks a free port. */
  port?: number;
}

/** Levels in Sentry's contract (`level` of an issue). */
export type SentryLevel = 'sample' | 'debug' | 'info' | 'warning' | 'error' | 'fatal';
export type SentryIssueStatus = 'resolved' | 'unresolved' | 'ignored';
export type SentrySubstatus =
  'archived_until_escalating' | 'archived_until_condition_met' | 'archived_forever' | 'escalating' | 'ongoing' | 'regressed' | 'new';

/** A stack frame, in Sentry's order: a stack trace lists frames oldest first, the crashing frame last. */
export interface SeedFrame {
  filename: string;
  /** Default: `filename`. */
  absPath?: string;
  function?: string;
  module?: string;
  lineNo?: number;
  colNo?: number;
  /** Default true. */
  inApp?: boolean;
  /** Source lines around `lineNo`: `[lineNumber, text]`. */
  context?: [number, string][];
}

export interface SeedException {
  type: string;
  value: string;
  module?: string;
  /** Default `{ type: 'generic', handled: false }`. */
  mechanism?: { type: string; handled: boolean };
  frames?: SeedFrame[];
}

export interface SeedBreadcrumb {
  /** ISO date; default the event's date. */
  timestamp?: string;
  type?: string;
  category?: string;
  level?: string;
  message?: string;
  data?: Record<string, unknown>;
}

export interface SeedUser {
  id?: string;
  email?: string;
  username?: string;
  ip_address?: string;
  name?: string;
}

/** An event of an issue (its latest, or its recommended one). */
export interface SeedEvent {
  /** 32 hex characters; default generated. */
  eventId?: string;
  message?: string;
  /** Default: the issue's exception (from its title) with no frames. */
  exceptions?: SeedException[];
  breadcrumbs?: SeedBreadcrumb[];
  tags?: Record<string, string>;
  release?: string;
  environment?: string;
  user?: SeedUser;
  platform?: string;
  /** ISO date; default the issue's lastSeen. */
  dateCreated?: string;
  contexts?: Record<string, unknown>;
  request?: { url?: string; method?: string };
}

export interface SeedIssue {
  /** Numeric string; default the next id. */
  id?: string;
  /** Project slug; default the sandbox's first project. */
  project?: string;
  title: string;
  culprit?: string;
  /** Default `error`. */
  level?: SentryLevel;
  /** Default `unresolved`. */
  status?: SentryIssueStatus;
  /** Default `new` for an unresolved issue first seen in the last 7 days, `ongoing` otherwise; null for resolved. */
  substatus?: SentrySubstatus | null;
  statusDetails?: Record<string, unknown>;
  /** Event type; default `error`. */
  type?: 'error' | 'default';
  /** Default `node`. */
  platform?: string;
  /** Default: `error` when there is an exception, `default` otherwise. */
  logger?: string | null;
  priority?: 'low' | 'medium' | 'high' | null;
  /**
   * Event counts per hour, oldest first; the last element is the hour the issue is seeded in (the
   * series stays anchored there as the clock moves; `recordEvents` extends it). `stats` and the
   * windowed `count` are computed from it; a spike is a last element far above the others.
   */
  hourly?: number[];
  /** Events over the issue's lifetime (default: the sum of `hourly`, or 1). */
  count?: number;
  /** Default: min(count, 1 + count / 3). */
  userCount?: number;
  /**
   * ISO dates. Default: firstSeen the start of the first hour with events (or a week ago); lastSeen
   * a minute ago, or the end of the last hour with events when the series has gone quiet.
   */
  firstSeen?: string;
  lastSeen?: string;
  /** Default `{ type, value, filename, function }` from the first exception and its crashing frame, or `{ title }`. */
  metadata?: Record<string, unknown>;
  /** Environments the issue was seen in; default the latest event's, or `production`. */
  environments?: string[];
  /** Releases; default the latest event's release. */
  firstRelease?: string;
  lastRelease?: string;
  /** The latest event (`events/latest/`); default one built from the title. */
  event?: SeedEvent;
  /** The recommended event (`events/recommended/`); default the latest. */
  recommendedEvent?: SeedEvent;
  /**
   * Fields merged over every rendered issue, unchecked, so a test can seed data of the wrong type
   * and see the sandbox refuse to send it (a 500 and a contract violation).
   */
  raw?: Record<string, unknown>;
}

export interface SentryEventRecord {
  eventId: string;
  message: string | null;
  exceptions: SeedException[];
  breadcrumbs: SeedBreadcrumb[];
  tags: Record<string, string>;
  release: string | null;
  environment: string;
  user: SeedUser | null;
  platform: string;
  dateCreated: string;
  contexts: Record<string, unknown>;
  request?: { url?: string; method?: string };
}

/** A stored issue: what the sandbox serves, and what a test reads back. */
export interface SentryIssueRecord {
  id: string;
  shortId: string;
  project: { id: string; slug: string; name: string; platform: string | null };
  title: string;
  culprit: string;
  level: SentryLevel;
  status: SentryIssueStatus;
  substatus: SentrySubstatus | null;
  statusDetails: Record<string, unknown>;
  type: 'error' | 'default';
  platform: string;
  logger: string | null;
  priority: 'low' | 'medium' | 'high' | null;
  /** Hourly event counts, oldest first; the last element is the hour starting at `hourlyEndsAt`. */
  hourly: number[];
  /** ISO start of the hour of the last element of `hourly`. */
  hourlyEndsAt: string;
  count: number;
  userCount: number;
  firstSeen: string;
  lastSeen: string;
  metadata: Record<string, unknown>;
  environments: string[];
  firstRelease: string | null;
  lastRelease: string | null;
  permalink: string;
  latestEvent: SentryEventRecord;
  recommendedEvent: SentryEventRecord;
  raw: Record<string, unknown>;
  /** Every accepted update (`PUT`), oldest first. */
  updates: { at: string; body: Record<string, unknown> }[];
}

export interface RequestLogEntry {
  method: string;
  /** Pathname, e.g. `/api/0/organizations/acme/issues/`. */
  path: string;
  /** Query parameters; repeated keys (`project=1&project=2`) as arrays. */
  query: Record<string, string | string[]>;
  status: number;
  /** The contract's path template, when the path matched one. */
  route?: string;
  /** JSON body of a PUT, as sent. */
  body?: unknown;
}

export interface SentryFault {
  /** Route template (`/api/0/organizations/{organization_id_or_slug}/issues/`), exact pathname, or a RegExp on the pathname. Any when omitted. */
  route?: string | RegExp;
  /** HTTP method to match; any when omitted. */
  method?: string;
  status: 500 | 429;
  /** How many matching requests to answer with the fault. Default 1. */
  times?: number;
  /** 429 only: the `Retry-After` seconds. Default 1. */
  retryAfterSeconds?: number;
}

export interface SentrySandbox {
  /** Base URL, e.g. `http://127.0.0.1:PORT` (the client appends `/api/0/...`). */
  url: string;
  /** Bearer token the sandbox accepts (401 otherwise). */
  token: string;
  org: string;
  /** Projects by slug, with the numeric ids the `project` query parameter takes. */
  projects: { id: string; slug: string }[];
  seedIssue(input: SeedIssue): SentryIssueRecord;
  /**
   * New events of an issue at the current time: they go into the current hour of its series,
   * `count` and `lastSeen` follow, and a resolved issue regresses (unresolved, `regressed`), as in Sentry.
   */
  recordEvents(id: string, events: number, opts?: { users?: number }): SentryIssueRecord;
  /** The stored issue (status, statusDetails, updates) for assertions; a copy. */
  issue(id: string): SentryIssueRecord | undefined;
  issues(): SentryIssueRecord[];
  requests(): RequestLogEntry[];
  contractViolations(): string[];
  clearContractViolations(): void;
  injectFault(fault: SentryFault): void;
  close(): Promise<void>;
}
