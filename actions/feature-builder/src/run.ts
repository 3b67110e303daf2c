import prompt from '../../../prompts/feature-builder.md';
import { afterAgentStep, commandAllowlist, runAgentStep, type CodeStep } from '../../shared/automation/agent-step';
import type { RunGitApplier } from '../../shared/automation/git-applier';
import { skipped, type AutomationDeps, type AutomationResult, type AutomationRun, type RunInputs } from '../../shared/automation/types';
import { ConfigError, errorMessage } from '../../shared/errors';
import { branchName } from '../../shared/git';
import type { Comment, Issue } from '../../shared/github/types';
import { evaluateIntents, type IntentKind, type OpenPullRequestIntent, type PolicyContext } from '../../shared/policy';
import { policyContextFor, type RunFacts } from '../../shared/automation/policy-context';
import { approvalWithdrawn, BUILDING, exceeded, increment, PR_OPEN, READY } from '../../shared/state';
import { builderApplier, buildTests } from './applier';
import { describeCheck } from '../../shared/automation/checks';
import { claimIssue, releaseClaim } from '../../shared/automation/claim';
import { eventTrigger, refuseWithoutIsolation } from '../../shared/automation/isolation';
import {
  askFromComment,
  askFromEvent,
  checkIssue,
  checkOpenPrCap,
  gateEvent,
  needsApproval,
  rankReadyIssues,
  type Decision,
  type Target,
  type TrustedAsk,
} from './gate';
import {
  escalate,
  escalationBody,
  moveLabel,
  readAttempts,
  stateDepsFor,
  writeAttempts,
  type Escalation,
} from '../../shared/automation/subject-state';
import { buildUserMessage } from './prompt';
import { explainFailure, nothingWritten, pushPendingByCode } from '../../shared/automation/work';
import { checkoutWorkBranch, gitFor } from '../../shared/automation/workspace';
import { AUTOMATION_SPECS } from '../../shared/registry';

/**
 * The feature builder: gate -> pick and claim a ready issue -> branch -> tests before -> agent
 * (edits, runs allowlisted commands, asks to push and open a PR) -> policy -> the git applier
 * (real diff, guard, tests after, commit, push) -> pull request -> factory:pr-open, or
 * factory:needs-human with the reason. The claim is always released.
 */
const AUTOMATION = 'feature-builder';
const ALLOWED_KINDS: IntentKind[] = [...AUTOMATION_SPECS['feature-builder'].intents];

export const run: AutomationRun = async (deps, inputs) => {
  const gate = gateEvent(inputs.event, inputs.issueNumber, deps.config);
  if (!gate.ok) return skipped(gate.reason);
  if (!deps.model) throw new ConfigError(`input "anthropic-api-key" is required: ${AUTOMATION} needs the model to build`);

  const { reader } = deps.github;
  const cap = checkOpenPrCap(await reader.listPullRequests({ state: 'open' }), deps.config.automations[AUTOMATION].maxOpenPrs);
  if (cap) return skipped(cap);
  const ask = await trustedAsk(deps, inputs);
  const picked = await selectIssue(deps, gate.value, ask);
  if (!picked.ok) return skipped(picked.reason);
  const issue = picked.value;
  const defaultBranch = (await reader.getRepository()).defaultBranch;

  if (deps.dryRun) return build(deps, inputs, issue, defaultBranch);
  const claimed = await claimIssue(claimDeps(deps), issue.number);
  if (!claimed.ok) return skipped(claimed.reason);
  try {
    const now = await reader.getIssue(issue.number);
    const why = checkIssue(now, deps.config, ask) ?? (await approvalGone(deps, now, ask));
    if (why) return skipped(`${why} (after claiming)`);
    const labels = await moveLabel(stateDepsFor(deps), { type: 'issue', number: now.number, labels: now.labels }, BUILDING, [READY]);
    return await guarded(deps, { ...now, labels }, () => build(deps, inputs, { ...now, labels }, defaultBranch, claimed.comments));
  } finally {
    await releaseClaim(deps, issue.number, claimed.held);
  }
};

/** A trusted person's `@factory fix` that started this run: the comment event, or the comment a dispatch names. */
async function trustedAsk(deps: AutomationDeps, inputs: RunInputs): Promise<TrustedAsk | undefined> {
  const fromEvent = askFromEvent(inputs.event, deps.config);
  if (fromEvent || inputs.commandComment === undefined || inputs.issueNumber === undefined) return fromEvent;
  return askFromComment(await deps.github.reader.listComments(inputs.issueNumber), inputs.issueNumber, inputs.commandComment, deps.config);
}

