import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { defaultConfig } from '../../actions/shared/config';
import { ConfigError } from '../../actions/shared/errors';
import { cloneRepository } from '../../actions/shared/git';
import { defaultOctokitFactory, type OctokitFactory } from '../../actions/shared/github/client';
import { AUTOMATION_SPECS, BUILT_AUTOMATIONS, type BuiltAutomation } from '../../actions/shared/registry';
import { labelDefinitions } from '../../actions/shared/state/labels';
import { secretsIn } from './doctor-secrets';
import { parseRepo } from './real';
import { factoryVersion } from './version';

/** Where the factory itself lives on GitHub: the workflows `init` writes call its actions from here. */
export const FACTORY_REPOSITORY = 'software-factory/software-factory';
/** The branch `init --repo` pushes and opens its pull request from. */
export const INIT_BRANCH = 'factory/init';

export interface InitOptions {
  /** Repository checkout to write into (without `repo`). Default: the working directory. */
  root?: string;
  /** `owner/name`: install through the API and a pull request instead. */
  repo?: string;
  token?: string;
  baseUrl?: string;
  /** Git remote of `repo` (default `https://github.com/<repo>.git`, or the sandbox's). */
  remoteUrl?: string;
  octokitFactory?: OctokitFactory;
  /** Automations to install (default: those enabled by default). */
  automations?: string[];
  /** Commit of the factory the workflows pin (default: the commit this CLI was built from). */
  ref?: string;
  /** Overwrite files that differ (showing the diff). */
  force?: boolean;
  /** Write nothing; print what would be written. */
  dryRun?: boolean;
  /** Folder holding the factory's workflows, issue forms and schema (default: this package's root). */
  source?: string;
  /** The factory's `owner/name` on GitHub (default FACTORY_REPOSITORY). */
  factoryRepository?: string;
}

export type FileStatus = 'create' | 'unchanged' | 'differs' | 'overwrite';

export interface FileChange {
  path: string;
  status: FileStatus;
  /** For `differs` and `overwrite`: a line diff from the file there to the file `init` writes. */
  diff?: string;
}

export interface InitResult {
  files: FileChange[];
  /** With --repo: labels created and already present. */
  labels?: { created: string[]; present: number };
  /** With --repo: the pull request that carries the files. */
  pullRequest?: { number: number; url: string; opened: boolean };
  /** Nothing was (or, with --dry-run, would be) changed. */
  unchanged: boolean;
  checklist: string[];
}

/** This package's root: the CLI bundle (scripts/dist/) and this source file (scripts/cli/) both sit two folders below it. */
function packageRoot(): string {
  return dirname(require.resolve('../../package.json'));
}

function resolveRef(ref: string | undefined): string {
  const sha = ref ?? factoryVersion().sha;
  if (ref === undefined && !/^[0-9a-f]{40}$/.test(sha)) {
    throw new ConfigError('this CLI does not know the commit it was built from: pass --ref <40-hex commit sha> of the factory to pin');
  }
  if (!/^[0-9a-f]{40}$/.test(sha)) throw new ConfigError(`--ref: expected a full 40-hex commit sha, got ${JSON.stringify(sha)}`);
  return sha;
}

function resolveAutomations(names: string[] | undefined): BuiltAutomation[] {
  const config = defaultConfig();
  if (!names) return BUILT_AUTOMATIONS.filter((n) => config.automations[n].enabled);
  const unknown = names.filter((n) => !(BUILT_AUTOMATIONS as readonly string[]).includes(n));
  if (unknown.length) throw new ConfigError(`--automations: unknown ${unknown.join(', ')} (known: ${BUILT_AUTOMATIONS.join(', ')})`);
  if (!names.length) throw new ConfigError('--automations: name at least one automation');
  return BUILT_AUTOMATIONS.filter((n) => names.includes(n));
}

/** A workflow of this repository with every `uses: ./actions/<name>` pinned to `<factory>/actions/<name>@<sha>`. */
export function pinWorkflow(text: string, factoryRepository: string, sha: string): string {
  return text.replace(/^(\s*(?:-\s+)?uses:\s*)\.\/actions\/([a-z][a-z0-9-]*)\s*$/gm, `$1${factoryRepository}/actions/$2@${sha}`);
}

/** The files `init` installs, by path relative to the repository root. */
export function plannedFiles(opts: {
  automations: BuiltAutomation[];
  sha: string;
  source: string;
  factoryRepository: string;
}): Map<string, string> {
  const files = new Map<string, string>();
  for (const n of opts.automations) {
    const path = `.github/workflows/${AUTOMATION_SPECS[n].workflow}`;
    const text = readFileSync(join(opts.source, path), 'utf8');
    files.set(path, pinWorkflow(text, opts.factoryRepository, opts.sha));
  }
  const schemaUrl = `https://raw.githubusercontent.com/${opts.factoryRepository}/${opts.sha}/schemas/factory.schema.json`;
  files.set(
    '.github/factory.yml',
    [
      `# yaml-language-server: $schema=${schemaUrl}`,
      '#',
      '# Software Factory configuration. Every field is optional and has a default; the reference is',
      `# https://github.com/${opts.factoryRepository}/blob/${opts.sha}/docs/config.md`,
      '',
      'automations:',
      ...BUILT_AUTOMATIONS.map((n) => `  ${n}: { enabled: ${opts.automations.includes(n)} }`),
      '',
    ].join('\n'),
  );
  const forms = join(opts.source, '.github/ISSUE_TEMPLATE');
  for (const f of readdirSync(forms)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    files.set(`.github/ISSUE_TEMPLATE/${f}`, readFileSync(join(forms, f), 'utf8'));
  }
  return files;
}

