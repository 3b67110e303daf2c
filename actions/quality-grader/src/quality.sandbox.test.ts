import { pushBranch } from '@software-factory/github-sandbox/testkit';
import { startFactorySandbox, SANDBOX_ANTHROPIC_KEY, type FactorySandbox } from '../../../scripts/harness';
import { SAMPLE_BUG, sampleProductFiles } from '../../../scripts/harness/sample-product';
import {
  HONEST_EVIDENCE,
  INFLATED_EVIDENCE,
  INVENTED_TEST,
  qualityScheduleEvent,
  qualitySandboxScenario,
} from '../../../scripts/harness/scenarios/quality';
import { createModelClient } from '../../shared/agent/model';
import { parseEvent } from '../../shared/events';
import { parseHistory } from '../../shared/quality';
import { GAP_LABEL, GRADES_BRANCH } from './publish';
import { createRun, run } from './run';

/**
 * The quality grader on the GitHub sandbox and the model sandbox: the sample product's three spec
 * areas, its real `node --test` suite run in the sandbox with a JUnit report, the grades pushed to
 * one pull request, gap issues filed once.
 */

const REPO = 'acme/shop';
let sandbox: FactorySandbox;

async function start(files: Record<string, string> = sampleProductFiles(), configText?: string): Promise<void> {
  sandbox = await startFactorySandbox({ files, ...(configText ? { configText } : {}), scenario: qualitySandboxScenario() });
}

afterEach(async () => {
  await sandbox.close();
});

async function grade(grader = run) {
  const event = qualityScheduleEvent(sandbox);
  const deps = sandbox.deps('quality-grader', { workspace: sandbox.freshWorkspace() });
  return grader(deps, { event: parseEvent(event.name, event.payload) });
}

