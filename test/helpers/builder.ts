import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import examples from '@octokit/webhooks-examples';
import { parseEvent, type ParsedEvent } from '../../actions/shared/events';
import type { FactorySandbox } from '../../scripts/harness';
import { BUILDER_SANDBOX_CONFIG } from '../../scripts/harness/scenarios/builder';

/**
 * Test support for the builder and the CI fixer: real GitHub webhook examples adapted to the
 * sandbox repository, and plain git to inspect the sandbox's bare repository.
 */

type Json = Record<string, any>;

/** The sandbox's config with the sandbox viewer as the factory's own bot. */
export const SANDBOX_CONFIG = BUILDER_SANDBOX_CONFIG;

function example(name: string, action: string): Json {
  const group = (examples as unknown as { name: string; examples: Json[] }[]).find((g) => g.name === name);
  const found = group?.examples.find((e) => e.action === action);
  if (!found) throw new Error(`no webhook example ${name}.${action}`);
  return structuredClone(found);
}

function sandboxRepository(sandbox: FactorySandbox, base: Json): Json {
  const { owner, repo } = sandbox.repo;
  return {
    ...base,
    name: repo,
    full_name: `${owner}/${repo}`,
    owner: { ...base.owner, login: owner, type: 'Organization' },
    default_branch: 'main',
  };
}

/** `issues.labeled` with factory:ready on a sandbox issue, labeled by a maintainer. */
export function readyLabeledEvent(sandbox: FactorySandbox, issueNumber: number, sender = 'maintainer'): ParsedEvent {
  const payload = example('issues', 'labeled');
  const record = sandbox.github.state.findIssue(`${sandbox.repo.owner}/${sandbox.repo.repo}`, issueNumber);
  if (!record) throw new Error(`no sandbox issue #${issueNumber}`);
  const user = sandbox.github.state.user(record.user);
  payload.repository = sandboxRepository(sandbox, payload.repository);
  payload.issue = {
    ...payload.issue,
    id: record.id,
    node_id: record.nodeId,
    number: record.number,
    title: record.title,
    body: record.body,
    state: record.state,
    labels: record.labels.map((name) => ({ ...payload.label, name })),
    user: { ...payload.issue.user, login: user.login, id: user.id, type: user.type },
    author_association: 'MEMBER',
  };
  payload.label = { ...payload.label, name: 'factory:ready' };
  payload.sender = { ...payload.sender, login: sender, type: 'User' };
  return parseEvent('issues', payload);
}

/** `workflow_run.completed` (failure) for a sandbox workflow run on a pull request's branch. */
export function failedRunEvent(
  sandbox: FactorySandbox,
  run: { id: number; headBranch: string; headSha: string; name: string },
  prNumber?: number,
): ParsedEvent {
  const payload = example('workflow_run', 'completed');
  payload.repository = sandboxRepository(sandbox, payload.repository);
  payload.workflow_run = {
    ...payload.workflow_run,
    id: run.id,
    name: run.name,
    head_branch: run.headBranch,
    head_sha: run.headSha,
    conclusion: 'failure',
    status: 'completed',
    event: 'pull_request',
    repository: payload.repository,
    head_repository: payload.repository,
    pull_requests:
      prNumber === undefined
        ? []
        : [
            {
              id: prNumber,
              number: prNumber,
              url: `${sandbox.github.url}/repos/acme/shop/pulls/${prNumber}`,
              head: { ref: run.headBranch, sha: run.headSha, repo: { id: 1, name: 'shop', url: '' } },
              base: { ref: 'main', sha: run.headSha, repo: { id: 1, name: 'shop', url: '' } },
            },
          ],
  };
  payload.sender = { ...payload.sender, login: 'maintainer', type: 'User' };
  return parseEvent('workflow_run', payload);
}

/** Plain git against a repository on disk (the sandbox's bare remote, or a clone). */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), GIT_CONFIG_GLOBAL: os.devNull, GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
