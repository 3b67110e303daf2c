import { isStatus } from '../../shared/github/api-error';
import type { GitHubReader, PullRequest, PullRequestFile } from '../../shared/github/types';
import type { DiffFile, ReviewState } from '../../shared/review';

/**
 * What a round reviews. Findings are placed on the pull request's FULL diff (GitHub refuses a
 * comment on any other line), but on a synchronize the model reads only what changed since the
 * last reviewed head, kept in the summary's marker. After a force push (the old head is no longer
 * an ancestor), or when the last round was incomplete, the whole diff is read again.
 */
export interface ReviewDiff {
  /** The pull request's full diff (base...head). */
  files: DiffFile[];
  /** What the model reads: the incremental diff, or the full one. */
  shown: DiffFile[];
  /** The previous reviewed head, on an incremental round. */
  since?: string;
  /** previous head...new head, on an incremental round (also files the pull request no longer changes). */
  incremental?: DiffFile[];
  /** Why a round with an earlier review reads the whole diff. */
  fullBecause?: string;
}

export function toDiffFile(f: PullRequestFile): DiffFile {
  return {
    filename: f.filename,
    ...(f.previousFilename ? { previous_filename: f.previousFilename } : {}),
    status: f.status,
    additions: f.additions,
    deletions: f.deletions,
    ...(f.patch !== undefined ? { patch: f.patch } : {}),
  };
}

export async function gatherDiff(reader: GitHubReader, pr: PullRequest, previous: ReviewState | undefined): Promise<ReviewDiff> {
  const files = (await reader.listPullRequestFiles(pr.number)).map(toDiffFile);
  if (!previous || previous.sha === pr.head.sha) return { files, shown: files };
  if (previous.skipped?.length) return { files, shown: files, fullBecause: `the last round did not review ${previous.skipped.join(', ')}` };
  let comparison;
  try {
    comparison = await reader.compareCommits(previous.sha, pr.head.sha);
  } catch (e) {
    if (!isStatus(e, 404)) throw e;
    return { files, shown: files, fullBecause: `${previous.sha.slice(0, 7)} is no longer in the repository` };
  }
  if (comparison.status !== 'ahead') {
    return { files, shown: files, fullBecause: `${previous.sha.slice(0, 7)} is not an ancestor of the head (force push)` };
  }
  const incremental = comparison.files.map(toDiffFile);
  // A merge of the base branch brings in changes that are not the pull request's: only its own files are read.
  const inPullRequest = new Set(files.map((f) => f.filename));
  return { files, shown: incremental.filter((f) => inPullRequest.has(f.filename)), since: previous.sha, incremental };
}
