import { join } from 'node:path';
import { createModelClient } from '../agent/model';
import { fileRecordStore } from '../automation/records';
import type { AutomationDeps } from '../automation/types';
import { loadConfigFromRepo } from '../config';
import { openGit } from '../git';
import { createGitHub, resolveToken, type OctokitFactory } from '../github/client';
import { executorFromSettings } from '../isolation';
import { systemClock, type Logger } from '../ports';
import { scrubEnv, type Redactor } from '../security';
import { guardRun } from '../security/run-guard';
import { readWorkspaceSecrets } from '../security/workspace-secrets';
import type { Automation } from '../state/automations';
import type { ActionInputs } from './inputs';

/**
 * Builds an automation's dependencies in Actions: the GitHub client (App token when given,
 * GITHUB_TOKEN otherwise), the config read from the default branch (never a PR head), the model
 * client, the record store under the workspace.
 */
export async function buildActionDeps(opts: {
  automation: Automation;
  inputs: ActionInputs;
  env: NodeJS.ProcessEnv;
  repo: { owner: string; repo: string };
  logger: Logger;
  redactor: Redactor;
  getOctokit?: OctokitFactory;
}): Promise<AutomationDeps> {
  const { inputs, env, logger, redactor } = opts;
  const token = resolveToken(env, { githubToken: inputs.githubToken, ...(inputs.appToken ? { appToken: inputs.appToken } : {}) });
  const client = createGitHub({
    token: token.token,
    repo: opts.repo,
    ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}),
    ...(opts.getOctokit ? { octokitFactory: opts.getOctokit } : {}),
    logger,
  });
  const repository = await client.reader.getRepository();
  const loaded = await loadConfigFromRepo(client.reader, { file: inputs.configPath, ref: repository.defaultBranch });
  // The config's secrets.env joins the redactor; everything the run writes passes the outbound check.
  const { github, config } = guardRun({ github: client, config: loaded, redactor, env });
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  redactor.learn(readWorkspaceSecrets(workspace));
  const scrubbed = scrubEnv(env) as Record<string, string>;
  return {
    automation: opts.automation,
    config,
    github,
    ...(inputs.anthropicApiKey
      ? {
          model: createModelClient({
            apiKey: inputs.anthropicApiKey,
            model: config.model.name,
            ...(config.model.fallback ? { fallbackModel: config.model.fallback } : {}),
            maxTokens: config.model.maxTokens,
            ...(config.model.baseUrl ? { baseURL: config.model.baseUrl } : {}),
          }),
        }
      : {}),
    logger,
    clock: systemClock,
    redactor,
    runId: `${env.GITHUB_RUN_ID ?? 'local'}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`,
    workspace,
    env: scrubbed,
    // Repository code runs in the sandbox; only allowlisted variables of this environment reach it.
    executor: executorFromSettings(config.execution, { workspace, env: scrubbed, logger }),
    records: fileRecordStore(join(workspace, '.factory', 'runs'), redactor, { trusted: workspace }),
    dryRun: inputs.dryRun,
    appToken: token.kind === 'app',
    ...(inputs.approverToken
      ? {
          approver: createGitHub({
            token: inputs.approverToken,
            repo: opts.repo,
            ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}),
            ...(opts.getOctokit ? { octokitFactory: opts.getOctokit } : {}),
            logger,
          }).writer,
        }
      : {}),
    // The checkout keeps no credentials (`persist-credentials: false`): every automation that
    // pushes gets the token per git command, through the environment (never argv, the remote URL
    // or .git/config). The git layer refuses the default branch whatever the caller asks.
    git: (git) =>
      openGit({
        root: workspace,
        defaultBranch: repository.defaultBranch,
        token: token.token,
        env: scrubbed,
        ...(git?.extraBranches ? { extraBranches: git.extraBranches } : {}),
      }),
  };
}
