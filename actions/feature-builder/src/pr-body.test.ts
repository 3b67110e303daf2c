import { defaultConfig } from '../../shared/config';
import { computeRisk } from '../../shared/risk';
import { createRedactor } from '../../shared/security';
import type { CheckResult } from '../../shared/automation/checks';
import { composePrBody, runUrl } from './pr-body';

const SECRET = 'sk-ant-api03-workTestSecret-0123456789abcdef';
const redactor = createRedactor([SECRET]);
const failed: CheckResult = { command: 'npm test', exitCode: 1, ok: false, timedOut: false, tail: 'not ok 3\n```\nFixes #99 @octocat' };
const passed: CheckResult = { command: 'npm test', exitCode: 0, ok: true, timedOut: false, tail: 'ok 3' };

describe('pull request body', () => {
  it('is written by code: fixes line, files, before/after checks, risk and run link; model text neutralized', () => {
    const files = [{ filename: 'src/a.js', status: 'modified' as const, additions: 2, deletions: 1 }];
    const { title, body } = composePrBody({
      issue: { number: 7, title: 'Fix totals' },
      title: 'Fix totals\nfor @everyone',
      summary: `Closes #3, thanks @alice. key=${SECRET}`,
      files,
      before: failed,
      after: passed,
      risk: computeRisk({ files, config: defaultConfig() }),
      runUrl: runUrl({ GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/shop', GITHUB_RUN_ID: '42' })!,
      runId: '42-1',
      redactor,
    });
    expect(title).toBe('Fix totals for @ everyone');
    expect(body).toContain('Closes (#3), thanks @ alice.');
    expect(body).not.toContain(SECRET);
    expect(body.match(/^Fixes #\d+$/gm)).toEqual(['Fixes #7']);
    expect(body).toContain('| `npm test` | ❌ failed (exit 1) | ✅ passed (exit 0) |');
    expect(body).toContain('- `src/a.js`: modified, +2 −1');
    expect(body).toContain('**low**');
    expect(body).toContain('[run 42-1](https://github.com/acme/shop/actions/runs/42)');
    // Output that holds a fence cannot break out of its own, longer fence; closing keywords are defused even in code.
    expect(body).toContain('````text\nnot ok 3\n```\nFixes (#99) @octocat\n````');
  });

  it('says so when no test command is configured', () => {
    const { body } = composePrBody({
      issue: { number: 1, title: 't' },
      files: [],
      risk: computeRisk({ files: [], config: defaultConfig() }),
      runId: 'r',
      redactor,
    });
    expect(body).toContain('No test command is configured');
    expect(body).toContain('Implements #1.');
  });
});
