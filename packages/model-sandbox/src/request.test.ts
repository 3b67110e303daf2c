import { InvalidRequest, validateRequest } from './request';

const ok = { model: 'm', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] };
const use = (id: string) => ({ type: 'tool_use', id, name: 'read_file', input: { path: 'a' } });
const result = (id: string) => ({ type: 'tool_result', tool_use_id: id, content: 'x' });

function problem(body: unknown, endpoint: 'messages' | 'count_tokens' = 'messages'): string {
  try {
    validateRequest(body, endpoint);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidRequest);
    return (e as Error).message;
  }
  throw new Error('expected the request to be rejected');
}

test('accepts a well-formed tool conversation and keeps unknown fields', () => {
  const body = {
    ...ok,
    temperature: 0,
    tools: [{ name: 'read_file', input_schema: { type: 'object' } }],
    messages: [
      { role: 'user', content: 'go' },
      { role: 'assistant', content: [{ type: 'text', text: 'ok', citations: null }, use('toolu_1'), use('toolu_2')] },
      { role: 'user', content: [result('toolu_2'), result('toolu_1'), { type: 'text', text: 'more' }] },
    ],
  };
  expect(validateRequest(body, 'messages')).toMatchObject({ temperature: 0 });
});

test.each([
  [{ ...ok, model: undefined }, /^model: Field required$/],
  [{ ...ok, max_tokens: undefined }, /^max_tokens: Field required$/],
  [{ ...ok, max_tokens: -1 }, /^max_tokens: /],
  [{ ...ok, messages: [] }, /^messages: /],
  [{ ...ok, messages: [{ role: 'user', content: [{ type: 'bogus' }] }] }, /^messages\.0\.content\.0\.type: /],
  [{ ...ok, messages: [{ role: 'assistant', content: 'hi' }] }, /first message must use the "user" role/],
  [
    {
      ...ok,
      messages: [
        { role: 'user', content: 'a' },
        { role: 'user', content: 'b' },
      ],
    },
    /roles must alternate/,
  ],
  [{ ...ok, messages: [{ role: 'user', content: '' }] }, /messages\.0\.content\.0: text content blocks must be non-empty/],
  [{ ...ok, messages: [{ role: 'user', content: [] }] }, /messages\.0: all messages must have non-empty content/],
  [{ ...ok, messages: [{ role: 'user', content: [use('toolu_1')] }] }, /tool_use blocks are only allowed in assistant/],
  [{ ...ok, messages: [{ role: 'user', content: [result('toolu_1')] }] }, /messages\.0\.content\.0: unexpected `tool_use_id`/],
  [
    {
      ...ok,
      messages: [
        { role: 'user', content: 'go' },
        { role: 'assistant', content: [use('toolu_1'), use('toolu_2')] },
        { role: 'user', content: [result('toolu_1')] },
      ],
    },
    /messages\.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_2/,
  ],
  [
    {
      ...ok,
      messages: [
        { role: 'user', content: 'go' },
        { role: 'assistant', content: [use('toolu_1')] },
        { role: 'user', content: [{ type: 'text', text: 'x' }, result('toolu_1')] },
      ],
    },
    /messages\.2\.content\.1: `tool_result` blocks must come first/,
  ],
  [
    {
      ...ok,
      messages: [
        { role: 'user', content: 'go' },
        { role: 'assistant', content: [use('toolu_1')] },
        { role: 'user', content: [result('toolu_1')] },
        { role: 'assistant', content: [use('toolu_1')] },
      ],
    },
    /`tool_use` ids must be unique/,
  ],
  [
    {
      ...ok,
      tools: [
        { name: 'a', input_schema: { type: 'object' } },
        { name: 'a', input_schema: { type: 'object' } },
      ],
    },
    /Tool names must be unique/,
  ],
  [{ ...ok, tools: [{ name: 'bad name', input_schema: { type: 'object' } }] }, /^tools\.0\.name: /],
  [{ ...ok, tool_choice: { type: 'tool', name: 'nope' } }, /tool_choice\.name: Tool 'nope' not found/],
  [
    {
      ...ok,
      system: [1, 2, 3].map((i) => ({ type: 'text', text: `s${i}`, cache_control: { type: 'ephemeral' } })),
      messages: [{ role: 'user', content: [{ type: 'text', text: 'a', cache_control: { type: 'ephemeral' } }] }],
      cache_control: { type: 'ephemeral' },
    },
    /A maximum of 4 blocks with cache_control may be provided\. Found 5\./,
  ],
])('rejects %#', (body, message) => {
  expect(problem(body)).toMatch(message);
});

test('count_tokens does not require max_tokens; messages does', () => {
  const { max_tokens: _omit, ...noMax } = ok;
  expect(validateRequest(noMax, 'count_tokens').max_tokens).toBeUndefined();
  expect(problem(noMax)).toBe('max_tokens: Field required');
});

test('a final assistant message (prefill or pause_turn continuation) is allowed', () => {
  const body = {
    ...ok,
    messages: [
      { role: 'user', content: 'go' },
      { role: 'assistant', content: [use('toolu_9')] },
    ],
  };
  expect(validateRequest(body, 'messages').messages).toHaveLength(2);
});
