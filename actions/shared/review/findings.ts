import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * Review findings: what each review dimension (correctness, security, ...) returns, validated
 * because it is model output, and the central pass that decides which of them are posted.
 */
export const SEVERITIES = ['blocker', 'major', 'minor', 'nit'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** 0 for blocker, 3 for nit: lower is more severe. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export const FindingSchema = z.object({
  dimension: z.string().min(1).max(40),
  path: z.string().min(1).max(1000),
  /** Line in the file on `side`: the new file for RIGHT, the old one for LEFT. */
  line: z.number().int().positive(),
  /** First line of a multi-line finding (and of the lines its suggestion replaces); defaults to `line`. */
  startLine: z.number().int().positive().optional(),
  side: z.enum(['LEFT', 'RIGHT']).default('RIGHT'),
  severity: z.enum(SEVERITIES),
  confidence: z.number().min(0).max(1),
  title: z.string().trim().min(1).max(200),
  body: z.string().max(10_000),
  /** Replacement text for lines startLine..line of the new file. */
  suggestion: z.string().max(10_000).optional(),
});
export type Finding = z.infer<typeof FindingSchema>;

export interface FindingProblem {
  index: number;
  message: string;
}

/**
 * Validates one dimension's output (an array of findings, or `{ findings: [...] }`). Invalid
 * entries are reported and left out; the valid ones are kept. The dimension is the caller's,
 * never the model's, so one dimension cannot speak for another.
 */
export const PROPOSED_TIERS = ['low', 'medium', 'high'] as const;
export type ProposedTier = (typeof PROPOSED_TIERS)[number];

/**
 * A dimension's answer: `{ findings: [...], risk?: "low" | "medium" | "high" }` (or a bare array).
 * `risk` is the tier the model proposes; code only lets it raise the computed tier. Anything else
 * there is ignored.
 */
export function parseFindings(raw: unknown, dimension: string): { findings: Finding[]; problems: FindingProblem[]; risk?: ProposedTier } {
  const list = Array.isArray(raw) ? raw : isRecord(raw) && Array.isArray(raw.findings) ? (raw.findings as unknown[]) : undefined;
  if (!list) return { findings: [], problems: [{ index: -1, message: 'expected an array of findings or { findings: [...] }' }] };
  const risk = isRecord(raw) && (PROPOSED_TIERS as readonly unknown[]).includes(raw.risk) ? (raw.risk as ProposedTier) : undefined;
  const findings: Finding[] = [];
  const problems: FindingProblem[] = [];
  list.forEach((item, index) => {
    const parsed = FindingSchema.safeParse(isRecord(item) ? { ...item, dimension } : item);
    if (parsed.success) findings.push(parsed.data);
    else problems.push({ index, message: parsed.error.issues.map((i) => `${i.path.join('.') || '(finding)'}: ${i.message}`).join('; ') });
  });
  return { findings, problems, ...(risk ? { risk } : {}) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Code with all whitespace runs collapsed to one space and trimmed: reformatting does not change it. */
export function normaliseCode(code: string): string {
  return code.replace(/\s+/g, ' ').trim();
}

/** Title in lower case, NFKC, punctuation dropped, whitespace collapsed. */
export function normaliseTitle(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Stable identity of a finding across pushes: path, the code it is anchored on and its title,
 * all normalised. The line number is not part of it, so a finding whose code moved keeps it.
 */
export function fingerprint(finding: Pick<Finding, 'path' | 'title'>, anchoredCode: string): string {
  return createHash('sha256')
    .update([finding.path, normaliseCode(anchoredCode), normaliseTitle(finding.title)].join('\0'))
    .digest('hex')
    .slice(0, 16);
}

/** Titles with the same normalised form, or whose word sets overlap by at least 3/4 (Jaccard). */
export function similarTitles(a: string, b: string): boolean {
  const na = normaliseTitle(a);
  const nb = normaliseTitle(b);
  if (na === nb) return true;
  const wa = new Set(na.split(' ').filter(Boolean));
  const wb = new Set(nb.split(' ').filter(Boolean));
  const shared = [...wa].filter((w) => wb.has(w)).length;
  const union = new Set([...wa, ...wb]).size;
  return union > 0 && shared / union >= 0.75;
}

export interface FingerprintedFinding {
  finding: Finding;
  fingerprint: string;
}

export type DropReason = 'low-confidence' | 'duplicate' | 'already-posted' | 'over-cap';

export interface DroppedFinding extends FingerprintedFinding {
  reason: DropReason;
  /** For a duplicate: the fingerprint of the finding kept in its place. */
  duplicateOf?: string;
}

export interface MergeOptions {
  /** Findings below this confidence are dropped. */
  minConfidence: number;
  /** At most this many findings are kept (default 8). */
  maxInline?: number;
  /** Fingerprints posted in earlier rounds (read from the summary's marker). */
  previous?: Iterable<string>;
  /** The code a finding is anchored on (see anchoredCode in diff-lines.ts); '' when unknown. */
  codeAt?: (finding: Finding) => string;
}

export interface MergeResult {
  /** Most severe first, then most confident. */
  kept: FingerprintedFinding[];
  /** Every other finding, each exactly once, with why. */
  dropped: DroppedFinding[];
  /** Earlier fingerprints found again this round (still an issue), and those not found again. */
  seenAgain: string[];
  notSeenAgain: string[];
}

export const DEFAULT_MAX_INLINE = 8;

/** Most severe first, then most confident, then in the order the dimensions reported them. */
function byRank(a: FingerprintedFinding & { order: number }, b: FingerprintedFinding & { order: number }): number {
  return (
    severityRank(a.finding.severity) - severityRank(b.finding.severity) || b.finding.confidence - a.finding.confidence || a.order - b.order
  );
}

function sameSpot(a: Finding, b: Finding): boolean {
  return a.path === b.path && a.line === b.line && a.side === b.side && similarTitles(a.title, b.title);
}

/**
 * The central pass over all dimensions' findings: drops low-confidence ones, duplicates (the same
 * fingerprint, or the same path, side and line with a near-identical title; the most severe is
 * kept), those posted in an earlier round (by fingerprint; a duplicate group counts as posted
 * when any of its members was), ranks by severity then confidence and caps the count.
 */
export function mergeFindings(perDimension: Iterable<readonly Finding[]>, options: MergeOptions): MergeResult {
  const codeAt = options.codeAt ?? (() => '');
  const maxInline = options.maxInline ?? DEFAULT_MAX_INLINE;
  const previous = new Set(options.previous ?? []);
  const dropped: DroppedFinding[] = [];

  const all = [...perDimension].flat().map((finding, order) => ({ finding, fingerprint: fingerprint(finding, codeAt(finding)), order }));
  const confident = all.filter((f) => {
    if (f.finding.confidence >= options.minConfidence) return true;
    dropped.push({ finding: f.finding, fingerprint: f.fingerprint, reason: 'low-confidence' });
    return false;
  });

  const groups: { head: (typeof all)[number]; fingerprints: Set<string> }[] = [];
  for (const f of confident.sort(byRank)) {
    const group = groups.find((g) => g.fingerprints.has(f.fingerprint) || sameSpot(g.head.finding, f.finding));
    if (!group) {
      groups.push({ head: f, fingerprints: new Set([f.fingerprint]) });
      continue;
    }
    group.fingerprints.add(f.fingerprint);
    dropped.push({ finding: f.finding, fingerprint: f.fingerprint, reason: 'duplicate', duplicateOf: group.head.fingerprint });
  }

  const seenAgain = new Set<string>();
  const fresh: typeof groups = [];
  for (const g of groups) {
    const posted = [...g.fingerprints].filter((fp) => previous.has(fp));
    posted.forEach((fp) => seenAgain.add(fp));
    if (posted.length === 0) fresh.push(g);
    else dropped.push({ finding: g.head.finding, fingerprint: g.head.fingerprint, reason: 'already-posted' });
  }

  const kept: FingerprintedFinding[] = [];
  fresh.forEach((g, i) => {
    const entry = { finding: g.head.finding, fingerprint: g.head.fingerprint };
    if (i < maxInline) kept.push(entry);
    else dropped.push({ ...entry, reason: 'over-cap' });
  });
  return { kept, dropped, seenAgain: [...seenAgain], notSeenAgain: [...previous].filter((fp) => !seenAgain.has(fp)) };
}
