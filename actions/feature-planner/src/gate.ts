import type { FactoryConfig } from '../../shared/config';
import { routeEvent, type ParsedEvent } from '../../shared/events';
import type { Actor, Issue } from '../../shared/github/types';
import { BUILDING, DUPLICATE, labelFamily, MONITOR_SOURCES, PR_OPEN } from '../../shared/state/labels';
import { APPROVAL_LABEL } from '../../shared/state/approval';
import { isAuthorTrusted, pauseReason } from '../../shared/state/gate';

/**
 * Pure checks before any model call. `gateEvent` decides from the event alone (kill switch,
 * switches, routing, our own bot); `gateIssue` decides from the issue as GitHub has it now
 * (paused, already triaged, who edited it) and computes whether it may become factory:ready.
 */

export const AUTOMATION = 'feature-planner';
/** Added by a maintainer to an issue from an untrusted author: it may then become ready. */
export { APPROVAL_LABEL };

export interface Trigger {
  event: string;
  action?: string;
}

export type EventGate =
  | { run: false; reason: string }
  | { run: true; mode: 'issue'; number: number; trigger: Trigger; sender: Actor }
  | { run: true; mode: 'sweep'; trigger: Trigger; sender: Actor };

type Config = Pick<FactoryConfig, 'killSwitch' | 'automations' | 'trust'>;

export function gateEvent(event: ParsedEvent, config: Config, issueNumber?: number): EventGate {
  if (config.killSwitch) return { run: false, reason: 'the kill switch is on (killSwitch: true in .github/factory.yml)' };
  if (!config.automations[AUTOMATION].enabled) {
    return { run: false, reason: `${AUTOMATION} is disabled (automations.${AUTOMATION}.enabled: false)` };
  }
  if (event.kind === 'unsupported') return { run: false, reason: `unsupported event "${event.name}": ${event.reason}` };
  const sender = event.sender;
  if (sender.login === config.trust.botLogin) {
    return { run: false, reason: `the event was caused by the factory itself (${sender.login})` };
  }
  if (event.isBot && !config.trust.bots.includes(sender.login)) {
    return { run: false, reason: `the event was caused by the bot ${sender.login}, which is not in trust.bots` };
  }
  const trigger: Trigger = { event: event.kind, ...(event.action ? { action: event.action } : {}) };
  const explicit = issueNumber ?? dispatchedIssue(event);
  if (explicit !== undefined) return { run: true, mode: 'issue', number: explicit, trigger, sender };
  const route = routeEvent(event, AUTOMATION);
  if (!route.run) return { run: false, reason: route.reason };
  if (event.kind === 'issues') return { run: true, mode: 'issue', number: event.subject.number, trigger, sender };
  return { run: true, mode: 'sweep', trigger, sender };
}

/** The `issue-number` input of a workflow_dispatch event, when it names an issue. */
function dispatchedIssue(event: ParsedEvent): number | undefined {
  if (event.kind !== 'workflow_dispatch') return undefined;
  const raw = event.inputs['issue-number'];
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  return /^[1-9]\d*$/.test(text) ? Number(text) : undefined;
}

/**
 * A type:* label or an issue state label: someone (or the factory) has triaged the issue. An issue
 * a monitor filed (source:sentry, source:post-merge) comes with its type and priority; only a state
 * label says the planner has triaged it.
 */
export function isTriaged(labels: readonly string[]): boolean {
  if (labels.some((l) => labelFamily(l) === 'issue-state')) return true;
  if (labels.some((l) => MONITOR_SOURCES.includes(l))) return false;
  return labels.some((l) => labelFamily(l) === 'type');
}

export function stateLabel(labels: readonly string[]): string | undefined {
  return labels.find((l) => labelFamily(l) === 'issue-state');
}

export interface Approval {
  /** The author (or, for factory-made report issues, the reporter) is trusted. */
  authorTrusted: boolean;
  /** A maintainer's factory:approved label counts for this run. */
  approved: boolean;
  /** Policy lets the agent set factory:ready. */
  mayBecomeReady: boolean;
}

export type IssueGate = { run: false; reason: string } | { run: true; approval: Approval };

export interface IssueGateInput {
  issue: Issue;
  config: Pick<FactoryConfig, 'killSwitch' | 'trust'>;
  trigger: Trigger;
  /** Who caused the event; absent for sweeps. */
  sender?: Actor;
}

/** States owned by the builder and later automations: the planner leaves them alone. */
const NOT_OURS = [BUILDING, PR_OPEN, DUPLICATE];

export function gateIssue({ issue, config, trigger, sender }: IssueGateInput): IssueGate {
  const n = `#${issue.number}`;
  if (issue.isPullRequest) return { run: false, reason: `${n} is a pull request` };
  if (issue.state === 'closed') return { run: false, reason: `${n} is closed` };
  const paused = pauseReason(issue.labels, config);
  if (paused) return { run: false, reason: `${n}: ${paused}` };
  const owned = issue.labels.find((l) => NOT_OURS.includes(l));
  if (owned) return { run: false, reason: `${n} is ${owned}; the planner does not re-plan it` };

  const authorTrusted = isAuthorTrusted(issue, config);
  const editor = sender ? editorTrust(issue, sender, config) : undefined;
  if (isTriaged(issue.labels) && trigger.event === 'issues' && editor === 'untrusted') {
    return { run: false, reason: `${n} is already triaged and ${sender?.login ?? 'someone'} is neither its author nor a maintainer` };
  }
  // An edit by an untrusted author after the approval is content the maintainer has not seen.
  const editedByUntrustedAuthor = trigger.action === 'edited' && sender?.login === issue.author.login && !authorTrusted;
  const approved = issue.labels.includes(APPROVAL_LABEL) && !editedByUntrustedAuthor;
  const mayBecomeReady = !config.trust.requireApprovalForUntrusted || authorTrusted || approved;
  return { run: true, approval: { authorTrusted, approved, mayBecomeReady } };
}

/**
 * Whether the person who changed the issue may have it re-planned: its author (any trust; the
 * approval rule above still applies) or a maintainer. GitHub only lets people with triage access
 * edit someone else's issue, so a human editor other than the author is a maintainer.
 */
export function editorTrust(
  issue: Pick<Issue, 'author'>,
  sender: Actor,
  config: Pick<FactoryConfig, 'trust'>,
): 'author' | 'trusted' | 'untrusted' {
  if (sender.login === issue.author.login) return 'author';
  const isBot = sender.type === 'Bot' || sender.login.endsWith('[bot]');
  if (isBot) return config.trust.bots.includes(sender.login) ? 'trusted' : 'untrusted';
  return sender.type === 'User' ? 'trusted' : 'untrusted';
}
