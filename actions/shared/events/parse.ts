import { z } from 'zod';
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
import { AUTHOR_ASSOCIATIONS, type Actor, type AuthorAssociation, type RepoRef } from '../github/types';
import type { FactoryEvent, FactoryEventKind, ParsedEvent, SchedulePayload, Subject, UnsupportedEvent } from './types';
import { FACTORY_EVENT_KINDS } from './types';
import { ConfigError, errorMessage } from '../errors';

/**
 * GITHUB_EVENT_NAME + payload -> ParsedEvent. Only the structure the factory relies on is
 * validated (zod); the rest of the payload is passed through with its webhook type. Anything we
 * do not handle, or cannot read, becomes `unsupported` with a reason: never a throw.
 */

/** Fallbacks from the runner's environment, for payloads that lack them (`schedule`). */
export interface EventContext {
  /** `owner/repo`, as in GITHUB_REPOSITORY. */
  repository?: string;
  /** Login, as in GITHUB_ACTOR. */
  actor?: string;
}

const Account = z.object({ login: z.string().min(1), type: z.string().min(1) });
const Repository = z.object({
  name: z.string().min(1),
  owner: z.object({ login: z.string().min(1) }),
  default_branch: z.string().optional(),
});
const Envelope = z.object({ repository: Repository, sender: Account });
const IssueNumber = z.number().int().positive();
const Label = z.object({ name: z.string() });
const Action = z.string().min(1);
const Association = z.string().optional();
const PrRef = z.object({ number: IssueNumber });

const schemas = {
  issues: z.object({
    action: Action,
    issue: z.object({
      number: IssueNumber,
      user: Account.nullish(),
      author_association: Association,
      pull_request: z.unknown().optional(),
      labels: z.array(Label).nullish(),
    }),
    label: Label.nullish(),
  }),
  issue_comment: z.object({
    action: Action,
    issue: z.object({ number: IssueNumber, pull_request: z.unknown().optional() }),
    comment: z.object({
      id: z.number(),
      body: z.string().nullable(),
      user: Account.nullish(),
      author_association: Association,
    }),
  }),
  pull_request: z.object({
    action: Action,
    pull_request: z.object({
      number: IssueNumber,
      user: Account.nullish(),
      author_association: Association,
      draft: z.boolean().optional(),
      labels: z.array(Label).nullish(),
    }),
    label: Label.nullish(),
  }),
  pull_request_review: z.object({
    action: Action,
    pull_request: PrRef,
    review: z.object({ user: Account.nullish(), author_association: Association, state: z.string() }),
  }),
  pull_request_review_comment: z.object({
    action: Action,
    pull_request: PrRef,
    comment: z.object({
      id: z.number(),
      body: z.string().nullable(),
      user: Account.nullish(),
      author_association: Association,
    }),
  }),
  pull_request_review_thread: z.object({ action: Action, pull_request: PrRef }),
  push: z.object({ ref: z.string().min(1) }),
  workflow_run: z.object({
    action: Action,
    workflow_run: z.object({
      name: z.string().nullish(),
      conclusion: z.string().nullable(),
      pull_requests: z.array(PrRef),
    }),
  }),
  check_suite: z.object({
    action: Action,
    check_suite: z.object({ conclusion: z.string().nullable(), pull_requests: z.array(PrRef) }),
  }),
  deployment_status: z.object({
    action: Action,
    deployment_status: z.object({ state: z.string().min(1), environment: z.string().nullish() }),
    deployment: z.object({ sha: z.string().min(1), ref: z.string().min(1), environment: z.string().nullish() }),
  }),
  repository_dispatch: z.object({
    action: Action,
    client_payload: z.record(z.string(), z.unknown()).nullish(),
  }),
  workflow_dispatch: z.object({
    ref: z.string().min(1),
    inputs: z.record(z.string(), z.unknown()).nullish(),
  }),
  schedule: z.object({ schedule: z.string().min(1) }),
} satisfies Record<FactoryEventKind, z.ZodType>;

export function parseEvent(name: string, payload: unknown, context: EventContext = {}): ParsedEvent {
  try {
    return parseOrExplain(name, payload, context);
  } catch (e) {
    return unsupported(name, `could not read the ${name} payload: ${errorMessage(e)}`);
  }
}

/** Reads GITHUB_EVENT_NAME and the JSON file at GITHUB_EVENT_PATH. */
export function readEventFromEnv(env: Record<string, string | undefined>, readFile: (path: string) => string): ParsedEvent {
  const name = env.GITHUB_EVENT_NAME?.trim();
  if (!name) return unsupported('', 'GITHUB_EVENT_NAME is not set');
  const path = env.GITHUB_EVENT_PATH?.trim();
  if (!path) return unsupported(name, 'GITHUB_EVENT_PATH is not set');
  let text: string;
  try {
    text = readFile(path);
  } catch (e) {
    return unsupported(name, `cannot read the event file ${path}: ${errorMessage(e)}`);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (e) {
    return unsupported(name, `the event file ${path} is not valid JSON: ${errorMessage(e)}`);
  }
  // GitHub writes one JSON object; anything else is a broken run or a hand-made file, never an event to skip.
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    const kind = payload === null ? 'null' : Array.isArray(payload) ? 'a JSON array' : `a JSON ${typeof payload}`;
    throw new ConfigError(`the event file ${path} (GITHUB_EVENT_PATH) holds ${kind}, not an event object`);
  }
  return parseEvent(name, payload, { repository: env.GITHUB_REPOSITORY, actor: env.GITHUB_ACTOR });
}

