import { run } from '../../actions/feature-planner/src/run';
import { BUILDER_WORKFLOW_FILE, PLANNER_SANDBOX_CONFIG, sweepScenario } from '../harness/scenarios/planner';
import { parseEvent } from '../../actions/shared/events';
import { startFactorySandbox, type FactorySandbox } from '../harness';
import { sampleProductFiles } from '../harness/sample-product';

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

/**
 * The sweep's worst case for reads: 250 factory:needs-info issues, 990 triaged issues nobody
 * touches, and 10 new ones whose `opened` events were lost (the newest).
 */
export function seedWorstCase(sandbox: FactorySandbox): { lost: number[] } {
  const { owner, repo } = sandbox.repo;
  sandbox.github.state.setAssociation('maintainer', 'MEMBER');
  const start = Date.parse('2025-01-01T00:00:00Z');
  const lost: number[] = [];
  for (let i = 1; i <= 1250; i++) {
    const labels = i <= 250 ? ['type:bug', 'factory:needs-info'] : i <= 1240 ? ['type:feature', 'priority:p3', 'factory:pr-open'] : [];
    const created = sandbox.github.state.createIssue(owner, repo, {
      title: `Worst case ${i}: ${ADJECTIVES[i % ADJECTIVES.length]} ${NOUNS[i % NOUNS.length]}`,
      body: `Item ${i}.`,
      user: 'maintainer',
      authorAssociation: 'MEMBER',
      labels,
      createdAt: new Date(start + i * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
    if (labels.length === 0) lost.push(created.number);
  }
  return { lost };
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

export interface PlannerBenchReport {
  backlogIssues: 1000;
  /** GraphQL requests of one scheduled sweep over 1,000 untriaged issues. */
  readRequests: number;
  triaged: number;
  /** The same for seedWorstCase (1,250 open issues), and how many of its 10 lost issues were triaged. */
  worstCase: { openIssues: number; readRequests: number; lostTriaged: number };
}

export async function plannerBench(): Promise<PlannerBenchReport> {
  const sandbox = await startSweepSandbox(1000);
  let report: Omit<PlannerBenchReport, 'worstCase'>;
  try {
    sandbox.github.resetRequests();
    await scheduleRun(sandbox);
    const readRequests = sandbox.github.requests.filter((r) => r.graphql).length;
    report = { backlogIssues: 1000, readRequests, triaged: readyIssues(sandbox).length };
  } finally {
    await sandbox.close();
  }
  const worst = await startSweepSandbox(0);
  try {
    const { lost } = seedWorstCase(worst);
    worst.github.resetRequests();
    await scheduleRun(worst);
    const ready = new Set(readyIssues(worst));
    return {
      ...report,
      worstCase: {
        openIssues: 1250,
        readRequests: worst.github.requests.filter((r) => r.graphql).length,
        lostTriaged: lost.filter((n) => ready.has(n)).length,
      },
    };
  } finally {
    await worst.close();
  }
}
