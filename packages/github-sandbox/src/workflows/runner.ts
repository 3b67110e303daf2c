/**
 * The workflow runner: given events, it decides which workflows start (triggers, GitHub's
 * GITHUB_TOKEN rule, the `workflow_run` chain limit), holds their concurrency groups, and plans
 * each run: jobs in `needs` order with their `if:` decision, permissions and steps, the `with:` of
 * every `uses: ./actions/<name>` step evaluated. It executes nothing: the caller runs the
 * automations and reports back, and the runner answers with what that starts next.
 *
 * The caller's loop:
 *   for (const run of runner.dispatch(event)) if (run.status === 'in_progress') execute(run);
 *   execute(run): for each job of run.jobs (in order):
 *     const job = runner.startJob(run.id, jobId);            // decision: run | skip | queued | cancelled
 *     if (job.decision === 'run') { run its automation steps; runner.finishJob(run.id, jobId, { result, steps }); }
 *   const done = runner.complete(run.id);                    // conclusion from the job results
 *   emit done.event (workflow_run completed) and dispatch it; execute done.started (released from the queue).
 */
import { ConcurrencyTracker, type ConcurrencyDecision } from './concurrency';
import { DEFAULT_RUNNER_CONTEXT, githubContext, secretsContext } from './context';
import { DispatchError, WorkflowError } from './errors';
import { actionOf, GITHUB_TOKEN_EXEMPT_EVENTS, refsOf, type EventRefs, type RepositoryInfo, type WorkflowEvent } from './events';
import {
  evaluateBoolean,
  evaluateCondition,
  evaluateString,
  evaluateStringMap,
  expressionsOf,
  SUCCEEDING,
  type CompiledExpression,
  type Scope,
  type StatusState,
  type Value,
} from './expressions';
import { dispatchInputs, type InputValue } from './inputs';
import type { JobDef, Workflow } from './model';
import {
  grantedScopes,
  PERMISSIVE_DEFAULT_PERMISSIONS,
  resolvePermissions,
  RESTRICTED_DEFAULT_PERMISSIONS,
  type Permissions,
  type PermissionsSource,
  type PermissionsSpec,
} from './permissions';
import type { Conclusion, EventRecord, JobRecord, JobResult, RunnerHistory, RunRecord, TriggerRecord } from './records';
import { dispatchTargets, matchTrigger } from './triggers';

/** GitHub runs a `workflow_run` chain at most three workflows beyond the first. */
export const MAX_WORKFLOW_RUN_DEPTH = 3;

export interface RunnerOptions {
  workflows: readonly Workflow[];
  repository: RepositoryInfo;
  /** The repository's default GITHUB_TOKEN permissions. Default `restricted` (contents and packages: read). */
  defaultPermissions?: Permissions | 'restricted' | 'permissive';
  /** `vars` context. */
  vars?: Readonly<Record<string, string>>;
  /** Names of the repository's secrets (GITHUB_TOKEN is always there). */
  secrets?: readonly string[];
  /** Run ids, e.g. from the sandbox's state. Default 1, 2, 3... */
  nextRunId?: () => number;
  /** `runner` context. */
  runner?: Readonly<Record<string, string>>;
  serverUrl?: string;
  apiUrl?: string;
  graphqlUrl?: string;
}

export interface PlannedAutomationStep {
  kind: 'automation';
  index: number;
  id: string;
  name?: string;
  uses: string;
  automation: string;
  /** Evaluated; secrets are `<<secret:NAME>>` placeholders. */
  with: Record<string, string>;
  /** workflow, job and step `env:`, evaluated. */
  env: Record<string, string>;
  /** `with:`/`env:` keys whose value reads `needs` and is known when the job starts (`startJob`). */
  deferred: string[];
  /** The step's `if:`: whether it runs when the job's earlier steps succeeded, and when one failed. */
  if: { expression: string; whenSucceeding?: boolean; whenFailed?: boolean };
  continueOnError: boolean;
  line?: number;
}

export interface PlannedOtherStep {
  kind: 'other';
  index: number;
  id: string;
  name?: string;
  /** `run: ...` or `uses: actions/checkout@...`: the runner does not execute it. */
  label: string;
  /** An artifact step, its `with:` evaluated and its `if:` decided as for an automation step: a host may emulate it. */
  artifact?: { kind: 'upload' | 'download'; uses: string; with: Record<string, string>; if: PlannedAutomationStep['if'] };
  line?: number;
}

