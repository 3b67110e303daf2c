import { createRunner, gitEnv } from '../../shared/git/run';
import type { CommitFiles } from '../../shared/quality';

/**
 * The graded commit's files, read from git (`git show <sha>:<path>`), never from the working
 * tree: the test command ran in that tree and could have changed it.
 */
export interface CommitTree extends CommitFiles {
  /** Every file of the commit, repository-relative. */
  list(): Promise<string[]>;
}

const MAX_FILE_BYTES = 2 * 1024 * 1024;

export async function commitTree(root: string, env: Record<string, string>): Promise<CommitTree> {
  const git = createRunner({ cwd: root, env: gitEnv(env), timeoutMs: 60_000, secrets: [] });
  const sha = (await git.run('rev-parse', ['--verify', 'HEAD^{commit}'])).stdout.trim();
  let listed: string[] | undefined;
  const list = async (): Promise<string[]> => {
    listed ??= (await git.run('ls-tree', ['-r', '--name-only', '-z', sha], {})).stdout.split('\0').filter(Boolean);
    return listed;
  };
  const cache = new Map<string, Promise<string | undefined>>();
  return {
    sha,
    list,
    read(path) {
      let hit = cache.get(path);
      if (!hit) {
        hit = (async () => {
          if (!(await list()).includes(path)) return undefined;
          const r = await git.run('cat-file', ['blob', `${sha}:${path}`], { okCodes: [128], limitBytes: MAX_FILE_BYTES });
          return r.code === 0 ? r.stdout : undefined;
        })();
        cache.set(path, hit);
      }
      return hit;
    },
  };
}
