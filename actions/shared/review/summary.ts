import { posix } from 'node:path';
import { z } from 'zod';
import { findMarkers, marker } from '../github/markers';
import { TIERS, type Tier } from '../risk';
import { sanitizeText } from '../security';
import { parsePatch, type DiffFile } from './diff-lines';
import type { Finding } from './findings';
import type { UnreadFile } from './pack';
import { codeSpan, proseLine } from './text';
import type { Verdict } from './verdict';

/**
 * The reviewer's ONE summary comment, edited in place on every round, bottom line first. Its
 * hidden markers find it again (`factory:pr-reviewer:summary`) and carry the review state
 * (`factory:pr-reviewer:reviewed`): the last reviewed head SHA, so the next round reviews only
 * the commits since, the fingerprints already posted, and the blockers still in force.
 */
export const SUMMARY_MARKER = { kind: 'pr-reviewer', key: 'summary' } as const;
export const STATE_MARKER = { kind: 'pr-reviewer', key: 'reviewed' } as const;

const ReviewStateSchema = z.object({
  sha: z.string().regex(/^[0-9a-f]{7,64}$/),
  fingerprints: z.array(z.string().regex(/^[0-9a-f]{8,64}$/)).default([]),
  /** Fingerprints of blockers not yet resolved: they keep requesting changes in later rounds. */
  blockers: z.array(z.string().regex(/^[0-9a-f]{8,64}$/)).default([]),
  /** Dimensions this round could not review (budget, a failed call): the head is reviewed again, in full. */
  skipped: z.array(z.string().regex(/^[\w-]{1,40}$/)).optional(),
  /**
   * The tier the review raised the pull request to (a dimension proposed it, or files were not read),
   * carried into later rounds: an incremental round shows the model only the new lines, so a raise
   * is never forgotten. Optional: states written before it parse as no raise.
   */
  tier: z.enum(TIERS).optional(),
});
export type ReviewState = z.infer<typeof ReviewStateSchema>;

export function stateMarker(state: ReviewState): string {
  const skipped = state.skipped?.length ? { skipped: state.skipped } : {};
  const tier = state.tier ? { tier: state.tier } : {};
  return marker(STATE_MARKER, { sha: state.sha, fingerprints: state.fingerprints, blockers: state.blockers, ...skipped, ...tier });
}

/** The review state of a summary comment; undefined when it has none or it is malformed. The last marker wins. */
export function parseReviewState(body: string | null | undefined): ReviewState | undefined {
  const found = findMarkers(body).filter((m) => m.kind === STATE_MARKER.kind && m.key === STATE_MARKER.key);
  const last = found.at(-1);
  const parsed = ReviewStateSchema.safeParse(last?.data);
  return parsed.success ? parsed.data : undefined;
}

export function isSummaryComment(body: string | null | undefined): boolean {
  return findMarkers(body).some((m) => m.kind === SUMMARY_MARKER.kind && m.key === SUMMARY_MARKER.key);
}

export interface SummaryInput {
  state: ReviewState;
  verdict: Verdict;
  risk: { tier: Tier; reasons: readonly string[] };
  /** Model-written prose; sanitised here (hidden markup, mentions, closing keywords removed). */
  whatChanged: string;
  impact: string;
  decisions: readonly string[];
  /** At most three are shown. */
  lookAt: readonly string[];
  files: readonly DiffFile[];
  /** Findings posted inline this round. */
  inline: readonly Pick<Finding, 'severity'>[];
  /** Findings that could not be placed on a diff line: they are listed here instead. */
  unplaced: readonly { finding: Finding; reason: string }[];
  unresolvedBlockers: number;
  notRead: readonly UnreadFile[];
  partial?: readonly { path: string; omittedHunks: number }[];
  /** Set on an incremental round: the SHA the previous round reviewed. */
  since?: string;
  /** Dimensions not reviewed this round, and why (the budget ran out, the call failed). */
  notReviewed?: readonly { dimension: string; reason: string }[];
  /** The factory's earlier threads this round looked at again, and what became of each. */
  threads?: readonly ThreadReport[];
}

/** What a re-review did with one of the factory's earlier threads. */
export interface ThreadReport {
  path: string;
  line: number;
  title: string;
  status: 'resolved' | 'open';
  why: string;
}

const clean = (text: string): string => sanitizeText(text).trim();
const oneLine = (text: string): string => clean(text).replace(/\s*\n\s*/g, ' ');

