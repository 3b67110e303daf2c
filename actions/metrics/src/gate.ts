import type { FactoryConfig } from '../../shared/config';
import { routeEvent, type ParsedEvent } from '../../shared/events';
import { isAutomationEnabled } from '../../shared/state';

/** The metrics' gate: pure checks on the event before any request is made. */

export const AUTOMATION = 'metrics';

export type Decision<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface Plan {
  /** Also write the weekly recap (a weekly schedule, or asked for by workflow_dispatch). */
  recap: boolean;
  trigger: string;
}

/** A cron whose day-of-week field is set runs weekly: that schedule writes the recap. */
export function isWeeklyCron(cron: string | undefined): boolean {
  const fields = (cron ?? '').trim().split(/\s+/);
  return fields.length === 5 && fields[4] !== '*' && fields[2] === '*';
}

export function gateEvent(event: ParsedEvent, config: Pick<FactoryConfig, 'killSwitch' | 'automations'>): Decision<Plan> {
  if (config.killSwitch) return { ok: false, reason: 'the kill switch is on (killSwitch: true in .github/factory.yml)' };
  if (!isAutomationEnabled(AUTOMATION, config))
    return { ok: false, reason: `${AUTOMATION} is disabled (automations.${AUTOMATION}.enabled)` };
  if (event.kind === 'unsupported') return { ok: false, reason: event.reason };
  const route = routeEvent(event, AUTOMATION, {});
  if (!route.run) return { ok: false, reason: route.reason };
  if (event.kind === 'schedule') return { ok: true, value: { recap: isWeeklyCron(event.cron), trigger: `schedule (${event.cron})` } };
  if (event.kind === 'workflow_dispatch')
    return { ok: true, value: { recap: String(event.inputs.recap ?? 'false') === 'true', trigger: 'workflow_dispatch' } };
  return { ok: false, reason: `metrics does not run on ${event.kind}` };
}
