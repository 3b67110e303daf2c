import type { Finding } from './findings';

/**
 * Which lines of a pull request's diff can carry an inline review comment. GitHub refuses (422)
 * a comment on a line outside the diff, so a finding is placed on a diff line or goes into the
 * summary. Patches are the `patch` field of `GET /pulls/{n}/files`: hunks without file headers.
 */
export type Side = 'LEFT' | 'RIGHT';

/** One changed file as `GET /pulls/{n}/files` returns it; `patch` is missing for binary or very large files. */
export interface DiffFile {
  filename: string;
  previous_filename?: string;
  status?: string;
  additions: number;
  deletions: number;
  patch?: string;
}

export interface DiffLine {
  kind: 'add' | 'del' | 'context';
  /** Line in the old file (del and context). */
  oldLine?: number;
  /** Line in the new file (add and context). */
  newLine?: number;
  text: string;
}

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  header: string;
  lines: DiffLine[];
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(.*)$/;

/** The hunks of a patch. Lines before the first hunk header and `\ No newline` notes are ignored. */
export function parsePatch(patch: string | undefined): Hunk[] {
  if (!patch) return [];
  const hunks: Hunk[] = [];
  let current: Hunk | undefined;
  let oldLine = 0;
  let newLine = 0;
  for (const raw of patch.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const header = HUNK_HEADER.exec(line);
    if (header) {
      current = {
        oldStart: Number(header[1]),
        oldLines: header[2] === undefined ? 1 : Number(header[2]),
        newStart: Number(header[3]),
        newLines: header[4] === undefined ? 1 : Number(header[4]),
        header: line,
        lines: [],
      };
      hunks.push(current);
      oldLine = current.oldStart;
      newLine = current.newStart;
      continue;
    }
    if (!current || line.startsWith('\\')) continue;
    const mark = line[0];
    const text = line.slice(1);
    if (mark === '+') current.lines.push({ kind: 'add', newLine: newLine++, text });
    else if (mark === '-') current.lines.push({ kind: 'del', oldLine: oldLine++, text });
    else if (mark === ' ' || line === '') {
      // An empty line inside a hunk is a context line whose leading space was trimmed.
      if (line === '' && oldLine >= current.oldStart + current.oldLines && newLine >= current.newStart + current.newLines) continue;
      current.lines.push({ kind: 'context', oldLine: oldLine++, newLine: newLine++, text });
    }
  }
  return hunks;
}

function lineOn(line: DiffLine, side: Side): number | undefined {
  return side === 'RIGHT' ? line.newLine : line.oldLine;
}

/** Lines that may carry a comment: RIGHT added and context lines of the new file, LEFT removed and context lines of the old one. */
export function commentableLines(patch: string | undefined): Record<Side, Set<number>> {
  const out: Record<Side, Set<number>> = { LEFT: new Set(), RIGHT: new Set() };
  for (const hunk of parsePatch(patch)) {
    for (const line of hunk.lines) {
      for (const side of ['LEFT', 'RIGHT'] as const) {
        const n = lineOn(line, side);
        if (n !== undefined) out[side].add(n);
      }
    }
  }
  return out;
}

/** The text of a line on one side of the diff, or '' when the line is not in it. */
export function anchoredCode(
  finding: Pick<Finding, 'path' | 'line' | 'side'> & { startLine?: number },
  files: readonly DiffFile[],
): string {
  const file = files.find((f) => f.filename === finding.path);
  const from = Math.min(finding.startLine ?? finding.line, finding.line);
  const lines = parsePatch(file?.patch)
    .flatMap((h) => h.lines)
    .filter((l) => {
      const n = lineOn(l, finding.side);
      return n !== undefined && n >= from && n <= finding.line;
    });
  return lines.map((l) => l.text).join('\n');
}

export interface PlaceOptions {
  /** How far outside a hunk a line may be and still be moved onto its nearest line (default 3). */
  maxDistance?: number;
}

