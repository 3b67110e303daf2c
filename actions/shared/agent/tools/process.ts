import { spawn } from 'node:child_process';
import { HeadTailBuffer } from './output';

export interface ProcessResult {
  /** stdout and stderr interleaved in arrival order, bounded to head and tail. */
  output: string;
  totalBytes: number;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  aborted: boolean;
}

export interface ProcessOptions {
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
  headBytes?: number;
  tailBytes?: number;
}

/**
 * Runs one program without a shell, in its own process group, so that a timeout or an abort
 * kills it together with everything it started. Resolves once the output pipes close.
 */
export function runProcess(file: string, args: string[], opts: ProcessOptions): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const buffer = new HeadTailBuffer(opts.headBytes, opts.tailBytes);
    let timedOut = false;
    let aborted = false;
    let exitCode: number | null = null;
    let exitSignal: NodeJS.Signals | null = null;

    const child = spawn(file, args, {
      cwd: opts.cwd,
      env: opts.env,
      shell: false,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });

    const killGroup = (): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, opts.timeoutMs);
    const onAbort = (): void => {
      aborted = true;
      killGroup();
    };
    if (opts.signal?.aborted) onAbort();
    else opts.signal?.addEventListener('abort', onAbort, { once: true });

    const cleanup = (): void => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    };

    child.stdout.on('data', (chunk: Buffer) => buffer.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => buffer.push(chunk));
    child.on('error', (error) => {
      cleanup();
      killGroup();
      reject(error);
    });
    child.on('exit', (code, signal) => {
      exitCode = code;
      exitSignal = signal;
      // Leftover background processes would hold the pipes open; they go with their leader.
      killGroup();
    });
    child.on('close', () => {
      cleanup();
      resolve({
        output: buffer.toString(),
        totalBytes: buffer.totalBytes,
        exitCode,
        signal: exitSignal,
        timedOut,
        aborted,
      });
    });
  });
}
