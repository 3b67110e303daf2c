import * as fs from 'node:fs';
import * as path from 'node:path';
import prompt from '../../../prompts/pr-shepherd-conflicts.md';
import { afterAgentStep, commandAllowlist, runAgentStep } from '../../shared/automation/agent-step';
import { describeCheck } from '../../shared/automation/checks';
import { refuseWithoutIsolation } from '../../shared/automation/isolation';
import { readAttempts, stateDepsFor, writeAttempts } from '../../shared/automation/subject-state';
import { ConfigError } from '../../shared/errors';
import type { ChangedFile } from '../../shared/git';
import type { ApplyItem } from '../../shared/policy';
import { codeSpan } from '../../shared/review/text';
import { pathClassifier, writableMatcher } from '../../shared/risk/paths';
import { untrusted } from '../../shared/security';
import { increment } from '../../shared/state';
import {
  breaksChecks,
  canPushTo,
  discardWork,
  escalateToPerson,
  factsFor,
  policyFor,
  prepareBranch,
  riskLabelOf,
  type BranchWork,
} from './agent-work';
import { pushWork, type PushOutcome } from '../../shared/automation/work';
import type { ShepherdContext, ShepherdDeps, ShepherdPr, StepOutcome } from './types';

/**
 * Conflicts with the base: the pull request's branch checked out in the workspace, the base merged
 * into it by code with the conflicts left in place, the agent resolving them (file tools and the
 * project's checks, in the sandbox), then code again: no conflict marker may be left, the merge
 * may bring no workflow change, and the merge commit goes through the same git applier as every
 * push (change guard, policy on the real diff, secret scan, the checks) to the same branch.
 *
 * A conflict in a protected path (risk.protectedPaths, unless risk.writableProtectedPaths lets
 * the factory write it; `.github/workflows/**` never) is not the model's to resolve: the pull
 * request goes to a person with the list, and nothing is pushed. So does every refusal.
 */

const STEP = 'conflicts';
/** The attempt counter on the pull request (the factory's counters comment). */
export const CONFLICT_COUNTER = 'shepherd-conflicts';
/** Never pushed by the shepherd, whatever the config lets the factory write. */
const WORKFLOWS = ['.github/workflows/**'];
/** Lines git writes around a conflict (the `=======` separator alone is a heading underline in Markdown). */
const MARKER_LINE = /^(<{7}|>{7}|\|{7})(?: |$)/m;

const short = (sha: string) => sha.slice(0, 12);

