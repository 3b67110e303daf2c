import { ConcurrencyTracker } from './concurrency';

describe('ConcurrencyTracker', () => {
  it('queues behind the holder, keeps only the newest pending, and starts it on release', () => {
    const t = new ConcurrencyTracker();
    expect(t.request('a', 'g', false)).toMatchObject({ action: 'start', cancelled: [] });
    expect(t.request('b', 'g', false)).toMatchObject({ action: 'queue', cancelled: [] });
    expect(t.request('c', 'G', false)).toMatchObject({ action: 'queue', cancelled: [{ key: 'b', was: 'pending' }] });
    expect(t.state('g')).toEqual({ holder: 'a', pending: 'c' });
    expect(t.release('b')).toBeUndefined();
    expect(t.release('a')).toBe('c');
    expect(t.state('g')).toEqual({ holder: 'c' });
    expect(t.release('c')).toBeUndefined();
    expect(t.state('g')).toEqual({});
  });

  it('cancels the holder and the pending entry with cancel-in-progress', () => {
    const t = new ConcurrencyTracker();
    t.request('a', 'g', false);
    t.request('b', 'g', false);
    const d = t.request('c', 'g', true);
    expect(d).toMatchObject({
      action: 'start',
      cancelled: [
        { key: 'a', was: 'running' },
        { key: 'b', was: 'pending' },
      ],
    });
    expect(t.state('g')).toEqual({ holder: 'c' });
    expect(t.release('a')).toBeUndefined();
    expect(t.state('g')).toEqual({ holder: 'c' });
  });

  it('keeps groups apart', () => {
    const t = new ConcurrencyTracker();
    expect(t.request('a', 'g1', false).action).toBe('start');
    expect(t.request('b', 'g2', false).action).toBe('start');
    expect(() => t.request('a', 'g2', false)).toThrow('already in group');
  });
});
