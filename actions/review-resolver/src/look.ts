import type { AutomationDeps } from '../../shared/automation/types';
import { statusOf } from '../../shared/github/api-error';
import type { PullRequest, ReviewThread } from '../../shared/github/types';
import { reviewersOf, type ThreadRules } from './threads';
import { errorMessage } from '../../shared/errors';

/**
 * After a pushed round: re-request review from the people whose threads were addressed, and
 * start the factory's reviewer for its own threads when no event would (a push made with
 * GITHUB_TOKEN starts no workflow). Failures are notes, not errors: the review can wait.
 */
export const REVIEWER_WORKFLOW = 'factory-reviewer.yml';

export async function askForAnotherLook(
  deps: AutomationDeps,
  pr: Pick<PullRequest, 'number' | 'author'>,
  threads: readonly ReviewThread[],
  rules: Pick<ThreadRules, 'botLogin'>,
  defaultBranch: string,
): Promise<string[]> {
  const details: string[] = [];
  const people = reviewersOf(threads, rules).filter((l) => l !== pr.author.login);
  if (people.length) {
    try {
      await deps.github.writer.requestReviewers(pr.number, people);
      details.push(`re-requested review from ${people.join(', ')}`);
    } catch (e) {
      details.push(`could not re-request review from ${people.join(', ')}: ${errorMessage(e)}`);
    }
  }
  const factoryThreads = threads.some((t) => t.comments[0]?.author.login === rules.botLogin);
  if (factoryThreads && !deps.appToken && deps.config.chaining.dispatchWhenNoAppToken) {
    try {
      await deps.github.writer.dispatchWorkflow(REVIEWER_WORKFLOW, defaultBranch, { 'issue-number': String(pr.number) });
      details.push(`dispatched ${REVIEWER_WORKFLOW} for #${pr.number}`);
    } catch (e) {
      const why = statusOf(e) === 404 ? 'it is not installed' : errorMessage(e);
      details.push(`${REVIEWER_WORKFLOW} was not dispatched (${why}); the reviewer runs on its next trigger`);
    }
  }
  return details;
}
