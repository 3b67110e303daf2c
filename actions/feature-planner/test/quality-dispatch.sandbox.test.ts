import type { FactorySandbox } from '../../../scripts/harness';
import { conversationScript } from '../../../scripts/harness/scenarios/planner';
import { plannerSandbox, scheduleEvent } from '../../../test/helpers/planner';
import { run } from '../src/run';
import { QUALITY_WORKFLOW } from '../src/spec-gap';

/**
 * The planner's empty-backlog path starts the quality grader (its workflow, by dispatch), and the
 * grader's gap issues reach the spec-gap model as gaps already filed.
 */

let sandbox: FactorySandbox;
afterEach(async () => {
  await sandbox?.close();
});

const QUALITY_WORKFLOW_FILE = [
  'name: factory-quality',
  'on:',
  '  workflow_dispatch:',
  'permissions: {}',
  'jobs:',
  '  grade:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - run: echo grade',
  '',
].join('\n');

describe('the planner with an empty backlog', () => {
  it('dispatches the quality grader and shows the spec-gap model the grader gap issues', async () => {
    sandbox = await plannerSandbox({
      scenario: conversationScript([{ text: 'The quality gap issue covers the only gap.' }]),
      files: { [`.github/workflows/${QUALITY_WORKFLOW}`]: QUALITY_WORKFLOW_FILE },
    });
    sandbox.github.state.createIssue('acme', 'shop', {
      title: 'Quality: Receipts is graded F',
      body: '<!-- factory:quality-gap:receipts {"grade":"F"} -->\nRequirements without a passing test: RCP-001, RCP-002',
      user: sandbox.config.trust.botLogin,
      labels: ['source:spec-gap', 'type:feature', 'priority:p2', 'factory:needs-human'],
    });
    const result = await run(sandbox.deps('feature-planner'), { event: scheduleEvent(sandbox) });
    expect(result.details).toContain(`dispatched ${QUALITY_WORKFLOW}: the backlog is empty`);
    expect(sandbox.github.state.dispatches.map((d) => d.workflow)).toEqual([QUALITY_WORKFLOW]);
    const prompt = JSON.stringify(sandbox.model.requests[0]!.body.messages[0]);
    expect(prompt).toContain('Quality: Receipts is graded F');
    expect(prompt).toContain("are the quality grader's");
  });

  it('dispatches nothing when the grader is off', async () => {
    sandbox = await plannerSandbox({
      scenario: conversationScript([{ text: 'No gaps.' }]),
      files: { [`.github/workflows/${QUALITY_WORKFLOW}`]: QUALITY_WORKFLOW_FILE },
      configText: "trust:\n  botLogin: 'factory-bot[bot]'\nautomations:\n  quality-grader: { enabled: false }\n",
    });
    const result = await run(sandbox.deps('feature-planner'), { event: scheduleEvent(sandbox) });
    expect(result.details.some((d) => d.includes(QUALITY_WORKFLOW))).toBe(false);
    expect(sandbox.github.state.dispatches).toEqual([]);
  });
});
