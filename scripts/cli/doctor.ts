import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseConfig, defaultConfig, type FactoryConfig } from '../../actions/shared/config';
import { formatProblem, isConfigError } from '../../actions/shared/errors';
import { defaultOctokitFactory, type OctokitFactory } from '../../actions/shared/github/client';
import { formatFinding, lintWorkflows, listWorkflowFiles } from '../../actions/shared/workflows/actionlint';
import { AUTOMATION_SPECS, BUILT_AUTOMATIONS } from '../../actions/shared/registry';
import { APP_CHECK, appPermissionsCheck } from './doctor-app';
import { repositoryChecks } from './doctor-repo';
import { secretsCheck, secretsUsed, type SecretSource } from './doctor-secrets';
import { parseRepo } from './real';

export interface DoctorOptions {
  root: string;
  config: string;
  repo?: string;
  token?: string;
  baseUrl?: string;
  /** Create missing labels and fix drifted ones (needs `repo` and a token). */
  fix?: boolean;
  /** Names of the Actions secrets the repository has, for checking them offline (`--secrets a,b`). */
  secrets?: string[];
  /** The factory's GitHub App (`--app-id`, FACTORY_APP_ID): with its private key and `repo`, its permissions are checked. */
  appId?: string;
  /** A file holding the App's private key (`--app-private-key`). */
  appPrivateKeyFile?: string;
  /** The App's private key itself, PEM (FACTORY_APP_PRIVATE_KEY). */
  appPrivateKey?: string;
  octokitFactory?: OctokitFactory;
  /** The clock the App's JWT is dated by. */
  now?: () => Date;
}

export interface Check {
  name: string;
  ok: boolean;
  /** Not run, for want of something the detail names: neither a pass nor a failure. */
  skipped?: boolean;
  detail: string[];
}

/**
 * `factory doctor`: checks the config, the workflows, the secrets they read and, with --repo and a
 * token, the repository (token, labels, settings), and says what is wrong and how to fix it. A
 * check it cannot run is reported as skipped, never as passed.
 */
