/** The events the runner is given, and what GitHub derives from one (ref, sha, branch, tag). */

/**
 * Who caused an event: a workflow's GITHUB_TOKEN, an App installation token, a user (a personal
 * token or the web UI), or GitHub itself (a `schedule`, a `workflow_run` completion).
 */
export type CauseKind = 'github-token' | 'app' | 'user' | 'github';

export interface CausedBy {
  kind: CauseKind;
  login: string;
}

export interface WorkflowEvent {
  /** The webhook event name: `issues`, `push`, `workflow_dispatch`... */
  name: string;
  /** The webhook payload; its `action` is the activity type that `types:` filters. */
  payload: Record<string, unknown>;
  /** `github.actor`: the login that caused the event. */
  actor: string;
  causedBy: CausedBy;
  /** `github.ref`; default as GitHub derives it (push: the pushed ref; pull_request: `refs/pull/N/merge`; else the default branch). */
  ref?: string;
  /** `github.sha`; default the payload's (`after`, the head or merge commit) or ''. */
  sha?: string;
  /** Files the push or pull request changed, for `paths` filters (a paths filter without them is an error). */
  changedFiles?: readonly string[];
}

export interface RepositoryInfo {
  owner: string;
  name: string;
  defaultBranch: string;
  id?: number;
  ownerId?: number;
}

/** Events that start workflows even when caused by GITHUB_TOKEN. */
export const GITHUB_TOKEN_EXEMPT_EVENTS: readonly string[] = ['workflow_dispatch', 'repository_dispatch'];

export function actionOf(event: WorkflowEvent): string | undefined {
  const action = event.payload.action;
  return typeof action === 'string' ? action : undefined;
}

/** `a.b.c` of an unknown value. */
export function pick(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_review', 'pull_request_review_comment'];

export interface EventRefs {
  ref: string;
  sha: string;
  /** `github.base_ref` / `github.head_ref`: set for pull request events. */
  baseRef: string;
  headRef: string;
  /** The branch of a branch ref, the tag of a tag ref. */
  branch?: string;
  tag?: string;
  /** What `workflow_run.head_branch` reports for a run of this event. */
  headBranch: string;
}

export function refsOf(event: WorkflowEvent, repository: RepositoryInfo): EventRefs {
  const pr = event.payload.pull_request;
  const number = text(pick(pr, 'number'));
  const derivedRef =
    event.name === 'push' || event.name === 'workflow_dispatch'
      ? text(event.payload.ref)
      : PULL_REQUEST_EVENTS.includes(event.name) && number !== undefined
        ? `refs/pull/${number}/merge`
        : undefined;
  const ref = event.ref ?? derivedRef ?? `refs/heads/${repository.defaultBranch}`;
  const fullRef = ref.startsWith('refs/') ? ref : `refs/heads/${ref}`;
  const sha =
    event.sha ??
    (event.name === 'pull_request_target' ? text(pick(pr, 'base', 'sha')) : undefined) ??
    text(event.payload.after) ??
    text(pick(pr, 'merge_commit_sha')) ??
    text(pick(pr, 'head', 'sha')) ??
    '';
  const isPull = event.name.startsWith('pull_request');
  const branch = fullRef.startsWith('refs/heads/') ? fullRef.slice('refs/heads/'.length) : undefined;
  const tag = fullRef.startsWith('refs/tags/') ? fullRef.slice('refs/tags/'.length) : undefined;
  const headRef = isPull ? (text(pick(pr, 'head', 'ref')) ?? '') : '';
  return {
    ref: fullRef,
    sha,
    baseRef: isPull ? (text(pick(pr, 'base', 'ref')) ?? '') : '',
    headRef,
    ...(branch !== undefined ? { branch } : {}),
    ...(tag !== undefined ? { tag } : {}),
    headBranch: headRef || branch || tag || repository.defaultBranch,
  };
}
