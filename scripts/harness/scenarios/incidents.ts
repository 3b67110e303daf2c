import {
  regression,
  spikeSeries,
  steadySeries,
  startSentrySandbox,
  warning,
  type SentrySandbox,
  type SeedIssue,
} from '@software-factory/sentry-sandbox';
import type { FactorySandbox } from '..';
import { createRun } from '../../../actions/incident-responder/src/run';
import { INCIDENT_LABELS } from '../../../actions/incident-responder/src/render';
import { parseEvent, type ParsedEvent } from '../../../actions/shared/events';
import { marker } from '../../../actions/shared/github/markers';
import { createSentryClient, type SentryPort } from '../../../actions/shared/sentry';
import type { AutomationRun } from '../../../actions/shared/automation/types';
import { onSandboxRepository, sandboxConfigText } from './fixtures';

/**
 * Sandbox fixtures for the incident responder: a Sentry sandbox next to the GitHub one, the
 * factory config that points at it, Sentry issues seeded the way production has them (errors with
 * stacks into the sample product, warnings, a regression and a spike of issues already mirrored on
 * GitHub, one below the thresholds), and the runs wired to it with a sleep that never waits.
 */

export const INCIDENT_ORG = 'acme';
export const INCIDENT_PROJECT = 'web';

/** The sample product's config with the `sentry` section pointing at the sandbox. */
export function incidentConfigText(sentryUrl: string, sentry: Record<string, unknown> = {}): string {
  return sandboxConfigText({
    sentry: {
      baseUrl: sentryUrl,
      org: INCIDENT_ORG,
      projects: [INCIDENT_PROJECT],
      minEvents: 5,
      minUsers: 1,
      maxNewIssuesPerRun: 5,
      spikeFactor: 5,
      ...sentry,
    },
    outputs: { allowedHosts: ['*.sentry.io'] },
  });
}

export function startIncidentSentry(opts: { now?: () => Date; strict?: boolean } = {}): Promise<SentrySandbox> {
  return startSentrySandbox({
    org: INCIDENT_ORG,
    projects: [INCIDENT_PROJECT, 'worker'],
    strict: opts.strict ?? true,
    ...(opts.now ? { now: opts.now } : {}),
  });
}

/** A Sentry port on the sandbox; `slept` collects the waits it asked for (none really happen). */
export function sandboxSentryPort(sentry: SentrySandbox, slept: number[] = []): SentryPort {
  return createSentryClient({
    baseUrl: sentry.url,
    token: sentry.token,
    org: sentry.org,
    sleep: async (ms) => {
      slept.push(ms);
    },
  });
}

/** The incident responder's run on the sandbox. */
export function sandboxIncidentRun(sentry: SentrySandbox, slept: number[] = []): AutomationRun {
  return createRun({ sentry: () => sandboxSentryPort(sentry, slept) });
}

export function scheduleEvent(sandbox: FactorySandbox): ParsedEvent {
  return parseEvent('schedule', { schedule: '*/15 * * * *' }, { repository: `${sandbox.repo.owner}/${sandbox.repo.repo}` });
}

/** An error of the sample product: `applyDiscount` in src/pricing.js, as a Node SDK reports it. */
export function pricingError(title: string, extra: Partial<SeedIssue> = {}): SeedIssue {
  const [type, ...rest] = title.split(': ');
  return {
    title,
    project: INCIDENT_PROJECT,
    culprit: 'applyDiscount(src/pricing)',
    hourly: steadySeries(2),
    userCount: 12,
    event: {
      exceptions: [
        {
          type: type!,
          value: rest.join(': '),
          frames: [
            { filename: 'node:internal/process/task_queues', function: 'processTicksAndRejections', lineNo: 95, inApp: false },
            { filename: '/srv/app/src/checkout.js', function: 'checkout', lineNo: 40 },
            { filename: 'app:///src/pricing.js', function: 'applyDiscount', lineNo: 14 },
          ],
        },
      ],
      breadcrumbs: [{ category: 'http', message: 'POST /api/checkout' }],
      tags: { browser: 'Firefox 132', environment: 'production' },
      release: 'shop@4.2.0',
      environment: 'production',
      user: { email: 'ann@example.com', ip_address: '203.0.113.9' },
    },
    ...extra,
  };
}

/** A GitHub issue the factory opened for a Sentry issue earlier (closed as done when `closed`). */
export async function mirrorOnGitHub(
  sandbox: FactorySandbox,
  sentryId: string,
  title: string,
  opts: { closed?: boolean } = {},
): Promise<number> {
  const { writer } = sandbox.client();
  const issue = await writer.createIssue({
    title: `Incident: ${title}`,
    body: `${marker({ kind: 'sentry', key: sentryId })}\nSentry issue \`sentry:${sentryId}\``,
    labels: [...INCIDENT_LABELS, 'priority:p2'],
  });
  if (opts.closed) await writer.updateIssue(issue.number, { state: 'closed', stateReason: 'completed' });
  return issue.number;
}

