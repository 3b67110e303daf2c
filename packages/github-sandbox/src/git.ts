/**
 * The sandbox's git side: one real bare repository per seeded repo, driven through the `git`
 * CLI. Identity is passed with `-c` flags; no global or system configuration is read or written.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const IDENTITY = ['-c', 'user.name=GitHub Sandbox', '-c', 'user.email=sandbox@users.noreply.github.com', '-c', 'commit.gpgsign=false'];

export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

export class GitError extends Error {
  override readonly name = 'GitError';
  constructor(
    readonly args: string[],
    readonly result: GitResult,
  ) {
    super(`git ${args.join(' ')} failed (exit ${result.code}): ${result.stderr.trim()}`);
  }
}

export function runGit(args: string[], options: { cwd?: string; input?: Buffer | string } = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...IDENTITY, ...args], {
      cwd: options.cwd,
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

export interface ChangedFile {
  filename: string;
  previousFilename?: string;
  status: 'added' | 'removed' | 'modified' | 'renamed';
  additions: number;
  deletions: number;
  /** Hunks only (from the first `@@`), as GitHub's files API returns them; absent for binaries. */
  patch?: string;
  /** Blob sha of the new version (of the old one for removed files). */
  sha: string | null;
}

/** How a pull request's base merges into its head (GitHub's mergeable state, as far as git decides it). */
export type Mergeability = 'clean' | 'behind' | 'dirty' | 'unknown';

export type TreeEntry = { type: 'file' | 'dir' | 'submodule' | 'symlink'; path: string; name: string; sha: string; size: number };

export interface CommitInfo {
  sha: string;
  tree: string;
  author: { name: string; email: string; date: string };
  committer: { name: string; email: string; date: string };
  message: string;
  added: string[];
  removed: string[];
  modified: string[];
}

export class GitRemotes {
  constructor(readonly dataDir: string) {}

  path(owner: string, repo: string): string {
    return path.join(this.dataDir, owner, `${repo}.git`);
  }

  private async git(owner: string, repo: string, args: string[], input?: Buffer | string): Promise<Buffer> {
    const result = await runGit(args, { cwd: this.path(owner, repo), ...(input !== undefined ? { input } : {}) });
    if (result.code !== 0) throw new GitError(args, result);
    return result.stdout;
  }

  private async tryGit(owner: string, repo: string, args: string[]): Promise<GitResult> {
    return runGit(args, { cwd: this.path(owner, repo) });
  }

  /** Create the bare repository; with files, make the initial commit on the default branch. */
  async init(owner: string, repo: string, defaultBranch: string, files?: Record<string, string>, at: Date = new Date()): Promise<void> {
    const dir = this.path(owner, repo);
    fs.mkdirSync(dir, { recursive: true });
    const init = await runGit(['init', '--quiet', '--bare', `--initial-branch=${defaultBranch}`, dir]);
    if (init.code !== 0) throw new GitError(['init'], init);
    const entries = Object.entries(files ?? {});
    // A reused data dir keeps its history: seed only an empty repository.
    if (entries.length === 0 || (await this.branches(owner, repo)).size > 0) return;
    const chunks: Buffer[] = [];
    const message = Buffer.from('Initial commit\n');
    const when = `${Math.floor(at.getTime() / 1000)} +0000`;
    chunks.push(
      Buffer.from(
        `commit refs/heads/${defaultBranch}\ncommitter GitHub Sandbox <sandbox@users.noreply.github.com> ${when}\ndata ${message.length}\n`,
      ),
      message,
    );
    for (const [file, content] of entries) {
      const data = Buffer.from(content, 'utf8');
      const quoted = JSON.stringify(file.replace(/^\/+/, ''));
      chunks.push(Buffer.from(`M 100644 inline ${quoted}\ndata ${data.length}\n`), data, Buffer.from('\n'));
    }
    chunks.push(Buffer.from('done\n'));
    await this.git(owner, repo, ['fast-import', '--quiet', '--done'], Buffer.concat(chunks));
  }

  /** Branch name -> head sha, for every branch. */
  async branches(owner: string, repo: string): Promise<Map<string, string>> {
    const out = (await this.git(owner, repo, ['for-each-ref', '--format=%(objectname) %(refname)', 'refs/heads/'])).toString('utf8');
    const map = new Map<string, string>();
    for (const line of out.split('\n')) {
      const m = /^([0-9a-f]{40}) refs\/heads\/(.+)$/.exec(line);
      if (m) map.set(m[2]!, m[1]!);
    }
    return map;
  }

