import { skipped, type AutomationDeps, type AutomationResult, type AutomationRun } from '../../shared/automation/types';
import { evaluatePullRequest, type Evaluation } from './evaluate';
import { AUTOMATION, gateEvent, isFactoryPullRequest, type Trigger } from './gate';

/**
 * The merge gate, as the design's row reads: on a review, a verdict label, a push, completed
 * checks (check_suite, workflow_run) or the schedule -> the pull requests the event names (the
 * schedule: every open factory one) -> per pull request: the tier by code (risk:* label, the
 * factory/risk check run) -> native auto-merge, a direct merge, the merge queue or an approval
 * when the policy allows it, else a wait, a hand-over, or factory:needs-human. No model runs.
 */
export const run: AutomationRun = async (deps, inputs) => {
  const gate = gateEvent(inputs.event, inputs.issueNumber, deps.config);
  if (!gate.ok) return skipped(gate.reason);
  return gatePullRequests({ ...deps, automation: AUTOMATION }, gate.value);
};

/** Open factory pull requests one scheduled sweep evaluates at most. */
export const SWEEP_CAP = 20;

export async function gatePullRequests(deps: AutomationDeps, trigger: Trigger): Promise<AutomationResult> {
  const prs = trigger.prs === 'sweep' ? await sweep(deps) : trigger.prs;
  if (prs.length === 0) return { outcome: 'no-op', summary: 'no open factory pull request to evaluate', details: [], records: [] };
  const results: Evaluation[] = [];
  for (const pr of prs) results.push(await evaluatePullRequest(deps, pr));
  const details = results.flatMap((r) => r.details);
  if (results.every((r) => r.skipped)) return skipped(results.map((r) => r.skipped).join('; '));
  const outcome = results.some((r) => r.escalated) ? 'refused' : details.length ? 'completed' : 'no-op';
  return { outcome, summary: results.map((r) => r.summary).join('; '), details, records: [] };
}

async function sweep(deps: AutomationDeps): Promise<number[]> {
  const open = await deps.github.reader.listPullRequests({ state: 'open' });
  return open
    .filter((pr) => isFactoryPullRequest(pr, deps.config.trust.botLogin))
    .slice(0, SWEEP_CAP)
    .map((pr) => pr.number);
}
