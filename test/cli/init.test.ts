import { generateKeyPairSync } from 'node:crypto';
import { REQUIRED_APP_PERMISSIONS } from '../../scripts/cli/app-permissions';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { startGitHubSandbox, type GitHubSandbox } from '@software-factory/github-sandbox';
import { defaultConfig, parseConfig } from '../../actions/shared/config';
import { AUTOMATION_SPECS, BUILT_AUTOMATIONS } from '../../actions/shared/registry';
import { labelDefinitions } from '../../actions/shared/state/labels';
import { formatFinding, lintWorkflows, listWorkflowFiles } from '../../actions/shared/workflows/actionlint';
import { doctor, printChecks } from '../../scripts/cli/doctor';
import { FACTORY_REPOSITORY, INIT_BRANCH, init, printInit, type InitOptions, type InitResult } from '../../scripts/cli/init';
import { secretsUsed } from '../../scripts/cli/doctor-secrets';

/**
 * `factory init` installs the factory into a fresh repository: workflows pinned to a commit of
 * the factory that pass the workflow lint, the config, the issue forms; a second run changes
 * nothing; through the API it creates the labels and opens one pull request.
 */

const SHA = '0123456789abcdef0123456789abcdef01234567';
const DEFAULT_ON = BUILT_AUTOMATIONS.filter((n) => defaultConfig().automations[n].enabled);

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function freshRepo(): string {
  const root = mkdtempSync(join(tmpdir(), 'init-'));
  dirs.push(root);
  execFileSync('git', ['init', '-q', root]);
  return root;
}

async function runInit(opts: InitOptions): Promise<{ result: InitResult; out: string; code: number }> {
  const result = await init({ ref: SHA, ...opts });
  const lines: string[] = [];
  const code = printInit(result, opts, (l) => lines.push(l));
  return { result, out: lines.join('\n'), code };
}

