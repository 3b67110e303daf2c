import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function timeRun(args: string[], env: NodeJS.ProcessEnv): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, stdio: 'pipe', encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr || r.stdout}`);
  return ms;
}

export function builtActions(root: string): { name: string; bundle: string }[] {
  const dir = join(root, 'actions');
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'action.yml')))
    .map((name) => ({ name, bundle: join(dir, name, 'dist', 'index.js') }))
    .filter((a) => existsSync(a.bundle))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Cold start of each built action on a no-op event (an event no automation handles, which the
 * gate skips before any network call), against `node -e 0` measured in the same run, with runs
 * interleaved so that machine noise hits both alike.
 */
export function measureColdStart(root: string, runs = 7) {
  const work = mkdtempSync(join(tmpdir(), 'factory-bench-'));
  try {
    const eventPath = join(work, 'event.json');
    writeFileSync(
      eventPath,
      JSON.stringify({
        action: 'created',
        repository: { full_name: 'octo/bench', name: 'bench', owner: { login: 'octo' } },
        sender: { login: 'octo', type: 'User' },
      }),
    );
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: work,
      RUNNER_TEMP: work,
      GITHUB_EVENT_NAME: 'star',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: 'octo/bench',
      GITHUB_WORKSPACE: work,
      GITHUB_RUN_ID: '1',
      GITHUB_API_URL: 'http://127.0.0.1:9',
      'INPUT_GITHUB-TOKEN': 'bench-token',
      'INPUT_DRY-RUN': 'true',
    };
    const actions = builtActions(root);
    const baseline: number[] = [];
    const perAction: Record<string, number[]> = Object.fromEntries(actions.map((a) => [a.name, []]));
    timeRun(['-e', '0'], env); // warm the file cache
    for (const a of actions) timeRun([a.bundle], env);
    for (let i = 0; i < runs; i++) {
      baseline.push(timeRun(['-e', '0'], env));
      for (const a of actions) perAction[a.name]!.push(timeRun([a.bundle], env));
    }
    const nodeBaselineMs = round(median(baseline));
    const coldStartMs = Object.fromEntries(Object.entries(perAction).map(([k, v]) => [k, round(median(v))]));
    const coldStartRatio = Object.fromEntries(Object.entries(coldStartMs).map(([k, v]) => [k, round(v / nodeBaselineMs)]));
    const bundleBytes = Object.fromEntries(actions.map((a) => [a.name, loadableBytes(a.bundle)]));
    const startBytes = Object.fromEntries(actions.map((a) => [a.name, loadableBytes(a.bundle, { staticOnly: true })]));
    return {
      runs,
      nodeBaselineMs,
      coldStartMs,
      coldStartRatio,
      maxColdStartRatio: Math.max(...Object.values(coldStartRatio)),
      bundleBytes,
      startBytes,
      distBytesTotal: distBytesTotal(root),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s*(?:[^'"]*?from\s*)?["'](\.{1,2}\/[^"']+)["']|import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;

/**
 * Bytes of an action's bundle and every chunk it can load (static imports, and with
 * `staticOnly: false` the dynamic ones past the gate too).
 */
export function loadableBytes(entry: string, opts: { staticOnly?: boolean } = {}): number {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? (opts.staticOnly ? undefined : m[2]);
      // Only the bundle's own files: a string that looks like an import inside bundled code is not one.
      const target = spec ? join(dirname(file), spec) : undefined;
      if (target && existsSync(target)) visit(target);
    }
  };
  visit(entry);
  return [...seen].reduce((n, f) => n + statSync(f).size, 0);
}

/** Every file of every action bundle and of the shared chunks, together. */
export function distBytesTotal(root: string): number {
  const dirs = [join(root, 'actions', 'dist'), ...builtActions(root).map((a) => dirname(a.bundle))];
  return dirs.filter((d) => existsSync(d)).reduce((n, d) => n + readdirSync(d).reduce((m, f) => m + statSync(join(d, f)).size, 0), 0);
}

export function round(n: number): number {
  return Math.round(n * 100) / 100;
}
