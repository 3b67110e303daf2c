import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createModelClient } from '../../actions/shared/agent/model';
import { guardRun } from '../../actions/shared/security/run-guard';
import { webhookProblems } from '@software-factory/github-sandbox/testkit';
import { MemoryRecordStore } from '../../actions/shared/automation/records';
import type { AutomationDeps } from '../../actions/shared/automation/types';
import { parseConfig, type FactoryConfig } from '../../actions/shared/config';
import { createGitHub } from '../../actions/shared/github/client';
import type { GitHub, RepoRef } from '../../actions/shared/github/types';
import { executorFromSettings, type Executor, type IsolationPolicy } from '../../actions/shared/isolation';
import { MemoryLogger, systemClock, type Clock, type Logger } from '../../actions/shared/ports';
import { createRedactor, scrubEnv } from '../../actions/shared/security';
import { readWorkspaceSecrets } from '../../actions/shared/security/workspace-secrets';
import type { Automation } from '../../actions/shared/state/automations';
import { startGitHubSandbox, type GitHubSandbox } from '@software-factory/github-sandbox';
import { startModelSandbox, type ModelSandbox, type Scenario } from '@software-factory/model-sandbox';
import { sampleProductFiles } from './sample-product';

/** Tokens the sandbox accepts; they look real so redaction is exercised end to end. */
export const SANDBOX_GITHUB_TOKEN = 'ghs_sandboxGitHubToken0000000000000000';
export const SANDBOX_ANTHROPIC_KEY = 'sk-ant-api03-sandboxModelKey000000000000000000';

export interface FactorySandboxOptions {
  repo?: RepoRef;
  /** Files of the initial commit (default: the sample product). */
  files?: Record<string, string>;
  scenario?: Scenario;
  /** Text of .github/factory.yml used by the runs (default: the one in `files`). */
  configText?: string;
  clock?: Clock;
  /** GitHub sandbox contract validation (default on). */
  validate?: boolean;
  /**
   * execution.isolation for the runs. Default best-effort: the sandbox runs the sample product on
   * a person's machine (`npm run demo`), which may have no bubblewrap; tests of containment pass required.
   */
  isolation?: IsolationPolicy;
}

export interface FactorySandbox {
  github: GitHubSandbox;
  model: ModelSandbox;
  repo: RepoRef;
  /** A clone of the default branch: what a workflow's checkout would give. */
  workspace: string;
  config: FactoryConfig;
  /** Real Octokit (retry + throttling) against the GitHub sandbox. */
  client(token?: string): GitHub;
  /** Dependencies for one automation run, built the way main.ts builds them. */
  deps(automation: Automation, overrides?: Partial<AutomationDeps>): AutomationDeps & { records: MemoryRecordStore; logger: Logger };
  /** Fresh clone for another run (the builder edits its workspace). */
  freshWorkspace(): string;
  close(): Promise<void>;
}

const GIT_ENV = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' };

export async function startFactorySandbox(opts: FactorySandboxOptions = {}): Promise<FactorySandbox> {
  const repo = opts.repo ?? { owner: 'acme', repo: 'shop' };
  const files = opts.files ?? sampleProductFiles();
  const config = parseConfig(opts.configText ?? files['.github/factory.yml'] ?? '', '.github/factory.yml');
  const github = await startGitHubSandbox({
    // The token acts as the factory's own bot, as it would in Actions.
    viewer: config.trust.botLogin,
    repos: [{ ...repo, files, allowAutoMerge: true }],
    ...(opts.validate !== undefined ? { validate: opts.validate } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  const model = await startModelSandbox(opts.scenario ? { scenario: opts.scenario } : {});
  const temp: string[] = [];
  const executors: Executor[] = [];

  const freshWorkspace = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'factory-workspace-'));
    temp.push(dir);
    execFileSync('git', ['clone', '-q', github.gitRemotePath(repo.owner, repo.repo), dir], {
      env: { ...process.env, ...GIT_ENV },
      stdio: 'pipe',
    });
    return dir;
  };
  const workspace = freshWorkspace();

  const client = (token = SANDBOX_GITHUB_TOKEN): GitHub =>
    createGitHub({ token, repo, baseUrl: github.url, delayScale: 0.001, throttle: { spaceWrites: false } });

  const deps: FactorySandbox['deps'] = (automation, overrides = {}) => {
    const redactor = createRedactor([SANDBOX_GITHUB_TOKEN, SANDBOX_ANTHROPIC_KEY]);
    const records = new MemoryRecordStore(redactor);
    const logger = new MemoryLogger();
    const base: Omit<AutomationDeps, 'executor'> = {
      automation,
      config,
      github: client(),
      model: createModelClient({
        apiKey: SANDBOX_ANTHROPIC_KEY,
        baseURL: model.url,
        model: config.model.name,
        maxTokens: config.model.maxTokens,
        maxRetries: 2,
      }),
      logger,
      clock: opts.clock ?? systemClock,
      redactor,
      runId: `sandbox-${Date.now().toString(36)}`,
      workspace,
      env: scrubEnv({ ...process.env, ...GIT_ENV }) as Record<string, string>,
      records,
      dryRun: false,
      appToken: false,
    };
    const merged = {
      ...base,
      ...overrides,
      records: (overrides.records as MemoryRecordStore) ?? records,
      logger: overrides.logger ?? logger,
    };
    const executor =
      overrides.executor ??
      executorFromSettings(merged.config.execution, {
        workspace: merged.workspace,
        env: merged.env,
        logger: merged.logger,
        policy: opts.isolation ?? 'best-effort',
      });
    if (!overrides.executor) executors.push(executor);
    // As in Actions and the CLI: the writer gets the outbound check, the redactor the secrets config names.
    const guarded = guardRun({ github: merged.github, config: merged.config, redactor: merged.redactor, env: {} });
    const built = { ...merged, github: guarded.github, config: guarded.config, executor };
    // As in Actions: the values of the checkout's .env and key files are known to the redactor.
    built.redactor.learn(readWorkspaceSecrets(built.workspace));
    return built;
  };

  return {
    github,
    model,
    repo,
    workspace,
    config,
    client,
    deps,
    freshWorkspace,
    close: async () => {
      await github.eventsDelivered();
      await Promise.all([github.close(), model.close(), ...executors.map((e) => e.close())]);
      for (const dir of temp) rmSync(dir, { recursive: true, force: true });
      // Every webhook the run caused is held to GitHub's payload schemas, as requests are to the API's.
      const problems = opts.validate === false ? [] : webhookProblems(github.events);
      if (problems.length) throw new Error(`the sandbox sent webhooks GitHub would not:\n${problems.join('\n')}`);
    },
  };
}