export type PlannedStep = PlannedAutomationStep | PlannedOtherStep;

export type JobDecision = 'run' | 'skip' | 'after-needs' | 'queued' | 'cancelled';

export interface PlannedJob {
  id: string;
  name?: string;
  needs: string[];
  /** `after-needs`: a job with `needs` is decided by `startJob`, when their results are known. */
  decision: JobDecision;
  reason: string;
  /** The condition as GitHub evaluates it (`success() && (...)` when it names no status function). */
  if: string;
  permissions: Permissions;
  permissionsSource: PermissionsSource;
  declaredPermissions?: PermissionsSpec;
  concurrency?: { group: string; cancelInProgress: boolean };
  steps: PlannedStep[];
  /** Set by `startJob` when the job's concurrency group cancelled runs or jobs: the caller stops the running ones. */
  cancelled?: { runs: CancelledRun[]; jobs: JobRef[] };
}

export interface CancelledRun {
  runId: number;
  was: 'running' | 'pending';
  /** A pending run completes (cancelled) at once; a running one when the caller calls `complete`. */
  completion?: Completion;
}

export interface PlannedRun {
  id: number;
  runNumber: number;
  workflow: { file: string; name: string };
  event: { seq: number; name: string; action?: string };
  /** Why the event started the workflow. */
  reason: string;
  /** `queued`: waiting in its concurrency group; `complete` of the holder starts it. */
  status: 'in_progress' | 'queued';
  concurrency?: { group: string; cancelInProgress: boolean; reason: string };
  /** Runs this one cancelled (cancel-in-progress) or replaced as the pending run of its group. */
  cancelled: CancelledRun[];
  /** The `github` context (for the action's GITHUB_* environment, see `actionEnvironment`). */
  github: Record<string, unknown>;
  inputs: Record<string, InputValue>;
  jobs: PlannedJob[];
}

export interface JobRef {
  runId: number;
  jobId: string;
}

export interface JobFinish {
  outputs: Record<string, string>;
  /** Jobs that were queued in this job's concurrency group and may start now (`startJob`). */
  resumed: JobRef[];
}

export interface Completion {
  runId: number;
  conclusion: Conclusion;
  /** The `workflow_run` `completed` event: emit it as a webhook and `dispatch` it. */
  event: WorkflowEvent;
  /** What dispatching `event` will decide, per workflow that listens to `workflow_run`. */
  triggers: TriggerRecord[];
  /** Runs of the same concurrency group that were pending and start now. */
  started: PlannedRun[];
}

export interface StepReport {
  outputs?: Record<string, string>;
  outcome?: JobResult;
}

interface JobState {
  def: JobDef;
  status: 'pending' | 'queued' | 'in_progress' | 'completed';
  result?: JobResult;
  outputs: Record<string, string>;
  cancelRequested: boolean;
  /** Released from its concurrency queue: holds the group already. */
  released: boolean;
  record: JobRecord;
}

interface RunState {
  id: number;
  runNumber: number;
  workflow: Workflow;
  event: WorkflowEvent;
  seq: number;
  refs: EventRefs;
  reason: string;
  depth: number;
  status: 'queued' | 'in_progress' | 'completed';
  cancelRequested: boolean;
  conclusion?: Conclusion;
  github: Record<string, unknown>;
  inputs: Record<string, InputValue>;
  env: Record<string, string>;
  concurrency?: { group: string; cancelInProgress: boolean; reason: string };
  jobs: Map<string, JobState>;
  record: RunRecord;
}

const GITHUB_TOKEN_REASON =
  'caused by GITHUB_TOKEN: GitHub starts no workflow for events its workflows cause with GITHUB_TOKEN ' +
  '(except workflow_dispatch and repository_dispatch)';

export class WorkflowRunner {
  private readonly workflows: readonly Workflow[];
  private readonly tracker = new ConcurrencyTracker();
  private readonly runs = new Map<number, RunState>();
  private readonly events: EventRecord[] = [];
  private readonly runNumbers = new Map<string, number>();
  private readonly defaults: Permissions;
  private readonly nextRunId: () => number;
  private seq = 0;

  constructor(private readonly options: RunnerOptions) {
    this.workflows = options.workflows;
    const d = options.defaultPermissions ?? 'restricted';
    this.defaults = d === 'restricted' ? RESTRICTED_DEFAULT_PERMISSIONS : d === 'permissive' ? PERMISSIVE_DEFAULT_PERMISSIONS : d;
    let counter = 0;
    this.nextRunId = options.nextRunId ?? (() => ++counter);
  }

