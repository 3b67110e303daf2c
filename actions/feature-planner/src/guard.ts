import type { AgentStepSpec } from '../../shared/automation/agent-step';
import type { CheckTransition } from '../../shared/policy/context';
import type { Intent } from '../../shared/policy/intents';
import type { Rejection } from '../../shared/policy/policy';
import { checkTransition } from '../../shared/state/machine';
import { NEEDS_HUMAN, NEEDS_INFO, READY } from '../../shared/state/labels';
import { APPROVAL_LABEL } from './gate';

/**
 * The approval rule, enforced by policy rather than by the prompt: for an issue whose author is
 * not trusted (and no maintainer approved it), no intent may add factory:ready, neither on the
 * issue nor on the sub-issues it spawns.
 */
export const NEEDS_APPROVAL =
  `${READY} needs a maintainer's approval: the author is not trusted and no maintainer added ${APPROVAL_LABEL}. ` +
  `Classify the issue without a state label, or use ${NEEDS_INFO} / ${NEEDS_HUMAN}.`;

export function withoutReady(base: CheckTransition = checkTransition): CheckTransition {
  return (req) => (req.subject === 'issue' && req.add?.includes(READY) ? { ok: false, reason: NEEDS_APPROVAL } : base(req));
}

type Facts = AgentStepSpec['facts'];

/**
 * Facts carrying a stricter state machine. The policy context is built from the facts, so its
 * optional `checkTransition` travels with them into every policy evaluation of the step (the
 * intent tools' pre-check included, so the model is told why).
 */
export function guardedFacts(facts: Facts, mayBecomeReady: boolean): Facts {
  if (mayBecomeReady) return facts;
  const guarded: Facts & { checkTransition: CheckTransition } = { ...facts, checkTransition: withoutReady() };
  return guarded;
}

/**
 * The deterministic fallback: label and create-issue intents refused only for factory:ready,
 * with that label removed (type and priority still apply). They go through policy again before being written.
 */
export function readyStripped(rejected: readonly Rejection[]): Intent[] {
  const out: Intent[] = [];
  for (const r of rejected) {
    if (r.reason !== NEEDS_APPROVAL) continue;
    const intent = r.intent;
    if (intent.kind === 'create_issue') out.push({ ...intent, labels: intent.labels.filter((l) => l !== READY) });
    if (intent.kind !== 'add_labels') continue;
    const labels = intent.labels.filter((l) => l !== READY);
    if (labels.length > 0) out.push({ ...intent, labels });
  }
  return out;
}
