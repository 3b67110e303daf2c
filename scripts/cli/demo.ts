import type { HostEventRecord, HostRunRecord, HostStep } from '@software-factory/github-sandbox/workflows';
import { sandboxOctokit } from '@software-factory/github-sandbox/testkit';
import type { AutomationResult } from '../../actions/shared/automation/types';
import type { BuiltAutomation } from '../../actions/shared/registry';
import { startFactorySandbox, type FactorySandbox } from '../harness';
import { sampleProductFiles, SAMPLE_BUG } from '../harness/sample-product';
import { factoryWorkflowFiles, startFactoryWorkflows } from '../harness/workflows';
import { automationEntry } from './registry';
import { printResult, type Print } from './run';
import { SANDBOX_MAINTAINER } from './sandbox-event';
import { DEMO_REVIEW_THREADS } from './sandbox-setup';

/**
 * `npm run demo`: the factory's main job end to end on its sandbox, event-driven. The script plays
 * only the people (a member opens an issue; a maintainer reviews the pull request); every
 * automation runs because one of the factory's real workflow files (`.github/workflows/factory-*.yml`
 * of this repository, carried by the sample repository) matched an event the sandbox delivered,
 * with the job's GITHUB_TOKEN and permissions, through the real Octokit and Anthropic clients.
 */
export async function demo(print: Print): Promise<number> {
  const workflows = factoryWorkflowFiles();
  const sandbox = await startFactorySandbox({ files: { ...sampleProductFiles(), ...workflows } });
  let failed = false;
  const host = startFactoryWorkflows(sandbox, {
    automations: (name: BuiltAutomation) => automationEntry(name),
    onDispatch: (e) => printEvent(e, print),
    onResult: (step, automation, result) => printStep(step, automation, result, print),
    onRun: (run) => {
      if (run.conclusion === 'failure') failed = true;
      printRun(run, print);
    },
  });
  try {
    print(
      `sandbox GitHub ${sandbox.github.url} (repository ${sandbox.repo.owner}/${sandbox.repo.repo}, sample product with one failing test)`,
    );
    print(`sandbox model  ${sandbox.model.url}`);
    print(`workflows      ${Object.keys(workflows).sort().join(', ')} (this repository's, run by the sandbox on its events)`);

    const people = maintainer(sandbox);
    const { owner, repo } = sandbox.repo;
    print(`\n== 1. a member opens an issue: ${SAMPLE_BUG.title}`);
    const { data: issue } = await people.rest.issues.create({ owner, repo, title: SAMPLE_BUG.title, body: SAMPLE_BUG.body });
    await settle(sandbox, host);

    const pr = sandbox.github.state.pulls.find((p) => p.repo === `${owner}/${repo}`);
    if (!pr) {
      print('the factory opened no pull request');
      return 1;
    }
    print(`\n== 2. a maintainer reviews pull request #${pr.number} with ${DEMO_REVIEW_THREADS.length} threads`);
    for (const t of DEMO_REVIEW_THREADS) print(`  ${t.path}:${t.line} ${t.body}`);
    await people.rest.pulls.createReview({
      owner,
      repo,
      pull_number: pr.number,
      event: 'COMMENT',
      body: 'Two small things before this can merge.',
      comments: DEMO_REVIEW_THREADS.map((t) => ({ path: t.path, line: t.line, body: t.body })),
    });
    await settle(sandbox, host);

    await printFinalState(sandbox, issue.number, print);
    return failed ? 1 : 0;
  } finally {
    host.close();
    await sandbox.close();
  }
}

/** The trusted person who acts on the sandbox, through the API with a token of their own. */
function maintainer(sandbox: FactorySandbox): ReturnType<typeof sandboxOctokit> {
  sandbox.github.state.setAssociation(SANDBOX_MAINTAINER, 'MEMBER');
  const token = sandbox.github.mintToken({
    kind: 'user',
    login: SANDBOX_MAINTAINER,
    permissions: { issues: 'write', 'pull-requests': 'write', contents: 'write' },
  });
  return sandboxOctokit(sandbox.github, token);
}

/** Every event delivered and every run it started (and those runs' events, in turn) has finished. */
async function settle(sandbox: FactorySandbox, host: ReturnType<typeof startFactoryWorkflows>): Promise<void> {
  await sandbox.github.eventsDelivered();
  await host.idle();
}

function who(e: HostEventRecord): string {
  const kind = e.causedBy.kind === 'github-token' ? 'GITHUB_TOKEN' : e.causedBy.kind;
  return `${e.causedBy.login || 'GitHub'}, ${kind}`;
}

function printEvent(e: HostEventRecord, print: Print): void {
  if (e.started.length === 0 && e.notStarted.length === 0) return;
  const name = `${e.name}${e.action ? `.${e.action}` : ''}`;
  if (e.started.length === 0) {
    const byToken = e.notStarted.some((n) => /caused by GITHUB_TOKEN/.test(n.reason));
    print(`event ${name} (${who(e)}): starts no workflow${byToken ? ' (GitHub starts none for an event its GITHUB_TOKEN caused)' : ''}`);
    return;
  }
  print(`\nevent ${name} (${who(e)}) starts run ${e.started.join(', ')}`);
}

function printStep(step: HostStep, automation: BuiltAutomation, result: AutomationResult, print: Print): void {
  const phase = step.with.phase || 'single';
  print(`-> ${step.workflow.name} / ${step.job} (run ${step.runId}): ${automation}, phase ${phase}`);
  printResult(result, print);
}

function printRun(run: HostRunRecord, print: Print): void {
  const jobs = run.jobs.map((j) => `${j.id} ${j.result ?? j.decision}`).join(', ');
  print(`run ${run.runId} ${run.workflow.name}: ${run.conclusion} (${jobs})`);
}

async function printFinalState(sandbox: FactorySandbox, issueNumber: number, print: Print): Promise<void> {
  const { reader } = sandbox.client();
  print('\n== result');
  const issue = await reader.getIssue(issueNumber);
  print(`issue #${issue.number} [${issue.state}] labels: ${issue.labels.join(', ')}`);
  for (const pr of await reader.listPullRequests({ state: 'all' })) {
    print(`pull request #${pr.number} ${pr.head.ref} -> ${pr.base.ref}: ${pr.title}`);
    const threads = await reader.listReviewThreads(pr.number);
    const resolved = threads.filter((t) => t.isResolved).length;
    print(`  review threads: ${threads.length}, resolved: ${resolved}`);
  }
}
