/**
 * Sentry's REST contract for the operations the sandbox serves: a subset of Sentry's OpenAPI
 * description (getsentry/sentry-api-schema, openapi-derefed.json), kept in
 * contract/sentry-openapi-subset.json. Requests (path and query parameters, JSON bodies) and
 * responses are validated with ajv; OpenAPI 3.0 `nullable` is rewritten to JSON Schema first.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import subset from '../contract/sentry-openapi-subset.json';

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Json;
}
interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Json }> };
  responses?: Record<string, { content?: Record<string, { schema?: Json }> }>;
}
export interface ContractDescription {
  paths: Record<string, Record<string, Operation>>;
}

export type Query = Record<string, string[]>;
export type ParamCheck = { ok: true; path: Record<string, string>; query: Record<string, unknown> } | { ok: false; message: string };

/** OpenAPI 3.0 -> JSON Schema: `nullable` becomes a null type; docs-only keys are dropped. */
function toJsonSchema(value: unknown, dropRequired = false): unknown {
  if (Array.isArray(value)) return value.map((v) => toJsonSchema(v, dropRequired));
  if (!value || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [key, child] of Object.entries(value as Json)) {
    if (key === 'example' || key === 'examples' || key === 'description' || key === 'x-learn-more') continue;
    if (dropRequired && key === 'required' && Array.isArray(child)) continue;
    if (key === 'properties' && child && typeof child === 'object') {
      out[key] = Object.fromEntries(Object.entries(child as Json).map(([k, v]) => [k, toJsonSchema(v, dropRequired)]));
    } else out[key] = toJsonSchema(child, dropRequired);
  }
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
      return out;
    }
    return { anyOf: [{ type: 'null' }, out] };
  }
  delete out.nullable;
  return out;
}

function formatErrors(errors: ErrorObject[] | null | undefined, root: string): string {
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    let message = `${e.instancePath || root} ${e.message ?? 'is invalid'}`;
    if (e.keyword === 'enum')
      message += ` (${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')})`;
    if (e.keyword === 'additionalProperties') message += ` (${(e.params as { additionalProperty: string }).additionalProperty})`;
    seen.add(message);
    if (seen.size >= 6) break;
  }
  return [...seen].join('; ');
}

interface Template {
  template: string;
  segments: string[];
}

export class SentryContract {
  private static instance: SentryContract | undefined;
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly templates: Template[];

  /** The contract of the packaged subset (compiled once per process). */
  static get(): SentryContract {
    SentryContract.instance ??= new SentryContract(subset as unknown as ContractDescription);
    return SentryContract.instance;
  }

