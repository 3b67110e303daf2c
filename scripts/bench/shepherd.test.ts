import { shepherdBench, SHEPHERD_BENCH_PRS } from './shepherd';

describe('shepherd bench', () => {
  it('sweeps 200 open pull requests and 20 claimed issues in four reads: the repository, two pages of pull requests, one of issues', async () => {
    const { githubRequests, requests, prs, summary } = await shepherdBench();
    expect(prs).toBe(SHEPHERD_BENCH_PRS);
    expect(summary).toMatch(/^200 open pull request\(s\) read; 0 step\(s\) taken/);
    expect(requests).toEqual([
      'GET /repos/{owner}/{repo}',
      'POST FactorySweepIssues',
      'POST FactorySweepPullRequests',
      'POST FactorySweepPullRequests',
    ]);
    expect(githubRequests).toBeLessThanOrEqual(25);
  });
});