export async function resolveConflicts(deps: ShepherdDeps, pr: ShepherdPr, ctx: ShepherdContext): Promise<StepOutcome> {
  const base = pr.base.ref;
  if (!canPushTo(pr)) {
    return { kind: 'skipped', summary: `#${pr.number}: ${pr.head.ref} is not a branch the factory may push`, wrote: false };
  }
  if (deps.dryRun) {
    return { kind: 'skipped', summary: `[dry-run] would merge ${base} into #${pr.number} and resolve its conflicts`, wrote: false };
  }
  if (!deps.model) throw new ConfigError('input "anthropic-api-key" is required: pr-shepherd needs the model to resolve conflicts');

  const state = stateDepsFor(deps);
  const attempts = await readAttempts(state, pr.number);
  const used = attempts.counters[CONFLICT_COUNTER] ?? 0;
  const limit = ctx.settings.repeatedFailureLimit;
  if (used >= limit) {
    return escalateToPerson(deps, pr, ctx, {
      reason: `conflicts with \`${base}\` came back after ${used} resolution(s); the limit is ${limit} (shepherd.repeatedFailureLimit)`,
      tried: [`${used} merge(s) of \`${base}\` resolved by the factory`],
      decision: `merge \`${base}\` into \`${pr.head.ref}\` by hand, or close the pull request`,
    });
  }
  const subject = { type: 'pr' as const, number: pr.number, labels: pr.labels };
  const unisolated = await refuseWithoutIsolation(deps, { subject, trigger: { event: ctx.trigger }, actor: ctx.botLogin });
  if (unisolated) return { kind: 'escalated', summary: unisolated.summary, wrote: true };

  const policyInput = { labels: pr.labels, risk: riskLabelOf(pr.labels) ?? 'low', allowedKinds: ['push' as const] };
  const policy = policyFor(deps, pr, ctx, policyInput);
  const work = await prepareBranch(deps, pr, ctx, {
    policy,
    message: `Merge ${base} into ${pr.head.ref}\n\nConflicts resolved by the factory's pr-shepherd, run ${deps.runId}.\n`,
    refuses: breaksChecks,
    refusePush: (_files, start) => workflowChange(start),
  });
  if (work.startSha !== pr.head.oid) {
    return { kind: 'skipped', summary: `#${pr.number} moved on to ${short(work.startSha)} since it was triaged`, wrote: false };
  }
  await writeAttempts(state, pr.number, { ...attempts, counters: increment(attempts.counters, CONFLICT_COUNTER) });
  await work.tests.runBefore();

  const merge = await work.git.mergeBase(base, { keepConflicts: true });
  if (merge.ok) return outcomeOf(await finish(deps, pr, ctx, work, policy, [], undefined));

  const blocked = blockedConflicts(merge.conflicts, deps.config.risk);
  if (blocked.length) {
    await discardWork(work, pr.head.ref);
    return escalateToPerson(deps, pr, ctx, {
      reason: `merging \`${base}\` conflicts in protected path(s) ${blocked.map((p) => codeSpan(p)).join(', ')}: the factory does not resolve those`,
      tried: [`merged \`${base}\` (${short(pr.base.oid)}) into ${short(work.startSha)}: ${merge.conflicts.length} conflicted file(s)`],
      decision: `resolve the conflicts in ${blocked.map((p) => codeSpan(p)).join(', ')} by hand (merge \`${base}\` into \`${pr.head.ref}\`)`,
    });
  }

  const step = await runAgentStep(deps, {
    trigger: { event: ctx.trigger },
    actor: ctx.botLogin,
    system: prompt,
    user: conflictMessage(deps, pr, merge.conflicts),
    toolset: 'build',
    // No intents: code checks the result, commits the merge and pushes it.
    facts: factsFor(pr, ctx, { ...policyInput, allowedKinds: [] }),
  });
  const agentError = step.agent.outcome === 'error' ? (step.agent.error ?? 'unknown') : undefined;
  const done = await afterAgentStep(deps, step, async () => ({
    ...(await finish(deps, pr, ctx, work, policy, merge.conflicts, agentError)),
    rejected: [],
  }));
  return outcomeOf(done);
}

const outcomeOf = (f: StepOutcome): StepOutcome => ({ kind: f.kind, summary: f.summary, wrote: f.wrote });

/** Conflicted paths the model may not resolve: protected (or a lookalike) and not writable, and workflows always. */
export function blockedConflicts(
  paths: readonly string[],
  risk: { protectedPaths: readonly string[]; writableProtectedPaths: readonly string[] },
): string[] {
  const classify = pathClassifier(risk.protectedPaths);
  const writable = writableMatcher(risk.protectedPaths, risk.writableProtectedPaths);
  const workflow = pathClassifier(WORKFLOWS);
  return paths.filter((p) => workflow(p) !== 'ordinary' || classify(p) === 'lookalike' || (classify(p) === 'protected' && !writable(p)));
}

/** Files (repository paths) under `root` that still hold a conflict marker line. Missing, unreadable and binary files are skipped. */
export function filesWithMarkers(root: string, paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const rel of new Set(paths)) {
    const file = path.resolve(root, rel);
    if (!file.startsWith(path.resolve(root) + path.sep)) continue;
    let content: Buffer;
    try {
      const stat = fs.lstatSync(file);
      if (!stat.isFile()) continue;
      content = fs.readFileSync(file);
    } catch {
      continue;
    }
    if (content.includes(0)) continue;
    if (MARKER_LINE.test(content.toString('utf8'))) out.push(rel);
  }
  return out;
}

/** The merge may bring no `.github/workflows/**` change into the branch: the shepherd never pushes one. */
async function workflowChange(work: Pick<BranchWork, 'git' | 'startSha'>): Promise<string | undefined> {
  const workflow = pathClassifier(WORKFLOWS);
  const changed: ChangedFile[] = await work.git.changedFiles(work.startSha);
  const hit = changed
    .flatMap((f) => [f.filename, ...(f.previousFilename ? [f.previousFilename] : [])])
    .find((p) => workflow(p) !== 'ordinary');
  return hit === undefined ? undefined : `the merge changes ${hit}; the shepherd never pushes .github/workflows`;
}

interface Finished extends StepOutcome {
  applied: ApplyItem[];
}

