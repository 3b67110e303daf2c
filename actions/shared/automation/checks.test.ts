import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTempDir, removeDir, writeFiles } from '../agent/tools/test-helpers';
import { testExecutor } from '../isolation/test-helpers';
import { isIsolationUnavailable } from '../isolation/types';
import { createRedactor } from '../security/redact';
import { describeCheck, runCheck } from './checks';

const SECRET = 'ghs_checksTestSecret000000000000000000';
const redactor = createRedactor(['ghs_redactMeToken00000000000000000000']);

describe('runCheck', () => {
  let root: string;
  beforeEach(() => {
    root = makeTempDir('factory-checks-');
    writeFiles(root, {
      'pass.js': "console.log('all good ghs_redactMeToken00000000000000000000')",
      'fail.js': "console.error('1 failing'); process.exit(2)",
      'environ.js':
        "const fs=require('fs');for(const p of fs.readdirSync('/proc'))if(/^\\d+$/.test(p))try{console.log(fs.readFileSync('/proc/'+p+'/environ','utf8'))}catch{}",
      'mark.js': "require('fs').writeFileSync('ran.txt', 'x')",
    });
  });
  afterEach(() => removeDir(root));

  it('reports a passing and a failing check, with the redacted tail', async () => {
    const executor = testExecutor(root);
    const pass = await runCheck('node pass.js', { cwd: root, executor, redactor });
    const fail = await runCheck('node fail.js', { cwd: root, executor, redactor });
    expect(pass).toEqual({
      command: 'node pass.js',
      exitCode: 0,
      ok: true,
      timedOut: false,
      tail: expect.stringMatching(/^all good \[REDACTED[^\]]*\]$/),
    });
    expect(fail).toMatchObject({ exitCode: 2, ok: false, tail: '1 failing' });
    expect(describeCheck(fail)).toBe('failed (exit 2)');
  });

  it('runs in the sandbox: a secret of the factory is in no environment the check can read', async () => {
    const executor = testExecutor(root, { env: { ...process.env, GITHUB_TOKEN: SECRET, ANTHROPIC_API_KEY: SECRET } });
    const r = await runCheck('node environ.js', { cwd: root, executor, redactor });
    expect(r.ok).toBe(true);
    expect(r.tail).toContain('HOME=/tmp/home');
    expect(r.tail).not.toContain(SECRET);
  });

  it('throws when isolation is required and missing, without running anything', async () => {
    const executor = testExecutor(root, { bwrapPath: '/nonexistent/bwrap' });
    const error = await runCheck('node mark.js', { cwd: root, executor, redactor }).catch((e: unknown) => e);
    expect(isIsolationUnavailable(error)).toBe(true);
    expect(fs.existsSync(path.join(root, 'ran.txt'))).toBe(false);
  });

  it('runs unisolated under best-effort', async () => {
    const executor = testExecutor(root, { bwrapPath: '/nonexistent/bwrap', policy: 'best-effort' });
    expect((await runCheck('node mark.js', { cwd: root, executor, redactor })).ok).toBe(true);
    expect(fs.existsSync(path.join(root, 'ran.txt'))).toBe(true);
    await executor.close();
  });
});
