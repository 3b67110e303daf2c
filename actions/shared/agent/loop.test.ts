import * as os from 'node:os';
import * as path from 'node:path';
import { z } from 'zod';
import type { ContentBlockParam, MessageParam, ToolResultBlockParam } from '@anthropic-ai/sdk/resources/messages';
import { MemoryLogger, type Clock } from '../ports';
import { defineTool, ToolRefusal, type ToolDef } from './tool';
import { runAgent, type RunAgentOptions } from './loop';
import { fakeModelClient, type FakeReply } from './testing/fake-model';
import { MemoryTranscript } from './transcript';
import type { ModelRequest } from './model';

function fakeClock(start = Date.parse('2030-01-01T00:00:00Z')) {
  let t = start;
  const clock: Clock & { advance(ms: number): void } = {
    now: () => new Date(t),
    sleep: async (ms) => {
      t += ms;
    },
    advance: (ms) => {
      t += ms;
    },
  };
  return clock;
}

const WORKSPACE = path.join(os.tmpdir(), 'agent-workspace');
const PRICE = { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 };

const echo = defineTool({
  name: 'echo',
  description: 'Echo a text back.',
  input: z.object({ text: z.string(), times: z.number().int().default(1) }),
  run: ({ text, times }) => text.repeat(times),
});

const boom = defineTool({
  name: 'boom',
  description: 'Always throws.',
  input: z.object({}),
  run: () => {
    throw new Error('disk on fire');
  },
});

const guarded = defineTool({
  name: 'write_file',
  description: 'Refuses protected paths.',
  input: z.object({ path: z.string() }),
  run: ({ path }) => {
    throw new ToolRefusal(`${path} is protected`, 'protected-path');
  },
});

function setup(replies: (FakeReply | ((req: ModelRequest, i: number) => FakeReply))[], over: Partial<RunAgentOptions> = {}) {
  const client = fakeModelClient(replies, { model: 'claude-test', maxTokens: 2000 });
  const logger = new MemoryLogger();
  const opts: RunAgentOptions = {
    client,
    system: 'You are a test agent.',
    messages: 'Do the thing.',
    tools: [echo, boom, guarded] as ToolDef[],
    budgets: { maxTurns: 10 },
    prices: { 'claude-test': PRICE },
    clock: fakeClock(),
    logger,
    workspace: WORKSPACE,
    ...over,
  };
  return { client, logger, opts };
}

/** The tool results the loop sent with request `i`. */
function toolResults(req: ModelRequest): ToolResultBlockParam[] {
  const last = req.messages[req.messages.length - 1]!;
  expect(last.role).toBe('user');
  return (last.content as ContentBlockParam[]).filter((b): b is ToolResultBlockParam => b.type === 'tool_result');
}

function resultText(r: ToolResultBlockParam): string {
  return typeof r.content === 'string' ? r.content : JSON.stringify(r.content);
}

