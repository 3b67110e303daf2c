import type { SentryIssue } from '../../shared/sentry';
import { inAppFrames, suspectedFiles } from './frames';
import { belowThreshold, followUp, priorityOf, spikeOf } from './rules';

const NOW = new Date('2026-12-07T10:30:00Z');
const hour = (h: number) => Date.parse('2026-12-07T10:00:00Z') / 1000 - h * 3600;

function issue(over: Partial<SentryIssue> = {}): SentryIssue {
  return {
    id: '1',
    shortId: 'WEB-1',
    title: 'TypeError: x',
    culprit: 'f(src/a)',
    permalink: 'https://acme.sentry.io/issues/1/',
    level: 'error',
    status: 'unresolved',
    substatus: 'ongoing',
    project: { id: '1', slug: 'web' },
    count: 50,
    userCount: 3,
    firstSeen: '2026-12-01T00:00:00Z',
    lastSeen: '2026-12-07T10:20:00Z',
    metadata: {},
    hourly: Array.from({ length: 24 }, (_, i) => ({ at: hour(23 - i), count: 2 })),
    ...over,
  };
}

describe('incident rules', () => {
  it('priority from level, frequency and users', () => {
    expect(priorityOf({ level: 'fatal', count: 1, userCount: 0 })).toBe('priority:p0');
    expect(priorityOf({ level: 'error', count: 5, userCount: 1 })).toBe('priority:p2');
    expect(priorityOf({ level: 'error', count: 100, userCount: 1 })).toBe('priority:p1');
    expect(priorityOf({ level: 'error', count: 5, userCount: 2000 })).toBe('priority:p0');
    expect(priorityOf({ level: 'warning', count: 5, userCount: 1 })).toBe('priority:p3');
    expect(priorityOf({ level: 'warning', count: 1000, userCount: 1 })).toBe('priority:p2');
    expect(priorityOf({ level: 'info', count: 1, userCount: 1 })).toBe('priority:p3');
  });

  it('thresholds', () => {
    expect(belowThreshold({ count: 4, userCount: 9 }, { minEvents: 5, minUsers: 0 })).toContain('fewer than sentry.minEvents (5)');
    expect(belowThreshold({ count: 5, userCount: 0 }, { minEvents: 5, minUsers: 1 })).toContain('fewer than sentry.minUsers (1)');
    expect(belowThreshold({ count: 5, userCount: 1 }, { minEvents: 5, minUsers: 1 })).toBeUndefined();
  });

  it('a spike: the current hour at N times the hourly average of the day, named by its hour', () => {
    const spiking = issue({ hourly: issue().hourly.map((b, i) => (i === 23 ? { ...b, count: 60 } : b)) });
    expect(spikeOf(spiking, 5, 5, NOW)).toEqual({ lastHour: 60, hourlyAverage: (23 * 2 + 60) / 24, window: '2026-12-07T10' });
    expect(spikeOf(issue(), 5, 5, NOW)).toBeUndefined();
    // A quiet issue's few events are no spike.
    const quiet = issue({ hourly: issue().hourly.map((b, i) => ({ ...b, count: i === 23 ? 3 : 0 })) });
    expect(spikeOf(quiet, 5, 5, NOW)).toBeUndefined();
  });

  it('follow-ups of a mirrored issue: regression when open and regressed, or closed as done and seen since; never for not planned', () => {
    const opts = { spikeFactor: 5, minEvents: 5, now: NOW };
    expect(followUp(issue({ substatus: 'regressed' }), { state: 'open' }, opts)).toMatchObject({ kind: 'regression', reopen: false });
    expect(followUp(issue(), { state: 'closed', stateReason: 'completed', closedAt: '2026-12-07T09:00:00Z' }, opts)).toMatchObject({
      kind: 'regression',
      reopen: true,
    });
    expect(followUp(issue(), { state: 'closed', stateReason: 'completed', closedAt: '2026-12-07T10:25:00Z' }, opts)).toMatchObject({
      kind: 'none',
    });
    expect(
      followUp(issue({ substatus: 'regressed' }), { state: 'closed', stateReason: 'not_planned', closedAt: '2026-12-07T09:00:00Z' }, opts),
    ).toMatchObject({ kind: 'none', why: 'the GitHub issue was closed as not_planned' });
    expect(followUp(issue(), { state: 'open' }, opts)).toEqual({ kind: 'none' });
  });

  it('maps in-app frames to repository files by their longest matching suffix, and leaves ambiguous ones alone', () => {
    const frame = (filename: string, lineNo: number, inApp = true) => ({
      filename,
      absPath: null,
      module: null,
      function: 'f',
      lineNo,
      colNo: null,
      inApp,
    });
    const event = {
      eventId: 'e',
      message: null,
      title: 't',
      exceptions: [
        {
          type: 'Error',
          value: 'v',
          frames: [
            frame('node:internal/x', 1, false),
            frame('webpack:///./src/a/index.js', 3),
            frame('index.js', 4),
            frame('/srv/app/src/b.js', 5),
          ],
        },
      ],
      breadcrumbs: [],
      tags: [],
      release: null,
      environment: null,
      dateCreated: null,
    };
    const frames = inAppFrames(event, ['src/a/index.js', 'src/c/index.js', 'src/b.js']);
    expect(frames.map((f) => f.path ?? `(${f.sentryFile})`)).toEqual(['src/a/index.js', '(index.js)', 'src/b.js']);
    expect(suspectedFiles(frames)).toEqual([
      { path: 'src/b.js', line: 5 },
      { path: 'src/a/index.js', line: 3 },
    ]);
  });
});
