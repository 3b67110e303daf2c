/**
 * GitHub's merge queue, for a branch whose rules hold a `merge_queue` rule. A pull request is
 * enqueued (GraphQL `enqueuePullRequest`, or auto-merge once its rules are met); the queue builds
 * a merge group for each entry, in order: a commit joining the pull request onto the base's tip (or
 * onto the group ahead), on the temporary branch `gh-readonly-queue/<base>/pr-<n>-<head sha>`, and
 * asks for checks on it (`merge_group` `checks_requested`). When the base's required checks pass on
 * the group at the front, the base fast-forwards to it, the pull request closes as merged (by
 * `github-merge-queue[bot]`), the issues it closes with a keyword close, and the group is destroyed
 * (`merged`). A failing required check removes the entry (`dequeued`, reason `CI_FAILURE`; the pull
 * request stays open) and the groups behind it, which held its changes, are rebuilt (`invalidated`).
 * A direct merge into such a branch is refused, as on GitHub.
 *
 * Not modelled: HEADGREEN grouping (every group must pass, ALLGREEN), batching several entries into
 * one group, the check response timeout, minimum group sizes, and removal on a push to the head.
 */
import type { GitRemotes } from './git';
import { nodeId } from './ids';
import { PASSING, recordMerge, ruleRefusal, runAutoMerge } from './merge';
import type { MergeGroupRecord, MergeQueueEntryRecord, PullRecord, RepoRecord, SandboxState } from './state';

export interface MergeQueueDeps {
  state: SandboxState;
  git: GitRemotes;
}

/** Who merges, and sends the events of, a merge queue. */
export const MERGE_QUEUE_LOGIN = 'github-merge-queue[bot]';
/** GitHub's 405 for `PUT .../pulls/{n}/merge` into a branch whose rules require a merge queue. */
export const MERGE_QUEUE_REQUIRED = 'Changes must be made through the merge queue';
/** Prefix of merge group branches. */
export const MERGE_QUEUE_BRANCH_PREFIX = 'gh-readonly-queue/';

/** GitHub's refusal of an enqueue (GraphQL `UNPROCESSABLE`). */
export class MergeQueueRefusal extends Error {
  override readonly name = 'MergeQueueRefusal';
}

/** The queue of a repository's base branch: its entries still in it, front first (those that jumped it, then the rest, each in order). */
export function queueOf(state: SandboxState, repo: string, baseRef: string): MergeQueueEntryRecord[] {
  const queued = state.mergeQueueEntries.filter((e) => e.repo === repo && e.baseRef === baseRef && e.outcome === null);
  return [...queued.filter((e) => e.jump), ...queued.filter((e) => !e.jump)];
}

/** The pull request's entry while it is in the queue. */
export function entryOf(state: SandboxState, pull: PullRecord): MergeQueueEntryRecord | undefined {
  return state.mergeQueueEntries.find((e) => e.repo === pull.repo && e.pullNumber === pull.number && e.outcome === null);
}

/** 1-based place of an entry in its queue (0 once it left). */
export function positionOf(state: SandboxState, entry: MergeQueueEntryRecord): number {
  return queueOf(state, entry.repo, entry.baseRef).indexOf(entry) + 1;
}

/** Whether the base branch's rules send pull requests through a merge queue. */
export function requiresMergeQueue(state: SandboxState, repo: string, baseRef: string): boolean {
  return !!state.findBranchRule(repo, baseRef)?.mergeQueue;
}

/**
 * Add `pull` to its base branch's merge queue, as `actor` (GraphQL enqueuePullRequest). Refused,
 * as on GitHub, where the base has no merge queue, the pull request is closed or a draft, its head
 * is not `expectedHeadOid`, or the base's other rules (required checks, approvals) are not met. A
 * pull request already in the queue keeps its entry. The wordings are close to GitHub's
 * (`Pull request ...`), not verified against it word for word.
 */
