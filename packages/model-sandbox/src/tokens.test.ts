import type { MessagesRequest } from './request';
import { countInputTokens, MIN_CACHEABLE_TOKENS, promptBlocks, PromptCache } from './tokens';

const eph = { type: 'ephemeral' as const };
/** A text of exactly `tokens` tokens under the chars/4 rule. */
const text = (tokens: number, fill = 'a') => fill.repeat(tokens * 4);

function req(over: Partial<MessagesRequest>): MessagesRequest {
  return { model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }], ...over };
}

test('counts ceil(chars/4) per text block and canonical JSON for other blocks, tools and system included', () => {
  const tool = { name: 't', input_schema: { type: 'object' as const } };
  const r = req({
    tools: [{ ...tool, cache_control: eph }],
    system: 'abcde',
    messages: [{ role: 'user', content: [{ type: 'text', text: 'abcdefgh' }] }],
  });
  const toolJson = JSON.stringify({ input_schema: { type: 'object' }, name: 't' });
  expect(promptBlocks(r).map((b) => b.tokens)).toEqual([Math.ceil(toolJson.length / 4), 2, 2]);
  expect(countInputTokens(r)).toBe(Math.ceil(toolJson.length / 4) + 4);
});

test('a prefix below the minimum is never cached', () => {
  const cache = new PromptCache();
  const r = req({ system: [{ type: 'text', text: text(MIN_CACHEABLE_TOKENS - 1), cache_control: eph }] });
  const first = cache.account(promptBlocks(r));
  expect(first).toMatchObject({ cache_creation_input_tokens: 0, cache_read_input_tokens: 0, input_tokens: MIN_CACHEABLE_TOKENS });
  expect(cache.account(promptBlocks(r)).cache_read_input_tokens).toBe(0);
});

test('write then read at the same breakpoint; the tail after the last breakpoint is plain input', () => {
  const cache = new PromptCache();
  const r = req({
    system: [{ type: 'text', text: text(2000), cache_control: eph }],
    messages: [{ role: 'user', content: text(10) }],
  });
  expect(cache.account(promptBlocks(r))).toMatchObject({ input_tokens: 10, cache_creation_input_tokens: 2000, cache_read_input_tokens: 0 });
  expect(cache.account(promptBlocks(r))).toMatchObject({ input_tokens: 10, cache_creation_input_tokens: 0, cache_read_input_tokens: 2000 });
});

test('finds a prefix written earlier at a block before the breakpoint (lookback)', () => {
  const cache = new PromptCache();
  const turn1 = req({
    system: [{ type: 'text', text: text(1500) }],
    messages: [{ role: 'user', content: [{ type: 'text', text: text(100), cache_control: eph }] }],
  });
  cache.account(promptBlocks(turn1));
  const turn2 = req({
    system: [{ type: 'text', text: text(1500) }],
    messages: [
      { role: 'user', content: text(100) },
      { role: 'assistant', content: text(20) },
      { role: 'user', content: [{ type: 'text', text: text(30), cache_control: eph }] },
    ],
  });
  expect(cache.account(promptBlocks(turn2))).toMatchObject({
    cache_read_input_tokens: 1600,
    cache_creation_input_tokens: 50,
    input_tokens: 0,
  });
});

test('a change before the breakpoint misses; the model is part of the key', () => {
  const cache = new PromptCache();
  const base = req({ system: [{ type: 'text', text: text(1200), cache_control: eph }] });
  cache.account(promptBlocks(base));
  const edited = req({ system: [{ type: 'text', text: text(1200, 'b'), cache_control: eph }] });
  expect(cache.account(promptBlocks(edited)).cache_read_input_tokens).toBe(0);
  expect(cache.account(promptBlocks({ ...base, model: 'other' })).cache_read_input_tokens).toBe(0);
  expect(cache.account(promptBlocks(base)).cache_read_input_tokens).toBe(1200);
});

test('message boundaries are part of the prefix', () => {
  const cache = new PromptCache();
  const one = req({
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: text(600) },
          { type: 'text', text: text(600), cache_control: eph },
        ],
      },
    ],
  });
  cache.account(promptBlocks(one));
  const two = req({
    messages: [
      { role: 'user', content: text(600) },
      { role: 'assistant', content: [{ type: 'text', text: text(600), cache_control: eph }] },
    ],
  });
  expect(cache.account(promptBlocks(two)).cache_read_input_tokens).toBe(0);
});

test('top-level cache_control marks the last block; 1h breakpoints are reported by TTL', () => {
  const cache = new PromptCache();
  const r = req({
    cache_control: eph,
    system: [{ type: 'text', text: text(1100), cache_control: { type: 'ephemeral', ttl: '1h' } }],
    messages: [{ role: 'user', content: text(200) }],
  });
  expect(cache.account(promptBlocks(r))).toMatchObject({
    cache_creation_input_tokens: 1300,
    input_tokens: 0,
    cache_creation: { ephemeral_1h_input_tokens: 1100, ephemeral_5m_input_tokens: 200 },
  });
});
