/**
 * A workflow host: what GitHub Actions does with the sandbox's events. It listens to the events
 * the sandbox delivers, reads `.github/workflows/*.yml` from the repository's default branch,
 * plans runs with the WorkflowRunner (triggers, the GITHUB_TOKEN rule, concurrency, permissions)
 * and executes each job's `uses: ./<path>` steps by calling the handler registered for the path,
 * with a GITHUB_TOKEN minted for the job's `permissions:`. Artifact steps are kept in memory
 * between the jobs of a run; the other steps (checkout, setup, `run:`) are recorded as not run.
 * A completed run is a `workflow_run` event, dispatched in turn. Runs execute one at a time.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { runGit } from '../git';
import { PERMISSIONS, type Access as TokenAccess } from '../permissions';
import { actionEnvironment, DEFAULT_RUNNER_CONTEXT, resolveSecrets } from './context';
import type { CausedBy, WorkflowEvent } from './events';
import { isWorkflowPath, loadWorkflows } from './load';
import type { Permissions } from './permissions';
import type { Conclusion, JobResult } from './records';
import {
  WorkflowRunner,
  type PlannedAutomationStep,
  type PlannedJob,
  type PlannedOtherStep,
  type PlannedRun,
  type StepReport,
} from './runner';
import { WorkflowLoadError } from './errors';

/** An event as the sandbox delivers it (GitHubSandbox's `events` / `onEvent`). */
export interface HostEvent {
  id: string;
  name: string;
  payload: Record<string, unknown>;
  causedBy: CausedBy;
  at: string;
}

/** What the host needs of a GitHub sandbox. */
export interface HostSandbox {
  onEvent(listener: (e: HostEvent) => void | Promise<void>): () => void;
  mintToken(opts: {
    permissions?: Partial<Record<(typeof PERMISSIONS)[number], TokenAccess>>;
    login?: string;
    kind?: 'github-token';
  }): string;
  gitRemotePath(owner: string, repo: string): string;
  /** Resolves once every listener call for the events emitted so far has settled (`idle` waits for it). */
  eventsDelivered?(): Promise<void>;
  /** When given, each run is recorded in the sandbox (its REST API lists it) and completed through it. */
  state?: {
    addWorkflowRun(owner: string, repo: string, input: SandboxRunInput): { id: number };
    /** When given, an uploaded artifact is stored in the sandbox too (its REST API lists and downloads it). */
    addArtifact?(
      owner: string,
      repo: string,
      input: { name: string; files: Record<string, Uint8Array>; workflowRunId?: number; retentionDays?: number },
    ): { id: number };
  };
  /** Completes a recorded run: the sandbox emits `workflow_run` completed, which comes back to the host as an event. */
  completeWorkflowRun?(runId: number, conclusion: Conclusion): Promise<unknown>;
}

export interface SandboxRunInput {
  workflow: string;
  name?: string;
  headBranch?: string | null;
  headSha: string;
  event?: string;
  status?: 'in_progress';
  actor?: string;
  jobs?: Array<{ name: string; status?: 'in_progress' }>;
}

/** What a handler is given for one `uses: ./<path>` step. */
export interface HostStep {
  workflow: { file: string; name: string };
  runId: number;
  job: string;
  stepId: string;
  uses: string;
  /** `with:` evaluated, secrets resolved, `runner.temp` mapped onto this job's temp folder. */
  with: Record<string, string>;
  /** The step's environment as the runner gives an action: env:, GITHUB_*, RUNNER_*, INPUT_*. */
  env: Record<string, string>;
  event: { name: string; payload: Record<string, unknown>; actor: string; causedBy: CausedBy };
  /** The job's GITHUB_TOKEN permissions (also in `token`). */
  permissions: Permissions;
  /** The job's GITHUB_TOKEN, minted with `permissions` (kind github-token). */
  token: string;
  /** This job's folders: `temp` (RUNNER_TEMP) and `workspace` (GITHUB_WORKSPACE, empty: no checkout is run). */
  temp: string;
  workspace: string;
}

export interface HostStepResult {
  outcome: JobResult;
  outputs?: Record<string, string>;
  /** One line for the history: what the step did. */
  summary?: string;
}

export type StepHandler = (step: HostStep) => Promise<HostStepResult>;

