import { ConfigError } from '../errors';
import type { Clock } from '../ports';
import { BudgetTracker, cacheReadShare, costUsd, findPrice, fromApiUsage, worstPrice, type ModelPrice, type TokenUsage } from './budget';

const SONNET: ModelPrice = { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 };
const OPUS: ModelPrice = { input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75 };

function usage(p: Partial<TokenUsage>): TokenUsage {
  return { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, ...p };
}

function clockAt(ms: number): Clock & { set(ms: number): void } {
  let t = ms;
  return { now: () => new Date(t), sleep: async () => {}, set: (v) => (t = v) };
}

describe('costUsd', () => {
  it('prices each kind of token per million', () => {
    expect(costUsd(usage({ inputTokens: 1_000_000 }), SONNET)).toBe(3);
    expect(costUsd(usage({ outputTokens: 1_000_000 }), SONNET)).toBe(15);
    expect(costUsd(usage({ cacheReadTokens: 1_000_000 }), SONNET)).toBeCloseTo(0.3, 12);
    expect(costUsd(usage({ cacheWriteTokens: 1_000_000 }), SONNET)).toBe(3.75);
    expect(costUsd(usage({ inputTokens: 2000, outputTokens: 500, cacheReadTokens: 10_000, cacheWriteTokens: 4000 }), SONNET)).toBeCloseTo(
      (2000 * 3 + 500 * 15 + 10_000 * 0.3 + 4000 * 3.75) / 1e6,
      12,
    );
    expect(costUsd(usage({}), SONNET)).toBe(0);
  });

  it('reads the API usage object, missing cache fields as zero', () => {
    expect(fromApiUsage({ input_tokens: 5, output_tokens: 7, cache_read_input_tokens: null })).toEqual(
      usage({ inputTokens: 5, outputTokens: 7 }),
    );
  });
});

describe('prices', () => {
  it('finds a price by exact id or by the longest prefix of a dated id', () => {
    const prices = { claude: OPUS, 'claude-sonnet-4-5': SONNET };
    expect(findPrice(prices, 'claude-sonnet-4-5')).toBe(SONNET);
    expect(findPrice(prices, 'claude-sonnet-4-5-20250929')).toBe(SONNET);
    expect(findPrice(prices, 'claude-opus-4')).toBe(OPUS);
    expect(findPrice(prices, 'gpt')).toBeUndefined();
  });

  it('takes the most expensive price among the models that may answer', () => {
    expect(worstPrice({ a: SONNET, b: OPUS }, ['a', 'b'])).toEqual(OPUS);
    expect(worstPrice({ a: SONNET }, ['a', 'unknown'])).toEqual(SONNET);
    expect(worstPrice({}, ['a'])).toBeUndefined();
  });
});

describe('cacheReadShare', () => {
  it('is cache reads over all input', () => {
    expect(
      cacheReadShare([
        usage({ inputTokens: 100, cacheReadTokens: 800, cacheWriteTokens: 100 }),
        usage({ inputTokens: 50, cacheReadTokens: 900, cacheWriteTokens: 50, outputTokens: 999 }),
      ]),
    ).toBeCloseTo(1700 / 2000, 12);
    expect(cacheReadShare([])).toBe(0);
  });
});

