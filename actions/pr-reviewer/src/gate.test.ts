import { defaultConfig, type FactoryConfig } from '../../shared/config';
import type { PullRequest } from '../../shared/github/types';
import { checkPullRequest, isFactoryBranch } from './gate';

function config(scope: FactoryConfig['review']['scope']): FactoryConfig {
  const c = defaultConfig();
  c.review.scope = scope;
  return c;
}

function pr(over: Partial<PullRequest> = {}): PullRequest {
  return {
    number: 7,
    nodeId: 'PR_1',
    id: 1,
    title: 't',
    body: '',
    state: 'open',
    draft: false,
    merged: false,
    labels: [],
    author: { login: defaultConfig().trust.botLogin, type: 'Bot' },
    authorAssociation: 'NONE',
    head: { ref: 'factory/3-fix', sha: 'a'.repeat(40), repoFullName: 'acme/shop' },
    base: { ref: 'main', sha: 'b'.repeat(40), repoFullName: 'acme/shop' },
    url: '',
    createdAt: '',
    updatedAt: '',
    ...over,
  };
}

/** A fork's pull request from a branch it named factory/…, by someone outside the repository. */
const fork = (over: Partial<PullRequest> = {}) =>
  pr({
    author: { login: 'mallory', type: 'User' },
    authorAssociation: 'NONE',
    head: { ref: 'factory/3-fix', sha: 'c'.repeat(40), repoFullName: 'mallory/shop' },
    ...over,
  });

describe('isFactoryBranch', () => {
  it('a factory/ branch of this repository (full names compared case-insensitively)', () => {
    expect(isFactoryBranch(pr())).toBe(true);
    expect(isFactoryBranch(pr({ head: { ref: 'factory/3-fix', sha: 'a', repoFullName: 'ACME/shop' } }))).toBe(true);
    expect(isFactoryBranch(pr({ head: { ref: 'feature/x', sha: 'a', repoFullName: 'acme/shop' } }))).toBe(false);
  });

  it('a fork’s factory/ branch is not; nor a head or pull request whose repository is unknown', () => {
    expect(isFactoryBranch(fork())).toBe(false);
    expect(isFactoryBranch(pr({ head: { ref: 'factory/3-fix', sha: 'a', repoFullName: '' } }))).toBe(false);
    expect(isFactoryBranch(pr({ base: { ref: 'main', sha: 'b' } }))).toBe(false);
  });
});

describe('checkPullRequest', () => {
  it('reviews a factory pull request whatever review.scope says', () => {
    expect(checkPullRequest(pr(), config('factory'))).toBeUndefined();
  });

  it('reviews a fork on a factory/ branch only per review.scope, as an ordinary pull request', () => {
    expect(checkPullRequest(fork(), config('factory'))).toBe('#7 is out of review.scope (factory): a branch of mallory/shop');
    expect(checkPullRequest(fork(), config('trusted'))).toBe(
      '#7 is out of review.scope (trusted): a branch of mallory/shop and its author is not trusted',
    );
    expect(checkPullRequest(fork({ authorAssociation: 'COLLABORATOR' }), config('trusted'))).toBeUndefined();
    expect(checkPullRequest(fork(), config('all'))).toBeUndefined();
  });
});
