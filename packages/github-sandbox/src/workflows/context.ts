/**
 * The contexts expressions read (`github`, `secrets`, `runner`), and the environment GitHub's
 * runner gives an action (GITHUB_*, RUNNER_*, INPUT_*).
 *
 * Secrets are names only: `${{ secrets.X }}` evaluates to the placeholder `<<secret:X>>` for a
 * configured secret (GITHUB_TOKEN always is) and to '' for an unknown one, as GitHub does. The
 * caller swaps placeholders for real values with `resolveSecrets` when it runs the step, so the
 * plans and records never hold a secret.
 */
import type { EventRefs, RepositoryInfo, WorkflowEvent } from './events';
import type { Workflow } from './model';

export function secretPlaceholder(name: string): string {
  return `<<secret:${name}>>`;
}

const PLACEHOLDER = /<<secret:([A-Za-z0-9_]+)>>/g;

/** The secret names a text holds placeholders for. */
export function secretsIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
}

/** Placeholders replaced by `lookup`'s values; a name it does not know is an error, never left in. */
export function resolveSecrets(text: string, lookup: (name: string) => string | undefined): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = lookup(name);
    if (value === undefined) throw new Error(`no value for secret ${name}`);
    return value;
  });
}

export function secretsContext(names: readonly string[]): Record<string, string> {
  return Object.fromEntries(['GITHUB_TOKEN', ...names].map((n) => [n, secretPlaceholder(n)]));
}

/** A GitHub-hosted Linux runner, as `runner.*` reads it. */
export const DEFAULT_RUNNER_CONTEXT: Readonly<Record<string, string>> = {
  name: 'GitHub Actions 1',
  os: 'Linux',
  arch: 'X64',
  environment: 'github-hosted',
  temp: '/home/runner/work/_temp',
  tool_cache: '/opt/hostedtoolcache',
  debug: '',
};

export interface GithubContextInput {
  event: WorkflowEvent;
  refs: EventRefs;
  repository: RepositoryInfo;
  workflow: Workflow;
  runId: number;
  runNumber: number;
  serverUrl: string;
  apiUrl: string;
  graphqlUrl: string;
  /** github.event.inputs of a workflow_dispatch (all strings). */
  eventInputs?: Record<string, string>;
}

export function githubContext(input: GithubContextInput): Record<string, unknown> {
  const { event, refs, repository, workflow } = input;
  const full = `${repository.owner}/${repository.name}`;
  return {
    action: '',
    actor: event.actor,
    triggering_actor: event.actor,
    api_url: input.apiUrl,
    graphql_url: input.graphqlUrl,
    server_url: input.serverUrl,
    event: input.eventInputs ? { ...event.payload, inputs: input.eventInputs } : event.payload,
    event_name: event.name,
    event_path: '/home/runner/work/_temp/_github_workflow/event.json',
    ref: refs.ref,
    ref_name: refs.branch ?? refs.tag ?? refs.ref.replace(/^refs\/(heads|tags|pull)\//, ''),
    ref_type: refs.tag !== undefined ? 'tag' : 'branch',
    ref_protected: false,
    base_ref: refs.baseRef,
    head_ref: refs.headRef,
    sha: refs.sha,
    repository: full,
    repository_owner: repository.owner,
    ...(repository.id !== undefined ? { repository_id: String(repository.id) } : {}),
    ...(repository.ownerId !== undefined ? { repository_owner_id: String(repository.ownerId) } : {}),
    repositoryUrl: `git://${input.serverUrl.replace(/^https?:\/\//, '')}/${full}.git`,
    retention_days: '90',
    run_id: String(input.runId),
    run_number: String(input.runNumber),
    run_attempt: '1',
    secret_source: 'Actions',
    token: secretPlaceholder('GITHUB_TOKEN'),
    workflow: workflow.name,
    workflow_ref: `${full}/${workflow.file}@${refs.ref}`,
    workflow_sha: refs.sha,
    workspace: `/home/runner/work/${repository.name}/${repository.name}`,
  };
}

/** The `@actions/core` name of an input: `INPUT_` and the name upper-cased, spaces as underscores. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/**
 * The environment GitHub's runner gives an action step: `env:` (workflow, job, step), GITHUB_*,
 * RUNNER_* and INPUT_* of its `with:`. GITHUB_EVENT_PATH is left to the caller, which writes
 * `github.event` to a file; secret placeholders stay until `resolveSecrets`.
 */
export function actionEnvironment(opts: {
  github: Readonly<Record<string, unknown>>;
  runner?: Readonly<Record<string, string>>;
  job: string;
  step: { id: string; with: Readonly<Record<string, string>>; env: Readonly<Record<string, string>> };
}): Record<string, string> {
  const g = (key: string): string => {
    const v = opts.github[key];
    return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
  };
  const runner = opts.runner ?? DEFAULT_RUNNER_CONTEXT;
  const github: Record<string, string> = {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: opts.step.id,
    GITHUB_ACTOR: g('actor'),
    GITHUB_TRIGGERING_ACTOR: g('triggering_actor'),
    GITHUB_API_URL: g('api_url'),
    GITHUB_GRAPHQL_URL: g('graphql_url'),
    GITHUB_SERVER_URL: g('server_url'),
    GITHUB_BASE_REF: g('base_ref'),
    GITHUB_HEAD_REF: g('head_ref'),
    GITHUB_EVENT_NAME: g('event_name'),
    GITHUB_JOB: opts.job,
    GITHUB_REF: g('ref'),
    GITHUB_REF_NAME: g('ref_name'),
    GITHUB_REF_TYPE: g('ref_type'),
    GITHUB_REPOSITORY: g('repository'),
    GITHUB_REPOSITORY_OWNER: g('repository_owner'),
    GITHUB_RETENTION_DAYS: g('retention_days'),
    GITHUB_RUN_ATTEMPT: g('run_attempt'),
    GITHUB_RUN_ID: g('run_id'),
    GITHUB_RUN_NUMBER: g('run_number'),
    GITHUB_SHA: g('sha'),
    GITHUB_WORKFLOW: g('workflow'),
    GITHUB_WORKFLOW_REF: g('workflow_ref'),
    GITHUB_WORKFLOW_SHA: g('workflow_sha'),
    GITHUB_WORKSPACE: g('workspace'),
    RUNNER_ARCH: runner.arch ?? '',
    RUNNER_NAME: runner.name ?? '',
    RUNNER_OS: runner.os ?? '',
    RUNNER_TEMP: runner.temp ?? '',
    RUNNER_TOOL_CACHE: runner.tool_cache ?? '',
  };
  const inputs = Object.fromEntries(Object.entries(opts.step.with).map(([k, v]) => [inputVariable(k), v]));
  return { ...opts.step.env, ...github, ...inputs };
}
