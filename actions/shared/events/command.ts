/**
 * `@factory <command> [args]` in a comment. The command must open a line of its own (leading
 * spaces allowed); lines inside fenced code blocks and quoted lines (`> ...`) are ignored, so
 * quoting or documenting a command never triggers it. The first command line wins.
 */
export const COMMANDS = ['fix', 'retry', 'plan', 'review', 'explain', 'stop'] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface ParsedCommand {
  command: CommandName;
  args: string;
}

export interface CommandOptions {
  /** The handle the factory answers to, without `@`. Default `factory`. */
  mention?: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export function parseCommand(body: string | null | undefined, options: CommandOptions = {}): ParsedCommand | undefined {
  for (const m of commandLines(body, options)) {
    if (isCommand(m.word)) return { command: m.word, args: m.args };
  }
  return undefined;
}

/**
 * The word of the first `@factory <word>` line when no line carries a command (e.g. `@factory
 * deploy`): someone addressed the factory with a command it does not have. Undefined when a
 * line carries a command, or none addresses the factory.
 */
export function parseUnknownCommand(body: string | null | undefined, options: CommandOptions = {}): string | undefined {
  const lines = [...commandLines(body, options)];
  if (lines.some((m) => isCommand(m.word))) return undefined;
  return lines[0]?.word;
}

/** Every `@factory <word> [args]` line outside fences and quotes, the word lower-cased. */
function* commandLines(body: string | null | undefined, options: CommandOptions): Generator<{ word: string; args: string }> {
  if (!body) return;
  const mention = escapeRegExp(options.mention ?? 'factory');
  const line = new RegExp(`^\\s*@${mention}[ \\t]+([A-Za-z]+)\\b[ \\t]*(.*)$`, 'i');
  let fence: string | undefined;
  for (const raw of body.split(/\r?\n/)) {
    const f = FENCE.exec(raw);
    if (fence !== undefined) {
      if (f && f[1]!.startsWith(fence) && raw.trim() === f[1]) fence = undefined;
      continue;
    }
    if (f) {
      fence = f[1]!;
      continue;
    }
    const m = line.exec(raw);
    if (m) yield { word: m[1]!.toLowerCase(), args: m[2]!.trim() };
  }
}

function isCommand(name: string): name is CommandName {
  return (COMMANDS as readonly string[]).includes(name);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
