import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AutomationDeps } from '../../shared/automation/types';
import { commitIdentity } from '../../shared/automation/work';
import { excludeFactoryFiles, gitFor } from '../../shared/automation/workspace';
import type { GitPort } from '../../shared/git';
import { REVERT_BRANCH_PREFIX } from '../../shared/policy/branches';
import { findMarkers, marker } from '../../shared/github/markers';
import type { GitHubReader, PullRequest } from '../../shared/github/types';
import { neutralize, sanitizeText } from '../../shared/security';
import { checkTransition, PAUSED, riskLabel } from '../../shared/state';
import { stateDepsFor } from '../../shared/automation/subject-state';
import { readRecorded } from './baseline';
import type { Range } from './range';

/**
 * `postMerge.onFailure: revert-pr`: a new P0 failure opens a pull request reverting the pull
 * request that broke the check, for a person to merge. Only when the culprit is certain: the one
 * pull request merged in the range, or, of several, the first whose merge commit a verification
 * saw fail right after one that passed. The revert is made with git in the workspace (no
 * repository code runs), file by file, and only when no later commit touched those files.
 *
 * It is high risk and never merged by the factory: labelled `risk:high` and `factory:paused`, so
 * the merge gate leaves it alone (a paused pull request is not the gate's) and no automation may
 * change its labels (the state machine refuses any change on a paused subject).
 */

export const REVERT_MARKER_KIND = 'post-merge-revert';
export const REVERT_LABELS = [riskLabel('high'), PAUSED] as const;

export const revertBranch = (pr: number): string => `${REVERT_BRANCH_PREFIX}${pr}`;

export type Culprit = { ok: true; pr: number; sha: string; why: string } | { ok: false; why: string };

/** The pull request that broke the check `key` in the range, when the range and the recorded verifications make it certain. */
export async function findCulprit(reader: GitHubReader, range: Range, key: string): Promise<Culprit> {
  const merges = range.merges ?? [];
  if (merges.length === 0) return { ok: false, why: 'no pull request was merged in the range (direct pushes): nothing to revert' };
  if (merges.length === 1) return { ok: true, ...merges[0]!, why: 'the only pull request merged in the range' };
  // Several: a verification of a merge commit in the range (a deploy's, a manual run's) may tell where it broke.
  let before: 'pass' | 'fail' | undefined = 'pass'; // the range's start: the baseline saw it pass (a new failure)
  for (const m of merges) {
    // The range's head is the commit this verification saw fail.
    const status = m.sha === range.head ? 'fail' : (await readRecorded(reader, m.sha))?.checks[key];
    if (status === 'fail' && before === 'pass') {
      return { ok: true, ...m, why: `the first pull request of the range after whose merge the check was seen failing` };
    }
    before = status;
  }
  const prs = merges.map((m) => `#${m.pr}`).join(', ');
  return {
    ok: false,
    why: `${merges.length} pull requests were merged in the range (${prs}) and no verification tells which one broke it`,
  };
}

export interface RevertOutcome {
  /** The revert pull request, opened now or found from an earlier run. */
  pr?: PullRequest;
  created: boolean;
  /** One line for the log. */
  line: string;
  /** Why no revert was made. */
  why?: string;
}

export interface RevertContext {
  culprit: { pr: number; sha: string; why: string };
  /** The P0 issue the revert answers. */
  issue: number;
  check: string;
  defaultBranch: string;
}

/** The revert pull request of the culprit: found again by its branch and marker, else made (branch, commit, pull request, labels). */
export async function openRevert(deps: AutomationDeps, ctx: RevertContext): Promise<RevertOutcome> {
  const { reader, writer } = deps.github;
  const { pr: culprit, sha } = ctx.culprit;
  const branch = revertBranch(culprit);
  const existing = await findRevert(reader, branch, culprit, deps.config.trust.botLogin);
  if (existing)
    return { pr: existing, created: false, line: `revert pull request #${existing.number} of #${culprit} is already open or was closed` };

  // The state machine holds who may set these: checked before anything is made.
  const { automation, extraLabels } = stateDepsFor(deps);
  const move = checkTransition({ automation, subject: 'pr', current: [], add: [...REVERT_LABELS], extraLabels });
  if (!move.ok) throw new Error(`the revert pull request's labels are refused: ${move.reason}`);
  const original = await reader.getPullRequest(culprit);
  const git = gitFor(deps, ctx.defaultBranch);
  const made = await revertCommit(git, { sha, pr: culprit, title: original.title, defaultBranch: ctx.defaultBranch, branch }, deps);
  if (!made.ok) return { created: false, line: `no revert pull request of #${culprit}: ${made.why}`, why: made.why };

  const body = [
    marker({ kind: REVERT_MARKER_KIND, key: String(culprit) }, { issue: ctx.issue, sha }),
    neutralize(
      [
        `Reverts #${culprit} (merged in ${sha}): the smoke check **${ctx.check}** fails on \`${ctx.defaultBranch}\` since, as #${ctx.issue} reports. The culprit is ${ctx.culprit.why}.`,
        '',
        `The revert restores ${made.files.length} file(s) to their state before the merge: ${made.files.map((f) => `\`${f}\``).join(', ')}.`,
        '',
        `It is high risk and the factory never merges it (\`${REVERT_LABELS.join('`, `')}\`): merge it if fixing forward is not quick, or close it.`,
      ].join('\n'),
    ),
  ].join('\n');
  const title = sanitizeText(`Revert #${culprit}: ${original.title}`, { format: 'plain', maxChars: 250 });
  const pr = await writer.createPullRequest({ title, body, head: branch, base: ctx.defaultBranch });
  await writer.addLabels(pr.number, [...REVERT_LABELS]);
  return { pr, created: true, line: `opened revert pull request #${pr.number} of #${culprit} (${REVERT_LABELS.join(' ')})` };
}

