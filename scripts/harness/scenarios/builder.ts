import type { MessagesRequest, Scenario, ScriptedTurn } from '@software-factory/model-sandbox';
import { SAMPLE_BUG, SAMPLE_MIGRATION, SAMPLE_TEST_COMMAND } from '../sample-product';

/**
 * `.github/factory.yml` for builder runs on the sandbox: the sample product's test command, and
 * the sandbox's authenticated user as the factory's own bot (so its claims and markers count).
 */
export const BUILDER_SANDBOX_CONFIG = [
  'commands:',
  '  test: npm test',
  'budgets:',
  '  maxTurns: 20',
  'trust:',
  "  botLogin: 'factory-bot[bot]'",
  'automations:',
  '  feature-builder: { maxAttempts: 3, maxOpenPrs: 5 }',
  '  ci-fixer: { maxAttempts: 2 }',
  '',
].join('\n');

/**
 * The model's side of the demo: a well-behaved builder fixing the sample product's bug. It
 * answers by its position in the conversation (not a global turn counter), so it plays the same
 * part whatever else talks to the model sandbox, and it reads the branch, base and issue number
 * from the builder's own first message, so it works for any issue number.
 */
export function builderSandboxScenario(): Scenario {
  return (req: MessagesRequest): ScriptedTurn => {
    const step = req.messages.filter((m) => m.role === 'assistant').length;
    const task = firstText(req);
    const branch = /on the branch `([^`]+)`/.exec(task)?.[1] ?? 'factory/1-fix';
    const base = /the default branch is `([^`]+)`/.exec(task)?.[1] ?? 'main';
    const issue = Number(/fixes (\d+)/.exec(task)?.[1] ?? '1');
    if (task.includes(SAMPLE_MIGRATION.title)) return migrationTurn(step, { branch, base, issue });
    const { fix } = SAMPLE_BUG;
    switch (step) {
      case 0:
        return { text: 'Let me read the pricing code first.', toolCalls: [{ name: 'read_file', input: { path: fix.path } }] };
      case 1:
        return {
          text: 'The discount is subtracted as an amount; it must be a percentage of the total.',
          toolCalls: [{ name: 'edit_file', input: { path: fix.path, oldString: fix.oldString, newString: fix.newString } }],
        };
      case 2:
        return { toolCalls: [{ name: 'run_command', input: { command: SAMPLE_TEST_COMMAND } }] };
      case 3:
        return {
          text: 'The tests pass now.',
          toolCalls: [
            { name: 'push', input: { branch, files: [fix.path] } },
            {
              name: 'open_pull_request',
              input: {
                title: 'Apply discounts as a percentage of the cart total',
                body: 'applyDiscount subtracted the percentage as an amount of money. It now multiplies the total by (1 - percent / 100), as specs/checkout.md says; the existing test covers it.',
                head: branch,
                base,
                fixes: issue,
              },
            },
          ],
        };
      default:
        return { text: 'Fixed applyDiscount; the suite passes and the pull request is requested.' };
    }
  };
}

/** The sample's second issue: a new migration (a protected path the sample's config lets the factory write). */
function migrationTurn(step: number, at: { branch: string; base: string; issue: number }): ScriptedTurn {
  const { change, pullRequest } = SAMPLE_MIGRATION;
  switch (step) {
    case 0:
      return {
        text: 'Let me read the orders table first.',
        toolCalls: [{ name: 'read_file', input: { path: 'migrations/001_create_orders.sql' } }],
      };
    case 1:
      return {
        text: 'A new migration adds the column.',
        toolCalls: [{ name: 'write_file', input: { path: change.path, content: change.content } }],
      };
    case 2:
      return { toolCalls: [{ name: 'run_command', input: { command: SAMPLE_TEST_COMMAND } }] };
    case 3:
      return {
        toolCalls: [
          { name: 'push', input: { branch: at.branch, files: [change.path] } },
          { name: 'open_pull_request', input: { ...pullRequest, head: at.branch, base: at.base, fixes: at.issue } },
        ],
      };
    default:
      return { text: 'Added the migration; the pull request is requested.' };
  }
}

/** The text of the first user message: the automation's task, where it names branch and issue. */
export function firstText(req: MessagesRequest): string {
  const first = req.messages[0];
  if (!first) return '';
  if (typeof first.content === 'string') return first.content;
  return first.content.map((b) => ('text' in b && typeof b.text === 'string' ? b.text : '')).join('\n');
}
