import { spawn } from 'node:child_process';
import * as os from 'node:os';
import { createRedactor } from '../security/redact';
import { GitCommandError } from './errors';
import {
  containmentArgs,
  DRIVERLESS_COMMANDS,
  LIST_CONFIG_NAMES,
  neutralisingEntries,
  packProgramArgs,
  parseConfigNames,
  withConfigEntries,
} from './contain';

/**
 * Runs the git CLI without a shell. Every failure becomes a GitCommandError whose text went
 * through the redactor (the token, its base64 forms and known token shapes removed).
 */
export interface GitRunner {
  readonly cwd: string;
  run(subcommand: string, args: string[], opts?: RunOptions): Promise<RunResult>;
  redact(text: string): string;
}

export interface RunOptions {
  /** Exit codes other than 0 that are answers, not failures (e.g. 1 for `diff --quiet`). */
  okCodes?: number[];
  /** Extra environment for this command only (auth, identity, a temporary index). */
  env?: Record<string, string>;
  /** Written to git's stdin. */
  input?: string;
  /** Keep at most this many bytes of stdout; git is stopped once they are read. */
  limitBytes?: number;
  cwd?: string;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
  /** stdout was cut at `limitBytes`. */
  truncated: boolean;
}

export interface RunnerOptions {
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  /** Secrets to remove from every message, in every form (as is, URL-encoded, base64). */
  secrets: string[];
}

const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;
const MAX_STDERR_BYTES = 64 * 1024;

/** Options that hold for every command: nothing the repository configures runs (contain.ts), raw paths. */
export function globalArgs(root: string): string[] {
  return [
    ...containmentArgs(),
    ...['core.quotePath=false', 'color.ui=false', `safe.directory=${root}`].flatMap((setting) => ['-c', setting]),
    '--literal-pathspecs',
  ];
}

export function createRunner(opts: RunnerOptions): GitRunner {
  const redactor = createRedactor(opts.secrets);
  const redact = (text: string): string => redactor.redact(text);

  /**
   * A command that may run a driver first lists the configuration in force, so the drivers it
   * defines are switched off for that command (the configuration may change between commands).
   */
  const run = async (subcommand: string, args: string[], runOpts: RunOptions = {}): Promise<RunResult> => {
    if (DRIVERLESS_COMMANDS.has(subcommand)) return exec(subcommand, args, runOpts);
    const listed = await exec('config', LIST_CONFIG_NAMES, { cwd: runOpts.cwd, env: runOpts.env });
    const names = parseConfigNames(listed.stdout);
    const env = withConfigEntries(neutralisingEntries(names), runOpts.env);
    return exec(subcommand, [...packProgramArgs(subcommand, names), ...args], { ...runOpts, env });
  };

  const exec = (subcommand: string, args: string[], runOpts: RunOptions = {}): Promise<RunResult> => {
    const cwd = runOpts.cwd ?? opts.cwd;
    const argv = [...globalArgs(cwd), subcommand, ...args];
    return new Promise((resolve, reject) => {
      const child = spawn('git', argv, {
        cwd,
        env: { ...opts.env, ...runOpts.env },
        shell: false,
        // Its own process group, so a timeout also stops the helpers git started (remote-https).
        detached: process.platform !== 'win32',
        stdio: ['pipe', 'pipe', 'pipe'],
        windowsHide: true,
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let outBytes = 0;
      let errBytes = 0;
      let truncated = false;
      let timedOut = false;
      let overflow = false;
      const limit = runOpts.limitBytes ?? MAX_OUTPUT_BYTES;
      const stop = (): void => {
        try {
          if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
          else child.kill('SIGKILL');
        } catch {
          // Already gone.
        }
      };

      const timer = setTimeout(() => {
        timedOut = true;
        stop();
      }, opts.timeoutMs);

      child.stdout.on('data', (chunk: Buffer) => {
        if (truncated || overflow) return;
        if (outBytes + chunk.length > limit) {
          out.push(chunk.subarray(0, limit - outBytes));
          outBytes = limit;
          if (runOpts.limitBytes !== undefined) truncated = true;
          else overflow = true;
          stop();
          return;
        }
        out.push(chunk);
        outBytes += chunk.length;
      });
      child.stderr.on('data', (chunk: Buffer) => {
        if (errBytes >= MAX_STDERR_BYTES) return;
        err.push(chunk);
        errBytes += chunk.length;
      });
      child.stdin.on('error', () => {
        // git may exit before reading all of its input; its exit status tells what happened.
      });
      child.stdin.end(runOpts.input ?? '');
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(new GitCommandError(subcommand, null, redact(error.message), 'could not start git'));
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        const stdout = Buffer.concat(out).toString('utf8');
        const stderr = redact(Buffer.concat(err).toString('utf8').trim());
        if (timedOut) {
          return reject(new GitCommandError(subcommand, null, stderr, `timed out after ${opts.timeoutMs} ms`));
        }
        if (overflow) {
          return reject(new GitCommandError(subcommand, null, '', `output larger than ${MAX_OUTPUT_BYTES} bytes`));
        }
        if (truncated) return resolve({ stdout, stderr, code: 0, truncated });
        const status = code ?? -1;
        if (status === 0 || runOpts.okCodes?.includes(status)) {
          return resolve({ stdout, stderr, code: status, truncated: false });
        }
        reject(new GitCommandError(subcommand, code, stderr || redact(stdout.trim()).slice(0, MAX_STDERR_BYTES)));
      });
    });
  };

  return { cwd: opts.cwd, run, redact };
}