export async function doctor(opts: DoctorOptions): Promise<Check[]> {
  const root = resolve(opts.root);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    return [
      { name: 'root', ok: false, detail: [`${opts.root} ${existsSync(root) ? 'is not a directory' : 'does not exist'}: nothing to check`] },
    ];
  }
  const checks: Check[] = [];
  if (opts.fix && !opts.repo) {
    checks.push({
      name: 'fix',
      ok: false,
      detail: [
        '--fix needs --repo owner/name and a token (GITHUB_TOKEN or GH_TOKEN): it creates and updates labels through the API; nothing was changed',
      ],
    });
  }

  let config: FactoryConfig = defaultConfig();
  const configPath = join(root, opts.config);
  if (!existsSync(configPath)) {
    checks.push({ name: 'config', ok: true, detail: [`${opts.config} not found: every field takes its default`] });
  } else {
    try {
      config = parseConfig(readFileSync(configPath, 'utf8'), opts.config);
      const on = BUILT_AUTOMATIONS.filter((n) => config.automations[n].enabled);
      const off = BUILT_AUTOMATIONS.filter((n) => !config.automations[n].enabled);
      checks.push({
        name: 'config',
        ok: true,
        detail: [
          `${opts.config} is valid; enabled: ${on.join(', ') || 'none'}${off.length ? `; disabled: ${off.join(', ')}` : ''}`,
          ...(config.killSwitch ? ['killSwitch is on: every automation skips'] : []),
        ],
      });
    } catch (e) {
      if (!isConfigError(e)) throw e;
      checks.push({ name: 'config', ok: false, detail: e.problems.map(formatProblem) });
    }
  }

  const files = listWorkflowFiles(root);
  const findings = await lintWorkflows(root, files);
  // The workflow of every automation this version has and the config enables.
  const missing = BUILT_AUTOMATIONS.filter((n) => config.automations[n].enabled)
    .map((n) => AUTOMATION_SPECS[n].workflow)
    .filter((w) => !files.includes(`.github/workflows/${w}`));
  checks.push({
    name: 'workflows',
    ok: findings.length === 0 && missing.length === 0 && files.length > 0,
    detail: [
      files.length ? `${files.length} workflow file(s), ${findings.length} problem(s)` : 'no workflow in .github/workflows/',
      ...findings.map(formatFinding),
      ...missing.map((w) => `not installed: .github/workflows/${w} (an enabled automation's workflow)`),
    ],
  });

  const used = secretsUsed(root, files);
  const workflowText = files.map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
  let source: SecretSource | undefined = opts.secrets ? { kind: 'list', names: opts.secrets } : undefined;

  if (!opts.repo) {
    checks.push(secretsCheck(used, source));
    checks.push({
      name: 'repository',
      ok: true,
      skipped: true,
      detail: ['not checked: pass --repo owner/name (and GITHUB_TOKEN) to check the token, labels and repository settings'],
    });
    if (opts.appId || opts.appPrivateKeyFile !== undefined || opts.appPrivateKey !== undefined) {
      checks.push({
        name: APP_CHECK,
        ok: true,
        skipped: true,
        detail: ["not checked: pass --repo owner/name to check the App's permissions on it"],
      });
    }
    return checks;
  }
  const repo = parseRepo(opts.repo);
  checks.push(
    await appPermissionsCheck({
      repo,
      ...(opts.appId ? { appId: opts.appId } : {}),
      ...(opts.appPrivateKeyFile !== undefined ? { privateKeyFile: opts.appPrivateKeyFile } : {}),
      ...(opts.appPrivateKey !== undefined ? { privateKey: opts.appPrivateKey } : {}),
      ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
      ...(opts.now ? { now: opts.now } : {}),
      octokitFactory: opts.octokitFactory ?? defaultOctokitFactory(),
    }),
  );
  if (!opts.token) {
    checks.push(secretsCheck(used, source));
    checks.push({ name: 'token', ok: false, detail: ['no token: set GITHUB_TOKEN (or GH_TOKEN) to check the repository'] });
    return checks;
  }
  const octokit = (opts.octokitFactory ?? defaultOctokitFactory())(opts.token, { ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}) });
  const available = new Set((opts.secrets ?? []).map((s) => s.toUpperCase()));
  const facts = await repositoryChecks({
    octokit,
    repo,
    config,
    fix: !!opts.fix,
    // Workflows that mint the App's token, or pass a static App token secret that is set.
    usesApp:
      /actions\/create-github-app-token@/.test(workflowText) || used.some((u) => /^FACTORY_APP_/.test(u.name) && available.has(u.name)),
  });
  checks.push(...facts.checks);
  if (!source && facts.secretsProblem && used.length > 0) {
    checks.push({ name: 'secrets', ok: false, detail: [`${facts.secretsProblem}; or pass --secrets NAME,NAME`] });
    return checks;
  }
  if (!source && facts.secretNames) source = { kind: 'api', repo: `${repo.owner}/${repo.repo}`, names: facts.secretNames };
  checks.push(secretsCheck(used, source));
  return checks;
}

export function printChecks(checks: Check[], print: (l: string) => void): number {
  for (const c of checks) {
    print(`${c.skipped ? 'skip' : c.ok ? 'ok  ' : 'FAIL'} ${c.name}`);
    for (const d of c.detail) print(`     ${d}`);
  }
  const failed = checks.filter((c) => !c.ok);
  const skipped = checks.filter((c) => c.skipped);
  if (failed.length) print(`${failed.length} check(s) failed: ${failed.map((c) => c.name).join(', ')}`);
  else if (skipped.length) print(`no check failed; ${skipped.length} not run: ${skipped.map((c) => c.name).join(', ')}`);
  else print('all checks passed');
  return failed.length ? 1 : 0;
}