async function selectIssue(deps: AutomationDeps, target: Target, ask: TrustedAsk | undefined): Promise<Decision<Issue>> {
  if (target.kind === 'issue') {
    const issue = await deps.github.reader.getIssue(target.number);
    const why = checkIssue(issue, deps.config, ask) ?? (await approvalGone(deps, issue, ask));
    return why ? { ok: false, reason: why } : { ok: true, value: issue };
  }
  const ready = await deps.github.reader.listIssues({ state: 'open', labels: [READY] });
  const passedOver: string[] = [];
  for (const issue of rankReadyIssues(ready, deps.config).slice(0, MAX_PICK_CANDIDATES)) {
    const why = await approvalGone(deps, issue, ask);
    if (!why) return { ok: true, value: issue };
    passedOver.push(why);
  }
  return { ok: false, reason: passedOver.length ? `no ready issue may be built: ${passedOver.join('; ')}` : `no open issue is ${READY}` };
}

/** Ready issues whose approval is looked up on one scheduled pick, at most. */
const MAX_PICK_CANDIDATES = 10;

/** Why a maintainer's approval, when the issue needs one, no longer covers it (its author changed it since). */
async function approvalGone(deps: AutomationDeps, issue: Issue, ask: TrustedAsk | undefined): Promise<string | undefined> {
  if (!needsApproval(issue, deps.config, ask)) return undefined;
  const why = await approvalWithdrawn(deps.github.reader, issue);
  return why && `#${issue.number}: the approval no longer stands: ${why}`;
}

/** An unexpected error after the claim still leaves the issue with a human, not stuck in building. */
async function guarded(deps: AutomationDeps, issue: Issue, fn: () => Promise<AutomationResult>): Promise<AutomationResult> {
  try {
    return await fn();
  } catch (e) {
    const message = errorMessage(e);
    try {
      const current = await deps.github.reader.getIssue(issue.number);
      if (current.labels.includes(BUILDING)) {
        const maxAttempts = deps.config.automations[AUTOMATION].maxAttempts;
        const reason = `the build stopped with an error: ${message}`;
        await handToPerson(deps, { number: issue.number, labels: current.labels }, { reason, tried: [], attempt: 0, maxAttempts });
      }
    } catch (inner) {
      deps.logger.warning(`could not escalate #${issue.number}: ${errorMessage(inner)}`);
    }
    throw e;
  }
}

