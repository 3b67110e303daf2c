import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseConfig } from '../../shared/config';
import type { Executor } from '../../shared/isolation/types';
import { MemoryLogger } from '../../shared/ports';
import { createRedactor } from '../../shared/security';
import { runTests } from './tests';

/** The test command's report: read only when this run wrote it, as a regular file inside the repository. */

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'quality-tests-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const JEST = JSON.stringify({ testResults: [{ name: 'x/a.test.ts', assertionResults: [{ title: 'adds', status: 'passed' }] }] });

/** An executor whose "test command" does `write` in the workspace and exits with `exitCode`. */
function executor(write: () => void, exitCode = 0): Executor & { ran: string[][] } {
  const ran: string[][] = [];
  return {
    ran,
    policy: 'best-effort',
    status: async () => ({ isolated: false, mechanism: 'none', reason: 'test', fix: 'none', refused: false }),
    probed: () => undefined,
    close: async () => undefined,
    run: async (file, args) => {
      ran.push([file, ...args]);
      write();
      return { output: 'ran', totalBytes: 3, exitCode, signal: null, timedOut: false, aborted: false };
    },
  };
}

function deps(exec: Executor, quality = 'quality:\n  testCommand: npx jest --json --outputFile=test-results/quality.json\n') {
  return { config: parseConfig(quality), workspace: root, executor: exec, redactor: createRedactor([]), logger: new MemoryLogger() };
}

const report = () => path.join(root, 'test-results', 'quality.json');

describe('runTests', () => {
  it('runs the command in the executor and reads the report it wrote, even when tests fail', async () => {
    const exec = executor(() => fs.writeFileSync(report(), JEST), 1);
    const run = await runTests(deps(exec));
    expect(exec.ran).toEqual([['npx', 'jest', '--json', '--outputFile=test-results/quality.json']]);
    expect(run.results).toEqual({ ok: true, outcomes: [{ file: 'x/a.test.ts', name: 'adds', status: 'passed' }] });
    expect(run.summary).toBe(
      '`npx jest --json --outputFile=test-results/quality.json` failed (exit 1): 1 passed, 0 failed of 1 in the report',
    );
  });

  it('removes a report left behind earlier: only this run counts', async () => {
    fs.mkdirSync(path.dirname(report()), { recursive: true });
    fs.writeFileSync(report(), JEST);
    const run = await runTests(deps(executor(() => undefined)));
    expect(run.results).toEqual({ ok: false, reason: 'the test command wrote no report at test-results/quality.json' });
  });

  it('refuses a report that is a link (it could point anywhere on the runner)', async () => {
    const outside = path.join(os.tmpdir(), `outside-${path.basename(root)}.json`);
    fs.writeFileSync(outside, JEST);
    try {
      const run = await runTests(deps(executor(() => fs.symlinkSync(outside, report()))));
      expect(run.results).toEqual({ ok: false, reason: 'the report at test-results/quality.json is not a regular file' });
    } finally {
      fs.rmSync(outside, { force: true });
    }
  });

  it('runs nothing without a test command, and refuses a report under .factory/', async () => {
    const exec = executor(() => undefined);
    expect((await runTests(deps(exec, ''))).results).toEqual({ ok: false, reason: 'no test command is configured (quality.testCommand)' });
    const hidden = await runTests(deps(exec, 'quality:\n  testCommand: npm test\n  testReport: .factory/r.json\n'));
    expect(hidden.results).toMatchObject({ ok: false, reason: expect.stringContaining('under .factory/') });
    expect(exec.ran).toEqual([]);
  });
});
