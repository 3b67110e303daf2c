import { parseEvent } from '../../actions/shared/events';
import { startFactorySandbox, type FactorySandbox } from '../sandbox';
import { automationEntry } from './registry';
import { loadEvent } from './events';
import { materializeEvent } from './sandbox-event';
import { printResult, type Print } from './run';

/**
 * `npm run demo`: the factory's main job end to end on its sandbox, through the real Octokit and
 * Anthropic clients: a new issue is planned, built into a pull request with real commits, and the
 * review threads a person leaves on it are fixed and resolved.
 */
export async function demo(print: Print): Promise<number> {
  const sandbox = await startFactorySandbox();
  try {
    print(`sandbox GitHub ${sandbox.github.url} (repository ${sandbox.repo.owner}/${sandbox.repo.repo}, sample product with one failing test)`);
    print(`sandbox model  ${sandbox.model.url}`);
    const opened = materializeEvent(sandbox, loadEvent('issues.opened'));
    const issueNumber = (opened.payload.issue as { number: number }).number;
    print(`\n== 1. a member opens issue #${issueNumber}: ${(opened.payload.issue as { title: string }).title}`);

    for (const step of demoSteps(sandbox, issueNumber)) {
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
      const result = await entry.run(sandbox.deps(step.automation), { event });
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

function demoSteps(sandbox: FactorySandbox, issueNumber: number): DemoStep[] {
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
        await leaveReview(sandbox, prNumber);
      },
      event: () => reviewEvent(sandbox, prNumber),
    },
  ];
}

/** A person reviews the factory's PR with two inline threads, through the REST API. */
async function leaveReview(sandbox: FactorySandbox, prNumber: number): Promise<void> {
  const { reader, writer } = sandbox.client();
  const pr = await reader.getPullRequest(prNumber);
  sandbox.github.state.setAssociation('sandbox-maintainer', 'MEMBER');
  await writer.createReview(prNumber, {
    event: 'COMMENT',
    body: 'Two small things before this can merge.',
    commitId: pr.head.sha,
    comments: [
      { path: 'src/pricing.js', line: 13, body: 'Please document that `percent` is 0-100 in the comment above. Resolve when done.' },
      { path: 'test/pricing.test.js', line: 11, body: 'Add a test for a 0% discount. Resolve when done.' },
    ],
  });
}

function reviewEvent(sandbox: FactorySandbox, prNumber: number): { name: string; payload: Record<string, unknown> } {
  const loaded = loadEvent('pull_request_review.submitted');
  const base = materializeEvent(sandbox, loaded);
  const pr = sandbox.github.state.pulls.find((p) => p.number === prNumber)!;
  const payload = base.payload;
  delete payload.issue;
  const examplePr = (payload.pull_request ?? {}) as Record<string, unknown>;
  payload.pull_request = {
    ...examplePr,
    number: prNumber,
    head: { ...((examplePr.head as object) ?? {}), ref: pr.headRef, sha: pr.headSha },
    base: { ...((examplePr.base as object) ?? {}), ref: 'main' },
    user: { login: 'factory-bot[bot]', type: 'Bot' },
    labels: [],
  };
  payload.review = { ...((payload.review as object) ?? {}), state: 'commented', user: { login: 'sandbox-maintainer', type: 'User' }, author_association: 'MEMBER' };
  return { name: 'pull_request_review', payload };
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
