import type { HostEventRecord, HostRunRecord, HostStep } from '@software-factory/github-sandbox/workflows';
import type { AutomationResult } from '../../actions/shared/automation/types';
import type { BuiltAutomation } from '../../actions/shared/registry';
import { runLoop, type LoopIssueOutcome } from '../harness/loop';
import { automationEntry } from './registry';
import { printResult, type Print } from './run';
import { LOCAL_RUNS_DIR, saveRuns } from './runs';

/**
 * `npm run demo`: the factory's whole loop on its sandbox, event-driven (scripts/harness/loop.ts).
 * The script plays only a member who opens two issues; every automation runs because one of the
 * factory's real workflow files matched an event the sandbox delivered. The first issue ends
 * merged and closed after a review, the resolver's fixes and a re-review; the second, a
 * migration, ends high risk and waiting for a person.
 */
export async function demo(print: Print): Promise<number> {
  const report = await runLoop((name: BuiltAutomation) => automationEntry(name), {
    say: print,
    onDispatch: (e) => printEvent(e, print),
    onResult: (step, automation, result, transcripts) => {
      printStep(step, automation, result, print);
      saveRuns(LOCAL_RUNS_DIR, result.records, transcripts);
    },
    onRun: (run) => printRun(run, print),
  });
  print('\n== result');
  printOutcome(report.bug, print);
  printOutcome(report.migration, print);
  print(
    `GitHub API requests, issue #${report.bug.issue} to merged: ${report.bug.githubRequests} (and ${report.bug.gitRequests} git requests)`,
  );
  const bugDone = report.bug.issueState === 'closed' && report.bug.prState === 'merged';
  const migrationWaits = report.migration.prState === 'open' && report.migration.prLabels.includes('factory:needs-human');
  print(`run records in ${LOCAL_RUNS_DIR}/: \`npx factory runs\` lists them, \`npx factory runs <id>\` shows one`);
  if (report.failedRuns.length) print(`failed runs: ${report.failedRuns.join(', ')}`);
  if (!bugDone) print(`issue #${report.bug.issue} did not end closed by a merged pull request`);
  if (!migrationWaits) print(`issue #${report.migration.issue}'s pull request is not waiting for a person`);
  return report.failedRuns.length === 0 && bugDone && migrationWaits ? 0 : 1;
}

function who(e: HostEventRecord): string {
  const kind = e.causedBy.kind === 'github-token' ? 'GITHUB_TOKEN' : e.causedBy.kind;
  return `${e.causedBy.login || 'GitHub'}, ${kind}`;
}

function printEvent(e: HostEventRecord, print: Print): void {
  if (e.started.length === 0) return;
  const name = `${e.name}${e.action ? `.${e.action}` : ''}`;
  print(`\nevent ${name} (${who(e)}) starts run ${e.started.join(', ')}`);
}

function printStep(step: HostStep, automation: BuiltAutomation, result: AutomationResult, print: Print): void {
  const phase = step.with.phase || 'single';
  print(`-> ${step.workflow.name} / ${step.job} (run ${step.runId}): ${automation}, phase ${phase}`);
  printResult(result, print);
}

function printRun(run: HostRunRecord, print: Print): void {
  if (run.conclusion === 'skipped') return;
  const jobs = run.jobs.map((j) => `${j.id} ${j.result ?? j.decision}`).join(', ');
  print(`run ${run.runId} ${run.workflow.name}: ${run.conclusion} (${jobs})`);
}

function printOutcome(o: LoopIssueOutcome, print: Print): void {
  print(`issue #${o.issue} [${o.issueState}] labels: ${o.issueLabels.join(', ')}`);
  if (o.pr === undefined) return;
  print(`  pull request #${o.pr} [${o.prState}] labels: ${o.prLabels.join(', ')}`);
  print(`  review threads: ${o.threads}, resolved: ${o.resolvedThreads}`);
}
