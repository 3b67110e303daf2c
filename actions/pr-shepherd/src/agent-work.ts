import { createGitApplier, GitApplyRefusal, type RunGitApplier } from '../../shared/automation/git-applier';
import { policyContextFor } from '../../shared/automation/policy-context';
import { escalate, stateDepsFor } from '../../shared/automation/subject-state';
import { testRuns, type CheckResult, type TestRuns } from '../../shared/automation/checks';
import { commitIdentity, touchedPaths } from '../../shared/automation/work';
import { excludeFactoryFiles, gitFor } from '../../shared/automation/workspace';
import type { ChangedFile, GitPort } from '../../shared/git';
import { evaluateIntents, FACTORY_BRANCH_PREFIX, type IntentKind, type PolicyContext } from '../../shared/policy';
import type { RunFacts } from '../../shared/automation/policy-context';
import { tierRank, TIERS, type Tier } from '../../shared/risk/tiers';
import { neutralize } from '../../shared/security';
import { ASSIST } from '../../shared/state';
import type { ShepherdContext, ShepherdDeps, ShepherdPr, StepOutcome } from './types';

/**
 * What the shepherd's model-driven steps (conflicts, second look) share: the pull request's own
 * branch checked out in the workspace, the project's checks around the agent's work, the git
 * applier that commits and pushes through the change guard and policy, the policy context of the
 * pull request, and the hand-over to a person. Repository code (the checks, the agent's commands)
 * runs only through the executor, in the sandbox; nothing here runs it directly.
 */

/** A step's changes stay small: anything bigger is not a shepherd's fix. */
export const SHEPHERD_CAPS = { maxFiles: 30, maxChangedLines: 2000 } as const;

/** The branch is one the factory may push: in this repository, a factory/ branch or one handed over with factory:assist. */
export function canPushTo(pr: Pick<ShepherdPr, 'isFork' | 'head' | 'labels'>): boolean {
  if (pr.isFork) return false;
  return pr.head.ref.startsWith(FACTORY_BRANCH_PREFIX) || pr.labels.includes(ASSIST);
}

/** The highest `risk:*` label of the pull request, or undefined. */
export function riskLabelOf(labels: readonly string[]): Tier | undefined {
  const tiers = labels.filter((l) => l.startsWith('risk:')).map((l) => l.slice('risk:'.length) as Tier);
  return tiers.filter((t) => TIERS.includes(t)).sort((a, b) => tierRank(b) - tierRank(a))[0];
}

export interface PolicyInput {
  /** Labels policy believes the pull request has (code may add a tier it computed). */
  labels: string[];
  risk: Tier;
  /** Intent kinds code or the model may produce in this step. */
  allowedKinds: IntentKind[];
}

/** The policy context of a shepherd step on one pull request. */
export function policyFor(deps: ShepherdDeps, pr: ShepherdPr, ctx: ShepherdContext, input: PolicyInput): PolicyContext {
  return policyContextFor(deps, factsFor(pr, ctx, input));
}

export function factsFor(pr: ShepherdPr, ctx: ShepherdContext, input: PolicyInput): RunFacts {
  return {
    subject: { type: 'pr', number: pr.number, labels: input.labels, authorLogin: pr.author },
    allowedKinds: input.allowedKinds,
    allowedTargets: [pr.number],
    openedByFactory: pr.author === ctx.botLogin || pr.head.ref.startsWith(FACTORY_BRANCH_PREFIX) ? [pr.number] : [],
    threads: {},
    risk: input.risk,
    defaultBranch: ctx.defaultBranch,
    ...(pr.labels.includes(ASSIST) && !pr.isFork ? { pushableBranches: [pr.head.ref] } : {}),
  };
}

export interface BranchWork {
  git: GitPort;
  applier: RunGitApplier;
  /** The head the step started from (as fetched). */
  startSha: string;
  tests: TestRuns;
}

