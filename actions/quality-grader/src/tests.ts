import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeCheck, runCheck } from '../../shared/automation/checks';
import type { AutomationDeps } from '../../shared/automation/types';
import { errorMessage } from '../../shared/errors';
import { parseTestReport, type TestRunResults } from '../../shared/quality';

/**
 * The test command, run by code in the sandbox (the same isolation as the builder's checks), and
 * the report it writes: which tests ran and whether each passed. A report left behind by anything
 * earlier is removed first, so only this run's counts.
 */

export interface TestRun {
  results: TestRunResults;
  /** One line for quality.md: the command and what came of it. */
  summary: string;
}

const MAX_REPORT_BYTES = 50 * 1024 * 1024;

export async function runTests(deps: Pick<AutomationDeps, 'config' | 'workspace' | 'executor' | 'redactor' | 'logger'>): Promise<TestRun> {
  const { testCommand, testReport, testTimeoutMinutes } = deps.config.quality;
  if (!testCommand) {
    const reason = 'no test command is configured (quality.testCommand)';
    return { results: { ok: false, reason }, summary: reason };
  }
  const root = fs.realpathSync(deps.workspace);
  const reportPath = path.resolve(root, testReport);
  if (!reportPath.startsWith(`${root}${path.sep}`) || reportPath.startsWith(path.join(root, '.factory') + path.sep)) {
    const reason = `quality.testReport ${testReport} is outside the repository or under .factory/ (hidden from the sandbox)`;
    return { results: { ok: false, reason }, summary: reason };
  }
  fs.rmSync(reportPath, { force: true });
  fs.mkdirSync(path.dirname(reportPath), { recursive: true });
  const check = await runCheck(testCommand, {
    cwd: root,
    executor: deps.executor,
    redactor: deps.redactor,
    timeoutMs: testTimeoutMinutes * 60_000,
  });
  const ran = `\`${testCommand}\` ${describeCheck(check)}`;
  const results = readReport(root, reportPath, testReport);
  if (!results.ok) {
    deps.logger.warning(`${ran}; ${results.reason}. Its output ends:\n${check.tail.slice(-1500)}`);
    return { results, summary: `${ran}; ${results.reason}` };
  }
  const passed = results.outcomes.filter((o) => o.status === 'passed').length;
  const failed = results.outcomes.filter((o) => o.status === 'failed').length;
  return { results, summary: `${ran}: ${passed} passed, ${failed} failed of ${results.outcomes.length} in the report` };
}

function readReport(root: string, reportPath: string, shown: string): TestRunResults {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(reportPath);
  } catch {
    return { ok: false, reason: `the test command wrote no report at ${shown}` };
  }
  // Written by repository code: a link could point anywhere on the runner.
  if (!stat.isFile()) return { ok: false, reason: `the report at ${shown} is not a regular file` };
  if (stat.size > MAX_REPORT_BYTES) return { ok: false, reason: `the report at ${shown} is larger than ${MAX_REPORT_BYTES} bytes` };
  try {
    return { ok: true, outcomes: parseTestReport(fs.readFileSync(reportPath, 'utf8'), root) };
  } catch (e) {
    return { ok: false, reason: `the report at ${shown} could not be read: ${errorMessage(e).slice(0, 200)}` };
  }
}
