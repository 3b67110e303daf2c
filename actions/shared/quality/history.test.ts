import { appendHistory, latestGrades, parseHistory, renderHistory, type HistoryEntry } from './history';

const entry = (commit: string, area: string, grade: HistoryEntry['grade']): HistoryEntry => ({
  commit,
  date: '2026-12-07T00:00:00.000Z',
  area,
  grade,
  evidence: { musts: 1, passing: 1, failing: 0, built: 0, missing: 0, unverified: 0, unassessed: 0, tests: [], openBugs: [] },
});

describe('quality.json history', () => {
  it('round-trips, keeps the latest grade per area and replaces a re-graded commit', () => {
    const first = [entry('aaaaaaa', 'cart', 'C'), entry('aaaaaaa', 'fmt', 'A')];
    const second = appendHistory(first, [entry('bbbbbbb', 'cart', 'B')]);
    expect(parseHistory(renderHistory(second)).entries).toEqual(second);
    expect(latestGrades(second).get('cart')?.grade).toBe('B');
    expect(
      appendHistory(second, [entry('bbbbbbb', 'cart', 'A')])
        .filter((e) => e.commit === 'bbbbbbb')
        .map((e) => e.grade),
    ).toEqual(['A']);
  });

  it('reads a missing file as empty and reports a broken one', () => {
    expect(parseHistory(undefined)).toEqual({ entries: [] });
    expect(parseHistory('{').problem).toContain('not valid JSON');
    expect(parseHistory('[{"commit": 1}]').problem).toContain('does not hold a grade history');
  });
});