  /** The workflows' `schedule` crons, for a caller that keeps a clock and sends `schedule` events. */
  schedules(): Array<{ workflow: string; cron: string }> {
    return this.workflows.flatMap((w) => (w.on.schedule ?? []).map((s) => ({ workflow: w.file, cron: s.cron })));
  }

  /**
   * The runs an event starts (queued ones included). A `workflow_dispatch` GitHub would refuse
   * throws a DispatchError; a workflow that cannot be evaluated throws a WorkflowError.
   */
  dispatch(event: WorkflowEvent): PlannedRun[] {
    if (event.name === 'workflow_dispatch') this.checkDispatch(event);
    const source = event.name === 'workflow_run' ? this.sourceRun(event) : undefined;
    const record: EventRecord = {
      seq: ++this.seq,
      name: event.name,
      ...(actionOf(event) ? { action: actionOf(event) } : {}),
      actor: event.actor,
      causedBy: { ...event.causedBy },
      decisions: [],
      ...(source ? { fromRun: source.id } : {}),
    };
    this.events.push(record);
    // Every run is evaluated before any is registered: an error leaves no half-started run behind.
    const prepared: Array<{ run: RunState; planned: PlannedRun } | TriggerRecord> = [];
    for (const { workflow, decision } of this.decide(event)) {
      if (!decision.fired) {
        prepared.push(decision);
        continue;
      }
      try {
        prepared.push(this.prepareRun(workflow, event, record.seq, decision.reason));
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        record.decisions.push({ ...decision, fired: false, reason: `${decision.reason}; but the run could not be planned: ${message}` });
        throw e;
      }
    }
    const planned: PlannedRun[] = [];
    for (const item of prepared) {
      if (!('run' in item)) {
        record.decisions.push(item);
        continue;
      }
      planned.push(this.registerRun(item.run, item.planned));
      record.decisions.push({ workflow: item.run.workflow.file, fired: true, reason: item.run.reason, runId: item.run.id });
    }
    return planned;
  }

  /** What `dispatch(event)` would decide per listening workflow, without starting anything. */
  wouldStart(event: WorkflowEvent): TriggerRecord[] {
    return this.decide(event).map((d) => d.decision);
  }

  /**
   * Decides a job when the jobs it needs have completed: its `if:` against their results and
   * outputs, its concurrency group, and its steps' `with:`. Call it for every job, in order.
   */
  startJob(runId: number, jobId: string): PlannedJob {
    const run = this.run(runId);
    const job = this.job(run, jobId);
    if (run.status !== 'in_progress') throw new Error(`run ${runId} is ${run.status}: its jobs cannot start`);
    if (job.status === 'in_progress' || job.status === 'completed' || (job.status === 'queued' && !job.released)) {
      throw new Error(`job ${jobId} of run ${runId} is ${job.status}`);
    }
    const waiting = job.def.needs.filter((n) => this.job(run, n).status !== 'completed');
    if (waiting.length > 0) throw new Error(`job ${jobId} of run ${runId} needs ${waiting.join(', ')}, not completed yet`);
    const planned = this.planJob(run, job, true);
    if (planned.decision === 'skip') {
      this.finishJobState(run, job, run.cancelRequested ? 'cancelled' : 'skipped');
    } else if (planned.decision === 'run' && !job.released && planned.concurrency) {
      const { group, cancelInProgress } = planned.concurrency;
      const decision = this.tracker.request(jobKey(run.id, job.def.id), group, cancelInProgress);
      const cancelled = this.applyCancellations(decision, `job ${jobId} of run ${runId}`);
      if (cancelled.runs.length > 0 || cancelled.jobs.length > 0) planned.cancelled = cancelled;
      if (decision.action === 'queue') {
        planned.decision = 'queued';
        planned.reason = `concurrency ${decision.reason}`;
      }
    }
    job.status = planned.decision === 'queued' ? 'queued' : planned.decision === 'skip' ? 'completed' : 'in_progress';
    Object.assign(job.record, {
      status: job.status,
      decision: planned.decision as JobRecord['decision'],
      reason: planned.reason,
      ...(planned.concurrency ? { concurrency: planned.concurrency } : {}),
    });
    job.record.steps = planned.steps.map((s) => stepRecord(s));
    return planned;
  }

