import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  external_exports
} from "./chunk-f1a3eba2ad.js";

// actions/shared/policy/intents.ts
var markerKey = external_exports.string().min(1).max(100).regex(/^[A-Za-z0-9._/-]+$/, "use only letters, digits and . _ / -");
var issueNumber = external_exports.number().int().positive();
var body = external_exports.string().min(1).max(65e3);
var TargetSchema = external_exports.object({
  type: external_exports.enum(["issue", "pr"]),
  number: issueNumber
});
var label = external_exports.string().min(1).max(50);
var CommentIntentSchema = external_exports.object({
  kind: external_exports.literal("comment"),
  target: TargetSchema,
  body,
  /** Key of the hidden marker: a re-run edits the comment with the same key. Default `main`. */
  markerKey: markerKey.optional()
});
var AddLabelsIntentSchema = external_exports.object({
  kind: external_exports.literal("add_labels"),
  target: TargetSchema,
  labels: external_exports.array(label).min(1).max(20)
});
var RemoveLabelsIntentSchema = external_exports.object({
  kind: external_exports.literal("remove_labels"),
  target: TargetSchema,
  labels: external_exports.array(label).min(1).max(20)
});
var CreateIssueIntentSchema = external_exports.object({
  kind: external_exports.literal("create_issue"),
  title: external_exports.string().min(1).max(256),
  body,
  labels: external_exports.array(label).max(20).default([]),
  parent: issueNumber.optional(),
  /** Stable key: the issue carries `<!-- factory:issue:KEY -->` and is never created twice. */
  dedupeKey: markerKey
});
var CloseIssueIntentSchema = external_exports.object({
  kind: external_exports.literal("close_issue"),
  number: issueNumber,
  reason: external_exports.enum(["completed", "not_planned", "duplicate"]),
  duplicateOf: issueNumber.optional(),
  comment: body.optional()
});
var AddSubIssueIntentSchema = external_exports.object({
  kind: external_exports.literal("add_sub_issue"),
  parent: issueNumber,
  child: issueNumber
});
var ReviewCommentSchema = external_exports.object({
  path: external_exports.string().min(1).max(1e3),
  line: external_exports.number().int().positive(),
  side: external_exports.enum(["LEFT", "RIGHT"]).optional(),
  body
});
var ReviewIntentSchema = external_exports.object({
  kind: external_exports.literal("review"),
  pr: issueNumber,
  event: external_exports.enum(["COMMENT", "REQUEST_CHANGES", "APPROVE"]),
  body,
  comments: external_exports.array(ReviewCommentSchema).max(50).default([])
});
var ReplyToThreadIntentSchema = external_exports.object({
  kind: external_exports.literal("reply_to_thread"),
  threadId: external_exports.string().min(1).max(200),
  body
});
var ResolveThreadIntentSchema = external_exports.object({
  kind: external_exports.literal("resolve_thread"),
  threadId: external_exports.string().min(1).max(200)
});
var OpenPullRequestIntentSchema = external_exports.object({
  kind: external_exports.literal("open_pull_request"),
  title: external_exports.string().min(1).max(256),
  body,
  head: external_exports.string().min(1).max(255),
  base: external_exports.string().min(1).max(255),
  /** Issue this PR fixes: the applier writes `Fixes #N` itself. */
  fixes: issueNumber.optional()
});
var PushIntentSchema = external_exports.object({
  kind: external_exports.literal("push"),
  branch: external_exports.string().min(1).max(255),
  /** Number of local commits to push (informational; the git applier checks). */
  commits: external_exports.number().int().positive().optional(),
  /** Paths changed by the commits being pushed. */
  files: external_exports.array(external_exports.string().min(1).max(1e3)).max(1e3)
});
var RequestMergeIntentSchema = external_exports.object({
  kind: external_exports.literal("request_merge"),
  pr: issueNumber,
  method: external_exports.enum(["MERGE", "SQUASH", "REBASE"]).optional()
});
var IntentSchema = external_exports.discriminatedUnion("kind", [
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
  RequestMergeIntentSchema
]);
var INTENT_KINDS = IntentSchema.options.map((o) => o.shape.kind.value);
function intentSchemaFor(kind) {
  const found = IntentSchema.options.find((o) => o.shape.kind.value === kind);
  if (!found) throw new Error(`unknown intent kind ${kind}`);
  return found;
}
function describeIntent(intent) {
  switch (intent.kind) {
    case "comment":
      return `comment on ${intent.target.type} #${intent.target.number}${intent.markerKey ? ` (${intent.markerKey})` : ""}`;
    case "add_labels":
      return `add labels ${intent.labels.join(", ")} to #${intent.target.number}`;
    case "remove_labels":
      return `remove labels ${intent.labels.join(", ")} from #${intent.target.number}`;
    case "create_issue":
      return `create issue "${intent.title}" (${intent.dedupeKey})${intent.parent ? ` under #${intent.parent}` : ""}`;
    case "close_issue":
      return `close #${intent.number} as ${intent.reason}${intent.duplicateOf ? ` of #${intent.duplicateOf}` : ""}`;
    case "add_sub_issue":
      return `add #${intent.child} as sub-issue of #${intent.parent}`;
    case "review":
      return `review #${intent.pr}: ${intent.event} with ${intent.comments.length} inline comment(s)`;
    case "reply_to_thread":
      return `reply to thread ${intent.threadId}`;
    case "resolve_thread":
      return `resolve thread ${intent.threadId}`;
    case "open_pull_request":
      return `open pull request ${intent.head} -> ${intent.base}${intent.fixes ? ` fixing #${intent.fixes}` : ""}`;
    case "push":
      return `push to ${intent.branch} (${intent.files.length} file(s))`;
    case "request_merge":
      return `request merge of #${intent.pr}${intent.method ? ` (${intent.method})` : ""}`;
  }
}

export {
  IntentSchema,
  INTENT_KINDS,
  intentSchemaFor,
  describeIntent
};