describe('BudgetTracker', () => {
  const clock = clockAt(0);

  it('allows exactly maxTurns requests', () => {
    const t = new BudgetTracker({ maxTurns: 2 }, { clock });
    expect(t.check({ inputTokens: 10, maxTokens: 100 })).toEqual({ ok: true, maxTokens: 100 });
    t.record(usage({}), SONNET);
    expect(t.check({ inputTokens: 10, maxTokens: 100 }).ok).toBe(true);
    t.record(usage({}), SONNET);
    expect(t.check({ inputTokens: 10, maxTokens: 100 })).toMatchObject({
      ok: false,
      stop: { budget: 'turns', limit: 2, used: 2 },
    });
  });

  it('stops when the next request could pass the input budget, counting cached input too', () => {
    const t = new BudgetTracker({ maxTurns: 10, maxInputTokens: 10_000 }, { clock });
    t.record(usage({ inputTokens: 1000, cacheReadTokens: 5000, cacheWriteTokens: 1000 }), SONNET);
    expect(t.check({ inputTokens: 3000, maxTokens: 100 }).ok).toBe(true);
    expect(t.check({ inputTokens: 3001, maxTokens: 100 })).toMatchObject({
      ok: false,
      stop: { budget: 'inputTokens', limit: 10_000, used: 7000 },
    });
  });

  it('lowers max_tokens to the output left, and stops below the useful minimum', () => {
    const t = new BudgetTracker({ maxTurns: 10, maxOutputTokens: 5000, minOutputTokens: 1000 }, { clock });
    t.record(usage({ outputTokens: 3500 }), SONNET);
    expect(t.check({ inputTokens: 0, maxTokens: 4000 })).toEqual({ ok: true, maxTokens: 1500 });
    t.record(usage({ outputTokens: 600 }), SONNET);
    expect(t.check({ inputTokens: 0, maxTokens: 4000 })).toMatchObject({
      ok: false,
      stop: { budget: 'outputTokens', used: 4100 },
    });
  });

  it('prices the worst case of the next request: no cache hit, full output', () => {
    const t = new BudgetTracker({ maxTurns: 10, maxUsd: 1 }, { clock, price: SONNET });
    // 100k input at the cache-write price ($0.375) + 20k output ($0.30) = $0.675 <= $1
    expect(t.check({ inputTokens: 100_000, maxTokens: 20_000 })).toEqual({ ok: true, maxTokens: 20_000 });
    t.record(usage({ cacheReadTokens: 100_000, outputTokens: 10_000 }), SONNET); // $0.18
    // $0.82 left: 100k input worst case $0.375, so at most floor(0.445 / 15e-6) = 29_666 output
    expect(t.check({ inputTokens: 100_000, maxTokens: 40_000 })).toEqual({ ok: true, maxTokens: 29_666 });
    t.record(usage({ inputTokens: 100_000, outputTokens: 29_666 }), SONNET); // $0.74499
    expect(t.costUsd).toBeLessThanOrEqual(1);
    // $0.075 left cannot pay even for the input of the next request
    expect(t.check({ inputTokens: 100_000, maxTokens: 1000 })).toMatchObject({
      ok: false,
      stop: { budget: 'usd', limit: 1 },
    });
  });

  it('stops on the wall clock from the injected clock', () => {
    const c = clockAt(1_000_000);
    const t = new BudgetTracker({ maxTurns: 10, maxMinutes: 2 }, { clock: c });
    c.set(1_000_000 + 119_000);
    expect(t.check({ inputTokens: 0, maxTokens: 10 }).ok).toBe(true);
    expect(t.remainingMs()).toBe(1000);
    c.set(1_000_000 + 120_000);
    expect(t.check({ inputTokens: 0, maxTokens: 10 })).toMatchObject({
      ok: false,
      stop: { budget: 'minutes', limit: 2, used: 2 },
    });
  });

  it('rejects a USD budget without a price, and invalid limits, naming the field', () => {
    expect(() => new BudgetTracker({ maxTurns: 1, maxUsd: 1 }, { clock })).toThrow(ConfigError);
    expect(() => new BudgetTracker({ maxTurns: 1, maxUsd: 1 }, { clock })).toThrow(/prices: .*maxUsd/);
    expect(() => new BudgetTracker({ maxTurns: 1.5 }, { clock })).toThrow(/budgets\.maxTurns: must be a non-negative integer/);
    expect(() => new BudgetTracker({ maxTurns: 1, maxMinutes: -1 }, { clock })).toThrow(/budgets\.maxMinutes/);
  });
});
