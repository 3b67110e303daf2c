import { createExecutor, type ExecutorOptions } from './executor';
import type { Executor } from './types';

/**
 * A real executor for tests: bubblewrap, required, no network, small limits. Tests that run
 * repository code use it the way production does (no fake process runner).
 */
export function testExecutor(workspace: string, over: Partial<ExecutorOptions> = {}): Executor {
  return createExecutor({
    policy: 'required',
    network: 'none',
    registries: [],
    limits: { memoryMb: 1024, maxProcesses: 512 },
    workspace,
    env: process.env,
    ...over,
  });
}
