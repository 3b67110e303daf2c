import { parseConfig } from '../config/parse';
import { AUTOMATIONS } from '../state/automations';
import { DEFAULT_ALLOWED_KINDS, policyConfigFrom } from './from-config';
import type { Intent } from './intents';
import { evaluateIntents, RULES } from './policy';
import { testPolicyContext } from './testing';

describe('policyConfigFrom', () => {
  it('maps labels, protected paths, bot login and auto-merge from the factory config', () => {
    const config = policyConfigFrom(
      parseConfig(
        'labels:\n  extra: ["good first issue"]\nrisk:\n  autoMerge: { enabled: true, maxTier: medium }\ntrust:\n  botLogin: "acme-factory[bot]"\n',
      ),
    );
    expect(config.isAllowedLabel('factory:ready')).toBe(true);
    expect(config.isAllowedLabel('good first issue')).toBe(true);
    expect(config.isAllowedLabel('wontfix')).toBe(false);
    expect(config.autoMergeTiers).toEqual(['low', 'medium']);
    expect(config.botLogin).toBe('acme-factory[bot]');
    expect(config.protectedPaths).toContain('.github/**');
  });

  it('with auto-merge off (the default), merge-gate may not request a merge at any tier', () => {
    const config = policyConfigFrom(parseConfig(''));
    const merge: Intent = { kind: 'request_merge', pr: 8 };
    const r = evaluateIntents([merge], testPolicyContext({ automation: 'merge-gate', risk: 'low', config }));
    expect(r.rejected.map((x) => x.rule)).toEqual([RULES.mergeRisk]);
  });

  it('the default protected paths stop a push of a lockfile in a subfolder', () => {
    const config = policyConfigFrom(parseConfig(''));
    const push: Intent = { kind: 'push', branch: 'factory/1', files: ['web/package-lock.json'] };
    const r = evaluateIntents([push], testPolicyContext({ automation: 'feature-builder', config }));
    expect(r.rejected.map((x) => x.rule)).toEqual([RULES.pushProtectedPath]);
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
