import { compileSearch, parsePeriod, SearchError } from './search';
import { SandboxState } from './state';
import { NOW } from './testing';

const state = new SandboxState('acme', ['web', 'api'], () => NOW);
const crash = state.seed({
  title: 'TypeError: boom',
  culprit: 'checkout(cart.ts)',
  event: { tags: { browser: 'Chrome' }, release: 'web@1' },
});
const slow = state.seed({ title: 'Slow query', level: 'warning', type: 'default', project: 'api', firstSeen: '2026-01-01T00:00:00Z' });
const back = state.seed({ title: 'Error: back', status: 'unresolved', substatus: 'regressed', count: 250 });
const fixed = state.seed({ title: 'Error: fixed', status: 'resolved' });

function ids(query: string): string[] {
  const match = compileSearch(query);
  return state
    .all()
    .filter((i) => match(i, NOW.getTime()))
    .map((i) => i.id);
}

describe('issue search', () => {
  it('matches status, substatus, level, project, tags, release, text and negation', () => {
    expect(ids('is:unresolved')).toEqual([crash.id, slow.id, back.id]);
    expect(ids('is:resolved')).toEqual([fixed.id]);
    expect(ids('is:regressed')).toEqual([back.id]);
    expect(ids('is:unresolved level:warning')).toEqual([slow.id]);
    expect(ids('level:[error, warning] !is:regressed is:unresolved')).toEqual([crash.id, slow.id]);
    expect(ids('project:api')).toEqual([slow.id]);
    expect(ids('browser:Chrome')).toEqual([crash.id]);
    expect(ids('release:web@1')).toEqual([crash.id]);
    expect(ids('cart.ts')).toEqual([crash.id]);
    expect(ids('"slow QUERY"')).toEqual([slow.id]);
    expect(ids('times_seen:>100')).toEqual([back.id]);
  });

  it('matches relative and absolute dates', () => {
    expect(ids('firstSeen:+30d')).toEqual([slow.id]);
    expect(ids('age:-1d')).not.toContain(slow.id);
    expect(ids('firstSeen:<2026-02-01T00:00:00Z')).toEqual([slow.id]);
    expect(ids('lastSeen:-1h')).toHaveLength(4);
  });

  it('refuses what Sentry refuses', () => {
    expect(() => compileSearch('is:sleepy')).toThrow(SearchError);
    expect(() => compileSearch('firstSeen:soon')).toThrow(SearchError);
    expect(() => compileSearch('level:')).toThrow(SearchError);
  });

  it('parses stats periods', () => {
    expect(parsePeriod('24h')).toBe(86_400_000);
    expect(parsePeriod('2w')).toBe(14 * 86_400_000);
    expect(parsePeriod('1y')).toBeUndefined();
  });
});
