import { runCommand } from '../../scripts/cli/run';

/** `npx factory run quality-grader --sandbox`: no --event (the daily schedule), the sample product's three areas graded. */
describe('factory run quality-grader --sandbox', () => {
  it('exits 0 and prints the grades with the pull request and the gap issues', async () => {
    const lines: string[] = [];
    const code = await runCommand('quality-grader', { sandbox: true }, (l) => lines.push(l));
    const out = lines.join('\n');
    expect(code).toBe(0);
    expect(out).toMatch(/^event: schedule \(the daily schedule\)$/m);
    expect(out).toMatch(/^outcome: completed — graded 3 area\(s\) at [0-9a-f]{7}: checkout C, format A, receipts F$/m);
    expect(out).toMatch(/^ {2}format: A — 2 of 2 MUSTs have a passing test; no open bug touches the area$/m);
    expect(out).toMatch(/^ {2}receipts: F — none of the 2 MUSTs is built$/m);
    expect(out).toMatch(/^ {2}opened pull request #1: Quality grades at [0-9a-f]{7}: checkout C, format A, receipts F$/m);
    expect(out).toMatch(/^ {2}PR #1 \[open\] Quality grades at /m);
    expect(out).toMatch(/^ {2}issue #\d+ \[open\] Quality: Receipts is graded F — labels: source:spec-gap$/m);
  });
});
