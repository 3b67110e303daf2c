import type { FactoryConfig } from '../../actions/shared/config';
import { statusOf } from '../../actions/shared/github/api-error';
import type { OctokitLike } from '../../actions/shared/github/client';
import { REVIEW_CHECK_NAME } from '../../actions/shared/review/verdict';
import { labelDefinitions } from '../../actions/shared/state/labels';
import type { Check } from './doctor';
import { apiFailure } from './errors';

/**
 * The checks `doctor --repo` makes through the API: the token, the labels (created or updated with
 * --fix), the repository settings the factory needs, and the names of the Actions secrets (for the
 * secrets check).
 */

type Repo = { owner: string; repo: string };

export interface RepositoryFacts {
  checks: Check[];
  /** Names of the Actions secrets the repository has (its own and its organisation's), when they could be listed. */
  secretNames?: string[];
  /** Why they could not be listed. */
  secretsProblem?: string;
}

export interface RepositoryCheckOptions {
  octokit: OctokitLike;
  repo: Repo;
  config: FactoryConfig;
  fix: boolean;
  /** The workflows act as a GitHub App (they mint its token): Actions' own pull request permission does not matter then. */
  usesApp: boolean;
}

interface RepositoryData {
  full_name: string;
  default_branch: string;
  allow_auto_merge?: boolean;
  permissions?: Record<string, boolean>;
}

export async function repositoryChecks(opts: RepositoryCheckOptions): Promise<RepositoryFacts> {
  const { octokit, repo } = opts;
  const checks: Check[] = [];
  let data: RepositoryData;
  try {
    const res = await octokit.request('GET /repos/{owner}/{repo}', repo);
    data = res.data as RepositoryData;
    const scopes = String(res.headers['x-oauth-scopes'] ?? '');
    const perms = data.permissions;
    const detail = [`${data.full_name}: default branch ${data.default_branch}`];
    if (scopes) detail.push(`token scopes: ${scopes}${/\brepo\b/.test(scopes) ? '' : ' (missing "repo": writes will fail)'}`);
    if (perms) {
      const granted = Object.entries(perms)
        .filter(([, v]) => v)
        .map(([k]) => k);
      detail.push(`permissions: ${granted.join(', ')}`);
    }
    const canWrite = !perms || perms.push || perms.admin || perms.maintain;
    checks.push({ name: 'token', ok: !!canWrite, detail: canWrite ? detail : [...detail, 'the token cannot write to this repository'] });
  } catch (e) {
    checks.push({ name: 'token', ok: false, detail: [`cannot read ${repo.owner}/${repo.repo}: ${apiFailure(e)}`] });
    return { checks };
  }

  checks.push(await labelsCheck(opts));
  checks.push(...(await settingsChecks(opts, data)));
  const secrets = await listSecretNames(octokit, repo);
  if ('problem' in secrets) {
    return {
      checks,
      secretsProblem: `cannot list the Actions secrets of ${data.full_name}: ${secrets.problem} (the token needs Secrets: read)`,
    };
  }
  return { checks, secretNames: secrets.names };
}

async function labelsCheck({ octokit, repo, config, fix }: RepositoryCheckOptions): Promise<Check> {
  try {
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
    if (fix) {
      for (const l of absent) await octokit.request('POST /repos/{owner}/{repo}/labels', { ...repo, ...l });
      for (const l of drifted) {
        await octokit.request('PATCH /repos/{owner}/{repo}/labels/{name}', {
          ...repo,
          name: l.name,
          color: l.color,
          description: l.description,
        });
      }
      return {
        name: 'labels',
        ok: true,
        detail: [`created ${absent.length}, updated ${drifted.length} of ${wanted.length} factory labels`],
      };
    }
    return {
      name: 'labels',
      ok: absent.length === 0,
      detail: [
        `${wanted.length - absent.length}/${wanted.length} factory labels present${drifted.length ? `, ${drifted.length} with other colour or description` : ''}`,
        ...(absent.length ? [`missing: ${absent.map((l) => l.name).join(', ')} (run with --fix to create them)`] : []),
      ],
    };
  } catch (e) {
    return { name: 'labels', ok: false, detail: [`cannot ${fix ? 'fix' : 'read'} the labels: ${apiFailure(e)}`] };
  }
}

const enabled = (config: FactoryConfig, name: string) =>
  (config.automations as Record<string, { enabled?: boolean } | undefined>)[name]?.enabled === true;