export async function enqueuePull(
  deps: MergeQueueDeps,
  repo: RepoRecord,
  pull: PullRecord,
  opts: { actor: string; jump?: boolean; expectedHeadOid?: string },
): Promise<MergeQueueEntryRecord> {
  const { state, git } = deps;
  const issue = state.findIssue(pull.repo, pull.number)!;
  if (pull.merged || issue.state === 'closed') throw new MergeQueueRefusal('Pull request is closed');
  if (pull.draft) throw new MergeQueueRefusal('Pull request is still a draft');
  if (!requiresMergeQueue(state, pull.repo, pull.baseRef))
    throw new MergeQueueRefusal(`Pull request Merge queue is not enabled for the ${pull.baseRef} branch`);
  const branches = await git.branches(repo.owner, repo.name);
  pull.headSha = branches.get(pull.headRef) ?? pull.headSha;
  pull.baseSha = branches.get(pull.baseRef) ?? pull.baseSha;
  if (opts.expectedHeadOid !== undefined && opts.expectedHeadOid !== pull.headSha)
    throw new MergeQueueRefusal('Pull request Head sha does not match the expected head oid');
  const queued = entryOf(state, pull);
  if (queued) return queued;
  const refusal = ruleRefusal(state, pull);
  if (refusal) throw new MergeQueueRefusal(`Pull request ${refusal}`);
  const id = state.nextId();
  const entry: MergeQueueEntryRecord = {
    repo: pull.repo,
    id,
    nodeId: nodeId('MQE_kwDO', id),
    pullNumber: pull.number,
    baseRef: pull.baseRef,
    headSha: pull.headSha,
    enqueuedBy: opts.actor,
    enqueuedAt: state.now(),
    jump: opts.jump === true,
    state: 'QUEUED',
    groupId: null,
    outcome: null,
    dequeueReason: null,
  };
  state.user(opts.actor);
  // Jumping the queue puts the entry at the front (queueOf): the groups behind it are rebuilt on top of it.
  state.mergeQueueEntries.push(entry);
  await runMergeQueue(deps, repo);
  return entry;
}

/** Take the pull request's entry out of the queue (GraphQL dequeuePullRequest: reason `MANUAL`). */
export async function dequeuePull(deps: MergeQueueDeps, repo: RepoRecord, entry: MergeQueueEntryRecord, reason = 'MANUAL'): Promise<void> {
  await leave(deps, repo, entry, reason);
  await runMergeQueue(deps, repo);
}

/** Auto-merge, then every merge queue of the repository: what GitHub does when a check completes, a review lands, auto-merge is enabled. */
export async function settleMerges(deps: MergeQueueDeps, repo: RepoRecord): Promise<void> {
  await runAutoMerge(deps, repo);
  await runMergeQueue(deps, repo);
}

/**
 * Move every merge queue of `repo` on: pull requests with auto-merge whose rules are met join the
 * queue; each entry gets its merge group (built on the one ahead); the front group merges when its
 * required checks passed, or leaves the queue when one failed. Repeats until nothing moves.
 */
export async function runMergeQueue(deps: MergeQueueDeps, repo: RepoRecord): Promise<void> {
  const { state } = deps;
  for (const rule of state.branchRules.filter((r) => r.repo === repo.fullName && r.mergeQueue)) {
    await enqueueAutoMerges(deps, repo, rule.branch);
    for (let step = 0; step < 100; step++) {
      if (!(await advance(deps, repo, rule.branch))) break;
    }
  }
}

/** Auto-merge into a branch with a merge queue means "merge when ready": it joins the queue once its rules are met. */
async function enqueueAutoMerges(deps: MergeQueueDeps, repo: RepoRecord, baseRef: string): Promise<void> {
  const { state } = deps;
  for (const pull of state.pulls) {
    if (pull.repo !== repo.fullName || pull.baseRef !== baseRef || !pull.autoMerge || pull.merged || pull.draft) continue;
    if (state.findIssue(pull.repo, pull.number)?.state !== 'open' || entryOf(state, pull)) continue;
    if (ruleRefusal(state, pull) !== undefined) continue;
    const actor = pull.autoMerge.enabledBy;
    await enqueuePull(deps, repo, pull, { actor }).catch((e: unknown) => {
      if (!(e instanceof MergeQueueRefusal)) throw e;
    });
  }
}

