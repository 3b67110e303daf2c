import { runAgentStep, type AgentStepSpec } from '../../actions/shared/automation/agent-step';
import { DEFAULT_ALLOWED_KINDS } from '../../actions/shared/policy/from-config';
import type { FactorySandbox } from '../../scripts/harness';
import type { ScriptedScenario } from '@software-factory/model-sandbox';
import { testDeps, withoutTimestamps, withSandbox, writeRequests } from './harness';

/**
 * Acceptance: the apply step on the full stack. Re-running the same step on the same event
 * writes nothing new (hidden markers make every write idempotent), and a dry run writes nothing
 * at all but tells the log what it would have done.
 */

const TRIAGE: ScriptedScenario = {
  kind: 'scripted',
  turns: [
    {
      text: 'Triaging issue #1.',
      toolCalls: [
        { name: 'read_file', input: { path: 'src/pricing.js' } },
        {
          name: 'comment',
          input: {
            target: { type: 'issue', number: 1 },
            markerKey: 'triage',
            body: '**Expected:** a CSV download.\n**Observed:** nothing happens.',
          },
        },
        { name: 'add_labels', input: { target: { type: 'issue', number: 1 }, labels: ['type:bug', 'factory:ready'] } },
        {
          name: 'create_issue',
          input: { title: 'Export: write the CSV serializer', body: 'Part of the export fix.', dedupeKey: 'export-csv-serializer' },
        },
      ],
    },
    { text: 'Triage done.' },
  ],
};

/**
 * The sandbox acts as `factory-bot[bot]`; the applier trusts markers only in content written by
 * the configured bot login, so the config names it (as a team using a GitHub App would).
 */
const CONFIG = ['commands:', '  test: npm test', 'trust:', "  botLogin: 'factory-bot[bot]'", ''].join('\n');

async function seedIssue(sb: FactorySandbox): Promise<void> {
  sb.github.state.createIssue(sb.repo.owner, sb.repo.repo, {
    title: 'Export button does nothing',
    body: 'Clicking Export on /reports does nothing. Expected a CSV download.',
    user: 'alice',
    authorAssociation: 'MEMBER',
  });
  sb.github.resetRequests();
}

function triageSpec(): AgentStepSpec {
  return {
    trigger: { event: 'issues', action: 'opened' },
    actor: 'alice',
    system: 'You are the feature planner.',
    user: 'Triage issue #1.',
    toolset: 'triage',
    facts: {
      subject: { type: 'issue', number: 1, labels: [], authorLogin: 'alice' },
      allowedKinds: [...DEFAULT_ALLOWED_KINDS['feature-planner']],
      allowedTargets: [1],
      openedByFactory: [],
      threads: {},
      risk: 'low',
      defaultBranch: 'main',
    },
  };
}

test('running the same step twice on the same event writes nothing the second time', async () => {
  await withSandbox({ scenario: TRIAGE, configText: CONFIG }, async (sb) => {
    await seedIssue(sb);
    const first = await runAgentStep(testDeps(sb, 'feature-planner', { runId: 'run-1' }), triageSpec());
    expect(first.rejected).toEqual([]);
    expect(first.applied.results.map((r) => [r.intent.kind, r.status])).toEqual([
      ['comment', 'applied'],
      ['add_labels', 'applied'],
      ['create_issue', 'applied'],
    ]);
    expect(writeRequests(sb.github.requests).length).toBeGreaterThanOrEqual(3);
    const afterFirst = sb.github.state.snapshot();
    expect([...(afterFirst.issues.find((i) => i.number === 1)?.labels ?? [])].sort()).toEqual(['factory:ready', 'type:bug']);
    expect(afterFirst.issues.filter((i) => i.title === 'Export: write the CSV serializer')).toHaveLength(1);

    // The same event again (a re-run), the same scripted model.
    sb.model.setScenario(TRIAGE);
    sb.github.resetRequests();
    const second = await runAgentStep(testDeps(sb, 'feature-planner', { runId: 'run-2' }), triageSpec());
    expect(second.applied.results.map((r) => [r.intent.kind, r.status])).toEqual([
      ['comment', 'unchanged'],
      ['add_labels', 'unchanged'],
      ['create_issue', 'unchanged'],
    ]);
    expect(sb.github.requests.length).toBeGreaterThan(0);
    expect(writeRequests(sb.github.requests)).toEqual([]);
    expect(withoutTimestamps(sb.github.state.snapshot())).toEqual(withoutTimestamps(afterFirst));
    expect(sb.github.violations).toEqual([]);
  });
});

test('a dry run writes nothing and prints every intent to the log', async () => {
  await withSandbox({ scenario: TRIAGE, configText: CONFIG }, async (sb) => {
    await seedIssue(sb);
    const before = sb.github.state.snapshot();
    const deps = testDeps(sb, 'feature-planner', { dryRun: true });
    const step = await runAgentStep(deps, triageSpec());
    expect(step.accepted).toHaveLength(3);
    expect(step.applied.counts).toEqual({ applied: 0, unchanged: 0, 'dry-run': 3, failed: 0 });
    expect(writeRequests(sb.github.requests)).toEqual([]);
    expect(sb.github.state.snapshot()).toEqual(before);
    const info = deps.logger.lines.filter((l) => l.level === 'info').map((l) => l.message);
    expect(info).toEqual(
      expect.arrayContaining([
        '[dry-run] would comment on issue #1 (triage)',
        '[dry-run] would add labels type:bug, factory:ready to #1',
        '[dry-run] would create issue "Export: write the CSV serializer" (export-csv-serializer)',
      ]),
    );
    expect(step.record.applied.map((a) => a.status)).toEqual(['dry-run', 'dry-run', 'dry-run']);
  });
});