/** Every file under root (relative paths) with its text, .git aside. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (path === '.git') continue;
      if (e.isDirectory()) walk(path);
      else out[path] = readFileSync(join(root, path), 'utf8');
    }
  };
  walk('');
  return out;
}

describe('factory init, in a checkout', () => {
  it('writes the default workflows pinned to the factory commit, the config and the issue forms; they pass the workflow lint', async () => {
    const root = freshRepo();
    const { result, out, code } = await runInit({ root });
    expect(code).toBe(0);
    const workflows = listWorkflowFiles(root);
    expect(workflows.sort()).toEqual(DEFAULT_ON.map((n) => `.github/workflows/${AUTOMATION_SPECS[n].workflow}`).sort());
    for (const w of workflows) {
      const text = readFileSync(join(root, w), 'utf8');
      expect(text).not.toMatch(/uses:\s*\.\/actions\//);
      const uses = [...text.matchAll(/uses:\s*(\S+)/g)].map((m) => m[1]!).filter((u) => u.includes('/actions/'));
      expect(uses.length).toBeGreaterThan(0);
      for (const u of uses) expect(u).toMatch(new RegExp(`^${FACTORY_REPOSITORY}/actions/[a-z-]+@${SHA}$`));
    }
    const findings = await lintWorkflows(root, workflows);
    expect(findings.map(formatFinding)).toEqual([]);

    const config = readFileSync(join(root, '.github/factory.yml'), 'utf8');
    expect(config.split('\n')[0]).toBe(
      `# yaml-language-server: $schema=https://raw.githubusercontent.com/${FACTORY_REPOSITORY}/${SHA}/schemas/factory.schema.json`,
    );
    const parsed = parseConfig(config, '.github/factory.yml');
    expect(BUILT_AUTOMATIONS.filter((n) => parsed.automations[n].enabled)).toEqual(DEFAULT_ON);
    expect(existsSync(join(root, '.github/ISSUE_TEMPLATE/bug.yml'))).toBe(true);
    expect(existsSync(join(root, '.github/ISSUE_TEMPLATE/feature.yml'))).toBe(true);
    expect(result.files.every((f) => f.status === 'create')).toBe(true);
    expect(out).toMatch(/^Setup checklist:$/m);
    expect(out).toMatch(/ANTHROPIC_API_KEY/);
    expect(out).toMatch(/FACTORY_APP_ID and FACTORY_APP_PRIVATE_KEY/);
  });

  it('a second run changes nothing and says so', async () => {
    const root = freshRepo();
    await runInit({ root });
    const before = snapshot(root);
    const { result, out, code } = await runInit({ root });
    expect(code).toBe(0);
    expect(snapshot(root)).toEqual(before);
    expect(result.files.every((f) => f.status === 'unchanged')).toBe(true);
    expect(out).toMatch(/^nothing changed: already installed$/m);
  });

  it('--dry-run writes nothing and prints what it would write', async () => {
    const root = freshRepo();
    const { out } = await runInit({ root, dryRun: true });
    expect(snapshot(root)).toEqual({});
    expect(out).toMatch(/^would create: \.github\/factory\.yml$/m);
    expect(out).toMatch(/^would create: \.github\/workflows\/factory-planner\.yml$/m);
  });

  it('leaves a file that differs alone (exit 1, its diff shown) and overwrites it with --force, showing the diff', async () => {
    const root = freshRepo();
    await runInit({ root, automations: ['feature-planner'] });
    const path = join(root, '.github/workflows/factory-planner.yml');
    const installed = readFileSync(path, 'utf8');
    writeFileSync(path, installed.replace('name: factory-planner', 'name: my-planner'));

    const kept = await runInit({ root, automations: ['feature-planner'] });
    expect(kept.code).toBe(1);
    expect(readFileSync(path, 'utf8')).toMatch(/name: my-planner/);
    expect(kept.out).toMatch(/^differs, left as it is \(--force overwrites it\): \.github\/workflows\/factory-planner\.yml$/m);

    const forced = await runInit({ root, automations: ['feature-planner'], force: true });
    expect(forced.code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(installed);
    expect(forced.out).toMatch(/^overwrote: \.github\/workflows\/factory-planner\.yml$/m);
    expect(forced.out).toMatch(/^ {2}-name: my-planner$/m);
    expect(forced.out).toMatch(/^ {2}\+name: factory-planner$/m);
  });

  it('refuses a ref that is not a full commit sha and an unknown automation', async () => {
    const root = freshRepo();
    await expect(init({ root, ref: 'v1' })).rejects.toThrow(/--ref: expected a full 40-hex commit sha, got "v1"/);
    await expect(init({ root, ref: SHA, automations: ['nope'] })).rejects.toThrow(/--automations: unknown nope/);
    expect(snapshot(root)).toEqual({});
  });

  it('doctor passes on the result with the secrets its checklist names, and fails naming one left out', async () => {
    const root = freshRepo();
    const { out } = await runInit({ root });
    const names = /factory doctor --secrets (\S+) \(offline\)/.exec(out)![1]!.split(',');
    expect(names).toEqual(expect.arrayContaining(['ANTHROPIC_API_KEY', 'FACTORY_APP_ID', 'FACTORY_APP_PRIVATE_KEY']));
    // Every secret the installed workflows read without a fallback is named.
    const required = secretsUsed(root, listWorkflowFiles(root)).filter((u) => !u.optional);
    expect(names).toEqual(expect.arrayContaining(required.map((u) => u.name)));

    const all = await doctor({ root, config: '.github/factory.yml', secrets: names });
    const lines: string[] = [];
    expect(printChecks(all, (l) => lines.push(l))).toBe(0);
    expect(all.filter((c) => !c.ok)).toEqual([]);

    const without = await doctor({ root, config: '.github/factory.yml', secrets: names.filter((n) => n !== 'ANTHROPIC_API_KEY') });
    expect(printChecks(without, () => {})).toBe(1);
    const secrets = without.find((c) => c.name === 'secrets')!;
    expect(secrets.ok).toBe(false);
    expect(secrets.detail.join('\n')).toMatch(/missing secret ANTHROPIC_API_KEY/);
  });

  it('every workflow mints the App token per run with a pinned actions/create-github-app-token and passes it to the action only', async () => {
    const root = freshRepo();
    await runInit({ root });
    for (const w of listWorkflowFiles(root)) {
      const text = readFileSync(join(root, w), 'utf8');
      expect(text).toMatch(/uses: actions\/create-github-app-token@[0-9a-f]{40} /);
      expect(text).not.toMatch(/FACTORY_APP_TOKEN/);
      // The minted token is read only as the factory action's app-token input.
      const reads = [...text.matchAll(/^\s*([\w-]+):.*steps\.app-token\.outputs\.token/gm)].map((m) => m[1]);
      expect(reads.length).toBeGreaterThan(0);
      expect(new Set(reads)).toEqual(new Set(['app-token']));
      // The token is scoped to what its job declares.
      const doc = parseYaml(text) as {
        jobs: Record<string, { permissions?: Record<string, string>; steps: { uses?: string; with?: Record<string, string> }[] }>;
      };
      for (const job of Object.values(doc.jobs)) {
        for (const step of job.steps.filter((st) => st.uses?.startsWith('actions/create-github-app-token@'))) {
          const scoped = Object.fromEntries(
            Object.entries(step.with ?? {})
              .filter(([k]) => k.startsWith('permission-'))
              .map(([k, v]) => [k.slice('permission-'.length), v]),
          );
          expect(scoped).toEqual(job.permissions);
        }
      }
    }
  });

  it('ships what it reads in the npm package', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { files: string[] };
    const shipped = (path: string) =>
      pkg.files.some((f) =>
        f.endsWith('/')
          ? path.startsWith(f)
          : path === f || (f.includes('*') && new RegExp(`^${f.replace(/\./g, '\\.').replace(/\*/g, '[^/]*')}$`).test(path)),
      );
    for (const path of ['.github/workflows/factory-planner.yml', '.github/ISSUE_TEMPLATE/bug.yml', 'schemas/factory.schema.json'])
      expect(shipped(path)).toBe(true);
  });
});

/** Files on the init branch, read through the contents API. */
async function filesAt(gh: GitHubSandbox, paths: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const p of paths) {
    const res = await fetch(`${gh.url}/repos/acme/shop/contents/${p}?ref=${INIT_BRANCH}`, {
      headers: { authorization: 'Bearer sandbox-token' },
    });
    if (res.ok) out[p] = Buffer.from(((await res.json()) as { content: string }).content, 'base64').toString('utf8');
  }
  return out;
}

describe('factory init --repo, on the GitHub sandbox', () => {
  let gh: GitHubSandbox;
  beforeAll(async () => {
    gh = await startGitHubSandbox({
      repos: [
        {
          owner: 'acme',
          repo: 'shop',
          files: { 'README.md': '# shop\n' },
          labels: [{ name: 'factory:ready', color: '123456', description: 'mine' }],
        },
        { owner: 'acme', repo: 'walk', files: { 'README.md': '# walk\n' } },
      ],
    });
  });
  afterAll(async () => {
    expect(gh.violations).toEqual([]);
    await gh.close();
  });

  it('the README walk-through: init in a fresh folder, the secrets and settings its checklist names, then doctor --repo passes', async () => {
    const secrets = ['ANTHROPIC_API_KEY', 'FACTORY_APPROVER_TOKEN', 'SENTRY_AUTH_TOKEN', 'FACTORY_APP_ID', 'FACTORY_APP_PRIVATE_KEY'];
    const root = freshRepo();
    const { out } = await runInit({ root });
    expect(/factory doctor --secrets (\S+) \(offline\)/.exec(out)![1]!.split(',').sort()).toEqual([...secrets].sort());
    await runInit({ repo: 'acme/walk', token: 'sandbox-token', baseUrl: gh.url, remoteUrl: gh.gitUrl('acme', 'walk') });
    // What the checklist asks a person to do: the secrets and the settings.
    const repo = gh.state.requireRepo('acme', 'walk');
    repo.secretNames = [...secrets];
    repo.allowAutoMerge = true;
    repo.workflowPermissions.canApprovePullRequestReviews = true;
    gh.state.protectBranch('acme', 'walk', { requiredChecks: ['factory/review'] });
    // The GitHub App docs/install.md has a person create, installed on the repository with its permissions.
    const key = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const permissions = Object.fromEntries(REQUIRED_APP_PERMISSIONS.map((p) => [p.name, p.access]));
    gh.addApp({ id: 4242, publicKey: key.publicKey, installations: [{ repo: 'acme/walk', permissions }] });
    const checks = await doctor({
      root,
      config: '.github/factory.yml',
      repo: 'acme/walk',
      token: 'sandbox-token',
      baseUrl: gh.url,
      secrets,
      appId: '4242',
      appPrivateKey: key.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    });
    expect(checks.filter((c) => !c.ok || c.skipped).map((c) => c.name)).toEqual([]);
  });

  it('creates the missing labels and opens one pull request with the files; a second run opens none', async () => {
    const opts: InitOptions = { repo: 'acme/shop', token: 'sandbox-token', baseUrl: gh.url, remoteUrl: gh.gitUrl('acme', 'shop') };
    const first = await runInit(opts);
    expect(first.result.pullRequest).toMatchObject({ opened: true });
    const wanted = labelDefinitions(defaultConfig()).map((l) => l.name);
    expect(first.result.labels!.created.sort()).toEqual(wanted.filter((n) => n !== 'factory:ready').sort());
    const labels = gh.state.labels.filter((l) => l.repo === 'acme/shop');
    expect(labels.map((l) => l.name).sort()).toEqual([...wanted].sort());
    expect(labels.find((l) => l.name === 'factory:ready')).toMatchObject({ color: '123456', description: 'mine' });

    const pulls = gh.state.pulls.filter((p) => p.repo === 'acme/shop');
    expect(pulls).toHaveLength(1);
    expect(pulls[0]!.headRef).toBe(INIT_BRANCH);
    const files = await filesAt(gh, ['.github/workflows/factory-planner.yml', '.github/factory.yml', '.github/ISSUE_TEMPLATE/bug.yml']);
    expect(files['.github/workflows/factory-planner.yml']).toMatch(
      new RegExp(`uses: ${FACTORY_REPOSITORY}/actions/feature-planner@${SHA}`),
    );
    expect(files['.github/factory.yml']).toMatch(/\$schema=https:\/\/raw\.githubusercontent\.com\//);
    expect(files['.github/ISSUE_TEMPLATE/bug.yml']).toBeDefined();

    const second = await runInit(opts);
    expect(second.result.pullRequest).toEqual({ number: pulls[0]!.number, url: expect.any(String), opened: false });
    expect(second.result.labels!.created).toEqual([]);
    expect(second.out).toMatch(/already open/);
    expect(gh.state.pulls.filter((p) => p.repo === 'acme/shop')).toHaveLength(1);
  });
});
