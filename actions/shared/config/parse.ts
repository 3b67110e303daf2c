import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { ConfigError, type ConfigProblem } from '../errors';
import { show } from './fields';
import { configJsonSchema } from './json-schema';
import { DEFAULT_CONFIG_FILE, FactoryConfigSchema, MOVED_FIELDS, type FactoryConfig } from './schema';
import { didYouMean } from './suggest';

type PathKey = string | number;

/** The configuration every field of which is at its default (what an empty file yields). */
export function defaultConfig(): FactoryConfig {
  return FactoryConfigSchema.parse(undefined);
}

/**
 * Parses and validates `.github/factory.yml`. Throws a ConfigError with one problem per invalid
 * field, each pointing at the offending YAML node:
 * `.github/factory.yml:12:5 budgets.maxTurns: expected a positive integer, got "ten"`.
 */
export function parseConfig(text: string, file = DEFAULT_CONFIG_FILE): FactoryConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, keepSourceTokens: true, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined) => {
    if (offset === undefined) return { file, line: 1, column: 1 };
    const pos = lines.linePos(offset);
    return { file, line: pos.line, column: pos.col };
  };

  if (doc.errors.length > 0) {
    throw new ConfigError(doc.errors.map((e) => ({ ...at(e.pos[0]), path: '', message: `YAML syntax error: ${e.message}` })));
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (e) {
    throw new ConfigError([{ ...at(0), path: '', message: `cannot read YAML: ${(e as Error).message}` }]);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ConfigError([
      { ...at(doc.contents?.range?.[0]), path: '', message: `expected a mapping of sections (model:, budgets:, ...), got ${show(data)}` },
    ]);
  }

  const result = FactoryConfigSchema.safeParse(data, { error: fallbackMessage });
  if (result.success) return result.data;

  const problems = result.error.issues.flatMap((issue) => toProblems(issue, doc, at));
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  throw new ConfigError(problems);
}

/** Messages for issues whose schema did not set its own. */
function fallbackMessage(iss: z.core.$ZodRawIssue): string | undefined {
  switch (iss.code) {
    case 'invalid_type':
      return iss.input === undefined ? `is required (${iss.expected})` : `expected ${iss.expected}, got ${show(iss.input)}`;
    case 'invalid_value':
      return `expected one of ${iss.values.map((v) => JSON.stringify(v)).join(', ')}, got ${show(iss.input)}`;
    case 'too_small':
      return iss.origin === 'array'
        ? `needs at least ${String(iss.minimum)} item(s)`
        : `must be ${iss.inclusive ? '>=' : '>'} ${String(iss.minimum)}, got ${show(iss.input)}`;
    case 'too_big':
      return `must be ${iss.inclusive ? '<=' : '<'} ${String(iss.maximum)}, got ${show(iss.input)}`;
    default:
      return undefined;
  }
}

function toProblems(
  issue: z.core.$ZodIssue,
  doc: Document,
  at: (offset: number | undefined) => { file: string; line: number; column: number },
): ConfigProblem[] {
  const path = issue.path as PathKey[];
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(path);
    return issue.keys.map((key) => {
      const moved = MOVED_FIELDS[dotted([...path, key])];
      if (moved) return { ...at(keyNode(doc, path, key)?.range?.[0]), path: dotted([...path, key]), message: moved };
      const suggestion = didYouMean(key, known);
      const hint = suggestion
        ? ` (did you mean "${suggestion}"?)`
        : known.length > 0 && known.length <= 30
          ? ` (expected one of: ${known.join(', ')})`
          : '';
      return { ...at(keyNode(doc, path, key)?.range?.[0]), path: dotted([...path, key]), message: `unknown key "${key}"${hint}` };
    });
  }
  return [{ ...at(locate(doc, path)), path: dotted(path), message: issue.message }];
}

/** `risk.rules[0].tier` */
export function dotted(path: readonly PathKey[]): string {
  return path.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${k}` : k), '');
}

/**
 * Offset of the node at `path`: its value, or its key when the value is empty, or the nearest
 * ancestor that exists (for a missing required field, the mapping that should hold it).
 */
function locate(doc: Document, path: PathKey[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const prefix = path.slice(0, n);
    const node = doc.getIn(prefix, true) as YamlNode | undefined;
    const range = node && 'range' in node ? node.range : undefined;
    if (range && range[1] > range[0]) return range[0];
    const last = prefix.at(-1);
    if (typeof last === 'string') {
      const key = keyNode(doc, prefix.slice(0, -1), last);
      if (key?.range) return key.range[0];
    }
    if (n === 0) return doc.contents?.range?.[0];
  }
  return undefined;
}

function keyNode(doc: Document, parentPath: PathKey[], key: string): YamlNode | undefined {
  const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
  if (!isMap(parent)) return undefined;
  for (const pair of parent.items) {
    if (isScalar(pair.key) && String(pair.key.value) === key) return pair.key;
  }
  return undefined;
}

interface JsonSchemaNode {
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
  additionalProperties?: JsonSchemaNode | boolean;
  anyOf?: JsonSchemaNode[];
}

/** The keys the schema allows at `path` (walks the JSON Schema, which mirrors the zod schema). */
function knownKeys(path: PathKey[]): string[] {
  let node: JsonSchemaNode | undefined = configJsonSchema() as JsonSchemaNode;
  for (const key of path) {
    if (!node) return [];
    node = node.anyOf?.find((n) => n.properties || n.items || typeof n.additionalProperties === 'object') ?? node;
    if (typeof key === 'number') node = node.items;
    else node = node.properties?.[key] ?? (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
  }
  return Object.keys(node?.properties ?? {});
}
