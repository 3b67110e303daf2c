import type { FactoryConfig } from '../config/schema';
import { allowedHostsFor } from '../security/outbound';
import { isAllowlistedLabel } from '../state/labels';
import type { Automation } from '../state/automations';
import type { PolicyConfig, RiskTier } from './context';
import type { IntentKind } from './intents';

/** The policy's view of the factory config. */
export function policyConfigFrom(
  config: Pick<FactoryConfig, 'trust' | 'labels' | 'risk' | 'merge'> & Partial<Pick<FactoryConfig, 'outputs'>>,
  options: { caps?: PolicyConfig['caps']; defaultBranch?: string; maxMentions?: number } = {},
): PolicyConfig {
  // High never merges by itself, whatever the list says (the schema refuses it too).
  const autoMergeTiers: RiskTier[] = config.merge.mode === 'auto' ? config.merge.autoMerge.filter((t) => t !== 'high') : [];
  return {
    isAllowedLabel: (label) => isAllowlistedLabel(label, config),
    extraLabels: config.labels.extra,
    protectedPaths: config.risk.protectedPaths,
    writableProtectedPaths: config.risk.writableProtectedPaths,
    botLogin: config.trust.botLogin,
    autoMergeTiers,
    allowedHosts: allowedHostsFor(config.outputs?.allowedHosts),
    ...options,
  };
}

const LABELS: IntentKind[] = ['add_labels', 'remove_labels'];

/** Which intents each automation may produce (its intent tools and policy's kind check). */
export const DEFAULT_ALLOWED_KINDS: Readonly<Record<Automation, readonly IntentKind[]>> = {
  intake: ['create_issue', 'comment'],
  'feature-planner': ['comment', ...LABELS, 'create_issue', 'close_issue', 'add_sub_issue'],
  'feature-builder': ['push', 'open_pull_request', 'comment', ...LABELS],
  commands: ['comment', ...LABELS, 'push', 'open_pull_request', 'reply_to_thread', 'review'],
  'pr-reviewer': ['review', 'comment', ...LABELS],
  'review-resolver': ['push', 'reply_to_thread', 'resolve_thread', 'comment', ...LABELS],
  'merge-gate': ['comment', ...LABELS, 'request_merge'],
  'pr-shepherd': ['push', 'comment', 'review', ...LABELS],
  'post-merge-verifier': ['create_issue', 'comment'],
  'incident-responder': ['create_issue', 'comment', ...LABELS],
  'quality-grader': ['push', 'open_pull_request', 'create_issue', 'comment'],
  'automation-auditor': ['push', 'open_pull_request', 'create_issue', 'comment'],
  metrics: ['create_issue', 'comment'],
  'ci-fixer': ['push', 'comment', ...LABELS],
};
