import * as fs from 'node:fs';
import { buildRepoMap } from '../../shared/agent/repomap';
import { listWorkspaceFiles } from '../../shared/agent/tools/listing';
import { createWorkspace } from '../../shared/agent/tools/workspace';
import type { GitHubReader, Issue } from '../../shared/github/types';

/** Read-only context for the agent: possible duplicates, specs, quality grades, a repository map. */

const STOPWORDS = new Set(
  'the and for with that this from when into does not are was were has have had but can cannot should would could its our your their there then than them they what which while where who why how all any also been being both each few more most other some such only own same very just over under again after before about above below between through during out off once here too use using add adds added make makes bug issue feature error fails failed failing broken nothing something doesn work works working'.split(
    ' ',
  ),
);

/** Up to `max` distinctive words of a title, longest first (a stable order for queries). */
export function titleKeywords(title: string, max = 3): string[] {
  const words = title
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 3 && !/^\d+$/.test(w) && !STOPWORDS.has(w));
  return [...new Set(words)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).slice(0, max);
}

function wordSet(title: string): Set<string> {
  return new Set(titleKeywords(title, 50));
}

/** Jaccard similarity of the titles' distinctive words, 0..1. */
export function titleSimilarity(a: string, b: string): number {
  const x = wordSet(a);
  const y = wordSet(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / (x.size + y.size - shared);
}

export interface DuplicateSearch {
  reader: Pick<GitHubReader, 'searchIssues'>;
  now: Date;
  /** Closed issues older than this are not offered (default 90 days). */
  closedWithinDays?: number;
  max?: number;
}

/** GitHub's issue search answers at most this many results. */
export const SEARCH_RESULT_CAP = 1000;

/**
 * Open and recently closed issues with similar titles, ranked by similarity. One title search
 * with the two most distinctive words: its terms are ANDed, so it finds every issue a search
 * with the three most distinctive words would; that narrower search runs too only when the
 * broader one reached GitHub's cap and may have been cut off. Only for the agent to compare and link.
 */
export async function findDuplicateCandidates(issue: Pick<Issue, 'number' | 'title'>, opts: DuplicateSearch): Promise<Issue[]> {
  const words = titleKeywords(issue.title);
  if (words.length === 0) return [];
  const search = (q: string) => opts.reader.searchIssues(`${q} in:title is:issue`);
  const broad = words.slice(0, 2).join(' ');
  const narrow = words.join(' ');
  const hits = await search(broad);
  if (narrow !== broad && hits.length >= SEARCH_RESULT_CAP) hits.push(...(await search(narrow)));
  const cutoff = opts.now.getTime() - (opts.closedWithinDays ?? 90) * 86_400_000;
  const found = new Map<number, Issue>();
  for (const hit of hits) {
    if (hit.number === issue.number || hit.isPullRequest) continue;
    if (hit.state === 'closed' && Date.parse(hit.closedAt ?? hit.updatedAt) < cutoff) continue;
    found.set(hit.number, hit);
  }
  return [...found.values()]
    .map((i) => ({ i, score: titleSimilarity(issue.title, i.title) }))
    .sort((a, b) => b.score - a.score || a.i.number - b.i.number)
    .slice(0, opts.max ?? 8)
    .map((x) => x.i);
}

export interface ContextFile {
  path: string;
  text: string;
}

const MAX_FILE_CHARS = 20_000;

/** `specs/*.md` and `quality.md` of the workspace, read through the workspace jail. */
export function readSpecFiles(workspaceRoot: string): ContextFile[] {
  const ws = createWorkspace(workspaceRoot, { protectedPaths: [] });
  const specs = listWorkspaceFiles(ws.root, safeResolve(ws, 'specs') ?? ws.root, { pattern: 'specs/*.md', limit: 200 })
    .filter((p) => /^specs\/[^/]+\.md$/.test(p))
    .sort();
  const out: ContextFile[] = [];
  for (const path of [...specs, 'quality.md']) {
    const abs = safeResolve(ws, path);
    if (!abs) continue;
    try {
      if (!fs.statSync(abs).isFile()) continue;
      const text = fs.readFileSync(abs, 'utf8');
      out.push({ path, text: text.length > MAX_FILE_CHARS ? `${text.slice(0, MAX_FILE_CHARS)}\n[truncated]` : text });
    } catch {
      // Missing or unreadable: not part of the context.
    }
  }
  return out;
}

function safeResolve(ws: ReturnType<typeof createWorkspace>, path: string): string | undefined {
  try {
    const abs = ws.resolve(path);
    return fs.existsSync(abs) ? abs : undefined;
  } catch {
    return undefined;
  }
}

/** A map of the workspace's files and exported symbols, about `maxTokens` long. */
export async function repositoryMap(workspaceRoot: string, maxTokens = 1500): Promise<string> {
  const ws = createWorkspace(workspaceRoot, { protectedPaths: [] });
  const map = await buildRepoMap({
    listFiles: async () => listWorkspaceFiles(ws.root, ws.root, { limit: 5000 }),
    readFile: async (p) => fs.promises.readFile(ws.resolve(p), 'utf8'),
    maxTokens,
  });
  return map.text;
}
