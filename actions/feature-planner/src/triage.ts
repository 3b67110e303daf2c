import prompt from '../../../prompts/feature-planner.md';
import { runAgentStep, type AgentStepSpec } from '../../shared/automation/agent-step';
import type { AutomationDeps, AutomationOutcome } from '../../shared/automation/types';
import type { Issue } from '../../shared/github/types';
import type { ApplyItem } from '../../shared/policy/apply';
import { describeIntent, type Intent, type IntentKind } from '../../shared/policy/intents';
import type { Rejection } from '../../shared/policy/policy';
import type { RunRecord } from '../../shared/record/run-record';
import { applyCodeIntents, describeSafely } from './apply-code';
import { becameReady, dispatchBuilder, readyCreated, shouldChain } from './chain';
import { findDuplicateCandidates, readSpecFiles, repositoryMap } from './gather';
import { approvalWithdrawn, NEEDS_HUMAN, READY } from '../../shared/state';
import { moveLabel, stateDepsFor } from '../../shared/automation/subject-state';
import { APPROVAL_LABEL, type Approval, type Trigger } from './gate';
import { guardedFacts, NEEDS_APPROVAL, readyStripped } from './guard';
import { triageMessage } from './message';
import { AUTOMATION_SPECS } from '../../shared/registry';

/** What the triage agent may ask for. Policy still checks each intent. */
export const TRIAGE_KINDS: IntentKind[] = [...AUTOMATION_SPECS['feature-planner'].intents];
/**
 * Without approval an issue is not decomposed: sub-issues are written by the factory, and would
 * otherwise carry an untrusted author's request into issues the factory trusts.
 */
export const UNAPPROVED_KINDS: IntentKind[] = ['comment', 'add_labels', 'remove_labels', 'close_issue'];
export const PLAN_MARKER_KEY = 'plan';
export const APPROVAL_MARKER_KEY = 'approval';

export interface TriageInput {
  issue: Issue;
  approval: Approval;
  trigger: Trigger;
  actor: string;
  defaultBranch: string;
}

export interface TriageResult {
  number: number;
  outcome: AutomationOutcome;
  /** factory:ready was written in this run. */
  ready: boolean;
  details: string[];
  records: RunRecord[];
}

/** gather -> agent -> policy -> apply for one issue, then the approval fallback and chaining. */
export async function triageIssue(deps: AutomationDeps, input: TriageInput): Promise<TriageResult> {
  const { reader } = deps.github;
  const { issue, defaultBranch } = input;
  const n = issue.number;
  // The label says approved; the timeline (or this very edit event) says whether the author changed the issue since.
  const labelled = issue.labels.includes(APPROVAL_LABEL) && !input.approval.authorTrusted;
  const withdrawn = labelled
    ? ((await approvalWithdrawn(reader, issue)) ??
      (input.approval.approved ? undefined : `${issue.author.login} edited the issue after it was approved`))
    : undefined;
  const approval: Approval = withdrawn
    ? { ...input.approval, approved: false, mayBecomeReady: !deps.config.trust.requireApprovalForUntrusted }
    : input.approval;
  const [comments, candidates, repoMap] = await Promise.all([
    reader.listComments(n),
    findDuplicateCandidates(issue, { reader, now: deps.clock.now() }),
    repositoryMap(deps.workspace),
  ]);
  const user = triageMessage({
    repo: `${reader.repo.owner}/${reader.repo.repo}`,
    issue,
    comments,
    candidates,
    specs: readSpecFiles(deps.workspace),
    repoMap,
    approval,
    trigger: input.trigger,
    redactor: deps.redactor,
  });
  const facts = (labels: string[]): AgentStepSpec['facts'] =>
    guardedFacts(
      {
        subject: { type: 'issue', number: n, labels, authorLogin: issue.author.login },
        allowedKinds: approval.mayBecomeReady ? TRIAGE_KINDS : UNAPPROVED_KINDS,
        allowedTargets: [],
        openedByFactory: [],
        threads: {},
        risk: 'low',
        defaultBranch,
      },
      approval.mayBecomeReady,
    );
  const step = await runAgentStep(deps, {
    trigger: input.trigger,
    actor: input.actor,
    system: prompt,
    user,
    toolset: AUTOMATION_SPECS['feature-planner'].toolset,
    facts: facts(issue.labels),
  });
  const details = [...step.applied.results.map(itemLine), ...step.rejected.map(rejectionLine)];

  if (!approval.mayBecomeReady && step.rejected.some((r) => r.reason === NEEDS_APPROVAL)) {
    // The agent wanted factory:ready: keep its classification, add a note, leave the state unset.
    const labels = deps.dryRun ? issue.labels : (await reader.getIssue(n)).labels;
    const fallback: Intent[] = [...readyStripped(step.rejected), approvalNote(n)];
    const applied = await applyCodeIntents(deps, facts(labels), fallback);
    details.push(...applied.details);
  }

  if (withdrawn && !approval.mayBecomeReady) details.push(...(await withdrawApproval(deps, n, withdrawn, facts)));

  let ready = becameReady(step.applied.results, n);
  if (ready && shouldChain(deps)) details.push(await dispatchBuilder(deps, n, defaultBranch));
  if (shouldChain(deps))
    for (const child of readyCreated(step.applied.results)) details.push(await dispatchBuilder(deps, child, defaultBranch));
  ready &&= !deps.dryRun;
  return { number: n, outcome: outcomeOf(step.agent.outcome, step.applied.results), ready, details, records: [step.record] };
}

