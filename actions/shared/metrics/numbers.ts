/**
 * The recap's number policy: every number the model writes must be one of the numbers it was
 * given. Numbers are compared by value as written (`1,234` is 1234; `42%` is 42; `$3.10` is 3.1),
 * digits glued to letters count too (`W49`, `x17`).
 */

const NUMBER = /(?<![\d.])[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.])[-+]?\d+(?:\.\d+)?/g;

/** The numeric values written in `text` (their canonical strings, e.g. `1234`, `3.1`). */
export function numbersIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const value = Number(m[0].replace(/,/g, '').replace(/^\+/, ''));
    if (Number.isFinite(value)) out.push(String(Math.abs(value)));
  }
  return out;
}

/** Numbers in `text` that `data` does not hold (each once, in order of appearance). */
export function inventedNumbers(text: string, data: string): string[] {
  const allowed = new Set(numbersIn(data));
  return [...new Set(numbersIn(text))].filter((n) => !allowed.has(n));
}
