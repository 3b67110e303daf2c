import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { z } from 'zod';
import type { ContentBlockParam, ToolResultBlockParam } from '@anthropic-ai/sdk/resources/messages';
import { startModelSandbox, type ModelSandbox, type ScriptedTurn } from '@software-factory/model-sandbox';
import { MemoryLogger, systemClock } from '../ports';
import { cacheReadShare, costUsd, fromApiUsage, type ModelPrice } from './budget';
import { runAgent, type RunAgentOptions } from './loop';
import { createModelClient } from './model';
import { defineTool, type ToolDef } from './tool';
import { createJsonlTranscript, readJsonlTranscript } from './transcript';

/** End-to-end: the real SDK, the real loop, the model sandbox on loopback. */

const MODEL = 'claude-sandbox';
const PRICE: ModelPrice = { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 };

const echo = defineTool({
  name: 'echo',
  description: 'Echo a text back.',
  input: z.object({ text: z.string() }),
  run: ({ text }) => `echo: ${text}`,
});
const boom = defineTool({
  name: 'boom',
  description: 'Always fails.',
  input: z.object({}),
  run: () => {
    throw new Error('the tool broke');
  },
});

let sandbox: ModelSandbox;
beforeEach(async () => {
  sandbox = await startModelSandbox();
});
afterEach(async () => {
  await sandbox.close();
});

function options(over: Partial<RunAgentOptions> = {}): RunAgentOptions {
  return {
    client: createModelClient({ apiKey: 'sk-test', baseURL: sandbox.url, model: MODEL, maxTokens: 1000, maxRetries: 0 }),
    system: 'You are the sandbox agent.',
    messages: 'Please do the task.',
    tools: [echo, boom] as ToolDef[],
    budgets: { maxTurns: 20 },
    prices: { [MODEL]: PRICE },
    clock: systemClock,
    logger: new MemoryLogger(),
    workspace: os.tmpdir(),
    ...over,
  };
}

const ok = () => sandbox.requests.filter((r) => r.endpoint === 'messages' && r.status === 200);
const messageRequests = () => sandbox.requests.filter((r) => r.endpoint === 'messages');
const echoTurn = (text: string, outputTokens?: number): ScriptedTurn => ({
  toolCalls: [{ name: 'echo', input: { text } }],
  ...(outputTokens === undefined ? {} : { outputTokens }),
});

