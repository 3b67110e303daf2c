import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_BRANCH_PREFIX, isSafeBranchName } from './branch';
import { GitCommandError, GitPolicyError } from './errors';
import { combine, parseEntriesZ, type IndexEntry, parseNameStatusZ, parseNumstatZ, parsePathsZ, parseStatusZ } from './parse';
import { authEnv, basicCredential, createRunner, gitEnv, identityEnv, type GitRunner } from './run';
import type { ChangedFile, CloneOptions, GitIdentity, GitPort, MergeResult, OpenGitOptions } from './types';

const DEFAULT_TIMEOUT_MS = 5 * 60_000;
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
const SYMLINK_MODE = '120000';

/** Committer of merges, and of commits that name no committer. */
export const DEFAULT_IDENTITY: GitIdentity = {
  name: 'github-actions[bot]',
  email: '41898282+github-actions[bot]@users.noreply.github.com',
};

/** Ignore diff drivers and text conversions a repository's attributes may name. */
const DIFF_FLAGS = ['--no-color', '--no-ext-diff', '--no-textconv', '--find-renames'];

export function openGit(opts: OpenGitOptions): GitPort {
  const root = path.resolve(opts.root);
  const secrets = opts.token ? [opts.token, basicCredential(opts.token)] : [];
  const git = createRunner({
    cwd: root,
    env: gitEnv(opts.env ?? process.env),
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    secrets,
  });
  return new CliGit(root, git, opts);
}

/** Clones `remoteUrl` (https with a token, or a local path) into `dir` and opens it. */
export async function cloneRepository(opts: CloneOptions): Promise<GitPort> {
  assertRemoteUrl(opts.remoteUrl);
  if (opts.branch !== undefined) assertBranch(opts.branch);
  const dir = path.resolve(opts.dir);
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
    throw new Error(`cloneRepository: ${opts.dir} exists and is not empty`);
  }
  const parent = path.dirname(dir);
  fs.mkdirSync(parent, { recursive: true });
  const runner = createRunner({
    cwd: parent,
    env: gitEnv(opts.env ?? process.env),
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    secrets: opts.token ? [opts.token, basicCredential(opts.token)] : [],
  });
  const args = ['--quiet', '--no-tags', '--origin', 'origin'];
  if (opts.branch !== undefined) args.push('--branch', opts.branch);
  args.push('--', opts.remoteUrl, dir);
  await runner.run('clone', args, { env: authEnv(opts.remoteUrl, opts.token) });
  const { remoteUrl: _remote, dir: _dir, branch: _branch, ...rest } = opts;
  return openGit({ ...rest, root: dir });
}

/** Which branches a push may go to: never the default branch; factory/ ones and exactly named hand-overs. */
export interface PushRules {
  defaultBranch: string;
  branchPrefix?: string;
  extraBranches?: string[];
}

/** Why a push to `branch` is refused by the branch rules, if it is (the same check GitPort.push makes). */
export function pushRefusal(branch: string, rules: PushRules): GitPolicyError | undefined {
  const prefix = rules.branchPrefix ?? DEFAULT_BRANCH_PREFIX;
  if (branch === rules.defaultBranch) {
    return new GitPolicyError('default-branch', branch, `refusing to push the default branch ${branch}`);
  }
  const handedOver = rules.extraBranches?.includes(branch) ?? false;
  if (!handedOver && (!branch.startsWith(prefix) || branch === prefix)) {
    return new GitPolicyError('branch-prefix', branch, `refusing to push ${branch}: only branches starting with ${prefix} may be pushed`);
  }
  return undefined;
}

function assertRemoteUrl(url: string): void {
  // `ext::`/`fd::` transports run commands; a leading dash would be read as an option.
  if (url === '' || url.startsWith('-') || /^[a-z][a-z0-9+.-]*::/i.test(url)) {
    throw new Error(`cloneRepository: unsupported remote URL ${JSON.stringify(url)}`);
  }
}

function assertBranch(name: string): void {
  if (!isSafeBranchName(name)) throw new Error(`invalid branch name ${JSON.stringify(name)}`);
}

function assertRef(ref: string): void {
  if (ref === '' || ref.startsWith('-') || /[\x00-\x20\x7f]/.test(ref)) {
    throw new Error(`invalid git ref ${JSON.stringify(ref)}`);
  }
}

function assertIdentity(who: GitIdentity, role: string): void {
  const bad = (s: string): boolean => s.trim() === '' || /[<>\n\r\0]/.test(s);
  if (bad(who.name) || bad(who.email)) {
    throw new Error(`commitAll: ${role} needs a name and an email without <, > or line breaks`);
  }
}

class CliGit implements GitPort {
  private readonly identity: GitIdentity;
  private remoteUrlCache: string | undefined;

  constructor(
    readonly root: string,
    private readonly git: GitRunner,
    private readonly opts: OpenGitOptions,
  ) {
    this.identity = opts.identity ?? DEFAULT_IDENTITY;
  }

