import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitHubSandbox, UNRESOLVABLE_URL, type GitHubSandbox, type SeedRepo } from '@software-factory/github-sandbox';
import { defaultConfig } from '../../actions/shared/config';
import { AUTOMATION_SPECS, BUILT_AUTOMATIONS } from '../../actions/shared/registry';
import { labelDefinitions } from '../../actions/shared/state/labels';
import { doctor, printChecks, type Check, type DoctorOptions } from '../../scripts/cli/doctor';
import { lintCommand } from '../../scripts/cli/lint';

/**
 * `factory doctor` fails on each problem it can see, naming it, and never ends green on a check
 * it did not run. Repository checks run against the GitHub sandbox.
 */

const SHA = 'a'.repeat(40);
/** The automations these tests install; every other one is disabled in the config. */
const INSTALLED = ['feature-planner', 'pr-reviewer', 'merge-gate'] as const;

function workflow(name: string, extra = ''): string {
  return `name: ${name}
on:
  workflow_dispatch:
permissions: {}
jobs:
  run:
    runs-on: ubuntu-latest
    permissions:
      issues: write
    steps:
      - uses: acme/factory/actions/${name}@${SHA}
        with:
          anthropic-api-key: \${{ secrets.ANTHROPIC_API_KEY }}
          app-token: \${{ secrets.FACTORY_APP_TOKEN || github.token }}
${extra}`;
}

const config = [
  'automations:',
  ...BUILT_AUTOMATIONS.map((n) => `  ${n}: { enabled: ${(INSTALLED as readonly string[]).includes(n)} }`),
  '',
].join('\n');

let roots: string[] = [];
afterEach(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
  roots = [];
});

/** A repository checkout with the installed automations' workflows (each overridable) and the config. */
function checkout(files: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'doctor-'));
  roots.push(root);
  const all: Record<string, string> = { '.github/factory.yml': config };
  for (const n of INSTALLED) all[`.github/workflows/${AUTOMATION_SPECS[n].workflow}`] = workflow(n);
  Object.assign(all, files);
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

async function run(opts: Partial<DoctorOptions> & { root: string }): Promise<{ checks: Check[]; code: number; out: string }> {
  const checks = await doctor({ config: '.github/factory.yml', ...opts });
  const lines: string[] = [];
  const code = printChecks(checks, (l) => lines.push(l));
  return { checks, code, out: lines.join('\n') };
}

const check = (checks: Check[], name: string) => checks.find((c) => c.name === name);

