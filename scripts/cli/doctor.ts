import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig, defaultConfig, type FactoryConfig } from '../../actions/shared/config';
import { formatProblem, isConfigError, errorMessage } from '../../actions/shared/errors';
import { defaultOctokitFactory, type OctokitFactory } from '../../actions/shared/github/client';
import { labelDefinitions } from '../../actions/shared/state/labels';
import { formatFinding, lintWorkflows, listWorkflowFiles } from '../../actions/shared/workflows/actionlint';
import { AUTOMATION_SPECS, BUILT_AUTOMATIONS } from '../../actions/shared/registry';
import { parseRepo } from './real';

export interface DoctorOptions {
  root: string;
  config: string;
  repo?: string;
  token?: string;
  baseUrl?: string;
  /** Create missing labels and fix drifted ones. */
  fix?: boolean;
  octokitFactory?: OctokitFactory;
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string[];
}

/**
 * `factory doctor`: checks the config, the workflows and, with a token, the repository (token,
 * labels) and says what is wrong and how to fix it.
 */
export async function doctor(opts: DoctorOptions): Promise<Check[]> {
  const checks: Check[] = [];
  let config: FactoryConfig = defaultConfig();
  const configPath = join(opts.root, opts.config);
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

  const files = listWorkflowFiles(opts.root);
  const findings = await lintWorkflows(opts.root, files);
  // The workflow of every automation this version has and the config enables.
  const missing = BUILT_AUTOMATIONS.filter((n) => config.automations[n].enabled)
    .map((n) => AUTOMATION_SPECS[n].workflow)
    .filter((w) => !files.includes(`.github/workflows/${w}`));
  checks.push({
    name: 'workflows',
    ok: findings.length === 0,
    detail: [
      `${files.length} workflow file(s), ${findings.length} problem(s)`,
      ...findings.map(formatFinding),
      ...missing.map((w) => `not installed: .github/workflows/${w} (copy it from the factory repository)`),
    ],
  });

  if (!opts.repo) {
    checks.push({
      name: 'repository',
      ok: true,
      detail: ['skipped: pass --repo owner/name (and GITHUB_TOKEN) to check the token and labels'],
    });
    return checks;
  }
  const repo = parseRepo(opts.repo);
  if (!opts.token) {
    checks.push({ name: 'token', ok: false, detail: ['no token: set GITHUB_TOKEN (or GH_TOKEN) to check the repository'] });
    return checks;
  }
  const octokit = (opts.octokitFactory ?? defaultOctokitFactory())(opts.token, { ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}) });
  try {
    const res = await octokit.request('GET /repos/{owner}/{repo}', repo);
    const scopes = String(res.headers['x-oauth-scopes'] ?? '');
    const perms = (res.data as { permissions?: Record<string, boolean> }).permissions;
    const detail = [`${res.data.full_name}: default branch ${res.data.default_branch}`];
    if (scopes) detail.push(`token scopes: ${scopes}${/\brepo\b/.test(scopes) ? '' : ' (missing "repo": writes will fail)'}`);
    if (perms)
      detail.push(
        `permissions: ${Object.entries(perms)
          .filter(([, v]) => v)
          .map(([k]) => k)
          .join(', ')}`,
      );
    const canWrite = !perms || perms.push || perms.admin || perms.maintain;
    checks.push({ name: 'token', ok: !!canWrite, detail: canWrite ? detail : [...detail, 'the token cannot write to this repository'] });
  } catch (e) {
    checks.push({ name: 'token', ok: false, detail: [`cannot read ${opts.repo}: ${errorMessage(e)}`] });
    return checks;
  }

  const existing = (await octokit.paginate('GET /repos/{owner}/{repo}/labels', { ...repo, per_page: 100 })) as {
    name: string;
    color: string;
    description: string | null;
  }[];
  const byName = new Map(existing.map((l) => [l.name, l]));
  const wanted = labelDefinitions(config);
  const absent = wanted.filter((l) => !byName.has(l.name));
  const drifted = wanted.filter((l) => {
    const have = byName.get(l.name);
    return have && (have.color.toLowerCase() !== l.color.toLowerCase() || (have.description ?? '') !== l.description);
  });
  if (opts.fix) {
    for (const l of absent) await octokit.request('POST /repos/{owner}/{repo}/labels', { ...repo, ...l });
    for (const l of drifted) {
      await octokit.request('PATCH /repos/{owner}/{repo}/labels/{name}', {
        ...repo,
        name: l.name,
        color: l.color,
        description: l.description,
      });
    }
    checks.push({
      name: 'labels',
      ok: true,
      detail: [`created ${absent.length}, updated ${drifted.length} of ${wanted.length} factory labels`],
    });
  } else {
    checks.push({
      name: 'labels',
      ok: absent.length === 0,
      detail: [
        `${wanted.length - absent.length}/${wanted.length} factory labels present${drifted.length ? `, ${drifted.length} with other colour or description` : ''}`,
        ...(absent.length ? [`missing: ${absent.map((l) => l.name).join(', ')} (run with --fix to create them)`] : []),
      ],
    });
  }
  return checks;
}

export function printChecks(checks: Check[], print: (l: string) => void): number {
  for (const c of checks) {
    print(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}`);
    for (const d of c.detail) print(`     ${d}`);
  }
  const failed = checks.filter((c) => !c.ok).length;
  print(failed ? `${failed} check(s) failed` : 'all checks passed');
  return failed ? 1 : 0;
}
