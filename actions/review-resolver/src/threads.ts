import { parseCommand, parseUnknownCommand } from '../../shared/events';
import { findMarkers } from '../../shared/github/markers';
import type { ReviewThread, ReviewThreadComment } from '../../shared/github/types';
import type { ThreadFacts } from '../../shared/policy';

/**
 * Which review threads a round works on, and what policy may know about each. Pure: computed by
 * code from the threads GitHub returned, never from what the model says.
 */

const AUTOMATION = 'review-resolver';

export interface ThreadRules {
  /** The factory's own login: its comments are the factory's. */
  botLogin: string;
  /** Whether a comment's author may ask the factory for work (trusted association or bot). */
  isTrusted(comment: ReviewThreadComment): boolean;
}

/** "please resolve", "resolve when done", "resolve it once addressed", ... in the opening comment. */
const RESOLVE_REQUEST =
  /\b(please\s+resolve|resolve\s+(?:it\s+|this\s+|the\s+thread\s+)?(?:when|once|after|if)\s+(?:it\s+is\s+|it's\s+)?(?:done|fixed|addressed|resolved|handled))\b/i;

export function asksToResolve(body: string): boolean {
  return RESOLVE_REQUEST.test(body);
}

const isFactoryComment = (c: ReviewThreadComment, rules: Pick<ThreadRules, 'botLogin'>) => c.author.login === rules.botLogin;

/** A reply the resolver wrote (its marker is `review-resolver:reply...`). */
export function isResolverReply(c: ReviewThreadComment, rules: Pick<ThreadRules, 'botLogin'>): boolean {
  return isFactoryComment(c, rules) && findMarkers(c.body).some((m) => m.kind === AUTOMATION && m.key.startsWith('reply.'));
}

/**
 * The facts policy needs about one thread: who opened it, whether the factory did, whether a
 * person spoke after the factory's last word (then the thread stays open), and whether the
 * reviewer asked for it to be resolved once addressed.
 */
export function threadFacts(thread: ReviewThread, rules: Pick<ThreadRules, 'botLogin'>): ThreadFacts {
  const first = thread.comments[0];
  const lastFactory = thread.comments.reduce((at, c, i) => (isFactoryComment(c, rules) ? i : at), -1);
  const after = Math.max(lastFactory, 0);
  return {
    authorLogin: first?.author.login ?? '',
    isFactory: !!first && isFactoryComment(first, rules),
    humanRepliedAfter: thread.comments.some((c, i) => i > after && !isFactoryComment(c, rules)),
    resolveRequested: !!first && !isFactoryComment(first, rules) && asksToResolve(first.body),
  };
}

/** `@factory <command>` comments (an unknown command too) are for the commands automation, not review feedback. */
const isCommand = (c: ReviewThreadComment) => parseCommand(c.body) !== undefined || parseUnknownCommand(c.body) !== undefined;

export type ThreadVerdict = { work: true } | { work: false; reason: string };

/**
 * Does this round work on the thread? Open, current (not outdated), opened by the factory or a
 * trusted person, and waiting for the resolver: never answered by it, or a trusted person wrote
 * after its last reply.
 */
export function judgeThread(thread: ReviewThread, rules: ThreadRules): ThreadVerdict {
  const first = thread.comments[0];
  if (!first) return { work: false, reason: 'empty thread' };
  if (thread.isResolved) return { work: false, reason: 'resolved' };
  if (thread.isOutdated) return { work: false, reason: 'outdated (the code it points at changed)' };
  if (!isFactoryComment(first, rules) && !rules.isTrusted(first)) {
    return { work: false, reason: `opened by ${first.author.login}, who is not trusted` };
  }
  if (isCommand(first)) return { work: false, reason: 'a factory command, not review feedback' };
  const lastReply = thread.comments.reduce((at, c, i) => (isResolverReply(c, rules) ? i : at), -1);
  if (lastReply < 0) return { work: true };
  const newer = thread.comments.slice(lastReply + 1).some((c) => !isFactoryComment(c, rules) && rules.isTrusted(c) && !isCommand(c));
  return newer ? { work: true } : { work: false, reason: 'already answered by the resolver; no newer comment from a trusted person' };
}

export function selectThreads(threads: readonly ReviewThread[], rules: ThreadRules): ReviewThread[] {
  return threads.filter((t) => judgeThread(t, rules).work);
}

/** Threads by id with their facts, for PolicyFacts.threads. */
export function factsByThread(threads: readonly ReviewThread[], rules: Pick<ThreadRules, 'botLogin'>): Record<string, ThreadFacts> {
  return Object.fromEntries(threads.map((t) => [t.id, threadFacts(t, rules)]));
}

/** Logins of the people whose threads a round addressed (to ask them for another look). */
export function reviewersOf(threads: readonly ReviewThread[], rules: Pick<ThreadRules, 'botLogin'>): string[] {
  const logins = threads
    .map((t) => t.comments[0]?.author)
    .filter((a): a is NonNullable<typeof a> => !!a && a.login !== rules.botLogin && a.type !== 'Bot' && !a.login.endsWith('[bot]'))
    .map((a) => a.login);
  return [...new Set(logins)];
}
