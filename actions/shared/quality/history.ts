import { z } from 'zod';
import { GRADES, type Grade } from './legend';

/**
 * quality.json: the grade history, one entry per area per graded commit, so charts can be drawn
 * (grade over time per area). The grader appends; it never rewrites an earlier entry.
 */

export const HistoryEntrySchema = z.object({
  commit: z.string().regex(/^[0-9a-f]{7,64}$/),
  date: z.string().min(10),
  area: z.string().min(1),
  grade: z.enum(GRADES as [Grade, ...Grade[]]),
  evidence: z.object({
    musts: z.number().int().nonnegative(),
    passing: z.number().int().nonnegative(),
    failing: z.number().int().nonnegative(),
    built: z.number().int().nonnegative(),
    missing: z.number().int().nonnegative(),
    unverified: z.number().int().nonnegative(),
    unassessed: z.number().int().nonnegative(),
    /** Passing tests, as `file › name`. */
    tests: z.array(z.string()),
    /** Open bug issues touching the area. */
    openBugs: z.array(z.number().int().positive()),
  }),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

export const HistorySchema = z.array(HistoryEntrySchema);

export const QUALITY_JSON = 'quality.json';
export const QUALITY_MD = 'quality.md';

/** The history in a quality.json; an unreadable file is reported and read as empty (grades then start afresh). */
export function parseHistory(text: string | undefined): { entries: HistoryEntry[]; problem?: string } {
  if (text === undefined || text.trim() === '') return { entries: [] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { entries: [], problem: `${QUALITY_JSON} is not valid JSON (${(e as Error).message}); the history starts afresh` };
  }
  const parsed = HistorySchema.safeParse(data);
  if (!parsed.success) return { entries: [], problem: `${QUALITY_JSON} does not hold a grade history; the history starts afresh` };
  return { entries: parsed.data };
}

/** The last grade recorded for each area. */
export function latestGrades(entries: readonly HistoryEntry[]): Map<string, HistoryEntry> {
  const latest = new Map<string, HistoryEntry>();
  for (const e of entries) latest.set(e.area, e);
  return latest;
}

/** The history with this run's entries; a re-grade of the same commit replaces that commit's entries. */
export function appendHistory(entries: readonly HistoryEntry[], added: readonly HistoryEntry[]): HistoryEntry[] {
  const commits = new Set(added.map((e) => e.commit));
  return [...entries.filter((e) => !commits.has(e.commit)), ...added];
}

export function renderHistory(entries: readonly HistoryEntry[]): string {
  return `${JSON.stringify(entries, null, 2)}\n`;
}