describe('runAgent tools', () => {
  it('declares tools once from zod schemas, as objects without $schema', async () => {
    const { client, opts } = setup([{ text: 'hi' }]);
    await runAgent(opts);
    const tools = client.requests[0]!.tools as { name: string; input_schema: Record<string, unknown> }[];
    expect(tools.map((t) => t.name)).toEqual(['echo', 'boom', 'write_file']);
    const schema = tools[0]!.input_schema;
    expect(schema.type).toBe('object');
    expect(schema).not.toHaveProperty('$schema');
    expect(schema.properties).toHaveProperty('text');
    expect(schema.required).toEqual(['text']);
  });

  it('runs several tool calls of one reply and returns their results together, in order', async () => {
    const { client, opts } = setup([
      {
        toolCalls: [
          { name: 'echo', input: { text: 'a' } },
          { name: 'echo', input: { text: 'b', times: 2 } },
          { name: 'echo', input: { text: 'c' } },
        ],
      },
      { text: 'all done' },
    ]);
    const result = await runAgent(opts);
    expect(result.outcome).toBe('completed');
    expect(result.finalText).toBe('all done');
    const results = toolResults(client.requests[1]!);
    expect(results.map(resultText)).toEqual(['a', 'bb', 'c']);
    expect(results.every((r) => !r.is_error)).toBe(true);
    expect(result.toolCalls.map((c) => [c.name, c.ok])).toEqual([
      ['echo', true],
      ['echo', true],
      ['echo', true],
    ]);
    // tool_use / tool_result pairing: ids answered in the order asked
    const asked = (client.requests[1]!.messages[1]!.content as ContentBlockParam[]).flatMap((b) => (b.type === 'tool_use' ? [b.id] : []));
    expect(results.map((r) => r.tool_use_id)).toEqual(asked);
  });

  it('returns invalid input, thrown errors, refusals and unknown tools as is_error results', async () => {
    const { client, opts } = setup([
      {
        toolCalls: [
          { name: 'echo', input: { text: 42 } },
          { name: 'boom', input: {} },
          { name: 'write_file', input: { path: '.github/workflows/ci.yml' } },
          { name: 'rm_rf', input: {} },
        ],
      },
      { text: 'ok' },
    ]);
    const result = await runAgent(opts);
    expect(result.outcome).toBe('completed');
    const [invalid, thrown, refused, unknown] = toolResults(client.requests[1]!);
    expect(invalid!.is_error).toBe(true);
    expect(resultText(invalid!)).toMatch(/Invalid input for tool echo: text: .*expected string/i);
    expect(thrown!.is_error).toBe(true);
    expect(resultText(thrown!)).toContain('disk on fire');
    expect(refused!.is_error).toBe(true);
    expect(resultText(refused!)).toContain('protected-path');
    expect(unknown!.is_error).toBe(true);
    expect(resultText(unknown!)).toMatch(/Unknown tool "rm_rf".*echo, boom, write_file/);
    expect(result.toolCalls).toEqual([
      { name: 'echo', input: { text: 42 }, ok: false },
      { name: 'boom', input: {}, ok: false },
      {
        name: 'write_file',
        input: { path: '.github/workflows/ci.yml' },
        ok: false,
        refusal: { rule: 'protected-path', message: '.github/workflows/ci.yml is protected' },
      },
      { name: 'rm_rf', input: {}, ok: false },
    ]);
  });

  it('passes a tool-reported error through as is_error without throwing', async () => {
    const failing = defineTool({
      name: 'check',
      description: 'Reports failure.',
      input: z.object({}),
      run: () => ({ text: 'tests failed: 3', isError: true }),
    });
    const { client, opts } = setup([{ toolCalls: [{ name: 'check', input: {} }] }, { text: 'ok' }], {
      tools: [failing] as ToolDef[],
    });
    const result = await runAgent(opts);
    const [r] = toolResults(client.requests[1]!);
    expect(r).toMatchObject({ is_error: true, content: 'tests failed: 3' });
    expect(result.toolCalls[0]!.ok).toBe(false);
  });

  it('gives tools the workspace and an abort signal', async () => {
    let seen: { workspace: string; aborted?: boolean } | undefined;
    const probe = defineTool({
      name: 'probe',
      description: 'Records its context.',
      input: z.object({}),
      run: (_i, ctx) => {
        seen = { workspace: ctx.workspace, aborted: ctx.signal?.aborted };
        return 'ok';
      },
    });
    const { opts } = setup([{ toolCalls: [{ name: 'probe', input: {} }] }], { tools: [probe] as ToolDef[] });
    await runAgent(opts);
    expect(seen).toEqual({ workspace: WORKSPACE, aborted: false });
  });

  it('rejects tools whose schema is not an object', async () => {
    const bad = { name: 'bad', description: 'x', input: z.string(), run: () => '' } as ToolDef;
    const { opts } = setup([], { tools: [bad] });
    await expect(runAgent(opts)).rejects.toThrow(/tool bad: input schema must describe an object/);
  });
});

