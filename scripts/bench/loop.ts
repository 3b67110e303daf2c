import { automationEntry } from '../cli/registry';
import { runLoop, type LoopStep } from '../harness/loop';

/** Target for `loop.githubRequests` (issue 1 of the demo, opened -> merged). */
export const LOOP_REQUEST_TARGET = 80;

export interface LoopBench {
  /** API requests (REST and GraphQL) the factory made from the issue's opening until its pull request merged and the loop came to rest. */
  githubRequests: number;
  /** Git smart-HTTP requests in the same span (each job's checkout, fetches, pushes). */
  gitRequests: number;
  target: number;
  /** API requests per automation (all its runs in that span). */
  byAutomation: Record<string, number>;
  /** Automation steps that ran (jobs whose `if:` let them start), and how many of them were skips. */
  steps: number;
  skippedSteps: number;
  merged: boolean;
}

/** The demo's loop (scripts/harness/loop.ts), measured: what the first issue cost in GitHub requests. */
export async function loopBench(): Promise<LoopBench> {
  const report = await runLoop((name) => automationEntry(name));
  const steps: LoopStep[] = report.steps.filter((s) => s.issue === report.bug.issue);
  const byAutomation: Record<string, number> = {};
  for (const s of steps) byAutomation[s.automation] = (byAutomation[s.automation] ?? 0) + s.githubRequests;
  return {
    githubRequests: report.bug.githubRequests,
    gitRequests: report.bug.gitRequests,
    target: LOOP_REQUEST_TARGET,
    byAutomation,
    steps: steps.length,
    skippedSteps: steps.filter((s) => s.outcome === 'skipped').length,
    merged: report.bug.prState === 'merged' && report.bug.issueState === 'closed',
  };
}