export interface BranchWorkOptions {
  policy: PolicyContext;
  /** First line and body of the commit. */
  message: string;
  /** Why the checks at the push refuse it (after, and before the work). */
  refuses(after: CheckResult, before: CheckResult | undefined): string | undefined;
  /** A further refusal, by code, before the push: `files` is the real diff against the base, `start` the head the work started from. */
  refusePush?(files: ChangedFile[], start: { git: GitPort; startSha: string }): Promise<string | undefined> | string | undefined;
}

/** A step may not break checks that passed before it. */
export function breaksChecks(after: CheckResult, before: CheckResult | undefined): string | undefined {
  return before?.ok && !after.ok ? `\`${after.command}\` passed before and fails after the change` : undefined;
}

/**
 * The pull request's head branch checked out exactly as GitHub has it, the checks run once (to
 * compare at the push), and a git applier for that one branch whose diff is taken against the
 * pull request's base.
 */
export async function prepareBranch(
  deps: ShepherdDeps,
  pr: ShepherdPr,
  ctx: ShepherdContext,
  opts: BranchWorkOptions,
): Promise<BranchWork> {
  const { config, redactor } = deps;
  const git = gitFor(deps, ctx.defaultBranch, pr.labels.includes(ASSIST) ? [pr.head.ref] : undefined);
  excludeFactoryFiles(git.root);
  await git.fetch();
  if (!(await git.branchExists(pr.head.ref, 'remote'))) throw new Error(`branch ${pr.head.ref} does not exist on the remote`);
  if ((await git.currentBranch()) !== pr.head.ref) await git.checkout(pr.head.ref);
  await git.resetHard(`origin/${pr.head.ref}`);
  const startSha = await git.headSha();
  const tests = testRuns(config.commands.test, { cwd: git.root, executor: deps.executor, redactor }, opts.refuses);
  const identity = commitIdentity(config);
  const applier = createGitApplier({
    git,
    github: deps.github,
    defaultBranch: pr.base.ref,
    branch: pr.head.ref,
    rules: {
      protectedPaths: [...config.risk.protectedPaths],
      writableProtectedPaths: config.risk.writableProtectedPaths,
      ...SHEPHERD_CAPS,
    },
    commit: { message: opts.message, author: identity, committer: identity },
    redactor,
    checkPolicy: (intent, files) => evaluateIntents([intent], { ...opts.policy, diffFiles: touchedPaths(files) }).rejected[0]?.reason,
    beforePush: async (files) => {
      const refused = await opts.refusePush?.(files, { git, startSha });
      if (refused) throw new GitApplyRefusal('policy', `refused: ${refused}`);
      await tests.beforePush();
    },
    prMarker: { kind: deps.automation, key: `pr.${pr.number}` },
    botLogin: config.trust.botLogin,
  });
  return { git, applier, startSha, tests };
}

/** Put the workspace back on the head as fetched (a refused merge or change is dropped, never pushed). */
export async function discardWork(work: BranchWork, branch: string): Promise<void> {
  await work.git.resetHard(`origin/${branch}`);
}

/**
 * Hand the pull request to a person: factory:needs-human (a flag the state machine lets the
 * shepherd add) and the shepherd's needs-human comment, marked, saying why and what was tried.
 */
export async function escalateToPerson(
  deps: ShepherdDeps,
  pr: ShepherdPr,
  ctx: ShepherdContext,
  e: { reason: string; tried: string[]; decision: string },
): Promise<StepOutcome> {
  const clean = (s: string) => neutralize(deps.redactor.redact(s));
  const body = [
    '### The factory needs a human here',
    '',
    `**Why:** ${clean(e.reason)}`,
    '',
    ...(e.tried.length ? ['**What was tried:**', ...e.tried.map((t) => `- ${clean(t)}`), ''] : []),
    `**Decision needed:** ${clean(e.decision)}`,
  ].join('\n');
  await escalate(stateDepsFor(deps), { type: 'pr', number: pr.number, labels: pr.labels }, ctx.mark(body, 'needs-human'));
  return { kind: 'escalated', summary: `escalated #${pr.number}: ${e.reason}`, wrote: true };
}