/** After the agent (or a clean merge): markers, then the push; a refusal goes to a person, nothing pushed. */
async function finish(
  deps: ShepherdDeps,
  pr: ShepherdPr,
  ctx: ShepherdContext,
  work: BranchWork,
  policy: ReturnType<typeof policyFor>,
  conflicts: string[],
  agentError: string | undefined,
): Promise<Finished> {
  const base = pr.base.ref;
  const tried = [
    `merged \`${base}\` (${short(pr.base.oid)}) into ${short(work.startSha)}${conflicts.length ? `: conflicts in ${conflicts.map((p) => codeSpan(p)).join(', ')}` : ' cleanly'}`,
  ];
  if (agentError) tried.push(`the agent stopped with an error: ${agentError}`);
  const pending = (await work.git.pendingChanges()).map((f) => f.filename);
  const marked = filesWithMarkers(work.git.root, [...conflicts, ...pending]);
  if (marked.length) {
    await discardWork(work, pr.head.ref);
    const out = await escalateToPerson(deps, pr, ctx, {
      reason: `conflict markers are left in ${marked.map((p) => codeSpan(p)).join(', ')} after the factory's resolution; nothing was pushed`,
      tried,
      decision: `resolve the conflicts with \`${base}\` by hand`,
    });
    return { ...out, applied: [] };
  }
  const push: PushOutcome = await pushWork(work, policy, pr.head.ref, { merge: true });
  const after = work.tests.after;
  if (after) tried.push(`\`${after.command}\` on the merge: ${describeCheck(after)}`);
  if (push.kind !== 'pushed') {
    await discardWork(work, pr.head.ref);
    const why = push.kind === 'refused' ? push.reason : 'the merge produced nothing to push';
    const out = await escalateToPerson(deps, pr, ctx, {
      reason: `the merge of \`${base}\` was not pushed: ${why}`,
      tried,
      decision: `merge \`${base}\` into \`${pr.head.ref}\` by hand`,
    });
    const failed: ApplyItem[] =
      push.kind === 'refused' ? [{ intent: { kind: 'push', branch: pr.head.ref, files: [] }, status: 'failed', detail: push.reason }] : [];
    return { ...out, applied: failed };
  }
  const body = [
    `Merged \`${base}\` into \`${pr.head.ref}\`${conflicts.length ? ` and resolved the conflicts in ${conflicts.map((p) => codeSpan(p)).join(', ')}` : ''}: pushed ${short(push.sha)}.`,
    ...(after ? ['', `\`${after.command}\` on the merge: ${describeCheck(after)}.`] : []),
  ].join('\n');
  await deps.github.writer.createComment(pr.number, ctx.mark(body, STEP));
  return {
    kind: 'fixed',
    summary: `#${pr.number}: merged ${base}${conflicts.length ? ` and resolved ${conflicts.length} conflicted file(s)` : ''}, pushed ${short(push.sha)}`,
    wrote: true,
    applied: [
      {
        intent: { kind: 'push', branch: pr.head.ref, files: push.files },
        status: 'applied',
        detail: `pushed ${short(push.sha)} to ${pr.head.ref}`,
      },
    ],
  };
}

/** Trusted instructions and the conflicted paths by code; the pull request's text fenced as untrusted. */
export function conflictMessage(deps: Pick<ShepherdDeps, 'config' | 'redactor'>, pr: ShepherdPr, conflicts: readonly string[]): string {
  const fence = (source: string, text: string) => untrusted(source, text, { redactor: deps.redactor });
  const commands = commandAllowlist(deps.config);
  const test = deps.config.commands.test;
  return [
    `Pull request #${pr.number}: the branch \`${pr.head.ref}\` is checked out and \`${pr.base.ref}\` is being merged into it. The merge stopped on conflicts in these files:`,
    '',
    ...conflicts.map((p) => `- ${codeSpan(p, 500)}`),
    '',
    'Resolve every conflict in place (no conflict marker may be left), then run the checks.',
    `Commands you may run: ${commands.length ? commands.map((c) => `\`${c}\``).join(', ') : '(none)'}.`,
    test ? `The factory runs \`${test}\` again on the merge and only pushes it when it passes.` : '',
    'Do not commit or push: the factory commits the merge and pushes it.',
    '',
    '## The pull request',
    '',
    fence(`pull request #${pr.number} title`, pr.title),
  ].join('\n');
}
