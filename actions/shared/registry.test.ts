import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { COMMANDS } from './events/command';
import { AUTOMATION_SPECS, BUILT_AUTOMATIONS, workflowOf } from './registry';
import { automationsDoc } from './registry-doc';

const ROOT = join(__dirname, '..', '..');

describe('the registry of automations', () => {
  it('lists exactly the actions that exist (an action.yml under actions/)', () => {
    const actions = readdirSync(join(ROOT, 'actions')).filter((d) => existsSync(join(ROOT, 'actions', d, 'action.yml')));
    expect([...BUILT_AUTOMATIONS]).toEqual(actions.sort());
  });

  it.each(BUILT_AUTOMATIONS)('%s: its workflow exists and runs its action', (name) => {
    const file = join(ROOT, '.github', 'workflows', AUTOMATION_SPECS[name].workflow);
    expect(existsSync(file)).toBe(true);
    const uses = JSON.stringify(parse(readFileSync(file, 'utf8')));
    expect(uses).toContain(`./actions/${name}`);
  });

  it('names no workflow for an automation this version does not have', () => {
    expect(workflowOf('merge-gate')).toBe('factory-merge-gate.yml');
    expect(workflowOf('pr-shepherd')).toBe('factory-shepherd.yml');
    expect(workflowOf('automation-auditor')).toBe('factory-auditor.yml');
    expect(workflowOf('feature-builder')).toBe('factory-builder.yml');
  });

  it('every @factory command that starts a workflow names one that exists', () => {
    // fix -> builder, plan -> planner, retry -> whoever escalated (builder, resolver, CI fixer), review -> reviewer.
    const started = ['feature-builder', 'feature-planner', 'review-resolver', 'ci-fixer', 'pr-reviewer'] as const;
    for (const a of started) expect(existsSync(join(ROOT, '.github', 'workflows', workflowOf(a)!))).toBe(true);
    expect(COMMANDS).toEqual(['fix', 'retry', 'plan', 'review', 'explain', 'stop']);
  });

  it('docs/automations.md is the page the build writes from it', () => {
    expect(readFileSync(join(ROOT, 'docs', 'automations.md'), 'utf8')).toBe(automationsDoc());
  });
});
