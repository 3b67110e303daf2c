import { hasMarker } from '../github/markers';
import type { Comment, GitHub } from '../github/types';
import { neutralize, type Redactor } from '../security';
import { attemptsMarker, checkTransition, parseCounters, renderCounters, type Counters } from '../state';
import type { Automation } from '../state/automations';

/**
 * The deterministic writes around a build: state labels (through the state machine), the
 * attempt counter comment and the escalation comment. Used by the builder and the CI fixer.
 */

export interface StateDeps {
  github: GitHub;
  automation: Automation;
  botLogin: string;
  extraLabels?: readonly string[];
}

/**
 * Move a subject to `to` (replacing `from` when present). The state machine must allow it;
 * an illegal move is an error, not a silent no-op.
 */
export async function moveLabel(
  deps: StateDeps,
  subject: { type: 'issue' | 'pr'; number: number; labels: readonly string[] },
  to: string,
  from: readonly string[] = [],
): Promise<string[]> {
  const remove = from.filter((l) => subject.labels.includes(l) && l !== to);
  const result = checkTransition({
    automation: deps.automation,
    subject: subject.type,
    current: [...subject.labels],
    add: [to],
    remove,
    ...(deps.extraLabels ? { extraLabels: deps.extraLabels } : {}),
  });
  if (!result.ok) throw new Error(`cannot label #${subject.number} ${to}: ${result.reason}`);
  if (!subject.labels.includes(to)) await deps.github.writer.addLabels(subject.number, [to]);
  for (const label of remove) await deps.github.writer.removeLabel(subject.number, label);
  return result.next;
}

export interface Attempts {
  counters: Counters;
  commentId?: number;
}

/** The attempt counters of a subject, from the factory's own counter comment only. */
export async function readAttempts(deps: StateDeps, subject: number, comments?: readonly Comment[]): Promise<Attempts> {
  const ref = attemptsMarker(subject);
  const list = comments ?? (await deps.github.reader.listComments(subject));
  const mine = list.find((c) => c.author.login === deps.botLogin && hasMarker(c.body, ref));
  return mine ? { counters: parseCounters(mine.body, subject), commentId: mine.id } : { counters: {} };
}

export async function writeAttempts(deps: StateDeps, subject: number, attempts: Attempts): Promise<Attempts> {
  const body = renderCounters(subject, attempts.counters);
  if (attempts.commentId !== undefined) {
    await deps.github.writer.updateComment(attempts.commentId, body);
    return attempts;
  }
  const created = await deps.github.writer.createComment(subject, body);
  return { ...attempts, commentId: created.id };
}

export interface Escalation {
  /** One line: why a person is needed. */
  reason: string;
  /** What the run tried, one entry per line. */
  tried: string[];
  attempt: number;
  maxAttempts: number;
}

/** The needs-human comment (edited in place by later runs). Text from elsewhere is redacted and neutralized. */
export function escalationBody(e: Escalation, redactor: Redactor): string {
  const clean = (s: string) => neutralize(redactor.redact(s));
  return [
    '### The factory needs a human here',
    '',
    `**Why:** ${clean(e.reason)}`,
    '',
    `**Attempt:** ${e.attempt} of ${e.maxAttempts}`,
    '',
    ...(e.tried.length ? ['**What was tried:**', ...e.tried.map((t) => `- ${clean(t)}`), ''] : []),
    'Fix the problem or clarify the issue, then move it back to `factory:ready` (or comment `@factory retry`).',
  ].join('\n');
}

export async function postEscalation(deps: StateDeps, subject: number, e: Escalation, redactor: Redactor): Promise<void> {
  await deps.github.writer.upsertComment(subject, { kind: deps.automation, key: 'needs-human' }, escalationBody(e, redactor), deps.botLogin);
}
