import type { GitHubReader } from '../../shared/github/types';

/** The pull requests merged in a range of the default branch, from its commits' messages. */

/** `Merge pull request #12 from …` (merge commit) or `Title (#12)` (squash) on the first line. */
export function pullRequestOf(message: string): number | undefined {
  const first = message.split('\n', 1)[0] ?? '';
  const m = /^Merge pull request #(\d+)\b/.exec(first) ?? /\(#(\d+)\)\s*$/.exec(first);
  return m ? Number(m[1]) : undefined;
}

export interface Range {
  base?: string;
  head: string;
  /** Pull requests merged in it, oldest first. */
  pullRequests: number[];
  /** The commit that merged each of them (the merge or squash commit whose message names it), oldest first. */
  merges?: { pr: number; sha: string }[];
  /** Commits in it (as GitHub counts them); undefined when the start is unknown. */
  commits?: number;
}

/** One compare request when the range's start is known; none otherwise. */
export async function readRange(reader: GitHubReader, base: string | undefined, head: string): Promise<Range> {
  if (!base) return { head, pullRequests: [] };
  const comparison = await reader.compareCommits(base, head, { commits: 100 });
  const merges: { pr: number; sha: string }[] = [];
  for (const c of comparison.commits ?? []) {
    const pr = pullRequestOf(c.message);
    if (pr !== undefined && !merges.some((m) => m.pr === pr)) merges.push({ pr, sha: c.sha });
  }
  return { base, head, pullRequests: merges.map((m) => m.pr), merges, commits: comparison.aheadBy };
}

export function describeRange(range: Range): string {
  const span = range.base ? `${range.base.slice(0, 7)}..${range.head.slice(0, 7)}` : range.head.slice(0, 7);
  const prs = range.pullRequests.length ? range.pullRequests.map((n) => `#${n}`).join(', ') : 'none found (direct pushes)';
  return `\`${span}\`${range.commits !== undefined ? ` (${range.commits} commit(s))` : ''}; pull requests merged in it: ${prs}`;
}
