import * as path from 'node:path';
import { parseEvent, type ParsedEvent } from '../../actions/shared/events';
import type { Clock } from '../../actions/shared/ports';
import { loadScenarioFile, type Scenario } from '@software-factory/model-sandbox';
import { startFactorySandbox, type FactorySandbox } from '../../scripts/harness';
import type { IssueRecord } from '@software-factory/github-sandbox';
import { sampleProductFiles } from '../../scripts/harness/sample-product';

import { BUILDER_WORKFLOW_FILE, PLANNER_SANDBOX_CONFIG as CONFIG_TEXT } from '../../scripts/harness/scenarios/planner';

type Json = Record<string, unknown>;

export async function plannerSandbox(
  opts: { scenario?: Scenario; configText?: string; files?: Record<string, string>; clock?: Clock } = {},
): Promise<FactorySandbox> {
  return startFactorySandbox({
    files: { ...sampleProductFiles(), '.github/workflows/factory-builder.yml': BUILDER_WORKFLOW_FILE, ...opts.files },
    configText: opts.configText ?? CONFIG_TEXT,
    ...(opts.scenario ? { scenario: opts.scenario } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
}

let examples: { name: string; examples: Json[] }[] | undefined;
function example(name: string, action?: string): Json {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  examples ??= require('@octokit/webhooks-examples') as { name: string; examples: Json[] }[];
  const group = examples.find((g) => g.name === name);
  const found = group?.examples.find((e) => action === undefined || e.action === action);
  if (!found) throw new Error(`no webhook example ${name}.${action ?? ''}`);
  return structuredClone(found);
}

function repository(sandbox: FactorySandbox, base: Json): Json {
  const { owner, repo } = sandbox.repo;
  return {
    ...base,
    name: repo,
    full_name: `${owner}/${repo}`,
    owner: { ...(base.owner as Json), login: owner, type: 'Organization' },
    default_branch: 'main',
  };
}

/** GitHub's example `issues` payload, made true on the sandbox for one of its issues. */
export function issuesEvent(
  sandbox: FactorySandbox,
  action: 'opened' | 'edited' | 'reopened',
  issue: IssueRecord,
  sender = issue.user,
): ParsedEvent {
  const payload = example('issues', action);
  payload.repository = repository(sandbox, payload.repository as Json);
  const association = issue.authorAssociation ?? sandbox.github.state.associationOf(issue.user, issue.repo);
  payload.issue = {
    ...(payload.issue as Json),
    id: issue.id,
    node_id: issue.nodeId,
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    labels: issue.labels.map((name) => ({ name })),
    user: { ...((payload.issue as Json).user as Json), login: issue.user, type: issue.user.endsWith('[bot]') ? 'Bot' : 'User' },
    author_association: association,
  };
  payload.sender = { ...(payload.sender as Json), login: sender, type: sender.endsWith('[bot]') ? 'Bot' : 'User' };
  return parseEvent('issues', payload);
}

/** A `schedule` event for the sandbox repository. */
export function scheduleEvent(sandbox: FactorySandbox): ParsedEvent {
  return parseEvent('schedule', { schedule: '*/30 * * * *' }, { repository: `${sandbox.repo.owner}/${sandbox.repo.repo}` });
}

/** GitHub's example `repository_dispatch` payload with our type and client payload. */
export function dispatchEvent(sandbox: FactorySandbox, eventType: string, clientPayload: unknown): ParsedEvent {
  const payload = example('repository_dispatch');
  payload.repository = repository(sandbox, payload.repository as Json);
  payload.action = eventType;
  payload.client_payload = clientPayload;
  payload.sender = { ...(payload.sender as Json), login: 'reporter-service', type: 'User' };
  return parseEvent('repository_dispatch', payload);
}

/** REST requests that change GitHub state (the planner uses GraphQL for reads only). */
export function writeRequests(sandbox: FactorySandbox): { method: string; path: string }[] {
  return sandbox.github.requests.filter((r) => !r.graphql && r.method !== 'GET');
}

export function graphqlRequests(sandbox: FactorySandbox): number {
  return sandbox.github.requests.filter((r) => r.graphql).length;
}

/** A planner scenario file from packages/model-sandbox/scenarios. */
export function plannerScenario(name: string): Scenario {
  return loadScenarioFile(path.join(__dirname, '..', '..', 'packages', 'model-sandbox', 'scenarios', `${name}.yaml`));
}
