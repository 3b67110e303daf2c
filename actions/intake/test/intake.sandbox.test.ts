import type { FactorySandbox } from '../../../scripts/harness';
import { isConfigError } from '../../shared/errors';
import { BUILDER_WORKFLOW_FILE } from '../../../scripts/harness/scenarios/planner';
import { dispatchEvent, plannerSandbox, writeRequests } from '../../../test/helpers/planner';
import { run } from '../src/run';

/** End to end: GitHub's repository_dispatch example payload -> run() -> real Octokit -> sandbox. */

const PLANNER_WORKFLOW = BUILDER_WORKFLOW_FILE.replace('factory-builder', 'factory-planner');

let sandbox: FactorySandbox;
beforeEach(async () => {
  sandbox = await plannerSandbox({ files: { '.github/workflows/factory-planner.yml': PLANNER_WORKFLOW } });
});
afterEach(async () => {
  await sandbox.close();
});

const report = {
  id: 'slack-1700000000.123',
  title: 'Checkout total is wrong',
  description: 'A 10% code took 10 off instead of 10%. cc @everyone',
  reporter: 'Ann (support)',
  source: 'slack',
  environment: 'iOS 18, app 4.2',
  url: 'https://shop.example/checkout',
  screenshots: ['https://files.example/shot-1.png'],
};

/** The report's hosts are on the outbound allowlist (outputs.allowedHosts), so its links stay links. */
const reportHostsAllowed = () =>
  sandbox.deps('intake', {
    config: { ...sandbox.config, outputs: { ...sandbox.config.outputs, allowedHosts: ['files.example', 'shop.example'] } },
  });

describe('intake', () => {
  it('turns a factory-report dispatch into one issue; a second delivery creates nothing', async () => {
    const first = await run(reportHostsAllowed(), { event: dispatchEvent(sandbox, 'factory-report', report) });
    expect(first.outcome).toBe('completed');
    const issues = sandbox.github.state.issues;
    expect(issues).toHaveLength(1);
    const issue = issues[0]!;
    expect(issue.title).toBe('Checkout total is wrong');
    expect(issue.labels).toEqual(['source:report']);
    expect(issue.body).toContain('<!-- factory:report:slack-1700000000.123 -->');
    expect(issue.body).toContain('- **Reporter:** Ann (support)');
    expect(issue.body).toContain('- **Environment:** iOS 18, app 4.2');
    expect(issue.body).toContain('[screenshot 1](https://files.example/shot-1.png)');
    expect(issue.body).not.toMatch(/@everyone/);
    // The planner is started for the new issue (no App token).
    expect(sandbox.github.state.dispatches).toEqual([
      expect.objectContaining({ workflow: 'factory-planner.yml', inputs: { 'issue-number': '1' } }),
    ]);
    expect(sandbox.github.violations).toEqual([]);

    sandbox.github.resetRequests();
    const second = await run(reportHostsAllowed(), { event: dispatchEvent(sandbox, 'factory-report', report) });
    expect(second).toMatchObject({ outcome: 'no-op', summary: 'report slack-1700000000.123 is already issue #1; nothing created' });
    expect(sandbox.github.state.issues).toHaveLength(1);
    expect(writeRequests(sandbox)).toEqual([]);
  });

  it('makes links to hosts outside outputs.allowedHosts inert text', async () => {
    const result = await run(sandbox.deps('intake'), { event: dispatchEvent(sandbox, 'factory-report', report) });
    expect(result.outcome).toBe('completed');
    const body = sandbox.github.state.issues[0]!.body;
    expect(body).toContain('screenshot 1 (hxxps://files[.]example/shot-1.png)');
    expect(body).not.toContain('https://files.example');
  });

  it('rejects a bad payload with the field named, and creates nothing', async () => {
    const bad = { ...report, id: undefined, screenshots: ['file:///etc/passwd'] };
    const error = await run(sandbox.deps('intake'), { event: dispatchEvent(sandbox, 'factory-report', bad) }).catch((e: unknown) => e);
    expect(isConfigError(error)).toBe(true);
    expect((error as Error).message).toMatch(/client_payload\.id: is required/);
    expect((error as Error).message).toMatch(/client_payload\.screenshots\.0: expected an http\(s\) URL/);
    expect(sandbox.github.state.issues).toEqual([]);
  });

  it('writes nothing in a dry run, and skips other dispatch types', async () => {
    const dry = await run(sandbox.deps('intake', { dryRun: true }), { event: dispatchEvent(sandbox, 'factory-report', report) });
    expect(dry.outcome).toBe('completed');
    const other = await run(sandbox.deps('intake'), { event: dispatchEvent(sandbox, 'deploy', report) });
    expect(other.outcome).toBe('skipped');
    expect(writeRequests(sandbox)).toEqual([]);
    expect(sandbox.github.state.issues).toEqual([]);
  });
});
