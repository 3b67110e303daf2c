import type { AutomationDeps } from '../../shared/automation/types';
import type { PullRequest } from '../../shared/github/types';
import type { ApplyItem } from '../../shared/policy/apply';
import { buildRunRecord, type RunRecord } from '../../shared/record/run-record';
import type { SharedBudget } from './budget';

/** ONE run record per review: the dimensions' usage added up, the budget stop, the writes code made. */
export function reviewRecord(
  deps: Pick<AutomationDeps, 'runId' | 'automation' | 'config' | 'github' | 'model' | 'clock' | 'redactor'>,
  input: {
    trigger: { event: string; action?: string };
    actor: string;
    pr: Pick<PullRequest, 'number'>;
    startedAt: Date;
    budget: SharedBudget;
    applied: ApplyItem[];
    failed?: boolean;
  },
): RunRecord {
  const { budget } = input;
  const { owner, repo } = deps.github.reader.repo;
  return buildRunRecord(
    {
      runId: deps.runId,
      automation: deps.automation,
      trigger: input.trigger,
      actor: input.actor,
      repo: `${owner}/${repo}`,
      subject: { type: 'pr', number: input.pr.number },
      startedAt: input.startedAt,
      finishedAt: deps.clock.now(),
      model: deps.model?.model ?? deps.config.model.name,
      turns: budget.turns,
      usage: {
        input: budget.usage.inputTokens,
        output: budget.usage.outputTokens,
        cacheRead: budget.usage.cacheReadTokens,
        cacheWrite: budget.usage.cacheWriteTokens,
      },
      costUsd: budget.costUsd,
      applied: input.applied,
      ...(budget.stop ? { budgetStop: { reason: budget.stop.budget, limit: budget.stop.limit, used: budget.stop.used } } : {}),
      ...(input.failed ? { outcome: 'failed' as const } : {}),
    },
    deps.redactor,
  );
}
