import type { Usage } from '@anthropic-ai/sdk/resources/messages';
import { ConfigError } from '../errors';
import type { Clock } from '../ports';

/**
 * Budgets are enforced by the harness, never by the model. Before each request the tracker
 * checks that the request cannot cross any limit, even in its worst case; a request that could
 * is not sent (or is sent with a lowered `max_tokens` when that still leaves a useful reply).
 */
export interface Budgets {
  /** Model requests, at most. */
  maxTurns: number;
  /** All input tokens processed: uncached input plus cache reads plus cache writes. */
  maxInputTokens?: number;
  maxOutputTokens?: number;
  maxUsd?: number;
  /** Wall clock, from the start of the run. */
  maxMinutes?: number;
  /** Smallest `max_tokens` worth sending when a budget forces it down (default 1024). */
  minOutputTokens?: number;
}

export type BudgetName = 'turns' | 'inputTokens' | 'outputTokens' | 'usd' | 'minutes';

export interface BudgetStop {
  budget: BudgetName;
  limit: number;
  used: number;
  reason: string;
}

/** USD per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

/** Prices keyed by model id; a key also matches dated ids it prefixes (`claude-x` ~ `claude-x-2025…`). */
export type ModelPrices = Record<string, ModelPrice>;

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

export function emptyUsage(): TokenUsage {
  return { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
}

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
  };
}

export function fromApiUsage(u: Pick<Usage, 'input_tokens' | 'output_tokens'> & Partial<Usage>): TokenUsage {
  return {
    inputTokens: u.input_tokens ?? 0,
    outputTokens: u.output_tokens ?? 0,
    cacheReadTokens: u.cache_read_input_tokens ?? 0,
    cacheWriteTokens: u.cache_creation_input_tokens ?? 0,
  };
}

/** Every input token the model processed, whether cached or not. */
export function totalInputTokens(u: TokenUsage): number {
  return u.inputTokens + u.cacheReadTokens + u.cacheWriteTokens;
}

/** Cost in USD of the given usage at the given prices. Pure. */
export function costUsd(usage: TokenUsage, price: ModelPrice): number {
  return (
    (usage.inputTokens * price.input +
      usage.outputTokens * price.output +
      usage.cacheReadTokens * price.cacheRead +
      usage.cacheWriteTokens * price.cacheWrite) /
    1_000_000
  );
}

/** The price for a model id: exact key first, else the longest key that prefixes the id. */
export function findPrice(prices: ModelPrices, model: string): ModelPrice | undefined {
  const exact = prices[model];
  if (exact) return exact;
  let best: string | undefined;
  for (const key of Object.keys(prices)) {
    if (model.startsWith(key) && (best === undefined || key.length > best.length)) best = key;
  }
  return best === undefined ? undefined : prices[best];
}

/** The most expensive price in each dimension among the given models (for worst-case estimates). */
export function worstPrice(prices: ModelPrices, models: string[]): ModelPrice | undefined {
  const found = models.map((m) => findPrice(prices, m)).filter((p): p is ModelPrice => !!p);
  if (found.length === 0) return undefined;
  return {
    input: Math.max(...found.map((p) => p.input)),
    output: Math.max(...found.map((p) => p.output)),
    cacheRead: Math.max(...found.map((p) => p.cacheRead)),
    cacheWrite: Math.max(...found.map((p) => p.cacheWrite)),
  };
}

/**
 * Share of input tokens served from the prompt cache over the given turns:
 * cache reads / (uncached input + cache reads + cache writes). 0 when there was no input.
 */
export function cacheReadShare(perTurnUsage: TokenUsage[]): number {
  let read = 0;
  let all = 0;
  for (const u of perTurnUsage) {
    read += u.cacheReadTokens;
    all += totalInputTokens(u);
  }
  return all === 0 ? 0 : read / all;
}

export type BudgetDecision = { ok: true; maxTokens: number } | { ok: false; stop: BudgetStop };

export interface BudgetTrackerOptions {
  clock: Clock;
  /** Worst-case price of the next request; required when `maxUsd` is set. */
  price?: ModelPrice;
  /** Start of the run's wall clock (default: now). */
  startedAt?: Date;
}

const DEFAULT_MIN_OUTPUT_TOKENS = 1024;

export class BudgetTracker {
  readonly startedAt: Date;
  private used: TokenUsage = emptyUsage();
  private usd = 0;
  private requests = 0;

