import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startGitHubSandbox, type GitHubSandbox } from '@software-factory/github-sandbox';
import { sandboxOctokit } from '@software-factory/github-sandbox/testkit';
import { startWorkflowHost, type HostStep, type WorkflowHost } from '@software-factory/github-sandbox/workflows';

const OWNER = 'acme';
const REPO = 'shop';

const LABELED = `
name: on-label
on:
  issues:
    types: [labeled]
  workflow_dispatch:
permissions: {}
jobs:
  work:
    runs-on: ubuntu-latest
    permissions:
      issues: write
      pull-requests: read
    steps:
      - uses: actions/checkout@v4
      - run: npm ci
      - id: echo
        uses: ./actions/echo
        with:
          token: \${{ secrets.GITHUB_TOKEN }}
          key: \${{ secrets.API_KEY }}
          label: \${{ github.event.label.name }}
`;

const SPLIT = `
name: split
on:
  workflow_dispatch:
permissions: {}
jobs:
  agent:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    outputs:
      writes: \${{ steps.agent.outputs.writes }}
    steps:
      - id: agent
        uses: ./actions/agent
        with:
          artifact-path: \${{ runner.temp }}/split
      - if: always()
        uses: actions/upload-artifact@v4
        with:
          name: split-\${{ github.run_id }}
          path: \${{ runner.temp }}/split/
  apply:
    needs: agent
    if: \${{ needs.agent.outputs.writes != '0' }}
    runs-on: ubuntu-latest
    permissions:
      contents: write
    steps:
      - uses: actions/download-artifact@v4
        with:
          name: split-\${{ github.run_id }}
          path: \${{ runner.temp }}/split
      - id: apply
        uses: ./actions/apply
        with:
          artifact-path: \${{ runner.temp }}/split
`;

const AFTER = `
name: after
on:
  workflow_run:
    workflows: [on-label]
    types: [completed]
permissions: {}
jobs:
  follow:
    runs-on: ubuntu-latest
    steps:
      - uses: ./actions/follow
`;

