import { checkChanges, type ChangeRules, type ChangedFile, type GitIdentity, type GitPort } from '../git';
import { hasMarker, withMarker } from '../github/markers';
import type { GitHub, MarkerRef, PullRequest } from '../github/types';
import type { GitApplier } from '../policy/apply';
import type { OpenPullRequestIntent, PushIntent } from '../policy/intents';
import { neutralize, type Redactor } from '../security';
import { checkSecret } from '../security/outbound';

/**
 * The git applier: how an accepted `push` or `open_pull_request` intent reaches GitHub. It never
 * trusts the model's file list: it commits the workspace with real git, computes the real diff
 * against the default branch, runs the change guard (protected paths, caps, symlinks), policy
 * again with the real files, and a secret scan of the diff, before it pushes the one branch this
 * run owns. The commit message and the pull request's title and body pass the secret check too (a
 * secret of the run in any encoding is refused). Pull requests carry a hidden marker and are looked up first (by head branch, then by
 * marker), so a re-run finds the existing one instead of opening a second.
 */

/** Why the applier would not push; `rule` is stable for run records and tests. */
export class GitApplyRefusal extends Error {
  override readonly name = 'GitApplyRefusal';
  constructor(
    readonly rule: 'wrong-branch' | 'no-changes' | 'guard' | 'policy' | 'secret-in-diff' | 'secret-in-output' | 'checks' | 'not-pushed',
    message: string,
  ) {
    super(message);
  }
}

export function isGitApplyRefusal(e: unknown): e is GitApplyRefusal {
  return e instanceof GitApplyRefusal || (e instanceof Error && e.name === 'GitApplyRefusal');
}

export interface PushedWork {
  branch: string;
  sha: string;
  /** The real diff of the branch against the default branch (what the pull request shows). */
  files: ChangedFile[];
}

export interface CommitSpec {
  message: string;
  author: GitIdentity;
  committer?: GitIdentity;
  coAuthors?: GitIdentity[];
}

export interface GitApplierOptions {
  git: GitPort;
  github: GitHub;
  defaultBranch: string;
  /** The only branch this run may push (and open a pull request from). */
  branch: string;
  rules: ChangeRules;
  commit: CommitSpec;
  redactor: Redactor;
  /** Policy again, with the files git computed. Returns why the push is refused, if it is. */
  checkPolicy?(intent: PushIntent, files: ChangedFile[]): string | undefined;
  /** Runs once the commit passed every check, before it is pushed (e.g. the tests, by code). Throw to refuse. */
  beforePush?(files: ChangedFile[]): Promise<void>;
  /** Marker of the pull request body (a re-run finds the pull request by it). */
  prMarker: MarkerRef;
  /** Only pull requests opened by this login count when found by marker (a person cannot forge one). */
  botLogin?: string;
  /** Title and body of the pull request; default: the intent's, neutralized, plus `Fixes #N`. */
  composePullRequest?(intent: OpenPullRequestIntent, work: PushedWork | undefined): Promise<{ title: string; body: string }>;
  /** Largest diff scanned for secrets (bytes). */
  maxDiffBytes?: number;
}

export interface RunGitApplier extends GitApplier {
  /** What the last successful push sent. */
  readonly pushed: PushedWork | undefined;
  /** The pull request opened or found by this run. */
  readonly pullRequest: PullRequest | undefined;
  /** The last refusal of a push or pull request (a policy decision, not an error). */
  readonly refusal: GitApplyRefusal | undefined;
  /** The open pull request of this run's branch (by head, then by marker), if any. */
  findPullRequest(): Promise<PullRequest | undefined>;
}

const DEFAULT_MAX_DIFF_BYTES = 5 * 1024 * 1024;

