/**
 * Validation of the 5-field cron expressions GitHub Actions accepts in `on.schedule`:
 * minute hour day-of-month month day-of-week, each `*`, `N`, `N-M`, `*\/S`, `N-M/S` or a comma
 * list of those; months JAN-DEC and weekdays SUN-SAT by name.
 */
interface Field {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const FIELDS: readonly Field[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day of week', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

/** Undefined when valid; otherwise why not, naming the field. */
export function cronProblem(expression: string): string | undefined {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) {
    return `expected 5 fields (minute hour day-of-month month day-of-week), found ${parts.length}`;
  }
  for (const [i, field] of FIELDS.entries()) {
    const problem = fieldProblem(parts[i]!, field);
    if (problem) return `${field.name} field: ${problem}`;
  }
  return undefined;
}

function fieldProblem(part: string, field: Field): string | undefined {
  for (const item of part.split(',')) {
    const m = /^(\*|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?)(?:\/(\d+))?$/.exec(item);
    if (!m) return `"${item}" is not *, N, N-M or a step (*/S, N-M/S)`;
    const [, range, step] = m;
    if (step !== undefined && (Number(step) < 1 || Number(step) > field.max)) {
      return `step ${step} must be between 1 and ${field.max}`;
    }
    if (range === '*') continue;
    const bounds = range!.split('-');
    if (step !== undefined && bounds.length === 1) return `a step needs * or a range before it, got "${item}"`;
    const values: number[] = [];
    for (const b of bounds) {
      const v = valueOf(b, field);
      if (v === undefined) {
        const names = field.names ? ` or ${field.names[0]}-${field.names.at(-1)}` : '';
        return `"${b}" is out of range (${field.min}-${field.max}${names})`;
      }
      values.push(v);
    }
    if (values.length === 2 && values[0]! > values[1]!) return `range ${range} runs backwards`;
  }
  return undefined;
}

function valueOf(token: string, field: Field): number | undefined {
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    return n >= field.min && n <= field.max ? n : undefined;
  }
  const index = field.names?.indexOf(token.toUpperCase()) ?? -1;
  return index < 0 ? undefined : index + field.min;
}
