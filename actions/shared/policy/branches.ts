import type { PullRequest } from '../github/types';
import { FACTORY_BRANCH_PREFIX } from './policy';

/**
 * The branch of a revert pull request the post-merge verifier opens (`postMerge.onFailure: revert-pr`).
 * Risk rates any pull request from such a branch high, so no merge path takes it without a person.
 */
export const REVERT_BRANCH_PREFIX = `${FACTORY_BRANCH_PREFIX}revert-pr-`;

/**
 * The head is a branch of this repository (the one the pull request belongs to; full names compared
 * case-insensitively). A fork's head is not, whatever its branch is called; unknown is not either.
 */
export function isOwnHead(pr: Pick<PullRequest, 'head' | 'base'>): boolean {
  const own = pr.base.repoFullName;
  return !!own && !!pr.head.repoFullName && pr.head.repoFullName.toLowerCase() === own.toLowerCase();
}

/** A `factory/` branch of this repository. A fork's `factory/` branch is an ordinary pull request's. */
export function isFactoryBranch(pr: Pick<PullRequest, 'head' | 'base'>): boolean {
  return isOwnHead(pr) && pr.head.ref.startsWith(FACTORY_BRANCH_PREFIX);
}