  /** Full ref name (`refs/heads/main`, `refs/tags/v1`) -> sha, for every branch and tag. */
  async refs(owner: string, repo: string): Promise<Map<string, string>> {
    const out = (await this.git(owner, repo, ['for-each-ref', '--format=%(objectname) %(refname)', 'refs/heads/', 'refs/tags/'])).toString(
      'utf8',
    );
    const map = new Map<string, string>();
    for (const line of out.split('\n')) {
      const m = /^([0-9a-f]{40}) (refs\/.+)$/.exec(line);
      if (m) map.set(m[2]!, m[1]!);
    }
    return map;
  }

  /** Whether `ancestor` is reachable from `commit`. */
  async isAncestor(owner: string, repo: string, ancestor: string, commit: string): Promise<boolean> {
    return (await this.tryGit(owner, repo, ['merge-base', '--is-ancestor', ancestor, commit])).code === 0;
  }

  /**
   * Whether `base` merges into `head` as GitHub reports it on a pull request: `clean` when the head
   * already contains the base, `behind` when the base moved on and merges cleanly, `dirty` on a
   * conflict, `unknown` when git cannot tell (a commit it does not have). Cached per oid pair:
   * commits never change, so neither does the answer.
   */
  async mergeability(owner: string, repo: string, base: string, head: string): Promise<Mergeability> {
    const key = `${owner}/${repo}:${base}:${head}`;
    let known = this.mergeabilities.get(key);
    if (!known) {
      known = this.computeMergeability(owner, repo, base, head);
      this.mergeabilities.set(key, known);
      known.catch(() => this.mergeabilities.delete(key));
    }
    return known;
  }

  private readonly mergeabilities = new Map<string, Promise<Mergeability>>();

  private async computeMergeability(owner: string, repo: string, base: string, head: string): Promise<Mergeability> {
    const contained = await this.tryGit(owner, repo, ['merge-base', '--is-ancestor', base, head]);
    if (contained.code === 0) return 'clean';
    if (contained.code !== 1) return 'unknown';
    const merged = await this.tryGit(owner, repo, ['merge-tree', '--write-tree', '--no-messages', head, base]);
    return merged.code === 0 ? 'behind' : merged.code === 1 ? 'dirty' : 'unknown';
  }

  /** The best common ancestor of two commits; undefined when they share none. */
  async mergeBase(owner: string, repo: string, a: string, b: string): Promise<string | undefined> {
    const result = await this.tryGit(owner, repo, ['merge-base', a, b]);
    return result.code === 0 ? result.stdout.toString('utf8').trim() : undefined;
  }

  /** Commits reachable from `head` and not from `base`, oldest first, at most `limit` (the newest). */
  async revList(owner: string, repo: string, base: string, head: string, limit: number): Promise<string[]> {
    const out = (await this.git(owner, repo, ['rev-list', '--reverse', `${base}..${head}`])).toString('utf8');
    return out
      .split('\n')
      .filter((l) => /^[0-9a-f]{40}$/.test(l))
      .slice(-limit);
  }

  /** One commit's metadata and parents, for the REST commit object. */
  async commitMeta(
    owner: string,
    repo: string,
    sha: string,
  ): Promise<Omit<CommitInfo, 'added' | 'removed' | 'modified'> & { parents: string[] }> {
    const out = (
      await this.git(owner, repo, ['log', '-1', '--format=%H%x00%T%x00%P%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00%B', sha, '--'])
    ).toString('utf8');
    const [full, tree, parents, an, ae, ad, cn, ce, cd, message] = out.split('\0');
    return {
      sha: full!,
      tree: tree!,
      parents: (parents ?? '').split(' ').filter(Boolean),
      author: { name: an!, email: ae!, date: ad! },
      committer: { name: cn!, email: ce!, date: cd! },
      message: (message ?? '').replace(/\n+$/, ''),
    };
  }

