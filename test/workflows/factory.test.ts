import { sandboxOctokit } from '@software-factory/github-sandbox/testkit';
import type { WorkflowHost } from '@software-factory/github-sandbox/workflows';
import { startFactorySandbox, type FactorySandbox } from '../../scripts/harness';
import { sampleProductFiles, SAMPLE_BUG } from '../../scripts/harness/sample-product';
import { factoryWorkflowFiles, startFactoryWorkflows } from '../../scripts/harness/workflows';
import { automationEntry } from '../../scripts/cli/registry';
import type { BuiltAutomation } from '../../actions/shared/registry';

/** The sample product carrying the factory's real workflow files. */
function files(): Record<string, string> {
  return { ...sampleProductFiles(), ...factoryWorkflowFiles() };
}

describe("the factory's real workflow files, run by the sandbox on its events", () => {
  let sandbox: FactorySandbox;
  let host: WorkflowHost;

  async function start(configExtra = ''): Promise<void> {
    const all = files();
    sandbox = await startFactorySandbox({ files: all, configText: `${all['.github/factory.yml']}${configExtra}` });
    host = startFactoryWorkflows(sandbox, { automations: (name: BuiltAutomation) => automationEntry(name) });
  }

  afterEach(async () => {
    host.close();
    await sandbox.close();
  });

  /** A member opens the sample product's bug report through the API, as a person does. */
  async function memberOpensIssue(): Promise<number> {
    sandbox.github.state.setAssociation('sandbox-maintainer', 'MEMBER');
    const token = sandbox.github.mintToken({ kind: 'user', login: 'sandbox-maintainer', permissions: { issues: 'write' } });
    const { owner, repo } = sandbox.repo;
    const { data } = await sandboxOctokit(sandbox.github, token).rest.issues.create({
      owner,
      repo,
      title: SAMPLE_BUG.title,
      body: SAMPLE_BUG.body,
    });
    await sandbox.github.eventsDelivered();
    await host.idle();
    return data.number;
  }

  const ran = (): string[] => host.history().runs.flatMap((r) => r.jobs.filter((j) => j.result).map((j) => `${r.workflow.name}/${j.id}`));

  it('the planner on GITHUB_TOKEN dispatches the builder (chaining.dispatchWhenNoAppToken: true): the builder opens a pull request', async () => {
    await start();
    const issue = await memberOpensIssue();

    expect(ran()).toEqual(['factory-planner/plan', 'factory-builder/agent', 'factory-builder/apply']);
    const { events, runs } = host.history();
    // The planner's factory:ready label, made with GITHUB_TOKEN, starts no issues workflow; its dispatch does.
    const labeled = events.find((e) => e.name === 'issues' && e.action === 'labeled');
    expect(labeled?.causedBy.kind).toBe('github-token');
    expect(labeled?.started).toEqual([]);
    expect(runs.find((r) => r.workflow.name === 'factory-builder')?.event).toMatchObject({ name: 'workflow_dispatch' });
    expect(runs.every((r) => r.conclusion === 'success')).toBe(true);
    const pulls = sandbox.github.state.pulls;
    expect(pulls).toHaveLength(1);
    expect(pulls[0]?.headRef).toMatch(/^factory\//);
    expect(sandbox.github.state.findIssue(`${sandbox.repo.owner}/${sandbox.repo.repo}`, pulls[0]?.number ?? 0)?.body).toContain(
      `#${issue}`,
    );
    // The agent job's token could only read: the pull request came from the apply job's.
    const agent = runs.find((r) => r.workflow.name === 'factory-builder')?.jobs.find((j) => j.id === 'agent');
    expect(agent?.permissions['pull-requests']).toBe('read');
  });

  it('with chaining.dispatchWhenNoAppToken: false the builder does not run', async () => {
    await start('chaining:\n  dispatchWhenNoAppToken: false\n');
    await memberOpensIssue();

    expect(ran()).toEqual(['factory-planner/plan']);
    expect(sandbox.github.state.pulls).toHaveLength(0);
    expect(host.history().events.some((e) => e.name === 'workflow_dispatch')).toBe(false);
  });
});
