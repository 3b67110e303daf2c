import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT_AUTOMATIONS } from '../registry';
import { ROUTES } from '../events/route';
import { preGate, reportSkip } from './start';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'factory-start-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function eventEnv(name: string, payload: unknown, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const path = join(dir, 'event.json');
  writeFileSync(path, JSON.stringify(payload));
  return { GITHUB_EVENT_NAME: name, GITHUB_EVENT_PATH: path, ...extra };
}

describe('the light gate', () => {
  it('skips an event the automation has no route for, by name', () => {
    expect(preGate('feature-builder', eventEnv('star', { action: 'created' }))).toEqual({
      skip: true,
      reason: 'feature-builder does not handle star events',
    });
  });

  it('skips an action the automation does not handle, and lets a handled one through to the full gate', () => {
    expect(preGate('feature-builder', eventEnv('issues', { action: 'opened' }))).toEqual({
      skip: true,
      reason: 'feature-builder does not handle issues.opened',
    });
    // labeled is routed; whether the label is factory:ready is for the full gate to decide.
    expect(preGate('feature-builder', eventEnv('issues', { action: 'labeled', label: { name: 'bug' } }))).toEqual({ skip: false });
    expect(preGate('commands', eventEnv('issue_comment', { action: 'created' }))).toEqual({ skip: false });
  });

  it('lets schedules, dispatches and an explicit issue number through', () => {
    expect(preGate('feature-builder', eventEnv('schedule', { schedule: '7 * * * *' }))).toEqual({ skip: false });
    expect(preGate('feature-builder', eventEnv('workflow_dispatch', { ref: 'main' }))).toEqual({ skip: false });
    expect(preGate('feature-builder', eventEnv('star', { action: 'created' }, { 'INPUT_ISSUE-NUMBER': '12' }))).toEqual({ skip: false });
  });

  it('leaves an unreadable event to the full entry, which reports it', () => {
    expect(preGate('commands', { GITHUB_EVENT_NAME: 'issue_comment', GITHUB_EVENT_PATH: join(dir, 'missing.json') })).toEqual({
      skip: false,
    });
  });

  it('never skips what the full router would run: every routed kind and action of every automation passes', () => {
    for (const automation of BUILT_AUTOMATIONS) {
      for (const rule of ROUTES[automation]) {
        for (const action of rule.actions ?? [undefined]) {
          expect(preGate(automation, eventEnv(rule.kind, action ? { action } : {}))).toEqual({ skip: false });
        }
      }
    }
  });

  it('reports a skip as a notice and the outputs the full entry sets, in the file format of the runner', () => {
    const output = join(dir, 'output');
    writeFileSync(output, '');
    const printed: string[] = [];
    reportSkip('builder does not handle star events\n100%', { GITHUB_OUTPUT: output }, (t) => printed.push(t));
    expect(printed.join('')).toBe('::notice::skipped: builder does not handle star events%0A100%25\n');
    const text = readFileSync(output, 'utf8');
    const outputs = Object.fromEntries([...text.matchAll(/^([\w-]+)<<(ghadelimiter_[\w-]+)\n([\s\S]*?)\n\2$/gm)].map((m) => [m[1], m[3]]));
    expect(outputs).toEqual({ outcome: 'skipped', 'cost-usd': '0', 'input-tokens': '0', 'output-tokens': '0', turns: '0' });
  });
});

describe('action entry points', () => {
  it.each(BUILT_AUTOMATIONS)('%s: src/main.ts exports run() and starts nothing when imported', async (automation) => {
    const main = (await import(`../../${automation}/src/main`)) as { run?: unknown };
    expect(typeof main.run).toBe('function');
  });
});
