import type { AutomationDeps } from '../../shared/automation/types';
import type { PullRequest } from '../../shared/github/types';
import { neutralize } from '../../shared/security';
import { increment, NEEDS_HUMAN } from '../../shared/state';
import { escalate, readAttempts, stateDepsFor, writeAttempts, type Attempts } from '../../shared/automation/subject-state';
import { ROUND_COUNTER } from './gate';

/**
 * Resolve rounds per pull request, counted in the factory's attempts comment on the pull
 * request (`<!-- factory:attempts:N {"resolve-round":2} -->`), and the escalation to a person.
 */

export async function roundsUsed(deps: AutomationDeps, pr: number): Promise<{ used: number; attempts: Attempts }> {
  const attempts = await readAttempts(stateDepsFor(deps), pr);
  return { used: attempts.counters[ROUND_COUNTER] ?? 0, attempts };
}

/** Count a round before the model is called, so a crashed round still counts. */
export async function startRound(deps: AutomationDeps, pr: number, attempts: Attempts): Promise<number> {
  const counters = increment(attempts.counters, ROUND_COUNTER);
  await writeAttempts(stateDepsFor(deps), pr, { ...attempts, counters });
  return counters[ROUND_COUNTER]!;
}

export function escalationBody(reason: string, threads: number): string {
  return [
    '### The review resolver needs a human here',
    '',
    `**Why:** ${neutralize(reason)}`,
    '',
    `${threads} review thread(s) are still open. Address them by hand, or remove \`${NEEDS_HUMAN}\` and comment \`@factory retry\` for more rounds.`,
  ].join('\n');
}

/** factory:needs-human on the pull request (a flag the state machine lets the resolver add) and one comment saying why. */
export async function escalatePullRequest(deps: AutomationDeps, pr: PullRequest, reason: string, threads: number): Promise<string[]> {
  const subject = { type: 'pr' as const, number: pr.number, labels: pr.labels };
  return (await escalate(stateDepsFor(deps), subject, escalationBody(reason, threads))).details;
}
