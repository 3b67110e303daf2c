/**
 * The Sentry port: the few Sentry reads and writes the factory makes, as small domain types.
 * The client (./client.ts) speaks to Sentry's REST API through `@sentry/api`; tests point it at
 * the Sentry sandbox. Everything in these records is untrusted text from a production system.
 */

export type SentryLevel = 'fatal' | 'error' | 'warning' | 'info' | 'debug';

/** One Sentry issue (a group of events), as the organization issues list gives it. */
export interface SentryIssue {
  /** Numeric id as a string, e.g. "4504". */
  id: string;
  /** e.g. "WEB-1A". */
  shortId: string;
  title: string;
  culprit: string | null;
  permalink: string;
  level: string;
  /** `unresolved`, `resolved`, `ignored`, ... */
  status: string;
  /** `regressed`, `escalating`, `new`, `ongoing`, ... (null when Sentry has none). */
  substatus: string | null;
  project: { id: string; slug: string };
  /** Events, all time (Sentry sends a string). */
  count: number;
  userCount: number;
  firstSeen: string | null;
  lastSeen: string | null;
  /** Exception type and value (`metadata.type`, `metadata.value`) when Sentry has them. */
  metadata: { type?: string; value?: string; filename?: string; function?: string };
  /** Hourly event counts of the last 24 hours, oldest first (from `stats["24h"]`); empty when absent. */
  hourly: { at: number; count: number }[];
}

export interface SentryFrame {
  filename: string | null;
  absPath: string | null;
  module: string | null;
  function: string | null;
  lineNo: number | null;
  colNo: number | null;
  inApp: boolean;
}

export interface SentryException {
  type: string | null;
  value: string | null;
  /** Innermost frame last, as Sentry sends them. */
  frames: SentryFrame[];
}

export interface SentryBreadcrumb {
  timestamp: string | null;
  category: string | null;
  level: string | null;
  message: string | null;
}

/** The latest event of an issue: what the issue body describes. */
export interface SentryEvent {
  eventId: string;
  message: string | null;
  title: string;
  exceptions: SentryException[];
  breadcrumbs: SentryBreadcrumb[];
  tags: { key: string; value: string }[];
  release: string | null;
  environment: string | null;
  dateCreated: string | null;
}

export interface ListIssuesQuery {
  /** Sentry search, e.g. `is:unresolved`. */
  query: string;
  environments?: readonly string[];
  /** Issues a page (Sentry's maximum is 100). */
  limit?: number;
  /** Stop after this many pages even when Sentry has more. */
  maxPages: number;
  sort?: 'date' | 'freq' | 'new' | 'user';
}

export interface IssuePage {
  issues: SentryIssue[];
  /** Sentry said there are more pages than were read. */
  truncated: boolean;
  pages: number;
}

export interface SentryPort {
  readonly org: string;
  listIssues(query: ListIssuesQuery): Promise<IssuePage>;
  latestEvent(issueId: string): Promise<SentryEvent>;
  /** `PUT /organizations/{org}/issues/{id}/`: status and its details. */
  updateIssue(issueId: string, update: { status: 'resolved' | 'resolvedInNextRelease' | 'unresolved' }): Promise<void>;
}

/** Every error the Sentry layer throws after it gave up (retries spent, contract broken, refused). */
export class SentryApiError extends Error {
  override readonly name = 'SentryApiError';
  constructor(
    message: string,
    /** e.g. `listIssues` */
    readonly operation: string,
    /** HTTP status when Sentry answered. */
    readonly status: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
