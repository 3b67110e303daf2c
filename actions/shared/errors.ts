/**
 * Typed errors. A ConfigError is the user's mistake (bad config, bad input, bad event file):
 * it is reported as a clear annotation pointing at the place. Anything else is a bug in the
 * factory and is reported with its stack.
 */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

export interface ConfigProblem extends Partial<SourceLocation> {
  /** Dotted field path, e.g. `budgets.maxTurns`. Empty for problems with the whole file. */
  path: string;
  message: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: ConfigProblem[];

  constructor(problems: ConfigProblem[] | string, location?: Partial<SourceLocation>) {
    const list: ConfigProblem[] =
      typeof problems === 'string' ? [{ path: '', message: problems, ...location }] : problems;
    super(list.map(formatProblem).join('\n'));
    this.problems = list;
  }
}

export function formatProblem(p: ConfigProblem): string {
  const where = p.file
    ? [p.file, p.line, p.column].filter((x) => x !== undefined && x !== '').join(':')
    : '';
  const field = p.path ? `${p.path}: ` : '';
  return `${where ? `${where} ` : ''}${field}${p.message}`;
}

/** A deliberate, non-error stop: the gate decided this event needs no work. */
export class SkipRun extends Error {
  override readonly name = 'SkipRun';
  constructor(readonly reason: string) {
    super(reason);
  }
}

export function isConfigError(e: unknown): e is ConfigError {
  return e instanceof ConfigError || (e instanceof Error && e.name === 'ConfigError');
}