  /** Commits reachable from `head` but from none of `exclude`, oldest first (at most `limit`), with the files each touched. */
  async commitsBetween(owner: string, repo: string, head: string, exclude: string[], limit = 20): Promise<CommitInfo[]> {
    const args = ['log', '--reverse', '--format=%H%x00%T%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00%B%x1e', head];
    if (exclude.length) args.push('--not', ...exclude);
    const out = (await this.git(owner, repo, args)).toString('utf8');
    const commits: CommitInfo[] = [];
    for (const record of out.split('\x1e').slice(-limit - 1)) {
      const [sha, tree, an, ae, ad, cn, ce, cd, message] = record.replace(/^\n/, '').split('\0');
      if (!sha || !/^[0-9a-f]{40}$/.test(sha)) continue;
      const status = (
        await this.git(owner, repo, ['diff-tree', '--no-commit-id', '--root', '-r', '--name-status', '-m', '--first-parent', sha])
      )
        .toString('utf8')
        .split('\n')
        .map((line) => line.split('\t'));
      const files = (code: string): string[] =>
        status.filter((parts) => parts[0]?.startsWith(code)).map((parts) => parts[parts.length - 1]!);
      commits.push({
        sha,
        tree: tree!,
        author: { name: an!, email: ae!, date: ad! },
        committer: { name: cn!, email: ce!, date: cd! },
        message: (message ?? '').replace(/\n+$/, ''),
        added: files('A'),
        removed: files('D'),
        modified: [...files('M'), ...files('R')],
      });
    }
    return commits.slice(-limit);
  }

