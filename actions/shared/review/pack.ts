import type { FactoryConfig } from '../config/schema';
import { computeRisk, globMatcher, tierRank, type Tier } from '../risk';
import { parsePatch, type DiffFile } from './diff-lines';

/**
 * Diff packing: which parts of a pull request's diff a review dimension reads within its token
 * budget. Files are ranked by risk (path rules and protected paths, as the risk policy rates
 * them), then by size; lock, generated and vendored files are only summarised. What is not read
 * is listed so the summary can say so.
 */
export type SkipReason = 'lock' | 'generated' | 'vendored' | 'binary' | 'budget';

export interface UnreadFile {
  path: string;
  additions: number;
  deletions: number;
  reason: SkipReason;
}

export interface PackedDiff {
  text: string;
  /** Estimated tokens of `text`; never more than the budget. */
  tokens: number;
  /** Files read whole. */
  read: string[];
  /** Files of which only the first hunks fit. */
  partial: { path: string; omittedHunks: number }[];
  notRead: UnreadFile[];
}

export interface PackOptions {
  budgetTokens: number;
  config: Pick<FactoryConfig, 'risk'>;
  /** Only these files concern the dimension (e.g. UI files for UI/UX); default all. */
  include?: (path: string) => boolean;
}

/** Token estimate: 4 characters per token, rounded up. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

const LOCK_FILES = globMatcher(
  [
    '**/package-lock.json',
    '**/npm-shrinkwrap.json',
    '**/yarn.lock',
    '**/pnpm-lock.yaml',
    '**/bun.lockb',
    '**/*.lock',
    '**/go.sum',
    '**/*.lockfile',
  ],
  { nocase: true },
);
const GENERATED_PATHS = globMatcher(
  [
    '**/*.min.js',
    '**/*.min.css',
    '**/*.map',
    'dist/**',
    '**/dist/**',
    '**/__generated__/**',
    '**/*.generated.*',
    '**/*.pb.go',
    '**/*_pb2.py',
    '**/__snapshots__/**',
  ],
  { nocase: true },
);
const VENDORED_PATHS = globMatcher(
  ['**/vendor/**', 'vendor/**', '**/node_modules/**', 'node_modules/**', '**/third_party/**', 'third_party/**'],
  {
    nocase: true,
  },
);
/**
 * Why a file is summarised rather than read, or undefined when it is read. Only the file's PATH
 * (and a missing patch) decides: a comment in the file claiming it is generated (`@generated`,
 * `Code generated ... DO NOT EDIT`) is written by the pull request's author like any other line,
 * so it never spares a file from being read. Any file left unread keeps the review's tier at least
 * medium (see the pr-reviewer's plan), and packDiff reads a generated- or vendored-looking file
 * anyway when the risk policy rates its path above the default tier.
 */
export function skipReason(file: DiffFile): Exclude<SkipReason, 'budget'> | undefined {
  if (VENDORED_PATHS(file.filename)) return 'vendored';
  if (LOCK_FILES(file.filename)) return 'lock';
  if (GENERATED_PATHS(file.filename)) return 'generated';
  if (!file.patch) return 'binary';
  return undefined;
}

/** The risk tier the policy gives one file on its own (path rules and protected paths). */
function fileTier(file: DiffFile, config: Pick<FactoryConfig, 'risk'>): Tier {
  const only = { filename: file.filename, additions: 0, deletions: 0 };
  const previous = file.previous_filename ? { previousFilename: file.previous_filename } : {};
  return computeRisk({ files: [{ ...only, ...previous }], config }).tier;
}

/** Files in the order they are read: highest risk first, then most changed lines, then by name. */
export function rankFiles(files: readonly DiffFile[], config: Pick<FactoryConfig, 'risk'>): { file: DiffFile; tier: Tier }[] {
  return files
    .map((file) => ({ file, tier: fileTier(file, config) }))
    .sort(
      (a, b) =>
        tierRank(b.tier) - tierRank(a.tier) ||
        b.file.additions + b.file.deletions - (a.file.additions + a.file.deletions) ||
        a.file.filename.localeCompare(b.file.filename),
    );
}

