import { agentBench } from '../../scripts/bench/agent';

/** The agent benchmark runs on the sandboxes and meets its prompt-cache target. */
test('agentBench: 10 turns, 10 requests, most input served from the prompt cache', async () => {
  const result = await agentBench();
  expect(result.turns).toBe(10);
  expect(result.requests).toBe(10);
  expect(result.inputTokens).toBeGreaterThan(10 * 1024);
  expect(result.cacheReadShare).toBeGreaterThanOrEqual(0.8);
  expect(result.cacheReadShare).toBeLessThan(1);
});