  async headSha(): Promise<string> {
    const head = await this.headOrEmptyTree();
    if (head === EMPTY_TREE) throw new Error(`HEAD of ${this.root} does not point at a commit yet`);
    return head;
  }

  async currentBranch(): Promise<string> {
    return (await this.git.run('branch', ['--show-current'])).stdout.trim();
  }

  async branchExists(name: string, where: 'local' | 'remote'): Promise<boolean> {
    assertBranch(name);
    if (where === 'local') {
      const r = await this.git.run('show-ref', ['--verify', '--quiet', `refs/heads/${name}`], { okCodes: [1] });
      return r.code === 0;
    }
    const r = await this.git.run('ls-remote', ['--exit-code', '--heads', 'origin', `refs/heads/${name}`], {
      okCodes: [2],
      env: await this.remoteEnv(),
    });
    return r.code === 0;
  }

  async checkoutNewBranch(name: string, from: string): Promise<void> {
    assertBranch(name);
    assertRef(from);
    await this.git.run('switch', ['--quiet', '--no-track', '--create', name, from]);
  }

  async checkout(name: string): Promise<void> {
    assertBranch(name);
    await this.git.run('switch', ['--quiet', name]);
  }

  async fetch(ref?: string): Promise<void> {
    const args = ['--quiet', '--no-tags', '--prune'];
    if (await this.isShallow()) args.push('--unshallow');
    args.push('origin');
    if (ref !== undefined) {
      assertBranch(ref);
      args.push(`+refs/heads/${ref}:refs/remotes/origin/${ref}`);
    }
    await this.git.run('fetch', args, { env: await this.remoteEnv() });
  }

  async pendingChanges(): Promise<ChangedFile[]> {
    return this.withPendingIndex(async (env) => {
      const head = await this.headOrEmptyTree();
      const status = await this.git.run('status', ['--porcelain=v1', '-z', '--find-renames', '--untracked-files=all'], { env });
      const numstat = await this.git.run('diff', ['--cached', '--numstat', '-z', ...DIFF_FLAGS, head], { env });
      const files = combine(parseStatusZ(status.stdout), parseNumstatZ(numstat.stdout));
      const index = parseEntriesZ((await this.git.run('ls-files', ['-s', '-z'], { env })).stdout);
      return withSymlinks(files, await this.symlinks(index, files));
    });
  }

  async changedFiles(base: string): Promise<ChangedFile[]> {
    assertRef(base);
    const range = `${base}...HEAD`;
    const names = await this.git.run('diff', ['--name-status', '-z', ...DIFF_FLAGS, range]);
    const numstat = await this.git.run('diff', ['--numstat', '-z', ...DIFF_FLAGS, range]);
    const files = combine(parseNameStatusZ(names.stdout), parseNumstatZ(numstat.stdout));
    const tree = await this.git.run('ls-tree', ['-r', '-z', 'HEAD']);
    return withSymlinks(files, await this.symlinks(parseEntriesZ(tree.stdout), files));
  }

  async diff(base?: string, opts: { maxBytes?: number } = {}): Promise<string> {
    const limit = opts.maxBytes;
    const run = async (args: string[], env?: Record<string, string>) =>
      this.git.run('diff', [...DIFF_FLAGS, ...args], { env, ...(limit !== undefined ? { limitBytes: limit } : {}) });
    let result;
    if (base !== undefined) {
      assertRef(base);
      result = await run([`${base}...HEAD`]);
    } else {
      const head = await this.headOrEmptyTree();
      result = await this.withPendingIndex((env) => run(['--cached', head], env));
    }
    if (!result.truncated) return result.stdout;
    const text = result.stdout.replace(/\uFFFD+$/, '');
    return `${text}\n[diff truncated at ${limit} bytes]\n`;
  }

  async commitAll(
    message: string,
    opts: { author: GitIdentity; committer?: GitIdentity; coAuthors?: GitIdentity[] },
  ): Promise<string | null> {
    if (message.trim() === '') throw new Error('commitAll: the commit message is empty');
    const committer = opts.committer ?? this.identity;
    assertIdentity(opts.author, 'author');
    assertIdentity(committer, 'committer');
    const args = ['--quiet', '--no-verify', '--no-edit', '--cleanup=whitespace', '--file=-'];
    const seen = new Set([opts.author.email.toLowerCase()]);
    for (const co of opts.coAuthors ?? []) {
      assertIdentity(co, 'co-author');
      if (seen.has(co.email.toLowerCase())) continue;
      seen.add(co.email.toLowerCase());
      args.push('--trailer', `Co-authored-by: ${co.name} <${co.email}>`);
    }
    await this.git.run('add', ['--all']);
    const head = await this.headOrEmptyTree();
    const staged = await this.git.run('diff', ['--cached', '--quiet', '--no-ext-diff', head], { okCodes: [1] });
    if (staged.code === 0) return null;
    await this.git.run('commit', args, { input: message, env: identityEnv(opts.author, committer) });
    return this.headSha();
  }

