import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../scripts/cli/run';

/** `factory run metrics --sandbox` and `factory run automation-auditor --sandbox`: exit 0 and print what they wrote. */

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'factory-cli-metrics-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function cli(name: string): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runCommand(name, { sandbox: true, runsDir: dir }, (l) => lines.push(l));
  return { code, out: lines.join('\n') };
}

describe('factory run metrics / automation-auditor --sandbox', () => {
  it('metrics: the weekly schedule on 30 days of history prints the dashboard issue it wrote and the recap', async () => {
    const { code, out } = await cli('metrics');
    expect(code).toBe(0);
    expect(out).toMatch(/^outcome: completed — metrics \(schedule \(13 6 \* \* 1\)\): opened the dashboard issue #\d+$/m);
    expect(out).toMatch(/^ {4}# Factory dashboard$/m);
    expect(out).toMatch(/^ {4}\| Pull requests merged \| \d+ \|$/m);
    expect(out).toMatch(/^ {4}```mermaid$/m);
    expect(out).toMatch(/opened the recap of \d{4}-W\d{2} as #\d+ with the model narrative and a social-post draft/);
  });

  it('automation-auditor: on a sandbox that turned it on, prints the issues it opened with their run ids', async () => {
    const { code, out } = await cli('automation-auditor');
    expect(code).toBe(0);
    expect(out).toContain('opened #1: Auditor: pr-reviewer failed in 4 runs this week (evidence: 7100-1, 7101-1, 7102-1, 7103-1)');
  });
});
