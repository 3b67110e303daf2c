export { createSentryClient, retryingFetch, retryAfterSeconds, nextCursor } from './client';
export type { SentryClientOptions, FetchLike } from './client';
export { SentryApiError } from './types';
export type {
  SentryPort,
  SentryIssue,
  SentryEvent,
  SentryFrame,
  SentryException,
  SentryBreadcrumb,
  ListIssuesQuery,
  IssuePage,
  SentryLevel,
} from './types';
