import type {
  ContentBlockParam,
  MessageParam,
  TextBlockParam,
  ToolResultBlockParam,
  ToolUnion,
} from '@anthropic-ai/sdk/resources/messages';

/**
 * Context management for the tool loop: prompt-cache breakpoints, request size estimates and
 * truncation of old tool results. The conversation history is kept free of cache markers; they
 * are put on a copy for each request, so the breakpoint moves forward with the conversation.
 */

export type SystemBlock = TextBlockParam;
type CacheControl = { type: 'ephemeral' };
const EPHEMERAL: CacheControl = { type: 'ephemeral' };
/** The Messages API accepts at most four cache breakpoints per request. */
export const MAX_CACHE_BREAKPOINTS = 4;

export interface RequestParts {
  system: string | SystemBlock[];
  tools: ToolUnion[];
  messages: MessageParam[];
}

export interface CachedRequestParts {
  system: SystemBlock[];
  tools: ToolUnion[];
  messages: MessageParam[];
}

/**
 * A copy of the request with cache breakpoints on: the last tool definition, the last system
 * block (the stable context) and the last block of the newest user message (the conversation
 * prefix), plus the previous user message when a breakpoint is left, so the prefix written last
 * turn is always found again. Breakpoints already set by the caller count towards the four.
 */
export function withCacheControl(parts: RequestParts): CachedRequestParts {
  const system: SystemBlock[] =
    typeof parts.system === 'string' ? (parts.system ? [{ type: 'text', text: parts.system }] : []) : parts.system.map((b) => ({ ...b }));
  const tools = parts.tools.map((t) => ({ ...t }));
  const messages = parts.messages.slice();
  let left = MAX_CACHE_BREAKPOINTS - countBreakpoints(system, tools, messages);

  const lastTool = tools[tools.length - 1];
  if (lastTool && left > 0 && !hasBreakpoint(lastTool)) {
    (lastTool as { cache_control?: CacheControl }).cache_control = EPHEMERAL;
    left -= 1;
  }
  const lastSystem = system[system.length - 1];
  if (lastSystem && left > 0 && !lastSystem.cache_control) {
    lastSystem.cache_control = EPHEMERAL;
    left -= 1;
  }
  const userIdx = messages.flatMap((m, i) => (m.role === 'user' ? [i] : [])).reverse();
  for (const i of userIdx.slice(0, 2)) {
    if (left <= 0) break;
    const marked = markLastBlock(messages[i]!);
    if (marked) {
      messages[i] = marked;
      left -= 1;
    }
  }
  return { system, tools, messages };
}

function hasBreakpoint(v: unknown): boolean {
  return !!(v && typeof v === 'object' && (v as { cache_control?: unknown }).cache_control);
}

function countBreakpoints(system: SystemBlock[], tools: ToolUnion[], messages: MessageParam[]): number {
  let n = system.filter(hasBreakpoint).length + tools.filter(hasBreakpoint).length;
  for (const m of messages) {
    if (typeof m.content !== 'string') n += m.content.filter(hasBreakpoint).length;
  }
  return n;
}

/** The message with a breakpoint on its last block, or undefined if it cannot take one. */
function markLastBlock(m: MessageParam): MessageParam | undefined {
  if (typeof m.content === 'string') {
    if (!m.content) return undefined;
    return { ...m, content: [{ type: 'text', text: m.content, cache_control: EPHEMERAL }] } as MessageParam;
  }
  const last = m.content[m.content.length - 1];
  if (!last || hasBreakpoint(last) || !canCache(last)) return undefined;
  const content = m.content.slice();
  content[content.length - 1] = { ...last, cache_control: EPHEMERAL } as ContentBlockParam;
  return { ...m, content } as MessageParam;
}

function canCache(b: ContentBlockParam): boolean {
  // Thinking blocks cannot carry a breakpoint; an empty text block is rejected by the API.
  if (b.type === 'thinking' || b.type === 'redacted_thinking') return false;
  return !(b.type === 'text' && !b.text);
}

/** Characters per token for worst-case estimates (code and JSON run denser than prose). */
export const CHARS_PER_TOKEN_ESTIMATE = 3;
const IMAGE_TOKENS = 1600;
const MESSAGE_OVERHEAD_TOKENS = 8;
const TOOLS_OVERHEAD_TOKENS = 400;

