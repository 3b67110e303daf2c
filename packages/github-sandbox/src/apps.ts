/**
 * GitHub Apps as GitHub authenticates them: an App signs a JSON Web Token (RS256, `iss` its id,
 * `exp` at most ten minutes ahead) with its private key, and the JWT, not an installation token,
 * is what `GET /repos/{owner}/{repo}/installation` accepts. The sandbox holds each App's public
 * key and its installations (one per repository, with their permissions).
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { SandboxState } from './state';

/** An installation's permissions, as GitHub names them (`pull_requests`, `metadata`, `workflows`, ...). */
export type AppPermissions = Record<string, 'read' | 'write' | 'admin'>;

export interface SeedApp {
  id: number;
  /** Default `app-<id>`. */
  slug?: string;
  /** The App's public key (PEM or a KeyObject): the JWTs it accepts are signed with the matching private key. */
  publicKey: string | KeyObject;
  /** Default the owner of the first installed repository. */
  owner?: string;
  /** The repositories (`owner/name`) it is installed on, each with the installation's permissions. */
  installations?: { repo: string; permissions: AppPermissions; events?: string[] }[];
}

export interface AppRecord {
  id: number;
  slug: string;
  publicKey: KeyObject;
  owner: string;
}

export interface InstallationRecord {
  id: number;
  appId: number;
  /** `owner/name` */
  repo: string;
  permissions: AppPermissions;
  events: string[];
  createdAt: string;
}

/** Endpoints that take an App's JWT, as `METHOD route`. Everything else wants an installation or user token. */
export const JWT_ROUTES = new Set(['GET /repos/{owner}/{repo}/installation']);

export const JWT_UNDECODABLE = 'A JSON web token could not be decoded';

/** A bearer token shaped like a JWT: three base64url parts, the first a JSON header. */
export function looksLikeJwt(token: string): boolean {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => /^[\w-]+$/.test(p))) return false;
  try {
    return typeof (JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as { alg?: unknown }).alg === 'string';
  } catch {
    return false;
  }
}

export class AppRegistry {
  readonly apps: AppRecord[] = [];
  readonly installations: InstallationRecord[] = [];

  constructor(private readonly state: Pick<SandboxState, 'nextId' | 'now' | 'user'>) {}

  add(seed: SeedApp): AppRecord {
    if (this.apps.some((a) => a.id === seed.id)) throw new Error(`sandbox: App ${seed.id} is already registered`);
    const publicKey = typeof seed.publicKey === 'string' ? createPublicKey(seed.publicKey) : seed.publicKey;
    if (publicKey.asymmetricKeyType !== 'rsa') throw new Error(`sandbox: App ${seed.id}'s key must be an RSA key`);
    const owner = seed.owner ?? seed.installations?.[0]?.repo.split('/')[0] ?? 'acme';
    const app: AppRecord = { id: seed.id, slug: seed.slug ?? `app-${seed.id}`, publicKey, owner };
    this.apps.push(app);
    for (const i of seed.installations ?? []) this.install(app.id, i.repo, i.permissions, i.events);
    return app;
  }

  install(appId: number, repo: string, permissions: AppPermissions, events: string[] = []): InstallationRecord {
    const record = { id: this.state.nextId(), appId, repo, permissions: { ...permissions }, events, createdAt: this.state.now() };
    this.installations.push(record);
    return record;
  }

  installation(appId: number, repo: string): InstallationRecord | undefined {
    return this.installations.find((i) => i.appId === appId && i.repo.toLowerCase() === repo.toLowerCase());
  }

  /**
   * The App a JWT authenticates, or GitHub's 401 message: the signature must verify with the App's
   * key (RS256), `iss` name a registered App, `iat` be a number not in the future (60 s of drift
   * allowed) and `exp` lie in the future, at most ten minutes ahead.
   */
  authenticate(jwt: string, now: Date): { app: AppRecord } | { message: string } {
    const [h, p, s] = jwt.split('.') as [string, string, string];
    let header: { alg?: unknown };
    let claims: { iss?: unknown; iat?: unknown; exp?: unknown };
    try {
      header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as typeof header;
      claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as typeof claims;
    } catch {
      return { message: JWT_UNDECODABLE };
    }
    if (header.alg !== 'RS256' || !claims || typeof claims !== 'object') return { message: JWT_UNDECODABLE };
    const app = this.apps.find((a) => String(a.id) === String(claims.iss));
    if (!app) return { message: JWT_UNDECODABLE };
    if (!verify('RSA-SHA256', Buffer.from(`${h}.${p}`), app.publicKey, Buffer.from(s, 'base64url'))) return { message: JWT_UNDECODABLE };
    const seconds = Math.floor(now.getTime() / 1000);
    if (typeof claims.iat !== 'number' || claims.iat > seconds + 60) {
      return { message: "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued." };
    }
    if (typeof claims.exp !== 'number' || claims.exp <= seconds) {
      return {
        message: "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires.",
      };
    }
    if (claims.exp > seconds + 600) return { message: "'Expiration time' claim ('exp') is too far in the future." };
    return { app };
  }
}
