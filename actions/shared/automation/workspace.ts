import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AutomationDeps } from './types';
import { openGit, type GitPort } from '../git';

/**
 * The working copy a build or a CI fix runs in: the workspace opened as a git repository, with
 * the factory's own run files kept out of every commit, on the branch of the work.
 */

/** Run records and transcripts are written under `.factory/` in the workspace: never commit them. */
export const LOCAL_EXCLUDES = ['/.factory/'];

/** The workspace as a git repository; `extraBranches` may be pushed besides factory/ ones (factory:assist). */
export function gitFor(deps: Pick<AutomationDeps, 'git' | 'workspace' | 'env'>, defaultBranch: string, extraBranches?: string[]): GitPort {
  const opts = extraBranches?.length ? { extraBranches } : undefined;
  return deps.git ? deps.git(opts) : openGit({ root: deps.workspace, defaultBranch, env: deps.env, ...(opts ?? {}) });
}

/** Adds the factory's excludes to `.git/info/exclude` (local to this clone, never committed). */
export function excludeFactoryFiles(root: string): void {
  const file = path.join(root, '.git', 'info', 'exclude');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const missing = LOCAL_EXCLUDES.filter((l) => !current.split('\n').includes(l));
  if (missing.length) fs.writeFileSync(file, `${current}${current && !current.endsWith('\n') ? '\n' : ''}${missing.join('\n')}\n`);
}

/**
 * Check out `branch`: the remote branch when an earlier run pushed it (so a re-run continues
 * its work and pushes fast-forward), else a new branch from the default branch.
 */
export async function checkoutWorkBranch(git: GitPort, branch: string, defaultBranch: string): Promise<'continued' | 'created'> {
  excludeFactoryFiles(git.root);
  await git.fetch();
  if (await git.branchExists(branch, 'remote')) {
    if ((await git.currentBranch()) !== branch) await git.checkout(branch);
    await git.resetHard(`origin/${branch}`);
    return 'continued';
  }
  if (await git.branchExists(branch, 'local')) {
    await git.checkout(branch);
    await git.resetHard(`origin/${defaultBranch}`);
  } else {
    await git.checkoutNewBranch(branch, `origin/${defaultBranch}`);
  }
  return 'created';
}
