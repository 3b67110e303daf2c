/**
 * Merging a pull request as GitHub does: the base branch's rules (required check runs, approving
 * reviews) gate it, git merges (merge commit or squash) into the base branch of the bare
 * repository, the PR closes as merged, and issues its body closes with a keyword (`Fixes #3`) close
 * when the base is the default branch. Auto-merge merges a PR by itself once its rules are met.
 */
import type { GitRemotes } from './git';
import type { AutoMergeRecord, PullRecord, RepoRecord, SandboxState } from './state';

export interface MergeDeps {
  state: SandboxState;
  git: GitRemotes;
}

/** Conclusions that satisfy a required check, as on GitHub. */
export const PASSING = new Set(['success', 'neutral', 'skipped']);

/** GitHub's closing keywords: close, closes, closed, fix, fixes, fixed, resolve, resolves, resolved. */
const CLOSING = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b:?[ \t]+(?:([\w.-]+\/[\w.-]+))?#(\d+)\b/gi;

/** Numbers of this repository's issues `body` closes with a keyword. */
export function closingReferences(body: string | null, repoFullName: string): number[] {
  const numbers: number[] = [];
  for (const m of (body ?? '').matchAll(CLOSING)) {
    if (m[1] !== undefined && m[1].toLowerCase() !== repoFullName.toLowerCase()) continue;
    const n = Number(m[2]);
    if (!numbers.includes(n)) numbers.push(n);
  }
  return numbers;
}

/**
 * Why the base branch's rules refuse to merge `pull` now (GitHub's 405 message), or undefined
 * when they allow it (or the branch has no rules).
 */
export function ruleRefusal(state: SandboxState, pull: PullRecord): string | undefined {
  const rule = state.findBranchRule(pull.repo, pull.baseRef);
  if (!rule) return undefined;
  for (const name of rule.requiredChecks) {
    const latest = state.checkRuns
      .filter((c) => c.repo === pull.repo && c.headSha === pull.headSha && c.name === name)
      .sort((a, b) => b.id - a.id)[0];
    if (!latest || latest.status !== 'completed') return `Required status check "${name}" is expected.`;
    if (!PASSING.has(latest.conclusion ?? '')) return `Required status check "${name}" is failing.`;
  }
  const latestByUser = new Map<string, string>();
  for (const review of state.reviews) {
    if (review.repo !== pull.repo || review.pullNumber !== pull.number) continue;
    if (review.state === 'PENDING' || review.state === 'COMMENTED') continue;
    latestByUser.set(review.user, review.state);
  }
  const states = [...latestByUser.values()];
  const n = rule.requiredApprovingReviewCount;
  // A reviewer's outstanding request for changes blocks the merge as missing approvals do.
  const approvals = states.includes('CHANGES_REQUESTED') ? 0 : states.filter((s) => s === 'APPROVED').length;
  if (approvals < n) return `At least ${n} approving review${n === 1 ? ' is' : 's are'} required by reviewers with write access.`;
  return undefined;
}

export interface MergeOptions {
  method: AutoMergeRecord['method'];
  actor: string;
  commitTitle?: string;
  commitMessage?: string;
}

/**
 * Merge `pull` into its base in git and record it: merged, closed, and the issues it closes with a
 * keyword closed (completed) when the base is the default branch. `ok: false` on a git conflict.
 */
export async function mergePull(
  deps: MergeDeps,
  repo: RepoRecord,
  pull: PullRecord,
  opts: MergeOptions,
): Promise<{ ok: true; sha: string } | { ok: false }> {
  const { state, git } = deps;
  const issue = state.findIssue(repo.fullName, pull.number)!;
  const squash = opts.method === 'squash';
  const title =
    opts.commitTitle ||
    (squash ? `${issue.title} (#${pull.number})` : `Merge pull request #${pull.number} from ${repo.owner}/${pull.headRef}`);
  const body = opts.commitMessage ?? (squash ? '' : issue.title);
  const merged = await git.mergeInto(repo.owner, repo.name, pull.baseRef, pull.headRef, {
    message: body ? `${title}\n\n${body}` : title,
    squash,
  });
  if (!merged.ok) return { ok: false };
  recordMerge(state, repo, pull, merged.sha, opts.actor);
  return { ok: true, sha: merged.sha };
}

/**
 * Record `pull` as merged by `actor` into `sha` (its base branch is there already): closed, and the
 * issues its body closes with a keyword closed (completed) when the base is the default branch.
 */
export function recordMerge(state: SandboxState, repo: RepoRecord, pull: PullRecord, sha: string, actor: string): void {
  const issue = state.findIssue(repo.fullName, pull.number)!;
  const now = state.now();
  Object.assign(pull, { merged: true, mergedAt: now, mergedBy: actor, mergeCommitSha: sha, autoMerge: null });
  pull.baseSha = sha;
  Object.assign(issue, { state: 'closed', stateReason: null, closedAt: now, updatedAt: now });
  if (pull.baseRef === repo.defaultBranch) {
    for (const n of closingReferences(issue.body, repo.fullName)) {
      const target = state.findIssue(repo.fullName, n);
      if (!target || target.isPullRequest || target.state !== 'open') continue;
      Object.assign(target, { state: 'closed', stateReason: 'completed', closedAt: now, updatedAt: now });
    }
  }
}

/**
 * Merge every open pull request of `repo` with auto-merge enabled whose base branch has rules and
 * whose rules are met now (call when a check run completes, a review is submitted, auto-merge is
 * enabled). The merge is made as the one who enabled auto-merge.
 */
export async function runAutoMerge(deps: MergeDeps, repo: RepoRecord): Promise<void> {
  const { state, git } = deps;
  const branches = await git.branches(repo.owner, repo.name);
  for (const pull of state.pulls) {
    if (pull.repo !== repo.fullName || !pull.autoMerge || pull.merged || pull.draft) continue;
    if (state.findIssue(pull.repo, pull.number)?.state !== 'open' || !state.findBranchRule(pull.repo, pull.baseRef)) continue;
    // Into a branch with a merge queue, auto-merge joins the queue instead (merge-queue.ts).
    if (state.findBranchRule(pull.repo, pull.baseRef)?.mergeQueue) continue;
    pull.headSha = branches.get(pull.headRef) ?? pull.headSha;
    pull.baseSha = branches.get(pull.baseRef) ?? pull.baseSha;
    if (ruleRefusal(state, pull) !== undefined) continue;
    const { method, enabledBy, commitTitle, commitMessage } = pull.autoMerge;
    await mergePull(deps, repo, pull, {
      method,
      actor: enabledBy,
      ...(commitTitle ? { commitTitle } : {}),
      ...(commitMessage ? { commitMessage } : {}),
    });
  }
}