  constructor(private readonly doc: ContractDescription) {
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, logger: false });
    addFormats(this.ajv);
    for (const format of ['double', 'float', 'int32', 'int64']) this.ajv.addFormat(format, true);
    this.templates = Object.keys(doc.paths).map((template) => ({ template, segments: template.split('/') }));
  }

  operation(method: string, template: string): Operation | undefined {
    return this.doc.paths[template]?.[method.toLowerCase()];
  }

  /** The template a concrete pathname matches, with its path parameters (decoded). */
  match(pathname: string): { template: string; params: Record<string, string> } | undefined {
    const parts = pathname.split('/');
    for (const t of this.templates) {
      if (t.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length && ok; i++) {
        const seg = t.segments[i]!;
        const part = parts[i]!;
        if (seg.startsWith('{') && seg.endsWith('}')) {
          if (part === '') ok = false;
          else params[seg.slice(1, -1)] = safeDecode(part);
        } else if (seg !== part) ok = false;
      }
      if (ok) return { template: t.template, params };
    }
    return undefined;
  }

  /** Methods the contract documents at a template. */
  methods(template: string): string[] {
    return Object.keys(this.doc.paths[template] ?? {}).map((m) => m.toUpperCase());
  }

  private compile(key: string, schema: Json, dropRequired = false): ValidateFunction {
    let fn = this.validators.get(key);
    if (!fn) {
      fn = this.ajv.compile(toJsonSchema(schema, dropRequired) as Json);
      this.validators.set(key, fn);
    }
    return fn;
  }

  /**
   * Check path and query parameters against the operation: an undocumented query parameter, a
   * repeated scalar, or a value of the wrong type or outside its enum is refused. Values are
   * coerced by their documented types and documented defaults applied.
   */
  checkParams(method: string, template: string, path: Record<string, string>, query: Query): ParamCheck {
    const op = this.operation(method, template);
    if (!op) return { ok: false, message: `${method} ${template} is not in the contract` };
    const params = (op.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query');
    const documented = new Set(params.filter((p) => p.in === 'query').map((p) => p.name));
    const unknown = Object.keys(query).filter((k) => !documented.has(k));
    if (unknown.length) {
      return {
        ok: false,
        message: `query parameter${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `\`${k}\``).join(', ')} not in the contract of ${method} ${template} (documented: ${[...documented].join(', ') || 'none'})`,
      };
    }
    const typed: Record<'path' | 'query', Record<string, unknown>> = { path: {}, query: {} };
    for (const p of params) {
      const schema = p.schema ?? {};
      const raw = p.in === 'path' ? (path[p.name] === undefined ? undefined : [path[p.name]!]) : query[p.name];
      if (raw === undefined) {
        if (schema.default !== undefined) typed[p.in as 'path' | 'query'][p.name] = schema.default;
        continue;
      }
      if (schema.type === 'array') typed[p.in as 'path' | 'query'][p.name] = raw.map((v) => coerce(v, schema.items as Json | undefined));
      else if (raw.length > 1)
        return { ok: false, message: `query parameter \`${p.name}\` of ${method} ${template} takes one value, got ${raw.length}` };
      else typed[p.in as 'path' | 'query'][p.name] = coerce(raw[0]!, schema);
    }
    for (const where of ['path', 'query'] as const) {
      const list = params.filter((p) => p.in === where);
      const schema: Json = {
        type: 'object',
        properties: Object.fromEntries(list.map((p) => [p.name, p.schema ?? {}])),
        required: list.filter((p) => p.required).map((p) => p.name),
      };
      const validate = this.compile(`${method} ${template} ${where}`, schema);
      if (!validate(typed[where])) {
        return {
          ok: false,
          message: `${where} parameters do not match ${method} ${template}: ${formatErrors(validate.errors, '(root)').replace(/^\//, '').replace(/; \//g, '; ')}`,
        };
      }
    }
    return { ok: true, path: typed.path as Record<string, string>, query: typed.query };
  }

  /**
   * undefined when the JSON body matches the operation's request body. Sentry's description marks
   * every field of a partial update as required (the API takes any subset of them, as does
   * @sentry/api's generated client), so `required` lists are not enforced on request bodies;
   * types, enums and unknown values are.
   */
  checkBody(method: string, template: string, body: unknown): string | undefined {
    const requestBody = this.operation(method, template)?.requestBody;
    const schema = requestBody?.content?.['application/json']?.schema;
    if (!schema) return undefined;
    if (body === undefined) return requestBody?.required ? `${method} ${template} requires a JSON body` : undefined;
    const validate = this.compile(`${method} ${template} body`, schema, true);
    if (validate(body)) return undefined;
    return `request body does not match ${method} ${template}: ${formatErrors(validate.errors, '(body)')}`;
  }

  /** undefined when the response matches its documented schema; an undocumented success status is a violation. */
  checkResponse(method: string, template: string, status: number, body: unknown): string | undefined {
    const documented = this.operation(method, template)?.responses?.[String(status)];
    if (!documented) return status < 400 ? `${method} ${template} does not document a ${status} response` : undefined;
    const schema = documented.content?.['application/json']?.schema;
    if (!schema) return undefined;
    const validate = this.compile(`${method} ${template} ${status}`, schema);
    if (validate(body)) return undefined;
    return `response does not match ${method} ${template} ${status}: ${formatErrors(validate.errors, '(body)')}`;
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function coerce(raw: string, schema: Json | undefined): unknown {
  const type = schema?.type;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}
