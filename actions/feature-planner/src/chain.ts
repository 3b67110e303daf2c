import type { AutomationDeps } from '../../shared/automation/types';
import type { ApplyItem } from '../../shared/policy/apply';
import { READY } from '../../shared/state/labels';
import { errorMessage } from '../../shared/errors';

/** The builder's workflow, started explicitly when events caused by GITHUB_TOKEN start nothing. */
export const BUILDER_WORKFLOW = 'factory-builder.yml';

/** The issue got factory:ready in this run (written now, not in a dry run, not already there). */
export function becameReady(results: readonly ApplyItem[], issueNumber: number): boolean {
  return results.some(
    (r) =>
      r.status === 'applied' && r.intent.kind === 'add_labels' && r.intent.target.number === issueNumber && r.intent.labels.includes(READY),
  );
}

/** Issues created ready in this run (sub-issues of a split): each starts the builder too. */
export function readyCreated(results: readonly ApplyItem[]): number[] {
  return results.flatMap((r) =>
    r.status === 'applied' && r.intent.kind === 'create_issue' && r.intent.labels.includes(READY) && r.created !== undefined
      ? [r.created]
      : [],
  );
}

export function shouldChain(deps: Pick<AutomationDeps, 'dryRun' | 'appToken' | 'config'>): boolean {
  return !deps.dryRun && !deps.appToken && deps.config.chaining.dispatchWhenNoAppToken;
}

/**
 * Starts the builder for a ready issue. A failure is a warning, not a failed run: the builder's
 * schedule picks the issue up anyway.
 */
export async function dispatchBuilder(deps: AutomationDeps, issueNumber: number, ref: string): Promise<string> {
  try {
    await deps.github.writer.dispatchWorkflow(BUILDER_WORKFLOW, ref, { 'issue-number': String(issueNumber) });
    return `dispatched ${BUILDER_WORKFLOW} for #${issueNumber}`;
  } catch (e) {
    const message = `could not dispatch ${BUILDER_WORKFLOW} for #${issueNumber}: ${errorMessage(e)}`;
    deps.logger.warning(`${message} (the builder's schedule will pick it up)`);
    return message;
  }
}