export function isSupported(event: ParsedEvent): event is FactoryEvent {
  return event.kind !== 'unsupported';
}

function parseOrExplain(name: string, payload: unknown, context: EventContext): ParsedEvent {
  if (!isKind(name)) return unsupported(name, `the factory does not handle "${name}" events`);
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return unsupported(name, `the ${name} payload is not a JSON object`);
  }
  if (name === 'schedule') return parseSchedule(payload, context);

  const envelope = Envelope.safeParse(payload);
  if (!envelope.success) return invalid(name, envelope.error);
  const repository = envelope.data.repository;
  const repo: RepoRef = { owner: repository.owner.login, repo: repository.name };
  const sender = actor(envelope.data.sender);
  const base = { repo, sender, isBot: isBotActor(sender) };

  switch (name) {
    case 'issues': {
      const r = schemas.issues.safeParse(payload);
      if (!r.success) return invalid(name, r.error);
      const { issue, label } = r.data;
      return {
        ...base,
        kind: name,
        action: r.data.action as IssuesEvent['action'],
        payload: payload as IssuesEvent,
        subject: subjectOf(issue),
        ...authorOf(issue.user, issue.author_association),
        labels: (issue.labels ?? []).map((l) => l.name),
        ...(label ? { label: label.name } : {}),
      };
    }
    case 'issue_comment': {
      const r = schemas.issue_comment.safeParse(payload);
      if (!r.success) return invalid(name, r.error);
      const { issue, comment } = r.data;
      return {
        ...base,
        kind: name,
        action: r.data.action as IssueCommentEvent['action'],
        payload: payload as IssueCommentEvent,
        subject: subjectOf(issue),
        ...authorOf(comment.user, comment.author_association),
        commentId: comment.id,
        body: comment.body ?? '',
      };
    }
    case 'pull_request': {
      const r = schemas.pull_request.safeParse(payload);
      if (!r.success) return invalid(name, r.error);
      const { pull_request: pr, label } = r.data;
      return {
        ...base,
        kind: name,
        action: r.data.action as PullRequestEvent['action'],
        payload: payload as PullRequestEvent,
        subject: { type: 'pr', number: pr.number },
        ...authorOf(pr.user, pr.author_association),
        draft: pr.draft ?? false,
        labels: (pr.labels ?? []).map((l) => l.name),
        ...(label ? { label: label.name } : {}),
      };
    }
    case 'pull_request_review': {
      const r = schemas.pull_request_review.safeParse(payload);
      if (!r.success) return invalid(name, r.error);
      const { review } = r.data;
      return {
        ...base,
        kind: name,
        action: r.data.action as PullRequestReviewEvent['action'],
        payload: payload as PullRequestReviewEvent,
        subject: { type: 'pr', number: r.data.pull_request.number },
        ...authorOf(review.user, review.author_association),
        reviewState: review.state.toLowerCase(),
      };
    }
    case 'pull_request_review_comment': {
      const r = schemas.pull_request_review_comment.safeParse(payload);
      if (!r.success) return invalid(name, r.error);
      const { comment } = r.data;
      return {
        ...base,
        kind: name,
        action: r.data.action as PullRequestReviewCommentEvent['action'],
        payload: payload as PullRequestReviewCommentEvent,
        subject: { type: 'pr', number: r.data.pull_request.number },
        ...authorOf(comment.user, comment.author_association),
        commentId: comment.id,
        body: comment.body ?? '',
      };
    }
    case 'pull_request_review_thread': {
      const r = schemas.pull_request_review_thread.safeParse(payload);
      if (!r.success) return invalid(name, r.error);
      return {
        ...base,
        kind: name,
        action: r.data.action as PullRequestReviewThreadEvent['action'],
        payload: payload as PullRequestReviewThreadEvent,
        subject: { type: 'pr', number: r.data.pull_request.number },
      };
    }
    case 'push': {
      const r = schemas.push.safeParse(payload);
      if (!r.success) return invalid(name, r.error);
      const branch = repository.default_branch;
      return {
        ...base,
        kind: name,
        action: undefined,
        payload: payload as PushEvent,
        ref: r.data.ref,
        isDefaultBranch: branch !== undefined && r.data.ref === `refs/heads/${branch}`,
      };
    }
    case 'workflow_run': {
      const r = schemas.workflow_run.safeParse(payload);
      if (!r.success) return invalid(name, r.error);
      const run = r.data.workflow_run;
      const pullRequests = run.pull_requests.map((p) => p.number);
      return {
        ...base,
        kind: name,
        action: r.data.action as WorkflowRunEvent['action'],
        payload: payload as WorkflowRunEvent,
        ...onlyPr(pullRequests),
        conclusion: run.conclusion,
        workflowName: run.name ?? '',
        pullRequests,
      };
    }
    case 'check_suite': {
      const r = schemas.check_suite.safeParse(payload);
      if (!r.success) return invalid(name, r.error);
      const pullRequests = r.data.check_suite.pull_requests.map((p) => p.number);
      return {
        ...base,
        kind: name,
        action: r.data.action as CheckSuiteEvent['action'],
        payload: payload as CheckSuiteEvent,
        ...onlyPr(pullRequests),
        conclusion: r.data.check_suite.conclusion,
        pullRequests,
      };
    }
    case 'deployment_status': {
      const r = schemas.deployment_status.safeParse(payload);
      if (!r.success) return invalid(name, r.error);
      const { deployment_status: status, deployment } = r.data;
      return {
        ...base,
        kind: name,
        action: r.data.action as DeploymentStatusEvent['action'],
        payload: payload as DeploymentStatusEvent,
        state: status.state,
        environment: status.environment ?? deployment.environment ?? '',
        sha: deployment.sha,
        ref: deployment.ref,
      };
    }
    case 'repository_dispatch': {
      const r = schemas.repository_dispatch.safeParse(payload);
      if (!r.success) return invalid(name, r.error);
      return {
        ...base,
        kind: name,
        action: r.data.action,
        payload: payload as RepositoryDispatchEvent,
        clientPayload: r.data.client_payload ?? {},
      };
    }
    case 'workflow_dispatch': {
      const r = schemas.workflow_dispatch.safeParse(payload);
      if (!r.success) return invalid(name, r.error);
      return {
        ...base,
        kind: name,
        action: undefined,
        payload: payload as WorkflowDispatchEvent,
        inputs: r.data.inputs ?? {},
        ref: r.data.ref,
      };
    }
  }
}

