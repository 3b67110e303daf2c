import { parseConfig } from '../config/parse';
import { AUTOMATIONS } from '../state/automations';
import { DEFAULT_ALLOWED_KINDS, policyConfigFrom } from './from-config';
import type { Intent } from './intents';
import { evaluateIntents, RULES } from './policy';
import { testPolicyContext } from './testing';

describe('policyConfigFrom', () => {
  it('maps labels, protected paths, bot login and auto-merge from the factory config', () => {
    const config = policyConfigFrom(
      parseConfig('labels:\n  extra: ["good first issue"]\nmerge:\n  autoMerge: [low, medium]\ntrust:\n  botLogin: "acme-factory[bot]"\n'),
    );
    expect(config.isAllowedLabel('factory:ready')).toBe(true);
    expect(config.isAllowedLabel('good first issue')).toBe(true);
    expect(config.isAllowedLabel('wontfix')).toBe(false);
    expect(config.autoMergeTiers).toEqual(['low', 'medium']);
    expect(config.botLogin).toBe('acme-factory[bot]');
    expect(config.protectedPaths).toContain('.github/**');
  });

  it('with merge.autoMerge: [] or merge.mode approve-only, merge-gate may not request a merge at any tier', () => {
    for (const text of ['merge:\n  autoMerge: []\n', 'merge:\n  mode: approve-only\n']) {
      const config = policyConfigFrom(parseConfig(text));
      expect(config.autoMergeTiers).toEqual([]);
      const merge: Intent = { kind: 'request_merge', pr: 8 };
      const r = evaluateIntents([merge], testPolicyContext({ automation: 'merge-gate', risk: 'low', config }));
      expect(r.rejected.map((x) => x.rule)).toEqual([RULES.mergeRisk]);
    }
  });

  it('by default merge-gate may request the merge of a low-risk pull request only', () => {
    expect(policyConfigFrom(parseConfig('')).autoMergeTiers).toEqual(['low']);
  });

  it('the default protected paths stop a push of a lockfile in a subfolder', () => {
    const config = policyConfigFrom(parseConfig(''));
    const push: Intent = { kind: 'push', branch: 'factory/1', files: ['web/package-lock.json'] };
    const r = evaluateIntents([push], testPolicyContext({ automation: 'feature-builder', config }));
    expect(r.rejected.map((x) => x.rule)).toEqual([RULES.pushProtectedPath]);
  });

  it('risk.writableProtectedPaths lets a push write those paths as written, never a case variant or a lookalike', () => {
    const config = policyConfigFrom(parseConfig("risk:\n  writableProtectedPaths: ['migrations/**']\n"));
    const push = (files: string[]): Intent => ({ kind: 'push', branch: 'factory/1', files });
    const rules = (files: string[]) =>
      evaluateIntents([push(files)], testPolicyContext({ automation: 'feature-builder', config })).rejected.map((x) => x.rule);
    expect(rules(['migrations/002_add_code.sql'])).toEqual([]);
    expect(rules(['MIGRATIONS/002_add_code.sql'])).toEqual([RULES.pushProtectedPath]);
    expect(rules(['db/migrations/002.sql'])).toEqual([RULES.pushProtectedPath]);
    expect(rules(['migrations/002.sql', '.github/workflows/x.yml'])).toEqual([RULES.pushProtectedPath]);
    // Files that other globs protect wherever they are stay protected under migrations/ too.
    for (const name of ['.gitattributes', 'package.json', '.husky/pre-commit', 'action.yml', '.npmrc']) {
      expect(rules([`migrations/${name}`])).toEqual([RULES.pushProtectedPath]);
    }
    expect(rules(['migrations/sub/003_more.sql'])).toEqual([]);
    // Without the setting, the default protects migrations.
    const plain = evaluateIntents(
      [push(['migrations/002.sql'])],
      testPolicyContext({ automation: 'feature-builder', config: policyConfigFrom(parseConfig('')) }),
    );
    expect(plain.rejected.map((x) => x.rule)).toEqual([RULES.pushProtectedPath]);
  });
});

describe('DEFAULT_ALLOWED_KINDS', () => {
  it('covers every automation; only merge-gate merges and only code-changing automations push', () => {
    expect(Object.keys(DEFAULT_ALLOWED_KINDS).sort()).toEqual([...AUTOMATIONS].sort());
    const producers = (kind: Intent['kind']) => AUTOMATIONS.filter((a) => DEFAULT_ALLOWED_KINDS[a].includes(kind));
    expect(producers('request_merge')).toEqual(['merge-gate']);
    expect(producers('resolve_thread')).toEqual(['review-resolver']);
    expect(producers('push')).not.toContain('pr-reviewer');
    expect(producers('push')).not.toContain('merge-gate');
  });
});
