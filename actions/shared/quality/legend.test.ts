import type { RequirementStatus } from './evidence';
import { capRise, computeGrade, medianGrade, needsGapIssue } from './legend';

const musts = (...statuses: RequirementStatus[]) => statuses.map((status) => ({ level: 'MUST' as const, status }));

describe('computeGrade', () => {
  it.each([
    ['A', musts('passing', 'passing'), 0],
    ['B', musts('passing', 'passing'), 1],
    ['B', musts('passing', 'passing', 'passing', 'built'), 0],
    ['C', musts('passing', 'passing', 'passing', 'failing'), 0],
    ['C', musts('passing', 'failing', 'passing', 'missing'), 0],
    ['D', musts('passing', 'built', 'missing'), 0],
    ['D', musts('built', 'missing'), 0],
    ['F', musts('missing', 'missing'), 0],
    ['ungraded', musts('missing', 'unassessed'), 0],
    ['ungraded', musts('unverified', 'unverified'), 0],
  ] as const)('%s for MUSTs %j with %d open bug(s)', (grade, requirements, openBugs) => {
    expect(computeGrade({ requirements, openBugs }).grade).toBe(grade);
  });

  it('ignores SHOULD and MAY for the letter, and an area without a MUST is ungraded', () => {
    expect(computeGrade({ requirements: [...musts('passing'), { level: 'SHOULD', status: 'missing' }], openBugs: 0 }).grade).toBe('A');
    expect(computeGrade({ requirements: [{ level: 'SHOULD', status: 'passing' }], openBugs: 0 }).grade).toBe('ungraded');
  });
});

describe('capRise', () => {
  it('lets a grade rise one letter per run, and never caps a fall or a first grade', () => {
    expect(capRise('F', 'A', 1)).toEqual({ grade: 'D', capped: true });
    expect(capRise('C', 'A', 1)).toEqual({ grade: 'B', capped: true });
    expect(capRise('C', 'A', 2)).toEqual({ grade: 'A', capped: false });
    expect(capRise('B', 'A', 1)).toEqual({ grade: 'A', capped: false });
    expect(capRise('A', 'F', 1)).toEqual({ grade: 'F', capped: false });
    expect(capRise(undefined, 'A', 1)).toEqual({ grade: 'A', capped: false });
    expect(capRise('ungraded', 'A', 1)).toEqual({ grade: 'A', capped: false });
  });
});

describe('medianGrade and gap issues', () => {
  it('takes the middle grade (the lower middle of an even count)', () => {
    expect(medianGrade(['A', 'C', 'B'])).toBe('B');
    expect(medianGrade(['A', 'C'])).toBe('C');
    expect(medianGrade(['A', 'ungraded', 'ungraded'])).toBe('ungraded');
  });

  it('files a gap issue below B only', () => {
    expect((['A', 'B', 'C', 'D', 'F', 'ungraded'] as const).filter(needsGapIssue)).toEqual(['C', 'D', 'F']);
  });
});
