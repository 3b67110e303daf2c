import type { RequirementStatus } from './evidence';
import { isMandatory, type Level } from './spec';

/**
 * The legend: what each grade means, in terms code can check. The letter of an area is computed
 * here from verified evidence only; the model never chooses it.
 */

export const LETTERS = ['A', 'B', 'C', 'D', 'F'] as const;
export type Letter = (typeof LETTERS)[number];
export type Grade = Letter | 'ungraded';
export const GRADES: readonly Grade[] = [...LETTERS, 'ungraded'];

/** The legend as quality.md prints it. */
export const LEGEND: readonly { grade: Grade; meaning: string }[] = [
  {
    grade: 'A',
    meaning: 'Every MUST has a test that exists, is not skipped, asserts, and passed in the graded run; no open bug touches the area.',
  },
  {
    grade: 'B',
    meaning:
      'Every MUST has a passing test but an open bug touches the area; or every MUST is built (code or test evidence), at least three quarters have a passing test and none has a failing one.',
  },
  { grade: 'C', meaning: 'At least half of the MUSTs have a passing test.' },
  { grade: 'D', meaning: 'Some MUST is built (code or test evidence that holds), fewer than half have a passing test.' },
  { grade: 'F', meaning: 'Not built: every MUST was looked for and no code or test implements any of them.' },
  {
    grade: 'ungraded',
    meaning: 'No evidence: no MUST has evidence that holds and not every MUST was found missing (or the spec has no MUST). Never a guess.',
  },
];

/** Higher is better; ungraded ranks below F (it is never a reason to raise anything). */
export function rank(grade: Grade): number {
  return grade === 'ungraded' ? 0 : LETTERS.length - LETTERS.indexOf(grade);
}

export function isLetter(grade: string): grade is Letter {
  return (LETTERS as readonly string[]).includes(grade);
}

export function isGrade(grade: string): grade is Grade {
  return (GRADES as readonly string[]).includes(grade);
}

export interface GradedRequirement {
  level: Level;
  status: RequirementStatus;
}

export interface GradeInput {
  requirements: readonly GradedRequirement[];
  /** Open bug issues that touch the area. */
  openBugs: number;
}

export interface GradeResult {
  grade: Grade;
  /** One sentence: why this letter, in the legend's terms. */
  why: string;
}

const HAS_EVIDENCE: readonly RequirementStatus[] = ['passing', 'failing', 'built'];

export function computeGrade(input: GradeInput): GradeResult {
  const musts = input.requirements.filter((r) => isMandatory(r.level));
  const n = musts.length;
  if (n === 0) return { grade: 'ungraded', why: 'the spec has no MUST requirement' };
  const passing = musts.filter((r) => r.status === 'passing').length;
  const failing = musts.filter((r) => r.status === 'failing').length;
  const evidenced = musts.filter((r) => HAS_EVIDENCE.includes(r.status)).length;
  const missing = musts.filter((r) => r.status === 'missing').length;
  const counts = `${passing} of ${n} MUSTs have a passing test`;
  if (evidenced === 0) {
    return missing === n
      ? { grade: 'F', why: `none of the ${n} MUSTs is built` }
      : { grade: 'ungraded', why: `no MUST has evidence that holds (${n - missing} without evidence, ${missing} found missing)` };
  }
  if (passing === n) {
    return input.openBugs === 0
      ? { grade: 'A', why: `${counts}; no open bug touches the area` }
      : { grade: 'B', why: `${counts}, but ${input.openBugs} open bug(s) touch the area` };
  }
  if (evidenced === n && failing === 0 && passing * 4 >= n * 3) return { grade: 'B', why: `${counts}; every MUST is built and none fails` };
  if (passing * 2 >= n) return { grade: 'C', why: `${counts}${failing ? `, ${failing} failing` : ''}` };
  return { grade: 'D', why: `${counts}; ${evidenced} of ${n} are built` };
}

/** The better grade may rise at most `maxRise` letters above the previous letter. */
export function capRise(previous: Grade | undefined, next: Grade, maxRise: number): { grade: Grade; capped: boolean } {
  if (previous === undefined || previous === 'ungraded' || next === 'ungraded') return { grade: next, capped: false };
  const limit = rank(previous) + maxRise;
  if (rank(next) <= limit) return { grade: next, capped: false };
  return { grade: LETTERS[LETTERS.length - limit]!, capped: true };
}

export function worse(a: Grade, b: Grade): Grade {
  return rank(a) <= rank(b) ? a : b;
}

/** The median of several grades (the lower middle one of an even count). */
export function medianGrade(grades: readonly Grade[]): Grade {
  if (grades.length === 0) throw new Error('medianGrade of no grades');
  const sorted = [...grades].sort((a, b) => rank(a) - rank(b));
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** An area below B gets a gap issue. */
export function needsGapIssue(grade: Grade): boolean {
  return grade === 'C' || grade === 'D' || grade === 'F';
}
