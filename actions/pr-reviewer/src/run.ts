import { skipped, type AutomationResult, type AutomationRun } from '../../shared/automation/types';
import { ConfigError } from '../../shared/errors';
import { AUTOMATION, checkPullRequest, gateEvent } from './gate';
import { reviewPullRequest, type Trigger } from './review';
import type { ReviewerDeps } from './writes';

/**
 * The pull-request reviewer: gate (pure: kill switch, routing, drafts) -> the pull request as
 * GitHub has it now (open, not a draft, in review.scope) -> one review round (review.ts).
 */
export const run: AutomationRun = async (deps, inputs) => {
  const gate = gateEvent(inputs.event, inputs.issueNumber, deps.config);
  if (!gate.ok) return skipped(gate.reason);
  return reviewNumber({ ...deps, automation: AUTOMATION }, gate.value.pr, gate.value);
};

/** One review round on a pull request (the CLI and the tests call this with a PR number). */
export async function reviewNumber(
  deps: ReviewerDeps,
  prNumber: number,
  trigger: Trigger = { event: 'manual', actor: 'unknown' },
): Promise<AutomationResult> {
  const pr = await deps.github.reader.getPullRequest(prNumber);
  const why = checkPullRequest(pr, deps.config);
  if (why) return skipped(why);
  if (!deps.model) throw new ConfigError(`input "anthropic-api-key" is required: ${AUTOMATION} needs the model to review`);
  return reviewPullRequest(deps, pr, trigger);
}
