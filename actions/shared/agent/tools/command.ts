import * as path from 'node:path';
import { z } from 'zod';
import { isIsolationUnavailable, type Executor } from '../../isolation/types';
import { defineTool, ToolRefusal } from '../tool';
import type { Redactor, Untrusted } from './output';
import { splitCommandLine } from './shellwords';
import type { Workspace } from './workspace';

export const DEFAULT_TIMEOUT_SECONDS = 120;
export const MAX_TIMEOUT_SECONDS = 600;

/** Names of variables never passed to a command, whatever the caller's scrubbing missed. */
const SECRET_ENV_NAME = /TOKEN|SECRET|KEY|PASSWORD|PASS|CREDENTIAL|AUTH|DSN|ACTIONS_RUNTIME|ACTIONS_ID_TOKEN/i;

/** git subcommands that talk to remotes or change configuration: pushing is an intent, not a command. */
const GIT_REFUSED_SUBCOMMANDS = new Set([
  'push',
  'pull',
  'fetch',
  'remote',
  'config',
  'clone',
  'ls-remote',
  'submodule',
  'send-email',
  'send-pack',
  'fetch-pack',
  'http-push',
  'http-fetch',
  'upload-pack',
  'receive-pack',
  'upload-archive',
  'request-pull',
]);
/** git global options that inject configuration or point git somewhere else. */
const GIT_REFUSED_GLOBAL_OPTIONS = /^(-c|-C|--config-env|--git-dir|--work-tree|--exec-path|--namespace)(=|$)|^-c./;

export interface RunCommandDeps {
  /** Allowed command lines or prefixes, from config, e.g. `npm test`, `git status`. */
  allowlist: string[];
  /** Runs the command isolated (actions/shared/isolation): the sandbox builds the environment from an allowlist. */
  executor: Executor;
  redactor: Redactor;
  untrusted: Untrusted;
  defaultTimeoutSeconds?: number;
}

/** A copy of env without any variable whose name looks like it holds a secret. */
export function dropSecretVariables(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && !SECRET_ENV_NAME.test(name)) out[name] = value;
  }
  return out;
}

/** Parses allowlist entries once; a malformed entry is named in the error. */
export function parseAllowlist(entries: string[]): string[][] {
  return entries.map((entry, i) => {
    let words: string[];
    try {
      words = splitCommandLine(entry);
    } catch (e) {
      throw new Error(`command allowlist entry ${i + 1} (${JSON.stringify(entry)}): ${(e as Error).message}`, { cause: e });
    }
    if (words.length === 0) throw new Error(`command allowlist entry ${i + 1} is empty`);
    return words;
  });
}

/**
 * The argv for a command line, or a ToolRefusal: shell metacharacters, git commands that reach
 * remotes or configuration (even when allowlisted by mistake), anything not on the allowlist.
 */
export function checkCommand(command: string, allowlist: string[][]): string[] {
  const argv = splitCommandLine(command);
  if (argv.length === 0) throw new Error('command is empty');
  refuseGitRemote(argv);
  const allowed = allowlist.some((entry) => entry.length <= argv.length && entry.every((word, i) => argv[i] === word));
  if (!allowed) {
    const list = allowlist.length ? allowlist.map((e) => e.join(' ')).join(', ') : '(none)';
    throw new ToolRefusal(
      `Refused: ${JSON.stringify(command)} is not allowlisted. Allowed commands (and their extensions with more arguments): ${list}`,
      'command-not-allowlisted',
    );
  }
  return argv;
}

function refuseGitRemote(argv: string[]): void {
  const program = path.basename(argv[0] as string).toLowerCase();
  if (program !== 'git' && program !== 'git.exe') return;
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i] as string;
    if (GIT_REFUSED_GLOBAL_OPTIONS.test(word)) {
      throw gitRefusal(`git ${word} changes git's configuration or location`);
    }
    if (word.startsWith('-')) continue;
    if (GIT_REFUSED_SUBCOMMANDS.has(word) || word.startsWith('credential')) {
      throw gitRefusal(`git ${word} reaches remotes or configuration`);
    }
    return;
  }
}

function gitRefusal(what: string): ToolRefusal {
  return new ToolRefusal(
    `Refused: ${what}. Pushing and remote access are intents handled by the factory, not shell commands; ` +
      'commit your work locally and use the push intent.',
    'git-remote',
  );
}

export function runCommandTool(ws: Workspace, deps: RunCommandDeps) {
  const allowlist = parseAllowlist(deps.allowlist);
  const defaultTimeout = Math.min(deps.defaultTimeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS);
  const described = allowlist.length ? allowlist.map((e) => e.join(' ')).join(', ') : 'none';
  return defineTool({
    name: 'run_command',
    description:
      `Run an allowlisted command in the workspace root, without a shell (no pipes, chaining, redirection or variables). ` +
      `Allowed: ${described}. Output is stdout and stderr interleaved, shortened in the middle when long.`,
    input: z.object({
      command: z.string().min(1),
      timeoutSeconds: z.number().int().min(1).max(MAX_TIMEOUT_SECONDS).optional(),
    }),
    async run({ command, timeoutSeconds }, ctx) {
      const argv = checkCommand(command, allowlist);
      const timeout = timeoutSeconds ?? defaultTimeout;
      const [file, ...args] = argv as [string, ...string[]];
      let result;
      try {
        result = await deps.executor.run(file, args, {
          cwd: ws.root,
          timeoutMs: timeout * 1000,
          signal: ctx.signal,
        });
      } catch (e) {
        if (isIsolationUnavailable(e)) {
          throw new ToolRefusal(
            `Refused: commands run only in the sandbox, and it is not available here: ${e.reason}.`,
            'isolation-unavailable',
          );
        }
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') throw new Error(`${file}: command not found`, { cause: e });
        throw new Error(`${file} could not be started: ${deps.redactor.redact((e as Error).message)}`, { cause: e });
      }
      const status = result.timedOut
        ? `timed out after ${timeout} s; the command and its child processes were killed`
        : result.aborted
          ? 'stopped: the run was cancelled'
          : result.exitCode !== null
            ? `exit code ${result.exitCode}`
            : `killed by signal ${result.signal ?? 'unknown'}`;
      const output = result.totalBytes === 0 ? '(no output)' : deps.untrusted('run_command', deps.redactor.redact(result.output));
      return `$ ${argv.join(' ')}\n${status}\n${output}`;
    },
  });
}
