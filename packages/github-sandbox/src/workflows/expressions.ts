/**
 * GitHub Actions expressions, with GitHub's own `@actions/expressions` (lexer, parser, evaluator
 * and the functions contains, startsWith, endsWith, format, join, toJSON, fromJSON, case). The
 * runner adds the status functions (success, always, failure, cancelled); `hashFiles` needs the
 * files of a checkout and is refused with an UnsupportedFeatureError naming the file and line.
 *
 * Workflow values are compiled once, at load, from the parser's template tokens into `Value`s
 * (literals, expressions, mappings, sequences), so every expression error surfaces at load.
 */
import { Evaluator, ExpressionError, Lexer, Parser, data, type Expr } from '@actions/expressions';
import { Binary, ContextAccess, FunctionCall, Grouping, IndexAccess, Literal, Logical, Unary } from '@actions/expressions/ast';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import { truthy } from '@actions/expressions/result';
import { isBasicExpression, isBoolean, isMapping, isNumber, isSequence, isString } from '@actions/workflow-parser';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import { UnsupportedFeatureError, WorkflowError, WorkflowSyntaxError, type SourceLocation } from './errors';

/** Every context a workflow may name; the parser has already checked which are allowed where. */
export const CONTEXT_NAMES = [
  'github',
  'inputs',
  'vars',
  'secrets',
  'env',
  'needs',
  'steps',
  'runner',
  'job',
  'jobs',
  'strategy',
  'matrix',
];

const STATUS_FUNCTIONS = ['success', 'always', 'failure', 'cancelled'] as const;
/** Functions GitHub has that the runner refuses (they need a real runner). */
const UNSUPPORTED_FUNCTIONS = ['hashFiles'];

const EXTENSION_FUNCTIONS = [
  ...STATUS_FUNCTIONS.map((name) => ({ name, minArgs: 0, maxArgs: name === 'success' || name === 'failure' ? 255 : 0 })),
  { name: 'hashFiles', minArgs: 1, maxArgs: 255 },
];

export interface CompiledExpression {
  kind: 'expression';
  /** The expression without `${{ }}` (a string with several expressions is one `format(...)`). */
  source: string;
  expr: Expr;
  /** Contexts the expression reads (lower case). */
  contexts: ReadonlySet<string>;
  /** Step ids read through `steps.<id>`. */
  steps: ReadonlySet<string>;
  at: SourceLocation;
}

export type Value =
  | { kind: 'literal'; value: string | number | boolean | null; at: SourceLocation }
  | CompiledExpression
  | { kind: 'mapping'; entries: Array<[string, Value]>; at: SourceLocation }
  | { kind: 'sequence'; items: Value[]; at: SourceLocation };

export function locate(token: TemplateToken | undefined, file: string, job?: string): SourceLocation {
  const start = token?.range?.start;
  return { file, ...(job !== undefined ? { job } : {}), ...(start ? { line: start.line, column: start.column } : {}) };
}

/** Parses one expression; a syntax error or an unsupported function is a WorkflowError naming `at`. */
export function compileExpression(source: string, at: SourceLocation): CompiledExpression {
  let expr: Expr;
  try {
    expr = new Parser(new Lexer(source).lex().tokens, CONTEXT_NAMES, EXTENSION_FUNCTIONS).parse();
  } catch (e) {
    const message = e instanceof ExpressionError ? e.message : e instanceof Error ? e.message : String(e);
    throw new WorkflowSyntaxError(`invalid expression \${{ ${source} }}: ${message}`, at);
  }
  const contexts = new Set<string>();
  const steps = new Set<string>();
  walk(expr, (node) => {
    if (node instanceof FunctionCall) {
      const name = node.functionName.lexeme;
      const refused = UNSUPPORTED_FUNCTIONS.find((f) => f.toLowerCase() === name.toLowerCase());
      if (refused) throw new UnsupportedFeatureError(refused, at);
    }
    if (node instanceof ContextAccess) contexts.add(node.name.lexeme.toLowerCase());
    const step = stepReference(node);
    if (step !== undefined) steps.add(step);
  });
  return { kind: 'expression', source, expr, contexts, steps, at };
}

/** `steps.<id>` or `steps['<id>']`: the id. */
function stepReference(node: Expr): string | undefined {
  if (!(node instanceof IndexAccess) || !(node.expr instanceof ContextAccess)) return undefined;
  if (node.expr.name.lexeme.toLowerCase() !== 'steps' || !(node.index instanceof Literal)) return undefined;
  return node.index.literal.coerceString();
}

function walk(node: Expr, visit: (node: Expr) => void): void {
  visit(node);
  const children: Expr[] =
    node instanceof FunctionCall
      ? node.args
      : node instanceof Binary
        ? [node.left, node.right]
        : node instanceof Unary
          ? [node.expr]
          : node instanceof Logical
            ? node.args
            : node instanceof Grouping
              ? [node.group]
              : node instanceof IndexAccess
                ? [node.expr, node.index]
                : [];
  for (const child of children) walk(child, visit);
}

/** A template token from the parser as a `Value`; `${{ }}` inside strings is already one expression. */
export function compileToken(token: TemplateToken, file: string, job?: string): Value {
  const at = locate(token, file, job);
  if (isBasicExpression(token)) return compileExpression(token.expression, at);
  if (isString(token)) return { kind: 'literal', value: token.value, at };
  if (isNumber(token) || isBoolean(token)) return { kind: 'literal', value: token.value, at };
  if (isMapping(token)) {
    const entries: Array<[string, Value]> = [];
    for (const pair of token) {
      if (!isString(pair.key)) throw new UnsupportedFeatureError('an expression as a mapping key', locate(pair.key, file, job));
      entries.push([pair.key.value, compileToken(pair.value, file, job)]);
    }
    return { kind: 'mapping', entries, at };
  }
  if (isSequence(token)) return { kind: 'sequence', items: [...token].map((t) => compileToken(t, file, job)), at };
  if (token.isExpression) throw new UnsupportedFeatureError('${{ insert }}', at);
  return { kind: 'literal', value: null, at };
}

