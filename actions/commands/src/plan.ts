import { answer, depsFor, type CommandContext, type CommandOutcome } from './context';

/**
 * `@factory plan` on an issue: the feature planner triages it again, now, in this job (labels,
 * enrichment comment, sub-issues), and the reply says what it decided.
 */
export async function plan(ctx: CommandContext): Promise<CommandOutcome> {
  const { deps, subject, inputs } = ctx;
  if (!ctx.delegates.plan) return answer('skipped', 'The feature planner is not part of this installation; `plan` cannot run.');
  const planned = await ctx.delegates.plan(depsFor(deps, 'feature-planner'), { event: inputs.event, issueNumber: subject.number });
  const details = [`feature-planner: ${planned.summary}`, ...planned.details.map((d) => `  ${d}`)];
  const reply =
    planned.outcome === 'skipped'
      ? `The planner did not re-plan #${subject.number}: ${planned.summary}`
      : `Planned #${subject.number} again: ${planned.summary}. See the planner's comment on the issue.`;
  return answer(planned.outcome, reply, details, planned.records);
}
