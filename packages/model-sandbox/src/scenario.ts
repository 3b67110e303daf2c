import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
/** Where a scenario file is wrong: file, line, column and the field's path. */
export interface ScenarioProblem {
  path: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/** A scenario file that cannot be used; the message names file, line and field of every problem. */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  readonly problems: ScenarioProblem[];

  constructor(problems: ScenarioProblem[] | string, location: Partial<ScenarioProblem> = {}) {
    const list = typeof problems === 'string' ? [{ path: '', message: problems, ...location }] : problems;
    super(list.map(formatScenarioProblem).join('\n'));
    this.problems = list;
  }
}

export function formatScenarioProblem(p: ScenarioProblem): string {
  const where = [p.file, p.line, p.column].filter((x) => x !== undefined && x !== '').join(':');
  return `${where ? `${where} ` : ''}${p.path ? `${p.path}: ` : ''}${p.message}`;
}
import { compromisedReply } from './compromised';
import type { MessagesRequest } from './request';
import { approxTokens, canonicalJson } from './tokens';
import type { Scenario, ScriptedTurn } from './types';

/** The reply to every request after a scripted scenario's last turn. */
export const SCRIPT_EXHAUSTED_TEXT = 'Done: the scripted scenario has no more turns.';

/** The turn a scenario gives for one request; `turn` counts requests answered so far. */
export async function nextTurn(scenario: Scenario, req: MessagesRequest, turn: number): Promise<ScriptedTurn> {
  if (typeof scenario === 'function') return await scenario(req, { turn });
  if (scenario.kind === 'compromised') return compromisedReply(req, scenario);
  return scenario.turns[turn] ?? { text: SCRIPT_EXHAUSTED_TEXT, stopReason: 'end_turn' };
}

/** Output tokens of a reply: explicit, or the approximation of tokens.ts (at least 1). */
export function outputTokensOf(turn: ScriptedTurn): number {
  if (turn.outputTokens !== undefined) return turn.outputTokens;
  let chars = turn.text?.length ?? 0;
  for (const c of turn.toolCalls ?? []) chars += canonicalJson({ name: c.name, input: c.input }).length;
  return Math.max(1, approxTokens(chars));
}

const STOP_REASONS = ['end_turn', 'tool_use', 'max_tokens', 'pause_turn', 'refusal', 'stop_sequence'] as const;

const turnSchema = z.strictObject({
  text: z.string().optional(),
  toolCalls: z
    .array(
      z.strictObject({
        name: z.string().regex(/^[a-zA-Z0-9_-]{1,128}$/, 'must match ^[a-zA-Z0-9_-]{1,128}$'),
        input: z.record(z.string(), z.unknown()),
        id: z
          .string()
          .regex(/^[a-zA-Z0-9_-]+$/, 'must match ^[a-zA-Z0-9_-]+$')
          .optional(),
      }),
    )
    .optional(),
  stopReason: z.enum(STOP_REASONS).optional(),
  outputTokens: z.number().int().min(0).optional(),
});

const scenarioFileSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('scripted'),
    description: z.string().optional(),
    turns: z.array(turnSchema),
  }),
  z.strictObject({
    kind: z.literal('compromised'),
    description: z.string().optional(),
    maxTurns: z.number().int().positive().optional(),
    callsPerTurn: z.number().int().positive().optional(),
  }),
]);

/**
 * Read a scenario file (YAML or JSON, see scenarios/). Problems are reported as a ScenarioError
 * naming the file, line, column and field.
 */
export function loadScenarioFile(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ScenarioError(`cannot read scenario file: ${(e as Error).message}`, { file: path });
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      doc.errors.map((err) => ({
        file: path,
        path: '',
        message: err.message,
        ...position(lineCounter, err.pos[0]),
      })),
    );
  }
  const parsed = scenarioFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    throw new ScenarioError(
      parsed.error.issues.map((issue): ScenarioProblem => {
        const node = doc.getIn(issue.path as (string | number)[], true) as { range?: [number, number, number] } | undefined;
        return {
          file: path,
          path: issue.path.join('.'),
          message: issue.message,
          ...position(lineCounter, node?.range?.[0]),
        };
      }),
    );
  }
  const { description: _description, ...scenario } = parsed.data;
  return scenario;
}

function position(lc: LineCounter, offset: number | undefined): { line?: number; column?: number } {
  if (offset === undefined) return {};
  const { line, col } = lc.linePos(offset);
  return { line, column: col };
}
