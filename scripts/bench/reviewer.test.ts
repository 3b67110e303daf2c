import { benchFiles, benchPush, REVIEWER_BENCH_LINES, REVIEWER_BENCH_PUSH_LINES, reviewerBench } from './reviewer';

describe('reviewer bench', () => {
  it('builds a 3,000-line change in several files and a 20-line push', () => {
    const files = benchFiles();
    expect(Object.keys(files).length).toBeGreaterThan(3);
    const lines = Object.values(files).reduce((n, text) => n + text.trimEnd().split('\n').length, 0);
    expect(lines).toBe(REVIEWER_BENCH_LINES);
    const [[path, pushed]] = Object.entries(benchPush(files)) as [[string, string]];
    const before = files[path]!.split('\n');
    const changed = pushed.split('\n').filter((l, i) => l !== before[i]);
    expect(changed).toHaveLength(REVIEWER_BENCH_PUSH_LINES);
  });

  it('meets its targets: each dimension within review.tokenBudget, at most 15 GitHub requests, a re-review at most a quarter of the first', async () => {
    const report = await reviewerBench();
    for (const figure of [report.inputTokensPerDimension, report.githubRequests, report.incrementalShare, report.budgetTokens]) {
      expect(Number.isFinite(figure) && figure > 0).toBe(true);
    }
    expect(report.budgetTokens).toBe(40_000);
    expect(Object.keys(report.inputTokensByDimension).sort()).toEqual(['architecture', 'correctness', 'security', 'tests']);
    expect(report.inputTokensPerDimension).toBeLessThanOrEqual(report.budgetTokens);
    expect(report.githubRequests).toBeLessThanOrEqual(15);
    expect(report.incrementalShare).toBeLessThanOrEqual(0.25);
  });

  it("keeps each dimension's whole input within review.tokenBudget when the diff is larger: the diff gets what the prompt leaves", async () => {
    // 6,000 lines in 120 small files: the packing fills the budget closely.
    const report = await reviewerBench({ lines: 6000, files: 120 });
    expect(report.inputTokensPerDimension).toBeLessThanOrEqual(report.budgetTokens);
    expect(report.inputTokensPerDimension).toBeGreaterThan(report.budgetTokens * 0.95);
  });
});