describe('factory doctor, offline', () => {
  it('a root that does not exist fails, naming it, and nothing else is reported as passed', async () => {
    const { checks, code, out } = await run({ root: '/nonexistent/factory-root' });
    expect(code).toBe(1);
    expect(checks).toEqual([{ name: 'root', ok: false, detail: ['/nonexistent/factory-root does not exist: nothing to check'] }]);
    expect(out).not.toMatch(/passed/);
    expect(out).toMatch(/^1 check\(s\) failed: root$/m);
  });

  it('a `./actions/*` reference the repository does not have fails, naming the file, line and reference', async () => {
    const planner = `.github/workflows/${AUTOMATION_SPECS['feature-planner'].workflow}`;
    const root = checkout({
      [planner]: workflow('feature-planner').replace(`acme/factory/actions/feature-planner@${SHA}`, './actions/feature-planner'),
    });
    const { checks, code } = await run({ root, secrets: ['ANTHROPIC_API_KEY'] });
    expect(code).toBe(1);
    expect(check(checks, 'workflows')).toMatchObject({ ok: false });
    expect(check(checks, 'workflows')!.detail).toContainEqual(
      expect.stringMatching(
        new RegExp(`^${planner.replace(/\./g, '\\.')}:11:\\d+: "\\./actions/feature-planner" does not exist in this repository`),
      ),
    );
  });

  it('`permissions: write-all` fails, at its line', async () => {
    const reviewer = `.github/workflows/${AUTOMATION_SPECS['pr-reviewer'].workflow}`;
    const root = checkout({ [reviewer]: workflow('pr-reviewer').replace('permissions: {}', 'permissions: write-all') });
    const { checks, code } = await run({ root, secrets: ['ANTHROPIC_API_KEY'] });
    expect(code).toBe(1);
    expect(check(checks, 'workflows')!.detail).toContainEqual(
      expect.stringMatching(new RegExp(`^${reviewer.replace(/\./g, '\\.')}:4:\\d+: .*write-all`)),
    );
  });

  it('a YAML syntax error is a failure at file:line, not a crash', async () => {
    const planner = `.github/workflows/${AUTOMATION_SPECS['feature-planner'].workflow}`;
    const root = checkout({ [planner]: workflow('feature-planner').replace('    runs-on: ubuntu-latest', '    runs-on: ubuntu: latest') });
    const { checks, code } = await run({ root, secrets: ['ANTHROPIC_API_KEY'] });
    expect(code).toBe(1);
    expect(check(checks, 'workflows')!.detail).toContain(
      `${planner}:7:14: YAML syntax error: Nested mappings are not allowed in compact mappings`,
    );
  });

  it('an enabled automation whose workflow is not installed fails', async () => {
    const root = checkout({ '.github/factory.yml': config.replace('ci-fixer: { enabled: false }', 'ci-fixer: { enabled: true }') });
    const { checks } = await run({ root, secrets: ['ANTHROPIC_API_KEY'] });
    expect(check(checks, 'workflows')).toMatchObject({ ok: false });
    expect(check(checks, 'workflows')!.detail).toContain(
      `not installed: .github/workflows/${AUTOMATION_SPECS['ci-fixer'].workflow} (an enabled automation's workflow)`,
    );
  });

  it('a secret the workflows read that the --secrets list lacks fails, naming it and where it is read; one with a fallback does not', async () => {
    const root = checkout();
    const missing = await run({ root, secrets: ['OTHER'] });
    expect(missing.code).toBe(1);
    expect(check(missing.checks, 'secrets')).toEqual({
      name: 'secrets',
      ok: false,
      detail: [
        'checked against the --secrets list: 0 of 2 secret(s) the workflows read are set',
        `missing secret ANTHROPIC_API_KEY (read at .github/workflows/${AUTOMATION_SPECS['merge-gate'].workflow}:13)`,
        `not set: FACTORY_APP_TOKEN (read at .github/workflows/${AUTOMATION_SPECS['merge-gate'].workflow}:14, with a fallback)`,
      ],
    });
    const present = await run({ root, secrets: ['ANTHROPIC_API_KEY', 'FACTORY_APP_TOKEN'] });
    expect(check(present.checks, 'secrets')).toMatchObject({ ok: true });
  });

  it('without --repo or --secrets the secrets and the repository are reported as not run, never as passed', async () => {
    const { checks, code, out } = await run({ root: checkout() });
    expect(code).toBe(0);
    expect(check(checks, 'secrets')).toMatchObject({ ok: true, skipped: true });
    expect(check(checks, 'repository')).toMatchObject({ skipped: true });
    expect(out).toMatch(/^skip secrets$/m);
    expect(out).toMatch(/^no check failed; 2 not run: secrets, repository$/m);
    expect(out).not.toMatch(/all checks passed/);
  });

  it('--fix without --repo fails, saying what it needs, and changes nothing', async () => {
    const { checks, code } = await run({ root: checkout(), fix: true, secrets: ['ANTHROPIC_API_KEY'] });
    expect(code).toBe(1);
    expect(check(checks, 'fix')).toEqual({
      name: 'fix',
      ok: false,
      detail: [
        '--fix needs --repo owner/name and a token (GITHUB_TOKEN or GH_TOKEN): it creates and updates labels through the API; nothing was changed',
      ],
    });
  });
});

