import type { AgentStepResult, CodeStep } from './agent-step';
import type { RunGitApplier } from './git-applier';
import type { GitPort } from '../git';
import { evaluateIntents, type PolicyContext, type PushIntent } from '../policy';
import type { ChangedFile, GitIdentity } from '../git';
import type { FactoryConfig } from '../config';
import type { ParsedEvent } from '../events';
import type { Issue } from '../github/types';
import { noreplyIdentity } from './git-applier';
import { describeCheck, type CheckResult } from './checks';
import { errorMessage } from '../errors';

/** Small pure helpers of a build: identities, the commit message, and what to tell a human. */

export function commitIdentity(config: Pick<FactoryConfig, 'git'>): GitIdentity {
  return { name: config.git.authorName, email: config.git.authorEmail };
}

/**
 * The issue's author as a co-author (`login <id+login@users.noreply.github.com>`); the user id
 * comes from the event payload when it is about this issue. Bots and the factory itself are not
 * credited.
 */
export function coAuthorOf(issue: Pick<Issue, 'number' | 'author'>, event: ParsedEvent, botLogin: string): GitIdentity[] {
  const { login, type } = issue.author;
  if (login === botLogin || type === 'Bot' || login.endsWith('[bot]') || login === 'ghost') return [];
  let id: number | undefined;
  if (event.kind === 'issues' && event.subject.number === issue.number && event.payload.issue.user?.login === login) {
    id = event.payload.issue.user.id;
  }
  return [noreplyIdentity({ login, ...(id ? { id } : {}) })];
}

