import { statusOf } from '../../shared/github/api-error';
import { answer, type CommandContext, type CommandOutcome } from './context';

/**
 * `@factory review` on a pull request: start the pull request reviewer's workflow for it
 * (workflow_dispatch on the default branch), or say that it is not installed.
 */
export const REVIEWER_WORKFLOW = 'factory-reviewer.yml';

export async function review(ctx: CommandContext): Promise<CommandOutcome> {
  const { deps, subject } = ctx;
  if (subject.state !== 'open') return answer('skipped', `#${subject.number} is closed.`);
  if (deps.dryRun) return answer('completed', `[dry-run] would dispatch \`${REVIEWER_WORKFLOW}\` for #${subject.number}.`);
  try {
    await deps.github.writer.dispatchWorkflow(REVIEWER_WORKFLOW, ctx.defaultBranch, { 'issue-number': String(subject.number) });
  } catch (e) {
    if (statusOf(e) === 404) {
      return answer('skipped', `The pull request reviewer is not installed here (no \`.github/workflows/${REVIEWER_WORKFLOW}\` on ${ctx.defaultBranch}).`);
    }
    throw e;
  }
  return answer('completed', `Requested a review pass: started \`${REVIEWER_WORKFLOW}\` for #${subject.number}.`, [`dispatched ${REVIEWER_WORKFLOW} for #${subject.number}`]);
}
