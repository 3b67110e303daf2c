import * as path from 'node:path';
import { run } from '../../actions/feature-builder/src/run';
import { INSTALL_FIX } from '../../actions/shared/isolation';
import { testExecutor } from '../../actions/shared/isolation/test-helpers';
import { MemoryLogger } from '../../actions/shared/ports';
import { ATTEMPTS_KIND } from '../../actions/shared/state/counters';
import { summaryMarkdown } from '../../actions/shared/record/summary';
import { startFactorySandbox, type FactorySandbox } from '../../scripts/harness';
import { loadScenarioFile } from '@software-factory/model-sandbox';
import { SAMPLE_BUG } from '../../scripts/harness/sample-product';
import { readyLabeledEvent, SANDBOX_CONFIG } from '../helpers/builder';

/**
 * Without bubblewrap (the executor points at a bwrap that does not exist): under `required` the
 * builder runs no repository code, calls no model, and hands the issue to a person with the reason
 * and the fix; under `best-effort` it warns and builds, running the checks unisolated.
 */
const SCENARIO = path.join(__dirname, '../../packages/model-sandbox/scenarios/builder-fix-discount.yaml');
const MISSING = '/nonexistent/bwrap';

describe('the builder without bubblewrap', () => {
  let sandbox: FactorySandbox;

  beforeEach(async () => {
    sandbox = await startFactorySandbox({ scenario: loadScenarioFile(SCENARIO), configText: SANDBOX_CONFIG });
    sandbox.github.state.createIssue('acme', 'shop', {
      title: SAMPLE_BUG.title,
      body: SAMPLE_BUG.body,
      user: 'alice',
      authorAssociation: 'MEMBER',
      labels: ['factory:ready', 'type:bug', 'priority:p1'],
    });
  });

  afterEach(async () => {
    await sandbox.close();
  });

  it('required: refuses to run the checks, calls no model, escalates with the reason and the fix', async () => {
    const logger = new MemoryLogger();
    const executor = testExecutor(sandbox.workspace, { bwrapPath: MISSING, policy: 'required', logger });
    const deps = sandbox.deps('feature-builder', { executor, logger });

    const result = await run(deps, { event: readyLabeledEvent(sandbox, 1) });

    expect(result.outcome).toBe('refused');
    expect(result.summary).toContain(`bubblewrap is not installed (no ${MISSING})`);
    expect(result.summary).toContain('sudo apt-get install -y bubblewrap');
    expect(sandbox.model.requests).toHaveLength(0);
    // Nothing of the repository ran: no check, no branch.
    expect(result.details.some((d) => d.startsWith('before:'))).toBe(false);
    expect(sandbox.github.state.snapshot().pulls).toEqual([]);

    // The issue is with a person, the claim released, the comment says why and what to do.
    const issue = sandbox.github.state.snapshot().issues.find((i) => i.number === 1)!;
    expect(issue.labels).toContain('factory:needs-human');
    expect(issue.labels).not.toContain('factory:building');
    const comment = sandbox.github.state.comments.find((c) => c.issueNumber === 1 && c.body.includes('The factory needs a human here'));
    expect(comment?.body).toContain(`bubblewrap is not installed (no ${MISSING})`);
    expect(comment?.body).toContain('sudo apt-get install -y bubblewrap');
    // No attempt was used up by a run that could not start.
    expect(sandbox.github.state.comments.some((c) => c.issueNumber === 1 && c.body.includes(`<!-- factory:${ATTEMPTS_KIND}:`))).toBe(false);

    // The run record and the job summary give the reason and the fix; the log has an error.
    const record = deps.records.records[0]!;
    expect(record.isolation).toEqual({
      isolated: false,
      ran: false,
      detail: `bubblewrap is not installed (no ${MISSING})`,
      fix: INSTALL_FIX,
    });
    const summary = summaryMarkdown(record);
    expect(summary).toContain('Repository code was not run: isolation is required and not available');
    expect(summary).toContain('sudo apt-get install -y bubblewrap');
    expect(
      logger.lines
        .filter((l) => l.level === 'error')
        .map((l) => l.message)
        .join('\n'),
    ).toContain('isolation: required');
  });

  it('best-effort: warns, runs the checks unisolated and builds', async () => {
    const logger = new MemoryLogger();
    const executor = testExecutor(sandbox.workspace, { bwrapPath: MISSING, policy: 'best-effort', logger });
    const deps = sandbox.deps('feature-builder', { executor, logger });

    const result = await run(deps, { event: readyLabeledEvent(sandbox, 1) });

    expect(result.outcome).toBe('completed');
    expect(result.details).toContain('before: npm test failed (exit 1)');
    expect(logger.lines.filter((l) => l.level === 'warning').map((l) => l.message)).toContain(
      `repository code runs WITHOUT isolation (execution.isolation: best-effort): bubblewrap is not installed (no ${MISSING})`,
    );
    const record = deps.records.records[0]!;
    expect(record.isolation).toMatchObject({ isolated: false, ran: true });
    expect(summaryMarkdown(record)).toContain('Repository code ran WITHOUT isolation');
    await executor.close();
  });

  it('with bubblewrap: the record says the code ran isolated', async () => {
    const deps = sandbox.deps('feature-builder', { executor: testExecutor(sandbox.workspace) });
    const result = await run(deps, { event: readyLabeledEvent(sandbox, 1) });
    expect(result.outcome).toBe('completed');
    expect(deps.records.records[0]!.isolation).toMatchObject({ isolated: true, ran: true });
    expect(summaryMarkdown(deps.records.records[0]!)).toContain('Repository code ran isolated: bubblewrap, network none');
  });
});
