import { createGitApplier, GitApplyRefusal, type RunGitApplier } from '../../shared/automation/git-applier';
import type { AutomationDeps } from '../../shared/automation/types';
import type { ParsedEvent } from '../../shared/events';
import type { GitPort } from '../../shared/git';
import type { Issue } from '../../shared/github/types';
import { evaluateIntents, type PolicyContext } from '../../shared/policy';
import { computeRisk } from '../../shared/risk';
import { describeCheck, runCheck, type CheckResult } from '../../shared/automation/checks';
import { composePrBody, runUrl } from './pr-body';
import { coAuthorOf, commitIdentity, commitMessage, touchedPaths } from '../../shared/automation/work';

/** The project's test command before and after the agent worked (filled in as the build goes). */
export interface Checks {
  before?: CheckResult;
  after?: CheckResult;
}

/** Caps of one build's diff (the change guard); bigger work should have been split by the planner. */
export const BUILD_CAPS = { maxFiles: 40, maxChangedLines: 1500 } as const;

export interface BuilderApplierInput {
  issue: Issue;
  event: ParsedEvent;
  git: GitPort;
  branch: string;
  defaultBranch: string;
  policy: PolicyContext;
  checks: Checks;
}

/**
 * The git applier as the builder configures it: commits by the configured identity crediting
 * the issue's author, policy again on the real diff, the test command run by code before the
 * push (a failing suite is never pushed), and the pull request body written by code.
 */
export function builderApplier(deps: AutomationDeps, input: BuilderApplierInput): RunGitApplier {
  const { config, redactor } = deps;
  const { issue, git, branch, defaultBranch, policy, checks } = input;
  const testCommand = config.commands.test;
  return createGitApplier({
    git,
    github: deps.github,
    defaultBranch,
    branch,
    rules: { protectedPaths: [...config.risk.protectedPaths], ...BUILD_CAPS },
    commit: {
      message: commitMessage(issue, deps.runId, (s) => redactor.redact(s)),
      author: commitIdentity(config),
      committer: commitIdentity(config),
      coAuthors: coAuthorOf(issue, input.event, config.trust.botLogin),
    },
    redactor,
    checkPolicy: (intent, files) => evaluateIntents([intent], { ...policy, diffFiles: touchedPaths(files) }).rejected[0]?.reason,
    beforePush: async () => {
      if (!testCommand) return;
      const after = await runCheck(testCommand, { cwd: git.root, executor: deps.executor, redactor });
      checks.after = after;
      if (!after.ok) throw new GitApplyRefusal('checks', `\`${testCommand}\` still fails after the change (${describeCheck(after)})`);
    },
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
        ...(checks.before ? { before: checks.before } : {}),
        ...(checks.after ? { after: checks.after } : {}),
        risk: computeRisk({ files, config }),
        ...(url ? { runUrl: url } : {}),
        runId: deps.runId,
        redactor,
      });
    },
  });
}