  /** Commit sha of a branch, tag, `heads/x`, `tags/x` or sha; undefined when it does not resolve. */
  async resolve(owner: string, repo: string, ref: string): Promise<string | undefined> {
    if (ref.startsWith('-')) return undefined;
    const candidates = /^[0-9a-f]{7,40}$/.test(ref)
      ? [ref]
      : [`refs/heads/${ref.replace(/^heads\//, '')}`, `refs/tags/${ref.replace(/^tags\//, '')}`, `refs/${ref}`];
    for (const candidate of candidates) {
      const result = await this.tryGit(owner, repo, ['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`]);
      if (result.code === 0) return result.stdout.toString('utf8').trim();
    }
    return undefined;
  }

  /** `git diff base...head`: the unified diff GitHub shows for a pull request. */
  async diff(owner: string, repo: string, base: string, head: string): Promise<string> {
    return (await this.git(owner, repo, ['diff', '--no-color', '--no-ext-diff', '-M', `${base}...${head}`])).toString('utf8');
  }

  async changedFiles(owner: string, repo: string, base: string, head: string): Promise<ChangedFile[]> {
    const text = (await this.git(owner, repo, ['diff', '--no-color', '--no-ext-diff', '--full-index', '-M', `${base}...${head}`])).toString(
      'utf8',
    );
    return parseDiff(text);
  }

  /** Number of commits on head that are not on base. */
  async aheadCount(owner: string, repo: string, base: string, head: string): Promise<number> {
    const result = await this.tryGit(owner, repo, ['rev-list', '--count', `${base}..${head}`]);
    return result.code === 0 ? Number(result.stdout.toString('utf8').trim()) : 0;
  }

  /** A path at a commit: file content, directory listing, or undefined when absent. */
  async readPath(
    owner: string,
    repo: string,
    commit: string,
    filePath: string,
  ): Promise<{ kind: 'file'; sha: string; content: Buffer } | { kind: 'dir'; entries: TreeEntry[] } | undefined> {
    const clean = filePath.replace(/^\/+|\/+$/g, '');
    if (clean === '') return { kind: 'dir', entries: await this.listTree(owner, repo, commit, '') };
    const info = await this.tryGit(owner, repo, ['ls-tree', '-l', '-z', commit, '--', clean]);
    if (info.code !== 0) return undefined;
    const entry = parseTree(info.stdout.toString('utf8'))[0];
    if (!entry || entry.path !== clean) return undefined;
    if (entry.type === 'dir') return { kind: 'dir', entries: await this.listTree(owner, repo, commit, `${clean}/`) };
    const content = await this.git(owner, repo, ['cat-file', 'blob', entry.sha]);
    return { kind: 'file', sha: entry.sha, content };
  }

  private async listTree(owner: string, repo: string, commit: string, prefix: string): Promise<TreeEntry[]> {
    const out = await this.git(owner, repo, ['ls-tree', '-l', '-z', commit, ...(prefix ? ['--', prefix] : [])]);
    return parseTree(out.toString('utf8'));
  }

  /**
   * Merge `source` into the `target` branch in a temporary worktree: "Update branch" merges the
   * base into the head, merging a pull request merges the head into the base (or squashes it).
   * Returns the new tip of `target`, or a failure (the branch is left untouched on conflict).
   */
  async mergeInto(
    owner: string,
    repo: string,
    target: string,
    source: string,
    options: { message: string; squash?: boolean },
  ): Promise<{ ok: true; sha: string } | { ok: false; reason: string }> {
    const cwd = this.path(owner, repo);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-worktree-'));
    try {
      const add = await runGit(['worktree', 'add', '--quiet', work, target], { cwd });
      if (add.code !== 0) return { ok: false, reason: add.stderr.trim() };
      const args = options.squash
        ? ['merge', '--squash', `refs/heads/${source}`]
        : ['merge', '--no-edit', '--no-ff', '-m', options.message, `refs/heads/${source}`];
      const merge = await runGit(args, { cwd: work });
      if (merge.code !== 0) {
        await runGit(options.squash ? ['reset', '--hard', '--quiet'] : ['merge', '--abort'], { cwd: work });
        return { ok: false, reason: 'merge conflict' };
      }
      if (options.squash) {
        const commit = await runGit(['commit', '--quiet', '--no-verify', '-m', options.message], { cwd: work });
        if (commit.code !== 0) return { ok: false, reason: commit.stderr.trim() || 'nothing to squash' };
      }
      const sha = (await runGit(['rev-parse', 'HEAD'], { cwd: work })).stdout.toString('utf8').trim();
      return { ok: true, sha };
    } finally {
      await runGit(['worktree', 'remove', '--force', work], { cwd });
      fs.rmSync(work, { recursive: true, force: true });
      await runGit(['worktree', 'prune'], { cwd });
    }
  }

  /**
   * A new commit joining `source` onto `parent` without touching any branch (as a merge queue
   * builds a merge group): a merge commit with both as parents, or with `squash` one commit on
   * `parent` holding the merged tree. `ok: false` on a conflict.
   */
  async commitMerge(
    owner: string,
    repo: string,
    parent: string,
    source: string,
    options: { message: string; squash?: boolean },
  ): Promise<{ ok: true; sha: string } | { ok: false; reason: string }> {
    const tree = await this.tryGit(owner, repo, ['merge-tree', '--write-tree', '--no-messages', parent, source]);
    if (tree.code !== 0) return { ok: false, reason: 'merge conflict' };
    const treeSha = tree.stdout.toString('utf8').split('\n')[0]!.trim();
    const parents = options.squash ? ['-p', parent] : ['-p', parent, '-p', source];
    const commit = await runGit(['commit-tree', treeSha, ...parents], { cwd: this.path(owner, repo), input: options.message });
    if (commit.code !== 0) throw new GitError(['commit-tree', treeSha], commit);
    return { ok: true, sha: commit.stdout.toString('utf8').trim() };
  }

  /** Point `ref` (`refs/heads/...`) at `sha`, only if it is at `expected` now when given (ZERO: absent). */
  async updateRef(owner: string, repo: string, ref: string, sha: string, expected?: string): Promise<boolean> {
    const result = await this.tryGit(owner, repo, ['update-ref', ref, sha, ...(expected ? [expected] : [])]);
    return result.code === 0;
  }

  /** Delete `ref` (`refs/heads/...`); nothing when it is absent. */
  async deleteRef(owner: string, repo: string, ref: string): Promise<void> {
    await this.tryGit(owner, repo, ['update-ref', '-d', ref]);
  }
}

function parseTree(text: string): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of text.split('\0')) {
    const m = /^(\d+) (\w+) ([0-9a-f]{40})\s+(-|\d+)\t(.*)$/s.exec(record);
    if (!m) continue;
    const [, mode, kind, sha, size, p] = m as unknown as [string, string, string, string, string, string];
    const type = kind === 'tree' ? 'dir' : kind === 'commit' ? 'submodule' : mode === '120000' ? 'symlink' : 'file';
    entries.push({ type, path: p, name: p.split('/').pop() ?? p, sha, size: size === '-' ? 0 : Number(size) });
  }
  return entries;
}

