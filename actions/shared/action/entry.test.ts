import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitHubSandbox, type GitHubSandbox, UNRESOLVABLE_URL } from '@software-factory/github-sandbox';
import type { AutomationDeps, AutomationRun } from '../automation/types';
import { defaultOctokitFactory } from '../github/client';
import { evaluateIntents, policyConfigFrom, type Intent } from '../policy';
import { testPolicyContext } from '../policy/testing';
import type { ActionsCore, AnnotationProperties } from './core';
import { runAction } from './entry';
import { readActionInputs } from './inputs';

class FakeCore implements ActionsCore {
  inputs: Record<string, string> = {};
  outputs: Record<string, unknown> = {};
  failed: string | undefined;
  secrets: string[] = [];
  log: { level: string; message: string; props?: AnnotationProperties }[] = [];
  summaryText = '';
  getInput(name: string): string {
    return this.inputs[name] ?? '';
  }
  setOutput(name: string, value: unknown): void {
    this.outputs[name] = value;
  }
  setFailed(message: string | Error): void {
    this.failed = String(message);
  }
  setSecret(secret: string): void {
    this.secrets.push(secret);
  }
  debug(message: string): void {
    this.log.push({ level: 'debug', message });
  }
  info(message: string): void {
    this.log.push({ level: 'info', message });
  }
  notice(message: string | Error, props?: AnnotationProperties): void {
    this.log.push({ level: 'notice', message: String(message), ...(props ? { props } : {}) });
  }
  warning(message: string | Error, props?: AnnotationProperties): void {
    this.log.push({ level: 'warning', message: String(message), ...(props ? { props } : {}) });
  }
  error(message: string | Error, props?: AnnotationProperties): void {
    this.log.push({ level: 'error', message: String(message), ...(props ? { props } : {}) });
  }
  summary = {
    addRaw: (text: string) => {
      this.summaryText += text;
      return this.summary;
    },
    write: async () => this.summary,
  };
}

const TOKEN = 'ghs_entryTestToken1234567890abcdefABCDEF';

describe('readActionInputs', () => {
  it('parses inputs into a typed object with defaults', () => {
    const inputs = readActionInputs((n) => ({ 'github-token': TOKEN, 'issue-number': '42', 'dry-run': 'true' })[n] ?? '');
    expect(inputs).toEqual({ githubToken: TOKEN, configPath: '.github/factory.yml', dryRun: true, issueNumber: 42, phase: 'single' });
  });

  it('names every bad input, and never echoes a token', () => {
    let message = '';
    try {
      readActionInputs((n) => ({ 'issue-number': 'ten', 'dry-run': 'yes', config: '../x.yml', 'anthropic-api-key': '' })[n] ?? '');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split('\n').sort()).toEqual([
      'input "config": must be a path inside the repository, got "../x.yml"',
      'input "dry-run": expected true or false, got "yes"',
      'input "github-token": is required (pass ${{ github.token }} or a PAT)',
      'input "issue-number": expected an issue number, got "ten"',
    ]);
  });
});

describe('readActionInputs: split mode', () => {
  const read = (inputs: Record<string, string>) => () => readActionInputs((n) => ({ 'github-token': TOKEN, ...inputs })[n] ?? '');

  it('reads phase (default single) and artifact-path', () => {
    expect(read({})().phase).toBe('single');
    expect(read({ phase: 'agent', 'artifact-path': '/tmp/x' })()).toMatchObject({ phase: 'agent', artifactPath: '/tmp/x' });
    expect(read({ phase: 'apply' })().phase).toBe('apply');
    expect(read({ phase: 'both' })).toThrow('input "phase": expected agent, apply or single, got "both"');
  });

  it('refuses a write token in the agent job and a model key in the apply job', () => {
    const both = { 'app-token': TOKEN, 'anthropic-api-key': 'k' };
    expect(read({ phase: 'agent', ...both })).toThrow('input "app-token": must be empty in phase agent');
    expect(read({ phase: 'apply', ...both })).toThrow('input "anthropic-api-key": must be empty in phase apply');
    expect(read({ phase: 'single', ...both })).not.toThrow();
  });
});

