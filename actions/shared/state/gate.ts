import type { Actor, AuthorAssociation, Issue } from '../github/types';
import type { FactoryConfig } from '../config/schema';
import type { Automation } from './automations';
import { PAUSED, SOURCE_REPORT } from './labels';

/** Deterministic gate checks that run before any token is spent. */

/** The kill switch or a `factory:paused` label stops every automation. */
export function isPaused(labels: readonly string[], config: Pick<FactoryConfig, 'killSwitch'>): boolean {
  return pauseReason(labels, config) !== undefined;
}

export function pauseReason(labels: readonly string[], config: Pick<FactoryConfig, 'killSwitch'>): string | undefined {
  if (config.killSwitch) return 'the kill switch is on (killSwitch: true in .github/factory.yml)';
  if (labels.includes(PAUSED)) return `paused by a person (${PAUSED})`;
  return undefined;
}

/**
 * The author associations trusted by default (`trust.associations`): the repository's owner,
 * members of its organization and its collaborators.
 */
export const TRUSTED_ASSOCIATIONS = ['OWNER', 'MEMBER', 'COLLABORATOR'] as const satisfies readonly AuthorAssociation[];

export type TrustLevel = 'self' | 'trusted' | 'untrusted';

/**
 * `'self'` for the factory's own bot (its events are a neutral skip), `'trusted'` for allowlisted
 * bots (by exact login) and for people whose association is allowlisted, else `'untrusted'`.
 * Bots are never trusted through their association.
 */
export function trustLevel(
  author: Pick<Actor, 'login' | 'type'>,
  association: AuthorAssociation | string | null | undefined,
  config: Pick<FactoryConfig, 'trust'>,
): TrustLevel {
  const { trust } = config;
  if (author.login === trust.botLogin) return 'self';
  const isBot = author.type === 'Bot' || author.login.endsWith('[bot]');
  if (isBot) return trust.bots.includes(author.login) ? 'trusted' : 'untrusted';
  return association && (trust.associations as readonly string[]).includes(association) ? 'trusted' : 'untrusted';
}

/**
 * true / false, or `'self'` for the factory's own bot. `'self'` is truthy: check for it first
 * (`if (t === 'self') skip`), or use trustLevel.
 */
export function isTrusted(
  author: Pick<Actor, 'login' | 'type'>,
  association: AuthorAssociation | string | null | undefined,
  config: Pick<FactoryConfig, 'trust'>,
): boolean | 'self' {
  const level = trustLevel(author, association, config);
  return level === 'self' ? 'self' : level === 'trusted';
}

/** `automations.<name>.enabled`, and never while the kill switch is on. */
export function isAutomationEnabled(automation: Automation, config: Pick<FactoryConfig, 'automations' | 'killSwitch'>): boolean {
  return !config.killSwitch && config.automations[automation].enabled;
}

/**
 * The author's trust. Issues the factory opened itself are trusted, except intake reports:
 * their text comes from outside the repository.
 */
export function isAuthorTrusted(
  issue: Pick<Issue, 'author' | 'authorAssociation' | 'labels'>,
  config: Pick<FactoryConfig, 'trust'>,
): boolean {
  const level = trustLevel(issue.author, issue.authorAssociation, config);
  if (level === 'self') return !issue.labels.includes(SOURCE_REPORT);
  return level === 'trusted';
}
