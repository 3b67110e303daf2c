import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitHubSandbox, UNRESOLVABLE_URL, type GitHubSandbox, type SeedRepo } from '@software-factory/github-sandbox';
import { defaultConfig } from '../../actions/shared/config';
import { AUTOMATION_SPECS, BUILT_AUTOMATIONS } from '../../actions/shared/registry';
import { labelDefinitions } from '../../actions/shared/state/labels';
import { docRow, REQUIRED_APP_PERMISSIONS } from '../../scripts/cli/app-permissions';
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

/** The factory's App: its key pair, and another App's private key (a wrong key for this App). */
const APP_ID = 4242;
const appKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = (k: typeof appKey) => k.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
/** Every permission docs/install.md lists, at its level. */
const FULL = Object.fromEntries(REQUIRED_APP_PERMISSIONS.map((p) => [p.name, p.access]));

/** A private key written to a file, as the App's page downloads it. */
function keyFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'doctor-key-'));
  roots.push(dir);
  writeFileSync(join(dir, 'app.pem'), text);
  return join(dir, 'app.pem');
}

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
      repos: [
        good,
        { owner: 'acme', repo: 'bare', labels, secretNames: ['OTHER'] },
        { owner: 'acme', repo: 'no-pulls' },
        { owner: 'acme', repo: 'workflows' },
      ],
      apps: [
        {
          id: APP_ID,
          slug: 'software-factory',
          publicKey: appKey.publicKey,
          installations: [
            { repo: 'acme/good', permissions: FULL },
            { repo: 'acme/no-pulls', permissions: { ...FULL, pull_requests: 'read' } },
            { repo: 'acme/workflows', permissions: { ...FULL, workflows: 'write' } },
          ],
        },
      ],
    });
  });
  afterAll(async () => {
    expect(gh.violations).toEqual([]);
    await gh.close();
  });

  const api = (repo: string): Partial<DoctorOptions> => ({ repo: `acme/${repo}`, token: 'sandbox-token', baseUrl: gh.url });

  const app = (key = pem(appKey)): Partial<DoctorOptions> => ({ appId: String(APP_ID), appPrivateKeyFile: keyFile(key) });

  it('passes only when every check holds', async () => {
    const { checks, code, out } = await run({ root: checkout(), ...api('good'), ...app() });
    expect(checks.filter((c) => !c.ok || c.skipped)).toEqual([]);
    expect(code).toBe(0);
    expect(out).toMatch(/^all checks passed$/m);
    expect(check(checks, 'app permissions')!.detail).toEqual([
      `the App (ID ${APP_ID}) installed on acme/good has contents: write, pull_requests: write, issues: write, checks: write, actions: write, metadata: read`,
    ]);
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

  it('without App credentials the App check is skipped, saying what enables it, and the run does not end "all checks passed"', async () => {
    const { checks, code, out } = await run({ root: checkout(), ...api('good') });
    expect(code).toBe(0);
    expect(check(checks, 'app permissions')).toEqual({
      name: 'app permissions',
      ok: true,
      skipped: true,
      detail: [
        "not checked: pass --app-id <id> and --app-private-key <file> (or set FACTORY_APP_ID and FACTORY_APP_PRIVATE_KEY) to check the GitHub App's permissions",
      ],
    });
    expect(out).toMatch(/^skip app permissions$/m);
    expect(out).toMatch(/^no check failed; 1 not run: app permissions$/m);
    expect(out).not.toMatch(/all checks passed/);
  });

  it('an App without pull_requests: write fails, naming the permission', async () => {
    const { checks, code, out } = await run({ root: checkout(), ...api('no-pulls'), ...app() });
    expect(code).toBe(1);
    expect(check(checks, 'app permissions')).toMatchObject({
      ok: false,
      detail: expect.arrayContaining([expect.stringMatching(/^the App lacks pull_requests: write /)]),
    });
    expect(check(checks, 'app permissions')!.detail.filter((d) => /lacks|has workflows/.test(d))).toHaveLength(1);
    expect(out).toMatch(/^FAIL app permissions$/m);
  });

  it('an App with workflows: write fails, naming it, though it has every permission needed', async () => {
    const { checks, code } = await run({ root: checkout(), ...api('workflows'), ...app() });
    expect(code).toBe(1);
    const detail = check(checks, 'app permissions')!.detail;
    expect(check(checks, 'app permissions')!.ok).toBe(false);
    expect(detail).toContainEqual(expect.stringMatching(/^the App has workflows: write: the factory never needs it/));
    expect(detail.filter((d) => d.includes('lacks'))).toEqual([]);
  });

  it('an App not installed on the repository fails, saying so', async () => {
    const { checks, code } = await run({ root: checkout(), ...api('bare'), ...app() });
    expect(code).toBe(1);
    expect(check(checks, 'app permissions')).toEqual({
      name: 'app permissions',
      ok: false,
      detail: [`the App (ID ${APP_ID}) is not installed on acme/bare: install it (the App's page > Install App) on this repository`],
    });
  });

  it("a key that is not the App's fails with GitHub's 401, saying what to fix; neither the key nor the JWT is printed", async () => {
    const { checks, code, out } = await run({ root: checkout(), ...api('good'), ...app(pem(otherKey)) });
    expect(code).toBe(1);
    expect(check(checks, 'app permissions')).toEqual({
      name: 'app permissions',
      ok: false,
      detail: [
        "GitHub refused the App's credentials (GitHub answered 401: A JSON web token could not be decoded): the App ID is wrong, or the private key is not one of this App's (generate a new one on the App's page)",
      ],
    });
    const body = pem(otherKey).split('\n')[1]!;
    expect(out).not.toContain(body);
    expect(out).not.toMatch(/eyJ/);
    expect(gh.requests.filter((r) => r.path === '/repos/acme/good/installation').at(-1)).toMatchObject({ status: 401 });
  });

  it('an expired JWT (a clock far behind) fails with 401', async () => {
    const past = new Date(Date.now() - 30 * 60_000);
    const { checks } = await run({ root: checkout(), ...api('good'), ...app(), now: () => past });
    expect(check(checks, 'app permissions')).toMatchObject({
      ok: false,
      detail: [expect.stringContaining("GitHub answered 401: 'Expiration time' claim ('exp') must be a numeric value")],
    });
  });

  it('an unreadable key file, or one that holds no key, fails naming the file', async () => {
    const missing = await run({ root: checkout(), ...api('good'), appId: String(APP_ID), appPrivateKeyFile: '/nonexistent/app.pem' });
    expect(check(missing.checks, 'app permissions')).toEqual({
      name: 'app permissions',
      ok: false,
      detail: ["cannot read the App's private key file /nonexistent/app.pem (ENOENT): pass the .pem file the App's page generated"],
    });
    const file = keyFile('not a key');
    const garbage = await run({ root: checkout(), ...api('good'), appId: String(APP_ID), appPrivateKeyFile: file });
    expect(check(garbage.checks, 'app permissions')!.detail).toEqual([
      `the App's private key file ${file} is not a PEM private key: use the whole .pem file the App's page generated, both marker lines included`,
    ]);
  });

  it('the key given as text (FACTORY_APP_PRIVATE_KEY) works as the file does; an App ID alone fails, saying what else it needs', async () => {
    const { checks } = await run({ root: checkout(), ...api('good'), appId: String(APP_ID), appPrivateKey: pem(appKey) });
    expect(check(checks, 'app permissions')).toMatchObject({ ok: true });
    expect(check(checks, 'app permissions')!.skipped).toBeUndefined();
    const half = await run({ root: checkout(), ...api('good'), appId: String(APP_ID) });
    expect(check(half.checks, 'app permissions')).toMatchObject({
      ok: false,
      detail: [expect.stringMatching(/^an App ID but no private key: pass/)],
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

describe("the App's permissions", () => {
  it('docs/install.md lists exactly the permissions doctor requires, at the same levels', () => {
    const doc = readFileSync(join(__dirname, '../../docs/install.md'), 'utf8');
    const table = doc.slice(doc.indexOf('| Permission | Access | What for |'), doc.indexOf('These are the permissions the workflows'));
    const rows = table
      .split('\n')
      .filter((l) => /^\s*\| [A-Z]/.test(l) && !l.includes('| Permission |'))
      .map((l) =>
        l
          .trim()
          .split('|')
          .slice(1, 3)
          .map((c) => c.trim())
          .join(' | '),
      );
    expect(rows).toEqual(REQUIRED_APP_PERMISSIONS.map(docRow));
    expect(doc).toMatch(/Leave "Workflows" at "No\s+access"/);
  });
});
