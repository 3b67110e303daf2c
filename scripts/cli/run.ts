import type { TurnProgress } from '../../actions/shared/agent/loop';
import type { AutomationResult } from '../../actions/shared/automation/types';
import { ConfigError } from '../../actions/shared/errors';
import { parseEvent } from '../../actions/shared/events';
import type { Automation } from '../../actions/shared/state/automations';
import { startFactorySandbox, type FactorySandbox } from '../harness';
import { dispatchedRun } from '../harness/dispatch';
import { automationEntry, runnableAutomations } from './registry';
import { loadEvent } from './events';
import { realDeps } from './real';
import { LOCAL_RUNS_DIR, saveRuns } from './runs';
import { progressWanted, turnPrinter } from './progress';
import type { MemoryRecordStore } from '../../actions/shared/automation/records';

export interface RunOptions {
  /** `--event`; absent: the automation's default event (a scheduled one's schedule), if it has one. */
  event?: string;
  eventName?: string;
  sandbox?: boolean;
  repo?: string;
  dryRun?: boolean;
  issue?: number;
  /** Text of the comment for comment events on the sandbox (e.g. `@factory fix`). */
  comment?: string;
  /** On the sandbox: run the workflows the automation starts by workflow_dispatch, as GitHub would. */
  follow?: boolean;
  /** On the sandbox: where the run records and transcripts are written (default `.factory/runs`, read by `factory runs`). */
  runsDir?: string;
  /** `--verbose`: print each model turn as it happens, also when the output is not a terminal. */
  verbose?: boolean;
  /** The output is a terminal: each model turn is printed as it happens. */
  isTTY?: boolean;
}

export type Print = (line: string) => void;

/** `factory run <automation>`: one automation's run(), locally, on the sandbox or a real repository. */
export async function runCommand(name: string, opts: RunOptions, print: Print): Promise<number> {
  const entry = automationEntry(name);
  if (!entry) {
    throw new ConfigError(`unknown automation "${name}"; runnable: ${runnableAutomations().join(', ')}`);
  }
  const fallback = entry.defaultEvent?.();
  if (opts.event === undefined && !fallback) throw new ConfigError(`--event is required for ${name}`);
  const loaded = opts.event !== undefined ? loadEvent(opts.event, opts.eventName) : fallback!;
  // A fresh printer per automation run, so "so far" counts that run's model calls.
  const progress = () => (progressWanted(opts) ? { onTurn: turnPrinter(print) } : {});
  if (opts.sandbox) {
    const sandbox = await startFactorySandbox();
    try {
      const ev = await entry.setUp(sandbox, loaded, {
        ...(opts.issue !== undefined ? { issue: opts.issue } : {}),
        ...(opts.comment !== undefined ? { comment: opts.comment } : {}),
      });
      const subject = (ev.payload.issue ?? ev.payload.pull_request) as { number?: number } | undefined;
      const issueNumber = subject?.number ?? opts.issue ?? 1;
      sandbox.model.setScenario(entry.scenario({ issueNumber }));
      const event = parseEvent(ev.name, ev.payload);
      print(`sandbox: ${sandbox.repo.owner}/${sandbox.repo.repo} at ${sandbox.github.url}; model emulator at ${sandbox.model.url}`);
      print(
        `event: ${ev.name}${event.kind !== 'unsupported' && 'action' in event && event.action ? `.${event.action}` : ''} (${ev.source})`,
      );
      // A fresh clone of the default branch, as a workflow's checkout would give.
      const deps = sandbox.deps(name as Automation, { dryRun: !!opts.dryRun, workspace: sandbox.freshWorkspace(), ...progress() });
      const seen = sandbox.github.state.dispatches.length;
      const result = await entry.run(deps, { event, ...(opts.issue !== undefined ? { issueNumber: opts.issue } : {}) });
      printResult(result, print);
      keepRuns(opts.runsDir, result, deps.runId, deps.records, print);
      const followed = opts.follow ? await followDispatches(sandbox, seen, !!opts.dryRun, print, opts.runsDir, progress) : [];
      await printSandboxState(sandbox, print);
      return [result, ...followed].some((r) => r.outcome === 'failed') ? 1 : 0;
    } finally {
      await sandbox.close();
    }
  }
  if (!opts.repo) throw new ConfigError('--repo owner/name is required without --sandbox');
  if (opts.comment !== undefined)
    throw new ConfigError('--comment works with --sandbox only; against a real repository the event payload holds the comment');
  const event = parseEvent(loaded.name, loaded.payload, { repository: opts.repo });
  const deps = { ...(await realDeps(name as Automation, opts.repo, !!opts.dryRun, print)), ...progress() };
  const result = await entry.run(deps, { event, ...(opts.issue !== undefined ? { issueNumber: opts.issue } : {}) });
  printResult(result, print);
  return result.outcome === 'failed' ? 1 : 0;
}

