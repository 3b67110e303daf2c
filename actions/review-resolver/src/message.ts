import type { PullRequest, ReviewThread } from '../../shared/github/types';
import type { ThreadFacts } from '../../shared/policy';
import { untrusted, type Redactor } from '../../shared/security';

/**
 * The first user message of a resolve round: trusted instructions and thread facts written by
 * code; every comment body fenced as untrusted data (the one sanitizing path).
 */
export interface RoundMessageInput {
  pr: Pick<PullRequest, 'number' | 'title' | 'body' | 'head'>;
  threads: readonly ReviewThread[];
  facts: Record<string, ThreadFacts>;
  botLogin: string;
  /** The round may change code (a factory branch of this repository). */
  canPush: boolean;
  round: number;
  maxRounds: number;
  commands: string[];
  redactor: Redactor;
}

/** Header line of a thread in the message; also what sandbox scenarios read. */
export function threadHeader(thread: Pick<ReviewThread, 'id' | 'path' | 'line'>): string[] {
  return [`### Thread ${thread.id}`, `- file: \`${thread.path}\`, line ${thread.line ?? 'none'}`];
}

export function buildRoundMessage(input: RoundMessageInput): string {
  const fence = (source: string, text: string) => untrusted(source, text, { redactor: input.redactor });
  const { pr } = input;
  const work = input.canPush
    ? [
        `The branch \`${pr.head.ref}\` is checked out. Change the code with the file tools to address each thread.`,
        'Do not commit or push: when you finish, the factory commits your changes as one commit, pushes it, and adds the commit SHA to your replies.',
        `Commands you may run: ${input.commands.length ? input.commands.map((c) => `\`${c}\``).join(', ') : '(none)'}.`,
      ]
    : [
        `The factory may not push to \`${pr.head.ref}\` (not a factory branch of this repository): do not change files.`,
        'Answer each thread with a precise suggestion instead.',
      ];
  const threads = input.threads.flatMap((t) => {
    const facts = input.facts[t.id];
    const opener = facts?.isFactory ? 'the factory (its reviewer)' : `${facts?.authorLogin ?? 'unknown'}`;
    const mayResolve = !!facts && (facts.isFactory || !!facts.resolveRequested) && !facts.humanRepliedAfter;
    return [
      '',
      ...threadHeader(t),
      `- opened by: ${opener}`,
      `- you may resolve it once addressed: ${mayResolve ? 'yes' : 'no (leave it for the reviewer)'}`,
      ...t.comments.map((c, i) =>
        fence(
          `thread ${t.id} comment ${i + 1} by ${c.author.login === input.botLogin ? 'the factory' : c.author.login}`,
          c.body || '(empty)',
        ),
      ),
    ];
  });
  return [
    `Resolve round ${input.round} of at most ${input.maxRounds} on pull request #${pr.number}.`,
    '',
    ...work,
    '',
    'For every thread below, call `reply_to_thread` once: say what you changed, or why you did not change anything.',
    'Call `resolve_thread` only for threads marked "you may resolve it once addressed: yes" that your change fully addresses.',
    '',
    '## The pull request',
    '',
    fence(`pull request #${pr.number} title`, pr.title),
    '',
    fence(`pull request #${pr.number} body`, pr.body || '(empty)'),
    '',
    `## Open review threads (${input.threads.length})`,
    ...threads,
  ].join('\n');
}
