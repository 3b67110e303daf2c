import type { GitHubWriter } from '../github/types';
import { checkOutbound, type OutboundOptions, type OutboundRule } from './outbound';

/**
 * The last gate before GitHub: a GitHubWriter whose every written text (comment, issue and pull
 * request title and body, review body and inline comments, thread reply) passes the outbound
 * check. Policy checks what the model writes; this also covers what code composes (a pull
 * request body quoting an issue, a reply quoting a summary). A refused text throws
 * OutboundRefusalError naming the rule, and nothing is written; links to hosts off the allowlist
 * are written inert. Methods that write no text pass through.
 */
export class OutboundRefusalError extends Error {
  override readonly name = 'OutboundRefusalError';
  constructor(
    readonly rule: OutboundRule,
    message: string,
  ) {
    super(message);
  }
}

type Guards = { [K in keyof GitHubWriter]?: GitHubWriter[K] extends (...args: infer A) => unknown ? (...args: A) => A : never };

export function outboundWriter(writer: GitHubWriter, opts: OutboundOptions): GitHubWriter {
  const pass = (field: string, text: string): string => {
    const out = checkOutbound(text, opts);
    if (!out.ok) throw new OutboundRefusalError(out.rule, `refused by the outbound check (${out.rule}): ${field} ${out.reason}`);
    return out.text;
  };
  const maybe = <T extends { title?: string; body?: string }>(input: T): T => ({
    ...input,
    ...(input.title !== undefined ? { title: pass('title', input.title) } : {}),
    ...(input.body !== undefined ? { body: pass('body', input.body) } : {}),
  });
  const guards: Guards = {
    createComment: (n, body) => [n, pass('comment', body)],
    updateComment: (id, body) => [id, pass('comment', body)],
    upsertComment: (n, marker, body, author, known) => [n, marker, pass('comment', body), author, known],
    createIssue: (input) => [maybe(input)],
    updateIssue: (n, input) => [n, maybe(input)],
    createPullRequest: (input) => [maybe(input)],
    updatePullRequest: (n, input) => [n, maybe(input)],
    createReview: (pr, input) => [
      pr,
      {
        ...input,
        body: pass('review body', input.body),
        ...(input.comments ? { comments: input.comments.map((c, i) => ({ ...c, body: pass(`review comment ${i + 1}`, c.body) })) } : {}),
      },
    ],
    replyToReviewThread: (threadId, body) => [threadId, pass('reply', body)],
  };
  // A fresh target: the writer itself may be frozen, and a proxy may not change a frozen property.
  return new Proxy({} as GitHubWriter, {
    get(_target, prop) {
      const value: unknown = Reflect.get(writer, prop, writer);
      if (typeof value !== 'function') return value;
      const guard = (guards as Record<string | symbol, ((...args: unknown[]) => unknown[]) | undefined>)[prop];
      if (!guard) return (...args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(writer, args);
      // Every writer method is async: a refusal is a rejected promise, like any failed write.
      return async (...args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(writer, guard(...args));
    },
    has: (_target, prop) => Reflect.has(writer, prop),
  });
}
