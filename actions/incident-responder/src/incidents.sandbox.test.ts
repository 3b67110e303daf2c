import type { SentrySandbox } from '@software-factory/sentry-sandbox';
import { startFactorySandbox, type FactorySandbox } from '../../../scripts/harness';
import { sampleProductFiles } from '../../../scripts/harness/sample-product';
import {
  incidentConfigText,
  sandboxIncidentRun,
  scheduleEvent,
  seedIncidents,
  startIncidentSentry,
  type SeededIncidents,
} from '../../../scripts/harness/scenarios/incidents';
import type { RunRecord } from '../../shared/record/run-record';

/**
 * The incident responder against the Sentry sandbox (Sentry's contract) and the GitHub sandbox
 * (GitHub's): seeded Sentry issues become deduplicated GitHub issues, regressions reopen, spikes
 * comment once per hour, and a second run writes nothing.
 */

const REPO = 'acme/shop';
/** Sentry's clock runs an hour ahead of GitHub's: the regression's last event follows the GitHub close. */
const SENTRY_NOW = () => new Date(Date.now() + 3600_000);

let sandbox: FactorySandbox;
let sentry: SentrySandbox;

async function start(sentryConfig: Record<string, unknown> = {}): Promise<void> {
  sentry = await startIncidentSentry({ now: SENTRY_NOW });
  const configText = incidentConfigText(sentry.url, sentryConfig);
  sandbox = await startFactorySandbox({ files: { ...sampleProductFiles(), '.github/factory.yml': configText }, configText });
}

afterEach(async () => {
  await sandbox.close();
  await sentry.close();
});

const incidents = () => sandbox.github.state.issues.filter((i) => i.repo === REPO && i.labels.includes('source:sentry'));
const commentsOn = (n: number) => sandbox.github.state.comments.filter((c) => c.issueNumber === n);
const githubWrites = () => sandbox.github.requests.filter((r) => r.method !== 'GET' && !r.graphql);
const sentryReads = () => sentry.requests().filter((r) => r.method === 'GET');

async function runOnce(slept: number[] = []) {
  const deps = sandbox.deps('incident-responder');
  const result = await sandboxIncidentRun(sentry, slept)(deps, { event: scheduleEvent(sandbox) });
  return { result, record: deps.records.records.at(-1) as RunRecord | undefined };
}

describe('incident responder on the Sentry and GitHub sandboxes', () => {
  let seeded: SeededIncidents;

  it('opens one issue per new Sentry issue, reopens the regression, comments once on the spike, skips one below the thresholds; the second run writes nothing', async () => {
    await start();
    seeded = await seedIncidents(sandbox, sentry, SENTRY_NOW());
    const before = incidents().length;
    sandbox.github.requests.length = 0;
    const readsBefore = sentryReads().length;

    const { result, record } = await runOnce();
    expect(result.outcome).toBe('completed');
    const opened = incidents().slice(before);
    expect(opened).toHaveLength(5);
    for (const issue of opened) {
      expect(issue.labels).toEqual(expect.arrayContaining(['type:incident', 'source:sentry']));
      expect(issue.labels.filter((l) => l.startsWith('priority:'))).toHaveLength(1);
      expect(issue.user).toBe(sandbox.config.trust.botLogin);
    }
    const ids = [...seeded.errors, ...seeded.warnings];
    for (const id of ids) expect(opened.filter((i) => i.body?.includes(`<!-- factory:sentry:${id} `))).toHaveLength(1);
    expect(opened.some((i) => i.body?.includes(`factory:sentry:${seeded.below} `))).toBe(false);

    // The body: Sentry link, first/last seen, expected vs observed, the stack mapped to the repository, personal data scrubbed.
    const top = opened.find((i) => i.body?.includes(`factory:sentry:${seeded.errors[0]} `))!;
    expect(top.title).toMatch(/^Incident: TypeError: Cannot read properties of undefined \(reading price\) \(WEB-[0-9A-Z]+\)$/);
    expect(top.labels).toContain('priority:p1');
    expect(top.body).toContain(`https://acme.sentry.io/issues/${seeded.errors[0]}/`);
    expect(top.body).toContain('**First seen:**');
    expect(top.body).toContain('### Expected vs observed');
    expect(top.body).toContain('src/pricing.js:14 in applyDiscount');
    expect(top.body).toContain('/srv/app/src/checkout.js:40 in checkout (not in this repository)');
    expect(top.body).not.toContain('processTicksAndRejections');
    expect(top.body).toContain('- `src/pricing.js` line 14');
    expect(top.body).not.toContain('ann@example.com');
    expect(top.body).not.toContain('203.0.113.9');
    const warningIssue = opened.find((i) => i.body?.includes(`factory:sentry:${seeded.warnings[1]} `))!;
    expect(warningIssue.labels).toContain('priority:p3');

    // The regression is reopened with a comment; the spike gets one comment.
    expect(sandbox.github.state.findIssue(REPO, seeded.regressed.issue)).toMatchObject({ state: 'open' });
    expect(commentsOn(seeded.regressed.issue)).toHaveLength(1);
    expect(commentsOn(seeded.regressed.issue)[0]!.body).toContain(
      '**Regression:** Sentry marks it regressed after the GitHub issue was closed',
    );
    expect(commentsOn(seeded.spiking.issue)).toHaveLength(1);
    expect(commentsOn(seeded.spiking.issue)[0]!.body).toMatch(/\*\*Spike:\*\* 60 event\(s\) in the hour from \d{4}-\d\d-\d\dT\d\d:00Z/);
    expect(result.details.join('\n')).toContain(
      `skipped ${sentry.issue(seeded.below)!.shortId} (sentry:${seeded.below}): 2 event(s), fewer than sentry.minEvents (5)`,
    );

    expect(record?.counts).toMatchObject({
      errorsSeen: 6,
      warningsSeen: 2,
      mirrored: 5,
      skippedByThreshold: 1,
      updated: 2,
      regressions: 1,
      spikes: 1,
    });
    expect(sentryReads().length - readsBefore).toBeLessThanOrEqual(10);
    expect(githubWrites().map((w) => w.operationId)).toEqual(
      expect.arrayContaining(['issues/create', 'issues/update', 'issues/create-comment']),
    );

    // Second run: nothing is written.
    sandbox.github.requests.length = 0;
    const second = await runOnce();
    expect(second.result.outcome).toBe('no-op');
    expect(githubWrites()).toEqual([]);
    expect(incidents()).toHaveLength(before + 5);
    expect(commentsOn(seeded.spiking.issue)).toHaveLength(1);
    expect(commentsOn(seeded.regressed.issue)).toHaveLength(1);
    expect(second.record?.counts).toMatchObject({ mirrored: 0, updated: 0 });
  });
});
