import type { FactorySandbox } from '..';
import { branchName } from '../../../actions/shared/git/branch';
import { pushBranch } from '@software-factory/github-sandbox/testkit';
import type { MessagesRequest, Scenario, ScriptedTurn } from '@software-factory/model-sandbox';
import { SAMPLE_BUG, SAMPLE_TEST_COMMAND } from '../sample-product';
import { firstText } from './builder';

/** The failed job's log: the sample product's discount test, as `npm test` prints it. */
export const CI_FAILURE_LOG = 'not ok 3 - applies a percentage discount\n  Expected values to be strictly equal:\n  190 !== 180\n';

export interface CiFailure {
  issue: number;
  pr: number;
  branch: string;
  headSha: string;
  runId: number;
}

/**
 * A factory pull request whose branch still has the sample bug, and a failed `ci` run on its
 * head (lint passed, test failed): what the CI fixer is started for.
 */
export async function failedFactoryPullRequest(sandbox: FactorySandbox): Promise<CiFailure> {
  const { owner, repo } = sandbox.repo;
  const { state } = sandbox.github;
  const issue = state.createIssue(owner, repo, {
    title: SAMPLE_BUG.title,
    body: SAMPLE_BUG.body,
    user: 'sandbox-maintainer',
    labels: ['factory:pr-open'],
  });
  const branch = branchName(issue.number, SAMPLE_BUG.title);
  const headSha = await pushBranch(sandbox.github, owner, repo, { branch, files: { 'docs/discounts.md': 'Discounts are percentages.\n' } });
  const pr = await sandbox
    .client()
    .writer.createPullRequest({ title: 'Apply discounts as percentages', body: `Fixes #${issue.number}`, head: branch, base: 'main' });
  const run = state.addWorkflowRun(owner, repo, {
    workflow: 'ci.yml',
    name: 'ci',
    headBranch: branch,
    headSha,
    event: 'pull_request',
    conclusion: 'failure',
    jobs: [
      { name: 'lint', conclusion: 'success', log: 'all good\n' },
      { name: 'test', conclusion: 'failure', log: CI_FAILURE_LOG },
    ],
  });
  return { issue: issue.number, pr: pr.number, branch, headSha, runId: run.id };
}

/**
 * The model's side: a well-behaved CI fixer that reads the failing code, fixes the discount,
 * runs the tests and pushes to the branch named in its first message.
 */
export function ciFixerSandboxScenario(): Scenario {
  return (req: MessagesRequest): ScriptedTurn => {
    const step = req.messages.filter((m) => m.role === 'assistant').length;
    const branch = /(factory\/[\w.-]+)/.exec(firstText(req))?.[1] ?? 'factory/1-fix';
    const { fix } = SAMPLE_BUG;
    switch (step) {
      case 0:
        return { toolCalls: [{ name: 'read_file', input: { path: fix.path } }] };
      case 1:
        return { toolCalls: [{ name: 'edit_file', input: { path: fix.path, oldString: fix.oldString, newString: fix.newString } }] };
      case 2:
        return { toolCalls: [{ name: 'run_command', input: { command: SAMPLE_TEST_COMMAND } }] };
      case 3:
        return { toolCalls: [{ name: 'push', input: { branch, files: [fix.path] } }] };
      default:
        return { text: 'The failing discount test passes again; the fix is pushed to the branch.' };
    }
  };
}
