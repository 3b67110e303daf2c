import { pullRequestOf } from './range';
import { checkKey } from './smoke';
import { statusOf, verdictOf } from './verdict';

describe('verdictOf', () => {
  it.each([
    [{ first: true, hasBaseline: true }, 'passed'],
    [{ first: true, hasBaseline: true, openIssue: 7 }, 'recovered'],
    [{ first: false, retry: true, hasBaseline: true, baseline: 'pass' as const }, 'flaky'],
    [{ first: false, retry: false, hasBaseline: true, baseline: 'pass' as const }, 'new-failure'],
    [{ first: false, retry: false, hasBaseline: true, baseline: 'pass' as const, openIssue: 7 }, 'still-failing'],
    [{ first: false, retry: false, hasBaseline: true, baseline: 'fail' as const }, 'pre-existing'],
    [{ first: false, retry: false, hasBaseline: true }, 'pre-existing'],
    [{ first: false, retry: false, hasBaseline: false }, 'pre-existing'],
  ])('%j -> %s', (input, kind) => {
    expect(verdictOf(input).kind).toBe(kind);
  });

  it('a flake counts as passing in the baseline it leaves', () => {
    expect(statusOf({ kind: 'flaky' })).toBe('pass');
    expect(statusOf({ kind: 'pre-existing', why: 'x' })).toBe('fail');
  });
});

describe('pullRequestOf', () => {
  it('reads merge commits and squash titles, on the first line only', () => {
    expect(pullRequestOf('Merge pull request #12 from acme/fix\n\nFix it')).toBe(12);
    expect(pullRequestOf('Fix the total (#34)\n\n* a')).toBe(34);
    expect(pullRequestOf('Docs\n\nsee (#5)')).toBeUndefined();
  });
});

describe('checkKey', () => {
  it('is safe for a marker', () => {
    expect(checkKey('Checkout smoke: /health!')).toBe('checkout-smoke-health');
    expect(checkKey('***')).toBe('check');
  });
});
