import type { LabelDefinition } from '../github/types';
import type { FactoryConfig } from '../config/schema';

/**
 * Every label the factory owns. Colours are 6 hex digits without `#`; descriptions stay under
 * GitHub's 100 character limit. `duplicate` keeps GitHub's own default colour and description
 * so that ensuring it never rewrites the repository's existing label.
 */
export type LabelFamily = 'issue-state' | 'pr-state' | 'flag' | 'risk' | 'priority' | 'type' | 'source';

export interface FactoryLabel extends LabelDefinition {
  family: LabelFamily;
}

/**
 * The names code uses, one constant each (the table below describes them). Production code uses
 * these, never a copy of the string.
 */
export const READY = 'factory:ready';
export const NEEDS_INFO = 'factory:needs-info';
export const NEEDS_HUMAN = 'factory:needs-human';
export const BUILDING = 'factory:building';
export const PR_OPEN = 'factory:pr-open';
export const DUPLICATE = 'duplicate';
export const REVIEWING = 'factory:reviewing';
export const CHANGES_REQUESTED = 'factory:changes-requested';
/** The review approved a pull request; on an issue, a maintainer approved an untrusted author's request (see approval.ts). */
export const APPROVED = 'factory:approved';
export const PAUSED = 'factory:paused';
export const ASSIST = 'factory:assist';
/** Intake's reports: their text comes from outside the repository. */
export const SOURCE_REPORT = 'source:report';
export const SOURCE_SENTRY = 'source:sentry';
export const SOURCE_POST_MERGE = 'source:post-merge';
/**
 * Issues the factory's monitors file with a type and priority already set (incident responder,
 * post-merge verifier): not triaged until the planner has given them a state label.
 */
export const MONITOR_SOURCES: readonly string[] = [SOURCE_SENTRY, SOURCE_POST_MERGE];

/** The risk label of a tier (one at a time on a pull request; the merge gate sets it). */
export function riskLabel(tier: 'low' | 'medium' | 'high'): string {
  return `risk:${tier}`;
}
export const RISK_LABELS: readonly string[] = [riskLabel('low'), riskLabel('medium'), riskLabel('high')];

// prettier-ignore
export const FACTORY_LABELS = [
  // Issue states (exactly one at a time; see machine.ts)
  { name: READY, family: 'issue-state', color: '0e8a16', description: 'Triaged and ready for the feature builder' },
  { name: NEEDS_INFO, family: 'issue-state', color: 'd876e3', description: 'The factory needs more information from the reporter' },
  { name: NEEDS_HUMAN, family: 'issue-state', color: 'b60205', description: 'Escalated: a human must decide or act before the factory continues' },
  { name: BUILDING, family: 'issue-state', color: 'fbca04', description: 'Claimed by a builder run (see the claim comment for its lease)' },
  { name: PR_OPEN, family: 'issue-state', color: '1d76db', description: 'A factory pull request addresses this issue' },
  { name: DUPLICATE, family: 'issue-state', color: 'cfd3d7', description: 'This issue or pull request already exists' },
  // Pull request review states (exactly one at a time)
  { name: REVIEWING, family: 'pr-state', color: 'c5def5', description: 'The factory is reviewing this pull request' },
  { name: CHANGES_REQUESTED, family: 'pr-state', color: 'e99695', description: 'The factory review asked for changes' },
  { name: APPROVED, family: 'pr-state', color: '2ea44f', description: 'The factory review approved this pull request' },
  // Flags set by humans (the factory never removes them)
  { name: PAUSED, family: 'flag', color: '3b3b3b', description: 'Paused by a human: no automation touches this until the label is removed' },
  { name: ASSIST, family: 'flag', color: 'bfd4f2', description: 'Human-led: the factory reviews and answers commands but does not build it' },
  // Risk tiers (pull requests; computed by code, see risk/)
  { name: 'risk:low', family: 'risk', color: 'c2e0c6', description: 'Low risk: may auto-merge when the policy allows' },
  { name: 'risk:medium', family: 'risk', color: 'fef2c0', description: 'Medium risk' },
  { name: 'risk:high', family: 'risk', color: 'd93f0b', description: 'High risk: never auto-merged, a human merges' },
  // Priority
  { name: 'priority:p0', family: 'priority', color: 'b60205', description: 'Critical: drop everything' },
  { name: 'priority:p1', family: 'priority', color: 'd93f0b', description: 'High priority' },
  { name: 'priority:p2', family: 'priority', color: 'fbca04', description: 'Normal priority' },
  { name: 'priority:p3', family: 'priority', color: 'c5def5', description: 'Low priority' },
  // Type
  { name: 'type:bug', family: 'type', color: 'd73a4a', description: 'Something is broken' },
  { name: 'type:feature', family: 'type', color: 'a2eeef', description: 'New behaviour' },
  { name: 'type:chore', family: 'type', color: 'ededed', description: 'Maintenance: refactoring, dependencies, tooling' },
  { name: 'type:incident', family: 'type', color: 'e11d21', description: 'A production incident' },
  // Source: where the work came from
  { name: SOURCE_REPORT, family: 'source', color: 'bfdadc', description: 'From a user report (intake)' },
  { name: SOURCE_SENTRY, family: 'source', color: 'bfdadc', description: 'From a Sentry issue (incident responder)' },
  { name: SOURCE_POST_MERGE, family: 'source', color: 'bfdadc', description: 'From a failed post-merge smoke check' },
  { name: 'source:spec-gap', family: 'source', color: 'bfdadc', description: 'From a gap between the specs and the code' },
  { name: 'source:planner', family: 'source', color: 'bfdadc', description: 'Created by the feature planner (decomposition)' },
] as const satisfies readonly FactoryLabel[];

export type FactoryLabelName = (typeof FACTORY_LABELS)[number]['name'];

export const FACTORY_LABEL_NAMES: readonly FactoryLabelName[] = FACTORY_LABELS.map((l) => l.name);

/** Prefixes reserved for factory labels: `labels.extra` may not use them. */
export const RESERVED_LABEL_PREFIXES = ['factory:', 'risk:', 'priority:', 'type:', 'source:'] as const;

export function isFactoryLabel(name: string): name is FactoryLabelName {
  return (FACTORY_LABEL_NAMES as readonly string[]).includes(name);
}

export function labelFamily(name: string): LabelFamily | undefined {
  return FACTORY_LABELS.find((l) => l.name === name)?.family;
}

/**
 * The factory's labels with `labels.overrides` applied, for GitHubWriter.ensureLabels. Labels in
 * `labels.extra` are not included: they belong to the repository, and ensuring them would
 * overwrite their colours.
 */
export function labelDefinitions(config: Pick<FactoryConfig, 'labels'>): LabelDefinition[] {
  const overrides: Partial<Record<string, { color?: string; description?: string }>> = config.labels.overrides;
  return FACTORY_LABELS.map((l) => {
    const o = overrides[l.name];
    return { name: l.name, color: o?.color ?? l.color, description: o?.description ?? l.description };
  });
}

/** A label the factory may add or remove: one of its own, or one listed in `labels.extra`. */
export function isAllowlistedLabel(name: string, config: Pick<FactoryConfig, 'labels'>): boolean {
  return isFactoryLabel(name) || config.labels.extra.includes(name);
}
