import { z } from 'zod';

/**
 * The subset of a Messages API request body the sandbox understands, validated the way the API
 * does: a request the real API would reject gets a 400 `invalid_request_error` whose message
 * names the field (`messages.2.content.0: ...`). Unknown fields are kept, not rejected.
 */

const cacheControl = z
  .object({ type: z.literal('ephemeral'), ttl: z.enum(['5m', '1h']).optional() })
  .nullable()
  .optional();

const textBlock = z.looseObject({
  type: z.literal('text'),
  text: z.string(),
  cache_control: cacheControl,
});

const toolUseBlock = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string().regex(/^[a-zA-Z0-9_-]+$/, 'String should match pattern ^[a-zA-Z0-9_-]+$'),
  name: z.string().min(1),
  input: z.record(z.string(), z.unknown()),
  cache_control: cacheControl,
});

const toolResultBlock = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string().min(1),
  content: z.union([z.string(), z.array(z.looseObject({ type: z.string() }))]).optional(),
  is_error: z.boolean().optional(),
  cache_control: cacheControl,
});

/** Block types passed through without a closer look (they only count tokens). */
const opaqueBlock = <T extends string>(type: T) => z.looseObject({ type: z.literal(type), cache_control: cacheControl });

const contentBlock = z.discriminatedUnion('type', [
  textBlock,
  toolUseBlock,
  toolResultBlock,
  opaqueBlock('image'),
  opaqueBlock('document'),
  opaqueBlock('thinking'),
  opaqueBlock('redacted_thinking'),
  opaqueBlock('search_result'),
]);

const message = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.union([z.string(), z.array(contentBlock)]),
});

const tool = z.looseObject({
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,128}$/, 'String should match pattern ^[a-zA-Z0-9_-]{1,128}$'),
  description: z.string().optional(),
  input_schema: z.looseObject({ type: z.literal('object') }),
  cache_control: cacheControl,
});

const toolChoice = z.union([
  z.looseObject({ type: z.enum(['auto', 'any', 'none']) }),
  z.looseObject({ type: z.literal('tool'), name: z.string() }),
]);

const baseRequest = z.looseObject({
  model: z.string().min(1),
  messages: z.array(message).min(1),
  system: z.union([z.string(), z.array(textBlock)]).optional(),
  tools: z.array(tool).optional(),
  tool_choice: toolChoice.optional(),
  cache_control: cacheControl,
  stream: z.boolean().optional(),
});

export const messagesRequestSchema = baseRequest.extend({
  max_tokens: z.number().int().min(0),
});

export const countTokensRequestSchema = baseRequest.extend({
  max_tokens: z.number().int().min(0).optional(),
});

export type MessagesRequest = z.infer<typeof countTokensRequestSchema>;
export type ContentBlockParam = z.infer<typeof contentBlock>;
export type MessageParam = z.infer<typeof message>;

export class InvalidRequest extends Error {
  override readonly name = 'InvalidRequest';
}

/** Parse and check a request body; throws InvalidRequest with an API-style message. */
export function validateRequest(body: unknown, endpoint: 'messages' | 'count_tokens'): MessagesRequest {
  const schema = endpoint === 'messages' ? messagesRequestSchema : countTokensRequestSchema;
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new InvalidRequest(describeIssue(parsed.error.issues[0], []));
  const req = parsed.data;
  checkTools(req);
  checkConversation(req.messages);
  checkCacheBreakpoints(req);
  return req;
}

/**
 * An API-style message for the first problem. For a union (`content` is a string or blocks)
 * the branch that got furthest into the value explains best what is wrong.
 */
function describeIssue(issue: z.core.$ZodIssue | undefined, prefix: PropertyKey[]): string {
  if (!issue) return 'invalid request';
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const deepest = issue.errors.map((branch) => branch[0]).reduce((a, b) => ((b?.path.length ?? -1) > (a?.path.length ?? -1) ? b : a));
    if (deepest && deepest.path.length > 0) return describeIssue(deepest, path);
  }
  const text = issue.code === 'invalid_type' && issue.input === undefined ? 'Field required' : issue.message;
  return path.length > 0 ? `${path.map(String).join('.')}: ${text}` : text;
}

