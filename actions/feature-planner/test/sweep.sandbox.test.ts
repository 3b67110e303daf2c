import type { FactorySandbox } from '../../../scripts/harness';
import { plannerBench, readyIssues, scheduleRun, seedWorstCase, startSweepSandbox } from '../../../scripts/bench/planner';

let sandbox: FactorySandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('scheduled sweep of a 1,000-issue backlog', () => {
  it('reads the backlog with few GraphQL requests, triages at most the cap, and the next run continues', async () => {
    sandbox = await startSweepSandbox(1000);
    sandbox.github.resetRequests();
    const first = await scheduleRun(sandbox);
    expect(sandbox.github.requests.filter((r) => r.graphql).length).toBeLessThanOrEqual(12);
    expect(first.outcome).toBe('completed');
    // Oldest first: issues 1..10, each with its plan comment.
    expect(readyIssues(sandbox)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(sandbox.github.state.comments.filter((c) => c.body.includes('factory:feature-planner:plan'))).toHaveLength(10);

    sandbox.github.resetRequests();
    await scheduleRun(sandbox);
    expect(sandbox.github.requests.filter((r) => r.graphql).length).toBeLessThanOrEqual(12);
    expect(readyIssues(sandbox)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(sandbox.github.violations).toEqual([]);
  });

  it('worst case: 250 needs-info, 990 dormant triaged and 10 lost new issues: at most 12 reads, and the lost ones are triaged', async () => {
    sandbox = await startSweepSandbox(0);
    const { lost } = seedWorstCase(sandbox);
    sandbox.github.resetRequests();
    const result = await scheduleRun(sandbox);
    expect(sandbox.github.requests.filter((r) => r.graphql).length).toBeLessThanOrEqual(12);
    expect(result.outcome).toBe('completed');
    expect(readyIssues(sandbox).sort((a, b) => a - b)).toEqual(lost);
    expect(sandbox.github.violations).toEqual([]);
  });

  it('plannerBench reports the same numbers', async () => {
    const result = await plannerBench();
    expect(result).toEqual({
      backlogIssues: 1000,
      readRequests: expect.any(Number),
      triaged: 10,
      worstCase: { openIssues: 1250, readRequests: expect.any(Number), lostTriaged: 10 },
    });
    expect(result.readRequests).toBeLessThanOrEqual(12);
    expect(result.worstCase.readRequests).toBeLessThanOrEqual(12);
  });
});
