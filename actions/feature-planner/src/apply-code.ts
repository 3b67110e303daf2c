import type { AutomationDeps } from '../../shared/automation/types';
import { policyContextFor, type RunFacts } from '../../shared/automation/policy-context';
import { applyIntents, type ApplyResult } from '../../shared/policy/apply';
import type { PolicyConfig } from '../../shared/policy/context';
import { describeIntent, type Intent } from '../../shared/policy/intents';
import { evaluateIntents, type Rejection } from '../../shared/policy/policy';
import { neutralize } from '../../shared/security';

/**
 * Writes the planner decides in code (reminders, closing stale issues, approval notes, spec-gap
 * issues) take the same road as the agent's: policy, then the idempotent applier. So they get
 * the same checks, markers, dry-run handling and idempotency.
 */
export interface CodeApplyResult {
  accepted: Intent[];
  rejected: Rejection[];
  applied: ApplyResult;
  details: string[];
}

export async function applyCodeIntents(
  deps: AutomationDeps,
  facts: RunFacts,
  intents: Intent[],
  caps?: PolicyConfig['caps'],
): Promise<CodeApplyResult> {
  const { github, config, logger } = deps;
  const ctx = policyContextFor(deps, facts, caps ? { caps } : {});
  const verdict = evaluateIntents(intents, ctx);
  for (const r of verdict.rejected) logger.warning(`policy rejected ${describeSafely(r.intent)}: ${r.reason} [${r.rule}]`);
  const applied = await applyIntents(verdict.accepted, {
    writer: github.writer,
    reader: github.reader,
    runId: deps.runId,
    automation: deps.automation,
    dryRun: deps.dryRun,
    logger,
    neutralize,
    botLogin: config.trust.botLogin,
    ...(facts.subject ? { subject: { type: facts.subject.type, number: facts.subject.number } } : {}),
  });
  const details = [
    ...applied.results.map((r) => `${r.status}: ${r.status === 'dry-run' ? describeIntent(r.intent) : r.detail}`),
    ...verdict.rejected.map((r) => `rejected: ${describeSafely(r.intent)}: ${r.reason} [${r.rule}]`),
  ];
  return { accepted: verdict.accepted, rejected: verdict.rejected, applied, details };
}

/** describeIntent for an intent that may have failed validation. */
export function describeSafely(intent: Intent): string {
  try {
    return describeIntent(intent);
  } catch {
    return `invalid ${String((intent as { kind?: unknown }).kind ?? 'intent')}`;
  }
}