/** Split a `git diff --full-index -M` into per-file entries with GitHub's status names. */
export function parseDiff(text: string): ChangedFile[] {
  const files: ChangedFile[] = [];
  const sections = text.split(/^(?=diff --git )/m).filter((s) => s.startsWith('diff --git '));
  for (const section of sections) {
    const lines = section.split('\n');
    const header = /^diff --git a\/(.*) b\/(.*)$/.exec(lines[0] ?? '');
    let oldPath = header?.[1] ?? '';
    let newPath = header?.[2] ?? '';
    let status: ChangedFile['status'] = 'modified';
    let oldSha: string | null = null;
    let newSha: string | null = null;
    let binary = false;
    let hunkStart = -1;
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.startsWith('@@')) {
        hunkStart = i;
        break;
      }
      if (line.startsWith('new file mode')) status = 'added';
      else if (line.startsWith('deleted file mode')) status = 'removed';
      else if (line.startsWith('rename from ')) {
        status = 'renamed';
        oldPath = line.slice('rename from '.length);
      } else if (line.startsWith('rename to ')) newPath = line.slice('rename to '.length);
      else if (line.startsWith('--- a/')) oldPath = line.slice(6);
      else if (line.startsWith('+++ b/')) newPath = line.slice(6);
      else if (line.startsWith('Binary files ')) binary = true;
      else {
        const index = /^index ([0-9a-f]+)\.\.([0-9a-f]+)/.exec(line);
        if (index) {
          oldSha = index[1]!;
          newSha = index[2]!;
        }
      }
    }
    let additions = 0;
    let deletions = 0;
    let patch: string | undefined;
    if (hunkStart >= 0 && !binary) {
      const hunk = lines.slice(hunkStart);
      while (hunk.length > 0 && hunk[hunk.length - 1] === '') hunk.pop();
      for (const line of hunk) {
        if (line.startsWith('+')) additions++;
        else if (line.startsWith('-')) deletions++;
      }
      patch = hunk.join('\n');
    }
    const zero = /^0+$/;
    const sha = status === 'removed' ? oldSha : newSha;
    files.push({
      filename: status === 'removed' ? oldPath : newPath,
      ...(status === 'renamed' ? { previousFilename: oldPath } : {}),
      status,
      additions,
      deletions,
      ...(patch !== undefined ? { patch } : {}),
      sha: sha && !zero.test(sha) ? sha : null,
    });
  }
  return files;
}

/**
 * Lines a review comment may target, per side, for one file's patch: added and context lines on
 * the RIGHT (new line numbers), removed and context lines on the LEFT (old line numbers).
 */
export function commentableLines(patch: string): { LEFT: Set<number>; RIGHT: Set<number> } {
  const result = { LEFT: new Set<number>(), RIGHT: new Set<number>() };
  let oldLine = 0;
  let newLine = 0;
  for (const line of patch.split('\n')) {
    const hunk = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (hunk) {
      oldLine = Number(hunk[1]);
      newLine = Number(hunk[2]);
      continue;
    }
    if (line.startsWith('+')) result.RIGHT.add(newLine++);
    else if (line.startsWith('-')) result.LEFT.add(oldLine++);
    else if (line.startsWith(' ') || line === '') {
      result.LEFT.add(oldLine++);
      result.RIGHT.add(newLine++);
    }
  }
  return result;
}

/** The diff hunk GitHub shows above a review comment: from the hunk header down to the line. */
export function diffHunkFor(patch: string, line: number, side: 'LEFT' | 'RIGHT'): string {
  const lines = patch.split('\n');
  let start = 0;
  let oldLine = 0;
  let newLine = 0;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    const hunk = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
    if (hunk) {
      start = i;
      oldLine = Number(hunk[1]);
      newLine = Number(hunk[2]);
      continue;
    }
    let hitOld = false;
    let hitNew = false;
    if (text.startsWith('+')) hitNew = newLine++ === line;
    else if (text.startsWith('-')) hitOld = oldLine++ === line;
    else {
      hitOld = oldLine++ === line;
      hitNew = newLine++ === line;
    }
    if ((side === 'RIGHT' && hitNew && !text.startsWith('-')) || (side === 'LEFT' && hitOld && !text.startsWith('+'))) {
      return lines.slice(start, i + 1).join('\n');
    }
  }
  return lines.slice(0, 1).join('\n');
}
