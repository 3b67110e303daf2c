/**
 * GitHub's REST contract, from the official OpenAPI description (@octokit/openapi). Loaded once
 * per process on first use; validators are compiled lazily per operation and cached.
 * OpenAPI 3.0 `nullable` is rewritten to JSON Schema before ajv sees it.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import * as fs from 'node:fs';
import { packageFile } from './locate';
import { compileTemplates, type CompiledTemplate, matchTemplate } from './routes';

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Json;
}
interface OperationObject {
  operationId?: string;
  externalDocs?: { url?: string };
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Json }> } | { $ref: string };
  responses?: Record<string, { $ref?: string; content?: Record<string, { schema?: Json }> }>;
}
interface Description {
  paths: Record<string, Record<string, OperationObject>>;
  components: {
    schemas: Record<string, Json>;
    parameters: Record<string, Parameter>;
    responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
    requestBodies?: Record<string, unknown>;
  };
}

export interface ContractViolation {
  kind: 'unknown-endpoint' | 'request' | 'response' | 'unimplemented' | 'graphql';
  method: string;
  path: string;
  message: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

/** OpenAPI 3.0 -> JSON Schema: `nullable` becomes a null type; docs-only keys are dropped. */
function toJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (!value || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [key, child] of Object.entries(value as Json)) {
    if (key === 'example' || key === 'examples' || key === 'description' || key === 'discriminator') continue;
    if ((key === 'properties' || key === 'patternProperties') && child && typeof child === 'object') {
      out[key] = Object.fromEntries(Object.entries(child as Json).map(([k, v]) => [k, toJsonSchema(v)]));
    } else out[key] = toJsonSchema(child);
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
    const where = e.instancePath || root;
    let message = `${where} ${e.message ?? 'is invalid'}`;
    if (e.keyword === 'enum')
      message += ` (${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')})`;
    if (e.keyword === 'additionalProperties') message += ` (${(e.params as { additionalProperty: string }).additionalProperty})`;
    seen.add(message);
    if (seen.size >= 6) break;
  }
  return [...seen].join('; ');
}

export type ParamCheck = { ok: true; path: Record<string, unknown>; query: Record<string, unknown> } | { ok: false; message: string };

export class OpenApiContract {
  private static instance: OpenApiContract | undefined;
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction | null>();
  private allTemplates: CompiledTemplate[] | undefined;

  /** The shared contract (the 13 MB description is parsed once per process). */
  static get(): OpenApiContract {
    OpenApiContract.instance ??= new OpenApiContract(
      JSON.parse(fs.readFileSync(packageFile('@octokit/openapi', 'generated/api.github.com.json'), 'utf8')) as Description,
    );
    return OpenApiContract.instance;
  }

  constructor(private readonly doc: Description) {
    this.ajv = new Ajv({ strict: false, allErrors: false, validateFormats: true, logger: false });
    addFormats(this.ajv);
    for (const format of ['int64', 'int32', 'double', 'repo.nwo', 'binary', 'timestamp']) this.ajv.addFormat(format, true);
    this.ajv.addSchema({ $id: 'gh', components: { schemas: toJsonSchema(doc.components.schemas) } });
  }

  operation(method: string, template: string): OperationObject | undefined {
    return this.doc.paths[template]?.[method.toLowerCase()];
  }

  operationId(method: string, template: string): string | undefined {
    return this.operation(method, template)?.operationId;
  }

  /** GitHub's documentation page of an operation (the `documentation_url` of its errors). */
  docsUrl(method: string, template: string): string | undefined {
    return this.operation(method, template)?.externalDocs?.url;
  }

  /** Find the documented route for a concrete path (used for requests the sandbox does not serve). */
  findRoute(method: string, pathname: string): { template: string; documented: boolean } | undefined {
    this.allTemplates ??= compileTemplates(
      Object.keys(this.doc.paths).map((template) => ({ template, multiSegment: this.multiSegmentParams(template) })),
    );
    const matches = this.allTemplates.filter((t) => matchTemplate(t, pathname) !== undefined);
    if (matches.length === 0) return undefined;
    const withMethod = matches.find((t) => this.operation(method, t.template));
    return withMethod ? { template: withMethod.template, documented: true } : { template: matches[0]!.template, documented: false };
  }

  /** Names of path parameters GitHub lets span several segments (`x-multi-segment`). */
  multiSegmentParams(template: string): string[] {
    const names = new Set<string>();
    for (const method of METHODS) {
      for (const p of this.parameters(this.doc.paths[template]?.[method])) {
        if (p.in === 'path' && (p as { 'x-multi-segment'?: boolean })['x-multi-segment']) names.add(p.name);
      }
    }
    return [...names];
  }