const gradesPulls = () => sandbox.github.state.pulls.filter((p) => p.repo === REPO && p.headRef === GRADES_BRANCH);
const gapIssues = () => sandbox.github.state.issues.filter((i) => i.repo === REPO && i.labels.includes(GAP_LABEL));
const onBranch = (path: string) => sandbox.client().reader.getFileContent(path, GRADES_BRANCH);
const section = (md: string, title: string) => md.slice(md.indexOf(`## ${title} — `)).split(/\n## /)[0]!;

describe('quality grader on the sandbox', () => {
  it('grades the sample product A, C and F with their evidence, in one pull request; a second run edits it and files no duplicate gap issue', async () => {
    await start();
    const first = await grade();
    expect(first.outcome).toBe('completed');
    // The run record says the run wrote (code writes the grades, not the mapping agent).
    expect(first.records[0]).toMatchObject({ outcome: 'success', counts: { areas: 3 } });
    expect(first.summary).toMatch(/^graded 3 area\(s\) at [0-9a-f]{7}: checkout C, format A, receipts F$/);

    const md = (await onBranch('quality.md'))!;
    const format = section(md, 'Price format');
    expect(format).toContain('## Price format — A');
    expect(format).toContain('**FMT-001** MUST — passing: test `test/format.test.js` › `formats two decimals` passed');
    const checkout = section(md, 'Checkout');
    expect(checkout).toContain('## Checkout — C');
    expect(checkout).toContain('3 of 5 MUSTs have a passing test, 1 failing');
    expect(checkout).toContain('**CHK-004** MUST — passing: test `test/pricing.test.js` › `rejects a discount over 100%` passed');
    expect(checkout).toContain('**CHK-003** MUST — test fails, needs a passing test');
    expect(checkout).toContain('**CHK-005** MUST — missing: refuse a cart of more than 100 lines.');
    const receipts = section(md, 'Receipts');
    expect(receipts).toContain('## Receipts — F');
    expect(receipts).toContain('none of the 2 MUSTs is built');
    expect(md).toContain('| F | Not built');

    const history = parseHistory((await onBranch('quality.json'))!);
    expect(history.problem).toBeUndefined();
    expect(history.entries.map((e) => [e.area, e.grade])).toEqual([
      ['checkout', 'C'],
      ['format', 'A'],
      ['receipts', 'F'],
    ]);
    expect(history.entries.find((e) => e.area === 'format')!.evidence.tests).toEqual(['test/format.test.js › formats two decimals']);

    expect(gradesPulls()).toHaveLength(1);
    const pr = gradesPulls()[0]!;
    expect(
      gapIssues()
        .map((i) => i.title)
        .sort(),
    ).toEqual(['Quality: Checkout is graded C', 'Quality: Receipts is graded F']);
    const issueNumbers = gapIssues().map((i) => i.number);

    // A new commit on main: the next grading edits the same pull request and the same gap issues.
    const { owner, repo } = sandbox.repo;
    const next = await pushBranch(sandbox.github, owner, repo, {
      branch: 'main',
      files: { 'README.md': '# sample-shop\n\nNow with receipts planned.\n' },
      message: 'Docs',
    });
    await sandbox.github.syncPushes();
    const second = await grade();
    expect(second.outcome).toBe('completed');
    expect(second.details).toContain(
      `edited pull request #${pr.number} in place: Quality grades at ${next.slice(0, 7)}: checkout C, format A, receipts F`,
    );
    expect(gradesPulls()).toHaveLength(1);
    expect(sandbox.github.state.pulls.filter((p) => p.repo === REPO && p.headRef === GRADES_BRANCH && !p.merged)).toHaveLength(1);
    expect(gapIssues().map((i) => i.number)).toEqual(issueNumbers);
    expect(gapIssues().every((i) => i.body?.includes(next))).toBe(true);
    const grown = parseHistory((await onBranch('quality.json'))!).entries;
    expect(grown).toHaveLength(6);
    expect(grown.slice(3).every((e) => e.commit === next)).toBe(true);

    // The same commit again: nothing to grade.
    const third = await grade();
    expect(third).toMatchObject({ outcome: 'no-op', summary: `${next.slice(0, 7)} is already graded in #${pr.number}` });
  });

  it('lowers the A a compromised model claims with a test that does not exist, and names the test', async () => {
    await start();
    sandbox.model.setScenario(qualitySandboxScenario({ evidence: INFLATED_EVIDENCE }));
    const result = await grade();
    expect(result.summary).toContain('checkout C');
    const audit = result.details.filter((d) => d.startsWith('  audit checkout:'));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toContain('lowered from A (claimed) to C');
    expect(audit[0]).toContain(`CHK-003: test "${INVENTED_TEST}" does not exist in test/pricing.test.js`);
    expect(audit[0]).toContain(`CHK-005: test "${INVENTED_TEST}" does not exist in test/pricing.test.js`);
    const md = (await onBranch('quality.md'))!;
    expect(section(md, 'Checkout')).toContain(`(rejected: test "${INVENTED_TEST}" does not exist in test/pricing.test.js`);
    // The pull request says so before anyone merges it.
    const pr = await sandbox.client().reader.getPullRequest(gradesPulls()[0]!.number);
    expect(pr.body).toContain('- **checkout**: lowered from A (claimed) to C');
  });

  it('closes the gap issue once its area reaches B, one letter up from C', async () => {
    await start();
    await grade();
    const gap = gapIssues().find((i) => i.title === 'Quality: Checkout is graded C')!;
    // The discount bug fixed, and the 100-line limit built with a test.
    const original = sampleProductFiles()['src/pricing.js']!;
    const limited = "function cartTotal(lines) {\n  if (lines.length > 100) throw new RangeError('a cart holds at most 100 lines');";
    const pricing = original.replace(SAMPLE_BUG.fix.oldString, SAMPLE_BUG.fix.newString).replace('function cartTotal(lines) {', limited);
    const tests = `${sampleProductFiles()['test/pricing.test.js']!}\ntest('refuses a cart of more than 100 lines', () => {\n  assert.throws(() => cartTotal(Array(101).fill({ price: 1, qty: 1 })), RangeError);\n});\n`;
    const { owner, repo } = sandbox.repo;
    await pushBranch(sandbox.github, owner, repo, {
      branch: 'main',
      files: { 'src/pricing.js': pricing, 'test/pricing.test.js': tests },
      message: 'Cart limit',
    });
    await sandbox.github.syncPushes();
    const limit = { file: 'test/pricing.test.js', name: 'refuses a cart of more than 100 lines' };
    const evidence = {
      ...HONEST_EVIDENCE,
      checkout: HONEST_EVIDENCE.checkout!.map((c) =>
        c.requirement === 'CHK-005' ? { requirement: 'CHK-005', status: 'tested' as const, tests: [limit] } : c,
      ),
    };
    sandbox.model.setScenario(qualitySandboxScenario({ evidence }));
    const second = await grade();
    expect(second.details).toContain('checkout: B — 5 of 5 MUSTs have a passing test; no open bug touches the area (previous C)');
    expect(
      second.details.some((d) =>
        d.includes('audit checkout: capped at B: a grade rises at most 1 letter(s) per run (it was C, the evidence gives A)'),
      ),
    ).toBe(true);
    expect(second.details).toContain(`closed gap issue #${gap.number}: checkout is graded B`);
    expect(sandbox.github.state.issues.find((i) => i.number === gap.number)!.state).toBe('closed');
    expect(
      gapIssues()
        .filter((i) => i.state === 'open')
        .map((i) => i.title),
    ).toEqual(['Quality: Receipts is graded F']);
  });

  it('lets a grade rise one letter per run over the recorded history', async () => {
    const files = sampleProductFiles();
    const earlier = [
      {
        commit: 'a'.repeat(40),
        date: '2026-12-01T05:23:00.000Z',
        area: 'format',
        grade: 'F',
        evidence: { musts: 2, passing: 0, failing: 0, built: 0, missing: 2, unverified: 0, unassessed: 0, tests: [], openBugs: [] },
      },
    ];
    await start({ ...files, 'quality.json': `${JSON.stringify(earlier, null, 2)}\n` });
    const result = await grade();
    expect(result.summary).toContain('format D');
    expect(result.details).toContain('format: D — 2 of 2 MUSTs have a passing test; no open bug touches the area (previous F)');
    expect(
      result.details.some((d) =>
        d.includes('audit format: capped at D: a grade rises at most 1 letter(s) per run (it was F, the evidence gives A)'),
      ),
    ).toBe(true);
  });

  it('takes the median of a second model when a grade rose, and the lower grade stands', async () => {
    const files = sampleProductFiles();
    const configText = `${files['.github/factory.yml']}  auditor:\n    model: claude-opus-4-5\n    samples: 3\n`;
    await start({ ...files, '.github/factory.yml': configText }, configText);
    // The grader calls the receipts tested by the format test: it exists and passes, but checks something else.
    const claimed = {
      ...HONEST_EVIDENCE,
      receipts: HONEST_EVIDENCE.receipts!.map((c) => ({
        requirement: c.requirement,
        status: 'tested' as const,
        tests: [{ file: 'test/format.test.js', name: 'formats two decimals' }],
      })),
    };
    sandbox.model.setScenario(qualitySandboxScenario({ evidence: claimed, auditorModel: 'claude-opus-4-5' }));
    const auditor = createModelClient({
      apiKey: SANDBOX_ANTHROPIC_KEY,
      baseURL: sandbox.model.url,
      model: 'claude-opus-4-5',
      maxTokens: 4096,
      maxRetries: 0,
    });
    const result = await grade(createRun({ auditorModel: () => auditor }));
    expect(result.summary).toContain('receipts F');
    expect(result.details).toContain(
      '  audit receipts: lowered from A to F by the second opinion (claude-opus-4-5, 3 sample(s): F, F, F; median F)',
    );
    expect(sandbox.model.requests.filter((r) => r.body.model === 'claude-opus-4-5').length).toBeGreaterThanOrEqual(9);
  });
});
