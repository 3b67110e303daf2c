import { builderBench, builderBenchMedian } from './builder';

describe('builder bench', () => {
  it('runs one issue to a pull request and reports GitHub requests and harness time', async () => {
    const { githubRequests, harnessMs } = await builderBench();
    // Every run reads and writes GitHub (claim, labels, PR...), and spends time outside the model.
    expect(githubRequests).toBeGreaterThan(10);
    expect(Number.isFinite(harnessMs) && harnessMs > 0).toBe(true);
  });

  it('reports medians over several runs, as `npm run bench` prints them', async () => {
    const report = await builderBenchMedian(2);
    expect(report.runs).toBe(2);
    expect(report.harnessMsRuns).toHaveLength(2);
    expect(report.githubRequests).toBeGreaterThan(10);
    expect(report.harnessMs).toBe(Math.round((report.harnessMsRuns[0]! + report.harnessMsRuns[1]!) / 2));
  });
});
