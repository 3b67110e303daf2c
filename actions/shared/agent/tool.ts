import type { z } from 'zod';

/**
 * A tool the agent may call. Declared once with a zod input schema; the loop turns the schema
 * into the Messages API's JSON Schema, validates the model's input with it, and returns any
 * thrown error to the model as an `is_error` tool result (never out of the loop).
 */
export interface ToolDef<S extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  input: S;
  run(input: z.infer<S>, ctx: ToolContext): Promise<ToolOutput> | ToolOutput;
}

export type ToolOutput = string | { text: string; isError?: boolean };

export interface ToolContext {
  /** Absolute path of the workspace every file tool is jailed to. */
  workspace: string;
  /** Aborted when a budget (wall clock) ends the run. */
  signal?: AbortSignal;
}

/** A refusal by the tool layer or policy: returned to the model, recorded in the run record. */
export class ToolRefusal extends Error {
  override readonly name = 'ToolRefusal';
  constructor(
    message: string,
    readonly rule: string,
  ) {
    super(message);
  }
}

/** Identity helper that keeps the input type inferred from the schema. */
export function defineTool<S extends z.ZodType>(def: ToolDef<S>): ToolDef<S> {
  return def;
}
