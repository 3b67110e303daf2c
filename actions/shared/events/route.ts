import { AUTOMATIONS, isAutomation, type Automation } from '../state/automations';
import { APPROVED, CHANGES_REQUESTED, NEEDS_HUMAN, READY, SOURCE_REPORT } from '../state/labels';
import { parseCommand, parseUnknownCommand } from './command';
import type { EventOfKind, FactoryEvent, FactoryEventKind, ParsedEvent } from './types';

/**
 * Which events each automation handles: a pure table, checked before anything else runs.
 * `run: false` is a neutral skip; its reason is shown as a notice.
 */
// The one list of automations lives with the state machine.
export { AUTOMATIONS };
export type AutomationName = Automation;

export type RouteDecision = { run: true; reason: string } | { run: false; reason: string };

export interface RouteOptions {
  /** Labels an issue form applies that make a new issue an intake report. */
  intakeLabels?: string[];
  /** `repository_dispatch` event type that carries a report. */
  reportDispatchType?: string;
  /** Label that hands an issue to the builder. */
  readyLabel?: string;
  /** Label that asks the shepherd (and a human) to look at a PR. */
  needsHumanLabel?: string;
  /** Handle the commands answer to, without `@`. */
  commandMention?: string;
  /** The environment whose successful deployments the post-merge verifier verifies; null: any environment. */
  deployEnvironment?: string | null;
}

const DEFAULTS: Required<RouteOptions> = {
  intakeLabels: [SOURCE_REPORT],
  reportDispatchType: 'factory-report',
  readyLabel: READY,
  needsHumanLabel: NEEDS_HUMAN,
  commandMention: 'factory',
  deployEnvironment: null,
};

type Options = Required<RouteOptions>;

/** The review verdicts the merge gate re-evaluates on. */
const VERDICT_LABELS: readonly string[] = [APPROVED, CHANGES_REQUESTED];

/** One accepted trigger. `reject` returns why a matching event still does not qualify. */
type Rule = {
  [K in FactoryEventKind]: {
    kind: K;
    actions?: readonly string[];
    reject?: (event: EventOfKind<K>, options: Options) => string | undefined;
  };
}[FactoryEventKind];

const notPr = (e: { subject?: { type: string } }) => (e.subject?.type === 'pr' ? 'the issue is a pull request' : undefined);

// An unknown command (`@factory deploy`) goes to the commands automation too: it answers with the list.
const hasCommand = (e: { body: string }, o: Options) =>
  parseCommand(e.body, { mention: o.commandMention }) || parseUnknownCommand(e.body, { mention: o.commandMention })
    ? undefined
    : `the comment has no "@${o.commandMention} <command>" line`;

const failed = (e: { conclusion: string | null }) =>
  e.conclusion === 'failure' ? undefined : `the workflow run concluded "${e.conclusion ?? 'none'}", not "failure"`;

const manual: Rule = { kind: 'workflow_dispatch' };
const scheduled: Rule = { kind: 'schedule' };

