import { parseEvent } from '../../actions/shared/events';
import { startFactorySandbox, type FactorySandbox } from '../harness';
import { automationEntry } from './registry';
import { loadEvent } from './events';
import { materializeEvent } from './sandbox-event';
import { printResult, type Print } from './run';
import { DEMO_REVIEW_THREADS, leaveHumanReview, reviewEventFor } from './sandbox-setup';

/**
 * `npm run demo`: the factory's main job end to end on its sandbox, through the real Octokit and
 * Anthropic clients: a new issue is planned, built into a pull request with real commits, and the
 * review threads a person leaves on it are fixed and resolved.
 */
export async function demo(print: Print): Promise<number> {
  const sandbox = await startFactorySandbox();
  try {
    print(
      `sandbox GitHub ${sandbox.github.url} (repository ${sandbox.repo.owner}/${sandbox.repo.repo}, sample product with one failing test)`,
    );
    print(`sandbox model  ${sandbox.model.url}`);
    const opened = materializeEvent(sandbox, loadEvent('issues.opened'));
    const issueNumber = (opened.payload.issue as { number: number }).number;
    print(`\n== 1. a member opens issue #${issueNumber}: ${(opened.payload.issue as { title: string }).title}`);

    for (const step of demoSteps(sandbox, issueNumber, print)) {
      const entry = automationEntry(step.automation);
      if (!entry) {
        print(`\n== ${step.title}: skipped (${step.automation} is not built)`);
        continue;
      }
      print(`\n== ${step.title}`);
      await step.before?.();
      sandbox.model.setScenario(entry.scenario({ issueNumber }));
      const loaded = step.event();
      const event = parseEvent(loaded.name, loaded.payload);
      // Each step is its own workflow job: a fresh checkout of the default branch.
      const result = await entry.run(sandbox.deps(step.automation, { workspace: sandbox.freshWorkspace() }), { event });
      printResult(result, print);
      if (result.outcome === 'failed') return 1;
    }
    await printFinalState(sandbox, issueNumber, print);
    return 0;
  } finally {
    await sandbox.close();
  }
}

interface DemoStep {
  title: string;
  automation: 'feature-planner' | 'feature-builder' | 'review-resolver';
  before?: () => Promise<void>;
  event(): { name: string; payload: Record<string, unknown> };
}

function demoSteps(sandbox: FactorySandbox, issueNumber: number, print: Print): DemoStep[] {
  const repoFull = `${sandbox.repo.owner}/${sandbox.repo.repo}`;
  let prNumber = 0;
  return [
    {
      title: '2. feature-planner triages the issue',
      automation: 'feature-planner',
      event: () => materializeEvent(sandbox, loadEvent('issues.opened'), { issueNumber }),
    },
    {
      title: '3. feature-builder turns the ready issue into a pull request',
      automation: 'feature-builder',
      event: () => materializeEvent(sandbox, loadEvent('issues.labeled'), { issueNumber }),
    },
    {
      title: '4. a reviewer leaves two threads; review-resolver fixes and resolves them',
      automation: 'review-resolver',
      before: async () => {
        const pr = sandbox.github.state.pulls.find((p) => p.repo === repoFull);
        if (!pr) throw new Error('the builder opened no pull request');
        prNumber = pr.number;
        leaveHumanReview(sandbox, prNumber);
        print(`a maintainer reviews pull request #${prNumber} with ${DEMO_REVIEW_THREADS.length} threads:`);
        for (const t of DEMO_REVIEW_THREADS) print(`  ${t.path}:${t.line} ${t.body}`);
      },
      event: () => reviewEventFor(sandbox, prNumber, loadEvent('pull_request_review.submitted')),
    },
  ];
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
