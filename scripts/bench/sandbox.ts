import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProcess } from '../../actions/shared/agent/tools/process';
import { createExecutor } from '../../actions/shared/isolation';
import { median } from './coldstart';

export interface SandboxBench {
  /** Median over interleaved pairs of (inside - outside) for `node -e 0`, in ms; null without bubblewrap. */
  sandboxExecMs: number | null;
  insideMs: number | null;
  outsideMs: number;
  runs: number;
}

/**
 * What the sandbox adds to one process: `node -e 0` through the isolation executor (bubblewrap,
 * no network, the limits wrapper) against the same program spawned directly, runs interleaved so
 * that machine noise hits both alike. The probe and a first run are made before timing.
 */
export async function sandboxBench(runs = 15): Promise<SandboxBench> {
  const ws = mkdtempSync(join(tmpdir(), 'factory-bench-sandbox-'));
  const executor = createExecutor({
    policy: 'required',
    network: 'none',
    registries: [],
    limits: { memoryMb: 4096, maxProcesses: 4096 },
    workspace: ws,
    env: { PATH: process.env.PATH },
  });
  const opts = { cwd: ws, timeoutMs: 60_000 };
  const time = async (fn: () => Promise<{ exitCode: number | null; output: string }>): Promise<number> => {
    const start = process.hrtime.bigint();
    const r = await fn();
    if (r.exitCode !== 0) throw new Error(`node -e 0 exited ${r.exitCode}: ${r.output}`);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const outside = () => time(() => runProcess(process.execPath, ['-e', '0'], { ...opts, env: { PATH: process.env.PATH ?? '' } }));
  const inside = () => time(() => executor.run(process.execPath, ['-e', '0'], opts));
  try {
    const isolated = (await executor.status()).isolated;
    await outside();
    if (isolated) await inside();
    const outs: number[] = [];
    const ins: number[] = [];
    const extra: number[] = [];
    for (let i = 0; i < runs; i++) {
      const o = await outside();
      outs.push(o);
      if (!isolated) continue;
      const n = await inside();
      ins.push(n);
      extra.push(n - o);
    }
    const round = (n: number) => Math.round(n * 10) / 10;
    return {
      sandboxExecMs: isolated ? round(median(extra)) : null,
      insideMs: isolated ? round(median(ins)) : null,
      outsideMs: round(median(outs)),
      runs,
    };
  } finally {
    await executor.close();
    rmSync(ws, { recursive: true, force: true });
  }
}
