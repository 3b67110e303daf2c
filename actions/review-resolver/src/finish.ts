import type { AutomationDeps } from '../../shared/automation/types';
import type { RunGitApplier } from '../../shared/automation/git-applier';
import type { GitPort } from '../../shared/git';
import type { PullRequest, ReviewThread } from '../../shared/github/types';
import {
  applyIntents,
  evaluateIntents,
  type ApplyItem,
  type Intent,
  type PolicyContext,
  type Rejection,
  type ReplyToThreadIntent,
} from '../../shared/policy';
import { neutralize } from '../../shared/security';
import { CHANGES_REQUESTED, REVIEWING } from '../../shared/state';
import { pushWork, type PushOutcome } from '../../shared/automation/work';

/**
 * What code does after the agent, through the same policy and applier: commit and push the
 * round's changes (one commit), then reply in every thread with the real commit SHA, resolve
 * the threads policy allows, and move the pull request back to review.
 */

export type { PushOutcome };

/** The round's changes, one commit, pushed through policy and the applier (shared pushWork). */
export async function pushRound(
  git: GitPort | undefined,
  applier: RunGitApplier | undefined,
  ctx: PolicyContext,
  branch: string,
  startSha: string | undefined,
): Promise<PushOutcome> {
  return pushWork(git && applier ? { git, applier, startSha } : undefined, ctx, branch);
}

export function describePush(push: PushOutcome, branch: string): string {
  switch (push.kind) {
    case 'pushed':
      return `pushed ${push.sha.slice(0, 12)} to ${branch} (${push.files.length} file(s))`;
    case 'nothing':
      return 'no code change';
    case 'not-allowed':
      return 'replies only (branch not pushable)';
    case 'refused':
      return `push refused: ${push.reason}`;
  }
}

/** The round's push as a write of the run record (none when nothing was pushed or tried). */
export function pushItem(push: PushOutcome, branch: string): ApplyItem[] {
  if (push.kind === 'pushed')
    return [{ intent: { kind: 'push', branch, files: push.files }, status: 'applied', detail: describePush(push, branch) }];
  if (push.kind === 'refused')
    return [{ intent: { kind: 'push', branch, files: [] }, status: 'failed', detail: describePush(push, branch) }];
  return [];
}

/** The line code adds to every reply of a round. */
export function pushNote(push: PushOutcome): string | undefined {
  switch (push.kind) {
    case 'pushed':
      return `Addressed in ${push.sha}.`;
    case 'refused':
      return `The factory could not push this round's change: ${push.reason}`;
    case 'nothing':
    case 'not-allowed':
      return undefined;
  }
}

/**
 * The round's thread intents: the model's replies (with the push note), a reply by code to every
 * thread the model left unanswered (so the next round does not take it up again without a new
 * comment), and the model's resolves, dropped when the change behind them was not pushed.
 */
export function threadIntents(recorded: readonly Intent[], threads: readonly ReviewThread[], push: PushOutcome, round: number): Intent[] {
  const note = pushNote(push);
  const withNote = (body: string) => (note ? `${body.trim()}\n\n${note}` : body.trim());
  const replies = recorded.filter((i): i is ReplyToThreadIntent => i.kind === 'reply_to_thread');
  const answered = new Set(replies.map((r) => r.threadId));
  const byCode: ReplyToThreadIntent[] = threads
    .filter((t) => !answered.has(t.id))
    .map((t) => ({
      kind: 'reply_to_thread',
      threadId: t.id,
      body: withNote(`Resolve round ${round} did not address this thread; a person should look at it.`),
    }));
  const resolves = push.kind === 'refused' ? [] : recorded.filter((i) => i.kind === 'resolve_thread');
  return [...replies.map((r) => ({ ...r, body: withNote(r.body) })), ...byCode, ...resolves];
}

/** After a pushed round, the pull request goes back to review (factory:changes-requested -> factory:reviewing). */
export function labelIntents(pr: Pick<PullRequest, 'number' | 'labels'>, push: PushOutcome): Intent[] {
  if (push.kind !== 'pushed' || !pr.labels.includes(CHANGES_REQUESTED)) return [];
  return [{ kind: 'add_labels', target: { type: 'pr', number: pr.number }, labels: [REVIEWING] }];
}

export interface FinishResult {
  applied: ApplyItem[];
  rejected: Rejection[];
}

/** Policy, then the idempotent applier, for the intents code assembled after the agent. */
export async function applyByCode(
  deps: AutomationDeps,
  ctx: PolicyContext,
  pr: PullRequest,
  intents: Intent[],
  applier: RunGitApplier | undefined,
  /** The pull request's review threads as the round listed them (read again when absent). */
  threads?: readonly ReviewThread[],
): Promise<FinishResult> {
  const verdict = evaluateIntents(intents, ctx);
  for (const r of verdict.rejected) deps.logger.warning(`policy rejected ${r.intent.kind}: ${r.reason} [${r.rule}]`);
  const applied = await applyIntents(verdict.accepted, {
    writer: deps.github.writer,
    reader: deps.github.reader,
    runId: deps.runId,
    automation: deps.automation,
    dryRun: deps.dryRun,
    logger: deps.logger,
    neutralize: (text) => neutralize(text),
    botLogin: deps.config.trust.botLogin,
    subject: { type: 'pr', number: pr.number },
    ...(applier ? { git: applier } : {}),
    ...(threads ? { threads } : {}),
  });
  return { applied: applied.results, rejected: verdict.rejected };
}
