import { type z } from 'zod';
import { defineTool, ToolRefusal, type ToolDef } from '../agent/tool';
import { IntentSchema, INTENT_KINDS, intentSchemaFor, type Intent, type IntentKind } from './intents';
import { evaluateIntents, type Rejection } from './policy';
import type { PolicyContext } from './context';

/**
 * Intent tools: the agent's only way to ask for a write. Each tool validates its input (the
 * loop does it with the same zod schema), records the intent and answers with its number. An
 * optional pre-check runs policy at once so the model learns why something will not happen;
 * a pre-rejected intent is still recorded, as rejected.
 */

export interface RecordedIntent {
  /** 1-based, in call order. */
  id: number;
  intent: Intent;
  status: 'pending' | 'rejected';
  rule?: string;
  reason?: string;
}

export type Precheck = (intent: Intent, earlier: Intent[]) => { rule: string; reason: string } | undefined;

export interface IntentRecorder {
  record(intent: Intent): RecordedIntent;
  /** Everything recorded, in order. */
  all(): RecordedIntent[];
  /** The intents still to be judged by policy (not pre-rejected). */
  pending(): Intent[];
  /** The intents the pre-check rejected. */
  rejected(): Rejection[];
}

export function createIntentRecorder(options: { precheck?: Precheck } = {}): IntentRecorder {
  const entries: RecordedIntent[] = [];
  const pending = (): Intent[] => entries.filter((e) => e.status === 'pending').map((e) => e.intent);
  return {
    record(intent) {
      const verdict = options.precheck?.(intent, pending());
      const entry: RecordedIntent = verdict
        ? { id: entries.length + 1, intent, status: 'rejected', rule: verdict.rule, reason: verdict.reason }
        : { id: entries.length + 1, intent, status: 'pending' };
      entries.push(entry);
      return entry;
    },
    all: () => [...entries],
    pending,
    rejected: () =>
      entries
        .filter((e) => e.status === 'rejected')
        .map((e) => ({ intent: e.intent, rule: e.rule ?? 'precheck', reason: e.reason ?? '' }) as Rejection),
  };
}

/** A pre-check that runs the real policy over the pending intents plus the new one. */
export function policyPrecheck(ctx: PolicyContext): Precheck {
  return (intent, earlier) => {
    const { rejected } = evaluateIntents([...earlier, intent], ctx);
    const mine = rejected.find((r) => r.intent === intent);
    return mine ? { rule: mine.rule, reason: mine.reason } : undefined;
  };
}

const DESCRIPTIONS: Record<IntentKind, string> = {
  comment: 'Post (or, on a re-run, edit) a comment on an issue or pull request. Use markerKey to keep separate comments apart.',
  add_labels: 'Add labels to an issue or pull request. Only factory labels are allowed; state labels follow the state machine.',
  remove_labels: 'Remove labels from an issue or pull request.',
  create_issue:
    'Create an issue (optionally as a sub-issue of parent). dedupeKey is a stable key: the same key never creates a second issue.',
  close_issue: 'Close an issue: the subject of this run, or a duplicate (reason duplicate with duplicateOf).',
  add_sub_issue: 'Link an existing issue (child) as a sub-issue of parent.',
  review: 'Submit one pull request review with optional inline comments (path, line in the new file, side RIGHT by default).',
  reply_to_thread: 'Reply to a review thread by its id.',
  resolve_thread: 'Resolve a review thread the factory opened (or the reviewer asked to resolve) once it is addressed.',
  open_pull_request: 'Open a pull request from a factory/ branch to the default branch. Put the issue number in fixes.',
  push: 'Push the committed work on a factory/ branch. List every path the commits change in files.',
  request_merge: 'Request (auto-)merge of a pull request when checks and risk policy allow it.',
};

/** Tool input = the intent without its `kind`. */
function inputSchema(kind: IntentKind): z.ZodObject {
  const schema = intentSchemaFor(kind) as unknown as z.ZodObject;
  return schema.omit({ kind: true });
}

export function createIntentTools(recorder: IntentRecorder, allowedKinds: readonly IntentKind[]): ToolDef[] {
  return INTENT_KINDS.filter((k) => allowedKinds.includes(k)).map(
    (kind) =>
      defineTool({
        name: kind,
        description: `${DESCRIPTIONS[kind]} This records an intent; deterministic policy checks it before anything is written.`,
        input: inputSchema(kind),
        run(input) {
          const parsed = IntentSchema.safeParse({ ...(input as object), kind });
          if (!parsed.success) {
            const issue = parsed.error.issues[0];
            throw new ToolRefusal(
              `invalid ${kind} intent: ${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'invalid'}`,
              'invalid-intent',
            );
          }
          const entry = recorder.record(parsed.data);
          if (entry.status === 'rejected') {
            throw new ToolRefusal(`intent #${entry.id} rejected by policy rule ${entry.rule}: ${entry.reason}`, entry.rule ?? 'policy');
          }
          return `recorded intent #${entry.id} (will be checked by policy)`;
        },
      }) as unknown as ToolDef,
  );
}
