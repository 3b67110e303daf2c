import type { TurnProgress } from '../../actions/shared/agent/loop';
import { addUsage, emptyUsage, type TokenUsage } from '../../actions/shared/agent/budget';

/**
 * Progress of `factory run`: one line per model reply, as it happens. Printed on a terminal and
 * with `--verbose`; a log that is not a terminal (CI) stays quiet unless `--verbose` asks for it.
 */
export function progressWanted(opts: { verbose?: boolean; isTTY?: boolean }): boolean {
  return !!opts.verbose || !!opts.isTTY;
}

/**
 * An `onTurn` observer that prints `turn N: <tools>, <tokens>, $<cost so far>`. Totals run over the
 * whole automation run: an automation that calls the model several times (the reviewer's
 * dimensions) starts each call at turn 1, and the earlier calls' usage stays counted.
 */
export function turnPrinter(print: (line: string) => void): (progress: TurnProgress) => void {
  let done: TokenUsage = emptyUsage();
  let doneUsd = 0;
  let current: TokenUsage = emptyUsage();
  let currentUsd = 0;
  let calls = 0;
  return (p) => {
    if (p.turn === 1) {
      done = addUsage(done, current);
      doneUsd += currentUsd;
      calls += 1;
    }
    current = p.total;
    currentUsd = p.costUsd;
    print(formatTurn(p, { usage: addUsage(done, current), costUsd: doneUsd + currentUsd, call: calls > 1 ? calls : undefined }));
  };
}

export function formatTurn(p: TurnProgress, soFar: { usage: TokenUsage; costUsd: number; call?: number | undefined }): string {
  const tools = p.toolCalls.length === 0 ? 'no tool calls' : `${p.toolCalls.length} tool call(s): ${summarizeTools(p.toolCalls)}`;
  const input = p.usage.inputTokens + p.usage.cacheReadTokens + p.usage.cacheWriteTokens;
  const total = soFar.usage.inputTokens + soFar.usage.cacheReadTokens + soFar.usage.cacheWriteTokens + soFar.usage.outputTokens;
  const label = soFar.call !== undefined ? `call ${soFar.call} turn ${p.turn}` : `turn ${p.turn}`;
  return (
    `  ${label}: ${tools}; ${input} in (${p.usage.cacheReadTokens} cached) / ${p.usage.outputTokens} out; ` +
    `so far ${total} tokens, $${soFar.costUsd.toFixed(4)}`
  );
}

/** `read_file ×3, grep` in call order of first use. */
function summarizeTools(names: string[]): string {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].map(([n, c]) => (c > 1 ? `${n} ×${c}` : n)).join(', ');
}