export interface HostStepRecord {
  id: string;
  label: string;
  /** `ran`: a handler ran it; `artifact`: emulated; `not-run`: skipped by the sandbox; `skipped`: its `if:` was false. */
  status: 'ran' | 'artifact' | 'not-run' | 'skipped';
  outcome?: JobResult;
  summary?: string;
}

export interface HostJobRecord {
  id: string;
  decision: PlannedJob['decision'];
  reason: string;
  result?: JobResult;
  permissions: Permissions;
  steps: HostStepRecord[];
}

export interface HostRunRecord {
  runId: number;
  workflow: { file: string; name: string };
  event: { name: string; action?: string; causedBy: CausedBy };
  reason: string;
  jobs: HostJobRecord[];
  conclusion?: Conclusion;
}

export interface HostEventRecord {
  name: string;
  action?: string;
  causedBy: CausedBy;
  /** Workflows it started (run ids) and why the others did not start. */
  started: number[];
  notStarted: Array<{ workflow: string; reason: string }>;
}

export interface WorkflowHostOptions {
  sandbox: HostSandbox;
  repository: { owner: string; repo: string; defaultBranch?: string };
  /** Secret values by name (GITHUB_TOKEN is minted per job). */
  secrets?: Readonly<Record<string, string>>;
  vars?: Readonly<Record<string, string>>;
  defaultPermissions?: Permissions | 'restricted' | 'permissive';
  /** Runs at most this many runs before going idle again (a bound on chains). Default 25. */
  maxRuns?: number;
  /** Login of the jobs' GITHUB_TOKEN. Default `github-actions[bot]`. */
  tokenLogin?: string;
  /** Called after each run completes, e.g. to print it. */
  onRun?: (run: HostRunRecord) => void;
  /** Called when an event is dispatched to the workflows. */
  onDispatch?: (event: HostEventRecord) => void;
}

export class WorkflowHostError extends Error {
  override name = 'WorkflowHostError';
}

export class WorkflowHost {
  private readonly handlers = new Map<string, StepHandler>();
  private readonly runs: HostRunRecord[] = [];
  private readonly eventRecords: HostEventRecord[] = [];
  private readonly unsubscribe: () => void;
  private runner?: { text: string; runner: WorkflowRunner };
  private chain: Promise<void> = Promise.resolve();
  private failure?: unknown;
  private runsSinceIdle = 0;
  private runIds = 0;
  /** Runner run id -> the sandbox's run id. */
  private readonly sandboxRunIds = new Map<number, number>();
  private readonly dirs: string[] = [];

  constructor(private readonly options: WorkflowHostOptions) {
    this.unsubscribe = options.sandbox.onEvent((e) => {
      // Never awaited by the sandbox: the runs make API calls whose events arrive here meanwhile.
      this.enqueue(() => this.handle(this.toRunnerIds(toWorkflowEvent(e))));
    });
  }

  /** The handler for every step `uses: <path>` (e.g. `./actions/feature-builder`). */
  register(path: string, handler: StepHandler): this {
    this.handlers.set(normalizeUses(path), handler);
    return this;
  }

  /** Resolves when no event is on its way and no run is pending; rejects with the error that stopped the host, if any. */
  async idle(): Promise<void> {
    for (;;) {
      // Events the runs caused may still be on their way to the listener: wait for their delivery too.
      await this.options.sandbox.eventsDelivered?.();
      const seen = this.chain;
      await seen;
      await this.options.sandbox.eventsDelivered?.();
      if (seen === this.chain) break;
    }
    this.runsSinceIdle = 0;
    if (this.failure !== undefined) {
      const f = this.failure;
      this.failure = undefined;
      throw f;
    }
  }

  history(): { events: HostEventRecord[]; runs: HostRunRecord[] } {
    return { events: [...this.eventRecords], runs: [...this.runs] };
  }

  close(): void {
    this.unsubscribe();
    for (const dir of this.dirs) rmSync(dir, { recursive: true, force: true });
  }

  private enqueue(work: () => Promise<void>): void {
    this.chain = this.chain.then(async () => {
      if (this.failure !== undefined) return;
      try {
        await work();
      } catch (e) {
        this.failure = e;
      }
    });
  }

  private async handle(event: WorkflowEvent): Promise<void> {
    const runner = await this.currentRunner();
    const planned = runner.dispatch(event);
    this.recordEvent(event, planned, runner);
    for (const run of planned) if (run.status === 'in_progress') await this.execute(runner, run, event.causedBy);
  }

