import { hasMarker } from '../github/markers';
import type { Comment, GitHub } from '../github/types';
import { neutralize, type Redactor } from '../security';
import { attemptsMarker, checkTransition, NEEDS_HUMAN, parseCounters, READY, renderCounters, type Counters } from '../state';
import type { Automation } from '../state/automations';
import type { AutomationDeps } from './types';

/**
 * The deterministic writes around a build: state labels (through the state machine), the
 * attempt counter comment and the escalation comment. Used by every automation that escalates.
 */

export interface StateDeps {
  github: GitHub;
  automation: Automation;
  botLogin: string;
  extraLabels?: readonly string[];
}

/** The state deps of a run: its automation, the factory's login and `labels.extra`. */
export function stateDepsFor(deps: Pick<AutomationDeps, 'github' | 'automation' | 'config'>): StateDeps {
  return { github: deps.github, automation: deps.automation, botLogin: deps.config.trust.botLogin, extraLabels: deps.config.labels.extra };
}

export interface LabelledSubject {
  type: 'issue' | 'pr';
  number: number;
  labels: readonly string[];
}

/**
 * Move a subject to `to` (replacing `from` when present). The state machine must allow it;
 * an illegal move is an error, not a silent no-op.
 */
export async function moveLabel(deps: StateDeps, subject: LabelledSubject, to: string, from: readonly string[] = []): Promise<string[]> {
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
    `Fix the problem or clarify the issue, then move it back to \`${READY}\` (or comment \`@factory retry\`).`,
  ].join('\n');
}

export interface Escalated {
  /** The subject's labels after the move. */
  labels: string[];
  /** What was written, one line each. */
  details: string[];
}

/**
 * Hand a subject to a person: factory:needs-human through the state machine (on an issue a state
 * that replaces `from`, on a pull request a flag), then the escalation comment, one per automation
 * and subject, edited in place by later runs. `body` is the comment (escalationBody, or an
 * automation's own wording).
 */
export async function escalate(deps: StateDeps, subject: LabelledSubject, body: string, from: readonly string[] = []): Promise<Escalated> {
  const labels = await moveLabel(deps, subject, NEEDS_HUMAN, from);
  const details: string[] = [];
  const replaced = from.filter((l) => subject.labels.includes(l) && l !== NEEDS_HUMAN);
  if (replaced.length) details.push(`moved #${subject.number} from ${replaced.join(', ')} to ${NEEDS_HUMAN}`);
  else if (!subject.labels.includes(NEEDS_HUMAN)) details.push(`added ${NEEDS_HUMAN} to #${subject.number}`);
  const marker = { kind: deps.automation, key: 'needs-human' };
  const { changed } = await deps.github.writer.upsertComment(subject.number, marker, body, deps.botLogin);
  if (changed) details.push(`posted the escalation comment on #${subject.number}`);
  return { labels, details };
}