describe('runAgent stop reasons', () => {
  it.each([
    ['end_turn', 'completed'],
    ['stop_sequence', 'completed'],
    ['refusal', 'refused'],
  ] as const)('%s ends the run with %s', async (stopReason, outcome) => {
    const { client, opts } = setup([{ text: 'final words', stopReason }]);
    const result = await runAgent(opts);
    expect(result).toMatchObject({ outcome, stopReason, finalText: 'final words', turns: 1 });
    expect(client.requests).toHaveLength(1);
  });

  it('max_tokens in text stops with outcome max_tokens', async () => {
    const { client, opts } = setup([{ text: 'half a sent', stopReason: 'max_tokens' }]);
    const result = await runAgent(opts);
    expect(result).toMatchObject({ outcome: 'max_tokens', stopReason: 'max_tokens' });
    expect(client.requests).toHaveLength(1);
  });

  it('max_tokens inside a tool call asks the model to retry and does not run the cut-off call', async () => {
    let ran = 0;
    const counter = defineTool({
      name: 'echo',
      description: 'Counts.',
      input: z.object({ text: z.string() }),
      run: ({ text }) => {
        ran += 1;
        return text;
      },
    });
    const { client, opts } = setup(
      [
        {
          toolCalls: [
            { name: 'echo', input: { text: 'complete' } },
            { name: 'echo', input: { text: 'trunc' } },
          ],
          stopReason: 'max_tokens',
        },
        { text: 'recovered' },
      ],
      { tools: [counter] as ToolDef[] },
    );
    const result = await runAgent(opts);
    expect(result.outcome).toBe('completed');
    expect(ran).toBe(1);
    const [first, cut] = toolResults(client.requests[1]!);
    expect(first).toMatchObject({ content: 'complete' });
    expect(cut!.is_error).toBe(true);
    expect(resultText(cut!)).toMatch(/output token limit/);
  });

  it('stops retrying cut-off tool calls after the allowed continuations', async () => {
    const cut: FakeReply = { toolCalls: [{ name: 'echo', input: { text: 'x' } }], stopReason: 'max_tokens' };
    const { client, opts } = setup([cut, cut, cut, cut], { maxToolUseContinuations: 2 });
    const result = await runAgent(opts);
    expect(result.outcome).toBe('max_tokens');
    expect(client.requests).toHaveLength(3);
  });

  it('pause_turn sends the assistant content back and the continuation joins the same turn', async () => {
    const { client, opts } = setup([
      { text: 'searching…', stopReason: 'pause_turn' },
      { toolCalls: [{ name: 'echo', input: { text: 'z' } }] },
      { text: 'finished' },
    ]);
    const result = await runAgent(opts);
    expect(result.outcome).toBe('completed');
    const resumed = client.requests[1]!.messages;
    expect(resumed[resumed.length - 1]).toMatchObject({
      role: 'assistant',
      content: [{ type: 'text', text: 'searching…' }],
    });
    // roles keep alternating: the continuation was merged into the paused assistant message
    const roles = client.requests[2]!.messages.map((m) => m.role);
    expect(roles).toEqual(['user', 'assistant', 'user']);
    const merged = client.requests[2]!.messages[1]!.content as ContentBlockParam[];
    expect(merged.map((b) => b.type)).toEqual(['text', 'tool_use']);
  });

  it('a model client error ends the run with outcome error, never a throw', async () => {
    const { opts } = setup([]);
    opts.client = { ...opts.client, create: async () => Promise.reject(new Error('model unavailable')) };
    const result = await runAgent(opts);
    expect(result).toMatchObject({ outcome: 'error', error: 'model unavailable', turns: 0 });
  });

  it('an aborted signal stops the run before the next request', async () => {
    const controller = new AbortController();
    const stopper = defineTool({
      name: 'stop',
      description: 'Aborts.',
      input: z.object({}),
      run: () => {
        controller.abort();
        return 'stopped';
      },
    });
    const { client, opts } = setup([{ toolCalls: [{ name: 'stop', input: {} }] }, { text: 'never' }], {
      tools: [stopper] as ToolDef[],
      signal: controller.signal,
    });
    const result = await runAgent(opts);
    expect(result).toMatchObject({ outcome: 'error', error: 'aborted' });
    expect(client.requests).toHaveLength(1);
  });
});