/** Git variables of the caller's environment that would redirect or reconfigure our commands. */
const DROPPED_ENV =
  /^(?:GIT_DIR|GIT_WORK_TREE|GIT_INDEX_FILE|GIT_OBJECT_DIRECTORY|GIT_ALTERNATE_OBJECT_DIRECTORIES|GIT_COMMON_DIR|GIT_NAMESPACE|GIT_CEILING_DIRECTORIES|GIT_CONFIG|GIT_CONFIG_PARAMETERS|GIT_CONFIG_COUNT|GIT_CONFIG_KEY_\d+|GIT_CONFIG_VALUE_\d+|GIT_AUTHOR_\w+|GIT_COMMITTER_\w+|GIT_EXTERNAL_DIFF|GIT_EDITOR|GIT_SEQUENCE_EDITOR|GIT_PAGER|GIT_TRACE\w*)$/;

/**
 * The environment every git command runs with: the caller's, minus git variables that would
 * redirect it, with prompts off, no system config and no user config (unless the caller set
 * GIT_CONFIG_GLOBAL / GIT_CONFIG_NOSYSTEM explicitly), no system attributes, and C messages.
 */
export function gitEnv(input: NodeJS.ProcessEnv): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(input)) {
    if (value === undefined || DROPPED_ENV.test(name)) continue;
    env[name] = value;
  }
  env.GIT_CONFIG_GLOBAL = input.GIT_CONFIG_GLOBAL ?? os.devNull;
  env.GIT_CONFIG_NOSYSTEM = input.GIT_CONFIG_NOSYSTEM ?? '1';
  // Nor the system's attributes file: attributes name the drivers a command may run.
  env.GIT_ATTR_NOSYSTEM = '1';
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_ASKPASS = '';
  env.SSH_ASKPASS = '';
  env.GCM_INTERACTIVE = 'never';
  env.LC_ALL = 'C';
  return env;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The `Basic` credential GitHub accepts for a token over https. */
export function basicCredential(token: string): string {
  return Buffer.from(`x-access-token:${token}`, 'utf8').toString('base64');
}

/**
 * Environment that makes git send the token for this remote, and only for it: an
 * `http.<scheme>://<host>/.extraheader` from GIT_CONFIG_* variables (never argv, the URL or
 * .git/config). The first entry empties any header configured before (e.g. the one
 * actions/checkout persists), so exactly one Authorization header is sent. Only https
 * remotes get the token (plain http only on loopback, for the local sandbox); other remotes
 * (local paths, ssh) get nothing.
 */
export function authEnv(remoteUrl: string, token: string | undefined): Record<string, string> {
  if (!token) return {};
  let url: URL;
  try {
    url = new URL(remoteUrl);
  } catch {
    return {};
  }
  const allowed = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  if (!allowed || !url.host) return {};
  const key = `http.${url.protocol}//${url.host}/.extraheader`;
  return {
    GIT_CONFIG_COUNT: '2',
    GIT_CONFIG_KEY_0: key,
    GIT_CONFIG_VALUE_0: '',
    GIT_CONFIG_KEY_1: key,
    GIT_CONFIG_VALUE_1: `AUTHORIZATION: basic ${basicCredential(token)}`,
  };
}

/** Environment naming the author and committer of one commit. */
export function identityEnv(author: { name: string; email: string }, committer: { name: string; email: string }): Record<string, string> {
  return {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: committer.name,
    GIT_COMMITTER_EMAIL: committer.email,
  };
}
