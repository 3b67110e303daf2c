import type { ToolsetKind } from './agent/tools';
import type { Budget } from './config/schema';
import type { IntentKind } from './policy/intents';
import type { Automation } from './state/automations';

/**
 * The automations that exist in this version: one typed entry each, used by the CLI, event
 * routing (`ROUTES` in events/route.ts holds each one's triggers), `doctor`, the build and the
 * docs. An automation is listed here once its action exists (`actions/<name>/action.yml`); the
 * wider `Automation` union also names the ones the state machine and config already know about.
 *
 * Each automation's `run` lives in its own action (`actions/<name>/src/run.ts`); no action
 * imports another, so the table that joins names to runs is the CLI's (`scripts/cli/registry.ts`),
 * typed `satisfies Record<BuiltAutomation, …>` against this list.
 */
export interface AutomationSpec {
  /** One line: what it does. */
  summary: string;
  /** `.github/workflows/<workflow>`: the workflow that runs it (and that `workflow_dispatch` starts). */
  workflow: string;
  /** The agent's tools, when it runs a model. */
  toolset?: ToolsetKind;
  /** Intent kinds its agent may record (policy rejects any other). */
  intents: readonly IntentKind[];
  /** Its default budget over the config's `budgets` (config `budgets.perAutomation.<name>` overrides both). */
  budget: Partial<Budget>;
  /** It writes code: runs repository code in isolation, and runs as split jobs by default. */
  writesCode: boolean;
}

export const AUTOMATION_SPECS = {
  intake: {
    summary: 'Turns a report (repository_dispatch factory-report, issue forms) into one sanitized issue labelled source:report.',
    workflow: 'factory-intake.yml',
    intents: [],
    budget: {},
    writesCode: false,
  },
  'feature-planner': {
    summary: 'Triages issues: type and priority labels, a plan, sub-issues, duplicates, and ready / needs-info / needs-human.',
    workflow: 'factory-planner.yml',
    toolset: 'triage',
    intents: ['comment', 'add_labels', 'remove_labels', 'create_issue', 'add_sub_issue', 'close_issue'],
    budget: {},
    writesCode: false,
  },
  'feature-builder': {
    summary: 'Builds a factory:ready issue on a factory/ branch and opens a pull request that fixes it.',
    workflow: 'factory-builder.yml',
    toolset: 'build',
    intents: ['push', 'open_pull_request', 'comment'],
    budget: {},
    writesCode: true,
  },
  commands: {
    summary: '`@factory` fix, plan, review, retry, explain or stop, from a trusted person.',
    workflow: 'factory-commands.yml',
    toolset: 'triage',
    intents: ['comment'],
    budget: {},
    writesCode: false,
  },
  'review-resolver': {
    summary: 'Answers review threads on factory pull requests: fix commits, replies, resolution of its own threads.',
    workflow: 'factory-review-resolver.yml',
    toolset: 'build',
    intents: ['push', 'reply_to_thread', 'resolve_thread', 'add_labels', 'remove_labels'],
    budget: {},
    writesCode: true,
  },
  'pr-reviewer': {
    summary: 'Reviews pull requests per dimension: one review of inline comments on diff lines, a summary, a verdict label and check run.',
    workflow: 'factory-reviewer.yml',
    intents: ['review', 'comment', 'add_labels', 'remove_labels'],
    budget: {},
    writesCode: false,
  },
  'merge-gate': {
    summary:
      'Rates a pull request by code (risk:* label, factory/risk check run), then auto-merges, merges, enqueues or approves what merge.* allows, or asks a person.',
    workflow: 'factory-merge-gate.yml',
    intents: [],
    budget: {},
    writesCode: false,
  },
  'post-merge-verifier': {
    summary:
      'Runs the smoke checks on the default branch after a push, a deploy or on demand; a check the merge broke opens one P0 issue, commented while it fails, closed once it passes (optionally a revert pull request of the culprit, for a person to merge).',
    workflow: 'factory-post-merge.yml',
    intents: [],
    budget: {},
    writesCode: false,
  },
  'incident-responder': {
    summary:
      'Polls Sentry every 15 minutes: one deduplicated type:incident issue per error or warning above the thresholds, a reopen on a regression, one comment an hour on a spike; a merged fix marks its Sentry issue resolved in the next release. No model runs.',
    workflow: 'factory-incidents.yml',
    intents: [],
    budget: {},
    writesCode: false,
  },
  'quality-grader': {
    summary:
      'Grades every spec area A-F from evidence checked by code (tests that passed in its run, files of the graded commit), in one pull request editing quality.md and quality.json; a gap issue per area below B.',
    workflow: 'factory-quality.yml',
    toolset: 'read-only',
    intents: [],
    budget: { maxTurns: 40 },
    writesCode: false,
  },
  'pr-shepherd': {
    summary:
      'Keeps factory pull requests moving, hourly and on factory:needs-human: updates branches behind their base, resolves conflicts, hands failing checks to the CI fixer, releases expired claims, takes a second look, pings and closes stale ones, escalates repeated failures.',
    workflow: 'factory-shepherd.yml',
    toolset: 'build',
    intents: ['push', 'comment', 'review', 'add_labels', 'remove_labels'],
    budget: {},
    writesCode: true,
  },
  'ci-fixer': {
    summary: 'Fixes a failed CI run on a factory branch with a commit, within caps, or escalates.',
    workflow: 'factory-ci-fixer.yml',
    toolset: 'build',
    intents: ['push', 'comment'],
    budget: {},
    writesCode: true,
  },
  metrics: {
    summary:
      "Computes the factory's metrics by code and edits one dashboard issue (Mermaid charts, tables); weekly, a recap issue whose narrative the model writes from those numbers only.",
    workflow: 'factory-metrics.yml',
    intents: [],
    budget: {},
    writesCode: false,
  },
  'automation-auditor': {
    summary:
      'Off by default. Weekly, finds by code what the run records show (failure clusters, budget stops, rejections, repeated escalations, cost outliers, redundant runs) and opens a few issues citing run ids.',
    workflow: 'factory-auditor.yml',
    intents: [],
    budget: {},
    writesCode: false,
  },
} as const satisfies Partial<Record<Automation, AutomationSpec>>;

export type BuiltAutomation = keyof typeof AUTOMATION_SPECS;

export const BUILT_AUTOMATIONS = Object.keys(AUTOMATION_SPECS).sort() as BuiltAutomation[];

export function isBuiltAutomation(name: string): name is BuiltAutomation {
  return Object.hasOwn(AUTOMATION_SPECS, name);
}

export function specOf(name: BuiltAutomation): AutomationSpec {
  return AUTOMATION_SPECS[name];
}

/** The workflow file that runs an automation, or undefined when it is not part of this version. */
export function workflowOf(name: Automation): string | undefined {
  return isBuiltAutomation(name) ? AUTOMATION_SPECS[name].workflow : undefined;
}