/** The factory's revert pull request of `culprit`, open or closed: a re-run (or a person's close) never opens a second one. */
async function findRevert(reader: GitHubReader, branch: string, culprit: number, botLogin: string): Promise<PullRequest | undefined> {
  const prs = await reader.listPullRequests({ state: 'all', head: branch });
  return prs.find(
    (p) =>
      p.head.ref === branch &&
      p.author.login === botLogin &&
      findMarkers(p.body).some((m) => m.kind === REVERT_MARKER_KIND && m.key === String(culprit)),
  );
}

type Made = { ok: true; files: string[] } | { ok: false; why: string };

/**
 * The revert on `branch`, pushed: each file the merge changed (against its first parent) goes
 * back to its content before the merge. A file changed again since the merge, a symbolic link or
 * anything but a regular file is left to a person (no revert). An earlier run's pushed branch is
 * reused as it is.
 */
async function revertCommit(
  git: GitPort,
  target: { sha: string; pr: number; title: string; defaultBranch: string; branch: string },
  deps: Pick<AutomationDeps, 'config'>,
): Promise<Made> {
  excludeFactoryFiles(git.root);
  // The smoke checks ran in this tree: whatever they left behind is dropped, never committed.
  await git.resetHard('HEAD');
  await git.fetch();
  if (await git.branchExists(target.branch, 'remote')) {
    // An earlier run pushed the revert and stopped before its pull request: open it for that branch.
    await git.checkout(target.branch);
    await git.resetHard(`origin/${target.branch}`);
    return { ok: true, files: (await git.changedFiles(`origin/${target.defaultBranch}`)).map((f) => f.filename) };
  }
  const parent = `${target.sha}^1`;
  await git.resetHard(target.sha);
  const changed = await git.changedFiles(parent);
  const paths = [...new Set(changed.flatMap((f) => (f.previousFilename ? [f.previousFilename, f.filename] : [f.filename])))];
  if (paths.length === 0) return { ok: false, why: `#${target.pr} changed no file` };
  const merged = readAll(git.root, paths);
  await git.resetHard(parent);
  const before = readAll(git.root, paths);

  if (await git.branchExists(target.branch, 'local')) {
    await git.checkout(target.branch);
    await git.resetHard(`origin/${target.defaultBranch}`);
  } else {
    await git.checkoutNewBranch(target.branch, `origin/${target.defaultBranch}`);
  }
  const now = readAll(git.root, paths);
  const odd = paths.filter((p) => merged.get(p) === 'other' || before.get(p) === 'other' || now.get(p) === 'other');
  if (odd.length) return { ok: false, why: `${list(odd)} is not a regular file (a symbolic link or a directory): revert it by hand` };
  const since = paths.filter((p) => !same(now.get(p), merged.get(p)));
  if (since.length) return { ok: false, why: `${list(since)} changed again since #${target.pr} merged: revert it by hand` };

  for (const p of paths) {
    const file = path.join(git.root, p);
    const content = before.get(p);
    if (content === undefined) fs.rmSync(file, { force: true });
    else if (content !== 'other') {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content.data);
      fs.chmodSync(file, content.mode);
    }
  }
  const identity = commitIdentity(deps.config);
  const committed = await git.commitAll(`Revert #${target.pr}: ${oneLine(target.title)}\n\nThis reverts the changes of ${target.sha}.`, {
    author: identity,
    committer: identity,
  });
  if (!committed) return { ok: false, why: `reverting #${target.pr} changes nothing on ${target.defaultBranch}` };
  await git.push(target.branch);
  return { ok: true, files: paths };
}

/** A regular file's bytes and permission bits (git keeps the executable bit). */
type Content = { data: Buffer; mode: number } | 'other' | undefined;

/** Each path's content in the tree: a regular file's bytes, `undefined` when absent, `other` for anything else (never followed). */
function readAll(root: string, paths: string[]): Map<string, Content> {
  const out = new Map<string, Content>();
  const realRoot = fs.realpathSync(root);
  for (const p of paths) {
    const file = path.join(root, p);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.lstatSync(file);
    } catch {
      stat = undefined;
    }
    // A parent directory that is a symbolic link would lead outside the tree: not a file of it.
    const parent = fs.existsSync(path.dirname(file)) ? fs.realpathSync(path.dirname(file)) : realRoot;
    if (parent !== realRoot && !parent.startsWith(realRoot + path.sep)) out.set(p, 'other');
    else if (!stat) out.set(p, undefined);
    else out.set(p, stat.isFile() ? { data: fs.readFileSync(file), mode: stat.mode & 0o777 } : 'other');
  }
  return out;
}

function same(a: Content, b: Content): boolean {
  if (a === undefined || b === undefined || a === 'other' || b === 'other') return a === b;
  return a.data.equals(b.data) && (a.mode & 0o111) === (b.mode & 0o111);
}

function list(paths: string[]): string {
  const shown = paths.slice(0, 5).map((p) => `\`${p}\``);
  return paths.length > 5 ? `${shown.join(', ')} and ${paths.length - 5} more` : shown.join(', ');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}
