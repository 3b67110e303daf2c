import type { Automation } from '../state/automations';
import type { TransitionRequest, TransitionResult } from '../state/machine';
import { maxTier, TIERS, type Tier } from '../risk/tiers';
import type { IntentKind } from './intents';

/**
 * What policy needs to know about a run. Split in two:
 *  - PolicyFacts: plain data computed by code before the agent ran (serialisable, so the
 *    split-mode intent file can carry it);
 *  - the live parts (config, redactor, state machine) which the job evaluating the intents
 *    always supplies itself.
 */

export type AutomationName = Automation;
export type RiskTier = Tier;
export const RISK_ORDER: readonly RiskTier[] = TIERS;
export const maxRisk = maxTier;

/** `checkTransition` of state/machine.ts (the default); injectable for tests. */
export type CheckTransition = (req: TransitionRequest) => TransitionResult;

/** The few config fields policy reads (a narrow view of FactoryConfig). */
export interface PolicyConfig {
  /** Per-kind caps for one run; missing kinds use DEFAULT_CAPS. */
  caps?: Partial<Record<IntentKind, number>>;
  /** The factory's label set plus the configured extras. */
  isAllowedLabel(label: string): boolean;
  /** `labels.extra`: repository labels without state, passed to the state machine. */
  extraLabels?: readonly string[];
  /** Globs (picomatch, dot: true) a push may not touch, nor any path that looks like one (risk/paths.ts). */
  protectedPaths: readonly string[];
  /** risk.writableProtectedPaths: protected paths a push may touch as written (still high risk). */
  writableProtectedPaths?: readonly string[];
  botLogin: string;
  defaultBranch?: string;
  /** Most distinct @mentions one body may carry (default 3). */
  maxMentions?: number;
  /** Risk tiers that may auto-merge (default: low only). `high` is never allowed. */
  autoMergeTiers?: readonly RiskTier[];
  /**
   * Host patterns links and images in written text may point to (security/outbound.ts
   * allowedHostsFor); default: GitHub's hosts.
   */
  allowedHosts?: readonly string[];
}

export interface PolicySubject {
  type: 'issue' | 'pr';
  number: number;
  labels: string[];
  authorLogin: string;
}

export interface ThreadFacts {
  authorLogin: string;
  /** The factory opened the thread (its first comment is ours). */
  isFactory: boolean;
  /** A human commented on the thread after the factory's last reply. */
  humanRepliedAfter: boolean;
  /** The reviewer who opened the thread asked for it to be resolved once addressed. */
  resolveRequested?: boolean;
}

export interface PolicyFacts {
  automation: AutomationName;
  /** owner/name */
  repo: string;
  /** The issue or PR the run is about; absent for sweeps. */
  subject?: PolicySubject;
  /** Intent kinds this automation may produce. */
  allowedKinds: IntentKind[];
  /** Issue/PR numbers this run may touch (the subject is always allowed). */
  allowedTargets: number[];
  /** PR numbers the factory opened. */
  openedByFactory: number[];
  /** Review threads by GraphQL node id. */
  threads: Record<string, ThreadFacts>;
  /** Risk tier computed by code. Intents may raise it, never lower it. */
  risk: RiskTier;
  defaultBranch: string;
  /** Paths changed by the work being pushed, as seen by code (not the model). */
  diffFiles?: string[];
  /** Current labels of allowed targets other than the subject, by number. */
  targetLabels?: Record<string, string[]>;
  /** Protected-path globs this run may touch anyway (e.g. the auditor on prompts/). */
  allowProtectedPaths?: string[];
  /** Exact branches this run may push besides factory/ ones: a person's branch handed over with factory:assist. */
  pushableBranches?: string[];
}

export interface PolicyContext extends PolicyFacts {
  config: PolicyConfig;
  /** The redactor: text it would change contains a secret. */
  redact(text: string): string;
  /** Default: the state machine's checkTransition. */
  checkTransition?: CheckTransition;
}

/** Caps per kind per run when config sets none. */
export const DEFAULT_CAPS: Readonly<Record<IntentKind, number>> = {
  comment: 5,
  add_labels: 10,
  remove_labels: 10,
  create_issue: 10,
  close_issue: 5,
  add_sub_issue: 20,
  review: 1,
  reply_to_thread: 30,
  resolve_thread: 30,
  open_pull_request: 1,
  push: 3,
  request_merge: 1,
};

export const DEFAULT_MAX_MENTIONS = 3;