export interface SeededIncidents {
  errors: string[];
  warnings: string[];
  regressed: { sentryId: string; issue: number };
  spiking: { sentryId: string; issue: number };
  below: string;
}

/**
 * Three errors and two warnings never mirrored, a regression of a mirrored issue (closed on
 * GitHub), a spike of another (open on GitHub) and an error below the thresholds.
 * `now` is the Sentry sandbox's clock: the regression's last event is after the GitHub close.
 */
export async function seedIncidents(sandbox: FactorySandbox, sentry: SentrySandbox, now: Date): Promise<SeededIncidents> {
  const errors = [
    sentry.seedIssue(pricingError('TypeError: Cannot read properties of undefined (reading price)', { count: 240 })).id,
    sentry.seedIssue(pricingError('RangeError: percent must be between 0 and 100', { count: 60, culprit: 'applyDiscount(src/pricing)' }))
      .id,
    sentry.seedIssue(pricingError('Error: payment provider timeout', { count: 30, culprit: 'charge(src/payments)' })).id,
  ];
  const warnings = [
    sentry.seedIssue(warning(pricingError('Warning: slow checkout total', { count: 80, culprit: 'cartTotal(src/pricing)' }))).id,
    sentry.seedIssue(warning(pricingError('DeprecationWarning: Buffer() is deprecated', { count: 20, culprit: 'formatPrice(src/format)' })))
      .id,
  ];
  const regressedSeed = sentry.seedIssue(
    regression(
      pricingError('TypeError: total.toFixed is not a function', {
        count: 90,
        culprit: 'formatPrice(src/format)',
        lastSeen: new Date(now.getTime() - 60_000).toISOString(),
      }),
      now,
    ),
  );
  const spikingSeed = sentry.seedIssue(
    pricingError('Error: inventory service unavailable', {
      hourly: spikeSeries({ baseline: 2, spike: 60 }),
      culprit: 'reserve(src/inventory)',
    }),
  );
  const below = sentry.seedIssue(
    pricingError('Error: rare glitch', { count: 2, hourly: [1, 1], userCount: 1, culprit: 'glitch(src/rare)' }),
  ).id;
  const regressedIssue = await mirrorOnGitHub(sandbox, regressedSeed.id, regressedSeed.title, { closed: true });
  const spikingIssue = await mirrorOnGitHub(sandbox, spikingSeed.id, spikingSeed.title);
  return {
    errors,
    warnings,
    regressed: { sentryId: regressedSeed.id, issue: regressedIssue },
    spiking: { sentryId: spikingSeed.id, issue: spikingIssue },
    below,
  };
}

/** The CLI's event without `--event`: the 15-minute schedule. */
export const INCIDENT_SCHEDULE_EVENT = { name: 'schedule', payload: { schedule: '*/15 * * * *' }, source: 'the 15-minute schedule' };

/**
 * The CLI on the sandbox (`factory run incident-responder --sandbox`): `setUp` starts a Sentry
 * sandbox next to the GitHub one and seeds it (seedIncidents), `run` points the config's `sentry`
 * section at it, runs the responder, and closes the Sentry sandbox.
 */
export function incidentsCli(): {
  run: AutomationRun;
  setUp(
    sandbox: FactorySandbox,
    event: { name: string; payload: Record<string, unknown>; source: string },
  ): Promise<{ name: string; payload: Record<string, unknown>; source: string }>;
} {
  let sentry: SentrySandbox | undefined;
  return {
    async setUp(sandbox, event) {
      // Sentry's clock an hour ahead of GitHub's: the seeded regression's last event follows its GitHub close.
      sentry = await startIncidentSentry({ now: () => new Date(Date.now() + 3600_000), strict: false });
      await seedIncidents(sandbox, sentry, new Date(Date.now() + 3600_000));
      return onSandboxRepository(
        sandbox,
        event,
        `on a Sentry sandbox seeded with 3 errors, 2 warnings, a regression, a spike and one below the thresholds`,
      );
    },
    async run(deps, inputs) {
      // No Sentry sandbox (a workflow run of the demo, not the CLI's): the responder as configured,
      // which skips where it is off or has no Sentry organization; a Sentry request would be an error.
      if (!sentry) return createRun({ sentry: () => unconfiguredSentry() })(deps, inputs);
      const config = {
        ...deps.config,
        sentry: { ...deps.config.sentry, baseUrl: sentry.url, org: INCIDENT_ORG, projects: [INCIDENT_PROJECT], minEvents: 5, minUsers: 1 },
      };
      try {
        return await sandboxIncidentRun(sentry)({ ...deps, config }, inputs);
      } finally {
        await sentry.close();
        sentry = undefined;
      }
    },
  };
}

/** A Sentry port for a run that has no Sentry: any request is an error naming the missing setup. */
function unconfiguredSentry(): SentryPort {
  const fail = (): never => {
    throw new Error('no Sentry sandbox in this run (the CLI starts one with `factory run incident-responder --sandbox`)');
  };
  return { org: '', listIssues: fail, latestEvent: fail, updateIssue: fail };
}
