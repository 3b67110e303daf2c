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
    const list: ConfigProblem[] = typeof problems === 'string' ? [{ path: '', message: problems, ...location }] : problems;
    super(list.map(formatProblem).join('\n'));
    this.problems = list;
  }
}

export function formatProblem(p: ConfigProblem): string {
  const where = p.file ? [p.file, p.line, p.column].filter((x) => x !== undefined && x !== '').join(':') : '';
  const field = p.path ? `${p.path}: ` : '';
  return `${where ? `${where} ` : ''}${field}${p.message}`;
}

export function isConfigError(e: unknown): e is ConfigError {
  return e instanceof ConfigError || (e instanceof Error && e.name === 'ConfigError');
}

/** The message of anything thrown: an Error's message, or the value as text. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

/** An Error's stack (its message when it has none), or the value as text: for bugs, not for users' mistakes. */
export function errorDetail(e: unknown): string {
  if (e instanceof Error) return e.stack ?? e.message;
  return String(e);
}
