import prompt from '../../../prompts/ci-fixer.md';
import { afterAgentStep, commandAllowlist, runAgentStep } from '../../shared/automation/agent-step';
import { createGitApplier } from '../../shared/automation/git-applier';
import { skipped, type AutomationDeps, type AutomationResult, type AutomationRun, type RunInputs } from '../../shared/automation/types';
import { ConfigError } from '../../shared/errors';
import type { JobLog, PullRequest } from '../../shared/github/types';
import { evaluateIntents, type IntentKind } from '../../shared/policy';
import { untrusted } from '../../shared/security';
import { exceeded, increment } from '../../shared/state';
import { describeCheck, testRuns, type CheckResult } from '../../shared/automation/checks';
import { eventTrigger, refuseWithoutIsolation } from '../../shared/automation/isolation';
import { policyContextFor, type RunFacts } from '../../shared/automation/policy-context';
import {
  escalate,
  escalationBody,
  readAttempts,
  stateDepsFor,
  writeAttempts,
  type Escalation,
  type StateDeps,
} from '../../shared/automation/subject-state';
import { commitIdentity, explainFailure, pushPendingByCode, touchedPaths } from '../../shared/automation/work';
import { excludeFactoryFiles, gitFor } from '../../shared/automation/workspace';
import { checkPullRequest, failedRunOf, gateDispatch, gateRun, type Decision, type FailedRun } from './gate';
import { AUTOMATION_SPECS } from '../../shared/registry';

/**
 * The CI fixer: a failed workflow run on a factory/ branch -> its pull request -> attempts
 * (per pull request, capped) -> the branch checked out -> failed jobs' logs, fenced -> agent
 * fixes and runs the checks -> the git applier pushes to the same branch (real diff, guard,
 * tests after) -> a status comment; past the cap or on failure, factory:needs-human.
 */
const AUTOMATION = 'ci-fixer';
const ALLOWED_KINDS: IntentKind[] = [...AUTOMATION_SPECS['ci-fixer'].intents];
const COUNTER = 'ci-fix';
export const FIX_CAPS = { maxFiles: 20, maxChangedLines: 600 } as const;
const MAX_LOG_BYTES = 12_000;

export const run: AutomationRun = async (deps, inputs) => {
  const target = inputs.event.kind === 'workflow_dispatch' ? await dispatched(deps, inputs) : failedRun(deps, inputs);
  if (!target.ok) return skipped(target.reason);
  if (!deps.model) throw new ConfigError(`input "anthropic-api-key" is required: ${AUTOMATION} needs the model to fix CI`);
  const failed = target.value;
  const pr = await findPullRequest(deps, failed);
  if (!pr) return skipped(`no open pull request has the head branch ${failed.branch}`);
  const why = checkPullRequest(pr, failed, deps.config);
  if (why) return skipped(why);
  return fix(deps, inputs, failed, pr);
};

function failedRun(deps: AutomationDeps, inputs: RunInputs): Decision<FailedRun> {
  return gateRun(inputs.event, deps.config);
}

/** A dispatch names the pull request; its failed run is the latest failed CI run of its head. */
async function dispatched(deps: AutomationDeps, inputs: RunInputs): Promise<Decision<FailedRun>> {
  const gate = gateDispatch(inputs.event, inputs.issueNumber, deps.config);
  if (!gate.ok) return gate;
  const { reader } = deps.github;
  const pr = await reader.getPullRequest(gate.value);
  if (pr.state !== 'open') return { ok: false, reason: `#${pr.number} is ${pr.merged ? 'merged' : 'closed'}` };
  return failedRunOf(pr, await reader.listWorkflowRuns({ branch: pr.head.ref, status: 'failure' }));
}

async function findPullRequest(deps: AutomationDeps, failed: FailedRun): Promise<PullRequest | undefined> {
  const { reader } = deps.github;
  for (const n of failed.pullRequests) {
    const pr = await reader.getPullRequest(n);
    if (pr.head.ref === failed.branch) return pr;
  }
  return (await reader.listPullRequests({ state: 'open', head: failed.branch })).find((p) => p.head.ref === failed.branch);
}

