/** Test helpers: the repository's own workflow files, a runner over them, and event builders. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CausedBy, RepositoryInfo, WorkflowEvent } from './events';
import { createWorkflowRunner } from './index';
import type { RunnerOptions } from './runner';

const ROOT = resolve(__dirname, '../../../..');

/** `.github/workflows/*.yml` of this repository, path -> text. */
export function repositoryWorkflows(): Record<string, string> {
  const dir = join(ROOT, '.github/workflows');
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => [`.github/workflows/${f}`, readFileSync(join(dir, f), 'utf8')]),
  );
}

export const REPOSITORY: RepositoryInfo = { owner: 'acme', name: 'shop', defaultBranch: 'main', id: 42, ownerId: 7 };

export const APP: CausedBy = { kind: 'app', login: 'factory-app[bot]' };
export const USER: CausedBy = { kind: 'user', login: 'alice' };
export const GITHUB_TOKEN: CausedBy = { kind: 'github-token', login: 'github-actions[bot]' };

export function runnerFor(files: Record<string, string>, options: Partial<Omit<RunnerOptions, 'workflows'>> = {}) {
  return createWorkflowRunner(files, { repository: REPOSITORY, secrets: ['ANTHROPIC_API_KEY', 'FACTORY_APP_TOKEN'], ...options });
}

export function event(
  name: string,
  payload: Record<string, unknown>,
  causedBy: CausedBy = USER,
  extra: Partial<WorkflowEvent> = {},
): WorkflowEvent {
  return { name, payload, actor: causedBy.login, causedBy, ...extra };
}

export function labeled(issue: number, label: string, causedBy: CausedBy = USER): WorkflowEvent {
  return event('issues', { action: 'labeled', issue: { number: issue, title: 'Add search' }, label: { name: label } }, causedBy);
}

export function dispatch(workflow: string, inputs: Record<string, unknown> = {}, causedBy: CausedBy = USER): WorkflowEvent {
  return event('workflow_dispatch', { workflow, ref: 'refs/heads/main', inputs }, causedBy);
}

/** A small workflow file: `on`, optional top-level keys, and jobs as YAML text. */
export function workflowFile(text: string): string {
  return text.replace(/^\n/, '');
}