  private recordEvent(event: WorkflowEvent, planned: PlannedRun[], runner: WorkflowRunner): void {
    const history = runner.history();
    const last = history.events[history.events.length - 1];
    const action = typeof event.payload.action === 'string' ? event.payload.action : undefined;
    const record: HostEventRecord = {
      name: event.name,
      ...(action ? { action } : {}),
      causedBy: event.causedBy,
      started: planned.map((r) => r.id),
      notStarted: (last?.decisions ?? []).filter((d) => !d.fired).map((d) => ({ workflow: d.workflow, reason: d.reason })),
    };
    this.eventRecords.push(record);
    this.options.onDispatch?.(record);
  }

  private async execute(runner: WorkflowRunner, run: PlannedRun, causedBy: CausedBy): Promise<void> {
    const max = this.options.maxRuns ?? 25;
    if (++this.runsSinceIdle > max) {
      throw new WorkflowHostError(`more than ${max} workflow runs in one chain (${run.workflow.file} would be next): a loop?`);
    }
    const action = typeof run.github.event === 'object' ? (run.github.event as { action?: unknown }).action : undefined;
    const record: HostRunRecord = {
      runId: run.id,
      workflow: run.workflow,
      event: { name: run.event.name, ...(typeof action === 'string' ? { action } : {}), causedBy },
      reason: run.reason,
      jobs: [],
    };
    this.recordInSandbox(run);
    const artifacts = new Map<string, string>();
    for (const { id } of run.jobs) {
      const job = runner.startJob(run.id, id);
      const jobRecord: HostJobRecord = { id, decision: job.decision, reason: job.reason, permissions: job.permissions, steps: [] };
      record.jobs.push(jobRecord);
      if (job.decision !== 'run') continue;
      const reports = await this.executeJob(run, job, jobRecord, artifacts, causedBy);
      const failed = Object.values(reports).some((r) => r.outcome === 'failure');
      jobRecord.result = failed ? 'failure' : 'success';
      runner.finishJob(run.id, id, { result: jobRecord.result, steps: reports });
    }
    const done = runner.complete(run.id);
    record.conclusion = done.conclusion;
    this.runs.push(record);
    this.options.onRun?.(record);
    const sandboxId = this.sandboxRunIds.get(run.id);
    const { completeWorkflowRun } = this.options.sandbox;
    // The sandbox emits workflow_run completed, which arrives as an event; without it, the host dispatches it itself.
    if (sandboxId !== undefined && completeWorkflowRun) await completeWorkflowRun.call(this.options.sandbox, sandboxId, done.conclusion);
    else await this.handle(done.event);
    for (const next of done.started) await this.execute(runner, next, causedBy);
  }

  private async executeJob(
    run: PlannedRun,
    job: PlannedJob,
    record: HostJobRecord,
    artifacts: Map<string, string>,
    causedBy: CausedBy,
  ): Promise<Record<string, StepReport>> {
    const dir = mkdtempSync(join(tmpdir(), 'workflow-job-'));
    this.dirs.push(dir);
    const temp = join(dir, '_temp');
    const workspace = join(dir, 'workspace');
    mkdirSync(temp, { recursive: true });
    mkdirSync(workspace, { recursive: true });
    const token = this.options.sandbox.mintToken({
      permissions: tokenPermissions(job.permissions),
      login: this.options.tokenLogin ?? 'github-actions[bot]',
      kind: 'github-token',
    });
    const mapPaths = (text: string): string =>
      text
        .split(DEFAULT_RUNNER_CONTEXT.temp as string)
        .join(temp)
        .split(String(run.github.workspace))
        .join(workspace);
    const secret = (name: string): string | undefined => (name === 'GITHUB_TOKEN' ? token : (this.options.secrets?.[name] ?? ''));
    const reports: Record<string, StepReport> = {};
    let failed = false;
    for (const step of job.steps) {
      if (step.kind === 'other') {
        record.steps.push(this.otherStep(step, failed, mapPaths, workspace, artifacts, this.sandboxRunIds.get(run.id)));
        continue;
      }
      const runs = failed ? step.if.whenFailed : step.if.whenSucceeding;
      if (!runs) {
        record.steps.push({ id: step.id, label: `uses: ${step.uses}`, status: 'skipped', summary: `if: ${step.if.expression}` });
        continue;
      }
      const result = await this.runStep(run, job, step, { token, temp, workspace, mapPaths, secret, causedBy });
      reports[step.id] = { outcome: result.outcome, outputs: result.outputs ?? {} };
      record.steps.push({
        id: step.id,
        label: `uses: ${step.uses}`,
        status: 'ran',
        outcome: result.outcome,
        ...(result.summary ? { summary: result.summary } : {}),
      });
      if (result.outcome === 'failure' && !step.continueOnError) failed = true;
    }
    return reports;
  }

