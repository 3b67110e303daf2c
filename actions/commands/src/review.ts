import { answer, startAutomation, type CommandContext, type CommandOutcome } from './context';

/**
 * `@factory review` on a pull request: start the pull request reviewer's workflow for it
 * (workflow_dispatch on the default branch), or say that it is not installed.
 */
export async function review(ctx: CommandContext): Promise<CommandOutcome> {
  const { subject } = ctx;
  if (subject.state !== 'open') return answer('skipped', `#${subject.number} is closed.`);
  const started = await startAutomation(ctx, 'pr-reviewer');
  if (!started.ok) return answer('skipped', started.line.replace('is not part of', 'is not installed: it is not part of'), started.details);
  return answer('completed', `Requested a review pass: ${started.line}`, started.details);
}
