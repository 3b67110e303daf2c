import { createHash } from 'node:crypto';
import { blocksOf, type MessagesRequest } from './request';

/**
 * Token counting and prompt caching, deterministic so tests can assert exact numbers.
 *
 * Tokens: every block counts ceil(chars / 4). For a text block `chars` is the length of its
 * text; for every other block (tool definitions, tool_use, tool_result, images, ...) it is the
 * length of the block's canonical JSON (keys sorted, `cache_control` removed). A string
 * `system` or message `content` is one text block.
 *
 * Caching follows the API: the prompt is the sequence tools -> system -> message blocks. A
 * block with `cache_control` is a breakpoint (a top-level `cache_control` marks the last
 * block). Each prefix is identified by a hash chained over the canonical JSON of its blocks
 * (and the model). For a request, the cache is searched at each breakpoint and up to
 * CACHE_LOOKBACK_BLOCKS blocks before it; the longest prefix found is read
 * (`cache_read_input_tokens`). The blocks after it up to the last breakpoint are written
 * (`cache_creation_input_tokens`) and every breakpoint prefix beyond the read point is stored.
 * The rest is `input_tokens`. Prefixes shorter than MIN_CACHEABLE_TOKENS are never stored.
 * Entries do not expire during the sandbox's life.
 */

export const MIN_CACHEABLE_TOKENS = 1024;
export const CACHE_LOOKBACK_BLOCKS = 20;

export interface PromptBlock {
  tokens: number;
  /** Hash of the prefix ending with (and including) this block. */
  prefixHash: string;
  /** Set when the block carries a cache breakpoint. */
  breakpoint?: '5m' | '1h';
}

export interface CacheUsage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
}

export function approxTokens(chars: number): number {
  return Math.ceil(chars / 4);
}

/** JSON with sorted keys and every `cache_control` removed, at any depth. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) {
        if (k !== 'cache_control') out[k] = (v as Record<string, unknown>)[k];
      }
      return out;
    }
    return v;
  });
}

function blockTokens(block: unknown): number {
  const b = block as { type?: unknown; text?: unknown };
  if (b.type === 'text' && typeof b.text === 'string') return approxTokens(b.text.length);
  return approxTokens(canonicalJson(block).length);
}

function ttlOf(block: unknown): '5m' | '1h' | undefined {
  const cc = (block as { cache_control?: { ttl?: string } | null }).cache_control;
  if (!cc) return undefined;
  return cc.ttl === '1h' ? '1h' : '5m';
}

/** The request's prompt as an ordered list of blocks with token counts and prefix hashes. */
export function promptBlocks(req: MessagesRequest): PromptBlock[] {
  const parts: { where: unknown[]; block: unknown }[] = [];
  for (const t of req.tools ?? []) parts.push({ where: ['tool'], block: t });
  for (const b of req.system === undefined ? [] : blocksOf(req.system)) {
    parts.push({ where: ['system'], block: b });
  }
  req.messages.forEach((m, i) => {
    for (const b of blocksOf(m.content)) parts.push({ where: ['message', i, m.role], block: b });
  });

  let hash = createHash('sha256').update(`model:${req.model}`).digest('hex');
  const out = parts.map(({ where, block }) => {
    hash = createHash('sha256')
      .update(hash)
      .update(canonicalJson([where, block]))
      .digest('hex');
    const bp = ttlOf(block);
    return { tokens: blockTokens(block), prefixHash: hash, ...(bp ? { breakpoint: bp } : {}) };
  });
  const last = out[out.length - 1];
  if (req.cache_control && last && !last.breakpoint) last.breakpoint = ttlOf(req) ?? '5m';
  return out;
}

export function countInputTokens(req: MessagesRequest): number {
  return promptBlocks(req).reduce((sum, b) => sum + b.tokens, 0);
}

/** The server's prompt cache: prefix hashes written by earlier requests. */
export class PromptCache {
  private readonly entries = new Set<string>();

  /** Compute the usage of one request and store the prefixes it writes. */
  account(blocks: PromptBlock[]): CacheUsage {
    const prefix: number[] = [];
    let sum = 0;
    for (const b of blocks) prefix.push((sum += b.tokens));
    const tokensThrough = (i: number) => (i < 0 ? 0 : (prefix[i] ?? 0));
    const breakpoints = blocks.flatMap((b, i) => (b.breakpoint ? [i] : []));

    let readEnd = -1;
    for (const bp of breakpoints) {
      for (let i = bp; i >= Math.max(0, bp - CACHE_LOOKBACK_BLOCKS + 1); i--) {
        if (i > readEnd && this.entries.has(blocks[i]!.prefixHash)) readEnd = i;
      }
    }

    const creation = { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 };
    let writeEnd = readEnd;
    for (const bp of breakpoints) {
      if (bp <= writeEnd || tokensThrough(bp) < MIN_CACHEABLE_TOKENS) continue;
      const tokens = tokensThrough(bp) - tokensThrough(writeEnd);
      if (blocks[bp]!.breakpoint === '1h') creation.ephemeral_1h_input_tokens += tokens;
      else creation.ephemeral_5m_input_tokens += tokens;
      this.entries.add(blocks[bp]!.prefixHash);
      writeEnd = bp;
    }

    return {
      input_tokens: sum - tokensThrough(writeEnd),
      cache_creation_input_tokens: tokensThrough(writeEnd) - tokensThrough(readEnd),
      cache_read_input_tokens: tokensThrough(readEnd),
      cache_creation: creation,
    };
  }
}
