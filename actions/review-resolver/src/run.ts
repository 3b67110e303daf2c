import { skipped, type AutomationDeps, type AutomationResult, type AutomationRun } from '../../shared/automation/types';
import { ConfigError } from '../../shared/errors';
import { refuseWithoutIsolation } from '../../shared/automation/isolation';
import { NEEDS_HUMAN } from '../../shared/state';
import { AUTOMATION, threadRules } from './context';
import { checkPullRequest, checkRounds, gateEvent, type Trigger } from './gate';
import { runRound } from './round';
import { escalatePullRequest, roundsUsed, startRound } from './rounds';
import { selectThreads } from './threads';

/**
 * The review resolver: gate (pure: kill switch, routing, our own bot, trust) -> the pull request
 * (open, a factory one, not paused or escalated) -> the threads waiting for the factory -> round
 * limit (past it: factory:needs-human, no model call) -> count the round -> run it (round.ts).
 */
export const run: AutomationRun = async (deps, inputs) => {
  const gate = gateEvent(inputs.event, inputs.issueNumber, deps.config);
  if (!gate.ok) return skipped(gate.reason);
  return resolvePullRequest({ ...deps, automation: AUTOMATION }, gate.value);
};

/** One resolve round on a pull request (the demo and the CLI call this with a PR number). */
export async function resolvePullRequest(deps: AutomationDeps, trigger: Trigger): Promise<AutomationResult> {
  const { reader } = deps.github;
  const pr = await reader.getPullRequest(trigger.pr);
  const why = checkPullRequest(pr, deps.config);
  if (why) return skipped(why);

  const rules = threadRules(deps);
  const listed = await reader.listReviewThreads(pr.number);
  const threads = selectThreads(listed, rules);
  if (threads.length === 0)
    return { outcome: 'no-op', summary: `#${pr.number}: no open review thread waits for the factory`, details: [], records: [] };

  const maxRounds = deps.config.automations[AUTOMATION].maxRounds;
  const { used, attempts } = await roundsUsed(deps, pr.number);
  const over = checkRounds(used, maxRounds);
  if (over) {
    const details = deps.dryRun
      ? [`[dry-run] would add ${NEEDS_HUMAN} to #${pr.number}`]
      : await escalatePullRequest(deps, pr, over, threads.length);
    return { outcome: 'refused', summary: `#${pr.number} needs a human: ${over}`, details, records: [] };
  }
  if (!deps.model) throw new ConfigError(`input "anthropic-api-key" is required: ${AUTOMATION} needs the model to address review threads`);
  const subject = { type: 'pr' as const, number: pr.number, labels: pr.labels };
  const tag = { event: trigger.event, ...(trigger.action ? { action: trigger.action } : {}) };
  const unisolated = await refuseWithoutIsolation(deps, { subject, trigger: tag, actor: trigger.actor });
  if (unisolated) return unisolated;
  const round = deps.dryRun ? used + 1 : await startRound(deps, pr.number, attempts);
  return runRound(deps, { trigger, pr, threads, listed, rules, round, maxRounds });
}