export const ROUTES: Record<AutomationName, readonly Rule[]> = {
  intake: [
    {
      kind: 'repository_dispatch',
      reject: (e, o) => (e.action === o.reportDispatchType ? undefined : `dispatch type "${e.action}" is not "${o.reportDispatchType}"`),
    },
    {
      kind: 'issues',
      actions: ['opened'],
      reject: (e, o) =>
        notPr(e) ??
        (e.labels.some((l) => o.intakeLabels.includes(l))
          ? undefined
          : `the issue has none of the intake labels (${o.intakeLabels.join(', ')})`),
    },
  ],
  'feature-planner': [{ kind: 'issues', actions: ['opened', 'edited', 'reopened'], reject: notPr }, scheduled, manual],
  'feature-builder': [
    {
      kind: 'issues',
      actions: ['labeled'],
      reject: (e, o) => notPr(e) ?? (e.label === o.readyLabel ? undefined : `the label added is not "${o.readyLabel}"`),
    },
    scheduled,
    manual,
  ],
  commands: [
    { kind: 'issue_comment', actions: ['created'], reject: hasCommand },
    { kind: 'pull_request_review_comment', actions: ['created'], reject: hasCommand },
  ],
  'pr-reviewer': [
    {
      kind: 'pull_request',
      actions: ['opened', 'synchronize', 'ready_for_review', 'reopened'],
      reject: (e) => (e.draft ? 'the pull request is a draft' : undefined),
    },
    manual,
  ],
  'review-resolver': [
    { kind: 'pull_request_review', actions: ['submitted'] },
    { kind: 'pull_request_review_comment', actions: ['created'] },
  ],
  'merge-gate': [
    { kind: 'pull_request_review', actions: ['submitted'] },
    { kind: 'check_suite', actions: ['completed'] },
    { kind: 'workflow_run', actions: ['completed'] },
    // A verdict label (the reviewer's) re-evaluates; a push disarms auto-merge and re-evaluates.
    {
      kind: 'pull_request',
      actions: ['labeled', 'synchronize'],
      reject: (e) =>
        e.action !== 'labeled' || (e.label !== undefined && VERDICT_LABELS.includes(e.label))
          ? undefined
          : `the label added is not a review verdict (${VERDICT_LABELS.join(', ')})`,
    },
    scheduled,
    manual,
  ],
  'ci-fixer': [{ kind: 'workflow_run', actions: ['completed'], reject: failed }, manual],
  'pr-shepherd': [
    scheduled,
    manual,
    {
      kind: 'pull_request',
      actions: ['labeled'],
      reject: (e, o) => (e.label === o.needsHumanLabel ? undefined : `the label added is not "${o.needsHumanLabel}"`),
    },
    { kind: 'workflow_run', actions: ['completed'], reject: failed },
  ],
  'post-merge-verifier': [
    { kind: 'push', reject: (e) => (e.isDefaultBranch ? undefined : `${e.ref} is not the default branch`) },
    {
      kind: 'workflow_run',
      actions: ['completed'],
      reject: (e) => (e.conclusion === 'success' ? undefined : `the workflow run concluded "${e.conclusion ?? 'none'}"`),
    },
    // A deployment that went live, to the configured environment (postMerge.deployEnvironment) when one is set.
    {
      kind: 'deployment_status',
      actions: ['created'],
      reject: (e, o) =>
        e.state !== 'success'
          ? `the deployment's state is "${e.state}", not "success"`
          : o.deployEnvironment !== null && e.environment !== o.deployEnvironment
            ? `the deployment is to "${e.environment}", not "${o.deployEnvironment}" (postMerge.deployEnvironment)`
            : undefined,
    },
    manual,
  ],
  'incident-responder': [
    scheduled,
    manual,
    // Back to Sentry: a merged pull request may fix an incident.
    {
      kind: 'pull_request',
      actions: ['closed'],
      reject: (e) => (e.payload.pull_request.merged ? undefined : 'the pull request was closed without merging'),
    },
  ],
  'quality-grader': [scheduled, manual],
  'automation-auditor': [scheduled, manual],
  metrics: [scheduled, manual],
};

export function isAutomationName(name: string): name is AutomationName {
  return isAutomation(name);
}

export function describeEvent(event: ParsedEvent): string {
  if (event.kind === 'unsupported') return event.name || 'unknown event';
  return event.action ? `${event.kind}.${event.action}` : event.kind;
}

export function routeEvent(event: ParsedEvent, automation: string, options: RouteOptions = {}): RouteDecision {
  if (event.kind === 'unsupported') {
    return { run: false, reason: `unsupported event "${event.name}": ${event.reason}` };
  }
  if (!isAutomationName(automation)) {
    return { run: false, reason: `unknown automation "${automation}" (known: ${AUTOMATIONS.join(', ')})` };
  }
  const o: Options = { ...DEFAULTS, ...definedOnly(options) };
  const what = describeEvent(event);
  const rules = ROUTES[automation].filter((r) => r.kind === event.kind);
  if (rules.length === 0) return { run: false, reason: `${automation} does not handle ${event.kind} events` };
  let rejection: string | undefined;
  for (const rule of rules) {
    if (rule.actions && !rule.actions.includes(event.action ?? '')) continue;
    const why = applyReject(rule, event, o);
    if (why === undefined) return { run: true, reason: `${automation} handles ${what}` };
    rejection ??= why;
  }
  return {
    run: false,
    reason: rejection ? `${automation} skips ${what}: ${rejection}` : `${automation} does not handle ${what}`,
  };
}

function applyReject(rule: Rule, event: FactoryEvent, options: Options): string | undefined {
  if (!rule.reject) return undefined;
  // The rule was selected by `kind`, so the event has the variant the rule expects.
  return (rule.reject as (e: FactoryEvent, o: Options) => string | undefined)(event, options);
}

function definedOnly(options: RouteOptions): RouteOptions {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as RouteOptions;
}
