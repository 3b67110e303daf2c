import { skipped, type AutomationDeps, type AutomationResult, type AutomationRun, type RunInputs } from '../../shared/automation/types';
import type { CommandName } from '../../shared/events';
import { hasMarker } from '../../shared/github/markers';
import { neutralize } from '../../shared/security';
import { pauseReason } from '../../shared/state';
import { answer, type CommandContext, type CommandOutcome } from './context';
import { explain } from './explain';
import { fix } from './fix';
import { AUTOMATION, commandText, gateCommand, replyMarker, subjectProblem, UNKNOWN, type CommandRequest } from './gate';
import { plan } from './plan';
import { retry } from './retry';
import { review } from './review';
import { stop } from './stop';
import { unknownCommand } from './unknown';
import { errorMessage } from '../../shared/errors';

/**
 * `@factory <command>` from a trusted person: gate (no token spent on untrusted authors or our
 * own comments) -> answered already? (the reply marker is keyed to the command's comment, so a
 * re-run writes nothing) -> eyes reaction -> the command -> one reply with the outcome and links.
 */

const HANDLERS: Record<CommandName | typeof UNKNOWN, (ctx: CommandContext) => Promise<CommandOutcome>> = {
  fix,
  retry,
  plan,
  review,
  explain,
  stop,
  [UNKNOWN]: unknownCommand,
};

export const run: AutomationRun = async (base, inputs) => {
  const gate = gateCommand(inputs.event, base.config);
  if (!gate.ok) return skipped(gate.reason);
  return handleCommand({ ...base, automation: AUTOMATION }, inputs, gate.value);
};

async function handleCommand(deps: AutomationDeps, inputs: RunInputs, request: CommandRequest): Promise<AutomationResult> {
  const { reader, writer } = deps.github;
  const n = request.subject.number;
  const what = `\`@factory ${commandText(request)}\` on #${n}`;
  const ref = replyMarker(request.comment.id);
  const bot = deps.config.trust.botLogin;
  const replied = (await reader.listComments(n)).find((c) => c.author.login === bot && hasMarker(c.body, ref));
  if (replied) return { outcome: 'no-op', summary: `${what} was already answered (comment ${replied.id})`, details: [], records: [] };

  const issue = await reader.getIssue(n);
  const ctx: CommandContext = {
    deps,
    inputs,
    request,
    subject: {
      type: request.subject.type,
      number: n,
      title: issue.title,
      body: issue.body,
      labels: issue.labels,
      state: issue.state,
      url: issue.url,
    },
    defaultBranch: (await reader.getRepository()).defaultBranch,
  };
  if (!deps.dryRun) await acknowledge(deps, request);

  // Stopping, and learning which commands there are, work on a paused subject too.
  const paused = request.command === 'stop' || request.command === UNKNOWN ? undefined : pauseReason(issue.labels, deps.config);
  const problem = subjectProblem(request.command, request.subject) ?? (paused ? `Not now: ${paused}. Remove the label first.` : undefined);
  const outcome = problem ? answer('skipped', problem) : await HANDLERS[request.command](ctx);

  const details = [...outcome.details];
  if (outcome.reply !== undefined) {
    if (deps.dryRun) details.push(`[dry-run] would reply on #${n}: ${outcome.reply}`);
    else {
      const { comment } = await writer.upsertComment(n, ref, replyBody(request, outcome.reply), deps.config.trust.botLogin);
      details.push(`replied on #${n} (comment ${comment.id})`);
    }
  }
  const line = (outcome.reply ?? 'answered by the agent').split('\n')[0];
  return { outcome: outcome.outcome, summary: `${what}: ${line}`, details, records: outcome.records };
}

/** The eyes reaction says "seen, working on it"; a comment deleted meanwhile does not stop the command. */
async function acknowledge(deps: AutomationDeps, request: CommandRequest): Promise<void> {
  try {
    await deps.github.writer.addReaction({ kind: request.comment.kind, id: request.comment.id }, 'eyes');
  } catch (e) {
    deps.logger.warning(`could not react to comment ${request.comment.id}: ${errorMessage(e)}`);
  }
}

/** The reply: which command it answers, then the outcome (neutralized: it may quote titles and summaries). */
export function replyBody(request: Pick<CommandRequest, 'command' | 'word'>, text: string): string {
  return `> \`@factory ${commandText(request)}\`\n\n${neutralize(text)}`;
}
