import type { AutomationRun } from '../../shared/automation/types';
import { openGit } from '../../shared/git';

/**
 * Gives a run that pushes a git port with the token: the checkout keeps no credentials
 * (`persist-credentials: false`), so the token is sent per git command through the environment
 * (never argv, the remote URL or .git/config). The default branch is asked of GitHub, so the
 * git layer refuses to push it whatever the caller asks.
 */
export function withPushAccess(run: AutomationRun, token: string): AutomationRun {
  return async (deps, inputs) => {
    if (deps.git || !token) return run(deps, inputs);
    const defaultBranch = (await deps.github.reader.getRepository()).defaultBranch;
    return run(
      { ...deps, git: (opts) => openGit({ root: deps.workspace, defaultBranch, token, env: deps.env, ...(opts?.extraBranches ? { extraBranches: opts.extraBranches } : {}) }) },
      inputs,
    );
  };
}
