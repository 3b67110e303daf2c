import { performance } from 'node:perf_hooks';
import { run } from '../../actions/feature-builder/src/run';
import { BUILDER_SANDBOX_CONFIG, builderSandboxScenario } from '../harness/scenarios/builder';
import type { ModelClient } from '../../actions/shared/agent/model';
import { parseEvent } from '../../actions/shared/events';
import { startFactorySandbox } from '../harness';
import { SAMPLE_BUG } from '../harness/sample-product';
import { median } from './coldstart';

/** A model client that adds up the wall time spent inside model requests. */
export function timedModel(inner: ModelClient): { client: ModelClient; elapsedMs(): number } {
  let spent = 0;
  const client: ModelClient = {
    model: inner.model,
    maxTokens: inner.maxTokens,
    ...(inner.fallbackModel !== undefined ? { fallbackModel: inner.fallbackModel } : {}),
    async create(params, options) {
      const start = performance.now();
      try {
        return await inner.create(params, options);
      } finally {
        spent += performance.now() - start;
      }
    },
  };
  return { client, elapsedMs: () => spent };
}

/**
 * One issue -> pull request run of the feature builder on the sandboxes (real Octokit, real
 * Anthropic SDK, real git). `githubRequests`: requests the GitHub sandbox received during the
 * run; `harnessMs`: the run's wall time minus the time spent inside model requests (the
 * factory's own overhead: GitHub calls, git, the test command, policy).
 */
export async function builderBench(): Promise<{ githubRequests: number; harnessMs: number }> {
  const sandbox = await startFactorySandbox({ scenario: builderSandboxScenario(), configText: BUILDER_SANDBOX_CONFIG });
  try {
    sandbox.github.state.setAssociation('alice', 'MEMBER');
    sandbox.github.state.createIssue('acme', 'shop', {
      title: SAMPLE_BUG.title,
      body: SAMPLE_BUG.body,
      user: 'alice',
      labels: ['factory:ready', 'type:bug'],
    });
    const deps = sandbox.deps('feature-builder');
    const model = timedModel(deps.model!);
    const event = parseEvent('schedule', { schedule: '7 * * * *' }, { repository: `${sandbox.repo.owner}/${sandbox.repo.repo}` });
    sandbox.github.resetRequests();
    const start = performance.now();
    const result = await run({ ...deps, model: model.client }, { event, issueNumber: 1 });
    const wallMs = performance.now() - start;
    if (result.outcome !== 'completed') throw new Error(`builder bench: expected a pull request, got ${result.outcome}: ${result.summary}`);
    return { githubRequests: sandbox.github.requests.length, harnessMs: Math.round(wallMs - model.elapsedMs()) };
  } finally {
    await sandbox.close();
  }
}

export interface BuilderBenchReport {
  /** Requests the GitHub sandbox received in one issue -> PR run (the median over the runs). */
  githubRequests: number;
  /** Median harness time (run wall time minus time inside model requests), in ms. */
  harnessMs: number;
  harnessMsRuns: number[];
  runs: number;
}

/** builderBench `runs` times (each on a fresh sandbox), reported as medians. */
export async function builderBenchMedian(runs = 3): Promise<BuilderBenchReport> {
  const results: { githubRequests: number; harnessMs: number }[] = [];
  for (let i = 0; i < runs; i++) results.push(await builderBench());
  return {
    githubRequests: median(results.map((r) => r.githubRequests)),
    harnessMs: Math.round(median(results.map((r) => r.harnessMs))),
    harnessMsRuns: results.map((r) => r.harnessMs),
    runs,
  };
}
