import type { FactoryConfig } from '../../shared/config';
import { describeEvent, routeEvent, type ParsedEvent } from '../../shared/events';
import { isAutomationEnabled } from '../../shared/state';

/** The incident responder's gate: pure checks on the event and the config before any request. */

export const AUTOMATION = 'incident-responder';

export type Target = { mode: 'poll'; trigger: string } | { mode: 'merged'; pr: { number: number; body: string }; trigger: string };

export type Decision = { ok: true; value: Target } | { ok: false; reason: string };
const skip = (reason: string): Decision => ({ ok: false, reason });

type GateConfig = Pick<FactoryConfig, 'killSwitch' | 'automations' | 'sentry'>;

export function gateEvent(event: ParsedEvent, config: GateConfig): Decision {
  if (config.killSwitch) return skip('the kill switch is on (killSwitch: true in .github/factory.yml)');
  if (!isAutomationEnabled(AUTOMATION, config)) return skip(`${AUTOMATION} is disabled (automations.${AUTOMATION}.enabled)`);
  if (event.kind === 'unsupported') return skip(event.reason);
  const route = routeEvent(event, AUTOMATION);
  if (!route.run) return skip(route.reason);
  if (config.sentry.org === null) return skip('no Sentry organization is configured (sentry.org in .github/factory.yml)');
  if (event.kind === 'pull_request') {
    if (!config.sentry.resolveOnMerge) return skip('sentry.resolveOnMerge is off: a merged fix leaves Sentry alone');
    const pr = event.payload.pull_request;
    return { ok: true, value: { mode: 'merged', pr: { number: pr.number, body: pr.body ?? '' }, trigger: describeEvent(event) } };
  }
  return { ok: true, value: { mode: 'poll', trigger: describeEvent(event) } };
}