/** At most this many workflows are followed after one run (a chain that dispatches itself stops here). */
const MAX_FOLLOWED = 5;

/**
 * `--follow`: runs the workflows the automation started by workflow_dispatch, in order, as GitHub
 * would (each with its own deps, scenario and fresh checkout), and the ones those start in turn.
 */
async function followDispatches(
  sandbox: FactorySandbox,
  from: number,
  dryRun: boolean,
  print: Print,
  runsDir?: string,
  progress: () => { onTurn?: (p: TurnProgress) => void } = () => ({}),
): Promise<AutomationResult[]> {
  const results: AutomationResult[] = [];
  let next = from;
  while (next < sandbox.github.state.dispatches.length) {
    const record = sandbox.github.state.dispatches[next++]!;
    const dispatched = dispatchedRun(record);
    if (!dispatched) {
      print(`(not followed: ${record.workflow} runs no automation of this version)`);
      continue;
    }
    if (results.length >= MAX_FOLLOWED) {
      print(`(not followed: ${record.workflow}; at most ${MAX_FOLLOWED} dispatched runs are followed)`);
      continue;
    }
    const entry = automationEntry(dispatched.automation)!;
    sandbox.model.setScenario(entry.scenario({ issueNumber: dispatched.inputs.issueNumber ?? 1 }));
    print(
      `== ${record.workflow} (workflow_dispatch by ${record.actor}, inputs ${JSON.stringify(record.inputs)}): ${dispatched.automation}`,
    );
    const deps = sandbox.deps(dispatched.automation, { dryRun, workspace: sandbox.freshWorkspace(), ...progress() });
    const result = await entry.run(deps, dispatched.inputs);
    printResult(result, print);
    keepRuns(runsDir, result, deps.runId, deps.records, print);
    results.push(result);
  }
  return results;
}

/** Sandbox runs keep their records and transcripts where `factory runs` reads them. */
function keepRuns(dir: string | undefined, result: AutomationResult, runId: string, store: MemoryRecordStore, print: Print): void {
  if (result.records.length === 0) return;
  const where = dir ?? LOCAL_RUNS_DIR;
  saveRuns(where, result.records, { [runId]: store.transcripts.flatMap((t) => t.events) });
  print(`run records in ${where}/ (\`factory runs ${result.records[0]!.runId}\` shows one)`);
}

export function printResult(result: AutomationResult, print: Print): void {
  print(`outcome: ${result.outcome} — ${result.summary}`);
  for (const d of result.details) print(`  ${d}`);
  for (const r of result.records) {
    print(
      `run record: ${r.automation} turns=${r.turns} input=${r.usage.input + r.usage.cacheRead + r.usage.cacheWrite} ` +
        `(cache read ${r.usage.cacheRead}) output=${r.usage.output} cost=$${r.costUsd.toFixed(4)} outcome=${r.outcome}`,
    );
    for (const a of r.applied) print(`  ${a.status}: ${a.summary}`);
    for (const x of r.intents.rejected) print(`  rejected ${x.kind}: ${x.reason} [${x.rule}]`);
    for (const t of r.toolRefusals) print(`  refused tool ${t.tool}: ${t.message} [${t.rule}]`);
  }
}

async function printSandboxState(sandbox: FactorySandbox, print: Print): Promise<void> {
  const { reader } = sandbox.client();
  const issues = await reader.listIssues({ state: 'all', includePullRequests: true });
  print('sandbox state:');
  for (const i of issues) {
    print(`  ${i.isPullRequest ? 'PR' : 'issue'} #${i.number} [${i.state}] ${i.title} — labels: ${i.labels.join(', ') || '(none)'}`);
    for (const c of await reader.listComments(i.number)) {
      const first =
        c.body
          .replace(/<!--[\s\S]*?-->/g, '')
          .trim()
          .split('\n')[0] ?? '';
      print(`    comment by ${c.author.login}: ${first.slice(0, 100)}`);
    }
  }
}
