import type { AutomationDeps } from '../../shared/automation/types';
import type { PullRequest } from '../../shared/github/types';
import { neutralize } from '../../shared/security';
import { checkTransition, increment } from '../../shared/state';
import { readAttempts, writeAttempts, type Attempts, type StateDeps } from '../../shared/automation/subject-state';
import { NEEDS_HUMAN, ROUND_COUNTER } from './gate';

/**
 * Resolve rounds per pull request, counted in the factory's attempts comment on the pull
 * request (`<!-- factory:attempts:N {"resolve-round":2} -->`), and the escalation to a person.
 */

import { AUTOMATION } from './context';

export function stateDeps(deps: AutomationDeps): StateDeps {
  return { github: deps.github, automation: AUTOMATION, botLogin: deps.config.trust.botLogin, extraLabels: deps.config.labels.extra };
}

export async function roundsUsed(deps: AutomationDeps, pr: number): Promise<{ used: number; attempts: Attempts }> {
  const attempts = await readAttempts(stateDeps(deps), pr);
  return { used: attempts.counters[ROUND_COUNTER] ?? 0, attempts };
}

/** Count a round before the model is called, so a crashed round still counts. */
export async function startRound(deps: AutomationDeps, pr: number, attempts: Attempts): Promise<number> {
  const counters = increment(attempts.counters, ROUND_COUNTER);
  await writeAttempts(stateDeps(deps), pr, { ...attempts, counters });
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
export async function escalate(deps: AutomationDeps, pr: PullRequest, reason: string, threads: number): Promise<string[]> {
  const details: string[] = [];
  const move = checkTransition({ automation: AUTOMATION, subject: 'pr', current: pr.labels, add: [NEEDS_HUMAN], extraLabels: deps.config.labels.extra });
  if (!move.ok) throw new Error(`cannot label #${pr.number} ${NEEDS_HUMAN}: ${move.reason}`);
  if (!pr.labels.includes(NEEDS_HUMAN)) {
    await deps.github.writer.addLabels(pr.number, [NEEDS_HUMAN]);
    details.push(`added ${NEEDS_HUMAN} to #${pr.number}`);
  }
  const { changed } = await deps.github.writer.upsertComment(pr.number, { kind: AUTOMATION, key: 'needs-human' }, escalationBody(reason, threads), deps.config.trust.botLogin);
  if (changed) details.push(`posted the escalation comment on #${pr.number}`);
  return details;
}