export function createGitApplier(opts: GitApplierOptions): RunGitApplier {
  let pushed: PushedWork | undefined;
  let pullRequest: PullRequest | undefined;
  let refusal: GitApplyRefusal | undefined;
  const remember = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      if (isGitApplyRefusal(e)) refusal = e;
      throw e;
    }
  };
  const base = `origin/${opts.defaultBranch}`;
  const { reader, writer } = opts.github;

  /** One listing of open pull requests: ours by head branch (in this repository, not a fork), else by marker. */
  const findPullRequest = async (): Promise<PullRequest | undefined> => {
    const repo = `${reader.repo.owner}/${reader.repo.repo}`.toLowerCase();
    const open = await reader.listPullRequests({ state: 'open' });
    return (
      open.find((p) => p.head.ref === opts.branch && p.head.repoFullName.toLowerCase() === repo) ??
      open.find((p) => hasMarker(p.body, opts.prMarker) && (opts.botLogin === undefined || p.author.login === opts.botLogin))
    );
  };

  const defaultCompose = async (intent: OpenPullRequestIntent): Promise<{ title: string; body: string }> => ({
    title: neutralize(intent.title),
    body: [neutralize(intent.body), ...(intent.fixes ? [`Fixes #${intent.fixes}`] : [])].join('\n\n'),
  });

  const applier: RunGitApplier = {
    get pushed() {
      return pushed;
    },
    get pullRequest() {
      return pullRequest;
    },
    get refusal() {
      return refusal;
    },
    findPullRequest,
    push: (intent) => remember(() => push(intent)),
    openPullRequest: (intent) => remember(() => openPullRequest(intent)),
  };
  return applier;

  async function push(intent: PushIntent): Promise<{ status: 'applied' | 'unchanged'; detail: string }> {
    if (intent.branch !== opts.branch) {
      throw new GitApplyRefusal('wrong-branch', `this run may only push ${opts.branch}, not ${intent.branch}`);
    }
    const current = await opts.git.currentBranch();
    if (current !== opts.branch) {
      throw new GitApplyRefusal('wrong-branch', `the workspace is on ${current || 'a detached HEAD'}, not ${opts.branch}`);
    }
    const inMessage = checkSecret(opts.commit.message, (t) => opts.redactor.redact(t));
    if (inMessage) throw new GitApplyRefusal('secret-in-output', `refused: the commit message ${inMessage.reason}`);
    await opts.git.commitAll(opts.commit.message, {
      author: opts.commit.author,
      ...(opts.commit.committer ? { committer: opts.commit.committer } : {}),
      ...(opts.commit.coAuthors?.length ? { coAuthors: opts.commit.coAuthors } : {}),
    });
    const files = await opts.git.changedFiles(base);
    if (files.length === 0)
      throw new GitApplyRefusal('no-changes', `nothing to push: ${opts.branch} has no changes against ${opts.defaultBranch}`);

    const guard = checkChanges(files, opts.rules);
    if (!guard.ok) throw new GitApplyRefusal('guard', `refused by the change guard (${guard.rule}): ${guard.reason}`);
    const policy = opts.checkPolicy?.(intent, files);
    if (policy) throw new GitApplyRefusal('policy', `refused by policy: ${policy}`);
    const diff = await opts.git.diff(base, { maxBytes: opts.maxDiffBytes ?? DEFAULT_MAX_DIFF_BYTES });
    if (opts.redactor.redact(diff) !== diff) {
      throw new GitApplyRefusal('secret-in-diff', 'refused: the diff contains a value that looks like a secret');
    }
    await opts.beforePush?.(files);

    const result = await opts.git.push(opts.branch);
    pushed = { branch: opts.branch, sha: result.sha, files };
    const summary = `${files.length} file(s) at ${result.sha.slice(0, 12)}`;
    return result.pushed
      ? { status: 'applied', detail: `pushed ${opts.branch}: ${summary}` }
      : { status: 'unchanged', detail: `${opts.branch} is already at ${result.sha.slice(0, 12)}` };
  }

  async function openPullRequest(intent: OpenPullRequestIntent): Promise<{ status: 'applied' | 'unchanged'; detail: string }> {
    if (intent.head !== opts.branch) {
      throw new GitApplyRefusal('wrong-branch', `this run may only open a pull request from ${opts.branch}, not ${intent.head}`);
    }
    if (intent.base !== opts.defaultBranch) {
      throw new GitApplyRefusal('wrong-branch', `pull requests target ${opts.defaultBranch}, not ${intent.base}`);
    }
    if (!pushed && !(await opts.git.branchExists(opts.branch, 'remote'))) {
      throw new GitApplyRefusal('not-pushed', `${opts.branch} was not pushed; there is nothing to open a pull request from`);
    }
    const { title, body } = await (opts.composePullRequest ?? defaultCompose)(intent, pushed);
    for (const [field, text] of [
      ['title', title],
      ['body', body],
    ] as const) {
      const secret = checkSecret(text, (t) => opts.redactor.redact(t));
      if (secret) throw new GitApplyRefusal('secret-in-output', `refused: the pull request ${field} ${secret.reason}`);
    }
    const marked = withMarker(body, opts.prMarker);
    const existing = await findPullRequest();
    if (existing) {
      pullRequest = existing;
      if (existing.body.trim() === marked.trim() && existing.title === title) {
        return { status: 'unchanged', detail: `pull request #${existing.number} already open for ${opts.branch}` };
      }
      pullRequest = await writer.updatePullRequest(existing.number, { title, body: marked });
      return { status: 'applied', detail: `updated pull request #${existing.number}` };
    }
    pullRequest = await writer.createPullRequest({ title, body: marked, head: opts.branch, base: opts.defaultBranch });
    return { status: 'applied', detail: `opened pull request #${pullRequest.number}` };
  }
}

/** GitHub's no-reply address of a user: `<id>+<login>@users.noreply.github.com`. */
export function noreplyIdentity(user: { login: string; id?: number }): GitIdentity {
  const email = user.id ? `${user.id}+${user.login}@users.noreply.github.com` : `${user.login}@users.noreply.github.com`;
  return { name: user.login, email };
}
