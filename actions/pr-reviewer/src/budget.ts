import { addUsage, emptyUsage, type BudgetStop, type Budgets, type TokenUsage } from '../../shared/agent/budget';
import type { AgentResult } from '../../shared/agent/loop';
import type { Budget } from '../../shared/config/schema';
import type { Clock } from '../../shared/ports';

/**
 * One budget for the whole review (budgets, with budgets.perAutomation.pr-reviewer applied),
 * shared by its dimensions: each model call gets what the calls before it left. The agent loop
 * enforces it per call; this adds the calls up.
 */
export class SharedBudget {
  private used: TokenUsage = emptyUsage();
  private requests = 0;
  private usd = 0;
  private readonly startedAt: Date;
  /** The first budget stop of a call, if any. */
  stop?: BudgetStop;

  constructor(
    readonly total: Budget,
    private readonly clock: Clock,
  ) {
    this.startedAt = clock.now();
  }

  get usage(): TokenUsage {
    return { ...this.used };
  }
  get turns(): number {
    return this.requests;
  }
  get costUsd(): number {
    return this.usd;
  }

  /** What the next call may use: the totals minus what earlier calls used (never below 0). */
  remaining(): Budgets {
    const t = this.total;
    const input = this.used.inputTokens + this.used.cacheReadTokens + this.used.cacheWriteTokens;
    const minutes = (this.clock.now().getTime() - this.startedAt.getTime()) / 60_000;
    return {
      maxTurns: Math.max(0, t.maxTurns - this.requests),
      maxInputTokens: Math.max(0, t.maxInputTokens - input),
      maxOutputTokens: Math.max(0, t.maxOutputTokens - this.used.outputTokens),
      maxUsd: Math.max(0, t.maxUsd - this.usd),
      maxMinutes: Math.max(0, t.maxMinutes - minutes),
    };
  }

  /** Adds one call's usage; remembers its budget stop. */
  add(result: Pick<AgentResult, 'usage' | 'turns' | 'costUsd' | 'budgetStop'>): void {
    this.used = addUsage(this.used, result.usage);
    this.requests += result.turns;
    this.usd += result.costUsd;
    if (result.budgetStop && !this.stop) this.stop = result.budgetStop;
  }
}
