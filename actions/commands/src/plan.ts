import { answer, startAutomation, type CommandContext, type CommandOutcome } from './context';

/**
 * `@factory plan` on an issue: the feature planner triages it again (labels, enrichment comment,
 * sub-issues) in its own workflow, started now; its comment on the issue says what it decided.
 */
export async function plan(ctx: CommandContext): Promise<CommandOutcome> {
  const started = await startAutomation(ctx, 'feature-planner');
  if (!started.ok) return answer('skipped', started.line, started.details);
  return answer('completed', `${started.line} The planner will comment on #${ctx.subject.number} with what it decided.`, started.details);
}
