import { createGitApplier, type RunGitApplier } from '../../shared/automation/git-applier';
import type { AutomationDeps } from '../../shared/automation/types';
import type { ParsedEvent } from '../../shared/events';
import type { GitPort } from '../../shared/git';
import type { Issue } from '../../shared/github/types';
import { evaluateIntents, type PolicyContext } from '../../shared/policy';
import { computeRisk } from '../../shared/risk';
import { describeCheck, testRuns, type CheckResult, type TestRuns } from '../../shared/automation/checks';
import { composePrBody, runUrl } from './pr-body';
import { coAuthorOf, commitIdentity, commitMessage, touchedPaths } from '../../shared/automation/work';

/** Caps of one build's diff (the change guard); bigger work should have been split by the planner. */
export const BUILD_CAPS = { maxFiles: 40, maxChangedLines: 1500 } as const;

export interface BuilderApplierInput {
  issue: Issue;
  event: ParsedEvent;
  git: GitPort;
  branch: string;
  defaultBranch: string;
  policy: PolicyContext;
  /** The test command before the agent worked and at the push (buildTests). */
  tests: TestRuns;
}

/** The builder's test runs: a failing suite is never pushed. */
export function buildTests(deps: Pick<AutomationDeps, 'config' | 'executor' | 'redactor'>, git: Pick<GitPort, 'root'>): TestRuns {
  const refuses = (after: CheckResult) =>
    after.ok ? undefined : `\`${after.command}\` still fails after the change (${describeCheck(after)})`;
  return testRuns(deps.config.commands.test, { cwd: git.root, executor: deps.executor, redactor: deps.redactor }, refuses);
}

/**
 * The git applier as the builder configures it: commits by the configured identity crediting
 * the issue's author, policy again on the real diff, the test command run by code before the
 * push (a failing suite is never pushed), and the pull request body written by code.
 */
export function builderApplier(deps: AutomationDeps, input: BuilderApplierInput): RunGitApplier {
  const { config, redactor } = deps;
  const { issue, git, branch, defaultBranch, policy, tests } = input;
  return createGitApplier({
    git,
    github: deps.github,
    defaultBranch,
    branch,
    rules: { protectedPaths: [...config.risk.protectedPaths], writableProtectedPaths: config.risk.writableProtectedPaths, ...BUILD_CAPS },
    commit: {
      message: commitMessage(issue, deps.runId, (s) => redactor.redact(s)),
      author: commitIdentity(config),
      committer: commitIdentity(config),
      coAuthors: coAuthorOf(issue, input.event, config.trust.botLogin),
    },
    redactor,
    checkPolicy: (intent, files) => evaluateIntents([intent], { ...policy, diffFiles: touchedPaths(files) }).rejected[0]?.reason,
    beforePush: () => tests.beforePush(),
    prMarker: { kind: deps.automation, key: `pr.${issue.number}` },
    botLogin: config.trust.botLogin,
    composePullRequest: async (intent, work) => {
      const files = work?.files ?? (await git.changedFiles(`origin/${defaultBranch}`));
      const url = runUrl(deps.env);
      return composePrBody({
        issue,
        title: intent.title,
        summary: intent.body,
        files,
        ...(tests.before ? { before: tests.before } : {}),
        ...(tests.after ? { after: tests.after } : {}),
        risk: computeRisk({ files, config }),
        ...(url ? { runUrl: url } : {}),
        runId: deps.runId,
        redactor,
      });
    },
  });
}