  /** A job finished: its `outputs:` are evaluated from its automation steps' outputs. */
  finishJob(runId: number, jobId: string, report: { result: JobResult; steps?: Readonly<Record<string, StepReport>> }): JobFinish {
    const run = this.run(runId);
    const job = this.job(run, jobId);
    if (job.status !== 'in_progress') throw new Error(`job ${jobId} of run ${runId} is ${job.status}, not in progress`);
    const steps = Object.fromEntries(
      job.def.steps
        .filter((s) => s.kind === 'automation')
        .map((s) => {
          const r = report.steps?.[s.id];
          const outcome = r?.outcome ?? 'success';
          return [s.id, { outputs: r?.outputs ?? {}, outcome, conclusion: outcome }];
        }),
    );
    const scope = this.jobScope(run, job, { steps });
    job.outputs = Object.fromEntries(job.def.outputs.map(([k, v]) => [k, evaluateString(v, scope, `outputs.${k}`)]));
    job.record.outputs = job.outputs;
    this.finishJobState(run, job, job.cancelRequested ? 'cancelled' : report.result);
    const next = this.tracker.release(jobKey(run.id, job.def.id));
    return { outputs: job.outputs, resumed: next ? [this.resume(next)] : [] };
  }

  /**
   * A run finished: jobs not started are skipped, the conclusion is the caller's or follows from
   * the job results (a cancelled run is `cancelled`). Returns the `workflow_run` completed event.
   */
  complete(runId: number, conclusion?: Conclusion): Completion {
    const run = this.run(runId);
    if (run.status !== 'in_progress') throw new Error(`run ${runId} is ${run.status}, not in progress`);
    const running = [...run.jobs.values()].filter((j) => j.status === 'in_progress');
    if (running.length > 0) throw new Error(`run ${runId} still has job ${running.map((j) => j.def.id).join(', ')} in progress`);
    for (const job of run.jobs.values()) {
      if (job.status === 'completed') continue;
      if (job.status === 'queued') this.tracker.release(jobKey(run.id, job.def.id));
      this.finishJobState(run, job, run.cancelRequested ? 'cancelled' : 'skipped');
      job.record.reason = job.record.reason ?? 'not started before the run completed';
    }
    return this.finish(run, run.cancelRequested ? 'cancelled' : (conclusion ?? this.conclusionOf(run)));
  }

  /** Cancels a run (GitHub's "Cancel workflow"): a queued run completes at once, a running one when `complete` is called. */
  cancel(runId: number): Completion | undefined {
    const run = this.run(runId);
    if (run.status === 'completed') return undefined;
    return this.cancelRun(run, 'cancelled by request');
  }

  /** The `workflow_run` event of a run (`requested` when it is created, `completed` when it ends). */
  workflowRunEvent(runId: number, action: 'requested' | 'in_progress' | 'completed'): WorkflowEvent {
    const run = this.run(runId);
    const repo = this.options.repository;
    const repository = run.event.payload.repository ?? {
      name: repo.name,
      full_name: `${repo.owner}/${repo.name}`,
      owner: { login: repo.owner },
      default_branch: repo.defaultBranch,
    };
    return {
      name: 'workflow_run',
      actor: run.event.actor,
      causedBy: { kind: 'github', login: 'github' },
      payload: {
        action,
        workflow_run: {
          id: run.id,
          name: run.workflow.name,
          path: run.workflow.file,
          run_number: run.runNumber,
          run_attempt: 1,
          event: run.event.name,
          status: action === 'completed' ? 'completed' : action === 'requested' ? 'queued' : 'in_progress',
          conclusion: action === 'completed' ? (run.conclusion ?? null) : null,
          head_branch: run.refs.headBranch,
          head_sha: run.refs.sha,
          actor: { login: run.event.actor },
          triggering_actor: { login: run.event.actor },
          pull_requests: [],
        },
        workflow: { name: run.workflow.name, path: run.workflow.file },
        repository,
        sender: { login: run.event.actor },
      },
    };
  }

  /** The record of every event and run so far. */
  history(): RunnerHistory {
    return structuredClone({ events: this.events, runs: [...this.runs.values()].map((r) => r.record) });
  }

  /** One run's record. */
  record(runId: number): RunRecord {
    return structuredClone(this.run(runId).record);
  }

  // ---- deciding -----------------------------------------------------------------------------

