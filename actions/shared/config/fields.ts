import { z } from 'zod';

/**
 * Field builders whose error messages read well in an annotation:
 * `budgets.maxTurns: expected a positive integer, got "ten"`.
 */

/** A short rendering of a YAML value for "got ..." in messages. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') {
    const s = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return JSON.stringify(s);
  }
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

interface RawIssue {
  code?: string;
  input?: unknown;
}

/** An error function for zod's `error` option: "expected WHAT, got VALUE" (or "is required"). */
export function expected(what: string) {
  return (iss: RawIssue): string | undefined => {
    if (iss.code === 'unrecognized_keys') return undefined;
    if (iss.input === undefined) return `is required (${what})`;
    return `expected ${what}, got ${show(iss.input)}`;
  };
}

export function positiveInt() {
  const error = expected('a positive integer');
  return z.int({ error }).positive({ error });
}

export function nonNegativeNumber() {
  const error = expected('a number >= 0');
  return z.number({ error }).nonnegative({ error });
}

export function positiveNumber() {
  const error = expected('a positive number');
  return z.number({ error }).positive({ error });
}

export function bool() {
  return z.boolean({ error: expected('true or false') });
}

export function text(what = 'a non-empty string') {
  const error = expected(what);
  return z.string({ error }).trim().min(1, { error });
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: expected(`one of ${values.join(', ')}`) });
}

export function list<T extends z.ZodType>(item: T, what: string) {
  return z.array(item, { error: expected(what) });
}

export function mapping<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape, { error: expected('a mapping of fields') });
}

export function httpUrl() {
  const error = expected('an http(s) URL');
  return z.url({ protocol: /^https?$/, error });
}
