import prompt from '../../../prompts/commands-explain.md';
import { runAgentStep } from '../../shared/automation/agent-step';
import { untrusted } from '../../shared/security';
import { answer, type CommandContext, type CommandOutcome } from './context';
import { replyMarker } from './gate';
import { AUTOMATION_SPECS } from '../../shared/registry';

/**
 * `@factory explain [question]`: the agent reads (triage toolset: files, search, issues) and
 * answers with one comment, the command's reply. Policy allows it that one comment on this
 * subject and nothing else.
 */

export function explainMessage(ctx: CommandContext): string {
  const { subject, request, deps } = ctx;
  const fence = (source: string, text: string) => untrusted(source, text, { redactor: deps.redactor });
  const what = subject.type === 'pr' ? 'pull request' : 'issue';
  const key = replyMarker(request.comment.id).key;
  return [
    `A trusted person asked the factory to explain something on ${what} #${subject.number}.`,
    '',
    `Answer with exactly one \`comment\` on ${what} #${subject.number} (target type \`${subject.type}\`, number ${subject.number}) with markerKey \`${key}\`.`,
    '',
    '## The question',
    '',
    fence(`question by ${request.author}`, request.args || '(no question: explain what this is about and where the factory is with it)'),
    '',
    `## The ${what}`,
    '',
    `Labels: ${subject.labels.length ? subject.labels.map((l) => `\`${l}\``).join(', ') : '(none)'}`,
    '',
    fence(`${what} #${subject.number} title`, subject.title),
    '',
    fence(`${what} #${subject.number} body`, subject.body || '(empty)'),
  ].join('\n');
}

export async function explain(ctx: CommandContext): Promise<CommandOutcome> {
  const { deps, subject, request } = ctx;
  const step = await runAgentStep(deps, {
    trigger: request.trigger,
    actor: request.author,
    system: prompt,
    user: explainMessage(ctx),
    toolset: AUTOMATION_SPECS['commands'].toolset,
    facts: {
      subject: { type: subject.type, number: subject.number, labels: subject.labels, authorLogin: request.author },
      allowedKinds: ['comment'],
      allowedTargets: [subject.number],
      openedByFactory: [],
      threads: {},
      risk: 'low',
      defaultBranch: ctx.defaultBranch,
    },
  });
  const details = step.applied.results.map((a) => `${a.status}: ${a.detail}`);
  const key = replyMarker(request.comment.id).key;
  const answered = step.applied.results.some((a) => a.intent.kind === 'comment' && a.intent.markerKey === key && a.status !== 'failed');
  if (answered) return { outcome: 'completed', details, records: [step.record] };
  const why = step.agent.budgetStop
    ? `the budget ran out (${step.agent.budgetStop.budget})`
    : (step.rejected[0]?.reason ?? `the agent ended without an answer (${step.agent.outcome})`);
  return answer(step.agent.outcome === 'error' ? 'failed' : 'no-op', `The factory could not answer: ${why}.`, details, [step.record]);
}
