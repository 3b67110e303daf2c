import type { FactoryConfig } from '../../shared/config';
import { describeEvent, routeEvent, type ParsedEvent } from '../../shared/events';
import { isAutomationEnabled } from '../../shared/state';

/** The quality grader's gate: pure checks on the event before any request is made. */

export const AUTOMATION = 'quality-grader';

export type Decision<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface Trigger {
  event: string;
  action?: string;
  /** Who started it: the schedule, or the person or workflow that dispatched it. */
  actor: string;
}

type GateConfig = Pick<FactoryConfig, 'killSwitch' | 'automations'>;

export function gateEvent(event: ParsedEvent, config: GateConfig): Decision<Trigger> {
  if (config.killSwitch) return { ok: false, reason: 'the kill switch is on (killSwitch: true in .github/factory.yml)' };
  if (!isAutomationEnabled(AUTOMATION, config))
    return { ok: false, reason: `${AUTOMATION} is disabled (automations.${AUTOMATION}.enabled)` };
  if (event.kind === 'unsupported') return { ok: false, reason: event.reason };
  const route = routeEvent(event, AUTOMATION);
  if (!route.run) return { ok: false, reason: route.reason };
  if (event.kind !== 'schedule' && event.kind !== 'workflow_dispatch') {
    return { ok: false, reason: `${AUTOMATION} runs on its schedule or by dispatch, not on ${describeEvent(event)}` };
  }
  return { ok: true, value: { event: event.kind, actor: event.sender.login } };
}
