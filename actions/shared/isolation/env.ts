/**
 * The environment of a sandboxed process: built from an allowlist, never by removing names from
 * the factory's environment. A secret cannot reach the sandbox because no secret is ever named.
 */

/** Always passed when set in the factory's environment. */
export const BASE_ENV_NAMES: readonly string[] = ['PATH', 'LANG', 'LC_ALL', 'CI', 'TERM'];

/** Names refused even when configured (the same shape the command tool scrubs). */
const SECRET_NAME = /TOKEN|SECRET|KEY|PASSWORD|PASS|CREDENTIAL|AUTH|DSN|COOKIE|SESSION|PRIVATE|ACTIONS_RUNTIME|ACTIONS_ID_TOKEN/i;
/** A POSIX-ish variable name. */
const VALID_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const DEFAULT_PATH = '/usr/local/bin:/usr/bin:/bin';

/** Why a configured variable name may not be passed into the sandbox, or undefined when it may. */
export function envNameProblem(name: string): string | undefined {
  if (!VALID_NAME.test(name)) return `${JSON.stringify(name)} is not a variable name`;
  if (SECRET_NAME.test(name)) return `${name} looks like it holds a secret; secrets never enter the sandbox`;
  if (name === 'HOME' || name === 'TMPDIR') return `${name} is set by the factory (a scratch folder)`;
  if (/^(LD_|BASH_FUNC_)|^(NODE_OPTIONS|HTTPS?_PROXY|NO_PROXY)$/i.test(name))
    return `${name} changes how programs load or connect; it is not passed`;
  return undefined;
}

export interface SandboxEnvOptions {
  /** Extra names from config (execution.env); names with a problem are skipped. */
  names?: readonly string[];
  /** HOME inside the sandbox: a scratch folder. */
  home: string;
  tmp: string;
  /** Set by the factory itself (the registry proxy), after the allowlist. */
  fixed?: Record<string, string>;
}

export function sandboxEnv(source: Record<string, string | undefined>, opts: SandboxEnvOptions): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of [...BASE_ENV_NAMES, ...(opts.names ?? [])]) {
    if (!BASE_ENV_NAMES.includes(name) && envNameProblem(name)) continue;
    const value = source[name];
    if (value !== undefined) env[name] = value;
  }
  env.PATH ??= DEFAULT_PATH;
  env.HOME = opts.home;
  env.TMPDIR = opts.tmp;
  // No update checks or telemetry calls from package managers: there is no network to wait for.
  env.NO_UPDATE_NOTIFIER = '1';
  env.npm_config_update_notifier = 'false';
  return { ...env, ...opts.fixed };
}
