import prompt from '../../../prompts/review-resolver.md';
import { afterAgentStep, commandAllowlist, runAgentStep } from '../../shared/automation/agent-step';
import type { AutomationDeps, AutomationResult } from '../../shared/automation/types';
import type { PullRequest, ReviewThread } from '../../shared/github/types';
import { createIntentRecorder, createIntentTools, policyPrecheck } from '../../shared/policy';
import { describeCheck } from '../../shared/automation/checks';
import { ASSIST } from '../../shared/state';
import { factsOf, policyContext, THREAD_KINDS } from './context';
import { applyByCode, describePush, labelIntents, pushItem, pushRound, threadIntents, type PushOutcome } from './finish';
import { canPush, type Trigger } from './gate';
import { askForAnotherLook } from './look';
import { buildRoundMessage } from './message';
import { factsByThread, type ThreadRules } from './threads';
import { prepareWork } from './workspace';
import { AUTOMATION_SPECS } from '../../shared/registry';

/**
 * One counted round: check out the head branch -> agent (edits; replies and resolves recorded
 * as intents, pre-checked by policy) -> one commit pushed by the git applier -> replies with the
 * real SHA, the resolves policy allows, the review label -> ask for another look.
 */
export interface RoundInput {
  trigger: Trigger;
  pr: PullRequest;
  threads: ReviewThread[];
  /** Every review thread of the pull request, as listed for this round (the applier finds the threads the intents name here). */
  listed?: ReviewThread[];
  rules: ThreadRules;
  round: number;
  maxRounds: number;
}

export async function runRound(deps: AutomationDeps, input: RoundInput): Promise<AutomationResult> {
  const { pr, threads, rules, round, trigger } = input;
  const { config } = deps;
  const repository = await deps.github.reader.getRepository();
  const defaultBranch = repository.defaultBranch;
  const details: string[] = [`round ${round} of ${input.maxRounds} on #${pr.number}: ${threads.length} thread(s)`];
  const facts = factsByThread(threads, rules);
  const ctx = policyContext(deps, pr, facts, defaultBranch);

  const work = canPush(pr, repository.fullName, defaultBranch) ? await prepareWork(deps, pr, defaultBranch, ctx) : undefined;
  if (!work) details.push(`#${pr.number}'s branch ${pr.head.ref} is not a factory or ${ASSIST} branch of this repository: replies only`);
  if (work?.tests.before) details.push(`before: ${work.tests.before.command} ${describeCheck(work.tests.before)}`);

  const recorder = createIntentRecorder({ precheck: policyPrecheck(ctx) });
  const step = await runAgentStep(deps, {
    trigger: { event: trigger.event, ...(trigger.action ? { action: trigger.action } : {}) },
    actor: trigger.actor,
    system: prompt,
    user: buildRoundMessage({
      pr,
      threads,
      facts,
      botLogin: config.trust.botLogin,
      canPush: !!work,
      round,
      maxRounds: input.maxRounds,
      commands: work ? commandAllowlist(config) : [],
      redactor: deps.redactor,
    }),
    toolset: AUTOMATION_SPECS['review-resolver'].toolset,
    // No write intents through the step: code pushes, then replies with the real SHA (below).
    facts: { ...factsOf(ctx), allowedKinds: [] },
    extraTools: createIntentTools(recorder, THREAD_KINDS),
  });
  for (const r of recorder.rejected()) details.push(`policy rejected ${r.intent.kind}: ${r.reason}`);

  const push: PushOutcome = deps.dryRun ? { kind: 'nothing' } : await pushRound(work?.git, work?.applier, ctx, pr.head.ref, work?.startSha);
  details.push(describePush(push, pr.head.ref));
  if (work?.tests.after) details.push(`after: ${work.tests.after.command} ${describeCheck(work.tests.after)}`);

  // The record tells what code wrote after the agent too: the push, replies, resolves, labels.
  const intents = [...threadIntents(recorder.pending(), threads, push, round), ...labelIntents(pr, push)];
  const finish = await afterAgentStep(
    deps,
    step,
    () => applyByCode(deps, ctx, pr, intents, work?.applier, input.listed),
    pushItem(push, pr.head.ref),
  );
  for (const a of finish.applied) details.push(`${a.status}: ${a.detail}`);
  for (const r of finish.rejected) details.push(`policy rejected ${r.intent.kind}: ${r.reason}`);
  if (push.kind === 'pushed') details.push(...(await askForAnotherLook(deps, pr, threads, rules, defaultBranch)));

  const count = (kind: string) => finish.applied.filter((a) => a.intent.kind === kind && a.status !== 'failed').length;
  const outcome = step.agent.budgetStop
    ? 'budget_exhausted'
    : step.agent.outcome === 'error'
      ? 'failed'
      : push.kind === 'refused'
        ? 'refused'
        : 'completed';
  return {
    outcome,
    summary: `#${pr.number} round ${round}: ${describePush(push, pr.head.ref)}; replied to ${count('reply_to_thread')} thread(s), resolved ${count('resolve_thread')}${deps.dryRun ? ' [dry-run]' : ''}`,
    details,
    records: [step.record],
  };
}
