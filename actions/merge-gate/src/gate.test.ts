import { defaultConfig, type FactoryConfig } from '../../shared/config';
import type { PullRequest } from '../../shared/github/types';
import { checkPullRequest, isFactoryBranch, isFactoryPullRequest } from './gate';

const config = (): FactoryConfig => defaultConfig();
const BOT = config().trust.botLogin;

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
    author: { login: BOT, type: 'Bot' },
    authorAssociation: 'NONE',
    head: { ref: 'factory/3-fix', sha: 'a'.repeat(40), repoFullName: 'acme/shop' },
    base: { ref: 'main', sha: 'b'.repeat(40), repoFullName: 'acme/shop' },
    url: '',
    createdAt: '',
    updatedAt: '',
    ...over,
  };
}

const fork = (over: Partial<PullRequest> = {}) =>
  pr({
    author: { login: 'mallory', type: 'User' },
    head: { ref: 'factory/3-fix', sha: 'c'.repeat(40), repoFullName: 'mallory/shop' },
    ...over,
  });

describe('isFactoryPullRequest', () => {
  it('a factory/ branch, the bot, or factory:assist, with the head in this repository (full names compared case-insensitively)', () => {
    expect(isFactoryPullRequest(pr(), BOT)).toBe(true);
    expect(isFactoryPullRequest(pr({ head: { ref: 'factory/3-fix', sha: 'a', repoFullName: 'Acme/Shop' } }), BOT)).toBe(true);
    const person = { author: { login: 'alice', type: 'User' } };
    expect(isFactoryPullRequest(pr({ ...person, head: { ref: 'feature/x', sha: 'a', repoFullName: 'acme/shop' } }), BOT)).toBe(false);
    expect(
      isFactoryPullRequest(
        pr({ ...person, labels: ['factory:assist'], head: { ref: 'feature/x', sha: 'a', repoFullName: 'acme/shop' } }),
        BOT,
      ),
    ).toBe(true);
  });

  it('a fork is never the factory’s: not by its factory/ branch, not by factory:assist', () => {
    expect(isFactoryPullRequest(fork(), BOT)).toBe(false);
    expect(isFactoryPullRequest(fork({ labels: ['factory:assist'] }), BOT)).toBe(false);
    expect(isFactoryBranch(fork())).toBe(false);
    // A head whose repository GitHub did not name (a deleted fork), or a pull request whose own repository is unknown.
    expect(isFactoryPullRequest(pr({ head: { ref: 'factory/3-fix', sha: 'a', repoFullName: '' } }), BOT)).toBe(false);
    expect(isFactoryPullRequest(pr({ base: { ref: 'main', sha: 'b' } }), BOT)).toBe(false);
  });
});

describe('checkPullRequest', () => {
  it('rates and merges a factory pull request of this repository', () => {
    expect(checkPullRequest(pr(), config())).toBeUndefined();
  });

  it('skips a fork on a factory/ branch, approved and labelled factory:assist, and says why', () => {
    const why = checkPullRequest(fork({ labels: ['factory:approved', 'factory:assist'] }), config());
    expect(why).toBe('#7 is not a factory pull request: its head is a branch of mallory/shop, not of this repository');
  });
});
