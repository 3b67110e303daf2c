/**
 * `workflow_dispatch` inputs as GitHub checks and types them: an unknown input, a required input
 * missing or a value outside a choice's options is refused (a DispatchError, GitHub's HTTP 422);
 * declared defaults fill the rest. The `inputs` context keeps booleans and numbers typed;
 * `github.event.inputs` has every value as a string.
 */
import { DispatchError } from './errors';
import type { DispatchInput, Workflow } from './model';

export type InputValue = string | number | boolean;

export interface DispatchInputs {
  /** The `inputs` context. */
  typed: Record<string, InputValue>;
  /** `github.event.inputs`. */
  strings: Record<string, string>;
}

export function dispatchInputs(workflow: Workflow, given: Readonly<Record<string, unknown>> | undefined): DispatchInputs {
  const provided = given ?? {};
  const declared = new Set(workflow.dispatchInputs.map((i) => i.name));
  const unexpected = Object.keys(provided).filter((k) => !declared.has(k));
  if (unexpected.length > 0) throw new DispatchError(`Unexpected inputs provided: ${JSON.stringify(unexpected)}`);
  const typed: Record<string, InputValue> = {};
  for (const input of workflow.dispatchInputs) typed[input.name] = typedValue(input, provided[input.name]);
  const strings = Object.fromEntries(Object.entries(typed).map(([k, v]) => [k, String(v)]));
  return { typed, strings };
}

function typedValue(input: DispatchInput, raw: unknown): InputValue {
  const value = raw === undefined || raw === null || raw === '' ? input.default : raw;
  if (value === undefined) {
    if (input.required) throw new DispatchError(`Required input '${input.name}' not provided`);
    return input.type === 'boolean' ? false : '';
  }
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    throw new DispatchError(`Provided value for input '${input.name}' must be a string, number or boolean`);
  }
  switch (input.type) {
    case 'boolean':
      if (value === true || value === 'true') return true;
      if (value === false || value === 'false') return false;
      throw new DispatchError(`Provided value '${String(value)}' for input '${input.name}' is not a boolean`);
    case 'number': {
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(n) || (typeof value === 'string' && value.trim() === '')) {
        throw new DispatchError(`Provided value '${String(value)}' for input '${input.name}' is not a number`);
      }
      return n;
    }
    case 'choice':
      if (!(input.options ?? []).includes(String(value))) {
        throw new DispatchError(`Provided value '${String(value)}' for input '${input.name}' not in the list of allowed values`);
      }
      return String(value);
    default:
      return String(value);
  }
}