describe('runAgent with the model sandbox', () => {
  it('runs several tool calls per reply and returns a tool error as is_error', async () => {
    sandbox.setScenario({
      kind: 'scripted',
      turns: [
        {
          text: 'Working on it.',
          toolCalls: [
            { name: 'echo', input: { text: 'one' } },
            { name: 'boom', input: {} },
          ],
        },
        { text: 'All done.' },
      ],
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-transcript-'));
    try {
      const file = path.join(dir, 'transcript.jsonl');
      const redactor = { redact: (t: string) => t, redactDeep: (v: unknown) => v };
      const result = await runAgent(options({ transcript: createJsonlTranscript(file, redactor) }));
      expect(result).toMatchObject({ outcome: 'completed', stopReason: 'end_turn', finalText: 'All done.', turns: 2 });
      const second = ok()[1]!.body.messages;
      const results = second[second.length - 1]!.content as ContentBlockParam[] as ToolResultBlockParam[];
      expect(results.map((r) => [r.content, r.is_error ?? false])).toEqual([
        ['echo: one', false],
        ['Error: the tool broke', true],
      ]);
      expect(readJsonlTranscript(file).map((e) => e.type)).toEqual([
        'request',
        'response',
        'tool_call',
        'tool_call',
        'request',
        'response',
        'end',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['end_turn', [{ text: 'fin' }], 'completed', 1],
    ['stop_sequence', [{ text: 'fin', stopReason: 'stop_sequence' }], 'completed', 1],
    ['refusal', [{ text: 'I will not.', stopReason: 'refusal' }], 'refused', 1],
    ['max_tokens in text', [{ text: 'cut sho', stopReason: 'max_tokens' }], 'max_tokens', 1],
    [
      'max_tokens in a tool call',
      [{ toolCalls: [{ name: 'echo', input: { text: 'partial' } }], stopReason: 'max_tokens' }, { text: 'retried' }],
      'completed',
      2,
    ],
    ['pause_turn', [{ text: 'Pausing.', stopReason: 'pause_turn' }, echoTurn('after pause'), { text: 'done' }], 'completed', 3],
  ] as [string, ScriptedTurn[], string, number][])('handles %s', async (_name, turns, outcome, requests) => {
    sandbox.setScenario({ kind: 'scripted', turns });
    const result = await runAgent(options());
    expect(result.outcome).toBe(outcome);
    // every request was valid for the API (tool pairing, alternating roles, breakpoints)
    expect(messageRequests().map((r) => r.status)).toEqual(Array(requests).fill(200));
    expect(result.turns).toBe(requests);
  });

  it('with maxTurns N the sandbox sees exactly N requests', async () => {
    sandbox.setScenario(() => echoTurn('again'));
    const result = await runAgent(options({ budgets: { maxTurns: 5 } }));
    expect(messageRequests()).toHaveLength(5);
    expect(result).toMatchObject({ outcome: 'budget_exhausted', budgetStop: { budget: 'turns', limit: 5, used: 5 } });
  });

  it('a USD cap stops the run before the request that would cross it', async () => {
    // Every reply uses its whole max_tokens: 1000 output tokens = $0.015 a turn, plus input.
    sandbox.setScenario(() => echoTurn('again', 1000));
    const result = await runAgent(options({ budgets: { maxTurns: 20, maxUsd: 0.05, minOutputTokens: 1000 } }));
    const sandboxCost = ok().reduce((sum, r) => sum + costUsd(fromApiUsage(r.usage!), PRICE), 0);
    expect(result.budgetStop).toMatchObject({ budget: 'usd', limit: 0.05 });
    expect(messageRequests()).toHaveLength(3);
    expect(sandboxCost).toBeLessThanOrEqual(0.05);
    // one more turn like the last would have crossed the cap
    const last = costUsd(fromApiUsage(ok()[2]!.usage!), PRICE);
    expect(sandboxCost + last).toBeGreaterThan(0.05);
    expect(result.costUsd).toBeCloseTo(sandboxCost, 12);
  });

  it("reports token counts equal to the sandbox's usage sums", async () => {
    sandbox.setScenario({
      kind: 'scripted',
      turns: [echoTurn('a'), echoTurn('b'), echoTurn('c'), { text: 'finished' }],
    });
    const result = await runAgent(options({ system: 'Long stable context. '.repeat(400) }));
    const sum = (f: (u: NonNullable<(typeof sandbox.requests)[number]['usage']>) => number | null) =>
      ok().reduce((s, r) => s + (f(r.usage!) ?? 0), 0);
    expect(result.usage).toEqual({
      inputTokens: sum((u) => u.input_tokens),
      outputTokens: sum((u) => u.output_tokens),
      cacheReadTokens: sum((u) => u.cache_read_input_tokens),
      cacheWriteTokens: sum((u) => u.cache_creation_input_tokens),
    });
    expect(result.usage.cacheReadTokens).toBeGreaterThan(0);
  });

  it('a 10-turn run reads at least 80% of its input from the cache over turns 2-10', async () => {
    sandbox.setScenario({
      kind: 'scripted',
      turns: [...Array.from({ length: 9 }, (_, i) => echoTurn(`step ${i + 1}`)), { text: 'finished' }],
    });
    const result = await runAgent(
      options({ system: 'Specs, quality notes and the repository map. '.repeat(300), budgets: { maxTurns: 10 } }),
    );
    expect(result.outcome).toBe('completed');
    expect(result.turns).toBe(10);
    expect(cacheReadShare(result.turnUsage.slice(1))).toBeGreaterThanOrEqual(0.8);
    // the cached prefix grows with the conversation: the message breakpoint moves forward
    const reads = result.turnUsage.map((u) => u.cacheReadTokens);
    for (let i = 2; i < reads.length; i++) expect(reads[i]).toBeGreaterThan(reads[i - 1]!);
  });
});
