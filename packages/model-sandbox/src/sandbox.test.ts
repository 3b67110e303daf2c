import path from 'node:path';
import { readFileSync } from 'node:fs';
import Anthropic from '@anthropic-ai/sdk';
import {
  COMPROMISED_DONE_TEXT,
  loadScenarioFile,
  parseInstructions,
  startModelSandbox,
  SCRIPT_EXHAUSTED_TEXT,
  type ModelSandbox,
} from './index';

const MODEL = 'claude-sonnet-4-6';

let sandbox: ModelSandbox;
let client: Anthropic;

beforeEach(async () => {
  sandbox = await startModelSandbox();
  client = new Anthropic({ apiKey: 'test', baseURL: sandbox.url, maxRetries: 0 });
});

afterEach(async () => {
  await sandbox.close();
});

const readFileTool: Anthropic.Tool = {
  name: 'read_file',
  description: 'Read a file of the workspace',
  input_schema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
};

function toolResults(message: Anthropic.Message, text: (name: string) => string): Anthropic.MessageParam {
  return {
    role: 'user',
    content: message.content.flatMap((b) =>
      b.type === 'tool_use' ? [{ type: 'tool_result' as const, tool_use_id: b.id, content: text(b.name) }] : [],
    ),
  };
}

test('scripted multi-turn tool use round trip', async () => {
  sandbox.setScenario({
    kind: 'scripted',
    turns: [
      {
        text: 'Reading both files.',
        toolCalls: [
          { name: 'read_file', input: { path: 'a.ts' } },
          { name: 'read_file', input: { path: 'b.ts' } },
        ],
      },
      { text: 'All good.' },
    ],
  });
  const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'Check a.ts and b.ts' }];
  const first = await client.messages.create({ model: MODEL, max_tokens: 1000, tools: [readFileTool], messages });

  expect(first.stop_reason).toBe('tool_use');
  expect(first.model).toBe(MODEL);
  const uses = first.content.filter((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
  expect(uses.map((u) => u.input)).toEqual([{ path: 'a.ts' }, { path: 'b.ts' }]);
  expect(uses.every((u) => /^toolu_[A-Za-z0-9_]+$/.test(u.id))).toBe(true);
  expect(new Set(uses.map((u) => u.id)).size).toBe(2);

  messages.push(
    { role: 'assistant', content: first.content },
    toolResults(first, () => 'export {}'),
  );
  const second = await client.messages.create({ model: MODEL, max_tokens: 1000, tools: [readFileTool], messages });
  expect(second.stop_reason).toBe('end_turn');
  expect(second.content).toEqual([{ type: 'text', text: 'All good.', citations: null }]);

  messages.push({ role: 'assistant', content: second.content }, { role: 'user', content: 'Anything else?' });
  const third = await client.messages.create({ model: MODEL, max_tokens: 1000, messages });
  expect(third.content[0]).toMatchObject({ type: 'text', text: SCRIPT_EXHAUSTED_TEXT });

  expect(sandbox.requests.map((r) => [r.status, r.turn])).toEqual([
    [200, 0],
    [200, 1],
    [200, 2],
  ]);
  expect(sandbox.requests[1]?.body.messages).toHaveLength(3);
  expect(sandbox.requests[0]?.usage?.output_tokens).toBeGreaterThan(0);
});

test('streaming: the SDK assembles text and tool input from server-sent events', async () => {
  const longText = 'Streaming works with emoji 🚀 and a long enough text to be cut into several deltas.';
  sandbox.setScenario({
    kind: 'scripted',
    turns: [{ text: longText, toolCalls: [{ name: 'read_file', input: { path: 'src/very/long/path/to/a/file.ts' } }] }],
  });
  const stream = client.messages.stream({
    model: MODEL,
    max_tokens: 1000,
    tools: [readFileTool],
    messages: [{ role: 'user', content: 'go' }],
  });
  const deltas: string[] = [];
  stream.on('text', (t) => deltas.push(t));
  const final = await stream.finalMessage();

  expect(deltas.length).toBeGreaterThan(1);
  expect(deltas.join('')).toBe(longText);
  expect(final.stop_reason).toBe('tool_use');
  expect(final.content[0]).toMatchObject({ type: 'text', text: longText });
  expect(final.content[1]).toMatchObject({ type: 'tool_use', name: 'read_file', input: { path: 'src/very/long/path/to/a/file.ts' } });
  expect(final.usage).toMatchObject(sandbox.requests[0]!.usage!);
  expect(sandbox.requests[0]?.stream).toBe(true);
});

