import { ConfigError } from '../../shared/errors';
import { skipped, type AutomationDeps, type AutomationResult, type AutomationRun } from '../../shared/automation/types';
import { buildRunRecord, type RunOutcome } from '../../shared/record/run-record';
import { createSentryClient, type SentryPort } from '../../shared/sentry';
import { gateEvent, AUTOMATION } from './gate';
import { poll } from './poll';
import { resolveOnMerge } from './resolve';

/**
 * The incident responder, as the design's row reads: every 15 minutes (and on demand) Sentry's
 * errors and warnings -> one deduplicated `type:incident source:sentry` issue per Sentry issue
 * above the thresholds, a reopen and comment on a regression, one comment per hour on a spike;
 * and on a merged pull request that fixes an incident, its Sentry issue resolved in the next
 * release. No model runs: every decision is code (rules.ts). The Sentry token (secret
 * SENTRY_AUTH_TOKEN) is used by the Sentry client alone; nothing the run writes contains it.
 */

export interface IncidentPorts {
  /** The Sentry client for this run's config (the real one reads SENTRY_AUTH_TOKEN). */
  sentry(deps: AutomationDeps): SentryPort;
}

export function createRun(ports: IncidentPorts): AutomationRun {
  return async (deps, inputs) => {
    const gate = gateEvent(inputs.event, deps.config);
    if (!gate.ok) return skipped(gate.reason);
    const startedAt = deps.clock.now();
    const sentry = ports.sentry(deps);
    const event = inputs.event;
    const trigger =
      event.kind === 'unsupported' ? { event: event.name } : { event: event.kind, ...(event.action ? { action: event.action } : {}) };
    const actor = event.kind === 'unsupported' ? 'unknown' : event.sender.login;
    const repo = `${deps.github.reader.repo.owner}/${deps.github.reader.repo.repo}`;

    // A merged fix goes back to Sentry; otherwise, a poll. Either way one run record with what it counted.
    const merged = gate.value.mode === 'merged' ? gate.value.pr : undefined;
    const out = merged ? await resolveOnMerge(deps, sentry, merged) : await poll(deps, sentry);
    const counts: Record<string, number> = 'counts' in out ? { ...out.counts } : { resolvedInSentry: out.resolved.length };
    const outcome: AutomationResult['outcome'] = !out.ok ? 'failed' : out.wrote ? 'completed' : 'no-op';
    const record = buildRunRecord(
      {
        runId: deps.runId,
        automation: AUTOMATION,
        trigger,
        actor,
        repo,
        ...(merged ? { subject: { type: 'pr' as const, number: merged.number } } : {}),
        startedAt,
        finishedAt: deps.clock.now(),
        model: 'none',
        turns: 0,
        costUsd: 0,
        outcome: recordOutcome(outcome),
        counts,
      },
      deps.redactor,
    );
    await deps.records.write(record);
    return { outcome, summary: out.summary, details: out.details, records: [record] };
  };
}

function recordOutcome(outcome: AutomationResult['outcome']): RunOutcome {
  return outcome === 'completed' ? 'success' : outcome === 'no-op' ? 'no-op' : outcome === 'failed' ? 'failed' : 'skipped';
}

/** The Sentry client of a workflow run: config `sentry.baseUrl` and `sentry.org`, the token from SENTRY_AUTH_TOKEN. */
export function sentryFromEnv(env: NodeJS.ProcessEnv): IncidentPorts['sentry'] {
  return (deps) => {
    const token = env.SENTRY_AUTH_TOKEN?.trim();
    if (!token)
      throw new ConfigError('SENTRY_AUTH_TOKEN is not set: add the repository secret and pass it to the step as env SENTRY_AUTH_TOKEN');
    deps.redactor.learn([token]);
    return createSentryClient({ baseUrl: deps.config.sentry.baseUrl, token, org: deps.config.sentry.org ?? '' });
  };
}

export const run: AutomationRun = createRun({ sentry: sentryFromEnv(process.env) });