  private parameters(op: OperationObject | undefined): Parameter[] {
    return (op?.parameters ?? []).map((p) => ('$ref' in p ? this.doc.components.parameters[p.$ref.split('/').pop()!]! : p)).filter(Boolean);
  }

  private compile(key: string, schema: Json | undefined): ValidateFunction | null {
    if (this.validators.has(key)) return this.validators.get(key)!;
    const fn = schema ? this.ajv.compile(rebase(toJsonSchema(schema) as Json)) : null;
    this.validators.set(key, fn);
    return fn;
  }

  /** Coerce path and query strings by their documented types, apply defaults, and validate. */
  checkParams(method: string, template: string, path: Record<string, string>, query: Record<string, string>): ParamCheck {
    const op = this.operation(method, template);
    const params = this.parameters(op);
    const typed: Record<'path' | 'query', Record<string, unknown>> = { path: {}, query: {} };
    for (const p of params) {
      if (p.in !== 'path' && p.in !== 'query') continue;
      const raw = p.in === 'path' ? path[p.name] : query[p.name];
      const schema = this.resolveSchema(p.schema);
      if (raw === undefined) {
        if (schema?.default !== undefined) typed[p.in][p.name] = schema.default;
        continue;
      }
      typed[p.in][p.name] = coerce(raw, schema);
    }
    for (const where of ['path', 'query'] as const) {
      const list = params.filter((p) => p.in === where);
      const schema: Json = {
        type: 'object',
        properties: Object.fromEntries(list.map((p) => [p.name, p.schema ?? {}])),
        required: list.filter((p) => p.required).map((p) => p.name),
      };
      const validate = this.compile(`${method} ${template} ${where}`, schema)!;
      if (!validate(typed[where])) {
        const label = where === 'path' ? 'path parameters' : 'query parameters';
        return {
          ok: false,
          message: `sandbox: ${label} do not match ${method} ${template}: ${formatErrors(validate.errors, '(root)').replace(/^\//, '').replace(/; \//g, '; ')}`,
        };
      }
    }
    // Keep undocumented query keys as strings: GitHub ignores them, handlers may still peek.
    return { ok: true, path: typed.path, query: { ...query, ...typed.query } };
  }

  /** undefined when the JSON body matches (or the operation takes no JSON body). */
  checkBody(method: string, template: string, body: unknown): string | undefined {
    const op = this.operation(method, template);
    const requestBody = op?.requestBody && !('$ref' in op.requestBody) ? op.requestBody : undefined;
    const schema = requestBody?.content?.['application/json']?.schema;
    if (!schema) return undefined;
    // No body at all is judged as `{}`, so a missing required field is named.
    if (body === undefined && !requestBody?.required) return undefined;
    const validate = this.compile(`${method} ${template} body`, schema)!;
    if (validate(body ?? {})) return undefined;
    return `sandbox: request body does not match ${method} ${template}: ${formatErrors(validate.errors, '(body)')}`;
  }

  /**
   * undefined when the response matches its documented schema. An undocumented 2xx/3xx status
   * is a violation; undocumented error statuses are allowed (GitHub returns them anywhere).
   */
  checkResponse(method: string, template: string, status: number, body: unknown): string | undefined {
    const op = this.operation(method, template);
    const documented = op?.responses?.[String(status)];
    if (!documented) {
      return status < 400 ? `sandbox: ${method} ${template} does not document a ${status} response` : undefined;
    }
    const response = documented.$ref ? this.doc.components.responses[documented.$ref.split('/').pop()!] : documented;
    const schema = response?.content?.['application/json']?.schema;
    if (!schema) return undefined;
    const validate = this.compile(`${method} ${template} ${status}`, schema)!;
    if (validate(body)) return undefined;
    return `sandbox: response does not match ${method} ${template} ${status}: ${formatErrors(validate.errors, '(body)')}`;
  }

  private resolveSchema(schema: Json | undefined): Json | undefined {
    if (schema && typeof schema.$ref === 'string') return this.doc.components.schemas[schema.$ref.split('/').pop()!];
    return schema;
  }
}

/** Point `#/components/...` references at the shared components schema. */
function rebase(schema: Json): Json {
  return JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\/components\//g, '"$ref":"gh#/components/')) as Json;
}

function coerce(raw: string, schema: Json | undefined): unknown {
  const type = schema?.type;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  if (type === 'array') return raw === '' ? [] : raw.split(',');
  return raw;
}
