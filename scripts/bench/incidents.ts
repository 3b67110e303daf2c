import { steadySeries } from '@software-factory/sentry-sandbox';
import { INCIDENT_LABELS } from '../../actions/incident-responder/src/render';
import { marker } from '../../actions/shared/github/markers';
import { startFactorySandbox } from '../harness';
import { sampleProductFiles } from '../harness/sample-product';
import { incidentConfigText, pricingError, sandboxIncidentRun, scheduleEvent, startIncidentSentry } from '../harness/scenarios/incidents';

/**
 * The incident responder against 500 Sentry issues, requests counted on both sandboxes (the same
 * on every machine). First run: all 500 are new, so it opens sentry.maxNewIssuesPerRun of them (the
 * most frequent) and reads the latest event of those only. Second run: every Sentry issue is
 * mirrored already (the rest are filed on GitHub between the runs), so it writes nothing.
 */

export const BENCH_SENTRY_ISSUES = 500;

export interface IncidentRunCount {
  sentryRequests: number;
  githubRequests: number;
  githubWrites: number;
  opened: number;
}

export interface IncidentsBench {
  first: IncidentRunCount;
  second: IncidentRunCount;
}

export async function incidentsBench(): Promise<IncidentsBench> {
  const sentry = await startIncidentSentry();
  const configText = incidentConfigText(sentry.url);
  const sandbox = await startFactorySandbox({ files: { ...sampleProductFiles(), '.github/factory.yml': configText }, configText });
  try {
    for (let i = 0; i < BENCH_SENTRY_ISSUES; i++) {
      sentry.seedIssue(
        pricingError(`TypeError: failure number ${i}`, { hourly: steadySeries(1 + (i % 7)), culprit: `step${i}(src/pricing)` }),
      );
    }
    const runOnce = async (): Promise<IncidentRunCount> => {
      const sentryFrom = sentry.requests().length;
      const githubFrom = sandbox.github.requests.length;
      const issuesBefore = sandbox.github.state.issues.length;
      const result = await sandboxIncidentRun(sentry)(sandbox.deps('incident-responder'), { event: scheduleEvent(sandbox) });
      if (result.outcome === 'failed') throw new Error(`incidents bench: ${result.summary}`);
      const github = sandbox.github.requests.slice(githubFrom).filter((r) => !r.path.includes('.git/'));
      return {
        sentryRequests: sentry.requests().length - sentryFrom,
        githubRequests: github.length,
        githubWrites: github.filter((r) => r.method !== 'GET' && !r.graphql).length,
        opened: sandbox.github.state.issues.length - issuesBefore,
      };
    };
    const first = await runOnce();
    // Between the runs, the remaining Sentry issues are filed on GitHub, as later runs would.
    const { owner, repo } = sandbox.repo;
    const mirrored = new Set(sandbox.github.state.issues.flatMap((i) => [...(/factory:sentry:(\d+)/.exec(i.body ?? '')?.slice(1) ?? [])]));
    for (const issue of sentry.issues()) {
      if (mirrored.has(issue.id)) continue;
      sandbox.github.state.createIssue(owner, repo, {
        title: `Incident: ${issue.title}`,
        body: marker({ kind: 'sentry', key: issue.id }),
        labels: [...INCIDENT_LABELS, 'priority:p2'],
        user: sandbox.config.trust.botLogin,
      });
    }
    const second = await runOnce();
    return { first, second };
  } finally {
    await sandbox.close();
    await sentry.close();
  }
}