  private decide(event: WorkflowEvent): Array<{ workflow: Workflow; decision: TriggerRecord }> {
    const out: Array<{ workflow: Workflow; decision: TriggerRecord }> = [];
    for (const workflow of this.workflows) {
      const match = matchTrigger(workflow, event, this.options.repository);
      if (!match.listens) continue;
      let { fired, reason } = match;
      if (fired && event.causedBy.kind === 'github-token' && !GITHUB_TOKEN_EXEMPT_EVENTS.includes(event.name)) {
        fired = false;
        reason = `${reason}; but ${GITHUB_TOKEN_REASON}`;
      }
      // GitHub: "this event does not trigger workflows if the check suite was created by GitHub Actions".
      if (fired && (event.name === 'check_suite' || event.name === 'check_run') && event.causedBy.kind === 'github') {
        fired = false;
        reason = `${reason}; but GitHub starts no workflow for a check suite GitHub Actions created`;
      }
      if (fired && event.name === 'workflow_run' && this.depthOf(event) > MAX_WORKFLOW_RUN_DEPTH) {
        fired = false;
        reason = `${reason}; but GitHub chains workflow_run at most ${MAX_WORKFLOW_RUN_DEPTH} levels deep`;
      }
      out.push({ workflow, decision: { workflow: workflow.file, fired, reason } });
    }
    return out;
  }

  private checkDispatch(event: WorkflowEvent): void {
    const target = event.payload.workflow;
    if (typeof target !== 'string') throw new DispatchError('workflow_dispatch needs payload.workflow, the workflow file');
    const workflow = this.workflows.find((w) => dispatchTargets(w, target));
    if (!workflow) throw new DispatchError(`Not Found: no workflow ${target}`);
    if (!('workflow_dispatch' in workflow.on)) throw new DispatchError("Workflow does not have 'workflow_dispatch' trigger");
    dispatchInputs(workflow, event.payload.inputs as Record<string, unknown> | undefined);
  }

  private sourceRun(event: WorkflowEvent): RunState | undefined {
    const id = (event.payload.workflow_run as { id?: unknown } | undefined)?.id;
    return typeof id === 'number' ? this.runs.get(id) : undefined;
  }

  private depthOf(event: WorkflowEvent): number {
    return event.name === 'workflow_run' ? (this.sourceRun(event)?.depth ?? 0) + 1 : 0;
  }

  // ---- runs ---------------------------------------------------------------------------------

  /** Builds and evaluates a run without changing any state but the run id counter. */
  private prepareRun(workflow: Workflow, event: WorkflowEvent, seq: number, reason: string): { run: RunState; planned: PlannedRun } {
    const id = this.nextRunId();
    if (this.runs.has(id)) throw new Error(`run id ${id} is taken`);
    const runNumber = (this.runNumbers.get(workflow.file) ?? 0) + 1;
    const inputs =
      event.name === 'workflow_dispatch'
        ? dispatchInputs(workflow, event.payload.inputs as Record<string, unknown> | undefined)
        : undefined;
    const refs = refsOf(event, this.options.repository);
    const github = githubContext({
      event,
      refs,
      repository: this.options.repository,
      workflow,
      runId: id,
      runNumber,
      serverUrl: this.options.serverUrl ?? 'https://github.com',
      apiUrl: this.options.apiUrl ?? 'https://api.github.com',
      graphqlUrl: this.options.graphqlUrl ?? 'https://api.github.com/graphql',
      ...(inputs ? { eventInputs: inputs.strings } : {}),
    });
    const source = event.name === 'workflow_run' ? this.sourceRun(event) : undefined;
    const run: RunState = {
      id,
      runNumber,
      workflow,
      event,
      seq,
      refs,
      reason,
      depth: this.depthOf(event),
      status: 'in_progress',
      cancelRequested: false,
      github,
      inputs: inputs?.typed ?? {},
      env: {},
      jobs: new Map(),
      record: {
        runId: id,
        runNumber,
        workflow: { file: workflow.file, name: workflow.name },
        event: { seq, name: event.name, ...(actionOf(event) ? { action: actionOf(event) } : {}), actor: event.actor },
        reason,
        ...(source ? { triggeredByRun: source.id } : {}),
        status: 'in_progress',
        jobs: [],
        notes: [],
      },
    };
    const scope: Scope = { contexts: this.baseContexts(run) };
    run.env = evaluateStringMap(workflow.env, scope, 'env');
    for (const def of workflow.jobs) {
      const resolved = resolvePermissions(def.permissions, workflow.permissions, this.defaults);
      const record: JobRecord = {
        id: def.id,
        ...(def.name !== undefined ? { name: def.name } : {}),
        needs: [...def.needs],
        status: 'pending',
        permissions: grantedScopes(resolved.permissions),
        permissionsSource: resolved.source,
        steps: [],
      };
      run.jobs.set(def.id, { def, status: 'pending', outputs: {}, cancelRequested: false, released: false, record });
      run.record.jobs.push(record);
    }
    if (workflow.concurrency) {
      const group = evaluateString(workflow.concurrency.group, scope, 'concurrency.group');
      if (group === '') throw new WorkflowError('the concurrency group evaluated to an empty string', workflow.concurrency.at);
      const cancel = workflow.concurrency.cancelInProgress
        ? evaluateBoolean(workflow.concurrency.cancelInProgress, scope, 'cancel-in-progress')
        : false;
      run.concurrency = { group, cancelInProgress: cancel, reason: '' };
    }
    return { run, planned: this.plan(run) };
  }

