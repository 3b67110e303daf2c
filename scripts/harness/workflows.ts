import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readActionInputs } from '../../actions/shared/action/inputs';
import type { AutomationResult, AutomationRun, RunInputs } from '../../actions/shared/automation/types';
import { parseEvent, routeEvent } from '../../actions/shared/events';
import { BUILT_AUTOMATIONS, type BuiltAutomation } from '../../actions/shared/registry';
import { createRedactor } from '../../actions/shared/security';
import { runAgentPhase, runApplyPhase } from '../../actions/shared/split/phases';
import { skipped } from '../../actions/shared/automation/types';
import { errorMessage } from '../../actions/shared/errors';
import type { TranscriptEvent } from '../../actions/shared/agent/transcript';
import { cloneRepository, openGit } from '../../actions/shared/git';
import {
  inputVariable,
  startWorkflowHost,
  type HostEventRecord,
  type HostRunRecord,
  type HostStep,
  type HostStepResult,
  type WorkflowHost,
} from '@software-factory/github-sandbox/workflows';
import type { Scenario } from '@software-factory/model-sandbox';
import { SANDBOX_ANTHROPIC_KEY, type FactorySandbox } from './index';

/**
 * This repository's root, found from this module: `require` resolves relative to the file that
 * calls it both under Jest (this source file) and in the CLI bundle (scripts/dist/, whose
 * banner defines `require` from import.meta.url), and both sit two folders below the root.
 */
function repositoryRoot(): string {
  return dirname(require.resolve('../../package.json'));
}

/** The secret that carries, on the sandbox, the installation token the workflows' App token step mints. */
export const SANDBOX_APP_TOKEN_SECRET = 'FACTORY_APP_INSTALLATION_TOKEN';

/**
 * Models the workflows' `actions/create-github-app-token` step (which the sandbox's runner does not
 * execute, so its `token` output reads empty): the automation step's `app-token` reads the token
 * the harness minted on the sandbox instead, from SANDBOX_APP_TOKEN_SECRET (empty, as the skipped
 * step's output, when no App is set up). The rest of the workflow is as it is.
 */
export function modelAppTokenStep(text: string): string {
  return text.replace(/\$\{\{\s*steps\.app-token\.outputs\.token\s*\}\}/g, `\${{ secrets.${SANDBOX_APP_TOKEN_SECRET} }}`);
}

/** The factory's own workflow files (`.github/workflows/factory-*.yml` of this repository), read now, their App token step modelled. */
export function factoryWorkflowFiles(): Record<string, string> {
  const dir = join(repositoryRoot(), '.github/workflows');
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => /^factory-.*\.ya?ml$/.test(f))
      .map((f) => [`.github/workflows/${f}`, modelAppTokenStep(readFileSync(join(dir, f), 'utf8'))]),
  );
}

/** How the host runs an automation: its run() and the model scenario it plays on the sandbox. */
export interface HostedAutomation {
  run: AutomationRun;
  scenario(ctx: { issueNumber: number }): Scenario;
}

export interface FactoryWorkflowsOptions {
  automations: (name: BuiltAutomation) => HostedAutomation | undefined;
  /** The installation token the workflows' App token step mints (modelAppTokenStep; default none: the factory runs on GITHUB_TOKEN alone). */
  appToken?: string;
  /** Runs before the host stops a chain (default: the host's). */
  maxRuns?: number;
  onRun?: (run: HostRunRecord) => void;
  onDispatch?: (event: HostEventRecord) => void;
  /** Called with each automation step's result, e.g. to print what the run wrote. */
  /** After each automation step: its result, and the transcripts of its agent calls by run id. */
  onResult?: (
    step: HostStep,
    automation: BuiltAutomation,
    result: AutomationResult,
    transcripts: Record<string, TranscriptEvent[]>,
  ) => void;
}

/**
 * The sandbox running the repository's workflow files: every built automation's action
 * (`./actions/<name>`) is a step handler. A handler reads the action's inputs from the step's
 * INPUT_* environment with the action's own parser (so the workflow's `with:` is checked against
 * what action.yml accepts), builds the automation's dependencies as Actions does (the job's
 * GITHUB_TOKEN, or the App token when the step passes one; a fresh checkout; the model sandbox)
 * and runs its phase (single, or the agent and apply jobs with their artifact).
 */