/** The content of a message as blocks (a string is one text block). */
export function blocksOf(content: string | ContentBlockParam[]): ContentBlockParam[] {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

function checkTools(req: MessagesRequest): void {
  const names = new Set<string>();
  for (const t of req.tools ?? []) {
    if (names.has(t.name)) throw new InvalidRequest('tools: Tool names must be unique.');
    names.add(t.name);
  }
  const choice = req.tool_choice;
  if (choice?.type === 'tool' && 'name' in choice && !names.has(String(choice.name))) {
    throw new InvalidRequest(`tool_choice.name: Tool '${String(choice.name)}' not found in provided tools`);
  }
}

/**
 * Conversation rules. The sandbox is stricter than the API in one respect: the API merges
 * consecutive same-role messages, the sandbox rejects them, because in an agent loop that is
 * always a bug (a lost assistant turn or a doubled tool result message).
 */
function checkConversation(messages: MessageParam[]): void {
  const seenToolUse = new Set<string>();
  messages.forEach((m, i) => {
    if (i === 0 && m.role !== 'user') {
      throw new InvalidRequest('messages: first message must use the "user" role');
    }
    const prev = messages[i - 1];
    if (prev && prev.role === m.role) {
      throw new InvalidRequest(
        `messages: roles must alternate between "user" and "assistant", but found multiple "${m.role}" roles in a row (messages.${i - 1} and messages.${i})`,
      );
    }
    const blocks = blocksOf(m.content);
    const isFinalAssistant = i === messages.length - 1 && m.role === 'assistant';
    if (blocks.length === 0 && !isFinalAssistant) {
      throw new InvalidRequest(`messages.${i}: all messages must have non-empty content except for the optional final assistant message`);
    }
    blocks.forEach((b, j) => {
      if (b.type === 'text' && b.text.length === 0) {
        throw new InvalidRequest(`messages.${i}.content.${j}: text content blocks must be non-empty`);
      }
      if (b.type === 'tool_use') {
        if (m.role !== 'assistant') {
          throw new InvalidRequest(`messages.${i}.content.${j}: tool_use blocks are only allowed in assistant messages`);
        }
        if (seenToolUse.has(b.id)) {
          throw new InvalidRequest(`messages.${i}.content.${j}: \`tool_use\` ids must be unique (duplicate: ${b.id})`);
        }
        seenToolUse.add(b.id);
      }
      if (b.type === 'tool_result' && m.role !== 'user') {
        throw new InvalidRequest(`messages.${i}.content.${j}: tool_result blocks are only allowed in user messages`);
      }
    });
    if (m.role === 'user') checkToolResults(i, blocks, prev ? blocksOf(prev.content) : []);
  });
}

/** Each tool_result answers a tool_use of the previous assistant turn, and every one is answered. */
function checkToolResults(i: number, blocks: ContentBlockParam[], prevBlocks: ContentBlockParam[]): void {
  const asked = prevBlocks.flatMap((b) => (b.type === 'tool_use' ? [b.id] : []));
  const answered = new Set<string>();
  let sawOther = false;
  blocks.forEach((b, j) => {
    if (b.type !== 'tool_result') {
      sawOther = true;
      return;
    }
    if (!asked.includes(b.tool_use_id)) {
      throw new InvalidRequest(
        `messages.${i}.content.${j}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${b.tool_use_id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
      );
    }
    if (answered.has(b.tool_use_id)) {
      throw new InvalidRequest(
        `messages.${i}.content.${j}: each \`tool_use_id\` may be answered by only one \`tool_result\` block: ${b.tool_use_id}`,
      );
    }
    if (sawOther) {
      throw new InvalidRequest(`messages.${i}.content.${j}: \`tool_result\` blocks must come first in the content, before any other block`);
    }
    answered.add(b.tool_use_id);
  });
  const missing = asked.filter((id) => !answered.has(id));
  if (missing.length > 0) {
    throw new InvalidRequest(
      `messages.${i - 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
    );
  }
}

export const MAX_CACHE_BREAKPOINTS = 4;

function checkCacheBreakpoints(req: MessagesRequest): void {
  let found = req.cache_control ? 1 : 0;
  for (const t of req.tools ?? []) if (t.cache_control) found++;
  if (Array.isArray(req.system)) for (const b of req.system) if (b.cache_control) found++;
  for (const m of req.messages) {
    for (const b of blocksOf(m.content)) if (b.cache_control) found++;
  }
  if (found > MAX_CACHE_BREAKPOINTS) {
    throw new InvalidRequest(`A maximum of ${MAX_CACHE_BREAKPOINTS} blocks with cache_control may be provided. Found ${found}.`);
  }
}
