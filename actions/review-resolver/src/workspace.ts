import type { AutomationDeps } from '../../shared/automation/types';
import { createGitApplier, type RunGitApplier } from '../../shared/automation/git-applier';
import type { GitPort } from '../../shared/git';
import type { PullRequest } from '../../shared/github/types';
import type { PolicyContext } from '../../shared/policy';
import { describeCheck, testRuns, type CheckResult, type TestRuns } from '../../shared/automation/checks';
import { commitIdentity, touchedPaths } from '../../shared/automation/work';
import { excludeFactoryFiles, gitFor } from '../../shared/automation/workspace';
import { AUTOMATION, evaluatePush } from './context';
import { isAssistBranch } from './gate';

/** A round changes what threads ask for; anything bigger is not a review fix. */
export const ROUND_CAPS = { maxFiles: 20, maxChangedLines: 2000 } as const;

/**
 * Check out the pull request's head branch exactly as GitHub has it (the workflow checked out
 * the default branch, for trusted prompts and config). Returns the head sha the round starts from.
 */
export async function checkoutPullRequestBranch(git: GitPort, branch: string): Promise<string> {
  excludeFactoryFiles(git.root);
  await git.fetch();
  if (!(await git.branchExists(branch, 'remote'))) throw new Error(`branch ${branch} does not exist on the remote`);
  if ((await git.currentBranch()) !== branch) await git.checkout(branch);
  await git.resetHard(`origin/${branch}`);
  return git.headSha();
}

export interface Work {
  git: GitPort;
  applier: RunGitApplier;
  startSha: string;
  /** The test command before the round, and at the push. */
  tests: TestRuns;
}

/** A round may not break tests that passed before it. */
function roundBreaks(after: CheckResult, before: CheckResult | undefined): string | undefined {
  return before?.ok && !after.ok ? `\`${after.command}\` passed before this round and fails after it (${describeCheck(after)})` : undefined;
}

/** Check out the head branch, run the tests once (to compare at the push), and set up the git applier for that one branch. */
export async function prepareWork(deps: AutomationDeps, pr: PullRequest, defaultBranch: string, ctx: PolicyContext): Promise<Work> {
  const { config, redactor } = deps;
  const git = gitFor(deps, defaultBranch, isAssistBranch(pr) ? [pr.head.ref] : undefined);
  const startSha = await checkoutPullRequestBranch(git, pr.head.ref);
  const tests = testRuns(config.commands.test, { cwd: git.root, executor: deps.executor, redactor }, roundBreaks);
  if (!deps.dryRun) await tests.runBefore();
  const identity = commitIdentity(config);
  const applier = createGitApplier({
    git,
    github: deps.github,
    defaultBranch,
    branch: pr.head.ref,
    rules: { protectedPaths: [...config.risk.protectedPaths], writableProtectedPaths: config.risk.writableProtectedPaths, ...ROUND_CAPS },
    commit: {
      message: `Address review comments on #${pr.number}\n\nReview resolver run ${deps.runId}.\n`,
      author: identity,
      committer: identity,
    },
    redactor,
    checkPolicy: (intent, files) => evaluatePush(ctx, intent, touchedPaths(files)),
    beforePush: () => tests.beforePush(),
    prMarker: { kind: AUTOMATION, key: `pr.${pr.number}` },
    botLogin: config.trust.botLogin,
  });
  return { git, applier, startSha, tests };
}
