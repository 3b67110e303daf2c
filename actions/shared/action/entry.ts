import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AutomationResult, AutomationRun } from '../automation/types';
import { skipped } from '../automation/types';
import { errorDetail, formatProblem, isConfigError } from '../errors';
import { readEventFromEnv, routeEvent, type ParsedEvent } from '../events';
import type { OctokitFactory } from '../github/client';
import type { RunRecord } from '../record/run-record';
import { createRedactor, RUN_SECRET_ENV, secretEnvValues, type Redactor } from '../security';
import type { Automation } from '../state/automations';
import { coreInputReader, coreLogger, type ActionsCore } from './index';
import { failureMessage } from './failure';
import { readActionInputs } from './inputs';

export interface ActionEnvironment {
  core: ActionsCore;
  /**
   * @actions/github's getOctokit (proxy support, user agent); the shared client adds retry and
   * throttling. `loadOctokit` loads it only when the gate lets the run go on (cold start).
   */
  getOctokit?: OctokitFactory;
  loadOctokit?: () => Promise<OctokitFactory>;
  env: NodeJS.ProcessEnv;
}

/**
 * What every action's main.ts calls: read inputs -> build dependencies -> run(deps, inputs) ->
 * outputs, with one catch -> setFailed. A ConfigError is the user's mistake and is annotated at
 * its file and line; anything else fails the step with its message (a network failure names the
 * host and the error), its stack going to the debug log only. Secrets are redacted from every
 * message.
 */
export async function runAction(automation: Automation, run: AutomationRun, ctx: ActionEnvironment): Promise<void> {
  const { core, env } = ctx;
  let redactor: Redactor = createRedactor([]);
  try {
    const inputs = readActionInputs(coreInputReader(core));
    // Every secret the run holds: the inputs and the variables that hold tokens (the config's secrets.env joins in deps).
    const secrets = [
      inputs.githubToken,
      inputs.appToken,
      inputs.approverToken,
      inputs.anthropicApiKey,
      ...secretEnvValues(env, RUN_SECRET_ENV),
    ];
    for (const secret of secrets) if (secret) core.setSecret(secret);
    redactor = createRedactor(secrets);
    const logger = coreLogger(core, (s) => redactor.redact(s));

    const event = readEventFromEnv(env, (p) => readFileSync(p, 'utf8'));
    const route = routeEvent(event, automation);
    if (!route.run && inputs.issueNumber === undefined) {
      return report(core, skipped(route.reason), redactor);
    }

    const repo = repoFrom(env, event);
    const getOctokit = ctx.getOctokit ?? (await ctx.loadOctokit?.());
    // The heavy part (Octokit, the model SDK, config parsing) loads only past the gate.
    const { buildActionDeps } = await import('./deps');
    const deps = await buildActionDeps({ automation, inputs, env, repo, logger, redactor, ...(getOctokit ? { getOctokit } : {}) });
    const runInputs = {
      event,
      ...(inputs.issueNumber !== undefined ? { issueNumber: inputs.issueNumber } : {}),
      ...(inputs.commandComment !== undefined ? { commandComment: inputs.commandComment } : {}),
    };
    if (inputs.phase === 'single') return await report(core, await run(deps, runInputs), redactor);
    const { runAgentPhase, runApplyPhase } = await import('../split/phases');
    const split = {
      dir: inputs.artifactPath ?? join(env.RUNNER_TEMP || deps.workspace, 'factory-split'),
      workflowRunId: env.GITHUB_RUN_ID ?? 'local',
    };
    const result =
      inputs.phase === 'agent' ? await runAgentPhase(run, deps, runInputs, split) : await runApplyPhase(deps, runInputs, split);
    core.setOutput('writes', String(result.writes));
    await report(core, result, redactor);
    // A refused artifact is never routine: a tampered agent job, or GitHub changed under the run.
    if (result.problems?.length) core.setFailed(redactor.redact(result.summary));
  } catch (error) {
    if (isConfigError(error)) {
      for (const p of error.problems) {
        core.error(redactor.redact(formatProblem(p)), {
          title: 'Software Factory configuration',
          ...(p.file ? { file: p.file } : {}),
          ...(p.line ? { startLine: p.line } : {}),
          ...(p.column ? { startColumn: p.column } : {}),
        });
      }
      core.setFailed(redactor.redact(error.message));
    } else {
      // The stack is for whoever debugs the factory (ACTIONS_STEP_DEBUG); the annotation says what failed.
      core.debug(redactor.redact(errorDetail(error)));
      core.setFailed(redactor.redact(failureMessage(error)));
    }
  }
}

function repoFrom(env: NodeJS.ProcessEnv, event: ParsedEvent): { owner: string; repo: string } {
  if (event.kind !== 'unsupported') return event.repo;
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) throw new Error('GITHUB_REPOSITORY is not set (owner/name)');
  return { owner, repo };
}

async function report(core: ActionsCore, result: AutomationResult, redactor: Redactor): Promise<void> {
  const summary = redactor.redact(result.summary);
  if (result.outcome === 'skipped') core.notice(`skipped: ${summary}`);
  else core.info(summary);
  for (const line of result.details) core.info(redactor.redact(`  ${line}`));
  core.setOutput('outcome', result.outcome);
  const record: RunRecord | undefined = result.records[result.records.length - 1];
  if (record) {
    const { recordOutputs, summaryMarkdown } = await import('../record');
    for (const [k, v] of Object.entries(recordOutputs(record))) if (k !== 'outcome') core.setOutput(k, v);
    core.summary.addRaw(redactor.redact(summaryMarkdown(record)), true);
    await core.summary.write().catch(() => undefined);
  } else {
    for (const k of ['cost-usd', 'input-tokens', 'output-tokens', 'turns']) core.setOutput(k, '0');
  }
  if (result.outcome === 'failed') core.setFailed(summary);
}