/** A commit subject from the issue title: one line, no control characters, at most 72 characters. */
export function commitMessage(issue: Pick<Issue, 'number' | 'title'>, runId: string, redact: (s: string) => string): string {
  const title = redact(issue.title)
    .replace(/[\x00-\x1f\x7f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const subject = `${title || 'Implement issue'} (#${issue.number})`;
  const short = subject.length <= 72 ? subject : `${title.slice(0, 72 - ` (#${issue.number})`.length - 1)}… (#${issue.number})`;
  return `${short}\n\nFixes #${issue.number}\n\nFeature builder run ${runId}.\n`;
}

/** Every path a change touches (both names of a rename), for policy's protected-path check. */
export function touchedPaths(files: readonly ChangedFile[]): string[] {
  return [...new Set(files.flatMap((f) => (f.previousFilename ? [f.filename, f.previousFilename] : [f.filename])))];
}

export interface Outcome {
  reason: string;
  tried: string[];
  kind: 'budget_exhausted' | 'refused' | 'failed';
}

/** Why a build ended without a pull request, and what it tried, for the needs-human comment. */
export function explainFailure(
  step: AgentStepResult | undefined,
  extra: { pushError?: string; refused: boolean; before?: CheckResult; after?: CheckResult; branch: string; changed: number },
): Outcome {
  const tried: string[] = [`worked on branch \`${extra.branch}\``];
  if (extra.before) tried.push(`\`${extra.before.command}\` before the change: ${describeCheck(extra.before)}`);
  if (step) {
    const calls = step.agent.toolCalls.length;
    tried.push(
      `the agent ran ${step.agent.turns} turn(s) with ${calls} tool call(s) and stopped (${step.agent.budgetStop ? `budget: ${step.agent.budgetStop.budget}` : step.agent.outcome})`,
    );
    for (const r of step.rejected) tried.push(`policy rejected ${r.intent.kind}: ${r.reason}`);
    for (const a of step.applied.results) if (a.status === 'failed') tried.push(`${a.intent.kind} failed: ${a.detail}`);
  }
  if (extra.after) tried.push(`\`${extra.after.command}\` after the change: ${describeCheck(extra.after)}`);

  const failedPush = step?.applied.results.find((a) => a.intent.kind === 'push' && a.status === 'failed')?.detail ?? extra.pushError;
  const rejectedPush = step?.rejected.find((r) => r.intent.kind === 'push');
  if (failedPush) return { reason: `the work was not pushed: ${failedPush}`, tried, kind: extra.refused ? 'refused' : 'failed' };
  if (step?.agent.budgetStop)
    return {
      reason: `the agent ran out of budget (${step.agent.budgetStop.budget}) before the work was done`,
      tried,
      kind: 'budget_exhausted',
    };
  if (step?.agent.outcome === 'error')
    return { reason: `the agent stopped with an error: ${step.agent.error ?? 'unknown'}`, tried, kind: 'failed' };
  if (rejectedPush) return { reason: `policy rejected the push: ${rejectedPush.reason}`, tried, kind: 'refused' };
  if (extra.changed === 0) return { reason: 'the agent did not change any file', tried, kind: 'failed' };
  return { reason: 'no pull request was opened', tried, kind: 'failed' };
}

/** What a step that wrote nothing returns. */
export function nothingWritten(): CodeStep {
  return { applied: [], rejected: [], details: [] };
}

/**
 * Pending work the model did not ask to push (no push intent was accepted) is pushed by code,
 * through the same policy and the same applier checks. `error` says why it was not pushed, if so.
 */
export async function pushPendingByCode(
  step: AgentStepResult,
  applier: RunGitApplier,
  git: GitPort,
  policy: PolicyContext,
  branch: string,
): Promise<CodeStep> {
  if (applier.pushed || step.accepted.some((i) => i.kind === 'push')) return nothingWritten();
  const pending = await git.pendingChanges();
  if (pending.length === 0) return nothingWritten();
  const intent: PushIntent = { kind: 'push', branch, files: touchedPaths(pending) };
  const rejected = evaluateIntents([intent], policy).rejected[0];
  if (rejected) return { applied: [], rejected: [rejected], details: [], error: `refused by policy: ${rejected.reason}` };
  try {
    const done = await applier.push(intent);
    return { applied: [{ intent, ...done }], rejected: [], details: [`applied (by code): ${done.detail}`] };
  } catch (e) {
    const message = errorMessage(e);
    return { applied: [{ intent, status: 'failed', detail: message }], rejected: [], details: [], error: message };
  }
}

export type PushOutcome =
  { kind: 'pushed'; sha: string; files: string[] } | { kind: 'nothing' } | { kind: 'not-allowed' } | { kind: 'refused'; reason: string };

/**
 * Commit what the agent changed on a branch since `startSha` (pending edits, or commits it made
 * although told not to) and push it through policy and the applier. A merge of the base (`merge`)
 * changes, against the old head, everything the base changed too: its files are the ones the
 * applier computes against the base after the commit (what the pull request shows), and policy
 * judges those there (the applier's checkPolicy), not the old head's pending list.
 */
export async function pushWork(
  work: { git: GitPort; applier: RunGitApplier; startSha: string | undefined } | undefined,
  policy: PolicyContext,
  branch: string,
  opts: { merge?: boolean } = {},
): Promise<PushOutcome> {
  if (!work) return { kind: 'not-allowed' };
  const { git, applier, startSha } = work;
  const pending = await git.pendingChanges();
  if (pending.length === 0 && (!startSha || (await git.headSha()) === startSha)) return { kind: 'nothing' };
  const files = opts.merge ? [] : pending.length ? touchedPaths(pending) : touchedPaths(await git.changedFiles(startSha!));
  const intent: PushIntent = { kind: 'push', branch, files };
  const rejected = evaluateIntents([intent], { ...policy, diffFiles: files }).rejected[0];
  if (rejected) return { kind: 'refused', reason: `policy: ${rejected.reason}` };
  try {
    await applier.push(intent);
  } catch (e) {
    return { kind: 'refused', reason: errorMessage(e) };
  }
  const sha = applier.pushed?.sha;
  if (!sha || sha === startSha) return { kind: 'nothing' };
  return { kind: 'pushed', sha, files: opts.merge ? touchedPaths(applier.pushed?.files ?? []) : files };
}