/** Every expression inside a value. */
export function expressionsOf(value: Value | undefined): CompiledExpression[] {
  if (!value) return [];
  if (value.kind === 'expression') return [value];
  if (value.kind === 'mapping') return value.entries.flatMap(([, v]) => expressionsOf(v));
  if (value.kind === 'sequence') return value.items.flatMap((v) => expressionsOf(v));
  return [];
}

/** What the status functions answer: success() and failure() of the needed jobs or earlier steps. */
export interface StatusState {
  success: boolean;
  failure: boolean;
  cancelled: boolean;
}

export const SUCCEEDING: StatusState = { success: true, failure: false, cancelled: false };

/** What an expression sees: the contexts as plain JSON values, and the status. */
export interface Scope {
  contexts: Readonly<Record<string, unknown>>;
  status?: StatusState;
}

const dictionaries = new WeakMap<Scope, data.Dictionary>();

/** Plain JSON as expression data (the library's reviver); `undefined` values are dropped. */
export function toExpressionData(value: unknown): data.ExpressionData {
  if (value === undefined) return new data.Null();
  return JSON.parse(JSON.stringify(value), data.reviver) as data.ExpressionData;
}

/** Expression data as plain JSON. */
export function fromExpressionData(value: data.ExpressionData): unknown {
  return JSON.parse(JSON.stringify(value, data.replacer) ?? 'null') as unknown;
}

function dictionaryOf(scope: Scope): data.Dictionary {
  let dict = dictionaries.get(scope);
  if (!dict) {
    dict = new data.Dictionary();
    for (const name of CONTEXT_NAMES) dict.add(name, toExpressionData(scope.contexts[name] ?? {}));
    dictionaries.set(scope, dict);
  }
  return dict;
}

function functionsFor(status: StatusState): Map<string, FunctionDefinition> {
  const fn = (name: string, value: () => boolean): [string, FunctionDefinition] => [
    name,
    { name, minArgs: 0, maxArgs: 255, call: () => new data.BooleanData(value()) },
  ];
  return new Map([
    fn('success', () => status.success && !status.cancelled),
    fn('failure', () => status.failure && !status.cancelled),
    fn('cancelled', () => status.cancelled),
    fn('always', () => true),
  ]);
}

export function evaluateExpression(expression: CompiledExpression, scope: Scope): data.ExpressionData {
  try {
    return new Evaluator(expression.expr, dictionaryOf(scope), functionsFor(scope.status ?? SUCCEEDING)).evaluate();
  } catch (e) {
    if (e instanceof WorkflowError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    throw new WorkflowError(`\${{ ${expression.source} }} failed: ${message}`, expression.at);
  }
}

/** A value evaluated to plain JSON. */
export function evaluateValue(value: Value, scope: Scope): unknown {
  switch (value.kind) {
    case 'literal':
      return value.value;
    case 'expression':
      return fromExpressionData(evaluateExpression(value, scope));
    case 'mapping':
      return Object.fromEntries(value.entries.map(([k, v]) => [k, evaluateValue(v, scope)]));
    case 'sequence':
      return value.items.map((v) => evaluateValue(v, scope));
  }
}

/** A scalar value as the string GitHub passes on (`with:`, `env:`, a concurrency group): null is ''. */
export function evaluateString(value: Value, scope: Scope, what: string): string {
  if (value.kind === 'literal') return value.value === null ? '' : String(value.value);
  if (value.kind === 'expression') {
    const result = evaluateExpression(value, scope);
    if (result.primitive) return result.coerceString();
    throw new WorkflowError(`${what} evaluated to ${result.kind === data.Kind.Array ? 'an array' : 'an object'}, not a string`, value.at);
  }
  throw new WorkflowError(`${what} must be a string, not a ${value.kind}`, value.at);
}

/** A condition (`if:`), truthy as GitHub coerces it. */
export function evaluateCondition(value: Value, scope: Scope): boolean {
  if (value.kind === 'literal') return value.value !== null && value.value !== '' && value.value !== false && value.value !== 0;
  if (value.kind === 'expression') return truthy(evaluateExpression(value, scope));
  return true;
}

/** A boolean setting such as `cancel-in-progress` or `continue-on-error`, literal or expression. */
export function evaluateBoolean(value: Value, scope: Scope, what: string): boolean {
  if (value.kind === 'literal' && typeof value.value === 'boolean') return value.value;
  if (value.kind === 'expression') {
    const result = evaluateExpression(value, scope);
    if (result.kind === data.Kind.Boolean) return truthy(result);
    const text = result.coerceString();
    if (text === 'true' || text === 'false') return text === 'true';
    throw new WorkflowError(`${what} evaluated to '${text}', not a boolean`, value.at);
  }
  throw new WorkflowError(`${what} must be a boolean`, value.at);
}

/** A mapping of strings (`with:`, `env:`, `outputs:`). */
export function evaluateStringMap(value: Value | undefined, scope: Scope, what: string): Record<string, string> {
  if (!value) return {};
  if (value.kind !== 'mapping') {
    throw new UnsupportedFeatureError(`${what} as ${value.kind === 'expression' ? 'an expression' : `a ${value.kind}`}`, value.at);
  }
  return Object.fromEntries(value.entries.map(([k, v]) => [k, evaluateString(v, scope, `${what}.${k}`)]));
}
