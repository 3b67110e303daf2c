import { builderBench } from './builder';

describe('builder bench', () => {
  it('runs one issue to a pull request and reports GitHub requests and harness time', async () => {
    const { githubRequests, harnessMs } = await builderBench();
    // Every run reads and writes GitHub (claim, labels, PR...), and spends time outside the model.
    expect(githubRequests).toBeGreaterThan(10);
    expect(Number.isFinite(harnessMs) && harnessMs > 0).toBe(true);
  });
});