  constructor(
    readonly budgets: Budgets,
    private readonly opts: BudgetTrackerOptions,
  ) {
    validateBudgets(budgets);
    if (budgets.maxUsd !== undefined && !opts.price) {
      throw new ConfigError([{ path: 'prices', message: 'budgets.maxUsd is set but no price is configured for the model' }]);
    }
    this.startedAt = opts.startedAt ?? opts.clock.now();
  }

  get turns(): number {
    return this.requests;
  }
  get usage(): TokenUsage {
    return { ...this.used };
  }
  get costUsd(): number {
    return this.usd;
  }

  elapsedMs(): number {
    return this.opts.clock.now().getTime() - this.startedAt.getTime();
  }

  /** Milliseconds left on the wall clock, or undefined without a time budget. */
  remainingMs(): number | undefined {
    if (this.budgets.maxMinutes === undefined) return undefined;
    return Math.max(0, this.budgets.maxMinutes * 60_000 - this.elapsedMs());
  }

  /**
   * May the next request be sent? `inputTokens` is the estimated size of the whole request,
   * `maxTokens` the output limit wanted. Returns the (possibly lowered) `max_tokens` to send.
   */
  check(next: { inputTokens: number; maxTokens: number }): BudgetDecision {
    const b = this.budgets;
    if (this.requests >= b.maxTurns) {
      return this.stop('turns', b.maxTurns, this.requests, `all ${b.maxTurns} model requests used`);
    }
    const remaining = this.remainingMs();
    if (remaining !== undefined && remaining <= 0) {
      const used = this.elapsedMs() / 60_000;
      return this.stop('minutes', b.maxMinutes!, used, `wall clock of ${b.maxMinutes} minutes reached`);
    }
    const inputUsed = totalInputTokens(this.used);
    if (b.maxInputTokens !== undefined && inputUsed + next.inputTokens > b.maxInputTokens) {
      return this.stop(
        'inputTokens',
        b.maxInputTokens,
        inputUsed,
        `next request (~${next.inputTokens} input tokens) would pass the input budget`,
      );
    }
    const minOut = Math.min(b.minOutputTokens ?? DEFAULT_MIN_OUTPUT_TOKENS, next.maxTokens);
    let maxTokens = next.maxTokens;
    if (b.maxOutputTokens !== undefined) {
      const left = b.maxOutputTokens - this.used.outputTokens;
      if (left < maxTokens) {
        if (left < minOut) {
          return this.stop(
            'outputTokens',
            b.maxOutputTokens,
            this.used.outputTokens,
            `only ${Math.max(0, left)} output tokens left (need at least ${minOut})`,
          );
        }
        maxTokens = left;
      }
    }
    if (b.maxUsd !== undefined) {
      const price = this.opts.price!;
      // Worst case: no cache hit, every input token written to the cache, full output used.
      const inputCost = (next.inputTokens * Math.max(price.input, price.cacheWrite)) / 1_000_000;
      const left = b.maxUsd - this.usd - inputCost;
      const affordable = price.output > 0 ? Math.floor((left * 1_000_000) / price.output) : Infinity;
      if (left < 0 || affordable < maxTokens) {
        if (left < 0 || affordable < minOut) {
          return this.stop(
            'usd',
            b.maxUsd,
            this.usd,
            `next request could cost up to $${(inputCost + (maxTokens * price.output) / 1e6).toFixed(4)}, ` +
              `$${Math.max(0, b.maxUsd - this.usd).toFixed(4)} left`,
          );
        }
        maxTokens = affordable;
      }
    }
    return { ok: true, maxTokens };
  }

  /** Record a completed request's usage and its cost at the price of the model that served it. */
  record(usage: TokenUsage, price: ModelPrice | undefined): number {
    this.requests += 1;
    this.used = addUsage(this.used, usage);
    const cost = price ? costUsd(usage, price) : 0;
    this.usd += cost;
    return cost;
  }

  private stop(budget: BudgetName, limit: number, used: number, why: string): BudgetDecision {
    return { ok: false, stop: { budget, limit, used, reason: `${budget} budget: ${why}` } };
  }
}

function validateBudgets(b: Budgets): void {
  const problems: { path: string; message: string }[] = [];
  const check = (key: keyof Budgets, integer: boolean) => {
    const v = b[key];
    if (v === undefined) return;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (integer && !Number.isInteger(v))) {
      problems.push({
        path: `budgets.${key}`,
        message: `must be a non-negative ${integer ? 'integer' : 'number'}, got ${String(v)}`,
      });
    }
  };
  check('maxTurns', true);
  check('maxInputTokens', true);
  check('maxOutputTokens', true);
  check('maxUsd', false);
  check('maxMinutes', false);
  check('minOutputTokens', true);
  if (problems.length) throw new ConfigError(problems);
}