  /** Registers a prepared run and takes its place in its concurrency group. */
  private registerRun(run: RunState, planned: PlannedRun): PlannedRun {
    this.runs.set(run.id, run);
    this.runNumbers.set(run.workflow.file, run.runNumber);
    if (!run.concurrency) return planned;
    const { group, cancelInProgress } = run.concurrency;
    const decision = this.tracker.request(runKey(run.id), group, cancelInProgress);
    run.concurrency.reason = decision.reason;
    run.record.concurrency = { group, cancelInProgress, decision: decision.action, reason: decision.reason };
    if (decision.action === 'queue') {
      run.status = 'queued';
      run.record.status = 'queued';
      run.record.notes.push(`queued: ${decision.reason}`);
    }
    const cancelled = this.applyCancellations(decision, `run ${run.id}`).runs;
    return { ...planned, status: run.status === 'queued' ? 'queued' : 'in_progress', concurrency: { ...run.concurrency }, cancelled };
  }

  private plan(run: RunState): PlannedRun {
    const planned: PlannedRun = {
      id: run.id,
      runNumber: run.runNumber,
      workflow: { file: run.workflow.file, name: run.workflow.name },
      event: { seq: run.seq, name: run.event.name, ...(actionOf(run.event) ? { action: actionOf(run.event) } : {}) },
      reason: run.reason,
      status: run.status === 'queued' ? 'queued' : 'in_progress',
      ...(run.concurrency ? { concurrency: { ...run.concurrency } } : {}),
      cancelled: [],
      github: run.github,
      inputs: run.inputs,
      jobs: [...run.jobs.values()].map((job) => this.planJob(run, job, false)),
    };
    return planned;
  }

  /** Cancels what a concurrency decision cancelled. */
  private applyCancellations(decision: ConcurrencyDecision, by: string): { runs: CancelledRun[]; jobs: JobRef[] } {
    const runs: CancelledRun[] = [];
    const jobs: JobRef[] = [];
    for (const { key, was } of decision.cancelled) {
      const ref = parseKey(key);
      const run = this.runs.get(ref.runId);
      if (!run) continue;
      const why =
        was === 'running' ? `cancelled by ${by} (cancel-in-progress)` : `cancelled: ${by} replaced it as the pending run of its group`;
      if (ref.jobId === undefined) {
        const completion = this.cancelRun(run, why);
        runs.push({ runId: run.id, was, ...(completion ? { completion } : {}) });
        continue;
      }
      const job = this.job(run, ref.jobId);
      if (job.status === 'queued') this.finishJobState(run, job, 'cancelled');
      else job.cancelRequested = true;
      job.record.reason = why;
      jobs.push({ runId: run.id, jobId: job.def.id });
    }
    return { runs, jobs };
  }

  private cancelRun(run: RunState, why: string): Completion | undefined {
    run.record.notes.push(why);
    run.cancelRequested = true;
    if (run.status !== 'queued') {
      for (const job of run.jobs.values()) if (job.status === 'in_progress') job.cancelRequested = true;
      return undefined;
    }
    for (const job of run.jobs.values()) this.finishJobState(run, job, 'cancelled');
    return this.finish(run, 'cancelled');
  }

  private finish(run: RunState, conclusion: Conclusion): Completion {
    run.status = 'completed';
    run.conclusion = conclusion;
    run.record.status = 'completed';
    run.record.conclusion = conclusion;
    const event = this.workflowRunEvent(run.id, 'completed');
    const started: PlannedRun[] = [];
    const next = this.tracker.release(runKey(run.id));
    if (next !== undefined) {
      const released = this.run(parseKey(next).runId);
      released.status = 'in_progress';
      released.record.status = 'in_progress';
      released.record.notes.push(`started: run ${run.id} left group ${released.concurrency?.group ?? ''}`);
      started.push(this.plan(released));
    }
    return { runId: run.id, conclusion, event, triggers: this.wouldStart(event), started };
  }