/** Schedule payloads hold the cron and usually the repository, but no sender. */
function parseSchedule(payload: object, context: EventContext): ParsedEvent {
  const r = schemas.schedule.safeParse(payload);
  if (!r.success) return invalid('schedule', r.error);
  const record = payload as Record<string, unknown>;
  let repo: RepoRef | undefined;
  const fromPayload = Repository.safeParse(record.repository);
  if (fromPayload.success) repo = { owner: fromPayload.data.owner.login, repo: fromPayload.data.name };
  else if (context.repository) repo = splitRepository(context.repository);
  if (!repo) return unsupported('schedule', 'the schedule payload has no repository and GITHUB_REPOSITORY is not set');
  const fromSender = Account.safeParse(record.sender);
  const sender: Actor = fromSender.success ? actor(fromSender.data) : { login: context.actor ?? '', type: 'Schedule' };
  return {
    kind: 'schedule',
    action: undefined,
    payload: payload as SchedulePayload,
    repo,
    sender,
    isBot: isBotActor(sender),
    cron: r.data.schedule,
  };
}

function splitRepository(full: string): RepoRef | undefined {
  const m = /^([^/\s]+)\/([^/\s]+)$/.exec(full.trim());
  return m ? { owner: m[1]!, repo: m[2]! } : undefined;
}

function isKind(name: string): name is FactoryEventKind {
  return (FACTORY_EVENT_KINDS as readonly string[]).includes(name);
}

function actor(a: { login: string; type: string }): Actor {
  return { login: a.login, type: a.type };
}

export function isBotActor(a: Actor): boolean {
  return a.type === 'Bot' || a.login.endsWith('[bot]');
}

function subjectOf(issue: { number: number; pull_request?: unknown }): Subject {
  return { type: issue.pull_request ? 'pr' : 'issue', number: issue.number };
}

/** A run or suite that belongs to exactly one PR has that PR as its subject. */
function onlyPr(numbers: number[]): { subject?: Subject } {
  return numbers.length === 1 ? { subject: { type: 'pr', number: numbers[0]! } } : {};
}

function authorOf(
  user: { login: string; type: string } | null | undefined,
  association: string | undefined,
): { author?: Actor; authorAssociation?: AuthorAssociation } {
  return {
    ...(user ? { author: actor(user) } : {}),
    ...(association !== undefined ? { authorAssociation: normalizeAssociation(association) } : {}),
  };
}

/** Unknown association values get the least trust. */
export function normalizeAssociation(value: string): AuthorAssociation {
  const upper = value.toUpperCase();
  return AUTHOR_ASSOCIATIONS.find((a) => a === upper) ?? 'NONE';
}

function unsupported(name: string, reason: string): UnsupportedEvent {
  return { kind: 'unsupported', name, reason };
}

function invalid(name: string, error: z.ZodError): UnsupportedEvent {
  const problems = error.issues.slice(0, 5).map((i) => `${i.path.length ? i.path.join('.') : '(payload)'}: ${i.message}`);
  return unsupported(name, `the ${name} payload is missing what the factory needs: ${problems.join('; ')}`);
}
