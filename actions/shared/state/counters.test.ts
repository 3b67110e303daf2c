import { exceeded, increment, parseCounters, renderCounters, reset } from './counters';

describe('attempt counters', () => {
  it('starts empty and round-trips through the marker comment', () => {
    expect(parseCounters('no marker here', 7)).toEqual({});
    const counters = increment(increment(increment({}, 'build'), 'build'), 'ci-fix');
    const body = renderCounters(7, counters);
    expect(body).toBe('<!-- factory:attempts:7 {"build":2,"ci-fix":1} -->\nFactory attempts on #7: build: 2, ci-fix: 1.\n');
    expect(parseCounters(body, 7)).toEqual({ build: 2, 'ci-fix': 1 });
  });

  it('reads only the counters of the subject asked for', () => {
    expect(parseCounters(renderCounters(7, { build: 2 }), 8)).toEqual({});
  });

  it('does not mutate, resets one counter, and rejects bad names', () => {
    const before = { build: 1 };
    expect(increment(before, 'build')).toEqual({ build: 2 });
    expect(before).toEqual({ build: 1 });
    expect(reset({ build: 3, 'ci-fix': 1 }, 'build')).toEqual({ 'ci-fix': 1 });
    expect(() => increment({}, 'Build Attempts')).toThrow('invalid counter name "Build Attempts"');
  });

  it('ignores malformed entries', () => {
    expect(parseCounters('<!-- factory:attempts:7 {"build":"x","ci-fix":-1,"ok":2} -->', 7)).toEqual({ ok: 2 });
  });

  it('is exceeded once the attempts made reach the maximum', () => {
    expect(exceeded(0, 3)).toBe(false);
    expect(exceeded(2, 3)).toBe(false);
    expect(exceeded(3, 3)).toBe(true);
    expect(exceeded(4, 3)).toBe(true);
  });
});