  private conclusionOf(run: RunState): Conclusion {
    const jobs = [...run.jobs.values()];
    if (jobs.some((j) => j.result === 'failure' && !j.def.continueOnError)) return 'failure';
    if (jobs.some((j) => j.result === 'cancelled')) return 'cancelled';
    if (jobs.length > 0 && jobs.every((j) => j.result === 'skipped')) return 'skipped';
    return 'success';
  }

  private resume(key: string): JobRef {
    const ref = parseKey(key);
    const run = this.run(ref.runId);
    const job = this.job(run, ref.jobId ?? '');
    job.released = true;
    job.record.reason = 'released from its concurrency queue';
    return { runId: run.id, jobId: job.def.id };
  }

  private finishJobState(run: RunState, job: JobState, result: JobResult): void {
    job.status = 'completed';
    job.result = result;
    job.record.status = 'completed';
    job.record.result = result;
  }

  // ---- jobs ---------------------------------------------------------------------------------

  private baseContexts(run: RunState): Record<string, unknown> {
    return {
      github: run.github,
      inputs: run.inputs,
      vars: this.options.vars ?? {},
      secrets: secretsContext(this.options.secrets ?? []),
      runner: this.options.runner ?? DEFAULT_RUNNER_CONTEXT,
      env: run.env,
    };
  }

  private jobScope(run: RunState, job: JobState, extra: Record<string, unknown> = {}, status?: StatusState): Scope {
    const needs = Object.fromEntries(
      job.def.needs.map((n) => {
        const need = this.job(run, n);
        return [n, { result: need.result ?? null, outputs: need.outputs }];
      }),
    );
    return {
      contexts: {
        ...this.baseContexts(run),
        github: { ...run.github, job: job.def.id },
        needs,
        job: { status: 'success', container: {}, services: {} },
        strategy: { 'fail-fast': true, 'job-index': 0, 'job-total': 1, 'max-parallel': 1 },
        matrix: {},
        steps: {},
        ...extra,
      },
      ...(status ? { status } : {}),
    };
  }

  /** success()/failure() of a job: over every job it needs, directly or not. */
  private needsStatus(run: RunState, def: JobDef): StatusState {
    const seen = new Set<string>();
    const visit = (id: string): void => {
      if (seen.has(id)) return;
      seen.add(id);
      for (const n of this.job(run, id).def.needs) visit(n);
    };
    for (const n of def.needs) visit(n);
    const results = [...seen].map((id) => this.job(run, id).result);
    return {
      success: results.every((r) => r === 'success'),
      failure: results.some((r) => r === 'failure'),
      cancelled: run.cancelRequested,
    };
  }

