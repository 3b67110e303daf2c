import type { FactorySandbox } from '..';
import type { MessagesRequest, Scenario, ScriptedTurn } from '@software-factory/model-sandbox';
import { SAMPLE_BUG } from '../sample-product';
import type { AutomationDeps, AutomationResult } from '../../../actions/shared/automation/types';
import type { ParsedEvent } from '../../../actions/shared/events';
import { assistantTurns, firstUserText, systemText, toolNames } from './conversation';
import { run } from '../../../actions/commands/src/run';

/**
 * The commands' sandbox model. `fix` runs the feature builder's agent: it applies SAMPLE_BUG's
 * fix, asks to push its branch and open the pull request, and ends. `explain` answers with the
 * one comment it is allowed, keyed as the message says. Anything else ends at once.
 */

const BUILD_TASK = /Implement issue #(\d+) on the branch `([^`]+)` \(already checked out; the default branch is `([^`]+)`\)/;
const EXPLAIN_TASK =
  /Answer with exactly one `comment` on (?:issue|pull request) #\d+ \(target type `(issue|pr)`, number (\d+)\) with markerKey `([^`]+)`/;

function fixTurn(req: MessagesRequest, stage: number): ScriptedTurn {
  const task = BUILD_TASK.exec(firstUserText(req));
  if (stage === 0) {
    return {
      text: `The discount is subtracted as money in ${SAMPLE_BUG.fix.path}; applying it as a percentage.`,
      toolCalls: [
        {
          name: 'edit_file',
          input: { path: SAMPLE_BUG.fix.path, oldString: SAMPLE_BUG.fix.oldString, newString: SAMPLE_BUG.fix.newString },
        },
      ],
    };
  }
  if (stage === 1 && task) {
    const [, issue, branch, base] = task;
    return {
      text: 'Pushing the fix and opening the pull request.',
      toolCalls: [
        { name: 'push', input: { branch, files: [SAMPLE_BUG.fix.path] } },
        {
          name: 'open_pull_request',
          input: {
            title: 'Apply discounts as a percentage of the total',
            body: `\`applyDiscount\` subtracted the percentage as an amount; it now multiplies by \`1 - percent / 100\`. The failing test \`applies a percentage discount\` passes.`,
            head: branch,
            base,
            fixes: Number(issue),
          },
        },
      ],
    };
  }
  return { text: 'The discount is fixed and the pull request is open.' };
}

function explainTurn(req: MessagesRequest, stage: number): ScriptedTurn {
  const task = EXPLAIN_TASK.exec(firstUserText(req));
  if (stage > 0 || !task) return { text: 'Answered.' };
  const [, type, number, markerKey] = task;
  const labels = /^Labels: (.*)$/m.exec(firstUserText(req))?.[1] ?? '(none)';
  return {
    text: 'Answering in one comment.',
    toolCalls: [
      {
        name: 'comment',
        input: {
          target: { type, number: Number(number) },
          markerKey,
          body: [
            `This ${type === 'pr' ? 'pull request' : 'issue'} is about checkout pricing: \`applyDiscount\` in \`src/pricing.js\` must apply a percentage of the cart total, rounded to cents (see \`specs/checkout.md\`).`,
            '',
            `Factory labels: ${labels}.`,
          ].join('\n'),
        },
      },
    ],
  };
}

export function commandsSandboxScenario(): Scenario {
  return (req) => {
    const stage = assistantTurns(req);
    const tools = toolNames(req);
    if (tools.includes('edit_file')) return fixTurn(req, stage);
    if (tools.includes('comment') && /explainer/.test(systemText(req))) return explainTurn(req, stage);
    return { text: 'Nothing to do here.' };
  };
}

/** One command event on a running sandbox (the model sandbox should play commandsSandboxScenario()), in a fresh clone. */
export async function runCommandOnSandbox(
  sandbox: FactorySandbox,
  event: ParsedEvent,
  overrides: Partial<AutomationDeps> = {},
): Promise<AutomationResult> {
  return run(sandbox.deps('commands', { workspace: sandbox.freshWorkspace(), ...overrides }), { event });
}
