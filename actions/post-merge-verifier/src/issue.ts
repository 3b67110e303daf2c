import { findMarkers, marker } from '../../shared/github/markers';
import type { GitHubReader, Issue } from '../../shared/github/types';
import { neutralize, sanitizeText } from '../../shared/security';
import { describeRange, type Range } from './range';
import type { SmokeResult } from './smoke';

/** The P0 issue of a failing smoke check: one per check (marker `post-merge:<check key>`), found again by it. */

export const ISSUE_MARKER_KIND = 'post-merge';
export const SOURCE_LABEL = 'source:post-merge';
export const P0_LABELS = ['type:bug', 'priority:p0', SOURCE_LABEL] as const;
const OUTPUT_CHARS = 3000;

/** The open P0 issues by check key: one read (the open `source:post-merge` issues). */
export async function openIssuesByCheck(reader: GitHubReader, botLogin: string): Promise<Map<string, Issue>> {
  const open = await reader.listIssues({ state: 'open', labels: [SOURCE_LABEL] });
  const byKey = new Map<string, Issue>();
  for (const issue of open) {
    // Only the factory's own issue counts: anyone can paste a marker.
    if (issue.author.login !== botLogin) continue;
    for (const m of findMarkers(issue.body)) {
      if (m.kind === ISSUE_MARKER_KIND && !byKey.has(m.key)) byKey.set(m.key, issue);
    }
  }
  return byKey;
}

export interface FailureContext {
  key: string;
  result: SmokeResult;
  range: Range;
  branch: string;
  trigger: string;
}

export function issueTitle(ctx: FailureContext): string {
  return `P0: smoke check "${ctx.result.name}" fails on ${ctx.branch} after ${ctx.range.head.slice(0, 7)}`;
}

export function issueBody(ctx: FailureContext): string {
  return [
    marker({ kind: ISSUE_MARKER_KIND, key: ctx.key }, { head: ctx.range.head, ...(ctx.range.base ? { base: ctx.range.base } : {}) }),
    `The smoke check **${ctx.result.name}** fails on \`${ctx.branch}\` at ${ctx.range.head} (verified on ${ctx.trigger}); it passed at the last verified commit, and failed again when retried.`,
    '',
    `**Range:** ${describeRange(ctx.range)}`,
    `**Result:** ${ctx.result.verdict}`,
    '',
    ...fencedOutput(ctx.result.output),
    `**Suggested action:** ${suggestion(ctx.range)}`,
    '',
    'The post-merge verifier comments here while the check keeps failing and closes this issue once it passes.',
  ].join('\n');
}

export function stillFailingComment(ctx: FailureContext): string {
  return [
    `Still failing at ${ctx.range.head} (verified on ${ctx.trigger}).`,
    '',
    `**Range:** ${describeRange(ctx.range)}`,
    `**Result:** ${ctx.result.verdict}`,
    '',
    ...fencedOutput(ctx.result.output),
  ].join('\n');
}

export function recoveredComment(name: string, head: string, trigger: string): string {
  return `The smoke check **${name}** passes again at ${head} (verified on ${trigger}). Closing.`;
}

function suggestion(range: Range): string {
  const prs = range.pullRequests.map((n) => `#${n}`);
  if (prs.length === 1) {
    return `look at the changes of ${prs[0]} first. If the fix is not quick, revert it to get the default branch green, then fix forward.`;
  }
  if (prs.length > 1)
    return `bisect the pull requests merged in the range (${prs.join(', ')}); revert the culprit if the fix is not quick.`;
  return `look at the commits of the range first; revert the culprit if the fix is not quick.`;
}

/** The output, sanitized and redacted already, in a code fence longer than any backtick run in it. */
function fencedOutput(output: string): string[] {
  const text = neutralize(sanitizeText(output, { format: 'plain', maxChars: OUTPUT_CHARS })).trimEnd();
  if (!text) return [];
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return ['Output (redacted):', '', `${fence}text`, text, fence, ''];
}
