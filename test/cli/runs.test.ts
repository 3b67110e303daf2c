import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipFiles } from '@software-factory/github-sandbox';
import { runCommand } from '../../scripts/cli/run';
import { runsCommand } from '../../scripts/cli/runs';
import { artifactFiles, runRecordFor } from '../../scripts/harness/scenarios/metrics-records';

/** `factory runs [ID]`: the records sandbox runs write, listed and rendered for a person. */

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'factory-runs-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function runs(id: string | undefined, from: string): { code: number; out: string } {
  const lines: string[] = [];
  const code = runsCommand(id, { from }, (l) => lines.push(l));
  return { code, out: lines.join('\n') };
}

describe('factory runs', () => {
  it('lists the run a sandbox `factory run` wrote, and renders its transcript: turns, tool calls, intents, policy, cost', async () => {
    const printed: string[] = [];
    const code = await runCommand('feature-planner', { event: 'issues.opened', sandbox: true, runsDir: dir }, (l) => printed.push(l));
    expect(code).toBe(0);
    expect(printed.join('\n')).toContain(`run records in ${dir}/`);

    const list = runs(undefined, dir);
    expect(list.code).toBe(0);
    const row = list.out.split('\n').find((l) => l.includes('feature-planner'));
    expect(row).toMatch(/^sandbox-\S+ +feature-planner +\S+Z +success +\d+ +\$\d+\.\d{4} +issue #1$/);
    const id = row!.split(' ')[0]!;

    const shown = runs(id.slice(0, -1), dir);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain(`run ${id}: feature-planner`);
    expect(shown.out).toMatch(/^ {2}trigger: issues\.opened by /m);
    expect(shown.out).toMatch(/^ {2}cost \$\d+\.\d{4}: \d+ turn\(s\), \d+ input tokens/m);
    expect(shown.out).toMatch(/^ {2}turn 1$/m);
    expect(shown.out).toMatch(/^ {4}request to \S+: ~\d+ input tokens/m);
    expect(shown.out).toMatch(/^ {4}model asks for \w+ /m);
    expect(shown.out).toMatch(/^ {4}tool \w+ .* -> (ok|error)/m);
    expect(shown.out).toMatch(/^ {2}end: /m);
    expect(shown.out).toMatch(/^policy:\n {2}accepted comment on issue #1 \(plan\)\n {2}accepted add labels .* to #1$/m);
    expect(shown.out).toMatch(/^ {2}applied: add labels/m);
  });

  it('reads a run-record artifact downloaded as a .zip; an unknown id is an error', () => {
    const record = runRecordFor({
      runId: '4242-1',
      automation: 'pr-reviewer',
      startedAt: '2026-12-01T09:00:00Z',
      costUsd: 0.25,
      subject: { type: 'pr', number: 7 },
      rejected: [{ kind: 'comment', rule: 'outbound', reason: 'links to a host not allowed' }],
    });
    const zip = join(dir, 'factory-pr-reviewer-run-4242-1.zip');
    writeFileSync(zip, zipFiles(artifactFiles(record)));
    expect(runs(undefined, zip).out).toMatch(/^4242-1 +pr-reviewer .* \$0\.2500 pr #7$/m);
    const shown = runs('4242-1', zip);
    expect(shown.out).toContain('rejected comment [outbound]: links to a host not allowed');
    expect(shown.out).toMatch(/^ {2}end: end_turn/m);
    expect(runs('9999', zip)).toMatchObject({ code: 1, out: expect.stringContaining('no run 9999') });
  });

  it('a damaged record is listed as skipped, the others still read', () => {
    const ok = runRecordFor({ runId: '1-1', automation: 'merge-gate', startedAt: '2026-12-01T09:00:00Z' });
    for (const [path, text] of Object.entries(artifactFiles(ok))) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    mkdirSync(join(dir, '2-1'));
    writeFileSync(join(dir, '2-1', 'pr-reviewer-record.json'), '{ broken');
    const list = runs(undefined, dir);
    expect(list.out).toMatch(/^1-1 +merge-gate /m);
    expect(list.out).toMatch(/^skipped .*2-1\/pr-reviewer-record\.json: not JSON/m);
  });
});