async function build(
  deps: AutomationDeps,
  inputs: RunInputs,
  issue: Issue,
  defaultBranch: string,
  comments?: Comment[],
): Promise<AutomationResult> {
  const { config, redactor } = deps;
  const state = stateDepsFor(deps);
  const subject = (labels: string[]) => ({ type: 'issue' as const, number: issue.number, labels });
  const branch = branchName(issue.number, issue.title);
  const git = gitFor(deps, defaultBranch);
  const policy = policyContextFor(deps, factsOf(issue, defaultBranch));
  const tests = buildTests(deps, git);
  const applier = builderApplier(deps, { issue, event: inputs.event, git, branch, defaultBranch, policy, tests });
  const details: string[] = [];
  const labels = issue.labels;

  // A pull request from an earlier run (or from a run that raced this one) is the result already.
  const existing = await applier.findPullRequest();
  if (existing) {
    if (!deps.dryRun && labels.includes(BUILDING)) await moveLabel(state, subject(labels), PR_OPEN, [BUILDING]);
    return { outcome: 'no-op', summary: `#${issue.number} already has pull request #${existing.number}`, details, records: [] };
  }
  const unisolated = await refuseWithoutIsolation(deps, { subject: subject(labels), from: [BUILDING], ...eventTrigger(inputs.event) });
  if (unisolated) return unisolated;

  const { maxAttempts } = config.automations[AUTOMATION];
  const attempts = deps.dryRun ? { counters: {} } : await readAttempts(state, issue.number, comments);
  const used = attempts.counters.build ?? 0;
  if (exceeded(used, maxAttempts)) {
    const reason = `${used} build attempt(s) used; the limit is ${maxAttempts} (automations.feature-builder.maxAttempts)`;
    if (!deps.dryRun) await handToPerson(deps, subject(labels), { reason, tried: [], attempt: used, maxAttempts });
    return { outcome: 'refused', summary: `#${issue.number} needs a human: ${reason}`, details, records: [] };
  }
  const attempt = used + 1;
  if (!deps.dryRun) await writeAttempts(state, issue.number, { ...attempts, counters: increment(attempts.counters, 'build') });

  details.push(`${await checkoutWorkBranch(git, branch, defaultBranch)} branch ${branch}`);
  const testCommand = config.commands.test;
  const before = await tests.runBefore();
  if (before) details.push(`before: ${testCommand} ${describeCheck(before)}`);

  const step = await runAgentStep(deps, {
    trigger: {
      event: inputs.event.kind,
      ...(inputs.event.kind !== 'unsupported' && inputs.event.action ? { action: inputs.event.action } : {}),
    },
    actor: inputs.event.kind === 'unsupported' ? 'unknown' : inputs.event.sender.login || inputs.event.kind,
    system: prompt,
    user: buildUserMessage({
      issue,
      branch,
      defaultBranch,
      commands: commandAllowlist(config),
      testCommand,
      ...(before ? { before } : {}),
      redactor,
    }),
    toolset: AUTOMATION_SPECS['feature-builder'].toolset,
    facts: factsOf(issue, defaultBranch),
    git: applier,
  });
  for (const a of step.applied.results) details.push(`${a.status}: ${a.detail}`);
  if (deps.dryRun) {
    return {
      outcome: 'completed',
      summary: `dry run on #${issue.number}: ${step.accepted.length} intent(s) accepted, nothing written`,
      details,
      records: [step.record],
    };
  }

  // What the model left undone, done by code through the same policy and applier.
  const pushed = await afterAgentStep(deps, step, () => pushPendingByCode(step, applier, git, policy, branch));
  const openByCode = () => openPullRequestByCode(applier, policy, issue, branch, defaultBranch);
  const opened = pushed.error ? nothingWritten() : await afterAgentStep(deps, step, openByCode);
  const pushError = pushed.error;
  details.push(...pushed.details, ...opened.details);
  if (tests.after) details.push(`after: ${tests.after.command} ${describeCheck(tests.after)}`);
  if (applier.pullRequest) {
    await moveLabel(state, subject(labels), PR_OPEN, [BUILDING]);
    return {
      outcome: 'completed',
      summary: `#${issue.number}: pull request #${applier.pullRequest.number} from ${branch}`,
      details,
      records: [step.record],
    };
  }

  const changed = (await git.changedFiles(`origin/${defaultBranch}`)).length + (await git.pendingChanges()).length;
  const failure = explainFailure(step, {
    ...(pushError ? { pushError } : {}),
    refused: applier.refusal !== undefined || /^refused/.test(pushError ?? ''),
    ...(tests.before ? { before: tests.before } : {}),
    ...(tests.after ? { after: tests.after } : {}),
    branch,
    changed,
  });
  await handToPerson(deps, subject(labels), { reason: failure.reason, tried: failure.tried, attempt, maxAttempts });
  return { outcome: failure.kind, summary: `#${issue.number} needs a human: ${failure.reason}`, details, records: [step.record] };
}

/** The pull request, opened by code when the work is pushed but the model asked for none (through the same policy and applier). */
async function openPullRequestByCode(
  applier: RunGitApplier,
  policy: PolicyContext,
  issue: Issue,
  branch: string,
  defaultBranch: string,
): Promise<CodeStep> {
  if (!applier.pushed || applier.pullRequest) return nothingWritten();
  const intent: OpenPullRequestIntent = {
    kind: 'open_pull_request',
    title: `Fix #${issue.number}: ${issue.title}`.slice(0, 256),
    body: `Implements #${issue.number}.`,
    head: branch,
    base: defaultBranch,
    fixes: issue.number,
  };
  const rejected = evaluateIntents([intent], policy).rejected[0];
  if (rejected) return { applied: [], rejected: [rejected], details: [`policy rejected the pull request: ${rejected.reason}`] };
  const done = await applier.openPullRequest(intent);
  return { applied: [{ intent, ...done }], rejected: [], details: [`applied (by code): ${done.detail}`] };
}

/** factory:building -> factory:needs-human through the state machine, with the escalation comment saying why. */
async function handToPerson(deps: AutomationDeps, issue: { number: number; labels: string[] }, e: Escalation): Promise<void> {
  await escalate(stateDepsFor(deps), { type: 'issue', ...issue }, escalationBody(e, deps.redactor), [BUILDING]);
}

function factsOf(issue: Issue, defaultBranch: string): RunFacts {
  return {
    subject: { type: 'issue', number: issue.number, labels: issue.labels, authorLogin: issue.author.login },
    allowedKinds: ALLOWED_KINDS,
    allowedTargets: [issue.number],
    openedByFactory: [],
    threads: {},
    risk: 'low',
    defaultBranch,
  };
}

function claimDeps(deps: AutomationDeps) {
  return {
    github: deps.github,
    clock: deps.clock,
    logger: deps.logger,
    runId: deps.runId,
    botLogin: deps.config.trust.botLogin,
    leaseMinutes: deps.config.claims.leaseMinutes,
    owner: AUTOMATION,
  } as const;
}
