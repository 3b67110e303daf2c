import { run } from '../../actions/feature-builder/src/run';
import { computeRisk } from '../../actions/shared/risk';
import { startFactorySandbox, type FactorySandbox } from '../../scripts/harness';
import { SAMPLE_BUG, SAMPLE_MIGRATION, sampleProductFiles } from '../../scripts/harness/sample-product';
import { builderSandboxScenario } from '../../scripts/harness/scenarios/builder';
import { readyLabeledEvent, SANDBOX_CONFIG } from '../helpers/builder';

/**
 * risk.writableProtectedPaths end to end: the builder may write a migration (a protected path)
 * only when the config lets it, and the pull request it opens stays high risk either way.
 */
let sandbox: FactorySandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function build(configText: string) {
  // The sample's main with its discount bug fixed, so the suite passes before and after.
  const files = sampleProductFiles();
  files[SAMPLE_BUG.fix.path] = files[SAMPLE_BUG.fix.path]!.replace(SAMPLE_BUG.fix.oldString, SAMPLE_BUG.fix.newString);
  sandbox = await startFactorySandbox({ scenario: builderSandboxScenario(), configText, files });
  sandbox.github.state.createIssue('acme', 'shop', {
    title: SAMPLE_MIGRATION.title,
    body: SAMPLE_MIGRATION.body,
    user: 'alice',
    authorAssociation: 'MEMBER',
    labels: ['factory:ready', 'type:feature', 'priority:p1'],
  });
  return run(sandbox.deps('feature-builder'), { event: readyLabeledEvent(sandbox, 1) });
}

describe('a migration built by the factory', () => {
  it('with migrations/** writable, the builder opens the pull request, and its risk is high', async () => {
    const result = await build(`${SANDBOX_CONFIG}risk:\n  writableProtectedPaths: ['migrations/**']\n`);
    expect(result.outcome).toBe('completed');
    const { reader } = sandbox!.client();
    const [pr] = await reader.listPullRequests();
    expect(pr?.title).toBe(SAMPLE_MIGRATION.pullRequest.title);
    const files = await reader.listPullRequestFiles(pr!.number);
    expect(files.map((f) => f.filename)).toEqual([SAMPLE_MIGRATION.change.path]);
    const risk = computeRisk({ files, config: sandbox!.config });
    expect(risk.tier).toBe('high');
    expect(risk.protectedFiles).toEqual([SAMPLE_MIGRATION.change.path]);
  });

  it('without the setting, the write is refused and no pull request opens', async () => {
    const result = await build(SANDBOX_CONFIG);
    expect(result.outcome).not.toBe('completed');
    expect(JSON.stringify(result.records)).toContain('migrations/002_order_discount_code.sql is a protected path');
    expect(sandbox!.github.state.pulls).toEqual([]);
  });
});
