import { defaultConfig, parseConfig } from '../config/parse';
import { isAutomationEnabled, isPaused, isTrusted, pauseReason, trustLevel } from './gate';

const config = parseConfig("trust:\n  bots: ['renovate[bot]']\n  botLogin: 'my-factory[bot]'\n");
const user = (login: string) => ({ login, type: 'User' });
const bot = (login: string) => ({ login, type: 'Bot' });

describe('isPaused', () => {
  it('is paused by the label or by the kill switch', () => {
    expect(isPaused([], defaultConfig())).toBe(false);
    expect(isPaused(['factory:paused'], defaultConfig())).toBe(true);
    expect(isPaused([], { killSwitch: true })).toBe(true);
    expect(pauseReason([], { killSwitch: true })).toMatch(/kill switch/);
  });
});

describe('isTrusted', () => {
  it.each(['OWNER', 'MEMBER', 'COLLABORATOR'])('trusts people with association %s', (association) => {
    expect(isTrusted(user('alice'), association, config)).toBe(true);
  });

  it.each(['CONTRIBUTOR', 'FIRST_TIME_CONTRIBUTOR', 'NONE', null, undefined])('does not trust association %s', (association) => {
    expect(isTrusted(user('mallory'), association, config)).toBe(false);
  });

  it('trusts bots only by exact login, never by association', () => {
    expect(isTrusted(bot('renovate[bot]'), 'NONE', config)).toBe(true);
    expect(isTrusted(bot('Renovate[bot]'), 'NONE', config)).toBe(false);
    expect(isTrusted(bot('dependabot[bot]'), 'MEMBER', config)).toBe(false);
    expect(isTrusted(user('sneaky[bot]'), 'OWNER', config)).toBe(false);
  });

  it("reports the factory's own bot as 'self'", () => {
    expect(isTrusted(bot('my-factory[bot]'), 'NONE', config)).toBe('self');
    expect(trustLevel(bot('my-factory[bot]'), 'NONE', config)).toBe('self');
    expect(trustLevel(bot('github-actions[bot]'), 'NONE', defaultConfig())).toBe('self');
  });

  it('follows a configured association allowlist', () => {
    const strict = parseConfig('trust:\n  associations: [OWNER]\n');
    expect(trustLevel(user('bob'), 'MEMBER', strict)).toBe('untrusted');
    expect(trustLevel(user('bob'), 'OWNER', strict)).toBe('trusted');
  });
});

describe('isAutomationEnabled', () => {
  it('follows automations.<name>.enabled and the kill switch', () => {
    expect(isAutomationEnabled('feature-builder', defaultConfig())).toBe(true);
    expect(isAutomationEnabled('automation-auditor', defaultConfig())).toBe(false);
    expect(isAutomationEnabled('feature-builder', parseConfig('killSwitch: true\n'))).toBe(false);
  });
});
