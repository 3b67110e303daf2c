import { z } from 'zod';
import { ConfigError, errorMessage } from '../errors';
import { IntentFileSchema } from '../policy/intent-file';
import { AUTOMATIONS, type Automation } from '../state/automations';

/**
 * Split mode's artifact, handed from the agent job (read-only token, model key) to the apply job
 * (write token, no model key): every write the automation made in the agent job, in order
 * (`writes`: GitHub writer calls and git pushes, recorded instead of sent), the agent's intents
 * with the facts policy saw (`steps`, the intent-file format), and a git bundle with the pushed
 * commits (`BUNDLE_FILE`, next to `ARTIFACT_FILE`). The apply job trusts none of it: it
 * re-checks every write and intent with its own config, state and git, and replays only when
 * everything passes.
 */

export const SPLIT_ARTIFACT_VERSION = 1;
export const ARTIFACT_FILE = 'split.json';
export const BUNDLE_FILE = 'changes.bundle';

/**
 * A number or id in a write: a real one (positive), or a placeholder (negative) naming what an
 * earlier write of the same artifact created (its `ref`), resolved when the apply job replays it.
 */
const number = z
  .number()
  .int()
  .refine((n) => n !== 0, 'must not be 0');
const placeholder = z.number().int().negative();
const text = z.string().max(65_536);
const label = z.string().min(1).max(100);
const sha = z.string().regex(/^[0-9a-f]{40}$/, 'expected a 40-character commit sha');

export const WriteSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('addLabels'), issue: number, labels: z.array(label).min(1).max(20) }),
  z.object({ method: z.literal('removeLabel'), issue: number, label }),
  z.object({ method: z.literal('createComment'), issue: number, body: text, ref: placeholder }),
  z.object({ method: z.literal('updateComment'), commentId: number, body: text }),
  z.object({
    method: z.literal('upsertComment'),
    issue: number,
    marker: z.object({ kind: z.string().regex(/^[A-Za-z0-9._/-]+$/), key: z.string().regex(/^[A-Za-z0-9._/-]+$/) }),
    body: text,
    ref: placeholder,
  }),
  z.object({
    method: z.literal('createPullRequest'),
    title: z.string().min(1).max(256),
    body: text,
    head: z.string().min(1).max(255),
    base: z.string().min(1).max(255),
    draft: z.boolean().optional(),
    ref: placeholder,
  }),
  z.object({
    method: z.literal('updatePullRequest'),
    pr: number,
    title: z.string().min(1).max(256).optional(),
    body: text.optional(),
    state: z.enum(['open', 'closed']).optional(),
  }),
  z.object({ method: z.literal('replyToReviewThread'), threadId: z.string().min(1).max(200), body: text }),
  z.object({ method: z.literal('resolveReviewThread'), threadId: z.string().min(1).max(200) }),
  z.object({ method: z.literal('requestReviewers'), pr: number, reviewers: z.array(z.string().min(1).max(100)).max(20) }),
  z.object({
    method: z.literal('dispatchWorkflow'),
    workflow: z.string().min(1).max(200),
    ref: z.string().min(1).max(255),
    inputs: z.record(z.string(), z.string()).optional(),
  }),
  z.object({
    method: z.literal('addReaction'),
    target: z.object({ kind: z.enum(['issue_comment', 'review_comment', 'issue']), id: number }),
    content: z.enum(['+1', 'eyes', 'rocket', 'confused', 'hooray', 'heart', 'laugh', '-1']),
  }),
  z.object({ method: z.literal('push'), branch: z.string().min(1).max(255), sha, forceWithLease: z.boolean() }),
]);

export type SplitWrite = z.infer<typeof WriteSchema>;
export type WriteMethod = SplitWrite['method'];
export type WriteOf<M extends WriteMethod> = Extract<SplitWrite, { method: M }>;

export const SplitArtifactSchema = z.object({
  version: z.literal(SPLIT_ARTIFACT_VERSION),
  automation: z.enum(AUTOMATIONS),
  /** owner/name */
  repo: z.string().regex(/^[^/\s]+\/[^/\s]+$/, 'expected owner/name'),
  /** The workflow run both jobs belong to (GITHUB_RUN_ID). */
  workflowRunId: z.string().min(1),
  /** The agent job's run id (markers and claims carry it). */
  runId: z.string().min(1),
  createdAt: z.string(),
  /** The default branch and its head when the agent job started: the base of every diff. */
  base: z.object({ branch: z.string().min(1), sha }),
  writes: z.array(WriteSchema).max(500),
  /** The agent steps' intents with the facts policy saw (informational verdicts, re-checked). */
  steps: z.array(IntentFileSchema).max(20),
  /** What the agent job reported (for people; never acted on). */
  result: z.object({
    outcome: z.enum(['skipped', 'completed', 'no-op', 'budget_exhausted', 'refused', 'failed']),
    summary: z.string(),
    details: z.array(z.string()),
  }),
});

export type SplitArtifact = z.infer<typeof SplitArtifactSchema>;

/** Automations that write code: they run split by default, and these are the writes each may make. */
export const SPLIT_WRITES: Partial<Record<Automation, readonly WriteMethod[]>> = {
  'feature-builder': [
    'addLabels',
    'removeLabel',
    'createComment',
    'updateComment',
    'upsertComment',
    'createPullRequest',
    'updatePullRequest',
    'push',
  ],
  'ci-fixer': ['addLabels', 'removeLabel', 'createComment', 'updateComment', 'upsertComment', 'push'],
  'review-resolver': [
    'addLabels',
    'removeLabel',
    'createComment',
    'updateComment',
    'upsertComment',
    'replyToReviewThread',
    'resolveReviewThread',
    'requestReviewers',
    'dispatchWorkflow',
    'push',
  ],
};

export function serializeArtifact(artifact: SplitArtifact): string {
  return `${JSON.stringify(artifact, null, 2)}\n`;
}

/** Parse and validate; a problem names the field, e.g. `writes.3.body`. Throws a ConfigError. */
export function parseArtifact(raw: string, file: string): SplitArtifact {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (e) {
    throw new ConfigError(`not valid JSON: ${errorMessage(e)}`, { file });
  }
  const parsed = SplitArtifactSchema.safeParse(data);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => ({ file, path: i.path.map(String).join('.'), message: i.message })));
  }
  return parsed.data;
}
