import { z } from 'zod';

/**
 * Intents: what the agent WANTS written. Intent tools only record them; policy accepts or
 * rejects each one; the applier writes the accepted ones. One discriminated union on `kind`.
 */

/** Marker keys end up in `<!-- factory:KIND:KEY -->`, so they use the marker alphabet. */
const markerKey = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._/-]+$/, 'use only letters, digits and . _ / -');

const issueNumber = z.number().int().positive();
const body = z.string().min(1).max(65_000);

export const TargetSchema = z.object({
  type: z.enum(['issue', 'pr']),
  number: issueNumber,
});
export type Target = z.infer<typeof TargetSchema>;

const label = z.string().min(1).max(50);

export const CommentIntentSchema = z.object({
  kind: z.literal('comment'),
  target: TargetSchema,
  body,
  /** Key of the hidden marker: a re-run edits the comment with the same key. Default `main`. */
  markerKey: markerKey.optional(),
});

export const AddLabelsIntentSchema = z.object({
  kind: z.literal('add_labels'),
  target: TargetSchema,
  labels: z.array(label).min(1).max(20),
});

export const RemoveLabelsIntentSchema = z.object({
  kind: z.literal('remove_labels'),
  target: TargetSchema,
  labels: z.array(label).min(1).max(20),
});

export const CreateIssueIntentSchema = z.object({
  kind: z.literal('create_issue'),
  title: z.string().min(1).max(256),
  body,
  labels: z.array(label).max(20).default([]),
  parent: issueNumber.optional(),
  /** Stable key: the issue carries `<!-- factory:issue:KEY -->` and is never created twice. */
  dedupeKey: markerKey,
});

export const CloseIssueIntentSchema = z.object({
  kind: z.literal('close_issue'),
  number: issueNumber,
  reason: z.enum(['completed', 'not_planned', 'duplicate']),
  duplicateOf: issueNumber.optional(),
  comment: body.optional(),
});

export const AddSubIssueIntentSchema = z.object({
  kind: z.literal('add_sub_issue'),
  parent: issueNumber,
  child: issueNumber,
});

export const ReviewCommentSchema = z.object({
  path: z.string().min(1).max(1000),
  line: z.number().int().positive(),
  side: z.enum(['LEFT', 'RIGHT']).optional(),
  body,
});

export const ReviewIntentSchema = z.object({
  kind: z.literal('review'),
  pr: issueNumber,
  event: z.enum(['COMMENT', 'REQUEST_CHANGES', 'APPROVE']),
  body,
  comments: z.array(ReviewCommentSchema).max(50).default([]),
});

export const ReplyToThreadIntentSchema = z.object({
  kind: z.literal('reply_to_thread'),
  threadId: z.string().min(1).max(200),
  body,
});

export const ResolveThreadIntentSchema = z.object({
  kind: z.literal('resolve_thread'),
  threadId: z.string().min(1).max(200),
});

export const OpenPullRequestIntentSchema = z.object({
  kind: z.literal('open_pull_request'),
  title: z.string().min(1).max(256),
  body,
  head: z.string().min(1).max(255),
  base: z.string().min(1).max(255),
  /** Issue this PR fixes: the applier writes `Fixes #N` itself. */
  fixes: issueNumber.optional(),
});

export const PushIntentSchema = z.object({
  kind: z.literal('push'),
  branch: z.string().min(1).max(255),
  /** Number of local commits to push (informational; the git applier checks). */
  commits: z.number().int().positive().optional(),
  /** Paths changed by the commits being pushed. */
  files: z.array(z.string().min(1).max(1000)).max(1000),
});

export const RequestMergeIntentSchema = z.object({
  kind: z.literal('request_merge'),
  pr: issueNumber,
  method: z.enum(['MERGE', 'SQUASH', 'REBASE']).optional(),
});

export const IntentSchema = z.discriminatedUnion('kind', [
  CommentIntentSchema,
  AddLabelsIntentSchema,
  RemoveLabelsIntentSchema,
  CreateIssueIntentSchema,
  CloseIssueIntentSchema,
  AddSubIssueIntentSchema,
  ReviewIntentSchema,
  ReplyToThreadIntentSchema,
  ResolveThreadIntentSchema,
  OpenPullRequestIntentSchema,
  PushIntentSchema,
  RequestMergeIntentSchema,
]);

export type Intent = z.infer<typeof IntentSchema>;
export type IntentKind = Intent['kind'];
export type IntentOf<K extends IntentKind> = Extract<Intent, { kind: K }>;

export type CommentIntent = IntentOf<'comment'>;
export type AddLabelsIntent = IntentOf<'add_labels'>;
export type RemoveLabelsIntent = IntentOf<'remove_labels'>;
export type CreateIssueIntent = IntentOf<'create_issue'>;
export type CloseIssueIntent = IntentOf<'close_issue'>;
export type AddSubIssueIntent = IntentOf<'add_sub_issue'>;
export type ReviewIntent = IntentOf<'review'>;
export type ReplyToThreadIntent = IntentOf<'reply_to_thread'>;
export type ResolveThreadIntent = IntentOf<'resolve_thread'>;
export type OpenPullRequestIntent = IntentOf<'open_pull_request'>;
export type PushIntent = IntentOf<'push'>;
export type RequestMergeIntent = IntentOf<'request_merge'>;

/** Every intent kind, in a stable order. */
export const INTENT_KINDS = IntentSchema.options.map((o) => o.shape.kind.value) as IntentKind[];

/** The schema of one kind (for tools and for the file loader). */
export function intentSchemaFor<K extends IntentKind>(kind: K): z.ZodType<IntentOf<K>> {
  const found = IntentSchema.options.find((o) => o.shape.kind.value === kind);
  if (!found) throw new Error(`unknown intent kind ${kind}`);
  return found as unknown as z.ZodType<IntentOf<K>>;
}

/** A one-line description for logs, dry runs and run records. */
export function describeIntent(intent: Intent): string {
  switch (intent.kind) {
    case 'comment':
      return `comment on ${intent.target.type} #${intent.target.number}${intent.markerKey ? ` (${intent.markerKey})` : ''}`;
    case 'add_labels':
      return `add labels ${intent.labels.join(', ')} to #${intent.target.number}`;
    case 'remove_labels':
      return `remove labels ${intent.labels.join(', ')} from #${intent.target.number}`;
    case 'create_issue':
      return `create issue "${intent.title}" (${intent.dedupeKey})${intent.parent ? ` under #${intent.parent}` : ''}`;
    case 'close_issue':
      return `close #${intent.number} as ${intent.reason}${intent.duplicateOf ? ` of #${intent.duplicateOf}` : ''}`;
    case 'add_sub_issue':
      return `add #${intent.child} as sub-issue of #${intent.parent}`;
    case 'review':
      return `review #${intent.pr}: ${intent.event} with ${intent.comments.length} inline comment(s)`;
    case 'reply_to_thread':
      return `reply to thread ${intent.threadId}`;
    case 'resolve_thread':
      return `resolve thread ${intent.threadId}`;
    case 'open_pull_request':
      return `open pull request ${intent.head} -> ${intent.base}${intent.fixes ? ` fixing #${intent.fixes}` : ''}`;
    case 'push':
      return `push to ${intent.branch} (${intent.files.length} file(s))`;
    case 'request_merge':
      return `request merge of #${intent.pr}${intent.method ? ` (${intent.method})` : ''}`;
  }
}
