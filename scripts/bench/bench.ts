import { join } from 'node:path';
import { agentBench } from './agent';
import { builderBenchMedian } from './builder';
import { measureColdStart } from './coldstart';
import { incidentsBench } from './incidents';
import { loopBench } from './loop';
import { metricsBench } from './metrics';
import { plannerBench } from './planner';
import { postMergeBench } from './post-merge';
import { reviewerBench } from './reviewer';
import { sandboxBench } from './sandbox';
import { shepherdBench } from './shepherd';

/**
 * `npm run -s bench`: progress on stderr, one JSON object as the last line of stdout.
 * Medians and ratios are measured within this one run (machines are shared and noisy).
 */
async function main(): Promise<void> {
  const root = join(new URL('.', import.meta.url).pathname, '..', '..');
  const progress = (m: string) => process.stderr.write(`bench: ${m}\n`);
  progress('cold start of each built action vs `node -e 0`');
  const cold = measureColdStart(root);
  const out: Record<string, unknown> = { ...cold };
  progress('agent: a 10-turn scripted run on the sandboxes (prompt caching)');
  out.agent = await agentBench();
  progress('planner: sweep over a backlog of 1,000 issues');
  out.planner = await plannerBench();
  progress('reviewer: a 3,000-line pull request reviewed, then re-reviewed after a 20-line push (tokens and requests, counted)');
  const reviewer = await reviewerBench();
  out.reviewer = {
    inputTokensPerDimension: reviewer.inputTokensPerDimension,
    githubRequests: reviewer.githubRequests,
    incrementalShare: reviewer.incrementalShare,
    budgetTokens: reviewer.budgetTokens,
  };
  progress("builder: one ready issue -> pull request, 3 runs (real git, the sample product's tests)");
  out.builder = await builderBenchMedian(3);
  progress('loop: the demo, issue -> review -> fixes -> merged, event-driven on the sandboxes');
  out.loop = await loopBench();
  progress('postMerge: one verification of a merge that breaks a smoke check (requests, counted)');
  out.postMerge = { githubRequests: (await postMergeBench()).githubRequests };
  progress(
    'incidents: 500 Sentry issues, the first run (capped by sentry.maxNewIssuesPerRun), then one with all mirrored (requests, counted)',
  );
  const incidents = await incidentsBench();
  out.incidents = {
    sentryRequests: incidents.first.sentryRequests,
    githubRequests: incidents.first.githubRequests,
    opened: incidents.first.opened,
    second: {
      sentryRequests: incidents.second.sentryRequests,
      githubRequests: incidents.second.githubRequests,
      writes: incidents.second.githubWrites,
    },
  };
  progress('shepherd: the hourly sweep over 200 open pull requests and 20 claimed issues (requests, counted)');
  out.shepherd = { githubRequests: (await shepherdBench()).githubRequests };
  progress(
    'metrics: the daily dashboard over 30 days of a repository with 300 pull requests, first run then the next day (requests, counted)',
  );
  const metrics = await metricsBench(300);
  out.metrics = { githubRequests: metrics.githubRequests, firstRunGithubRequests: metrics.firstRunGithubRequests };
  progress('sandbox: `node -e 0` in bubblewrap vs directly, 15 runs each, interleaved');
  const sandbox = await sandboxBench(15);
  out.sandboxExecMs = sandbox.sandboxExecMs;
  out.sandbox = sandbox;
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