describe('runAgent budgets', () => {
  const loopForever = (): FakeReply => ({ toolCalls: [{ name: 'echo', input: { text: 'again' } }] });

  it('sends exactly maxTurns requests', async () => {
    const { client, opts } = setup(Array.from({ length: 20 }, loopForever), { budgets: { maxTurns: 4 } });
    const result = await runAgent(opts);
    expect(client.requests).toHaveLength(4);
    expect(result).toMatchObject({
      outcome: 'budget_exhausted',
      turns: 4,
      budgetStop: { budget: 'turns', limit: 4, used: 4 },
    });
  });

  it('never sends a request whose worst case would pass the USD cap', async () => {
    // Every reply uses all of max_tokens: 2000 output tokens = $0.03, plus ~$0.001 of input.
    const { client, opts } = setup(
      Array.from({ length: 20 }, () => ({ ...loopForever(), usage: { output: 100_000 } })),
      { budgets: { maxTurns: 50, maxUsd: 0.1, minOutputTokens: 1000 } },
    );
    const result = await runAgent(opts);
    expect(result.outcome).toBe('budget_exhausted');
    expect(result.budgetStop).toMatchObject({ budget: 'usd', limit: 0.1 });
    expect(result.costUsd).toBeLessThanOrEqual(0.1);
    // three full turns (~$0.094), then ~$0.006 is left: not enough for 1000 output tokens
    expect(client.requests.map((r) => r.max_tokens)).toEqual([2000, 2000, 2000]);
    expect(result.costUsd).toBeGreaterThan(0.09);
  });

  it('lowers max_tokens to what the USD budget can still pay for', async () => {
    const { client, opts } = setup(
      Array.from({ length: 20 }, () => ({ ...loopForever(), usage: { output: 100_000 } })),
      { budgets: { maxTurns: 50, maxUsd: 0.08, minOutputTokens: 500 } },
    );
    const result = await runAgent(opts);
    const sent = client.requests.map((r) => r.max_tokens!);
    expect(sent.slice(0, 2)).toEqual([2000, 2000]);
    // third request: ~$0.018 left, minus a generous input estimate, at $15/MTok output
    expect(sent[2]).toBeGreaterThanOrEqual(500);
    expect(sent[2]).toBeLessThan(1200);
    expect(sent).toHaveLength(3);
    expect(result.costUsd).toBeLessThanOrEqual(0.08);
  });

  it('lowers max_tokens to fit the output budget, then stops below the useful minimum', async () => {
    const { client, opts } = setup(
      Array.from({ length: 10 }, () => ({ ...loopForever(), usage: { output: 1500 } })),
      { budgets: { maxTurns: 10, maxOutputTokens: 4000, minOutputTokens: 500 } },
    );
    const result = await runAgent(opts);
    expect(client.requests.map((r) => r.max_tokens)).toEqual([2000, 2000, 1000]);
    expect(result.budgetStop).toMatchObject({ budget: 'outputTokens', limit: 4000, used: 4000 });
  });

  it('stops on the input token budget before sending a request that could pass it', async () => {
    const { client, opts } = setup(Array.from({ length: 10 }, loopForever), {
      system: 'Background. '.repeat(1000),
      budgets: { maxTurns: 10, maxInputTokens: 12_000 },
    });
    const result = await runAgent(opts);
    expect(result.budgetStop?.budget).toBe('inputTokens');
    expect(result.usage.inputTokens).toBeLessThanOrEqual(12_000);
    expect(result.budgetStop!.used).toBe(result.usage.inputTokens);
    // one more request of the same size would have crossed the limit
    const lastInput = result.turnUsage[result.turnUsage.length - 1]!.inputTokens;
    expect(result.usage.inputTokens + lastInput).toBeGreaterThan(12_000);
    expect(client.requests).toHaveLength(result.turns);
  });

  it('stops on the wall clock measured by the injected clock', async () => {
    const clock = fakeClock();
    const slow = defineTool({
      name: 'echo',
      description: 'Takes four minutes.',
      input: z.object({ text: z.string() }),
      run: ({ text }) => {
        clock.advance(4 * 60_000);
        return text;
      },
    });
    const { client, opts } = setup(Array.from({ length: 10 }, loopForever), {
      clock,
      tools: [slow] as ToolDef[],
      budgets: { maxTurns: 10, maxMinutes: 10 },
    });
    const result = await runAgent(opts);
    expect(client.requests).toHaveLength(3);
    expect(result.budgetStop).toMatchObject({ budget: 'minutes', limit: 10, used: 12 });
  });

  it('aborts a running tool or request when the wall-clock deadline passes', async () => {
    const waiter = defineTool({
      name: 'wait',
      description: 'Waits until aborted.',
      input: z.object({}),
      run: (_i, ctx) => new Promise<string>((resolve) => ctx.signal?.addEventListener('abort', () => resolve('interrupted'))),
    });
    const { client, opts } = setup([{ toolCalls: [{ name: 'wait', input: {} }] }], {
      tools: [waiter] as ToolDef[],
      budgets: { maxTurns: 10, maxMinutes: 0.0005 }, // 30 ms
    });
    const result = await runAgent(opts);
    expect(result).toMatchObject({ outcome: 'budget_exhausted', budgetStop: { budget: 'minutes' } });
    expect(client.requests).toHaveLength(1);

    const hanging = setup([], { budgets: { maxTurns: 10, maxMinutes: 0.0005 } });
    hanging.opts.client = {
      ...hanging.client,
      create: (_p, o) => new Promise((_resolve, reject) => o?.signal?.addEventListener('abort', () => reject(new Error('aborted')))),
    };
    const stopped = await runAgent(hanging.opts);
    expect(stopped).toMatchObject({ outcome: 'budget_exhausted', budgetStop: { budget: 'minutes' }, turns: 0 });
  });

  it('counts usage and cost over all turns', async () => {
    const { opts } = setup([
      { ...loopForever(), usage: { input: 1000, output: 100, cacheWrite: 2000 } },
      { text: 'done', usage: { input: 50, output: 20, cacheRead: 2000 } },
    ]);
    const result = await runAgent(opts);
    expect(result.usage).toEqual({ inputTokens: 1050, outputTokens: 120, cacheReadTokens: 2000, cacheWriteTokens: 2000 });
    expect(result.turnUsage).toHaveLength(2);
    const expected = (1050 * 3 + 120 * 15 + 2000 * 0.3 + 2000 * 3.75) / 1e6;
    expect(result.costUsd).toBeCloseTo(expected, 10);
  });
});

