import { join } from 'node:path';
import { createModelClient } from '../../actions/shared/agent/model';
import { fileRecordStore } from '../../actions/shared/automation/records';
import type { AutomationDeps } from '../../actions/shared/automation/types';
import { loadConfigFromRepo } from '../../actions/shared/config';
import { ConfigError } from '../../actions/shared/errors';
import { createGitHub, resolveToken } from '../../actions/shared/github/client';
import { executorFromSettings } from '../../actions/shared/isolation';
import { systemClock, type Logger } from '../../actions/shared/ports';
import { createRedactor, scrubEnv } from '../../actions/shared/security';
import { guardRun } from '../../actions/shared/security/run-guard';
import type { Automation } from '../../actions/shared/state/automations';

export function parseRepo(spec: string): { owner: string; repo: string } {
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(spec);
  if (!m) throw new ConfigError(`--repo: expected owner/name, got ${JSON.stringify(spec)}`);
  return { owner: m[1]!, repo: m[2]! };
}

export function consoleLogger(print: (l: string) => void, redact: (s: string) => string): Logger {
  return {
    debug: () => {},
    info: (m) => print(redact(m)),
    notice: (m) => print(`notice: ${redact(m)}`),
    warning: (m) => print(`warning: ${redact(m)}`),
    error: (m) => print(`error: ${redact(m)}`),
  };
}

/** Dependencies against a real repository: GITHUB_TOKEN (or GH_TOKEN) and ANTHROPIC_API_KEY from the environment. */
export async function realDeps(
  automation: Automation,
  repoSpec: string,
  dryRun: boolean,
  print: (l: string) => void,
): Promise<AutomationDeps> {
  const env = process.env;
  const repo = parseRepo(repoSpec);
  const token = resolveToken(env);
  const apiKey = env.ANTHROPIC_API_KEY;
  const redactor = createRedactor([token.token, apiKey]);
  const logger = consoleLogger(print, (s) => redactor.redact(s));
  const client = createGitHub({ token: token.token, repo, ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}), logger });
  const repository = await client.reader.getRepository();
  const loaded = await loadConfigFromRepo(client.reader, { ref: repository.defaultBranch });
  // The config's secrets.env joins the redactor; everything the run writes passes the outbound check.
  const { github, config } = guardRun({ github: client, config: loaded, redactor, env });
  const workspace = process.cwd();
  return {
    automation,
    config,
    github,
    ...(apiKey
      ? {
          model: createModelClient({
            apiKey,
            model: config.model.name,
            maxTokens: config.model.maxTokens,
            ...(config.model.fallback ? { fallbackModel: config.model.fallback } : {}),
            ...(config.model.baseUrl ? { baseURL: config.model.baseUrl } : {}),
          }),
        }
      : {}),
    logger,
    clock: systemClock,
    redactor,
    runId: `local-${Date.now().toString(36)}`,
    workspace,
    env: scrubEnv(env) as Record<string, string>,
    executor: executorFromSettings(config.execution, { workspace, env: scrubEnv(env), logger }),
    records: fileRecordStore(join(workspace, '.factory', 'runs'), redactor, { trusted: workspace }),
    dryRun,
    appToken: token.kind === 'app',
  };
}
