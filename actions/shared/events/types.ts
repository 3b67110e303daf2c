import type {
  CheckSuiteEvent,
  DeploymentStatusEvent,
  IssueCommentEvent,
  IssuesEvent,
  PullRequestEvent,
  PullRequestReviewCommentEvent,
  PullRequestReviewEvent,
  PullRequestReviewThreadEvent,
  PushEvent,
  RepositoryDispatchEvent,
  WorkflowDispatchEvent,
  WorkflowRunEvent,
} from '@octokit/webhooks-types';
import type { Actor, AuthorAssociation, RepoRef } from '../github/types';

/**
 * The events the factory handles, as one discriminated union on `kind` (the GitHub event name).
 * Each variant keeps its typed webhook payload and adds the few normalized fields that the gate
 * and the router need, so they never dig through payloads themselves.
 */

/** The issue or pull request an event is about. Comments on a PR are `pr`. */
export interface Subject {
  type: 'issue' | 'pr';
  number: number;
}

interface Base {
  repo: RepoRef;
  /** Who caused the event. For `schedule`, a synthetic actor of type `Schedule`. */
  sender: Actor;
  /** The sender is a bot (type `Bot` or a `[bot]` login). */
  isBot: boolean;
  subject?: Subject;
  /** The author whose trust matters for this event (comment, review or issue/PR author). */
  author?: Actor;
  /** That author's association with the repository; unknown values are read as `NONE`. */
  authorAssociation?: AuthorAssociation;
}

/** `schedule` is not a webhook: its payload carries the cron expression that fired. */
export interface SchedulePayload {
  schedule: string;
  repository?: unknown;
  workflow?: string;
  [key: string]: unknown;
}

export type IssuesFactoryEvent = Base & {
  kind: 'issues';
  action: IssuesEvent['action'];
  payload: IssuesEvent;
  subject: Subject;
  /** Names of the labels on the issue. */
  labels: string[];
  /** The label added or removed, for `labeled` / `unlabeled`. */
  label?: string;
};

export type IssueCommentFactoryEvent = Base & {
  kind: 'issue_comment';
  action: IssueCommentEvent['action'];
  payload: IssueCommentEvent;
  subject: Subject;
  commentId: number;
  body: string;
};

export type PullRequestFactoryEvent = Base & {
  kind: 'pull_request';
  action: PullRequestEvent['action'];
  payload: PullRequestEvent;
  subject: Subject;
  draft: boolean;
  labels: string[];
  label?: string;
};

export type PullRequestReviewFactoryEvent = Base & {
  kind: 'pull_request_review';
  action: PullRequestReviewEvent['action'];
  payload: PullRequestReviewEvent;
  subject: Subject;
  /** Review state as sent by GitHub (`approved`, `changes_requested`, `commented`, ...). */
  reviewState: string;
};

export type PullRequestReviewCommentFactoryEvent = Base & {
  kind: 'pull_request_review_comment';
  action: PullRequestReviewCommentEvent['action'];
  payload: PullRequestReviewCommentEvent;
  subject: Subject;
  commentId: number;
  body: string;
};

export type PullRequestReviewThreadFactoryEvent = Base & {
  kind: 'pull_request_review_thread';
  action: PullRequestReviewThreadEvent['action'];
  payload: PullRequestReviewThreadEvent;
  subject: Subject;
};

export type PushFactoryEvent = Base & {
  kind: 'push';
  action: undefined;
  payload: PushEvent;
  ref: string;
  /** The pushed ref is `refs/heads/<default branch>` (false when the default is unknown). */
  isDefaultBranch: boolean;
};

export type WorkflowRunFactoryEvent = Base & {
  kind: 'workflow_run';
  action: WorkflowRunEvent['action'];
  payload: WorkflowRunEvent;
  conclusion: string | null;
  workflowName: string;
  /** Numbers of the pull requests the run belongs to (empty for forks and default-branch runs). */
  pullRequests: number[];
};

export type CheckSuiteFactoryEvent = Base & {
  kind: 'check_suite';
  action: CheckSuiteEvent['action'];
  payload: CheckSuiteEvent;
  conclusion: string | null;
  pullRequests: number[];
};

export type DeploymentStatusFactoryEvent = Base & {
  kind: 'deployment_status';
  action: DeploymentStatusEvent['action'];
  payload: DeploymentStatusEvent;
  /** The status's state: `success`, `failure`, `error`, `pending`, `in_progress`, `queued`, `inactive`. */
  state: string;
  /** The environment deployed to (the status's, else the deployment's). */
  environment: string;
  /** The commit deployed. */
  sha: string;
  /** The ref the deployment was made from: a branch, a tag or a SHA. */
  ref: string;
};

export type RepositoryDispatchFactoryEvent = Base & {
  kind: 'repository_dispatch';
  /** The dispatch `event_type`, e.g. `factory-report`. */
  action: string;
  payload: RepositoryDispatchEvent;
  clientPayload: Record<string, unknown>;
};

export type WorkflowDispatchFactoryEvent = Base & {
  kind: 'workflow_dispatch';
  action: undefined;
  payload: WorkflowDispatchEvent;
  inputs: Record<string, unknown>;
  ref: string;
};

export type ScheduleFactoryEvent = Base & {
  kind: 'schedule';
  action: undefined;
  payload: SchedulePayload;
  cron: string;
};

export type FactoryEvent =
  | IssuesFactoryEvent
  | IssueCommentFactoryEvent
  | PullRequestFactoryEvent
  | PullRequestReviewFactoryEvent
  | PullRequestReviewCommentFactoryEvent
  | PullRequestReviewThreadFactoryEvent
  | PushFactoryEvent
  | WorkflowRunFactoryEvent
  | CheckSuiteFactoryEvent
  | DeploymentStatusFactoryEvent
  | RepositoryDispatchFactoryEvent
  | WorkflowDispatchFactoryEvent
  | ScheduleFactoryEvent;

export type FactoryEventKind = FactoryEvent['kind'];

/** An event we do not handle, or a payload missing what we rely on: a neutral skip. */
export interface UnsupportedEvent {
  kind: 'unsupported';
  name: string;
  reason: string;
}

export type ParsedEvent = FactoryEvent | UnsupportedEvent;

export type EventOfKind<K extends FactoryEventKind> = Extract<FactoryEvent, { kind: K }>;

export const FACTORY_EVENT_KINDS = [
  'issues',
  'issue_comment',
  'pull_request',
  'pull_request_review',
  'pull_request_review_comment',
  'pull_request_review_thread',
  'push',
  'workflow_run',
  'check_suite',
  'deployment_status',
  'repository_dispatch',
  'workflow_dispatch',
  'schedule',
] as const satisfies readonly FactoryEventKind[];