describe('runAgent context and transcript', () => {
  it('moves the message cache breakpoint to the newest user message each turn', async () => {
    const { client, opts } = setup([
      { toolCalls: [{ name: 'echo', input: { text: 'a' } }] },
      { toolCalls: [{ name: 'echo', input: { text: 'b' } }] },
      { text: 'done' },
    ]);
    await runAgent(opts);
    for (const req of client.requests) {
      const tools = req.tools as { cache_control?: unknown }[];
      expect(tools[tools.length - 1]!.cache_control).toEqual({ type: 'ephemeral' });
      expect((req.system as { cache_control?: unknown }[])[0]!.cache_control).toEqual({ type: 'ephemeral' });
      const newest = req.messages[req.messages.length - 1]!;
      const blocks = newest.content as { cache_control?: unknown }[];
      expect(blocks[blocks.length - 1]!.cache_control).toEqual({ type: 'ephemeral' });
      expect(countBreakpoints(req)).toBeLessThanOrEqual(4);
    }
  });

  it('keeps the returned history free of cache markers', async () => {
    const { opts } = setup([{ toolCalls: [{ name: 'echo', input: { text: 'a' } }] }, { text: 'done' }]);
    const result = await runAgent(opts);
    expect(JSON.stringify(result.messages)).not.toContain('cache_control');
  });

  it('truncates old tool results past the context threshold, keeping pairs valid', async () => {
    const big = defineTool({
      name: 'echo',
      description: 'Large output.',
      input: z.object({ text: z.string() }),
      run: ({ text }) => `${text}:` + 'x'.repeat(30_000),
    });
    const replies = ['r1', 'r2', 'r3', 'r4'].map((t) => ({ toolCalls: [{ name: 'echo', input: { text: t } }] }));
    const { client, opts } = setup([...replies, { text: 'done' }], {
      tools: [big] as ToolDef[],
      context: { thresholdTokens: 25_000, keepRecent: 1, headChars: 100, tailChars: 100 },
    });
    const result = await runAgent(opts);
    expect(result.outcome).toBe('completed');
    const last = client.requests[client.requests.length - 1]!;
    const results = last.messages.flatMap((m) =>
      typeof m.content === 'string' ? [] : m.content.filter((b) => b.type === 'tool_result'),
    ) as ToolResultBlockParam[];
    expect(results).toHaveLength(4);
    expect(resultText(results[0]!)).toMatch(/^r1:x{97}\n\[… \d+ characters removed to save context\]\nx{100}$/);
    expect(resultText(results[3]!)).toHaveLength(30_003);
    assertPairs(last.messages);
  });

  it('writes requests, responses and tool calls to the transcript through the redactor', async () => {
    const redactor = {
      redact: (t: string) => t.split('sk-secret').join('***'),
      redactDeep: (v: unknown) => JSON.parse(JSON.stringify(v).split('sk-secret').join('***')) as unknown,
    };
    const transcript = new MemoryTranscript(redactor);
    const { opts } = setup([{ toolCalls: [{ name: 'echo', input: { text: 'token sk-secret' } }] }, { text: 'done' }], {
      transcript,
    });
    await runAgent(opts);
    expect(transcript.events.map((e) => e.type)).toEqual(['request', 'response', 'tool_call', 'request', 'response', 'end']);
    expect(JSON.stringify(transcript.events)).not.toContain('sk-secret');
    expect(transcript.events[2]).toMatchObject({ type: 'tool_call', name: 'echo', ok: true, output: 'token ***' });
  });

  it('a failing transcript sink does not break the run', async () => {
    const { opts, logger } = setup([{ text: 'done' }], {
      transcript: {
        write: () => {
          throw new Error('disk full');
        },
      },
    });
    const result = await runAgent(opts);
    expect(result.outcome).toBe('completed');
    expect(logger.text()).toContain('transcript disabled after a write failed: disk full');
  });
});