test('prompt caching: reads grow and dominate input over a 10-turn conversation', async () => {
  sandbox.setScenario((_req, { turn }) => ({ text: `Answer number ${turn}.` }));
  const system: Anthropic.TextBlockParam[] = [
    { type: 'text', text: 'You are a careful engineer. '.repeat(1200), cache_control: { type: 'ephemeral' } },
  ];
  const history: Anthropic.MessageParam[] = [];
  const usages: Anthropic.Usage[] = [];
  for (let i = 0; i < 10; i++) {
    // Only the newest user message carries a breakpoint, as a typical agent loop does.
    const request: Anthropic.MessageParam[] = [
      ...history,
      { role: 'user', content: [{ type: 'text', text: `Question ${i}: ${'details '.repeat(40)}`, cache_control: { type: 'ephemeral' } }] },
    ];
    const reply = await client.messages.create({ model: MODEL, max_tokens: 500, system, messages: request });
    usages.push(reply.usage);
    history.push({ role: 'user', content: `Question ${i}: ${'details '.repeat(40)}` }, { role: 'assistant', content: reply.content });
  }

  const total = (u: Anthropic.Usage) => u.input_tokens + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0);
  expect(usages[0]?.cache_read_input_tokens).toBe(0);
  expect(usages[0]?.cache_creation_input_tokens).toBe(total(usages[0]!));
  for (let i = 1; i < 10; i++) {
    const u = usages[i]!;
    expect(u.cache_read_input_tokens!).toBeGreaterThan(usages[i - 1]!.cache_read_input_tokens!);
    expect(u.cache_read_input_tokens! / total(u)).toBeGreaterThanOrEqual(0.8);
    // Everything after the read point up to the last breakpoint is written.
    expect(u.cache_creation_input_tokens).toBeGreaterThan(0);
    expect(u.input_tokens).toBe(0);
  }
});

test('count_tokens counts the same prompt without touching the cache', async () => {
  const params = {
    model: MODEL,
    system: [{ type: 'text' as const, text: 'x'.repeat(8000), cache_control: { type: 'ephemeral' as const } }],
    messages: [{ role: 'user' as const, content: 'hello there' }],
  };
  const counted = await client.messages.countTokens(params);
  expect(counted.input_tokens).toBe(2000 + 3);
  const created = await client.messages.create({ ...params, max_tokens: 100 });
  expect(created.usage.cache_read_input_tokens).toBe(0);
  expect(created.usage.cache_creation_input_tokens).toBe(2000);
  expect(created.usage.input_tokens).toBe(3);
});

test('faults: 429 twice then success with SDK maxRetries 2', async () => {
  sandbox.setScenario({ kind: 'scripted', turns: [{ text: 'finally' }] });
  sandbox.faults.add({ status: 429, times: 2, retryAfter: 0.01 });
  const retrying = new Anthropic({ apiKey: 'test', baseURL: sandbox.url, maxRetries: 2 });
  const reply = await retrying.messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });

  expect(reply.content[0]).toMatchObject({ text: 'finally' });
  expect(sandbox.requests.map((r) => r.status)).toEqual([429, 429, 200]);
  expect(sandbox.requests[0]?.response).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
  expect(sandbox.requests[2]?.turn).toBe(0);
});

test.each([
  [529, Anthropic.InternalServerError, 'overloaded_error'],
  [500, Anthropic.InternalServerError, 'api_error'],
  [429, Anthropic.RateLimitError, 'rate_limit_error'],
] as const)('fault %d surfaces as the SDK error class with the API error type', async (status, cls, type) => {
  sandbox.faults.add({ status, times: 1 });
  const call = client.messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
  await expect(call).rejects.toBeInstanceOf(cls);
  const err = (await call.catch((e: unknown) => e)) as InstanceType<typeof Anthropic.APIError>;
  expect(err.status).toBe(status);
  expect(err.requestID).toBe(sandbox.requests[0]?.requestId);
  expect(err.error).toMatchObject({ type: 'error', error: { type } });
  // The fault is used up: the next request succeeds.
  await expect(
    client.messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
  ).resolves.toMatchObject({ type: 'message' });
});