export type Placement =
  | {
      placed: true;
      /** The finding on a commentable line; `line` differs from the original when it was moved. */
      finding: Finding;
      moved: boolean;
      /** The suggestion block may be posted: its lines are all in this one hunk on the RIGHT side. */
      suggestionAllowed: boolean;
    }
  | { placed: false; finding: Finding; reason: string };

/**
 * Puts a finding on a line of the diff: unchanged when its line is commentable; moved to the
 * nearest commentable line of the hunk it is next to (at most maxDistance lines away); else not
 * placed, with why (the finding then goes into the summary).
 */
export function placeOnDiff(finding: Finding, files: readonly DiffFile[], options: PlaceOptions = {}): Placement {
  const maxDistance = options.maxDistance ?? 3;
  const file = files.find((f) => f.filename === finding.path);
  if (!file) return { placed: false, finding, reason: `${finding.path} is not changed by this pull request` };
  const hunks = parsePatch(file.patch);
  if (hunks.length === 0)
    return { placed: false, finding, reason: `${finding.path} has no diff to comment on (binary, renamed only or too large)` };

  let best: { hunk: Hunk; line: number; distance: number } | undefined;
  for (const hunk of hunks) {
    for (const l of hunk.lines) {
      const n = lineOn(l, finding.side);
      if (n === undefined) continue;
      const distance = Math.abs(n - finding.line);
      if (!best || distance < best.distance) best = { hunk, line: n, distance };
    }
  }
  const side = finding.side === 'RIGHT' ? 'new' : 'old';
  if (!best) return { placed: false, finding, reason: `${finding.path} has no ${side} lines in the diff` };
  if (best.distance > maxDistance) {
    return { placed: false, finding, reason: `line ${finding.line} of the ${side} ${finding.path} is not part of the diff` };
  }
  const moved = best.distance > 0;
  // A multi-line comment must start in the same hunk; when it cannot, it becomes a one-line comment.
  const rangeFits = !moved && inOneHunk(finding, best.hunk);
  const placed: Finding = moved || !rangeFits ? withoutRange({ ...finding, line: best.line }) : finding;
  const suggestionAllowed = rangeFits && finding.side === 'RIGHT' && finding.suggestion !== undefined;
  return { placed: true, finding: placed, moved, suggestionAllowed };
}

function withoutRange(finding: Finding): Finding {
  const { startLine: _startLine, ...rest } = finding;
  return rest;
}

/** Lines startLine..line of the finding's side are all in this hunk. */
function inOneHunk(finding: Finding, hunk: Hunk): boolean {
  const from = finding.startLine ?? finding.line;
  if (from > finding.line) return false;
  const lines = new Set(hunk.lines.map((l) => lineOn(l, finding.side)).filter((n): n is number => n !== undefined));
  for (let n = from; n <= finding.line; n++) if (!lines.has(n)) return false;
  return true;
}

/** An inline comment for `POST /pulls/{n}/reviews` (`comments[]`). */
export interface ReviewComment {
  path: string;
  line: number;
  side: Side;
  start_line?: number;
  start_side?: Side;
  body: string;
}

/** A fence longer than any backtick run in the text, so the text cannot close it. */
function fenceFor(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}

/**
 * The inline comment of a placed finding, with `body` as its text (sanitised by the caller); a
 * ```suggestion block is appended only when the placement allows it.
 */
export function toReviewComment(placement: Extract<Placement, { placed: true }>, body: string): ReviewComment {
  const { finding } = placement;
  const start = finding.startLine !== undefined && finding.startLine < finding.line ? finding.startLine : undefined;
  let text = body;
  if (placement.suggestionAllowed && finding.suggestion !== undefined) {
    const fence = fenceFor(finding.suggestion);
    text += `\n\n${fence}suggestion\n${finding.suggestion.replace(/\n$/, '')}\n${fence}`;
  }
  return {
    path: finding.path,
    line: finding.line,
    side: finding.side,
    ...(start !== undefined ? { start_line: start, start_side: finding.side } : {}),
    body: text,
  };
}