/** A minimal unified-style line diff (longest common subsequence), `-` for lines removed and `+` for lines added. */
export function lineDiff(before: string, after: string, path: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  const m = a.length;
  const n = b.length;
  const lcs: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(n + 1).fill(0));
  for (let i = m - 1; i >= 0; i--)
    for (let j = n - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out = [`--- ${path} (there)`, `+++ ${path} (init)`];
  let i = 0;
  let j = 0;
  while (i < m || j < n) {
    if (i < m && j < n && a[i] === b[j]) {
      i++;
      j++;
    } else if (j < n && (i >= m || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) out.push(`+${b[j++]}`);
    else out.push(`-${a[i++]}`);
  }
  return out.join('\n');
}

/** Compares the planned files with `root` and, unless dry, writes those to create (and, with force, to overwrite). */
function applyFiles(root: string, files: Map<string, string>, opts: { force: boolean; dryRun: boolean }): FileChange[] {
  const changes: FileChange[] = [];
  for (const [path, text] of files) {
    const target = join(root, path);
    const there = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
    let change: FileChange;
    if (there === undefined) change = { path, status: 'create' };
    else if (there === text) change = { path, status: 'unchanged' };
    else change = { path, status: opts.force ? 'overwrite' : 'differs', diff: lineDiff(there, text, path) };
    if (!opts.dryRun && (change.status === 'create' || change.status === 'overwrite')) {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
    changes.push(change);
  }
  return changes;
}

function checklist(automations: BuiltAutomation[], files: Map<string, string>, target: string): string[] {
  const uses = new Map<string, boolean>();
  for (const [path, text] of files) {
    if (!path.startsWith('.github/workflows/')) continue;
    for (const u of secretsIn(text, path)) uses.set(u.name, (uses.get(u.name) ?? true) && u.optional);
  }
  const app = ['FACTORY_APP_ID', 'FACTORY_APP_PRIVATE_KEY'];
  const required = [...uses]
    .filter(([n, optional]) => !optional && !app.includes(n))
    .map(([n]) => n)
    .sort();
  const optional = [...uses]
    .filter(([n, opt]) => opt && !app.includes(n))
    .map(([n]) => n)
    .sort();
  return [
    `Settings > Secrets and variables > Actions of ${target}: add ${required.join(', ') || 'no secret'} (the installed workflows read ${required.length > 1 ? 'them' : 'it'})`,
    'Create a GitHub App with the permissions docs/install.md lists, install it on the repository, and add its id and private key as the secrets FACTORY_APP_ID and FACTORY_APP_PRIVATE_KEY (without them the workflows run on GITHUB_TOKEN)',
    ...(optional.length ? [`Optionally: ${optional.join(', ')}`] : []),
    'Settings > General: turn on "Allow auto-merge"',
    'Settings > Actions > General: turn on "Allow GitHub Actions to create and approve pull requests" (not needed with the App)',
    'Settings > Rules: require the status check factory/review on the default branch',
    `Then check it: factory doctor --secrets ${[...required, ...app].join(',')} (offline), or GITHUB_TOKEN=... factory doctor --repo <owner/name>`,
    `Installed: ${automations.join(', ')}`,
  ];
}

/**
 * `factory init`: installs the factory into a repository checkout, or, with `repo`, through a pull
 * request (and creates the factory's labels). A second run changes nothing; files that differ
 * are left alone (their diff shown) unless `force`; `dryRun` writes nothing.
 */
export async function init(opts: InitOptions): Promise<InitResult> {
  const sha = resolveRef(opts.ref);
  const automations = resolveAutomations(opts.automations);
  const factoryRepository = opts.factoryRepository ?? FACTORY_REPOSITORY;
  const files = plannedFiles({ automations, sha, source: opts.source ?? packageRoot(), factoryRepository });
  const flags = { force: !!opts.force, dryRun: !!opts.dryRun };
  if (!opts.repo) {
    const root = resolve(opts.root ?? process.cwd());
    if (!existsSync(root)) throw new ConfigError(`--root: ${opts.root ?? root} does not exist`);
    const changes = applyFiles(root, files, flags);
    return { files: changes, unchanged: !changes.some(writes), checklist: checklist(automations, files, 'the repository') };
  }
  return initThroughApi(opts, files, flags, automations);
}

const writes = (c: FileChange): boolean => c.status === 'create' || c.status === 'overwrite';

async function initThroughApi(
  opts: InitOptions,
  files: Map<string, string>,
  flags: { force: boolean; dryRun: boolean },
  automations: BuiltAutomation[],
): Promise<InitResult> {
  const repo = parseRepo(opts.repo!);
  if (!opts.token) throw new ConfigError('--repo needs a token: set GITHUB_TOKEN (or GH_TOKEN)');
  const octokit = (opts.octokitFactory ?? defaultOctokitFactory())(opts.token, { ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}) });
  const { data: meta } = (await octokit.request('GET /repos/{owner}/{repo}', repo)) as { data: { default_branch: string } };
  const base = meta.default_branch;

  // Labels: create the missing ones, leave the ones there as they are.
  const existing = (await octokit.paginate('GET /repos/{owner}/{repo}/labels', { ...repo, per_page: 100 })) as { name: string }[];
  const have = new Set(existing.map((l) => l.name.toLowerCase()));
  const missing = labelDefinitions(defaultConfig()).filter((l) => !have.has(l.name.toLowerCase()));
  if (!flags.dryRun) for (const l of missing) await octokit.request('POST /repos/{owner}/{repo}/labels', { ...repo, ...l });
  const labels = { created: missing.map((l) => l.name), present: have.size };

  const open = (await octokit.request('GET /repos/{owner}/{repo}/pulls', {
    ...repo,
    state: 'open',
    head: `${repo.owner}:${INIT_BRANCH}`,
  })) as { data: { number: number; html_url: string }[] };
  const remoteUrl = opts.remoteUrl ?? `https://github.com/${repo.owner}/${repo.repo}.git`;
  const dir = mkdtempSync(join(tmpdir(), 'factory-init-'));
  try {
    const git = await cloneRepository({ remoteUrl, dir: join(dir, 'checkout'), defaultBranch: base, token: opts.token, branch: base });
    const root = join(dir, 'checkout');
    const pr = open.data[0];
    const changes = applyFiles(root, files, { ...flags, dryRun: true });
    const result: InitResult = {
      files: changes,
      labels,
      unchanged: !changes.some(writes) && !missing.length,
      checklist: checklist(automations, files, opts.repo!),
    };
    if (pr) return { ...result, pullRequest: { number: pr.number, url: pr.html_url, opened: false } };
    if (!changes.some(writes) || flags.dryRun) return result;
    await git.checkoutNewBranch(INIT_BRANCH, `origin/${base}`);
    applyFiles(root, files, flags);
    const identity = { name: 'software-factory', email: 'software-factory@users.noreply.github.com' };
    await git.commitAll('Install Software Factory (factory init)', { author: identity });
    await git.push(INIT_BRANCH, { forceWithLease: true });
    const body = [
      `Installs Software Factory at ${factoryVersion().version} (workflows pinned to a commit of the factory):`,
      '',
      ...changes.filter(writes).map((c) => `- \`${c.path}\` (${c.status === 'create' ? 'new' : 'replaced'})`),
      '',
      'Before merging:',
      '',
      ...result.checklist.map((l) => `- [ ] ${l}`),
    ].join('\n');
    const { data: created } = (await octokit.request('POST /repos/{owner}/{repo}/pulls', {
      ...repo,
      title: 'Install Software Factory',
      head: INIT_BRANCH,
      base,
      body,
    })) as { data: { number: number; html_url: string } };
    return { ...result, unchanged: false, pullRequest: { number: created.number, url: created.html_url, opened: true } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What `factory init` prints; returns the exit code (1 when files differ and were left alone). */
export function printInit(result: InitResult, opts: { dryRun?: boolean }, print: (l: string) => void): number {
  const verb = (s: FileStatus): string =>
    ({
      create: opts.dryRun ? 'would create' : 'created',
      overwrite: opts.dryRun ? 'would overwrite' : 'overwrote',
      unchanged: 'unchanged',
      differs: 'differs, left as it is (--force overwrites it)',
    })[s];
  for (const c of result.files) {
    print(`${verb(c.status)}: ${c.path}`);
    if (c.diff) for (const l of c.diff.split('\n')) print(`  ${l}`);
  }
  if (result.labels) {
    print(
      `labels: ${result.labels.created.length ? `${opts.dryRun ? 'would create' : 'created'} ${result.labels.created.length} (${result.labels.created.join(', ')})` : 'none missing'}; ${result.labels.present} already there`,
    );
  }
  if (result.pullRequest)
    print(
      `pull request #${result.pullRequest.number}${result.pullRequest.opened ? ' opened' : ' already open'}: ${result.pullRequest.url}`,
    );
  if (result.unchanged) print(opts.dryRun ? 'nothing to change: already installed' : 'nothing changed: already installed');
  print('');
  print('Setup checklist:');
  for (const l of result.checklist) print(`  [ ] ${l}`);
  return result.files.some((c) => c.status === 'differs') ? 1 : 0;
}
