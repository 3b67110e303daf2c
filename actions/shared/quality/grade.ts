import {
  rejectedEvidence,
  verifyClaim,
  type CommitFiles,
  type RequirementClaim,
  type TestRunResults,
  type VerifiedRequirement,
} from './evidence';
import { capRise, computeGrade, rank, worse, type Grade } from './legend';
import type { Requirement, SpecArea } from './spec';

/**
 * Grading one area: every requirement's claim verified by code, the letter computed from what
 * held, then the audit (anti-inflation): a grade whose claimed evidence did not hold is the lower
 * one with the reasons, a second opinion may lower it further, and it rises at most `maxRise`
 * letters above the last recorded grade.
 */

export interface OpenBug {
  number: number;
  title: string;
  body: string;
}

export type AssessedRequirement = VerifiedRequirement & Pick<Requirement, 'level' | 'text'>;

export interface AreaAssessment {
  area: SpecArea;
  requirements: AssessedRequirement[];
  /** From verified evidence. */
  grade: Grade;
  why: string;
  /** What the claims would give if every piece of evidence held. */
  claimedGrade: Grade;
  openBugs: OpenBug[];
}

/** Evidence paths that held: the area's tests and files. */
export function heldPaths(requirements: readonly VerifiedRequirement[]): string[] {
  const paths = new Set<string>();
  for (const r of requirements) {
    for (const t of r.tests) if (t.holds) paths.add(t.ref.file);
    for (const f of r.files) if (f.holds) paths.add(f.ref.path);
  }
  return [...paths];
}

/** An open bug touches an area when it names the spec, one of its requirement ids, or a file of its evidence. */
export function bugsTouching(area: SpecArea, paths: readonly string[], bugs: readonly OpenBug[]): OpenBug[] {
  const needles = [area.path, ...area.requirements.map((r) => r.id), ...paths];
  return bugs.filter((b) => {
    const text = `${b.title}\n${b.body}`;
    return needles.some((n) => text.includes(n));
  });
}

export async function assessArea(
  area: SpecArea,
  claims: ReadonlyMap<string, RequirementClaim>,
  files: CommitFiles,
  results: TestRunResults,
  bugs: readonly OpenBug[],
): Promise<AreaAssessment> {
  const requirements: AssessedRequirement[] = [];
  for (const r of area.requirements) {
    const verified = await verifyClaim(r.id, claims.get(r.id), files, results);
    requirements.push({ ...verified, level: r.level, text: r.text });
  }
  const openBugs = bugsTouching(area, heldPaths(requirements), bugs);
  const { grade, why } = computeGrade({ requirements, openBugs: openBugs.length });
  const claimed = computeGrade({
    requirements: requirements.map((r) => ({ level: r.level, status: r.claimed })),
    openBugs: openBugs.length,
  });
  return { area, requirements, grade, why, claimedGrade: claimed.grade, openBugs };
}

export interface SecondOpinion {
  model: string;
  /** The grade each sample's verified evidence gives. */
  samples: Grade[];
  median: Grade;
}

export interface AuditedArea extends AreaAssessment {
  /** The grade published. */
  final: Grade;
  previous?: Grade;
  /** Each challenge and its result, one line each (empty when nothing was challenged). */
  audit: string[];
  secondOpinion?: SecondOpinion;
}

/** A grade rose when there was none before or it is better than the last one. */
export function rose(previous: Grade | undefined, next: Grade): boolean {
  return next !== 'ungraded' && (previous === undefined || rank(next) > rank(previous));
}

export function auditArea(a: AreaAssessment, opts: { previous?: Grade; maxRise: number; secondOpinion?: SecondOpinion }): AuditedArea {
  const audit: string[] = [];
  let final = a.grade;
  if (rank(a.claimedGrade) > rank(a.grade)) {
    const reasons = a.requirements.flatMap((r) => rejectedEvidence(r).map((why) => `${r.id}: ${why}`));
    audit.push(`lowered from ${a.claimedGrade} (claimed) to ${a.grade}: the evidence does not hold — ${reasons.join('; ')}`);
  }
  if (opts.secondOpinion) {
    const { model, samples, median } = opts.secondOpinion;
    const lowered = worse(final, median);
    audit.push(
      lowered !== final
        ? `lowered from ${final} to ${lowered} by the second opinion (${model}, ${samples.length} sample(s): ${samples.join(', ')}; median ${median})`
        : `second opinion (${model}, ${samples.length} sample(s): ${samples.join(', ')}; median ${median}) agrees`,
    );
    final = lowered;
  }
  const capped = capRise(opts.previous, final, opts.maxRise);
  if (capped.capped) {
    audit.push(
      `capped at ${capped.grade}: a grade rises at most ${opts.maxRise} letter(s) per run (it was ${opts.previous}, the evidence gives ${final})`,
    );
    final = capped.grade;
  }
  return {
    ...a,
    final,
    ...(opts.previous !== undefined ? { previous: opts.previous } : {}),
    audit,
    ...(opts.secondOpinion ? { secondOpinion: opts.secondOpinion } : {}),
  };
}
