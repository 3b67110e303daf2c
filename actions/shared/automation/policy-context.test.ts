import { parseConfig } from '../config/parse';
import { FakeGitHub } from '../policy/testing';
import { createRedactor } from '../security/redact';
import { policyContextFor, type RunFacts } from './policy-context';
import type { AutomationDeps } from './types';

const SECRET = 'ghs_policyContextSecret000000000000000';

const facts: RunFacts = {
  subject: { type: 'pr', number: 7, labels: [], authorLogin: 'alice' },
  allowedKinds: ['push'],
  allowedTargets: [7],
  openedByFactory: [7],
  threads: {},
  risk: 'low',
  defaultBranch: 'trunk',
};

function deps(): Pick<AutomationDeps, 'automation' | 'config' | 'github' | 'redactor'> {
  const config = parseConfig('labels:\n  extra: [documentation]\ntrust:\n  botLogin: factory-bot[bot]\n');
  return { automation: 'ci-fixer', config, github: new FakeGitHub(), redactor: createRedactor([SECRET]) };
}

describe('policyContextFor', () => {
  it('adds what every automation takes from its deps to the facts of the run', () => {
    const ctx = policyContextFor(deps(), facts);
    expect(ctx).toMatchObject({ ...facts, automation: 'ci-fixer', repo: 'acme/app' });
    expect(ctx.config).toMatchObject({ botLogin: 'factory-bot[bot]', defaultBranch: 'trunk', extraLabels: ['documentation'] });
    expect(ctx.config.caps).toBeUndefined();
    expect(ctx.config.isAllowedLabel('documentation')).toBe(true);
    expect(ctx.config.isAllowedLabel('wontfix')).toBe(false);
    expect(ctx.redact(`a ${SECRET} b`)).not.toContain(SECRET);
  });

  it('passes per-run caps to the policy config', () => {
    expect(policyContextFor(deps(), facts, { caps: { comment: 1 } }).config.caps).toEqual({ comment: 1 });
  });
});
