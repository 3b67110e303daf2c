import type { HostEventRecord, HostRunRecord, HostStep } from '@software-factory/github-sandbox/workflows';
import { sandboxOctokit } from '@software-factory/github-sandbox/testkit';
import type { RecordedRequest } from '@software-factory/github-sandbox';
import type { AutomationResult } from '../../actions/shared/automation/types';
import type { TranscriptEvent } from '../../actions/shared/agent/transcript';
import type { BuiltAutomation } from '../../actions/shared/registry';
import { startFactorySandbox, type FactorySandbox } from './index';
import { SAMPLE_BUG, SAMPLE_MIGRATION, sampleProductFiles } from './sample-product';
import { loopReviewerScenario } from './scenarios/loop';
import { factoryWorkflowFiles, startFactoryWorkflows, type HostedAutomation } from './workflows';

/**
 * The factory's whole loop on the sandboxes, event-driven: people act through the API with their
 * own tokens, and every automation runs because one of this repository's workflow files matched an
 * event the sandbox delivered. The factory writes with a GitHub App token, so its own events (a
 * label, a pull request, a review, a push) start the next workflow, as they do on GitHub.
 *
 *  1. A member opens the sample bug: planner -> builder -> pull request -> reviewer (two threads
 *     with suggestions) -> resolver (applies them, pushes) -> re-review (threads resolved,
 *     approved) -> merge gate (risk:low, auto-merge) -> merged -> the issue closes.
 *  2. A member asks for a migration: planner -> builder -> pull request -> reviewer -> merge gate
 *     (risk:high: factory:needs-human), unmerged.
 */

/** The GitHub App the factory writes as, and the person who plays the member. */
export const LOOP_APP_LOGIN = 'software-factory[bot]';
export const LOOP_MEMBER = 'sandbox-maintainer';

/** The required checks of the sample's main branch: the reviewer's and the merge gate's verdicts. */
export const LOOP_REQUIRED_CHECKS = ['factory/review', 'factory/risk'];

export function loopConfigText(): string {
  // The sample product's own config (its model, test command, writable migrations), the factory as the App, and auto-merge of low risk.
  const sample = sampleProductFiles()['.github/factory.yml'] ?? '';
  return [
    sample.trimEnd(),
    'trust:',
    `  botLogin: '${LOOP_APP_LOGIN}'`,
    'merge:',
    '  mode: auto',
    '  autoMerge: [low]',
    '  method: squash',
    '',
  ].join('\n');
}

export interface LoopObserver {
  onDispatch?: (event: HostEventRecord) => void;
  onResult?: (
    step: HostStep,
    automation: BuiltAutomation,
    result: AutomationResult,
    transcripts: Record<string, TranscriptEvent[]>,
  ) => void;
  onRun?: (run: HostRunRecord) => void;
  /** A line about what the people do and what came of it. */
  say?: (line: string) => void;
}

export interface LoopIssueOutcome {
  issue: number;
  issueState: string;
  issueLabels: string[];
  pr?: number;
  prState?: 'open' | 'closed' | 'merged';
  prLabels: string[];
  threads: number;
  resolvedThreads: number;
  /**
   * API requests (REST and GraphQL) the factory made from the issue's opening until the loop came
   * to rest; git's smart HTTP (the checkout's clone, fetches, pushes) is counted apart.
   */
  githubRequests: number;
  gitRequests: number;
}

/** One automation step the workflows ran, and the GitHub requests made since the previous step ended. */
export interface LoopStep {
  issue: number;
  automation: BuiltAutomation;
  job: string;
  outcome: string;
  githubRequests: number;
  gitRequests: number;
}

export interface LoopReport {
  steps: LoopStep[];
  bug: LoopIssueOutcome;
  migration: LoopIssueOutcome;
  /** Workflow runs that concluded failure (an automation crashed or a job failed). */
  failedRuns: string[];
  runs: number;
}

/**
 * Runs both issues through the factory and reports where each ended. `automations` gives each
 * built automation's run() and its scripted model (the CLI's registry); the reviewer plays the
 * loop's scenario.
 */
