import type { ContentBlock, Message, StopReason } from '@anthropic-ai/sdk/resources/messages';
import type { ModelClient, ModelRequest } from '../model';

/** One reply of the in-memory model. Usage defaults follow the request (see below). */
export interface FakeReply {
  text?: string;
  toolCalls?: { name: string; input: unknown; id?: string }[];
  stopReason?: StopReason;
  usage?: { input?: number; output?: number; cacheRead?: number; cacheWrite?: number };
  model?: string;
}

export interface FakeModelClient extends ModelClient {
  /** Deep copies of every request, in order. */
  readonly requests: ModelRequest[];
}

/**
 * An in-memory ModelClient for unit tests: reply i answers request i (a function reply sees the
 * request); after the script, every request gets a final end_turn text.
 */
export function fakeModelClient(
  replies: (FakeReply | ((req: ModelRequest, index: number) => FakeReply))[],
  opts: { model?: string; maxTokens?: number } = {},
): FakeModelClient {
  const requests: ModelRequest[] = [];
  let ids = 0;
  const model = opts.model ?? 'fake-model';
  return {
    model,
    maxTokens: opts.maxTokens ?? 4096,
    requests,
    async create(params) {
      const index = requests.length;
      requests.push(structuredClone(params));
      const entry = replies[index] ?? { text: 'done', stopReason: 'end_turn' };
      const reply = typeof entry === 'function' ? entry(params, index) : entry;
      const content: ContentBlock[] = [];
      if (reply.text) content.push({ type: 'text', text: reply.text, citations: null });
      for (const c of reply.toolCalls ?? []) {
        content.push({
          type: 'tool_use',
          id: c.id ?? `toolu_fake_${++ids}`,
          name: c.name,
          input: c.input,
          caller: { type: 'direct' },
        });
      }
      const message = {
        id: `msg_fake_${index + 1}`,
        type: 'message',
        role: 'assistant',
        model: reply.model ?? model,
        content,
        stop_reason: reply.stopReason ?? (reply.toolCalls?.length ? 'tool_use' : 'end_turn'),
        stop_sequence: null,
        usage: {
          // Like the API: input from the request's size (~4 chars a token), output never above max_tokens.
          input_tokens: reply.usage?.input ?? approxInputTokens(params),
          output_tokens: Math.min(reply.usage?.output ?? 10, params.max_tokens ?? Infinity),
          cache_read_input_tokens: reply.usage?.cacheRead ?? 0,
          cache_creation_input_tokens: reply.usage?.cacheWrite ?? 0,
        },
      };
      return message as unknown as Message;
    },
  };
}

function approxInputTokens(params: ModelRequest): number {
  return Math.ceil(JSON.stringify([params.system, params.tools ?? [], params.messages]).length / 4);
}
