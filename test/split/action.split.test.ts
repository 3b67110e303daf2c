import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ActionsCore } from '../../actions/shared/action/core';
import { runAction } from '../../actions/shared/action/entry';
import type { AutomationRun } from '../../actions/shared/automation/types';
import { cloneRepository } from '../../actions/shared/git';
import { defaultOctokitFactory } from '../../actions/shared/github/client';
import { ARTIFACT_FILE, SPLIT_ARTIFACT_VERSION, type SplitArtifact } from '../../actions/shared/split/artifact';
import { startGitHubSandbox, type GitHubSandbox } from '@software-factory/github-sandbox';
import { git, SANDBOX_CONFIG } from '../helpers/builder';

/** The action's entry in split mode: the phase inputs, the `writes` output, and a refused artifact failing the step. */
class FakeCore implements ActionsCore {
  inputs: Record<string, string> = {};
  outputs: Record<string, unknown> = {};
  failed: string | undefined;
  lines: string[] = [];
  getInput = (name: string) => this.inputs[name] ?? '';
  setOutput = (name: string, value: unknown) => void (this.outputs[name] = value);
  setFailed = (message: string | Error) => void (this.failed = String(message));
  setSecret = () => undefined;
  debug = (m: string) => void this.lines.push(m);
  info = (m: string) => void this.lines.push(m);
  notice = (m: string | Error) => void this.lines.push(String(m));
  warning = (m: string | Error) => void this.lines.push(String(m));
  error = (m: string | Error) => void this.lines.push(String(m));
  summary = { addRaw: () => this.summary, write: async () => this.summary };
}

const FAKE_SECRET = `ghp_${'S3cr3t'.repeat(6)}`;

describe('runAction in split mode', () => {
  let gh: GitHubSandbox;
  let tmp: string;
  let workspace: string;
  let writeToken: string;
  let mainSha: string;

  beforeEach(async () => {
    gh = await startGitHubSandbox({
      viewer: 'factory-bot[bot]',
      repos: [{ owner: 'acme', repo: 'shop', files: { '.github/factory.yml': SANDBOX_CONFIG, 'README.md': '# shop\n' } }],
    });
    gh.state.createIssue('acme', 'shop', { title: 'Build me', user: 'alice', labels: ['factory:ready'] });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'split-action-'));
    writeToken = gh.mintToken({ permissions: { contents: 'write', issues: 'write', 'pull-requests': 'write' } });
    workspace = path.join(tmp, 'checkout');
    await cloneRepository({
      remoteUrl: gh.gitUrl('acme', 'shop'),
      dir: workspace,
      defaultBranch: 'main',
      token: writeToken,
      env: { ...process.env, GIT_CONFIG_GLOBAL: os.devNull },
    });
    mainSha = git(workspace, 'rev-parse', 'origin/main').trim();
  });
  afterEach(async () => {
    await gh.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const env = (): NodeJS.ProcessEnv => {
    const event = path.join(tmp, 'event.json');
    fs.writeFileSync(
      event,
      JSON.stringify({
        inputs: { 'issue-number': '1' },
        ref: 'refs/heads/main',
        repository: { name: 'shop', full_name: 'acme/shop', owner: { login: 'acme' } },
        sender: { login: 'maintainer', type: 'User' },
      }),
    );
    return {
      GITHUB_EVENT_NAME: 'workflow_dispatch',
      GITHUB_EVENT_PATH: event,
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_API_URL: gh.url,
      GITHUB_WORKSPACE: workspace,
      GITHUB_RUN_ID: '7',
      PATH: process.env.PATH ?? '',
    };
  };

  it('fails the apply step on a refused artifact, names the rule, writes nothing and never runs the automation', async () => {
    const dir = path.join(tmp, 'artifact');
    fs.mkdirSync(dir);
    const artifact: SplitArtifact = {
      version: SPLIT_ARTIFACT_VERSION,
      automation: 'feature-builder',
      repo: 'acme/shop',
      workflowRunId: '7',
      runId: '7-1',
      createdAt: new Date().toISOString(),
      base: { branch: 'main', sha: mainSha },
      writes: [{ method: 'createComment', issue: 1, body: `here it is: ${FAKE_SECRET}`, ref: -1 }],
      steps: [],
      result: { outcome: 'completed', summary: 'built', details: [] },
    };
    fs.writeFileSync(path.join(dir, ARTIFACT_FILE), JSON.stringify(artifact));
    const core = new FakeCore();
    core.inputs = { 'github-token': writeToken, phase: 'apply', 'artifact-path': dir, 'issue-number': '1' };
    const run = jest.fn<ReturnType<AutomationRun>, Parameters<AutomationRun>>();

    await runAction('feature-builder', run, { core, getOctokit: defaultOctokitFactory(), env: env() });

    expect(run).not.toHaveBeenCalled();
    expect(core.outputs).toMatchObject({ outcome: 'refused', writes: '0' });
    expect(core.failed).toContain('secret-in-output at writes.0.body');
    expect(core.failed).not.toContain(FAKE_SECRET);
    expect(gh.state.comments).toEqual([]);
  });

  it('names the field of an artifact that does not parse (an unknown kind of write)', async () => {
    const dir = path.join(tmp, 'artifact');
    fs.mkdirSync(dir);
    const writes = [{ method: 'mergePullRequest', pr: 1 }];
    fs.writeFileSync(
      path.join(dir, ARTIFACT_FILE),
      JSON.stringify({
        version: 1,
        automation: 'feature-builder',
        repo: 'acme/shop',
        workflowRunId: '7',
        runId: '7-1',
        createdAt: '',
        base: { branch: 'main', sha: mainSha },
        writes,
        steps: [],
        result: { outcome: 'completed', summary: '', details: [] },
      }),
    );
    const core = new FakeCore();
    core.inputs = { 'github-token': writeToken, phase: 'apply', 'artifact-path': dir, 'issue-number': '1' };

    await runAction('feature-builder', jest.fn(), { core, getOctokit: defaultOctokitFactory(), env: env() });

    expect(core.failed).toMatch(/^split\.json writes\.0\.method: /);
    expect(gh.state.comments).toEqual([]);
  });

  it('refuses an App token in the agent job before anything runs', async () => {
    const core = new FakeCore();
    core.inputs = {
      'github-token': writeToken,
      'app-token': 'ghs_appTokenXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
      phase: 'agent',
      'issue-number': '1',
    };
    const run = jest.fn<ReturnType<AutomationRun>, Parameters<AutomationRun>>();
    gh.resetRequests();

    await runAction('feature-builder', run, { core, getOctokit: defaultOctokitFactory(), env: env() });

    expect(run).not.toHaveBeenCalled();
    expect(core.failed).toContain('input "app-token": must be empty in phase agent');
    expect(gh.requests).toEqual([]);
  });
});