function countBreakpoints(req: ModelRequest): number {
  return (JSON.stringify([req.system, req.tools, req.messages]).match(/"cache_control"/g) ?? []).length;
}

function assertPairs(messages: MessageParam[]): void {
  messages.forEach((m, i) => {
    if (m.role !== 'assistant' || typeof m.content === 'string') return;
    const asked = m.content.flatMap((b) => (b.type === 'tool_use' ? [b.id] : []));
    if (!asked.length) return;
    const next = messages[i + 1]!;
    const answered = (next.content as ContentBlockParam[]).flatMap((b) => (b.type === 'tool_result' ? [b.tool_use_id] : []));
    expect(answered).toEqual(asked);
  });
}

describe('runAgent onTurn', () => {
  it('reports each reply before its tools run: turn, tool names, usage, totals and cost so far', async () => {
    const seen: { turn: number; tools: string[]; total: number; cost: number; echoed: number }[] = [];
    let echoed = 0;
    const counting = defineTool({
      name: 'echo',
      description: 'Echo a text back.',
      input: z.object({ text: z.string() }),
      run: ({ text }) => {
        echoed += 1;
        return text;
      },
    });
    const { opts } = setup(
      [
        {
          toolCalls: [
            { name: 'echo', input: { text: 'a' } },
            { name: 'echo', input: { text: 'b' } },
          ],
          usage: { input: 1000, output: 100 },
        },
        { text: 'done', usage: { input: 2000, output: 50 } },
      ],
      {
        tools: [counting] as ToolDef[],
        onTurn: (p) => seen.push({ turn: p.turn, tools: p.toolCalls, total: p.total.inputTokens, cost: p.costUsd, echoed }),
      },
    );
    const result = await runAgent(opts);
    expect(result.outcome).toBe('completed');
    expect(seen).toEqual([
      { turn: 1, tools: ['echo', 'echo'], total: 1000, cost: (1000 * 3 + 100 * 15) / 1e6, echoed: 0 },
      { turn: 2, tools: [], total: 3000, cost: result.costUsd, echoed: 2 },
    ]);
  });

  it('a throwing observer does not break the run', async () => {
    const { opts } = setup([{ text: 'done' }], {
      onTurn: () => {
        throw new Error('terminal gone');
      },
    });
    expect((await runAgent(opts)).outcome).toBe('completed');
  });
});