/**
 * The approval no longer covers the text: a ready issue goes to a person (factory:needs-human),
 * with a note saying why; the builder refuses it meanwhile (it checks the same timeline).
 */
async function withdrawApproval(
  deps: AutomationDeps,
  n: number,
  reason: string,
  facts: (labels: string[]) => AgentStepSpec['facts'],
): Promise<string[]> {
  const labels = deps.dryRun ? [] : (await deps.github.reader.getIssue(n)).labels;
  const intents: Intent[] = [
    {
      kind: 'comment',
      target: { type: 'issue', number: n },
      markerKey: APPROVAL_MARKER_KEY,
      body: `Not built: the approval no longer stands. ${reason}.`,
    },
  ];
  const applied = await applyCodeIntents(deps, { ...facts(labels), allowedKinds: ['comment'] }, intents);
  const details = [`approval withdrawn: ${reason}`, ...applied.details];
  if (labels.includes(READY)) {
    await moveLabel(stateDepsFor(deps), { type: 'issue', number: n, labels }, NEEDS_HUMAN, [READY]);
    details.push(`moved #${n} from ${READY} to ${NEEDS_HUMAN}`);
  }
  return details;
}

function approvalNote(n: number): Intent {
  return {
    kind: 'comment',
    target: { type: 'issue', number: n },
    markerKey: APPROVAL_MARKER_KEY,
    body:
      'Triaged, but not marked ready: the author is not a maintainer of this repository, so the factory ' +
      `builds this issue only after a maintainer adds the \`${APPROVAL_LABEL}\` label.`,
  };
}

function outcomeOf(agent: string, results: readonly ApplyItem[]): AutomationOutcome {
  if (agent === 'error') return 'failed';
  if (agent === 'budget_exhausted' || agent === 'refused') return agent;
  if (results.some((r) => r.status === 'failed')) return 'failed';
  return results.some((r) => r.status === 'applied' || r.status === 'dry-run') ? 'completed' : 'no-op';
}

function itemLine(r: ApplyItem): string {
  return `${r.status}: ${r.status === 'dry-run' ? describeIntent(r.intent) : r.detail}`;
}

function rejectionLine(r: Rejection): string {
  return `rejected: ${describeSafely(r.intent)}: ${r.reason} [${r.rule}]`;
}