function fileHeader(file: DiffFile, tier: Tier, note = ''): string {
  const renamed = file.previous_filename ? ` (renamed from ${file.previous_filename})` : '';
  return `### ${file.filename}${renamed} [${file.status ?? 'modified'}, +${file.additions} -${file.deletions}, ${tier} risk${note}]\n`;
}

function unreadSection(notRead: readonly UnreadFile[]): string {
  if (notRead.length === 0) return '';
  const lines = notRead.map((f) => `- ${f.path} (+${f.additions} -${f.deletions}): ${f.reason}`);
  return `### Not read\n${lines.join('\n')}\n`;
}

/**
 * Packs the diff into at most `budgetTokens`: whole files in rank order; a file that does not fit
 * whole contributes the hunks that fit (listed as partial), or none (listed as not read, budget).
 * The list of unread files is part of the text and counted in the budget; when even that list
 * does not fit, it is cut short there (the returned notRead stays complete).
 */
export function packDiff(files: readonly DiffFile[], options: PackOptions): PackedDiff {
  const budget = Math.max(0, Math.floor(options.budgetTokens));
  const chosen = files.filter((f) => options.include?.(f.filename) ?? true);
  const skipped: UnreadFile[] = [];
  const readable: { file: DiffFile; tier: Tier }[] = [];
  for (const ranked of rankFiles(chosen, options.config)) {
    const reason = skipReason(ranked.file);
    // A path the policy rates above its default (e.g. src/payments/**) is read even when it looks generated or vendored.
    const risky = tierRank(ranked.tier) > tierRank(options.config.risk.defaultTier);
    if (reason && !(risky && (reason === 'generated' || reason === 'vendored'))) skipped.push(unread(ranked.file, reason));
    else readable.push(ranked);
  }

  const read: string[] = [];
  const partial: PackedDiff['partial'] = [];
  const overBudget: UnreadFile[] = [];
  const sections: string[] = [];
  let used = 0;
  // Room is kept for the unread list as it would be if every remaining file were left out.
  const reserve = (from: number) =>
    estimateTokens(unreadSection([...skipped, ...readable.slice(from).map((r) => unread(r.file, 'budget'))]));

  readable.forEach(({ file, tier }, i) => {
    const room = budget - used - reserve(i + 1);
    const whole = `${fileHeader(file, tier)}${file.patch}\n`;
    if (estimateTokens(whole) <= room) {
      sections.push(whole);
      used += estimateTokens(whole);
      read.push(file.filename);
      return;
    }
    const hunks = parsePatch(file.patch);
    let text = fileHeader(file, tier, ', partly read');
    let taken = 0;
    for (const hunk of hunks) {
      const next = `${text}${hunk.header}\n${hunk.lines.map((l) => `${l.kind === 'add' ? '+' : l.kind === 'del' ? '-' : ' '}${l.text}`).join('\n')}\n`;
      if (estimateTokens(next) > room) break;
      text = next;
      taken++;
    }
    if (taken === 0) {
      overBudget.push(unread(file, 'budget'));
      return;
    }
    sections.push(text);
    used += estimateTokens(text);
    partial.push({ path: file.filename, omittedHunks: hunks.length - taken });
  });

  const notRead = [...skipped, ...overBudget];
  let text = sections.join('\n');
  const list = unreadSection(notRead);
  if (list) text = text ? `${text}\n${list}` : list;
  if (estimateTokens(text) > budget) text = text.slice(0, budget * 4);
  return { text, tokens: estimateTokens(text), read, partial, notRead };
}

function unread(file: DiffFile, reason: SkipReason): UnreadFile {
  return { path: file.filename, additions: file.additions, deletions: file.deletions, reason };
}