async function fix(deps: AutomationDeps, inputs: RunInputs, failed: FailedRun, pr: PullRequest): Promise<AutomationResult> {
  const { config, redactor } = deps;
  const state = stateDepsFor(deps);
  const max = config.automations[AUTOMATION].maxAttempts;
  const unisolated = await refuseWithoutIsolation(deps, {
    subject: { type: 'pr', number: pr.number, labels: pr.labels },
    ...eventTrigger(inputs.event),
  });
  if (unisolated) return unisolated;
  const attempts = deps.dryRun ? { counters: {} } : await readAttempts(state, pr.number);
  const used = attempts.counters[COUNTER] ?? 0;
  if (exceeded(used, max)) {
    const reason = `CI still fails after ${used} fix attempt(s); the limit is ${max} (automations.ci-fixer.maxAttempts)`;
    const tried = [`failed run ${failed.runId} (${failed.workflowName}) on ${failed.headSha.slice(0, 12)}`];
    if (!deps.dryRun) await escalatePr(deps, state, pr, { reason, tried, attempt: used, maxAttempts: max });
    return { outcome: 'refused', summary: `#${pr.number} needs a human: ${reason}`, details: [], records: [] };
  }
  const attempt = used + 1;
  if (!deps.dryRun) await writeAttempts(state, pr.number, { ...attempts, counters: increment(attempts.counters, COUNTER) });

  const defaultBranch = (await deps.github.reader.getRepository()).defaultBranch;
  const git = gitFor(deps, defaultBranch);
  excludeFactoryFiles(git.root);
  await git.fetch();
  await git.checkout(failed.branch);
  await git.resetHard(`origin/${failed.branch}`);
  const details = [`checked out ${failed.branch} at ${(await git.headSha()).slice(0, 12)}`];

  const logs = await deps.github.reader.getFailedJobLogs(failed.runId, MAX_LOG_BYTES);
  const testCommand = config.commands.test;
  const refuses = (after: CheckResult) =>
    after.ok ? undefined : `\`${after.command}\` still fails after the fix (${describeCheck(after)})`;
  const tests = testRuns(testCommand, { cwd: git.root, executor: deps.executor, redactor }, refuses);
  const before = await tests.runBefore();
  if (before) details.push(`before: ${before.command} ${describeCheck(before)}`);

  const policy = policyContextFor(deps, factsOf(pr, defaultBranch));
  const applier = createGitApplier({
    git,
    github: deps.github,
    defaultBranch,
    branch: failed.branch,
    rules: { protectedPaths: [...config.risk.protectedPaths], writableProtectedPaths: config.risk.writableProtectedPaths, ...FIX_CAPS },
    commit: {
      message: `Fix CI on ${failed.branch}\n\n${failed.workflowName} failed in run ${failed.runId}; CI fixer run ${deps.runId}.\n`,
      author: commitIdentity(config),
      committer: commitIdentity(config),
    },
    redactor,
    checkPolicy: (intent, files) => evaluateIntents([intent], { ...policy, diffFiles: touchedPaths(files) }).rejected[0]?.reason,
    beforePush: () => tests.beforePush(),
    prMarker: { kind: AUTOMATION, key: `pr.${pr.number}` },
    botLogin: config.trust.botLogin,
  });

  const step = await runAgentStep(deps, {
    trigger: {
      event: inputs.event.kind,
      ...(inputs.event.kind === 'workflow_run' && inputs.event.action ? { action: inputs.event.action } : {}),
    },
    actor: inputs.event.kind === 'unsupported' ? 'unknown' : inputs.event.sender.login || inputs.event.kind,
    system: prompt,
    user: fixMessage({
      pr,
      failed,
      logs,
      before,
      commands: commandAllowlist(config),
      testCommand,
      untrustedText: (s, t) => untrusted(s, t, { redactor }),
    }),
    toolset: AUTOMATION_SPECS['ci-fixer'].toolset,
    facts: factsOf(pr, defaultBranch),
    git: applier,
  });
  for (const a of step.applied.results) details.push(`${a.status}: ${a.detail}`);
  if (deps.dryRun) {
    return {
      outcome: 'completed',
      summary: `dry run on #${pr.number}: ${step.accepted.length} intent(s) accepted, nothing written`,
      details,
      records: [step.record],
    };
  }
  const pushed = await afterAgentStep(deps, step, () => pushPendingByCode(step, applier, git, policy, failed.branch));
  const pushError = pushed.error;
  const after = tests.after;
  details.push(...pushed.details);
  if (after) details.push(`after: ${after.command} ${describeCheck(after)}`);

  if (applier.pushed) {
    const body = [
      `### CI fix ${attempt} of ${max}`,
      '',
      `\`${failed.workflowName}\` failed on ${failed.headSha.slice(0, 12)} (run ${failed.runId}). Pushed ${applier.pushed.sha.slice(0, 12)} to \`${failed.branch}\`:`,
      ...applier.pushed.files.map((f) => `- \`${f.filename}\` (+${f.additions} −${f.deletions})`),
      ...(after ? ['', `\`${after.command}\` after the fix: ${describeCheck(after)}.`] : []),
    ].join('\n');
    await deps.github.writer.upsertComment(pr.number, { kind: AUTOMATION, key: 'status' }, body, config.trust.botLogin);
    return { outcome: 'completed', summary: `#${pr.number}: pushed a CI fix to ${failed.branch}`, details, records: [step.record] };
  }
  const changed = (await git.pendingChanges()).length;
  const failure = explainFailure(step, {
    ...(pushError ? { pushError } : {}),
    refused: applier.refusal !== undefined || /^refused/.test(pushError ?? ''),
    ...(before ? { before } : {}),
    ...(after ? { after } : {}),
    branch: failed.branch,
    changed,
  });
  await escalatePr(deps, state, pr, { reason: failure.reason, tried: failure.tried, attempt, maxAttempts: max });
  return { outcome: failure.kind, summary: `#${pr.number} needs a human: ${failure.reason}`, details, records: [step.record] };
}

