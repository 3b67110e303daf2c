/**
 * The git layer's contract: what the builder, the review resolver and the CI fixer may do with
 * a working copy. The real implementation runs the git CLI (see repo.ts); tests and the
 * harness pass the interface around.
 */
export interface GitIdentity {
  name: string;
  email: string;
}

export type ChangeStatus = 'added' | 'modified' | 'removed' | 'renamed';

export interface ChangedFile {
  filename: string;
  status: ChangeStatus;
  additions: number;
  deletions: number;
  previousFilename?: string;
  /** Set when the new version of the file is a symbolic link: the link's target, verbatim. */
  symlinkTarget?: string;
}

export type MergeResult = { ok: true; sha: string } | { ok: false; conflicts: string[] };

export interface GitPort {
  readonly root: string;
  headSha(): Promise<string>;
  /** The checked-out branch, or '' when HEAD is detached. */
  currentBranch(): Promise<string>;
  /** 'local': refs/heads/<name> here; 'remote': the branch exists on origin (asks the remote). */
  branchExists(name: string, where: 'local' | 'remote'): Promise<boolean>;
  checkoutNewBranch(name: string, from: string /* e.g. 'origin/main' */): Promise<void>;
  /** Switches to a local branch, or creates one tracking origin/<name> when only that exists. */
  checkout(name: string): Promise<void>;
  /** Fetches origin (all branches, or one branch into origin/<ref>). Unshallows a shallow clone. */
  fetch(ref?: string): Promise<void>;
  /** Working tree + index changes against HEAD (what a commit would contain), including untracked non-ignored files. */
  pendingChanges(): Promise<ChangedFile[]>;
  /** Files changed between base and HEAD (three-dot semantics like a PR). `base` is a ref, e.g. 'origin/main'. */
  changedFiles(base: string): Promise<ChangedFile[]>;
  /** Unified diff of base...HEAD, or of the pending changes when no base is given. */
  diff(base?: string, opts?: { maxBytes?: number }): Promise<string>;
  /** Stage everything and commit; returns the new sha, or null when there is nothing to commit. Author/committer from identity; `Co-authored-by:` trailers for coAuthors. */
  commitAll(message: string, opts: { author: GitIdentity; committer?: GitIdentity; coAuthors?: GitIdentity[] }): Promise<string | null>;
  /** Push a branch to origin. Refuses (throws GitPolicyError) to push the default branch or any branch not starting with the allowed prefix (default 'factory/'); never force-pushes unless `forceWithLease` is given. */
  push(branch: string, opts?: { forceWithLease?: boolean }): Promise<{ pushed: boolean; sha: string }>;
  /**
   * Merge origin/<base> into the current branch (fetching it first); returns conflicts if any (and
   * aborts the merge). With `keepConflicts` a conflicting merge is left in progress instead: the
   * conflicted files hold git's markers, and the next commitAll records the merge commit.
   */
  mergeBase(base: string, opts?: { keepConflicts?: boolean }): Promise<MergeResult>;
  /** Makes HEAD, index and working tree match `ref` (untracked non-ignored files are removed too). */
  resetHard(ref: string): Promise<void>;
}

export interface OpenGitOptions {
  root: string;
  defaultBranch: string;
  /** Only branches starting with this may be pushed. Default 'factory/'. */
  branchPrefix?: string;
  /** Exact branch names that may be pushed too (a person's branch handed over with factory:assist); never the default branch. */
  extraBranches?: string[];
  /** Token for https remotes; sent as an http.extraheader through the environment, never stored. */
  token?: string;
  /** Environment for git (default: process.env). Git's own variables in it are sanitised. */
  env?: NodeJS.ProcessEnv;
  /** Per-command time limit. Default 5 minutes. */
  timeoutMs?: number;
  /** Committer of merge commits and the default committer of commits. */
  identity?: GitIdentity;
}

export interface CloneOptions extends Omit<OpenGitOptions, 'root'> {
  /** An https URL, or a local path to a (bare) repository. */
  remoteUrl: string;
  /** Where to clone to; must not exist or be empty. */
  dir: string;
  /** Branch to check out (default: the remote's HEAD). */
  branch?: string;
}
