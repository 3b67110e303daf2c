import { getMarker, marker } from '../../shared/github/markers';
import type { GitHubReader } from '../../shared/github/types';
import type { Status } from './verdict';

/**
 * The baseline: every verification leaves a `factory/post-merge` check run on the commit it
 * verified, whose summary carries a hidden marker with each check's status and the range's start.
 * The next verification reads it from the push's `before` commit: the last verified commit.
 */

export const CHECK_RUN_NAME = 'factory/post-merge';
export const RESULTS_MARKER = { kind: 'post-merge-results', key: 'v1' } as const;

export interface Recorded {
  /** Status per check key. */
  checks: Record<string, Status>;
  /** Where the verified range started (the push's `before`), when it was known. */
  base?: string;
}

/** What the last `factory/post-merge` check run on `sha` recorded, or undefined when it was never verified. */
export async function readRecorded(reader: GitHubReader, sha: string): Promise<Recorded | undefined> {
  const runs = (await reader.listCheckRuns(sha)).filter((r) => r.name === CHECK_RUN_NAME);
  // The newest run counts (a re-run records again).
  for (const run of [...runs].sort((a, b) => b.id - a.id)) {
    const data = getMarker(run.summary, RESULTS_MARKER)?.data;
    const checks = data?.checks;
    if (!checks || typeof checks !== 'object') continue;
    const out: Record<string, Status> = {};
    for (const [key, value] of Object.entries(checks as Record<string, unknown>)) {
      if (value === 'pass' || value === 'fail') out[key] = value;
    }
    return { checks: out, ...(typeof data.base === 'string' ? { base: data.base } : {}) };
  }
  return undefined;
}

/** The marker line the check run's summary ends with. */
export function recordedMarker(recorded: Recorded): string {
  return marker(RESULTS_MARKER, { checks: recorded.checks, ...(recorded.base ? { base: recorded.base } : {}) });
}