test('a tool_result for an unknown tool_use id is a BadRequestError', async () => {
  sandbox.setScenario({ kind: 'scripted', turns: [{ toolCalls: [{ name: 'read_file', input: { path: 'a' } }] }] });
  const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'go' }];
  const first = await client.messages.create({ model: MODEL, max_tokens: 100, tools: [readFileTool], messages });
  messages.push(
    { role: 'assistant', content: first.content },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_wrong', content: 'x' }] },
  );
  const call = client.messages.create({ model: MODEL, max_tokens: 100, tools: [readFileTool], messages });
  await expect(call).rejects.toBeInstanceOf(Anthropic.BadRequestError);
  await expect(call).rejects.toThrow(/messages\.2\.content\.0: unexpected `tool_use_id`.*toolu_wrong/);
  expect(sandbox.requests[1]?.status).toBe(400);
  expect(sandbox.requests[1]?.turn).toBeUndefined();
});

test('requests without an API key or anthropic-version header are refused', async () => {
  const res = await fetch(`${sandbox.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'k' },
    body: JSON.stringify({ model: MODEL, max_tokens: 1, messages: [{ role: 'user', content: 'hi' }] }),
  });
  expect(res.status).toBe(400);
  expect(res.headers.get('request-id')).toMatch(/^req_/);
  expect(await res.json()).toMatchObject({ error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' } });

  const noKey = await fetch(`${sandbox.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ model: MODEL, max_tokens: 1, messages: [{ role: 'user', content: 'hi' }] }),
  });
  expect(noKey.status).toBe(401);
  expect(await noKey.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
  expect(sandbox.requests.map((r) => r.status)).toEqual([400, 401]);
});

test('the compromised scenario, fed the hostile fixture, issues every attempt in order', async () => {
  const fixture = readFileSync(path.join(__dirname, '..', 'fixtures', 'hostile-issue.md'), 'utf8');
  const scenario = loadScenarioFile(path.join(__dirname, '..', 'scenarios', 'compromised.yaml'));
  sandbox.setScenario({ ...(scenario as { kind: 'compromised' }), maxTurns: 100 });
  const expected = parseInstructions(fixture);

  const messages: Anthropic.MessageParam[] = [{ role: 'user', content: `Triage this issue:\n\n${fixture}` }];
  const issued: { name: string; input: unknown }[] = [];
  let ended = false;
  for (let turn = 0; turn < 50 && !ended; turn++) {
    const reply = await client.messages.create({ model: MODEL, max_tokens: 1000, tools: [readFileTool], messages });
    if (reply.stop_reason === 'end_turn') {
      expect(reply.content[0]).toMatchObject({ text: COMPROMISED_DONE_TEXT });
      ended = true;
      continue;
    }
    for (const b of reply.content) if (b.type === 'tool_use') issued.push({ name: b.name, input: b.input });
    messages.push(
      { role: 'assistant', content: reply.content },
      toolResults(reply, (n) => `refused: ${n}`),
    );
  }
  expect(ended).toBe(true);
  expect(issued).toEqual(expected);
  expect(expected).toHaveLength(76);
  expect(issued[0]).toEqual({ name: 'read_file', input: { path: '~/.ssh/id_rsa' } });
});

test('a throwing scenario function is a 500 api_error; max_tokens 0 warms the cache without a turn', async () => {
  sandbox.setScenario(() => {
    throw new Error('script bug');
  });
  const call = client.messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
  await expect(call).rejects.toBeInstanceOf(Anthropic.InternalServerError);
  await expect(call).rejects.toThrow(/sandbox scenario failed: script bug/);

  const system = [{ type: 'text' as const, text: 'y'.repeat(6000), cache_control: { type: 'ephemeral' as const } }];
  const warm = await client.messages.create({ model: MODEL, max_tokens: 0, system, messages: [{ role: 'user', content: 'hi' }] });
  expect(warm).toMatchObject({ content: [], stop_reason: 'max_tokens', usage: { cache_creation_input_tokens: 1500, output_tokens: 0 } });
  sandbox.setScenario({ kind: 'scripted', turns: [{ text: 'warm' }] });
  const real = await client.messages.create({ model: MODEL, max_tokens: 10, system, messages: [{ role: 'user', content: 'hi' }] });
  expect(real.usage.cache_read_input_tokens).toBe(1500);
  expect(sandbox.requests.map((r) => r.turn)).toEqual([undefined, undefined, 0]);
});
