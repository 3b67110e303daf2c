import type { AutomationRun } from '../../actions/shared/automation/types';
import { run as plannerRun } from '../../actions/feature-planner/src/run';
import { plannerSandboxScenario } from '../harness/scenarios/planner';
import { run as builderRun } from '../../actions/feature-builder/src/run';
import { builderSandboxScenario } from '../harness/scenarios/builder';
import { run as resolverRun } from '../../actions/review-resolver/src/run';
import { resolverSandboxScenario } from '../harness/scenarios/resolver';
import { run as commandsRun } from '../../actions/commands/src/run';
import { commandsSandboxScenario } from '../harness/scenarios/commands';
import { run as intakeRun } from '../../actions/intake/src/run';
import { run as ciFixerRun } from '../../actions/ci-fixer/src/run';
import { run as reviewerRun } from '../../actions/pr-reviewer/src/run';
import { reviewerSandboxScenario } from '../harness/scenarios/reviewer';
import { run as mergeGateRun } from '../../actions/merge-gate/src/run';
import { mergeGateSandboxEvent } from '../harness/scenarios/merge-gate';
import { run as postMergeRun } from '../../actions/post-merge-verifier/src/run';
import { postMergeSandboxEvent } from '../harness/scenarios/post-merge';
import { run as shepherdRun } from '../../actions/pr-shepherd/src/run';
import { shepherdSandboxEvent, shepherdSandboxScenario, SHEPHERD_SCHEDULE_EVENT } from '../harness/scenarios/shepherd';
import { run as metricsRun } from '../../actions/metrics/src/run';
import {
  AUDITOR_SCHEDULE_EVENT,
  auditorSandboxEvent,
  METRICS_SCHEDULE_EVENT,
  metricsRecapScenario,
  metricsSandboxEvent,
} from '../harness/scenarios/metrics';
import { run as auditorRun } from '../../actions/automation-auditor/src/run';
import { systemClock } from '../../actions/shared/ports';
import { run as qualityRun } from '../../actions/quality-grader/src/run';
import { QUALITY_SCHEDULE_EVENT, qualitySandboxEvent, qualitySandboxScenario } from '../harness/scenarios/quality';
import { INCIDENT_SCHEDULE_EVENT, incidentsCli } from '../harness/scenarios/incidents';
import { isBuiltAutomation, type BuiltAutomation } from '../../actions/shared/registry';
import { ciFixerSandboxScenario } from '../harness/scenarios/ci-fixer';
import type { FactorySandbox } from '../harness';
import type { Scenario } from '@software-factory/model-sandbox';
import type { LoadedEvent } from './events';
import { materializeEvent } from './sandbox-event';
import { commentEventFor, failedRunEventFor, openedPullRequestEvent, reportEventFor, reviewedPullRequestEvent } from './sandbox-setup';

export interface SetUpOptions {
  /** `--issue`: the issue or pull request the event is about, when it already exists. */
  issue?: number;
  /** `--comment`: the text of the comment a comment event carries. */
  comment?: string;
}

/** How the CLI runs an automation: its run(), and on the sandbox the scripted model scenario it plays. */
export interface AutomationEntry {
  run: AutomationRun;
  scenario(ctx: { issueNumber: number }): Scenario;
  /** Makes the example event true on the sandbox: creates what it is about and returns it adapted. */
  setUp(sandbox: FactorySandbox, event: LoadedEvent, opts: SetUpOptions): Promise<LoadedEvent>;
  /** The event without `--event` (an automation that runs on a schedule); absent: `--event` is required. */
  defaultEvent?: () => LoadedEvent;
}

const issueEvent: AutomationEntry['setUp'] = async (sandbox, event, opts) =>
  materializeEvent(sandbox, event, opts.issue !== undefined ? { issueNumber: opts.issue } : {});