function severityCounts(findings: readonly Pick<Finding, 'severity'>[]): string {
  const parts = (['blocker', 'major', 'minor', 'nit'] as const)
    .map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}${n === 1 ? '' : 's'}`);
  return parts.join(', ');
}

function bottomLine(input: SummaryInput): string {
  const all = [...input.inline, ...input.unplaced.map((u) => u.finding)];
  const found = all.length > 0 ? `${severityCounts(all)} this round` : 'no new findings';
  const earlier = input.unresolvedBlockers > 0 ? `; ${input.unresolvedBlockers} earlier blocker(s) unresolved` : '';
  if (input.verdict === 'needs-person') {
    return `**Bottom line: Not approved: high risk** (${input.risk.tier} risk): ${found}${earlier}; a person reviews, approves and merges.`;
  }
  const verdict = input.verdict === 'approved' ? 'Approved' : 'Changes requested';
  return `**Bottom line: ${verdict}** (${input.risk.tier} risk): ${found}${earlier}.`;
}

/** The summary comment's body. */
export function renderSummary(input: SummaryInput): string {
  const out: string[] = [marker(SUMMARY_MARKER), bottomLine(input), ''];
  const scope = input.since ? ` (commits since ${input.since.slice(0, 7)})` : '';
  out.push(`**What changed${scope}:** ${oneLine(input.whatChanged)}`, '', `**Impact:** ${oneLine(input.impact)}`, '');
  if (input.decisions.length > 0) {
    out.push('**Key decisions and trade-offs:**', ...input.decisions.map((d) => `- ${oneLine(d)}`), '');
  }
  out.push(`**Risk: ${input.risk.tier}**`, ...input.risk.reasons.map((r) => `- ${oneLine(r)}`), '');
  const look = input.lookAt.slice(0, 3);
  if (look.length > 0) out.push('**A human should look at:**', ...look.map((l, i) => `${i + 1}. ${oneLine(l)}`), '');
  if (input.unplaced.length > 0) {
    out.push('**Findings outside the diff:**');
    for (const { finding: f } of input.unplaced) {
      out.push(`- **${f.severity}** ${codeSpan(`${f.path}:${f.line}`)} ${proseLine(f.title)}: ${oneLine(f.body)}`);
    }
    out.push('');
  }
  const threads = input.threads ?? [];
  if (threads.length > 0) {
    out.push('**Earlier threads:**');
    for (const t of threads)
      out.push(
        `- ${t.status === 'resolved' ? 'resolved' : 'open'}: ${codeSpan(`${t.path}:${t.line}`)} ${proseLine(t.title)} (${oneLine(t.why)})`,
      );
    out.push('');
  }
  const notReviewed = input.notReviewed ?? [];
  if (notReviewed.length > 0) {
    out.push('**Not reviewed this round:**', ...notReviewed.map((d) => `- ${d.dimension}: ${oneLine(d.reason)}`), '');
  }
  const partial = input.partial ?? [];
  if (input.notRead.length > 0 || partial.length > 0) {
    out.push('**Not read by the review:**');
    for (const f of input.notRead) out.push(`- ${codeSpan(f.path)} (+${f.additions} -${f.deletions}): ${NOT_READ[f.reason]}`);
    for (const p of partial) out.push(`- ${codeSpan(p.path)}: ${p.omittedHunks} hunk(s) over the token budget`);
    out.push('');
  }
  if (input.files.length > 3) {
    out.push('<details><summary>Touched modules</summary>', '', '```mermaid', moduleGraph(input.files), '```', '', '</details>', '');
  }
  out.push(stateMarker(input.state));
  return out.join('\n');
}

const NOT_READ: Record<UnreadFile['reason'], string> = {
  lock: 'lock file',
  generated: 'generated file',
  vendored: 'vendored code',
  binary: 'binary or too large for a diff',
  budget: 'over the token budget',
};

/** Relative imports of JavaScript/TypeScript (import, export from, require, import()) and Python (`from .x import`). */
const IMPORTS = [
  /\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]/g,
  /\bimport\s*['"](\.{1,2}\/[^'"]+)['"]/g,
  /\b(?:require|import)\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g,
];
const PY_IMPORT = /^\s*from\s+(\.+)([\w.]*)\s+import\b/;
const EXTENSION = /\.(?:[cm]?[jt]sx?|py)$/;

function moduleKey(path: string): string {
  return path.replace(EXTENSION, '').replace(/\/(?:index|__init__)$/, '');
}

/** Module paths (without extension) a file imports, read from its patch's added and context lines. */
export function importsOf(file: DiffFile): string[] {
  const dir = posix.dirname(file.filename);
  const out = new Set<string>();
  for (const line of parsePatch(file.patch).flatMap((h) => h.lines)) {
    if (line.newLine === undefined) continue;
    for (const re of IMPORTS) for (const m of line.text.matchAll(re)) out.add(moduleKey(posix.join(dir, m[1]!)));
    const py = PY_IMPORT.exec(line.text);
    if (py) {
      const up = '../'.repeat(py[1]!.length - 1);
      out.add(moduleKey(posix.join(dir, up, py[2]!.replace(/\./g, '/'))));
    }
  }
  return [...out].filter((p) => p !== '.' && !p.startsWith('..'));
}

const MAX_NODES = 30;

function label(text: string): string {
  return text.replace(/[^\w./@+-]/g, (c) => `#${c.codePointAt(0)};`);
}

/**
 * A Mermaid `graph` of the touched files and the local modules they import. Touched files are
 * boxes, imported modules the pull request does not touch are rounded; at most 30 nodes.
 */
export function moduleGraph(files: readonly DiffFile[]): string {
  const touched = new Map<string, string>();
  for (const f of files) touched.set(moduleKey(f.filename), f.filename);
  const ids = new Map<string, string>();
  const lines = ['graph LR'];
  const node = (key: string): string | undefined => {
    const known = ids.get(key);
    if (known) return known;
    if (ids.size >= MAX_NODES) return undefined;
    const id = `m${ids.size}`;
    ids.set(key, id);
    const file = touched.get(key);
    lines.push(file ? `  ${id}["${label(file)}"]` : `  ${id}("${label(key)}")`);
    return id;
  };
  const edges: string[] = [];
  for (const f of files) {
    const from = node(moduleKey(f.filename));
    if (!from) continue;
    for (const target of importsOf(f)) {
      const to = node(target);
      if (to && to !== from) edges.push(`  ${from} --> ${to}`);
    }
  }
  const hidden = touched.size - [...ids.keys()].filter((k) => touched.has(k)).length;
  if (hidden > 0) lines.push(`  more["and ${hidden} more touched files"]`);
  return [...lines, ...new Set(edges)].join('\n');
}
