import type { ProcessResult } from '../agent/tools/process';

/**
 * Isolated execution: every process that runs repository code (the project's checks, commands
 * the agent runs, smoke checks) goes through an Executor. With bubblewrap it runs in its own
 * PID, network, IPC, UTS and user namespaces, with an environment from an allowlist, the
 * workspace writable, `.git/` and the system read-only, and nothing else of the host visible.
 */

export type { ProcessResult };

/** `required`: refuse to run repository code without isolation. `best-effort`: run it unisolated, with a warning. */
export type IsolationPolicy = 'required' | 'best-effort';

/** `none`: no network at all. `registry`: only the package registry hosts, through the factory's proxy. */
export type NetworkMode = 'none' | 'registry';

export interface ExecLimits {
  /** RLIMIT_DATA of each process in the sandbox, and the size of its /tmp. */
  memoryMb: number;
  /** RLIMIT_NPROC: processes and threads of the sandbox (not enforced for root, which the kernel exempts). */
  maxProcesses: number;
}

export interface ExecOptions {
  /** Working directory: the workspace or a folder inside it. */
  cwd: string;
  timeoutMs: number;
  signal?: AbortSignal;
  headBytes?: number;
  tailBytes?: number;
}

export type IsolationStatus =
  | {
      isolated: true;
      mechanism: 'bubblewrap';
      network: NetworkMode;
      /** What of the limits is enforced, in words (prlimit may be missing). */
      limits: string;
    }
  | {
      isolated: false;
      mechanism: 'none';
      /** Why bubblewrap cannot isolate here. */
      reason: string;
      /** What a person does about it. */
      fix: string;
      /** true under `required`: repository code does not run at all. */
      refused: boolean;
    };

export interface Executor {
  readonly policy: IsolationPolicy;
  /** Probes bubblewrap once (cached) and says whether code runs isolated here. */
  status(): Promise<IsolationStatus>;
  /** The status once probed, for run records; undefined when no code has been run or probed. */
  probed(): IsolationStatus | undefined;
  /**
   * Runs file + args (no shell) with the output bounded to head and tail, killed with everything
   * it started on timeout or abort. Throws IsolationUnavailableError under `required` when
   * isolation is not available.
   */
  run(file: string, args: string[], opts: ExecOptions): Promise<ProcessResult>;
  /** Stops the registry proxy and removes scratch folders. */
  close(): Promise<void>;
}

/** Repository code was not run: isolation is required and not available. */
export class IsolationUnavailableError extends Error {
  override readonly name = 'IsolationUnavailableError';
  constructor(
    readonly reason: string,
    readonly fix: string,
  ) {
    super(`isolation is required (execution.isolation) and not available: ${reason}. Fix: ${fix}`);
  }
}

export function isIsolationUnavailable(e: unknown): e is IsolationUnavailableError {
  return e instanceof IsolationUnavailableError || (e instanceof Error && e.name === 'IsolationUnavailableError');
}
