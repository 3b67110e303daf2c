import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTempDir, removeDir, writeFiles } from '../agent/tools/test-helpers';
import { testExecutor } from '../isolation/test-helpers';
import { createRedactor } from '../security/redact';
import { testRuns, type CheckResult } from './checks';
import { isGitApplyRefusal } from './git-applier';

const redactor = createRedactor([]);

describe('testRuns', () => {
  let root: string;
  beforeEach(() => {
    root = makeTempDir('factory-test-runs-');
    // Passes the first time, fails from the second run on.
    writeFiles(root, { 'flaky.js': "const fs=require('fs');if(fs.existsSync('ran'))process.exit(1);fs.writeFileSync('ran','x')" });
  });
  afterEach(() => removeDir(root));

  const opts = () => ({ cwd: root, executor: testExecutor(root), redactor });

  it('keeps the run before the work and the run at the push, and refuses the push as the caller says', async () => {
    const seen: [CheckResult, CheckResult | undefined][] = [];
    const tests = testRuns('node flaky.js', opts(), (after, before) => {
      seen.push([after, before]);
      return before?.ok && !after.ok ? 'broke the tests' : undefined;
    });
    expect(tests.before).toBeUndefined();
    const before = await tests.runBefore();
    expect(before).toMatchObject({ command: 'node flaky.js', ok: true });
    expect(tests.before).toBe(before);

    const refused = await tests.beforePush().catch((e: unknown) => e);
    expect(isGitApplyRefusal(refused) && refused.rule).toBe('checks');
    expect((refused as Error).message).toBe('broke the tests');
    expect(tests.after).toMatchObject({ ok: false, exitCode: 1 });
    expect(seen).toEqual([[tests.after, before]]);
  });

  it('lets the push go when the caller does not object', async () => {
    const tests = testRuns('node flaky.js', opts(), () => undefined);
    await tests.beforePush();
    expect(tests.after).toMatchObject({ ok: true });
    expect(tests.before).toBeUndefined();
  });

  it('runs nothing when no test command is configured', async () => {
    const tests = testRuns(null, opts(), () => 'never asked');
    expect(await tests.runBefore()).toBeUndefined();
    await expect(tests.beforePush()).resolves.toBeUndefined();
    expect(tests.after).toBeUndefined();
    expect(fs.existsSync(path.join(root, 'ran'))).toBe(false);
  });
});
