import { findMarkers, marker } from '../../shared/github/markers';
import type { ReviewThread } from '../../shared/github/types';
import { parsePatch, similarTitles, type DiffFile, type Finding, type ThreadReport } from '../../shared/review';

/**
 * The factory's own review threads across rounds. Each inline comment carries a marker with its
 * finding's fingerprint and where it was anchored; only a thread whose FIRST comment is the
 * factory's (config trust.botLogin) counts, since anyone can paste a marker.
 */
export const FINDING_MARKER = { kind: 'pr-reviewer', key: 'finding' } as const;

export interface FindingAnchor {
  fp: string;
  /** The line (and first line) of the new file the comment was placed on; the dimension that found it. */
  line?: number;
  startLine?: number;
  side?: 'LEFT' | 'RIGHT';
  dimension?: string;
}

export function findingMarker(anchor: FindingAnchor): string {
  return marker(FINDING_MARKER, { ...anchor });
}

export interface FactoryThread {
  thread: ReviewThread;
  anchor: FindingAnchor;
  title: string;
}

function anchorOf(body: string | undefined): FindingAnchor | undefined {
  const data = findMarkers(body).find((m) => m.kind === FINDING_MARKER.kind && m.key === FINDING_MARKER.key)?.data;
  if (!data || typeof data.fp !== 'string') return undefined;
  const num = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined);
  const line = num(data.line);
  const startLine = num(data.startLine);
  return {
    fp: data.fp,
    ...(line ? { line } : {}),
    ...(startLine ? { startLine } : {}),
    ...(data.side === 'LEFT' || data.side === 'RIGHT' ? { side: data.side } : {}),
    ...(typeof data.dimension === 'string' ? { dimension: data.dimension } : {}),
  };
}

/** The factory's finding threads: first comment by the bot, with a finding marker. */
export function factoryThreads(threads: readonly ReviewThread[], botLogin: string): FactoryThread[] {
  return threads.flatMap((thread) => {
    const first = thread.comments[0];
    if (!first || first.author.login !== botLogin) return [];
    const anchor = anchorOf(first.body);
    const title = /^\*\*\w+\*\* \([\w-]+\): (.*)$/m.exec(first.body)?.[1] ?? thread.path;
    return anchor ? [{ thread, anchor, title }] : [];
  });
}

/** Fingerprints of the factory's findings whose threads a person (or the resolver) resolved. */
export function resolvedFingerprints(threads: readonly FactoryThread[]): string[] {
  return threads.filter((t) => t.thread.isResolved).map((t) => t.anchor.fp);
}

/**
 * Whether the push changed the code a thread is anchored on: in the incremental diff (the previous
 * reviewed head to the new head) a line of the anchor's range was removed or rewritten, or the
 * file was deleted or renamed. Without an incremental diff (a force push) GitHub's outdated flag says.
 */
export function anchorChanged(t: FactoryThread, incremental: readonly DiffFile[] | undefined): boolean {
  if (!incremental) return t.thread.isOutdated;
  const { line, side } = t.anchor;
  if (line === undefined || side === 'LEFT') return t.thread.isOutdated;
  const file = incremental.find((f) => f.filename === t.thread.path || f.previous_filename === t.thread.path);
  if (!file) return false;
  if (file.status === 'removed' || file.filename !== t.thread.path) return true;
  const from = Math.min(t.anchor.startLine ?? line, line);
  return parsePatch(file.patch)
    .flatMap((h) => h.lines)
    .some((l) => l.kind === 'del' && l.oldLine !== undefined && l.oldLine >= from && l.oldLine <= line);
}

export interface ThreadDecision extends ThreadReport {
  thread: FactoryThread;
}

/**
 * What this round does with each open factory thread: resolve it when its anchored code changed
 * and the re-review no longer reports its finding; leave it open otherwise, with why.
 */
export function decideThreads(input: {
  threads: readonly FactoryThread[];
  incremental: readonly DiffFile[] | undefined;
  /** Whether this round reported the thread's finding again, whatever the central pass did with it. */
  reported: (thread: FactoryThread) => boolean;
  /** Dimensions that did not review this round: their threads cannot be judged. */
  notReviewed: ReadonlySet<string>;
}): ThreadDecision[] {
  return input.threads
    .filter((t) => !t.thread.isResolved)
    .map((t) => {
      const base = { thread: t, path: t.thread.path, line: t.anchor.line ?? t.thread.line ?? 0, title: t.title };
      if (t.anchor.dimension && input.notReviewed.has(t.anchor.dimension)) {
        return { ...base, status: 'open' as const, why: `${t.anchor.dimension} was not reviewed this round` };
      }
      if (input.reported(t)) return { ...base, status: 'open' as const, why: 'still reported' };
      if (!anchorChanged(t, input.incremental)) return { ...base, status: 'open' as const, why: 'its code did not change' };
      return { ...base, status: 'resolved' as const, why: 'its code changed and the re-review no longer reports it' };
    });
}

/**
 * This round's findings that repeat an open factory thread: the same fingerprint, or the same file
 * and a near-identical title (the anchored code changed, so the fingerprint did too). They are
 * not posted again: the thread stays open instead.
 */
export function repeats(
  thread: FactoryThread,
  findings: readonly { finding: Pick<Finding, 'path' | 'title'>; fingerprint: string }[],
): { fingerprint: string }[] {
  return findings.filter(
    (f) => f.fingerprint === thread.anchor.fp || (f.finding.path === thread.thread.path && similarTitles(f.finding.title, thread.title)),
  );
}

export function addressedReply(headSha: string): string {
  return `This looks addressed in ${headSha.slice(0, 7)}: the code changed and the re-review no longer reports it. Resolving.`;
}
