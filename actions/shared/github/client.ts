/**
 * Entry point of the GitHub layer: builds the Octokit client (retry, throttling) and binds a
 * read-only reader and a writer to one repository.
 */
import { randomUUID } from 'node:crypto';
import { ConfigError } from '../errors';
import { silentLogger, type Logger } from '../ports';
import { withErrorContext } from './api-error';
import { buildOctokit, defaultOctokitFactory, type OctokitFactory, type ThrottleOptions } from './octokit';
import { createReader } from './reader';
import type { GitHub, RepoRef } from './types';
import { createWriter } from './writer';

export { defaultOctokitFactory, type OctokitFactory, type OctokitLike, type ThrottleOptions } from './octokit';
export { GitHubApiError } from './api-error';

export const DEFAULT_BASE_URL = 'https://api.github.com';

export interface GitHubClientOptions {
  token: string;
  repo: RepoRef;
  /** Default https://api.github.com. GraphQL goes to baseUrl + '/graphql' (GHES: .../api/graphql). */
  baseUrl?: string;
  octokitFactory?: OctokitFactory;
  logger?: Logger;
  /** Retries for 5xx answers and network errors. Default 3. */
  retries?: number;
  userAgent?: string;
  throttle?: ThrottleOptions;
  /** Multiplies every retry wait (backoff and retry-after). Default 1; tests pass e.g. 0.001. */
  delayScale?: number;
}

export function createGitHub(opts: GitHubClientOptions): GitHub {
  if (!opts.token) throw new Error('createGitHub: token is empty');
  if (!opts.repo.owner || !opts.repo.repo) {
    throw new Error(`createGitHub: repo must name an owner and a repository, got ${JSON.stringify(opts.repo)}`);
  }
  const retries = opts.retries ?? 3;
  const octokit = buildOctokit(opts.token, opts.octokitFactory ?? defaultOctokitFactory(), {
    baseUrl: (opts.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, ''),
    ...(opts.userAgent ? { userAgent: opts.userAgent } : {}),
    logger: opts.logger ?? silentLogger,
    retries,
    delayScale: opts.delayScale ?? 1,
    throttle: opts.throttle ?? {},
    id: `factory-${randomUUID()}`,
  });
  const repo = { owner: opts.repo.owner, repo: opts.repo.repo };
  const reader = createReader(octokit, repo);
  const writer = createWriter(octokit, repo, reader);
  return {
    reader: withErrorContext('github.reader', reader, retries),
    writer: withErrorContext('github.writer', writer, retries),
  };
}

export type TokenKind = 'app' | 'github-token' | 'pat';

/** Personal access tokens (classic and fine-grained); GITHUB_TOKEN and app tokens start `ghs_`. */
const PAT_PREFIX = /^(ghp_|github_pat_)/;

function kindOf(token: string, fallback: TokenKind): TokenKind {
  return PAT_PREFIX.test(token) ? 'pat' : fallback;
}

/**
 * The token to act with: a GitHub App installation token when configured (its events start
 * workflows), otherwise the `github-token` input or GITHUB_TOKEN / GH_TOKEN from the environment.
 */
export function resolveToken(
  env: NodeJS.ProcessEnv | Record<string, string | undefined>,
  inputs: { appToken?: string; githubToken?: string } = {},
): { token: string; kind: TokenKind } {
  const clean = (v: string | undefined) => (v ?? '').trim();
  const app = clean(inputs.appToken) || clean(env.FACTORY_APP_TOKEN);
  if (app) return { token: app, kind: 'app' };
  const input = clean(inputs.githubToken);
  if (input) return { token: input, kind: kindOf(input, 'github-token') };
  const fromEnv = clean(env.GITHUB_TOKEN);
  if (fromEnv) return { token: fromEnv, kind: kindOf(fromEnv, 'github-token') };
  const gh = clean(env.GH_TOKEN);
  if (gh) return { token: gh, kind: kindOf(gh, 'pat') };
  throw new ConfigError([
    {
      path: 'github-token',
      message:
        'no GitHub token: set the `github-token` input (e.g. `${{ secrets.GITHUB_TOKEN }}`) or `app-token` ' +
        '(a GitHub App installation token); outside Actions set GITHUB_TOKEN or GH_TOKEN',
    },
  ]);
}
