/**
 * `doctor --app-id … --app-private-key …`: the GitHub App's permissions on the repository. An
 * installation token cannot read its own App's permissions; the App's JWT (RS256, signed with
 * its private key) can, through `GET /repos/{owner}/{repo}/installation`. Neither the key nor the
 * JWT is ever printed.
 */
import { createPrivateKey, KeyObject, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { statusOf } from '../../actions/shared/github/api-error';
import type { OctokitFactory } from '../../actions/shared/github/client';
import { comparePermissions, FORBIDDEN_APP_PERMISSIONS, REQUIRED_APP_PERMISSIONS } from './app-permissions';
import type { Check } from './doctor';
import { apiFailure } from './errors';

export const APP_CHECK = 'app permissions';

export interface AppCheckOptions {
  repo: { owner: string; repo: string };
  /** The App's ID (`--app-id` or FACTORY_APP_ID). */
  appId?: string;
  /** A file holding the App's private key (`--app-private-key`). */
  privateKeyFile?: string;
  /** The private key itself, PEM (FACTORY_APP_PRIVATE_KEY, as the Actions secret holds it). */
  privateKey?: string;
  baseUrl?: string;
  octokitFactory: OctokitFactory;
  now?: () => Date;
}

const ENABLE = 'pass --app-id <id> and --app-private-key <file> (or set FACTORY_APP_ID and FACTORY_APP_PRIVATE_KEY)';

const fail = (detail: string[]): Check => ({ name: APP_CHECK, ok: false, detail });

/** A GitHub App JWT: issued a minute ago (clock drift), expiring in nine minutes (GitHub allows ten). */
export function appJwt(appId: string, key: KeyObject, now: Date): string {
  const seconds = Math.floor(now.getTime() / 1000);
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const iss = /^\d+$/.test(appId) ? Number(appId) : appId;
  const unsigned = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iat: seconds - 60, exp: seconds + 540, iss })}`;
  return `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), key).toString('base64url')}`;
}

function loadKey(opts: AppCheckOptions): KeyObject | Check {
  let pem: string;
  let where: string;
  if (opts.privateKeyFile !== undefined) {
    where = `the App's private key file ${opts.privateKeyFile}`;
    try {
      pem = readFileSync(opts.privateKeyFile, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return fail([`cannot read ${where}${code ? ` (${code})` : ''}: pass the .pem file the App's page generated`]);
    }
  } else {
    where = 'FACTORY_APP_PRIVATE_KEY';
    pem = opts.privateKey ?? '';
  }
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'rsa') return fail([`${where} is not an RSA private key: use the .pem file the App's page generated`]);
    return key;
  } catch {
    return fail([`${where} is not a PEM private key: use the whole .pem file the App's page generated, both marker lines included`]);
  }
}

export async function appPermissionsCheck(opts: AppCheckOptions): Promise<Check> {
  const hasKey = opts.privateKeyFile !== undefined || opts.privateKey !== undefined;
  if (!opts.appId && !hasKey) {
    return { name: APP_CHECK, ok: true, skipped: true, detail: [`not checked: ${ENABLE} to check the GitHub App's permissions`] };
  }
  if (!opts.appId) return fail([`a private key but no App ID: ${ENABLE}`]);
  if (!hasKey) return fail([`an App ID but no private key: ${ENABLE}`]);
  const key = loadKey(opts);
  if (!(key instanceof KeyObject)) return key;

  const full = `${opts.repo.owner}/${opts.repo.repo}`;
  const jwt = appJwt(opts.appId, key, (opts.now ?? (() => new Date()))());
  const octokit = opts.octokitFactory(jwt, { ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}) });
  let permissions: Record<string, string>;
  try {
    const { data } = await octokit.request('GET /repos/{owner}/{repo}/installation', opts.repo);
    permissions = ((data as { permissions?: Record<string, string> }).permissions ?? {}) as Record<string, string>;
  } catch (e) {
    const status = statusOf(e);
    if (status === 404) {
      return fail([`the App (ID ${opts.appId}) is not installed on ${full}: install it (the App's page > Install App) on this repository`]);
    }
    if (status === 401) {
      return fail([
        `GitHub refused the App's credentials (${apiFailure(e)}): the App ID is wrong, or the private key is not one of this App's (generate a new one on the App's page)`,
      ]);
    }
    return fail([`cannot read the App's installation on ${full}: ${apiFailure(e)}`]);
  }
  const { missing, forbidden, extra } = comparePermissions(permissions);
  const wanted = REQUIRED_APP_PERMISSIONS.map((p) => `${p.name}: ${p.access}`).join(', ');
  const detail = [
    ...missing.map((p) => `the App lacks ${p} (grant it on the App's page > Permissions, then accept it on the installation)`),
    ...forbidden.map(
      (p) => `the App has ${p}: the factory never needs it, and it would let a compromised run change the workflows; set it to "No access"`,
    ),
  ];
  const ok = missing.length === 0 && forbidden.length === 0;
  return {
    name: APP_CHECK,
    ok,
    detail: [
      ok ? `the App (ID ${opts.appId}) installed on ${full} has ${wanted}` : `the App (ID ${opts.appId}) installed on ${full}:`,
      ...detail,
      ...(extra.length ? [`also granted, not needed: ${extra.join(', ')}`] : []),
      ...(ok ? [] : [`needed: ${wanted}; never: ${FORBIDDEN_APP_PERMISSIONS.join(', ')}`]),
    ],
  };
}
