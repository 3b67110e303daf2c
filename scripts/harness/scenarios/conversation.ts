import type { MessagesRequest } from '@software-factory/model-sandbox';

/**
 * Reading a Messages API request the way a scripted sandbox model needs to: the first user
 * text, how many replies it gave already, and the results of its earlier tool calls. Used by
 * the demo scenarios only (never by the actions).
 */

type Block = { type: string; [key: string]: unknown };

function blocks(content: MessagesRequest['messages'][number]['content']): Block[] {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : (content as Block[]);
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((b) => (typeof (b as Block).text === 'string' ? ((b as Block).text as string) : '')).join('');
  return '';
}

/** The text of the first user message (the task, written by the automation). */
export function firstUserText(req: MessagesRequest): string {
  const first = req.messages.find((m) => m.role === 'user');
  return first
    ? blocks(first.content)
        .map((b) => (b.type === 'text' ? textOf(b.text) : ''))
        .join('\n')
    : '';
}

/** Replies the model already gave in this conversation (the stage of a scripted flow). */
export function assistantTurns(req: MessagesRequest): number {
  return req.messages.filter((m) => m.role === 'assistant').length;
}

export function systemText(req: MessagesRequest): string {
  return textOf((req as { system?: unknown }).system);
}

export function toolNames(req: MessagesRequest): string[] {
  return ((req as { tools?: { name: string }[] }).tools ?? []).map((t) => t.name);
}

export interface ToolExchange {
  name: string;
  input: Record<string, unknown>;
  result: string;
  isError: boolean;
}

/** Every tool call of the conversation with its result, in order. */
export function toolExchanges(req: MessagesRequest): ToolExchange[] {
  const calls = new Map<string, { name: string; input: Record<string, unknown> }>();
  const out: ToolExchange[] = [];
  for (const m of req.messages) {
    for (const b of blocks(m.content)) {
      if (b.type === 'tool_use') calls.set(String(b.id), { name: String(b.name), input: (b.input ?? {}) as Record<string, unknown> });
      if (b.type === 'tool_result') {
        const call = calls.get(String(b.tool_use_id));
        if (call) out.push({ ...call, result: textOf(b.content), isError: b.is_error === true });
      }
    }
  }
  return out;
}

/** The file content a `read_file` result shows (its numbered lines, without the fence). */
export function fileFromReadResult(result: string): string | undefined {
  const lines: string[] = [];
  for (const line of result.split('\n')) {
    const m = /^\s*(\d+)\t(.*)$/.exec(line);
    if (m) lines.push(m[2]!);
  }
  return lines.length ? `${lines.join('\n')}\n` : undefined;
}

/** The body inside the first `<untrusted …>` fence after `from` in `text`. */
export function fencedAfter(text: string, from: number): string | undefined {
  const open = /<untrusted [^>]*>\n/g;
  open.lastIndex = from;
  const m = open.exec(text);
  if (!m) return undefined;
  const start = m.index + m[0].length;
  const end = text.indexOf('\n</untrusted', start);
  return end < 0 ? undefined : text.slice(start, end);
}