describe('factory lint-workflows', () => {
  it('reports a YAML syntax error at file:line and exits 1, linting the other files', async () => {
    const planner = `.github/workflows/${AUTOMATION_SPECS['feature-planner'].workflow}`;
    const root = checkout({ [planner]: workflow('feature-planner').replace('    runs-on: ubuntu-latest', '    runs-on: ubuntu: latest') });
    const lines: string[] = [];
    const code = await lintCommand(root, (l) => lines.push(l));
    expect(code).toBe(1);
    expect(lines).toEqual([
      `${planner}:7:14: YAML syntax error: Nested mappings are not allowed in compact mappings`,
      expect.stringMatching(/^3 workflow file\(s\) checked \(.*actionlint.* and the factory's security rules\), 1 problem\(s\)$/),
    ]);
  });
});

describe('factory doctor --repo (GitHub sandbox)', () => {
  let gh: GitHubSandbox;
  const labels = labelDefinitions(defaultConfig());
  const good: SeedRepo = {
    owner: 'acme',
    repo: 'good',
    labels,
    allowAutoMerge: true,
    secretNames: ['ANTHROPIC_API_KEY'],
    workflowPermissions: { canApprovePullRequestReviews: true },
    protection: { requiredChecks: ['factory/review', 'test'] },
  };
  beforeAll(async () => {
    gh = await startGitHubSandbox({
      repos: [good, { owner: 'acme', repo: 'bare', labels, secretNames: ['OTHER'] }],
    });
  });
  afterAll(async () => {
    expect(gh.violations).toEqual([]);
    await gh.close();
  });

  const api = (repo: string): Partial<DoctorOptions> => ({ repo: `acme/${repo}`, token: 'sandbox-token', baseUrl: gh.url });

  it('passes only when every check holds', async () => {
    const { checks, code, out } = await run({ root: checkout(), ...api('good') });
    expect(checks.filter((c) => !c.ok || c.skipped)).toEqual([]);
    expect(code).toBe(0);
    expect(out).toMatch(/^all checks passed$/m);
    expect(check(checks, 'secrets')!.detail[0]).toBe(
      'checked against the Actions secrets of acme/good (through the API): 1 of 2 secret(s) the workflows read are set',
    );
  });

  it('fails on each repository setting the factory needs, naming it', async () => {
    const { checks, code, out } = await run({ root: checkout(), ...api('bare') });
    expect(code).toBe(1);
    expect(check(checks, 'auto-merge')).toMatchObject({ ok: false, detail: [expect.stringContaining('"Allow auto-merge" is off')] });
    expect(check(checks, 'actions pull requests')).toMatchObject({
      ok: false,
      detail: [expect.stringContaining('"Allow GitHub Actions to create and approve pull requests" is off')],
    });
    expect(check(checks, 'branch rules')).toMatchObject({
      ok: false,
      detail: [expect.stringContaining('no rule on main requires the factory/review check')],
    });
    expect(check(checks, 'secrets')).toMatchObject({
      ok: false,
      detail: [
        'checked against the Actions secrets of acme/bare (through the API): 0 of 2 secret(s) the workflows read are set',
        expect.stringMatching(/^missing secret ANTHROPIC_API_KEY \(read at \.github\/workflows\/.*\.yml:13\)$/),
        expect.stringContaining('not set: FACTORY_APP_TOKEN'),
      ],
    });
    expect(out).toMatch(/^4 check\(s\) failed: auto-merge, actions pull requests, branch rules, secrets$/m);
  });

  it("an App token set as a secret makes Actions' own pull request permission unnecessary", async () => {
    const { checks } = await run({ root: checkout(), ...api('bare'), secrets: ['ANTHROPIC_API_KEY', 'FACTORY_APP_TOKEN'] });
    expect(check(checks, 'actions pull requests')).toMatchObject({
      ok: true,
      detail: [expect.stringContaining("fine: the workflows act as the factory's App")],
    });
    expect(check(checks, 'secrets')).toMatchObject({
      ok: true,
      detail: ['checked against the --secrets list: 2 of 2 secret(s) the workflows read are set'],
    });
  });

  it('a token that may not list secrets fails the secrets check, saying what it needs', async () => {
    const token = gh.mintToken({
      kind: 'app',
      login: 'factory[bot]',
      permissions: { contents: 'read', issues: 'read', administration: 'read' },
    });
    const { checks } = await run({ root: checkout(), ...api('good'), token });
    expect(check(checks, 'secrets')).toMatchObject({
      ok: false,
      detail: [
        expect.stringMatching(
          /^cannot list the Actions secrets of acme\/good: GitHub answered 403: Resource not accessible by integration \(the token needs Secrets: read\)/,
        ),
      ],
    });
  });

  it('an unreachable API fails the token check with "no answer from <host> (ENOTFOUND)"', async () => {
    const { checks, code } = await run({ root: checkout(), repo: 'acme/good', token: 't', baseUrl: UNRESOLVABLE_URL });
    expect(code).toBe(1);
    expect(check(checks, 'token')).toEqual({
      name: 'token',
      ok: false,
      detail: ['cannot read acme/good: no answer from api.github.invalid (ENOTFOUND)'],
    });
  });
});
