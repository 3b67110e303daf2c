import { run } from '../../actions/feature-planner/src/run';
import { BUILDER_WORKFLOW_FILE, PLANNER_SANDBOX_CONFIG, sweepScenario } from '../../actions/feature-planner/src/demo';
import { parseEvent } from '../../actions/shared/events';
import { startFactorySandbox, type FactorySandbox } from '../sandbox';
import { sampleProductFiles } from '../sandbox/sample-product';

/**
 * The planner's backlog sweep at scale: 1,000 untriaged issues on the sandbox, one scheduled
 * run. Reported: GraphQL requests the run made (the backlog is read in pages of 100, oldest
 * first, stopping once the cap is reached) and issues triaged (at most sweepCap).
 */

const ADJECTIVES = ['slow', 'missing', 'wrong', 'flaky', 'stale', 'duplicate', 'hidden', 'broken', 'empty', 'odd'];
const NOUNS = ['checkout', 'invoice', 'search', 'profile', 'export', 'cart', 'login', 'banner', 'report', 'coupon', 'avatar'];

/** `count` open issues by a maintainer, one minute apart (oldest first = lowest number). */
export function seedBacklog(sandbox: FactorySandbox, count: number): void {
  const { owner, repo } = sandbox.repo;
  sandbox.github.state.setAssociation('maintainer', 'MEMBER');
  const start = Date.parse('2025-01-01T00:00:00Z');
  for (let i = 1; i <= count; i++) {
    sandbox.github.state.createIssue(owner, repo, {
      title: `Backlog ${i}: ${ADJECTIVES[i % ADJECTIVES.length]} ${NOUNS[i % NOUNS.length]} ${i % 7 === 0 ? 'on mobile' : 'page'}`,
      body: `Item ${i} of the imported backlog.`,
      user: 'maintainer',
      authorAssociation: 'MEMBER',
      createdAt: new Date(start + i * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
  }
}

export async function startSweepSandbox(backlog: number): Promise<FactorySandbox> {
  const sandbox = await startFactorySandbox({
    files: { ...sampleProductFiles(), '.github/workflows/factory-builder.yml': BUILDER_WORKFLOW_FILE },
    configText: PLANNER_SANDBOX_CONFIG,
    scenario: sweepScenario(),
  });
  seedBacklog(sandbox, backlog);
  return sandbox;
}

export function scheduleRun(sandbox: FactorySandbox) {
  const event = parseEvent('schedule', { schedule: '*/30 * * * *' }, { repository: `${sandbox.repo.owner}/${sandbox.repo.repo}` });
  return run(sandbox.deps('feature-planner'), { event });
}

export function readyIssues(sandbox: FactorySandbox): number[] {
  return sandbox.github.state.issues.filter((i) => i.labels.includes('factory:ready')).map((i) => i.number);
}

export async function plannerBench(): Promise<{ backlogIssues: 1000; readRequests: number; triaged: number }> {
  const sandbox = await startSweepSandbox(1000);
  try {
    sandbox.github.resetRequests();
    await scheduleRun(sandbox);
    const readRequests = sandbox.github.requests.filter((r) => r.graphql).length;
    return { backlogIssues: 1000, readRequests, triaged: readyIssues(sandbox).length };
  } finally {
    await sandbox.close();
  }
}