  async push(branch: string, opts: { forceWithLease?: boolean } = {}): Promise<{ pushed: boolean; sha: string }> {
    const refusal = pushRefusal(branch, this.opts);
    if (refusal) throw refusal;
    assertBranch(branch);
    const ref = `refs/heads/${branch}`;
    const local = await this.git.run('rev-parse', ['--verify', '--quiet', `${ref}^{commit}`], { okCodes: [1] });
    if (local.code !== 0) throw new Error(`push: there is no local branch ${branch}`);
    const sha = local.stdout.trim();
    const args = ['--porcelain', '--no-verify'];
    if (opts.forceWithLease) args.push(`--force-with-lease=${ref}`);
    args.push('origin', `${ref}:${ref}`);
    const result = await this.git.run('push', args, { okCodes: [1], env: await this.remoteEnv() });
    const line = result.stdout.split('\n').find((l) => l.includes(`\t${ref}:${ref}\t`)) ?? '';
    const flag = line.charAt(0);
    if (result.code !== 0 || flag === '!') {
      if (/non-fast-forward|fetch first/.test(line)) {
        throw new GitPolicyError('force-push', branch, `refusing to force-push ${branch}: origin has commits this branch does not have`);
      }
      const summary = line.split('\t')[2] ?? '';
      throw new GitCommandError('push', result.code, [summary, result.stderr].filter(Boolean).join('\n'));
    }
    return { pushed: flag !== '=', sha };
  }

  async mergeBase(base: string, opts: { keepConflicts?: boolean } = {}): Promise<MergeResult> {
    assertBranch(base);
    await this.fetch(base);
    const env = identityEnv(this.identity, this.identity);
    const merge = await this.git.run(
      'merge',
      ['--no-edit', '--no-verify', '--no-ff', '-m', `Merge origin/${base}`, `refs/remotes/origin/${base}`],
      { okCodes: [1], env },
    );
    if (merge.code === 0) return { ok: true, sha: await this.headSha() };
    const conflicts = parsePathsZ((await this.git.run('diff', ['--name-only', '--diff-filter=U', '-z', '--no-ext-diff'])).stdout);
    if (opts.keepConflicts && conflicts.length > 0) return { ok: false, conflicts };
    await this.git.run('merge', ['--abort'], { okCodes: [128] });
    if (conflicts.length === 0) throw new GitCommandError('merge', merge.code, merge.stderr || merge.stdout.trim());
    return { ok: false, conflicts };
  }

  async resetHard(ref: string): Promise<void> {
    assertRef(ref);
    await this.git.run('reset', ['--quiet', '--hard', ref]);
    await this.git.run('clean', ['--quiet', '-d', '--force']);
  }

  /** Runs `fn` with an environment pointing at a copy of the index with every change staged. */
  private async withPendingIndex<T>(fn: (env: Record<string, string>) => Promise<T>): Promise<T> {
    const indexPath = (await this.git.run('rev-parse', ['--path-format=absolute', '--git-path', 'index'])).stdout.trim();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factory-index-'));
    try {
      const temp = path.join(dir, 'index');
      if (fs.existsSync(indexPath)) fs.copyFileSync(indexPath, temp);
      const env = { GIT_INDEX_FILE: temp };
      await this.git.run('add', ['--all'], { env });
      return await fn(env);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  private async headOrEmptyTree(): Promise<string> {
    const r = await this.git.run('rev-parse', ['--verify', '--quiet', 'HEAD^{commit}'], { okCodes: [1] });
    return r.code === 0 ? r.stdout.trim() : EMPTY_TREE;
  }

  private async isShallow(): Promise<boolean> {
    return (await this.git.run('rev-parse', ['--is-shallow-repository'])).stdout.trim() === 'true';
  }

  /** Targets of the symbolic links among `entries` that are (new versions of) changed files. */
  private async symlinks(entries: IndexEntry[], files: ChangedFile[]): Promise<Map<string, string>> {
    const changed = new Set(files.filter((f) => f.status !== 'removed').map((f) => f.filename));
    const links = new Map<string, string>();
    for (const e of entries) {
      if (e.mode !== SYMLINK_MODE || !changed.has(e.path)) continue;
      links.set(e.path, (await this.git.run('cat-file', ['blob', e.object])).stdout);
    }
    return links;
  }

  private async remoteEnv(): Promise<Record<string, string>> {
    if (!this.opts.token) return {};
    if (this.remoteUrlCache === undefined) {
      this.remoteUrlCache = (await this.git.run('remote', ['get-url', 'origin'])).stdout.trim();
    }
    return authEnv(this.remoteUrlCache, this.opts.token);
  }
}

function withSymlinks(files: ChangedFile[], links: Map<string, string>): ChangedFile[] {
  return files.map((f) => {
    const target = links.get(f.filename);
    return target === undefined ? f : { ...f, symlinkTarget: target };
  });
}