describe('runAction', () => {
  let sandbox: GitHubSandbox;
  let dir: string;
  const eventFile = (name: string, payload: unknown) => {
    const path = join(dir, `${name}.json`);
    writeFileSync(path, JSON.stringify(payload));
    return path;
  };
  const issuesPayload = {
    action: 'opened',
    issue: {
      number: 1,
      title: 't',
      body: 'b',
      user: { login: 'octocat', type: 'User' },
      author_association: 'MEMBER',
      labels: [],
      state: 'open',
    },
    repository: { name: 'shop', full_name: 'acme/shop', owner: { login: 'acme', type: 'Organization' } },
    sender: { login: 'octocat', type: 'User' },
  };

  beforeAll(async () => {
    sandbox = await startGitHubSandbox({
      repos: [{ owner: 'acme', repo: 'shop', files: { '.github/factory.yml': 'budgets:\n  maxTurns: ten\n', 'README.md': '# shop\n' } }],
    });
  });
  afterAll(async () => sandbox.close());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'entry-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const env = (name: string, path: string): NodeJS.ProcessEnv => ({
    GITHUB_EVENT_NAME: name,
    GITHUB_EVENT_PATH: path,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_API_URL: sandbox.url,
    GITHUB_WORKSPACE: dir,
    GITHUB_RUN_ID: '7',
  });

  it('skips an event the automation does not handle with a notice, before any API call', async () => {
    const core = new FakeCore();
    core.inputs = { 'github-token': TOKEN };
    const run = jest.fn<ReturnType<AutomationRun>, Parameters<AutomationRun>>();
    sandbox.resetRequests();
    await runAction('feature-planner', run, {
      core,
      getOctokit: defaultOctokitFactory(),
      env: env('star', eventFile('star', { action: 'created' })),
    });
    expect(run).not.toHaveBeenCalled();
    expect(core.failed).toBeUndefined();
    expect(core.outputs.outcome).toBe('skipped');
    expect(core.log.some((l) => l.level === 'notice' && l.message.startsWith('skipped:'))).toBe(true);
    expect(sandbox.requests).toHaveLength(0);
  });

  it('reports a bad config on the default branch at its file and line, and fails the step', async () => {
    const core = new FakeCore();
    core.inputs = { 'github-token': TOKEN };
    const run = jest.fn<ReturnType<AutomationRun>, Parameters<AutomationRun>>();
    await runAction('feature-planner', run, {
      core,
      getOctokit: defaultOctokitFactory(),
      env: env('issues', eventFile('issues', issuesPayload)),
    });
    expect(run).not.toHaveBeenCalled();
    const annotation = core.log.find((l) => l.level === 'error');
    expect(annotation?.message).toMatch(/^\.github\/factory\.yml:2:13 budgets\.maxTurns: expected a positive integer, got "ten"/);
    expect(annotation?.props).toMatchObject({ file: '.github/factory.yml', startLine: 2, startColumn: 13 });
    expect(core.failed).toContain('budgets.maxTurns');
    expect(core.secrets).toContain(TOKEN);
  });

  it.each(['feature-builder', 'review-resolver', 'commands', 'ci-fixer'] as const)(
    '%s gets git on the checkout that pushes with the token, never the default branch, leaving no credential behind',
    async (automation) => {
      await sandbox.addRepo({ owner: 'acme', repo: `push-${automation}`, files: { 'README.md': '# push\n' } });
      const remote = sandbox.gitRemotePath('acme', `push-${automation}`);
      execFileSync('git', ['clone', '--quiet', remote, dir], { env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });
      const core = new FakeCore();
      core.inputs = { 'github-token': TOKEN, 'issue-number': '1' };
      let seen: AutomationDeps | undefined;
      const run: AutomationRun = async (deps) => {
        seen = deps;
        return { outcome: 'no-op', summary: 'looked', details: [], records: [] };
      };
      const payload = {
        ...issuesPayload,
        repository: { name: `push-${automation}`, full_name: `acme/push-${automation}`, owner: { login: 'acme', type: 'Organization' } },
      };
      await runAction(automation, run, {
        core,
        getOctokit: defaultOctokitFactory(),
        env: { ...env('issues', eventFile('issues', payload)), GITHUB_REPOSITORY: `acme/push-${automation}` },
      });

      expect(core.failed).toBeUndefined();
      const git = seen!.git!();
      await git.checkoutNewBranch('factory/1-x', 'origin/main');
      writeFileSync(join(dir, 'a.txt'), 'a\n');
      const sha = await git.commitAll('a', { author: { name: 'factory', email: 'factory@example.invalid' } });
      await expect(git.push('factory/1-x')).resolves.toEqual({ pushed: true, sha });
      await expect(git.push('main')).rejects.toMatchObject({ rule: 'default-branch' });
      expect(readFileSync(join(dir, '.git', 'config'), 'utf8')).not.toContain(TOKEN);
      expect(JSON.stringify(seen!.env)).not.toContain(TOKEN);
    },
  );

  it('knows the secret of a variable the config names: redacted in logs, refused in anything written', async () => {
    const value = 'stripe-entry-test-value-7f3a9c2e';
    const files = { '.github/factory.yml': 'secrets:\n  env: [STRIPE_KEY]\n', 'README.md': '# keys\n' };
    await sandbox.addRepo({ owner: 'acme', repo: 'keys', files });
    const core = new FakeCore();
    core.inputs = { 'github-token': TOKEN };
    let written: unknown;
    let rules: string[] = [];
    const run: AutomationRun = async (deps) => {
      deps.logger.info(`the key is ${value}`);
      written = await deps.github.writer.createComment(1, `the key, backwards: ${[...value].reverse().join('')}`).catch((e: unknown) => e);
      const ctx = testPolicyContext({ redact: (t) => deps.redactor.redact(t), config: policyConfigFrom(deps.config) });
      const pieces: Intent = { kind: 'comment', target: { type: 'issue', number: 7 }, body: value.match(/.{1,4}/g)!.join('\n') };
      rules = evaluateIntents([pieces], ctx).rejected.map((r) => r.rule);
      return { outcome: 'no-op', summary: 'looked', details: [], records: [] };
    };
    const repository = { name: 'keys', full_name: 'acme/keys', owner: { login: 'acme', type: 'Organization' } };
    const payload = { ...issuesPayload, repository };
    sandbox.resetRequests();
    const runEnv = { ...env('issues', eventFile('issues', payload)), GITHUB_REPOSITORY: 'acme/keys', STRIPE_KEY: value };
    await runAction('feature-planner', run, { core, getOctokit: defaultOctokitFactory(), env: runEnv });

    expect(core.failed).toBeUndefined();
    const logs = core.log.map((l) => l.message).join('\n');
    expect(logs).toContain('the key is [REDACTED:secret]');
    expect(logs).not.toContain(value);
    expect(written).toMatchObject({ name: 'OutboundRefusalError', rule: 'secret-in-output' });
    expect(rules).toEqual(['secret-in-output']);
    expect(sandbox.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it("a failure that is not the user's fails the step with its message; the stack goes to the debug log only", async () => {
    await sandbox.addRepo({ owner: 'acme', repo: 'bug', files: { 'README.md': '# bug\n' } });
    const core = new FakeCore();
    core.inputs = { 'github-token': TOKEN };
    const run: AutomationRun = async () => {
      throw new TypeError('Cannot read properties of undefined (reading "number")');
    };
    const payload = {
      ...issuesPayload,
      repository: { name: 'bug', full_name: 'acme/bug', owner: { login: 'acme', type: 'Organization' } },
    };
    await runAction('feature-planner', run, {
      core,
      getOctokit: defaultOctokitFactory(),
      env: { ...env('issues', eventFile('issues', payload)), GITHUB_REPOSITORY: 'acme/bug' },
    });
    expect(core.failed).toBe('Cannot read properties of undefined (reading "number")');
    const shown = core.log.filter((l) => l.level !== 'debug').map((l) => l.message);
    expect([core.failed, ...shown].join('\n')).not.toMatch(/^\s+at /m);
    expect(core.log.filter((l) => l.level === 'debug').map((l) => l.message)).toContainEqual(
      expect.stringMatching(/^TypeError: Cannot read properties[^\n]*\n\s+at /),
    );
  });

  it('a GitHub that cannot be reached fails at once with "no answer from <host> (ENOTFOUND)", no stack trace', async () => {
    const core = new FakeCore();
    core.inputs = { 'github-token': TOKEN };
    const run = jest.fn<ReturnType<AutomationRun>, Parameters<AutomationRun>>();
    await runAction('feature-planner', run, {
      core,
      getOctokit: defaultOctokitFactory(),
      env: { ...env('issues', eventFile('issues', issuesPayload)), GITHUB_API_URL: UNRESOLVABLE_URL },
    });
    expect(run).not.toHaveBeenCalled();
    expect(core.failed).toBe('github.reader.getRepository failed: GET /repos/acme/shop: no answer from api.github.invalid (ENOTFOUND)');
    expect(
      core.log
        .filter((l) => l.level !== 'debug')
        .map((l) => l.message)
        .join('\n'),
    ).not.toMatch(/^\s+at /m);
  });

  it('redacts secrets from a failure message', async () => {
    await sandbox.addRepo({ owner: 'acme', repo: 'ok', files: { 'README.md': '# ok\n' } });
    const core = new FakeCore();
    core.inputs = { 'github-token': TOKEN };
    const run: AutomationRun = async () => {
      throw new Error(`boom with ${TOKEN}`);
    };
    const payload = { ...issuesPayload, repository: { name: 'ok', full_name: 'acme/ok', owner: { login: 'acme', type: 'Organization' } } };
    await runAction('feature-planner', run, {
      core,
      getOctokit: defaultOctokitFactory(),
      env: { ...env('issues', eventFile('issues', payload)), GITHUB_REPOSITORY: 'acme/ok' },
    });
    expect(core.failed).toContain('boom with');
    expect(core.failed).not.toContain(TOKEN);
  });
});