describe('WorkflowHost: the sandbox runs the repository workflow files when events happen', () => {
  let sandbox: GitHubSandbox;
  let host: WorkflowHost;
  let steps: HostStep[];

  async function start(files: Record<string, string>): Promise<void> {
    sandbox = await startGitHubSandbox({ repos: [{ owner: OWNER, repo: REPO, files: { 'README.md': '# shop\n', ...files } }] });
    host = startWorkflowHost({ sandbox, repository: { owner: OWNER, repo: REPO }, secrets: { API_KEY: 'sk-test-key' } });
    steps = [];
    host.register('./actions/echo', async (step) => {
      steps.push(step);
      return { outcome: 'success', summary: `label ${step.with.label}` };
    });
    host.register('./actions/follow', async (step) => {
      steps.push(step);
      return { outcome: 'success' };
    });
  }

  afterEach(async () => {
    host.close();
    await sandbox.close();
  });

  async function openIssue(): Promise<number> {
    const user = sandboxOctokit(sandbox, sandbox.mintToken({ kind: 'user', login: 'alice', permissions: { issues: 'write' } }));
    const { data } = await user.rest.issues.create({ owner: OWNER, repo: REPO, title: 'Add search' });
    return data.number;
  }

  async function label(kind: 'github-token' | 'app', issue: number): Promise<void> {
    const token = sandbox.mintToken({ kind, permissions: { issues: 'write' } });
    await sandboxOctokit(sandbox, token).rest.issues.addLabels({ owner: OWNER, repo: REPO, issue_number: issue, labels: ['ready'] });
    await sandbox.eventsDelivered();
    await host.idle();
  }

  it('a label added with an App token runs the workflow: the job step gets its inputs, a GITHUB_TOKEN and the secrets', async () => {
    await start({ '.github/workflows/on-label.yml': LABELED });
    const issue = await openIssue();
    await label('app', issue);

    expect(steps).toHaveLength(1);
    const step = steps[0] as HostStep;
    expect(step.workflow.file).toBe('.github/workflows/on-label.yml');
    expect(step.job).toBe('work');
    expect(step.event.name).toBe('issues');
    expect(step.event.payload.action).toBe('labeled');
    expect(step.with.label).toBe('ready');
    expect(step.with.key).toBe('sk-test-key');
    expect(step.with.token).toBe(step.token);
    expect(step.env.INPUT_LABEL).toBe('ready');
    expect(step.env.INPUT_TOKEN).toBe(step.token);
    expect(step.permissions.issues).toBe('write');
    expect(step.permissions.contents).toBe('none');

    const { runs } = host.history();
    const run = runs.find((r) => r.workflow.file === '.github/workflows/on-label.yml');
    expect(run?.conclusion).toBe('success');
    expect(run?.event).toMatchObject({ name: 'issues', action: 'labeled', causedBy: { kind: 'app' } });
    expect(run?.jobs[0]?.steps.map((s) => s.status)).toEqual(['not-run', 'not-run', 'ran']);
    expect(run?.jobs[0]?.steps[2]?.summary).toBe('label ready');
    // The run is GitHub's too: the REST API lists it, completed.
    const listed = await sandboxOctokit(sandbox).rest.actions.listWorkflowRunsForRepo({ owner: OWNER, repo: REPO });
    expect(listed.data.workflow_runs.map((r) => [r.name, r.status, r.conclusion])).toContainEqual(['on-label', 'completed', 'success']);
  });

  it('the same label added with a GITHUB_TOKEN starts no issues workflow', async () => {
    await start({ '.github/workflows/on-label.yml': LABELED });
    const issue = await openIssue();
    await label('github-token', issue);

    expect(steps).toHaveLength(0);
    const labeled = host.history().events.find((e) => e.name === 'issues' && e.action === 'labeled');
    expect(labeled?.started).toEqual([]);
    expect(labeled?.notStarted[0]?.reason).toMatch(/caused by GITHUB_TOKEN/);
  });

  it('a workflow_dispatch made with GITHUB_TOKEN does start its workflow', async () => {
    await start({ '.github/workflows/on-label.yml': LABELED });
    const token = sandbox.mintToken({ kind: 'github-token', permissions: { actions: 'write' } });
    await sandboxOctokit(sandbox, token).rest.actions.createWorkflowDispatch({
      owner: OWNER,
      repo: REPO,
      workflow_id: 'on-label.yml',
      ref: 'main',
    });
    await sandbox.eventsDelivered();
    await host.idle();

    expect(steps.map((s) => s.event.name)).toEqual(['workflow_dispatch']);
  });

  it('a completed run is a workflow_run event that starts the workflows listening to it', async () => {
    await start({ '.github/workflows/on-label.yml': LABELED, '.github/workflows/after.yml': AFTER });
    const issue = await openIssue();
    await label('app', issue);

    expect(steps.map((s) => `${s.workflow.name}/${s.job}`)).toEqual(['on-label/work', 'after/follow']);
    expect(steps[1]?.event.payload.workflow_run).toMatchObject({ name: 'on-label', conclusion: 'success' });
  });

  it("a job's token holds only the job's permissions: without pull-requests: write it cannot open a pull request (403)", async () => {
    await start({ '.github/workflows/on-label.yml': LABELED });
    host.register('./actions/echo', async (step) => {
      const github = sandboxOctokit(sandbox, step.token);
      try {
        await github.rest.pulls.create({ owner: OWNER, repo: REPO, title: 'x', head: 'main', base: 'main' });
        return { outcome: 'success', summary: 'opened' };
      } catch (e) {
        return { outcome: 'failure', summary: `HTTP ${(e as { status?: number }).status}` };
      }
    });
    const issue = await openIssue();
    await label('app', issue);

    const run = host.history().runs[0];
    expect(run?.conclusion).toBe('failure');
    expect(run?.jobs[0]?.steps[2]).toMatchObject({ outcome: 'failure', summary: 'HTTP 403' });
  });

  it('artifacts pass from one job of a run to the next, in memory', async () => {
    await start({ '.github/workflows/split.yml': SPLIT });
    const seen: string[] = [];
    host.register('./actions/agent', async (step) => {
      const { mkdirSync, writeFileSync } = await import('node:fs');
      mkdirSync(step.with['artifact-path'] as string, { recursive: true });
      writeFileSync(join(step.with['artifact-path'] as string, 'writes.json'), '["comment"]');
      return { outcome: 'success', outputs: { writes: '1' } };
    });
    host.register('./actions/apply', async (step) => {
      seen.push(readFileSync(join(step.with['artifact-path'] as string, 'writes.json'), 'utf8'));
      seen.push(step.temp);
      return { outcome: 'success' };
    });
    const token = sandbox.mintToken({ kind: 'user', login: 'alice', permissions: { actions: 'write' } });
    await sandboxOctokit(sandbox, token).rest.actions.createWorkflowDispatch({
      owner: OWNER,
      repo: REPO,
      workflow_id: 'split.yml',
      ref: 'main',
    });
    await sandbox.eventsDelivered();
    await host.idle();

    expect(seen[0]).toBe('["comment"]');
    const run = host.history().runs[0];
    expect(run?.jobs.map((j) => [j.id, j.result])).toEqual([
      ['agent', 'success'],
      ['apply', 'success'],
    ]);
    expect(run?.jobs[0]?.steps[1]).toMatchObject({ status: 'artifact', summary: expect.stringMatching(/^upload split-/) });
    expect(run?.jobs[1]?.steps[0]).toMatchObject({ status: 'artifact', summary: expect.stringMatching(/^download split-/) });
  });

  it('a uses: with no handler registered is an error naming it', async () => {
    await start({
      '.github/workflows/after.yml': AFTER,
      '.github/workflows/on-label.yml': LABELED.replace('./actions/echo', './actions/nobody'),
    });
    const issue = await openIssue();
    const token = sandbox.mintToken({ kind: 'app', permissions: { issues: 'write' } });
    await sandboxOctokit(sandbox, token).rest.issues.addLabels({ owner: OWNER, repo: REPO, issue_number: issue, labels: ['ready'] });
    await sandbox.eventsDelivered();
    await expect(host.idle()).rejects.toThrow(
      /no handler registered for uses: \.\/actions\/nobody \(\.github\/workflows\/on-label\.yml, job work/,
    );
  });
});