async function settingsChecks(opts: RepositoryCheckOptions, data: RepositoryData): Promise<Check[]> {
  const { octokit, repo, config } = opts;
  const checks: Check[] = [];

  // Auto-merge: what the merge gate arms for approved pull requests within merge.autoMerge.
  const wantsAutoMerge = enabled(config, 'merge-gate') && config.merge.mode === 'auto' && config.merge.autoMerge.length > 0;
  if (wantsAutoMerge) {
    const on = data.allow_auto_merge;
    checks.push({
      name: 'auto-merge',
      ok: on === true,
      detail: [
        on === true
          ? '"Allow auto-merge" is on'
          : on === false
            ? `"Allow auto-merge" is off: the merge gate (merge.mode: auto, tiers ${config.merge.autoMerge.join(', ')}) cannot arm it; turn it on in Settings > General > Pull Requests`
            : 'cannot see "Allow auto-merge": the token may not read the repository settings (needs Administration: read or push access)',
      ],
    });
  }

  // "Allow GitHub Actions to create and approve pull requests": needed when the factory acts with GITHUB_TOKEN.
  try {
    const { data: w } = await octokit.request('GET /repos/{owner}/{repo}/actions/permissions/workflow', repo);
    const allowed = (w as { can_approve_pull_request_reviews?: boolean }).can_approve_pull_request_reviews === true;
    checks.push({
      name: 'actions pull requests',
      ok: allowed || opts.usesApp,
      detail: [
        allowed
          ? '"Allow GitHub Actions to create and approve pull requests" is on'
          : opts.usesApp
            ? '"Allow GitHub Actions to create and approve pull requests" is off; fine: the workflows act as the factory\'s App'
            : '"Allow GitHub Actions to create and approve pull requests" is off: with GITHUB_TOKEN the builder cannot open pull requests; turn it on in Settings > Actions > General > Workflow permissions, or use a GitHub App token',
      ],
    });
  } catch (e) {
    checks.push({
      name: 'actions pull requests',
      ok: false,
      detail: [`cannot read the Actions workflow permissions: ${apiFailure(e)} (the token needs Administration: read)`],
    });
  }

  // A rule on the default branch that requires the reviewer's check: otherwise a pull request merges unreviewed.
  if (enabled(config, 'pr-reviewer')) {
    const branch = data.default_branch;
    try {
      const required = await requiredChecks(octokit, repo, branch);
      const ok = required.includes(REVIEW_CHECK_NAME);
      checks.push({
        name: 'branch rules',
        ok,
        detail: [
          ok
            ? `${branch} requires ${REVIEW_CHECK_NAME}`
            : `no rule on ${branch} requires the ${REVIEW_CHECK_NAME} check${required.length ? ` (required: ${required.join(', ')})` : ''}: a pull request can merge without the factory's review; add it to a ruleset's required status checks (Settings > Rules)`,
        ],
      });
    } catch (e) {
      checks.push({ name: 'branch rules', ok: false, detail: [`cannot read the rules of ${branch}: ${apiFailure(e)}`] });
    }
  }
  return checks;
}

/** Status checks the default branch requires: from its rulesets, and from classic branch protection when the token may read it. */
async function requiredChecks(octokit: OctokitLike, repo: Repo, branch: string): Promise<string[]> {
  const names = new Set<string>();
  const { data: rules } = await octokit.request('GET /repos/{owner}/{repo}/rules/branches/{branch}', { ...repo, branch });
  for (const rule of rules as { type: string; parameters?: { required_status_checks?: { context: string }[] } }[]) {
    if (rule.type !== 'required_status_checks') continue;
    for (const c of rule.parameters?.required_status_checks ?? []) names.add(c.context);
  }
  if (names.size === 0) {
    try {
      const { data } = await octokit.request('GET /repos/{owner}/{repo}/branches/{branch}/protection', { ...repo, branch });
      for (const c of (data as { required_status_checks?: { contexts?: string[] } }).required_status_checks?.contexts ?? []) names.add(c);
    } catch (e) {
      // Not protected (404), or the token may not read protection (403): the rulesets said it all.
      if (statusOf(e) !== 404 && statusOf(e) !== 403) throw e;
    }
  }
  return [...names].sort();
}

async function listSecretNames(octokit: OctokitLike, repo: Repo): Promise<{ names: string[] } | { problem: string }> {
  try {
    const own = (await octokit.paginate('GET /repos/{owner}/{repo}/actions/secrets', { ...repo, per_page: 100 })) as { name: string }[];
    let shared: { name: string }[] = [];
    try {
      shared = (await octokit.paginate('GET /repos/{owner}/{repo}/actions/organization-secrets', { ...repo, per_page: 100 })) as {
        name: string;
      }[];
    } catch (e) {
      // A personal repository has no organisation; a token without org access sees none.
      if (statusOf(e) === undefined) throw e;
    }
    return { names: [...own, ...shared].map((s) => s.name) };
  } catch (e) {
    return { problem: apiFailure(e) };
  }
}
