import type { FactoryConfig } from '../../shared/config';
import { parseCommand, parseUnknownCommand, routeEvent, type CommandName, type ParsedEvent } from '../../shared/events';
import type { MarkerRef } from '../../shared/github/types';
import { isAutomationEnabled, trustLevel } from '../../shared/state';

/**
 * The commands' gate: pure checks on the event before anything is written or any token is
 * spent. Untrusted authors and the factory's own comments are a neutral skip.
 */

export const AUTOMATION = 'commands';

/** What a request is when the word after `@factory` is no command: it is answered with the list of commands. */
export const UNKNOWN = 'unknown' as const;

export interface CommandRequest {
  command: CommandName | typeof UNKNOWN;
  /** The word after `@factory` when it is not a command (letters only, lower-cased). */
  word?: string;
  /** Text after the command on its line (untrusted). */
  args: string;
  subject: { type: 'issue' | 'pr'; number: number };
  /** The comment that carried the command: acknowledged with a reaction, answered by a reply keyed to it. */
  comment: { kind: 'issue_comment' | 'review_comment'; id: number };
  author: string;
  trigger: { event: string; action?: string };
}

export type Decision<T> = { ok: true; value: T } | { ok: false; reason: string };
const skip = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

export function gateCommand(
  event: ParsedEvent,
  config: Pick<FactoryConfig, 'killSwitch' | 'automations' | 'trust'>,
): Decision<CommandRequest> {
  if (config.killSwitch) return skip('the kill switch is on (killSwitch: true in .github/factory.yml)');
  if (!isAutomationEnabled(AUTOMATION, config)) return skip('commands are disabled (automations.commands.enabled)');
  const route = routeEvent(event, AUTOMATION);
  if (!route.run || event.kind === 'unsupported') return skip(route.reason);
  if (event.kind !== 'issue_comment' && event.kind !== 'pull_request_review_comment')
    return skip(`${AUTOMATION} does not handle ${event.kind}`);

  const author = event.author ?? event.sender;
  const level = trustLevel(author, event.authorAssociation, config);
  if (level === 'self' || trustLevel(event.sender, undefined, config) === 'self') return skip("the comment is the factory's own");
  if (level === 'untrusted') {
    return skip(`${author.login} (${event.authorAssociation ?? 'NONE'}) may not run factory commands (trust.associations)`);
  }
  const parsed = parseCommand(event.body);
  const unknown = parsed ? undefined : parseUnknownCommand(event.body);
  if (!parsed && !unknown) return skip('the comment has no "@factory <command>" line');
  return {
    ok: true,
    value: {
      ...(parsed ? { command: parsed.command, args: parsed.args } : { command: UNKNOWN, word: unknown!, args: '' }),
      subject: event.subject,
      comment: { kind: event.kind === 'issue_comment' ? 'issue_comment' : 'review_comment', id: event.commentId },
      author: author.login,
      trigger: { event: event.kind, ...(event.action ? { action: event.action } : {}) },
    },
  };
}

/** The reply to one command comment: one per triggering comment, edited in place, never duplicated. */
export function replyMarker(commentId: number): MarkerRef {
  return { kind: AUTOMATION, key: `reply.${commentId}` };
}

/** How the request reads in replies and summaries: `fix`, or the unknown word as written. */
export function commandText(request: Pick<CommandRequest, 'command' | 'word'>): string {
  return request.command === UNKNOWN ? (request.word ?? UNKNOWN) : request.command;
}

/** Which commands make sense where. */
export function subjectProblem(command: CommandName | typeof UNKNOWN, subject: CommandRequest['subject']): string | undefined {
  if (command === UNKNOWN) return undefined;
  if (subject.type === 'pr' && (command === 'fix' || command === 'plan')) {
    return `\`${command}\` works on issues. On a pull request, leave review comments: the review resolver addresses them.`;
  }
  if (subject.type === 'issue' && command === 'review') return '`review` works on pull requests.';
  return undefined;
}
