import { run } from '../../actions/metrics/src/run';
import { parseEvent } from '../../actions/shared/events';
import { startFactorySandbox } from '../harness';
import { seedMetricsHistory } from '../harness/scenarios/metrics';
import { artifactFiles, artifactName, runRecordFor } from '../harness/scenarios/metrics-records';
import { ManualClock } from '../harness/scenarios/shepherd';

/**
 * Metrics on a repository with 300 pull requests over 30 days (and their issues, two run-record
 * artifacts a day): the first run, which downloads every artifact of the window, and the next
 * day's, which downloads only what was uploaded since (the dashboard carries the sums). Counted
 * API requests, the same on every machine.
 */
export async function metricsBench(pulls = 300): Promise<{ githubRequests: number; firstRunGithubRequests: number; requests: string[] }> {
  const now = '2026-12-07T12:00:00Z';
  const clock = new ManualClock(now);
  const sandbox = await startFactorySandbox({ clock });
  try {
    await seedMetricsHistory(sandbox, { now: new Date(now), pulls });
    const event = parseEvent('schedule', { schedule: '11 6 * * *' }, { repository: 'acme/shop' });
    const counted = async (): Promise<string[]> => {
      const from = sandbox.github.requests.length;
      const result = await run(sandbox.deps('metrics', { clock }), { event });
      if (result.outcome !== 'completed') throw new Error(`metrics bench: ${result.outcome}: ${result.summary}`);
      return sandbox.github.requests
        .slice(from)
        .filter((r) => !r.path.includes('.git/') && !r.path.startsWith('/_sandbox/'))
        .map((r) => `${r.method} ${r.route ?? r.path}${r.operationName ? ` ${r.operationName}` : ''}`);
    };
    const first = await counted();
    // The next day: two more runs uploaded their records.
    clock.advance(24 * 60);
    for (const [k, automation] of ['feature-planner', 'pr-reviewer'].entries()) {
      const record = runRecordFor({ runId: `${9900 + k}-1`, automation, startedAt: clock.now().toISOString() });
      sandbox.github.state.addArtifact('acme', 'shop', { name: artifactName(record), files: artifactFiles(record) });
    }
    const requests = await counted();
    return { githubRequests: requests.length, firstRunGithubRequests: first.length, requests };
  } finally {
    await sandbox.close();
  }
}
