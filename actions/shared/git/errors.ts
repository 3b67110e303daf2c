/** Typed errors of the git layer. Every message is redacted before it is built. */

export type GitPolicyRule = 'default-branch' | 'branch-prefix' | 'force-push';

/** A push the factory refuses to make, whatever asked for it. */
export class GitPolicyError extends Error {
  override readonly name = 'GitPolicyError';
  constructor(
    readonly rule: GitPolicyRule,
    readonly branch: string,
    message: string,
  ) {
    super(message);
  }
}

/** A git command that failed. `stderr` is already redacted. */
export class GitCommandError extends Error {
  override readonly name = 'GitCommandError';
  constructor(
    /** The git subcommand, e.g. 'push'. */
    readonly command: string,
    /** Exit code, or null when git was killed (timeout) or could not start. */
    readonly exitCode: number | null,
    readonly stderr: string,
    detail?: string,
  ) {
    const why = detail ?? (exitCode === null ? 'did not finish' : `exit ${exitCode}`);
    super(`git ${command} failed (${why})${stderr ? `: ${stderr}` : ''}`);
  }
}

export function isGitPolicyError(e: unknown): e is GitPolicyError {
  return e instanceof GitPolicyError || (e instanceof Error && e.name === 'GitPolicyError');
}

export function isGitCommandError(e: unknown): e is GitCommandError {
  return e instanceof GitCommandError || (e instanceof Error && e.name === 'GitCommandError');
}
