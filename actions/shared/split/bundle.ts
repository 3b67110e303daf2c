import * as fs from 'node:fs';
import { createRunner, gitEnv, type GitRunner } from '../git/run';

/**
 * The commits the agent job made travel to the apply job as a git bundle: only what the remote
 * does not have yet (`--not --remotes=origin`), under `refs/factory-split/<n>` for the n-th push.
 * The apply job verifies the bundle against its own fresh checkout (its prerequisites must be
 * there) and fetches it into that checkout; it then looks up only the shas the push writes name.
 */

const SPLIT_REFS = 'refs/factory-split';
const TIMEOUT_MS = 5 * 60_000;

export function splitRunner(root: string, env: NodeJS.ProcessEnv): GitRunner {
  return createRunner({ cwd: root, env: gitEnv(env), timeoutMs: TIMEOUT_MS, secrets: [] });
}

/**
 * Write a bundle of `shas` (the pushes, in order) to `file`. Returns false, and writes nothing,
 * when the remote already has every commit.
 */
export async function createBundle(git: GitRunner, shas: string[], file: string): Promise<boolean> {
  if (shas.length === 0) return false;
  const refs = shas.map((_, i) => `${SPLIT_REFS}/${i}`);
  for (const [i, sha] of shas.entries()) await git.run('update-ref', [refs[i]!, sha]);
  try {
    const missing = await git.run('rev-list', ['--count', ...shas, '--not', '--remotes=origin']);
    if (Number(missing.stdout.trim()) === 0) return false;
    await git.run('bundle', ['create', '--quiet', file, ...refs, '--not', '--remotes=origin']);
    return true;
  } finally {
    for (const ref of refs) await git.run('update-ref', ['-d', ref], { okCodes: [1] });
  }
}

/** Why the bundle does not fit this checkout (missing prerequisites, not a bundle), if it does not. */
export async function importBundle(git: GitRunner, file: string): Promise<string | undefined> {
  if (!fs.existsSync(file)) return undefined;
  const verify = await git.run('bundle', ['verify', '--quiet', file], { okCodes: [1, 128] });
  if (verify.code !== 0) return (verify.stderr || 'not a valid bundle').split('\n')[0];
  await git.run('fetch', ['--quiet', '--no-tags', file, `+${SPLIT_REFS}/*:${SPLIT_REFS}/*`]);
  return undefined;
}

/** Whether `sha` names a commit in this checkout. */
export async function hasCommit(git: GitRunner, sha: string): Promise<boolean> {
  const r = await git.run('cat-file', ['-e', `${sha}^{commit}`], { okCodes: [1, 128] });
  return r.code === 0;
}

/** Whether `ancestor` is an ancestor of (or equal to) `ref`. */
export async function isAncestor(git: GitRunner, ancestor: string, ref: string): Promise<boolean> {
  const r = await git.run('merge-base', ['--is-ancestor', ancestor, ref], { okCodes: [1, 128] });
  return r.code === 0;
}

export async function revParse(git: GitRunner, ref: string): Promise<string> {
  return (await git.run('rev-parse', ['--verify', '--quiet', `${ref}^{commit}`])).stdout.trim();
}
