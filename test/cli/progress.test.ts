import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyUsage } from '../../actions/shared/agent/budget';
import type { TurnProgress } from '../../actions/shared/agent/loop';
import { progressWanted, turnPrinter } from '../../scripts/cli/progress';
import { runCommand, type RunOptions } from '../../scripts/cli/run';

/**
 * `factory run` prints each model turn as it happens on a terminal and with `--verbose`; a log
 * that is not a terminal stays quiet. The scripted planner scenario on the sandbox makes the turns.
 */

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'factory-progress-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function plannerRun(extra: Partial<RunOptions>): Promise<string[]> {
  const lines: string[] = [];
  const code = await runCommand('feature-planner', { event: 'issues.opened', sandbox: true, runsDir: dir, ...extra }, (l) => lines.push(l));
  expect(code).toBe(0);
  return lines;
}

const TURN =
  /^ {2}turn (\d+): (no tool calls|\d+ tool call\(s\): .+); \d+ in \(\d+ cached\) \/ \d+ out; so far (\d+) tokens, \$(\d+\.\d{4})$/;

describe('factory run progress', () => {
  it('with --verbose, prints one line per turn before the outcome: tools, tokens and cost so far, growing', async () => {
    const lines = await plannerRun({ verbose: true });
    const turns = lines.filter((l) => TURN.test(l));
    expect(turns.length).toBeGreaterThanOrEqual(2);
    const parsed = turns.map((l) => TURN.exec(l)!);
    expect(parsed.map((m) => Number(m[1]))).toEqual(turns.map((_, i) => i + 1));
    // A planner run calls its intent tools in some turn; the last turn ends it without tools.
    expect(parsed.some((m) => m[2]!.includes('tool call(s)'))).toBe(true);
    const totals = parsed.map((m) => Number(m[3]));
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    expect(totals[0]).toBeGreaterThan(0);
    // Printed as the run goes: every turn line comes before the outcome line.
    const outcome = lines.findIndex((l) => l.startsWith('outcome: '));
    expect(lines.lastIndexOf(turns[turns.length - 1]!)).toBeLessThan(outcome);
    // The last "so far" is the run record's cost.
    const record = lines.find((l) => l.startsWith('run record: '))!;
    expect(record).toContain(`cost=$${parsed[parsed.length - 1]![4]}`);
  });

  it('on a terminal, prints the turns without --verbose', async () => {
    const lines = await plannerRun({ isTTY: true });
    expect(lines.filter((l) => TURN.test(l)).length).toBeGreaterThanOrEqual(2);
  });

  it('without --verbose and not on a terminal (CI logs), prints no turn lines', async () => {
    const lines = await plannerRun({});
    expect(lines.some((l) => /^ {2}turn \d+:/.test(l))).toBe(false);
    expect(lines.some((l) => l.startsWith('outcome: completed'))).toBe(true);
  });
});

describe('turnPrinter', () => {
  const turn = (n: number, tools: string[], total: number, costUsd: number): TurnProgress => ({
    turn: n,
    model: 'claude-sonnet-4-5',
    stopReason: tools.length ? 'tool_use' : 'end_turn',
    toolCalls: tools,
    usage: { ...emptyUsage(), inputTokens: 10, outputTokens: 5 },
    total: { ...emptyUsage(), inputTokens: total, outputTokens: 0 },
    costUsd,
  });

  it('counts the whole run across model calls (each starts again at turn 1) and groups repeated tools', () => {
    const lines: string[] = [];
    const onTurn = turnPrinter((l) => lines.push(l));
    onTurn(turn(1, ['read_file', 'grep', 'read_file'], 100, 0.01));
    onTurn(turn(2, [], 250, 0.02));
    onTurn(turn(1, [], 40, 0.005));
    expect(lines).toEqual([
      '  turn 1: 3 tool call(s): read_file ×2, grep; 10 in (0 cached) / 5 out; so far 100 tokens, $0.0100',
      '  turn 2: no tool calls; 10 in (0 cached) / 5 out; so far 250 tokens, $0.0200',
      '  call 2 turn 1: no tool calls; 10 in (0 cached) / 5 out; so far 290 tokens, $0.0250',
    ]);
  });

  it('is wanted with --verbose or on a terminal, not otherwise', () => {
    expect(progressWanted({})).toBe(false);
    expect(progressWanted({ verbose: true })).toBe(true);
    expect(progressWanted({ isTTY: true })).toBe(true);
  });
});