/** A deliberately generous estimate of a request's input tokens, from its size. */
export function estimateRequestTokens(parts: RequestParts): number {
  let images = 0;
  const json = JSON.stringify([parts.system, parts.tools, parts.messages], (key, value) => {
    if (key === 'cache_control') return undefined;
    if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'image') {
      images += 1;
      return undefined;
    }
    return value;
  });
  return (
    Math.ceil(json.length / CHARS_PER_TOKEN_ESTIMATE) +
    images * IMAGE_TOKENS +
    parts.messages.length * MESSAGE_OVERHEAD_TOKENS +
    (parts.tools.length ? TOOLS_OVERHEAD_TOKENS : 0)
  );
}

/** Keep the head and the tail of a long text, noting how much was removed in between. */
export function truncateMiddle(text: string, headChars: number, tailChars: number): string {
  if (text.length <= headChars + tailChars + TRUNCATION_SLACK) return text;
  const removed = text.length - headChars - tailChars;
  return `${text.slice(0, headChars)}\n[… ${removed} characters removed to save context]\n` + text.slice(text.length - tailChars);
}

/** Not worth truncating when less than this would be removed. */
const TRUNCATION_SLACK = 200;

export interface CompactOptions {
  /** Start truncating when the estimated request passes this many tokens (default 150 000). */
  thresholdTokens?: number;
  /** Then truncate down to this share of the threshold, so the cache is broken rarely (default 0.7). */
  targetRatio?: number;
  /** The newest tool results are never truncated (default 2). */
  keepRecent?: number;
  headChars?: number;
  tailChars?: number;
}

export const DEFAULT_CONTEXT_THRESHOLD_TOKENS = 150_000;

export interface CompactReport {
  truncated: number;
  removedChars: number;
  beforeTokens: number;
  afterTokens: number;
}

/**
 * When the request would pass the threshold, truncate old tool results, oldest first, in place,
 * until it is under the target. Blocks are only shortened, never removed, so every tool_use
 * keeps its tool_result. Everything before the oldest truncated result keeps its cached prefix.
 */
export function compactToolResults(parts: RequestParts, opts: CompactOptions = {}): CompactReport | undefined {
  const threshold = opts.thresholdTokens ?? DEFAULT_CONTEXT_THRESHOLD_TOKENS;
  const before = estimateRequestTokens(parts);
  if (before <= threshold) return undefined;
  const target = threshold * (opts.targetRatio ?? 0.7);
  const head = opts.headChars ?? 1500;
  const tail = opts.tailChars ?? 1500;
  const slots = toolResultSlots(parts.messages);
  const candidates = slots.slice(0, Math.max(0, slots.length - (opts.keepRecent ?? 2)));

  let current = before;
  let truncated = 0;
  let removedChars = 0;
  for (const { msg, idx } of candidates) {
    if (current <= target) break;
    const content = parts.messages[msg]!.content as ContentBlockParam[];
    const block = content[idx] as ToolResultBlockParam;
    const text = toolResultText(block);
    const short = truncateMiddle(text, head, tail);
    if (short.length >= text.length && !hasNonText(block)) continue;
    const nextContent = content.slice();
    nextContent[idx] = { ...block, content: short };
    parts.messages[msg] = { ...parts.messages[msg]!, content: nextContent } as MessageParam;
    const removed = text.length - short.length;
    removedChars += Math.max(0, removed);
    current -= Math.max(0, Math.floor(removed / CHARS_PER_TOKEN_ESTIMATE));
    truncated += 1;
  }
  if (truncated === 0) return { truncated, removedChars, beforeTokens: before, afterTokens: before };
  return { truncated, removedChars, beforeTokens: before, afterTokens: estimateRequestTokens(parts) };
}

function toolResultSlots(messages: MessageParam[]): { msg: number; idx: number }[] {
  const out: { msg: number; idx: number }[] = [];
  messages.forEach((m, msg) => {
    if (m.role !== 'user' || typeof m.content === 'string') return;
    m.content.forEach((b, idx) => {
      if (b.type === 'tool_result') out.push({ msg, idx });
    });
  });
  return out;
}

function hasNonText(block: ToolResultBlockParam): boolean {
  return Array.isArray(block.content) && block.content.some((c) => c.type !== 'text');
}

/** A tool result's text; other content (images, documents) is replaced by a short note. */
function toolResultText(block: ToolResultBlockParam): string {
  if (block.content === undefined) return '';
  if (typeof block.content === 'string') return block.content;
  return block.content.map((c) => (c.type === 'text' ? c.text : `[${c.type} removed to save context]`)).join('\n');
}
