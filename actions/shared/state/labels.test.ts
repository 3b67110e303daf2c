import { parseConfig } from '../config/parse';
import { defaultConfig } from '../config/parse';
import { FACTORY_LABELS, isAllowlistedLabel, labelDefinitions } from './labels';

describe('labels', () => {
  it('defines every factory label once, with a valid colour and a short description', () => {
    const names = labelDefinitions(defaultConfig()).map((l) => l.name);
    expect(new Set(names).size).toBe(names.length);
    for (const expected of [
      'factory:ready',
      'factory:needs-info',
      'factory:needs-human',
      'factory:building',
      'factory:pr-open',
      'factory:reviewing',
      'factory:changes-requested',
      'factory:approved',
      'factory:paused',
      'factory:assist',
      'risk:low',
      'risk:medium',
      'risk:high',
      'priority:p0',
      'priority:p1',
      'priority:p2',
      'priority:p3',
      'type:bug',
      'type:feature',
      'type:chore',
      'type:incident',
      'source:report',
      'source:sentry',
      'source:post-merge',
      'source:spec-gap',
      'source:planner',
      'duplicate',
    ]) {
      expect(names).toContain(expected);
    }
    for (const l of labelDefinitions(defaultConfig())) {
      expect(l.color).toMatch(/^[0-9a-f]{6}$/);
      expect(l.description.length).toBeGreaterThan(0);
      expect(l.description.length).toBeLessThanOrEqual(100);
    }
  });

  it('applies colour and description overrides from config', () => {
    const config = parseConfig("labels:\n  overrides:\n    factory:ready: { color: '#ABCDEF' }\n    risk:high: { description: Careful }\n");
    const defs = labelDefinitions(config);
    expect(defs.find((l) => l.name === 'factory:ready')).toEqual({
      name: 'factory:ready',
      color: 'abcdef',
      description: FACTORY_LABELS.find((l) => l.name === 'factory:ready')!.description,
    });
    expect(defs.find((l) => l.name === 'risk:high')?.description).toBe('Careful');
  });

  it('does not include extra labels in the definitions (they belong to the repository)', () => {
    const config = parseConfig("labels:\n  extra: ['help wanted']\n");
    expect(labelDefinitions(config).map((l) => l.name)).not.toContain('help wanted');
  });

  it('allowlists factory labels and labels.extra only', () => {
    const config = parseConfig("labels:\n  extra: ['help wanted']\n");
    expect(isAllowlistedLabel('factory:ready', config)).toBe(true);
    expect(isAllowlistedLabel('duplicate', config)).toBe(true);
    expect(isAllowlistedLabel('help wanted', config)).toBe(true);
    expect(isAllowlistedLabel('wontfix', config)).toBe(false);
    expect(isAllowlistedLabel('factory:admin', config)).toBe(false);
    expect(isAllowlistedLabel('help wanted', defaultConfig())).toBe(false);
  });
});
