import type { Logger } from '../ports';
import { createExecutor, type ExecutorOptions } from './executor';
import type { Executor, IsolationPolicy, IsolationStatus, NetworkMode } from './types';

export { bwrapArgs, limitPrefix, SANDBOX_HOME, type SandboxSpec } from './bwrap';
export { BASE_ENV_NAMES, envNameProblem, sandboxEnv } from './env';
export { createExecutor, findOnPath, insideBubblewrap, INSTALL_FIX, USERNS_FIX, type ExecutorOptions } from './executor';
export { hostLayout, SYSTEM_PATHS, type HostFs, type Layout } from './layout';
export { isAllowedTarget, parseAuthority, startRegistryProxy, type RegistryProxy } from './proxy';
export * from './types';

/** The `execution` section of the config, as the executor reads it. */
export interface ExecutionSettings {
  isolation: IsolationPolicy;
  network: NetworkMode;
  registries: readonly string[];
  env: readonly string[];
  readPaths: readonly string[];
  memoryMb: number;
  maxProcesses: number;
}

/** The executor an automation gets, from config (main.ts and the CLI build it once per run). */
export function executorFromSettings(
  settings: ExecutionSettings,
  deps: { workspace: string; env: Record<string, string | undefined>; logger?: Logger } & Partial<
    Pick<ExecutorOptions, 'bwrapPath' | 'policy'>
  >,
): Executor {
  return createExecutor({
    policy: deps.policy ?? settings.isolation,
    network: settings.network,
    registries: settings.registries,
    limits: { memoryMb: settings.memoryMb, maxProcesses: settings.maxProcesses },
    workspace: deps.workspace,
    env: deps.env,
    envNames: settings.env,
    readPaths: settings.readPaths,
    ...(deps.bwrapPath ? { bwrapPath: deps.bwrapPath } : {}),
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
}

/** One line for logs and records: how repository code runs here. */
export function describeIsolation(s: IsolationStatus): string {
  if (s.isolated) return `isolated with bubblewrap (network: ${s.network}; limits: ${s.limits})`;
  return `${s.refused ? 'not run: isolation is required and' : 'UNISOLATED (best-effort):'} ${s.reason}. Fix: ${s.fix}`;
}
