import type { MessagesRequest, Scenario, ScenarioFunction, ScriptedTurn } from '@software-factory/model-sandbox';
import { SAMPLE_MIGRATION } from '../sample-product';
import { firstUserText } from './conversation';

/**
 * Scripted model scenarios for the planner on the sandbox (CLI demo, tests, bench). Not part of
 * the action's bundle: only the CLI and tests import this file.
 */

/**
 * Replies by position in the conversation (the number of assistant turns so far), not by the
 * sandbox's global request counter, so the same script serves every run of a test.
 */
export function conversationScript(turns: ScriptedTurn[] | ((req: MessagesRequest) => ScriptedTurn[])): ScenarioFunction {
  return (req) => {
    const script = typeof turns === 'function' ? turns(req) : turns;
    const position = req.messages.filter((m) => m.role === 'assistant').length;
    return script[position] ?? { text: 'Done.', stopReason: 'end_turn' };
  };
}

export const SAMPLE_PLAN = [
  '### Plan',
  '**Summary:** `applyDiscount` subtracts the percentage as an amount instead of applying it as a percentage.',
  '**Expected:** `applyDiscount(200, 10)` returns `180`. **Observed:** it returns `190`.',
  '**Reproduction:**',
  '1. Run `npm test`.',
  '2. The test `applies a percentage discount` fails.',
  '**Affected area:** `src/pricing.js` (`applyDiscount`)',
  '**Acceptance criteria:**',
  '- [ ] `applyDiscount(200, 10)` returns `180`',
  '- [ ] the whole test suite passes',
  '**Size:** S',
].join('\n');

/**
 * Triages the sample product's SAMPLE_BUG issue: reads the code, comments the plan, labels it
 * ready. The sample's second issue (SAMPLE_MIGRATION, named in the first message) gets its own
 * plan and type:feature.
 */
export function plannerSandboxScenario(issueNumber: number): Scenario {
  const target = { type: 'issue', number: issueNumber };
  return conversationScript((req) => {
    const migration = firstUserText(req).includes(SAMPLE_MIGRATION.title);
    const [read, plan, type] = migration
      ? ['migrations/001_create_orders.sql', SAMPLE_MIGRATION.plan, 'type:feature']
      : ['src/pricing.js', SAMPLE_PLAN, 'type:bug'];
    return [
      { text: 'Let me read the code first.', toolCalls: [{ name: 'read_file', input: { path: read } }] },
      { toolCalls: [{ name: 'comment', input: { target, markerKey: 'plan', body: plan } }] },
      { toolCalls: [{ name: 'add_labels', input: { target, labels: [type, 'priority:p1', 'factory:ready'] } }] },
      { text: `Triaged #${issueNumber}: ${type}, priority:p1, ready to build.` },
    ];
  });
}

/** The sandbox acts as `factory-bot[bot]`; the config names it so markers are recognised as ours. */
export const SANDBOX_BOT = 'factory-bot[bot]';

export const PLANNER_SANDBOX_CONFIG = [
  'model:',
  '  name: claude-haiku-4-5',
  'commands:',
  '  test: npm test',
  'budgets:',
  '  maxTurns: 20',
  'trust:',
  `  botLogin: '${SANDBOX_BOT}'`,
  'automations:',
  '  feature-planner: { sweepCap: 10, needsInfoStaleDays: 14, specGapCap: 2 }',
  '',
].join('\n');

/** A builder workflow that accepts workflow_dispatch, so chaining can be observed on the sandbox. */
export const BUILDER_WORKFLOW_FILE = [
  'name: factory-builder',
  'on:',
  '  workflow_dispatch:',
  '    inputs:',
  '      issue-number: { type: string, required: false }',
  'jobs:',
  '  build:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - run: echo build',
  '',
].join('\n');

/**
 * Triages whichever issue the run is about (read from the first user message) as a ready chore:
 * the sweep's scenario, one conversation per issue.
 */
export function sweepScenario(): Scenario {
  return conversationScript((req) => {
    const first = req.messages[0];
    const text = typeof first?.content === 'string' ? first.content : JSON.stringify(first?.content ?? '');
    const n = Number(/Triage issue #(\d+)/.exec(text)?.[1] ?? 0);
    const target = { type: 'issue', number: n };
    return [
      {
        toolCalls: [
          { name: 'comment', input: { target, markerKey: 'plan', body: `### Plan\n**Summary:** Backlog item #${n}.\n**Size:** S` } },
        ],
      },
      { toolCalls: [{ name: 'add_labels', input: { target, labels: ['type:chore', 'priority:p3', 'factory:ready'] } }] },
      { text: `Triaged #${n}.` },
    ];
  });
}