  private planJob(run: RunState, job: JobState, final: boolean): PlannedJob {
    const def = job.def;
    const resolved = resolvePermissions(def.permissions, run.workflow.permissions, this.defaults);
    const known = final || def.needs.length === 0;
    const status = this.needsStatus(run, def);
    const scope = this.jobScope(run, job, {}, status);
    const readsNeeds = (v: Value | undefined): boolean => !known && expressionsOf(v).some((e) => e.contexts.has('needs'));
    let decision: JobDecision = 'after-needs';
    let reason = `decided when ${def.needs.join(', ')} ${def.needs.length > 1 ? 'have' : 'has'} completed`;
    if (known) {
      const ok = evaluateCondition(def.if, scope);
      decision = ok ? 'run' : 'skip';
      reason = `if: ${def.if.source} is ${ok}`;
      if (run.cancelRequested && !ok) reason += ' (the run was cancelled)';
    }
    let concurrency: PlannedJob['concurrency'];
    if (def.concurrency && !readsNeeds(def.concurrency.group) && !readsNeeds(def.concurrency.cancelInProgress)) {
      const group = evaluateString(def.concurrency.group, scope, 'concurrency.group');
      if (group === '') throw new WorkflowError('the concurrency group evaluated to an empty string', def.concurrency.at);
      const cancel = def.concurrency.cancelInProgress
        ? evaluateBoolean(def.concurrency.cancelInProgress, scope, 'cancel-in-progress')
        : false;
      concurrency = { group, cancelInProgress: cancel };
    }
    const jobEnv = readsNeeds(def.env) ? {} : evaluateStringMap(def.env, scope, 'env');
    const steps = def.steps.map((step): PlannedStep => {
      const common = { index: step.index, id: step.id, ...(step.name !== undefined ? { name: step.name } : {}), ...lineOf(step.at) };
      const stepScope: Scope = { ...scope, contexts: { ...scope.contexts, env: { ...run.env, ...jobEnv } } };
      const decide = (cond: CompiledExpression, s: Scope): PlannedAutomationStep['if'] => {
        const out: PlannedAutomationStep['if'] = { expression: cond.source };
        if (readsNeeds(cond)) return out;
        out.whenSucceeding = evaluateCondition(cond, { ...s, status: { ...SUCCEEDING, cancelled: run.cancelRequested } });
        out.whenFailed = evaluateCondition(cond, { ...s, status: { success: false, failure: true, cancelled: run.cancelRequested } });
        return out;
      };
      if (step.kind === 'other') {
        const a = step.artifact;
        if (!a || !known) return { kind: 'other', ...common, label: step.label };
        const w = Object.fromEntries(a.with.map(([k, v]) => [k, evaluateString(v, stepScope, `with.${k}`)]));
        return {
          kind: 'other',
          ...common,
          label: step.label,
          artifact: { kind: a.kind, uses: a.uses, with: w, if: decide(a.if, stepScope) },
        };
      }
      const deferred: string[] = [];
      const strings = (entries: Array<[string, Value]>, what: string): Record<string, string> => {
        const out: Record<string, string> = {};
        for (const [k, v] of entries) {
          if (readsNeeds(v)) deferred.push(k);
          else out[k] = evaluateString(v, stepScope, `${what}.${k}`);
        }
        return out;
      };
      const stepEnv = step.env?.kind === 'mapping' ? strings(step.env.entries, 'env') : evaluateStringMap(step.env, stepScope, 'env');
      const env = { ...run.env, ...jobEnv, ...stepEnv };
      const withScope: Scope = { ...stepScope, contexts: { ...stepScope.contexts, env } };
      const condition = decide(step.if, withScope);
      return {
        kind: 'automation',
        ...common,
        uses: step.uses,
        automation: step.automation,
        with: strings(step.with, 'with'),
        env,
        deferred,
        if: condition,
        continueOnError: step.continueOnError,
      };
    });
    return {
      id: def.id,
      ...(def.name !== undefined ? { name: def.name } : {}),
      needs: [...def.needs],
      decision,
      reason,
      if: def.if.source,
      permissions: resolved.permissions,
      permissionsSource: resolved.source,
      ...(resolved.declared !== undefined ? { declaredPermissions: resolved.declared } : {}),
      ...(concurrency ? { concurrency } : {}),
      steps,
    };
  }

  private run(runId: number): RunState {
    const run = this.runs.get(runId);
    if (!run) throw new Error(`no run ${runId}`);
    return run;
  }

  private job(run: RunState, jobId: string): JobState {
    const job = run.jobs.get(jobId);
    if (!job) throw new Error(`run ${run.id} (${run.workflow.file}) has no job ${jobId}`);
    return job;
  }
}

function runKey(runId: number): string {
  return `run:${runId}`;
}

function jobKey(runId: number, jobId: string): string {
  return `job:${runId}/${jobId}`;
}

function parseKey(key: string): { runId: number; jobId?: string } {
  const m = /^(run|job):(\d+)(?:\/(.+))?$/.exec(key);
  if (!m) throw new Error(`bad concurrency key ${key}`);
  return { runId: Number(m[2]), ...(m[3] !== undefined ? { jobId: m[3] } : {}) };
}

function lineOf(at: { line?: number }): { line?: number } {
  return at.line !== undefined ? { line: at.line } : {};
}

function stepRecord(step: PlannedStep): JobRecord['steps'][number] {
  if (step.kind === 'other') return { index: step.index, id: step.id, executed: false, label: step.label };
  return { index: step.index, id: step.id, executed: true, label: `uses: ${step.uses}`, automation: step.automation, with: step.with };
}

/**
 * The runs one event starts, without state kept between calls (no concurrency queue, no
 * `workflow_run` chain depth): a stateless `new WorkflowRunner(options).dispatch(event)`.
 */
export function planRuns(options: RunnerOptions & { event: WorkflowEvent }): PlannedRun[] {
  const { event, ...rest } = options;
  return new WorkflowRunner(rest).dispatch(event);
}