/** On a pull request needs-human is a flag the fixer may add (through the state machine), with the reason. */
async function escalatePr(deps: AutomationDeps, state: StateDeps, pr: PullRequest, e: Escalation): Promise<void> {
  await escalate(state, { type: 'pr', number: pr.number, labels: pr.labels }, escalationBody(e, deps.redactor));
}

interface FixMessageInput {
  pr: PullRequest;
  failed: FailedRun;
  logs: JobLog[];
  before: CheckResult | undefined;
  commands: string[];
  testCommand: string | null;
  untrustedText(source: string, text: string): string;
}

/** Trusted instructions by code; the PR text, the logs and the test output fenced as untrusted. */
export function fixMessage(input: FixMessageInput): string {
  const { pr, failed } = input;
  return [
    `CI failed on pull request #${pr.number}, branch \`${failed.branch}\` (already checked out): workflow \`${failed.workflowName}\`, run ${failed.runId}, commit ${failed.headSha.slice(0, 12)}.`,
    '',
    `Commands you may run: ${input.commands.length ? input.commands.map((c) => `\`${c}\``).join(', ') : '(none)'}.`,
    input.testCommand ? `The factory runs \`${input.testCommand}\` again after you finish and only pushes when it passes.` : '',
    `When fixed: \`push\` with branch \`${failed.branch}\` and the files you changed.`,
    '',
    '## The pull request',
    '',
    input.untrustedText(`pull request #${pr.number}`, `${pr.title}\n\n${pr.body}`),
    '',
    '## Failed jobs',
    ...(input.logs.length
      ? input.logs.flatMap((l) => [
          '',
          `### ${l.jobName.replace(/[\r\n`]/g, ' ')} (${l.conclusion ?? 'unknown'})`,
          '',
          input.untrustedText(`log of job ${l.jobId}`, l.log || '(empty log)'),
        ])
      : ['', '(no failed job logs were available)']),
    ...(input.before
      ? [
          '',
          `## \`${input.before.command}\` on the branch now: ${describeCheck(input.before)}`,
          '',
          input.untrustedText('test output before the fix', input.before.tail || '(no output)'),
        ]
      : []),
  ].join('\n');
}

function factsOf(pr: PullRequest, defaultBranch: string): RunFacts {
  return {
    subject: { type: 'pr', number: pr.number, labels: pr.labels, authorLogin: pr.author.login },
    allowedKinds: ALLOWED_KINDS,
    allowedTargets: [pr.number],
    openedByFactory: [pr.number],
    threads: {},
    risk: 'low',
    defaultBranch,
  };
}
