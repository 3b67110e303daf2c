import type { MessageParam, ToolUnion } from '@anthropic-ai/sdk/resources/messages';
import { compactToolResults, estimateRequestTokens, truncateMiddle, withCacheControl, type RequestParts } from './context';

const tools: ToolUnion[] = [
  { name: 'a', description: 'A', input_schema: { type: 'object' } },
  { name: 'b', description: 'B', input_schema: { type: 'object' } },
];

function breakpoints(v: unknown): string[] {
  const out: string[] = [];
  const walk = (x: unknown, path: string) => {
    if (Array.isArray(x)) x.forEach((y, i) => walk(y, `${path}.${i}`));
    else if (x && typeof x === 'object') {
      for (const [k, y] of Object.entries(x)) {
        if (k === 'cache_control') out.push(path);
        else walk(y, `${path}.${k}`);
      }
    }
  };
  walk(v, '');
  return out;
}

function toolTurn(id: string, result: string): MessageParam[] {
  return [
    { role: 'assistant', content: [{ type: 'tool_use', id, name: 'a', input: {} }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: result }] },
  ];
}

describe('withCacheControl', () => {
  it('marks the last tool, the system prompt and the last block of the two newest user messages', () => {
    const parts: RequestParts = {
      system: 'stable context',
      tools,
      messages: [{ role: 'user', content: 'task' }, ...toolTurn('t1', 'r1'), ...toolTurn('t2', 'r2')],
    };
    const out = withCacheControl(parts);
    expect(breakpoints(out)).toEqual(['.system.0', '.tools.1', '.messages.2.content.0', '.messages.4.content.0']);
    expect(out.system).toEqual([{ type: 'text', text: 'stable context', cache_control: { type: 'ephemeral' } }]);
  });

  it('moves the message breakpoint forward as the conversation grows, without touching the history', () => {
    const messages: MessageParam[] = [{ role: 'user', content: 'task' }];
    const first = withCacheControl({ system: 's', tools, messages });
    expect(breakpoints(first.messages)).toEqual(['.0.content.0']);
    messages.push(...toolTurn('t1', 'r1'));
    const second = withCacheControl({ system: 's', tools, messages });
    expect(breakpoints(second.messages)).toEqual(['.0.content.0', '.2.content.0']);
    messages.push(...toolTurn('t2', 'r2'));
    const third = withCacheControl({ system: 's', tools, messages });
    expect(breakpoints(third.messages)).toEqual(['.2.content.0', '.4.content.0']);
    expect(breakpoints(messages)).toEqual([]);
    expect(breakpoints(tools)).toEqual([]);
  });

  it('never uses more than four breakpoints, counting the caller’s own', () => {
    const out = withCacheControl({
      system: [
        { type: 'text', text: 'one', cache_control: { type: 'ephemeral' } },
        { type: 'text', text: 'two', cache_control: { type: 'ephemeral' } },
      ],
      tools,
      messages: [{ role: 'user', content: 'task' }, ...toolTurn('t1', 'r1')],
    });
    expect(breakpoints(out)).toEqual(['.system.0', '.system.1', '.tools.1', '.messages.2.content.0']);
  });
});

describe('truncateMiddle', () => {
  it('keeps head and tail and says how much was removed', () => {
    const text = 'H'.repeat(500) + 'M'.repeat(1000) + 'T'.repeat(500);
    expect(truncateMiddle(text, 500, 500)).toBe(`${'H'.repeat(500)}\n[… 1000 characters removed to save context]\n${'T'.repeat(500)}`);
    expect(truncateMiddle('short', 1, 1)).toBe('short');
  });
});

describe('compactToolResults', () => {
  const big = (tag: string) => `${tag}${'x'.repeat(20_000)}`;
  function conversation(): RequestParts {
    return {
      system: 'sys',
      tools,
      messages: [
        { role: 'user', content: 'task' },
        ...toolTurn('t1', big('one')),
        ...toolTurn('t2', big('two')),
        ...toolTurn('t3', big('three')),
        ...toolTurn('t4', big('four')),
      ],
    };
  }
  const resultOf = (parts: RequestParts, i: number) => (parts.messages[i]!.content as { content: string }[])[0]!.content;

  it('does nothing under the threshold', () => {
    const parts = conversation();
    expect(compactToolResults(parts, { thresholdTokens: 1_000_000 })).toBeUndefined();
    expect(resultOf(parts, 2)).toHaveLength(20_003);
  });

  it('truncates the oldest results first, down to the target, keeping the newest', () => {
    const parts = conversation();
    const before = estimateRequestTokens(parts);
    // threshold just under the size: one truncation of ~20k chars (~6.6k tokens) is enough
    const report = compactToolResults(parts, {
      thresholdTokens: before - 1,
      targetRatio: 0.9,
      keepRecent: 1,
      headChars: 100,
      tailChars: 100,
    });
    expect(report).toMatchObject({ truncated: 1, beforeTokens: before });
    expect(report!.afterTokens).toBeLessThan(before);
    expect(resultOf(parts, 2)).toMatch(/^onex{97}\n\[… 19803 characters removed to save context\]\nx{100}$/);
    expect(resultOf(parts, 4)).toHaveLength(20_003);
    // pairing intact: every tool_result still answers the tool_use before it
    for (const i of [2, 4, 6, 8]) {
      const use = (parts.messages[i - 1]!.content as { id: string }[])[0]!.id;
      expect((parts.messages[i]!.content as { tool_use_id: string }[])[0]!.tool_use_id).toBe(use);
    }
  });

  it('never truncates the newest results and does not touch already short ones again', () => {
    const parts = conversation();
    compactToolResults(parts, { thresholdTokens: 100, keepRecent: 2, headChars: 10, tailChars: 10 });
    expect(resultOf(parts, 2).length).toBeLessThan(100);
    expect(resultOf(parts, 4).length).toBeLessThan(100);
    expect(resultOf(parts, 6)).toHaveLength(20_005);
    expect(resultOf(parts, 8)).toHaveLength(20_004);
    const again = compactToolResults(parts, { thresholdTokens: 100, keepRecent: 2, headChars: 10, tailChars: 10 });
    expect(again?.truncated).toBe(0);
  });
});
