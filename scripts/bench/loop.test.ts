import { loopBench } from './loop';

describe('loop bench', () => {
  it('reports the requests of the demo issue from opened to merged, split by automation', async () => {
    const result = await loopBench();
    expect(result.merged).toBe(true);
    expect(result.githubRequests).toBeGreaterThan(0);
    expect(result.gitRequests).toBeGreaterThan(0);
    // Issue 12's target: the issue's whole loop in at most 80 API requests (a count, not a time).
    expect(result.githubRequests).toBeLessThanOrEqual(result.target);
    // Every API request belongs to a step of some automation.
    expect(Object.values(result.byAutomation).reduce((a, b) => a + b, 0)).toBe(result.githubRequests);
    expect(Object.keys(result.byAutomation)).toEqual(
      expect.arrayContaining(['feature-planner', 'feature-builder', 'pr-reviewer', 'review-resolver', 'merge-gate']),
    );
  });
});
