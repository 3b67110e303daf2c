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
  if (!body) return undefined;
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
    if (!m) continue;
    const name = m[1]!.toLowerCase();
    if (!isCommand(name)) continue;
    return { command: name, args: m[2]!.trim() };
  }
  return undefined;
}

function isCommand(name: string): name is CommandName {
  return (COMMANDS as readonly string[]).includes(name);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