export async function runLoop(
  automations: (name: BuiltAutomation) => HostedAutomation | undefined,
  observer: LoopObserver = {},
): Promise<LoopReport> {
  const files = { ...sampleProductFiles(), ...factoryWorkflowFiles(), '.github/factory.yml': loopConfigText() };
  const sandbox = await startFactorySandbox({ files });
  const { owner, repo } = sandbox.repo;
  // The repository as its maintainers set it up: auto-merge allowed, main requires the factory's verdicts.
  sandbox.github.state.protectBranch(owner, repo, { requiredChecks: LOOP_REQUIRED_CHECKS });
  const appToken = sandbox.github.mintToken({
    kind: 'app',
    login: LOOP_APP_LOGIN,
    permissions: { contents: 'write', issues: 'write', 'pull-requests': 'write', checks: 'write', actions: 'write' },
  });
  const failedRuns: string[] = [];
  const steps: LoopStep[] = [];
  let current = 0;
  let seen = 0;
  let runs = 0;
  const host = startFactoryWorkflows(sandbox, {
    appToken,
    maxRuns: 200,
    automations: (name) => {
      const hosted = automations(name);
      return hosted && name === 'pr-reviewer' ? { ...hosted, scenario: () => loopReviewerScenario() } : hosted;
    },
    ...(observer.onDispatch ? { onDispatch: observer.onDispatch } : {}),
    onResult: (step, automation, result, transcripts) => {
      const made = sandbox.github.requests.slice(seen);
      seen += made.length;
      steps.push({ issue: current, automation, job: step.job, outcome: result.outcome, ...counted(made) });
      observer.onResult?.(step, automation, result, transcripts);
    },
    onRun: (run) => {
      runs += 1;
      if (run.conclusion === 'failure') failedRuns.push(`run ${run.runId} ${run.workflow.name}`);
      observer.onRun?.(run);
    },
  });
  try {
    observer.say?.(`sandbox GitHub ${sandbox.github.url} (repository ${owner}/${repo}: the sample product, one failing test)`);
    observer.say?.(`sandbox model  ${sandbox.model.url}`);
    observer.say?.(
      `workflows      ${Object.keys(factoryWorkflowFiles()).sort().join(', ')} (this repository's, run on the sandbox's events)`,
    );
    observer.say?.(
      `the factory writes as the GitHub App ${LOOP_APP_LOGIN}, so its events start the next workflow; main requires the checks ${LOOP_REQUIRED_CHECKS.join(', ')}`,
    );
    const member = memberClient(sandbox);
    let n = 0;
    const open = async (title: string, body: string): Promise<LoopIssueOutcome> => {
      sandbox.github.resetRequests();
      seen = 0;
      n += 1;
      observer.say?.(`\n== ${n}. a member opens an issue: ${title}`);
      const { data } = await member.rest.issues.create({ owner, repo, title, body });
      current = data.number;
      await sandbox.github.eventsDelivered();
      await host.idle();
      return outcome(sandbox, data.number, counted(sandbox.github.requests));
    };
    const bug = await open(SAMPLE_BUG.title, SAMPLE_BUG.body);
    const migration = await open(SAMPLE_MIGRATION.title, SAMPLE_MIGRATION.body);
    return { steps, bug, migration, failedRuns, runs };
  } finally {
    host.close();
    await sandbox.close();
  }
}

function memberClient(sandbox: FactorySandbox): ReturnType<typeof sandboxOctokit> {
  sandbox.github.state.setAssociation(LOOP_MEMBER, 'MEMBER');
  const token = sandbox.github.mintToken({
    kind: 'user',
    login: LOOP_MEMBER,
    permissions: { issues: 'write', 'pull-requests': 'write', contents: 'write' },
  });
  return sandboxOctokit(sandbox.github, token);
}

/** The factory's requests among `requests` (not the member's), API and git apart. */
function counted(requests: readonly RecordedRequest[]): { githubRequests: number; gitRequests: number } {
  const factory = requests.filter((r) => r.actor !== LOOP_MEMBER);
  const git = factory.filter((r) => r.git !== undefined || /\.git\//.test(r.path));
  return { githubRequests: factory.length - git.length, gitRequests: git.length };
}

async function outcome(
  sandbox: FactorySandbox,
  issueNumber: number,
  requests: { githubRequests: number; gitRequests: number },
): Promise<LoopIssueOutcome> {
  const { reader } = sandbox.client();
  const issue = await reader.getIssue(issueNumber);
  const pulls = await reader.listPullRequests({ state: 'all' });
  const pr = pulls.find((p) => new RegExp(`\\b(?:fixes|closes|resolves) #${issueNumber}\\b`, 'i').test(p.body ?? ''));
  const threads = pr ? await reader.listReviewThreads(pr.number) : [];
  return {
    issue: issueNumber,
    issueState: issue.state,
    issueLabels: issue.labels,
    ...(pr ? { pr: pr.number, prState: pr.merged ? ('merged' as const) : pr.state } : {}),
    prLabels: pr?.labels ?? [],
    threads: threads.length,
    resolvedThreads: threads.filter((t) => t.isResolved).length,
    ...requests,
  };
}
