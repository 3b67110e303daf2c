import type { FactoryConfig } from '../../shared/config';
import { describeEvent, routeEvent, type ParsedEvent } from '../../shared/events';
import { isAutomationEnabled } from '../../shared/state';

/** The shepherd's gate: pure checks on the event before any request is made. */

export const AUTOMATION = 'pr-shepherd';

export type Decision<T> = { ok: true; value: T } | { ok: false; reason: string };
const skip = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

export interface Trigger {
  /** What started the run, for the log: `schedule`, `workflow_dispatch`, `pull_request.labeled`, `workflow_run`. */
  name: string;
  /** Only these pull requests are triaged (a label event, a failed run, a dispatch naming one); undefined: the whole sweep. */
  focus?: number[];
  /** Expired claims on issues are swept too (schedule, dispatch without a number). */
  sweepClaims: boolean;
  /** A failed CI run started it: the CI fixer gets the same event, so the shepherd does not hand it over again. */
  ciFixerStarted: boolean;
}

type GateConfig = Pick<FactoryConfig, 'killSwitch' | 'automations'>;

export function gateEvent(event: ParsedEvent, prNumber: number | undefined, config: GateConfig): Decision<Trigger> {
  if (config.killSwitch) return skip('the kill switch is on (killSwitch: true in .github/factory.yml)');
  if (!isAutomationEnabled(AUTOMATION, config)) return skip(`${AUTOMATION} is disabled (automations.${AUTOMATION}.enabled)`);
  const named = prNumber !== undefined ? { focus: [prNumber] } : {};
  if (event.kind === 'unsupported') {
    // A dispatch from the CLI or `@factory retry` with a number needs no event of its own.
    return prNumber !== undefined
      ? { ok: true, value: { name: event.name || 'manual', ...named, sweepClaims: false, ciFixerStarted: false } }
      : skip(event.reason);
  }
  const route = routeEvent(event, AUTOMATION);
  if (!route.run && prNumber === undefined) return skip(route.reason);
  const name = describeEvent(event);
  if (prNumber !== undefined) return { ok: true, value: { name, ...named, sweepClaims: false, ciFixerStarted: false } };
  switch (event.kind) {
    case 'schedule':
    case 'workflow_dispatch':
      return { ok: true, value: { name, sweepClaims: true, ciFixerStarted: false } };
    case 'pull_request':
      return { ok: true, value: { name, focus: [event.subject.number], sweepClaims: false, ciFixerStarted: false } };
    case 'workflow_run':
      return event.pullRequests.length
        ? { ok: true, value: { name, focus: [...new Set(event.pullRequests)], sweepClaims: false, ciFixerStarted: true } }
        : skip(`${name} names no pull request of this repository (a fork's, or the default branch's)`);
    default:
      return skip(`${AUTOMATION} does not handle ${name}`);
  }
}
