import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../../scripts/cli/run';

describe('factory run incident-responder --sandbox', () => {
  it('exits 0 and prints the issues it opened, the regression it reopened and the spike it commented on', async () => {
    const runsDir = mkdtempSync(join(tmpdir(), 'factory-runs-'));
    const lines: string[] = [];
    try {
      const code = await runCommand('incident-responder', { sandbox: true, runsDir }, (line) => lines.push(line));
      const text = lines.join('\n');
      expect(code).toBe(0);
      expect(text).toContain('event: schedule (the 15-minute schedule, on a Sentry sandbox seeded with');
      expect(text).toMatch(
        /outcome: completed — 8 Sentry issue\(s\) watched \(6 error, 2 warning\): 5 opened, 1 regression\(s\), 1 spike\(s\), 1 below the thresholds/,
      );
      expect(text.match(/ {2}opened #\d+ "Incident: /g)).toHaveLength(5);
      expect(text).toMatch(/reopen #\d+: Sentry marks it regressed after the GitHub issue was closed/);
      expect(text).toMatch(
        /issue #\d+ \[open\] Incident: TypeError: Cannot read properties of undefined \(reading price\) \(WEB-\w+\) — labels: type:incident, source:sentry, priority:p1/,
      );
    } finally {
      rmSync(runsDir, { recursive: true, force: true });
    }
  });
});