/** Every automation this version has (the shared registry's list), and nothing else: the type says so. */
const entries = {
  'feature-planner': { run: plannerRun, scenario: ({ issueNumber }) => plannerSandboxScenario(issueNumber), setUp: issueEvent },
  'feature-builder': { run: builderRun, scenario: () => builderSandboxScenario(), setUp: issueEvent },
  'review-resolver': {
    run: resolverRun,
    scenario: () => resolverSandboxScenario(),
    setUp: async (sandbox, event, opts) =>
      event.name === 'pull_request_review' || event.name === 'pull_request_review_comment'
        ? reviewedPullRequestEvent(sandbox, event, opts.issue)
        : issueEvent(sandbox, event, opts),
  },
  // Intake runs no model.
  intake: {
    run: intakeRun,
    scenario: () => () => ({ text: 'intake runs no model' }),
    setUp: async (sandbox, event, opts) =>
      event.name === 'repository_dispatch' ? reportEventFor(sandbox, event) : issueEvent(sandbox, event, opts),
  },
  commands: {
    run: commandsRun,
    scenario: () => commandsSandboxScenario(),
    setUp: async (sandbox, event, opts) =>
      event.name === 'issue_comment'
        ? commentEventFor(sandbox, event, opts.comment ?? '@factory fix', opts.issue)
        : issueEvent(sandbox, event, opts),
  },
  'ci-fixer': {
    run: ciFixerRun,
    scenario: () => ciFixerSandboxScenario(),
    setUp: async (sandbox, event, opts) =>
      event.name === 'workflow_run' ? failedRunEventFor(sandbox, event) : issueEvent(sandbox, event, opts),
  },
  'pr-reviewer': {
    run: reviewerRun,
    scenario: () => reviewerSandboxScenario(),
    setUp: async (sandbox, event, opts) =>
      event.name === 'pull_request' ? openedPullRequestEvent(sandbox, event, opts.issue) : issueEvent(sandbox, event, opts),
  },
  // The merge gate runs no model: on the sandbox, an approved factory pull request with green CI.
  'merge-gate': {
    run: mergeGateRun,
    scenario: () => () => ({ text: 'the merge gate runs no model' }),
    setUp: async (sandbox, event, opts) =>
      event.name === 'check_suite' ? mergeGateSandboxEvent(sandbox, event, opts.issue) : issueEvent(sandbox, event, opts),
  },
  // The post-merge verifier runs no model: on the sandbox, a merge into main that breaks the checkout smoke check
  // (pushed, deployed, or verified by a manual run).
  'post-merge-verifier': {
    run: postMergeRun,
    scenario: () => () => ({ text: 'the post-merge verifier runs no model' }),
    setUp: async (sandbox, event, opts) =>
      ['push', 'deployment_status', 'workflow_dispatch'].includes(event.name)
        ? postMergeSandboxEvent(sandbox, event)
        : issueEvent(sandbox, event, opts),
  },
  // The incident responder runs no model. Without --event: the 15-minute schedule, against a Sentry sandbox
  // seeded with new errors and warnings, a regression, a spike and one issue below the thresholds.
  'incident-responder': (() => {
    const cli = incidentsCli();
    return {
      run: cli.run,
      scenario: () => () => ({ text: 'the incident responder runs no model' }),
      defaultEvent: () => INCIDENT_SCHEDULE_EVENT,
      setUp: async (sandbox, event) => cli.setUp(sandbox, event),
    } satisfies AutomationEntry;
  })(),
  // Without --event: the daily schedule on the sample product, whose three spec areas grade A, C and F.
  'quality-grader': {
    run: qualityRun,
    scenario: () => qualitySandboxScenario(),
    defaultEvent: () => QUALITY_SCHEDULE_EVENT,
    setUp: async (sandbox, event, opts) =>
      event.name === 'schedule' || event.name === 'workflow_dispatch'
        ? qualitySandboxEvent(sandbox, event)
        : issueEvent(sandbox, event, opts),
  },
  // The shepherd's deterministic steps run no model; conflicts and the second look play the scenario's replies.
  // Without --event: the hourly schedule, on a sandbox holding a pull request in each state the triage tells apart.
  'pr-shepherd': {
    run: shepherdRun,
    scenario: () => shepherdSandboxScenario(),
    defaultEvent: () => SHEPHERD_SCHEDULE_EVENT,
    setUp: async (sandbox, event, opts) =>
      event.name === 'schedule' || event.name === 'workflow_dispatch'
        ? shepherdSandboxEvent(sandbox, systemClock, event)
        : issueEvent(sandbox, event, opts),
  },
  // Without --event: the weekly schedule (the dashboard and the recap) on a sandbox holding 30 days of history.
  metrics: {
    run: metricsRun,
    scenario: () => metricsRecapScenario(),
    defaultEvent: () => METRICS_SCHEDULE_EVENT,
    setUp: async (sandbox, event, opts) =>
      event.name === 'schedule' || event.name === 'workflow_dispatch'
        ? metricsSandboxEvent(sandbox, event)
        : issueEvent(sandbox, event, opts),
  },
  // Off by default: on the sandbox, a repository that turned it on, with a week of run records holding a failure cluster.
  'automation-auditor': {
    run: auditorRun,
    scenario: () => () => ({ text: 'the automation auditor runs no model' }),
    defaultEvent: () => AUDITOR_SCHEDULE_EVENT,
    setUp: async (sandbox, event, opts) =>
      event.name === 'schedule' || event.name === 'workflow_dispatch'
        ? auditorSandboxEvent(sandbox, event)
        : issueEvent(sandbox, event, opts),
  },
} satisfies Record<BuiltAutomation, AutomationEntry>;

export function automationEntry(name: string): AutomationEntry | undefined {
  return isBuiltAutomation(name) ? entries[name] : undefined;
}

export function runnableAutomations(): string[] {
  return Object.keys(entries).sort();
}