export function startFactoryWorkflows(sandbox: FactorySandbox, opts: FactoryWorkflowsOptions): WorkflowHost {
  const host = startWorkflowHost({
    sandbox: sandbox.github,
    repository: { owner: sandbox.repo.owner, repo: sandbox.repo.repo },
    secrets: {
      ANTHROPIC_API_KEY: SANDBOX_ANTHROPIC_KEY,
      ...(opts.appToken
        ? { FACTORY_APP_ID: '1', FACTORY_APP_PRIVATE_KEY: 'sandbox-app-private-key', [SANDBOX_APP_TOKEN_SECRET]: opts.appToken }
        : {}),
    },
    ...(opts.maxRuns !== undefined ? { maxRuns: opts.maxRuns } : {}),
    ...(opts.onRun ? { onRun: opts.onRun } : {}),
    ...(opts.onDispatch ? { onDispatch: opts.onDispatch } : {}),
  });
  for (const automation of BUILT_AUTOMATIONS) {
    host.register(`./actions/${automation}`, async (step) => {
      const hosted = opts.automations(automation);
      if (!hosted) throw new Error(`${automation} has no run in this harness`);
      const transcripts: Record<string, TranscriptEvent[]> = {};
      const result = await runStep(sandbox, automation, hosted, step, transcripts);
      opts.onResult?.(step, automation, result, transcripts);
      const outputs: Record<string, string> = { outcome: result.outcome };
      if ('writes' in result) outputs.writes = String((result as { writes: number }).writes);
      const failed = result.outcome === 'failed' || ((result as { problems?: unknown[] }).problems?.length ?? 0) > 0;
      return { outcome: failed ? 'failure' : 'success', outputs, summary: `${result.outcome}: ${result.summary}` } satisfies HostStepResult;
    });
  }
  return host;
}

async function runStep(
  sandbox: FactorySandbox,
  automation: BuiltAutomation,
  hosted: HostedAutomation,
  step: HostStep,
  transcripts: Record<string, TranscriptEvent[]>,
): Promise<AutomationResult> {
  // What @actions/core's getInput reads: INPUT_<NAME>, trimmed.
  const inputs = readActionInputs((name) => (step.env[inputVariable(name)] ?? '').trim());
  const event = parseEvent(step.event.name, step.event.payload);
  const route = routeEvent(event, automation);
  if (!route.run && inputs.issueNumber === undefined) return skipped(route.reason);
  const token = inputs.appToken || inputs.githubToken;
  const issueNumber = inputs.issueNumber ?? issueOf(step.event.payload);
  if (inputs.anthropicApiKey) sandbox.model.setScenario(hosted.scenario({ issueNumber: issueNumber ?? 0 }));
  // As actions/checkout gives it: a clone over HTTP with the job's token, which git then pushes with,
  // so a push is the token's (a GITHUB_TOKEN push starts no workflow, as on GitHub).
  const workspace = join(step.temp, 'checkout');
  const { owner, repo } = sandbox.repo;
  const env = sandbox.deps(automation).env;
  await cloneRepository({ remoteUrl: sandbox.github.gitUrl(owner, repo), dir: workspace, defaultBranch: 'main', token, env });
  const deps = sandbox.deps(automation, {
    github: sandbox.client(token),
    workspace,
    git: (o) => openGit({ root: workspace, defaultBranch: 'main', token, env, ...(o ?? {}) }),
    redactor: createRedactor([token, ...[inputs.anthropicApiKey, inputs.approverToken].filter((s): s is string => !!s)]),
    appToken: Boolean(inputs.appToken),
    ...(inputs.approverToken ? { approver: sandbox.client(inputs.approverToken).writer } : {}),
    dryRun: inputs.dryRun,
    runId: `${step.env.GITHUB_RUN_ID ?? 'sandbox'}-1`,
  });
  const runInputs: RunInputs = {
    event,
    ...(inputs.issueNumber !== undefined ? { issueNumber: inputs.issueNumber } : {}),
    ...(inputs.commandComment !== undefined ? { commandComment: inputs.commandComment } : {}),
  };
  try {
    if (inputs.phase === 'single') return await hosted.run(deps, runInputs);
    const split = { dir: inputs.artifactPath ?? join(step.temp, 'factory-split'), workflowRunId: step.env.GITHUB_RUN_ID ?? 'sandbox' };
    return inputs.phase === 'agent' ? await runAgentPhase(hosted.run, deps, runInputs, split) : await runApplyPhase(deps, runInputs, split);
  } catch (e) {
    throw new Error(`${automation} (${inputs.phase}): ${errorMessage(e)}`, { cause: e });
  } finally {
    const events = deps.records.transcripts.flatMap((t) => t.events);
    if (events.length) transcripts[deps.runId] = events;
  }
}

function issueOf(payload: Record<string, unknown>): number | undefined {
  const n =
    (payload.issue as { number?: unknown } | undefined)?.number ?? (payload.pull_request as { number?: unknown } | undefined)?.number;
  return typeof n === 'number' ? n : undefined;
}
