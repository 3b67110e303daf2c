import { z } from 'zod';
import type { Tool, ToolResultBlockParam, ToolUseBlock } from '@anthropic-ai/sdk/resources/messages';
import { ToolRefusal, type ToolContext, type ToolDef } from './tool';
import { truncateMiddle } from './context';
import { errorMessage } from '../errors';

/** Tool definitions for the Messages API, from the tools' zod schemas. */
export function toToolParam(def: ToolDef): Tool {
  if (!/^[a-zA-Z0-9_-]{1,64}$/.test(def.name)) {
    throw new Error(`tool name "${def.name}" must match ^[a-zA-Z0-9_-]{1,64}$`);
  }
  let schema: Record<string, unknown>;
  try {
    schema = z.toJSONSchema(def.input, { io: 'input' }) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`tool ${def.name}: input schema cannot be expressed as JSON Schema: ${(e as Error).message}`, { cause: e });
  }
  const { $schema: _ignored, ...inputSchema } = schema;
  if (inputSchema.type !== 'object') {
    throw new Error(`tool ${def.name}: input schema must describe an object, got ${String(inputSchema.type)}`);
  }
  return { name: def.name, description: def.description, input_schema: inputSchema as Tool.InputSchema };
}

export function toToolParams(defs: ToolDef[]): Tool[] {
  const seen = new Set<string>();
  for (const d of defs) {
    if (seen.has(d.name)) throw new Error(`tool "${d.name}" is declared twice`);
    seen.add(d.name);
  }
  return defs.map(toToolParam);
}

export interface ToolCallRecord {
  name: string;
  input: unknown;
  ok: boolean;
  refusal?: { rule: string; message: string };
}

export interface ToolCallOutcome {
  result: ToolResultBlockParam;
  record: ToolCallRecord;
  output: string;
}

/** Field-by-field description of a zod validation failure. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.map(String).join('.') : '(input)'}: ${i.message}`).join('; ');
}

/**
 * Run one tool call. Never throws: invalid input, unknown tools, thrown errors and refusals all
 * become `is_error` tool results for the model.
 */
export async function runToolCall(
  block: Pick<ToolUseBlock, 'id' | 'name' | 'input'>,
  tools: ReadonlyMap<string, ToolDef>,
  ctx: ToolContext,
  maxOutputChars: number,
): Promise<ToolCallOutcome> {
  const fail = (output: string, refusal?: ToolCallRecord['refusal']): ToolCallOutcome => ({
    result: { type: 'tool_result', tool_use_id: block.id, content: output, is_error: true },
    record: { name: block.name, input: block.input, ok: false, ...(refusal ? { refusal } : {}) },
    output,
  });
  const def = tools.get(block.name);
  if (!def) {
    return fail(`Unknown tool "${block.name}". Available tools: ${[...tools.keys()].join(', ') || 'none'}.`);
  }
  const parsed = def.input.safeParse(block.input);
  if (!parsed.success) {
    return fail(`Invalid input for tool ${def.name}: ${describeIssues(parsed.error)}`);
  }
  try {
    const out = await def.run(parsed.data, ctx);
    const text = typeof out === 'string' ? out : out.text;
    const isError = typeof out !== 'string' && out.isError === true;
    const half = Math.floor(maxOutputChars / 2);
    const content = truncateMiddle(text, half, half) || '(no output)';
    return {
      result: { type: 'tool_result', tool_use_id: block.id, content, ...(isError ? { is_error: true } : {}) },
      record: { name: def.name, input: block.input, ok: !isError },
      output: content,
    };
  } catch (e) {
    if (isToolRefusal(e)) {
      return fail(`Refused (${e.rule}): ${e.message}`, { rule: e.rule, message: e.message });
    }
    const message = errorMessage(e);
    return fail(`Error: ${message}`);
  }
}

function isToolRefusal(e: unknown): e is ToolRefusal {
  return e instanceof ToolRefusal || (e instanceof Error && e.name === 'ToolRefusal' && typeof (e as { rule?: unknown }).rule === 'string');
}