  private async runStep(
    run: PlannedRun,
    job: PlannedJob,
    step: PlannedAutomationStep,
    ctx: {
      token: string;
      temp: string;
      workspace: string;
      mapPaths: (s: string) => string;
      secret: (n: string) => string | undefined;
      causedBy: CausedBy;
    },
  ): Promise<HostStepResult> {
    const handler = this.handlers.get(normalizeUses(step.uses));
    if (!handler) {
      throw new WorkflowHostError(`no handler registered for uses: ${step.uses} (${run.workflow.file}, job ${job.id}, step ${step.id})`);
    }
    const resolve = (m: Record<string, string>): Record<string, string> =>
      Object.fromEntries(Object.entries(m).map(([k, v]) => [k, ctx.mapPaths(resolveSecrets(v, ctx.secret))]));
    const withValues = resolve(step.with);
    const env = resolve(actionEnvironment({ github: run.github, job: job.id, step: { id: step.id, with: step.with, env: step.env } }));
    env.RUNNER_TEMP = ctx.temp;
    env.GITHUB_WORKSPACE = ctx.workspace;
    const event = run.github.event as Record<string, unknown>;
    try {
      return await handler({
        workflow: run.workflow,
        runId: run.id,
        job: job.id,
        stepId: step.id,
        uses: step.uses,
        with: withValues,
        env,
        event: {
          name: run.event.name,
          payload: event,
          actor: String(run.github.actor),
          causedBy: ctx.causedBy,
        },
        permissions: job.permissions,
        token: ctx.token,
        temp: ctx.temp,
        workspace: ctx.workspace,
      });
    } catch (e) {
      // A step that throws fails, as an action that exits non-zero does; the run goes on.
      return { outcome: 'failure', summary: `threw: ${e instanceof Error ? e.message : String(e)}` };
    }
  }

  private otherStep(
    step: PlannedOtherStep,
    failed: boolean,
    mapPaths: (s: string) => string,
    workspace: string,
    artifacts: Map<string, string>,
    sandboxRunId?: number,
  ): HostStepRecord {
    const a = step.artifact;
    if (!a) return { id: step.id, label: step.label, status: 'not-run', summary: 'not run by the sandbox' };
    if (!(failed ? a.if.whenFailed : a.if.whenSucceeding)) return { id: step.id, label: step.label, status: 'skipped' };
    const name = a.with.name || 'artifact';
    const target = mapPaths(a.with.path ?? '.');
    const path = isAbsolute(target) ? target : join(workspace, target);
    if (a.kind === 'upload') {
      if (!existsSync(path) || (statSync(path).isDirectory() && readdirSync(path).length === 0)) {
        return { id: step.id, label: step.label, status: 'artifact', summary: `upload ${name}: no files` };
      }
      const store = mkdtempSync(join(tmpdir(), 'workflow-artifact-'));
      this.dirs.push(store);
      cpSync(path, store, { recursive: true });
      artifacts.set(name, store);
      const addArtifact = this.options.sandbox.state?.addArtifact;
      if (addArtifact) {
        const { owner, repo } = this.options.repository;
        const days = Number(a.with['retention-days']);
        addArtifact.call(this.options.sandbox.state, owner, repo, {
          name,
          files: filesUnder(store),
          ...(sandboxRunId !== undefined ? { workflowRunId: sandboxRunId } : {}),
          ...(Number.isInteger(days) && days > 0 ? { retentionDays: days } : {}),
        });
      }
      return { id: step.id, label: step.label, status: 'artifact', summary: `upload ${name}` };
    }
    const stored = artifacts.get(name);
    if (!stored) throw new WorkflowHostError(`download-artifact: no artifact ${name} in this run (step ${step.id})`);
    mkdirSync(path, { recursive: true });
    cpSync(stored, path, { recursive: true });
    return { id: step.id, label: step.label, status: 'artifact', summary: `download ${name}` };
  }