/** One step of a queue: true when something changed (look again). */
async function advance(deps: MergeQueueDeps, repo: RepoRecord, baseRef: string): Promise<boolean> {
  const { state, git } = deps;
  const rule = state.findBranchRule(repo.fullName, baseRef)!;
  const settings = rule.mergeQueue!;
  const queue = queueOf(state, repo.fullName, baseRef);
  if (queue.length === 0) return false;
  const tip = (await git.branches(repo.owner, repo.name)).get(baseRef);
  if (!tip) return false;
  // Build the groups, each on the one ahead; a group built on anything else is stale.
  let parent = tip;
  for (const [index, entry] of queue.entries()) {
    let group = groupOf(state, entry);
    if (group && group.baseSha !== parent) {
      await destroy(deps, repo, group, 'invalidated');
      entry.groupId = null;
      group = undefined;
    }
    if (!group) {
      if (index >= Math.max(1, settings.maxEntriesToBuild)) break;
      const built = await build(deps, repo, entry, parent, settings.mergeMethod !== 'MERGE');
      if (!built) {
        await leave(deps, repo, entry, 'MERGE_CONFLICT');
        return true;
      }
      group = built;
    }
    parent = group.headSha;
  }
  // The front group decides: merged when the required checks passed on it, out when one failed.
  const front = queue[0]!;
  const group = groupOf(state, front);
  if (!group) return false;
  const verdict = checksOn(state, repo.fullName, group.headSha, rule.requiredChecks);
  if (verdict === 'pending') return false;
  if (verdict === 'failing') {
    await leave(deps, repo, front, 'CI_FAILURE');
    return true;
  }
  if (!(await git.updateRef(repo.owner, repo.name, `refs/heads/${baseRef}`, group.headSha, tip))) return true;
  const pull = state.findPull(repo.fullName, front.pullNumber)!;
  recordMerge(state, repo, pull, group.headSha, MERGE_QUEUE_LOGIN);
  Object.assign(front, { outcome: 'merged', state: 'MERGEABLE' });
  await destroy(deps, repo, group, 'merged');
  return true;
}

function groupOf(state: SandboxState, entry: MergeQueueEntryRecord): MergeGroupRecord | undefined {
  return entry.groupId === null ? undefined : state.mergeGroups.find((g) => g.id === entry.groupId && g.status !== 'destroyed');
}

/** The merge group of `entry` on `parent`: its commit (a merge commit, or one squashed commit) on its branch. */
async function build(
  deps: MergeQueueDeps,
  repo: RepoRecord,
  entry: MergeQueueEntryRecord,
  parent: string,
  squash: boolean,
): Promise<MergeGroupRecord | undefined> {
  const { state, git } = deps;
  const pull = state.findPull(entry.repo, entry.pullNumber)!;
  const issue = state.findIssue(entry.repo, entry.pullNumber)!;
  const message = squash
    ? `${issue.title} (#${pull.number})\n`
    : `Merge pull request #${pull.number} from ${repo.owner}/${pull.headRef}\n\n${issue.title}\n`;
  const merged = await git.commitMerge(repo.owner, repo.name, parent, entry.headSha, { message, squash });
  if (!merged.ok) return undefined;
  const headRef = `${MERGE_QUEUE_BRANCH_PREFIX}${entry.baseRef}/pr-${entry.pullNumber}-${entry.headSha}`;
  await git.updateRef(repo.owner, repo.name, `refs/heads/${headRef}`, merged.sha);
  const group: MergeGroupRecord = {
    repo: repo.fullName,
    id: state.nextId(),
    entryId: entry.id,
    pullNumber: entry.pullNumber,
    baseRef: entry.baseRef,
    headRef,
    headSha: merged.sha,
    baseSha: parent,
    status: 'checks_requested',
    reason: null,
  };
  state.mergeGroups.push(group);
  Object.assign(entry, { groupId: group.id, state: 'AWAITING_CHECKS' });
  return group;
}

/** The group is done with: its branch deleted (unless another group of the same entry took the name). */
async function destroy(deps: MergeQueueDeps, repo: RepoRecord, group: MergeGroupRecord, reason: NonNullable<MergeGroupRecord['reason']>) {
  Object.assign(group, { status: 'destroyed', reason });
  const refs = await deps.git.branches(repo.owner, repo.name);
  if (refs.get(group.headRef) === group.headSha) await deps.git.deleteRef(repo.owner, repo.name, `refs/heads/${group.headRef}`);
}

/** The entry leaves the queue without merging (its group destroyed: `dequeued`); the pull request stays open. */
async function leave(deps: MergeQueueDeps, repo: RepoRecord, entry: MergeQueueEntryRecord, reason: string): Promise<void> {
  const group = groupOf(deps.state, entry);
  if (group) await destroy(deps, repo, group, 'dequeued');
  Object.assign(entry, { outcome: 'dequeued', dequeueReason: reason, state: 'UNMERGEABLE', groupId: null });
}

/** The required checks on a sha: all passed, one failed (latest run of its name), or still to come. */
function checksOn(state: SandboxState, repo: string, sha: string, required: string[]): 'passing' | 'failing' | 'pending' {
  let pending = false;
  for (const name of required) {
    const latest = state.checkRuns.filter((c) => c.repo === repo && c.headSha === sha && c.name === name).sort((a, b) => b.id - a.id)[0];
    if (!latest || latest.status !== 'completed') pending = true;
    else if (!PASSING.has(latest.conclusion ?? '')) return 'failing';
  }
  return pending ? 'pending' : 'passing';
}