  private recordInSandbox(run: PlannedRun): void {
    const state = this.options.sandbox.state;
    if (!state) return;
    const { owner, repo } = this.options.repository;
    const created = state.addWorkflowRun(owner, repo, {
      workflow: run.workflow.file,
      name: run.workflow.name,
      headBranch: String(run.github.ref_name ?? '') || null,
      headSha: String(run.github.sha ?? ''),
      event: run.event.name,
      status: 'in_progress',
      actor: String(run.github.actor ?? ''),
      jobs: run.jobs.map((j) => ({ name: j.name ?? j.id, status: 'in_progress' as const })),
    });
    this.sandboxRunIds.set(run.id, created.id);
  }

  /** A `workflow_run` event from the sandbox names the sandbox's run id: the runner knows its own. */
  private toRunnerIds(event: WorkflowEvent): WorkflowEvent {
    const wr = event.payload.workflow_run as { id?: unknown } | undefined;
    if (event.name !== 'workflow_run' || typeof wr?.id !== 'number') return event;
    const runnerId = [...this.sandboxRunIds].find(([, sandboxId]) => sandboxId === wr.id)?.[0];
    if (runnerId === undefined) return event;
    return { ...event, payload: { ...event.payload, workflow_run: { ...wr, id: runnerId } } };
  }

  /** The runner over the default branch's workflow files; rebuilt when they change. */
  private async currentRunner(): Promise<WorkflowRunner> {
    const { owner, repo } = this.options.repository;
    const branch = this.options.repository.defaultBranch ?? 'main';
    const files = await readWorkflowFiles(this.options.sandbox.gitRemotePath(owner, repo), branch);
    const text = JSON.stringify(files);
    if (this.runner?.text === text) return this.runner.runner;
    const { workflows, errors } = await loadWorkflows(files);
    if (errors.length > 0) throw new WorkflowLoadError(errors);
    const runner = new WorkflowRunner({
      workflows,
      repository: { owner, name: repo, defaultBranch: branch },
      secrets: Object.keys(this.options.secrets ?? {}),
      ...(this.options.vars ? { vars: this.options.vars } : {}),
      ...(this.options.defaultPermissions ? { defaultPermissions: this.options.defaultPermissions } : {}),
      nextRunId: () => ++this.runIds,
    });
    this.runner = { text, runner };
    return runner;
  }
}

/** Starts a host on a sandbox: it runs workflows for every event the sandbox delivers from now on. */
export function startWorkflowHost(options: WorkflowHostOptions): WorkflowHost {
  return new WorkflowHost(options);
}

/** Every file under `root`, by its path relative to it (`/` separators), as upload-artifact archives them. */
function filesUnder(root: string): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full, `${prefix}${entry.name}/`);
      else if (entry.isFile()) files[`${prefix}${entry.name}`] = readFileSync(full);
    }
  };
  walk(root, '');
  return files;
}

function normalizeUses(path: string): string {
  return path.replace(/\/+$/, '');
}

function toWorkflowEvent(e: HostEvent): WorkflowEvent {
  const sender = (e.payload.sender as { login?: unknown } | undefined)?.login;
  return { name: e.name, payload: e.payload, actor: typeof sender === 'string' ? sender : e.causedBy.login, causedBy: e.causedBy };
}

function tokenPermissions(p: Permissions): Partial<Record<(typeof PERMISSIONS)[number], TokenAccess>> {
  return Object.fromEntries(PERMISSIONS.map((scope) => [scope, (p as Partial<Record<string, TokenAccess>>)[scope] ?? 'none']));
}

async function readWorkflowFiles(gitDir: string, ref: string): Promise<Record<string, string>> {
  const list = await runGit(['--git-dir', gitDir, 'ls-tree', '--name-only', `${ref}:.github/workflows`], {});
  if (list.code !== 0) return {};
  const files: Record<string, string> = {};
  for (const name of list.stdout.toString('utf8').split('\n').filter(Boolean)) {
    const path = `.github/workflows/${name}`;
    if (!isWorkflowPath(path)) continue;
    const show = await runGit(['--git-dir', gitDir, 'show', `${ref}:${path}`], {});
    if (show.code === 0) files[path] = show.stdout.toString('utf8');
  }
  return files;
}
