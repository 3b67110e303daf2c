/**
 * Loads workflow files with GitHub's own parser (`@actions/workflow-parser`): schema errors and
 * YAML errors come back with file, line and column; features the runner does not model
 * (reusable workflows, matrices, environments, `hashFiles`...) are UnsupportedFeatureErrors, so
 * nothing is skipped silently. Every value the runner evaluates is compiled here, so expression
 * errors surface at load, not in the middle of a run.
 */
import {
  convertWorkflowTemplate,
  isBoolean,
  isMapping,
  isSequence,
  isString,
  NoOperationTraceWriter,
  parseWorkflow,
} from '@actions/workflow-parser';
import type {
  ActionStep,
  EventsConfig,
  RunStep,
  Step,
  WorkflowJob,
  WorkflowTemplate,
} from '@actions/workflow-parser/model/workflow-template';
import type { MappingToken } from '@actions/workflow-parser/templates/tokens/mapping-token';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import { UnsupportedFeatureError, WorkflowError, WorkflowSyntaxError, type SourceLocation } from './errors';
import { compileExpression, compileToken, expressionsOf, locate, type CompiledExpression, type Value } from './expressions';
import type { AutomationStepDef, ConcurrencyDef, DispatchInput, InputType, JobDef, StepDef, Workflow } from './model';
import { readPermissions } from './permissions';

export interface LoadOptions {
  /** The folder of the automations: a step `uses: ./<actionsDir>/<name>` is automation `<name>`. Default `actions`. */
  actionsDir?: string;
}

export interface LoadResult {
  workflows: Workflow[];
  /** One per problem; a file with errors yields no workflow. */
  errors: WorkflowError[];
}

/** Whether a repository path is a workflow file GitHub reads (`.github/workflows/*.yml`, not in subfolders). */
export function isWorkflowPath(path: string): boolean {
  return /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path);
}

/** Loads every given file as a workflow (filter a repository's tree with `isWorkflowPath` first). */
export async function loadWorkflows(files: Readonly<Record<string, string>>, options: LoadOptions = {}): Promise<LoadResult> {
  const workflows: Workflow[] = [];
  const errors: WorkflowError[] = [];
  for (const [file, content] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const result = await loadWorkflow(file, content, options);
    if ('workflow' in result) workflows.push(result.workflow);
    else errors.push(...result.errors);
  }
  return { workflows, errors };
}

export async function loadWorkflow(
  file: string,
  content: string,
  options: LoadOptions = {},
): Promise<{ workflow: Workflow } | { errors: WorkflowError[] }> {
  const parsed = parseWorkflow({ name: file, content }, new NoOperationTraceWriter());
  const template = parsed.value ? await convertWorkflowTemplate(parsed.context, parsed.value) : undefined;
  const syntax = parsed.context.errors.getErrors().map((e) => {
    const start = e.range?.start;
    return new WorkflowSyntaxError((e.rawMessage.split('\n')[0] ?? '').trim(), {
      file,
      ...(start ? { line: start.line, column: start.column } : {}),
    });
  });
  if (syntax.length > 0 || !template || !parsed.value || !isMapping(parsed.value)) {
    return { errors: syntax.length > 0 ? syntax : [new WorkflowSyntaxError('empty workflow', { file, line: 1, column: 1 })] };
  }
  const builder = new Builder(file, parsed.value, options.actionsDir ?? 'actions');
  const workflow = builder.workflow(template);
  return builder.errors.length > 0 || !workflow ? { errors: builder.errors } : { workflow };
}

const TRIGGER_FILTERS: Record<string, readonly string[]> = {
  push: ['branches', 'branches-ignore', 'tags', 'tags-ignore', 'paths', 'paths-ignore'],
  pull_request: ['branches', 'branches-ignore', 'paths', 'paths-ignore', 'types'],
  pull_request_target: ['branches', 'branches-ignore', 'paths', 'paths-ignore', 'types'],
  workflow_run: ['workflows', 'branches', 'branches-ignore', 'types'],
  merge_group: ['branches', 'branches-ignore', 'types'],
};
/** Job keys that change nothing the runner decides: where and how long `run:` steps would run. */
const IGNORED_JOB_KEYS = ['runs-on', 'timeout-minutes', 'cancel-timeout-minutes', 'defaults', 'container', 'services'];
const JOB_KEYS = ['name', 'needs', 'if', 'permissions', 'concurrency', 'env', 'outputs', 'steps', 'continue-on-error', ...IGNORED_JOB_KEYS];
/** Artifact actions: their `with:` and `if:` are evaluated, for a host that keeps artifacts between jobs. */
const ARTIFACT_ACTION = /^actions\/(upload|download)-artifact@/;

/**
 * A step that mints a token (`actions/create-github-app-token`). The runner does not execute it, so
 * `steps.<id>.outputs.*` of it reads empty in a later automation step, as on GitHub when the step
 * is skipped (the App is not set up); a host may model the token it mints instead.
 */
const TOKEN_ACTION = /^actions\/create-github-app-token@/;

const AUTOMATION_STEP_KEYS = ['name', 'id', 'if', 'uses', 'with', 'env', 'continue-on-error', 'timeout-minutes'];

class Builder {
  readonly errors: WorkflowError[] = [];

  constructor(
    private readonly file: string,
    private readonly root: MappingToken,
    private readonly actionsDir: string,
  ) {}

  workflow(template: WorkflowTemplate): Workflow | undefined {
    const name = this.root.find('name');
    const on = template.events ?? {};
    this.attempt(() => this.checkTriggers(on));
    const permissionsToken = this.root.find('permissions');
    const concurrencyToken = this.root.find('concurrency');
    const envToken = this.root.find('env');
    const jobs = (template.jobs ?? []).map((job) => this.attempt(() => this.job(job))).filter((j): j is JobDef => j !== undefined);
    const workflow: Workflow = {
      file: this.file,
      name: name && isString(name) ? name.value : this.file,
      on,
      dispatchInputs: this.attempt(() => this.dispatchInputs()) ?? [],
      ...(permissionsToken ? { permissions: this.attempt(() => readPermissions(permissionsToken, this.file)) ?? {} } : {}),
      ...(concurrencyToken ? { concurrency: this.attempt(() => this.concurrency(concurrencyToken)) } : {}),
      ...(envToken ? { env: this.attempt(() => compileToken(envToken, this.file)) } : {}),
      jobs: this.attempt(() => this.order(jobs)) ?? [],
    };
    return this.errors.length > 0 ? undefined : workflow;
  }

  private attempt<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof WorkflowError)) throw e;
      this.errors.push(e);
      return undefined;
    }
  }

  private at(token: TemplateToken | undefined, job?: string): SourceLocation {
    return locate(token, this.file, job);
  }

  private checkTriggers(on: EventsConfig): void {
    const onToken = this.root.find('on');
    for (const [event, config] of Object.entries(on)) {
      if (event === 'schedule' || event === 'workflow_dispatch' || event === 'workflow_call') continue;
      const allowed = TRIGGER_FILTERS[event] ?? ['types'];
      const extra = Object.keys((config ?? {}) as object).find((key) => !allowed.includes(key));
      const eventToken = onToken && isMapping(onToken) ? onToken.find(event) : undefined;
      if (extra) throw new UnsupportedFeatureError(`the ${extra} filter of on.${event}`, this.at(eventToken ?? onToken));
    }
  }

  private dispatchInputs(): DispatchInput[] {
    const on = this.root.find('on');
    const dispatch = on && isMapping(on) ? on.find('workflow_dispatch') : undefined;
    const inputs = dispatch && isMapping(dispatch) ? dispatch.find('inputs') : undefined;
    if (!inputs || !isMapping(inputs)) return [];
    const result: DispatchInput[] = [];
    for (const pair of inputs) {
      if (!isString(pair.key) || !isMapping(pair.value)) continue;
      const def = pair.value;
      const text = (key: string): string | undefined => {
        const t = def.find(key);
        return t && isString(t) ? t.value : undefined;
      };
      const type = (text('type') ?? 'string') as InputType;
      if (!['string', 'boolean', 'choice', 'number', 'environment'].includes(type)) {
        throw new WorkflowSyntaxError(`unknown input type ${type}`, this.at(def.find('type')));
      }
      const required = def.find('required');
      const dflt = def.find('default');
      const options = def.find('options');
      result.push({
        name: pair.key.value,
        type,
        required: required !== undefined && isBoolean(required) && required.value,
        ...(dflt && !dflt.isExpression && 'value' in dflt
          ? { default: (dflt as unknown as { value: string | number | boolean }).value }
          : {}),
        ...(options && isSequence(options) ? { options: [...options].map((o) => (isString(o) ? o.value : String(o))) } : {}),
      });
    }
    return result;
  }

  private concurrency(token: TemplateToken, job?: string): ConcurrencyDef {
    const at = this.at(token, job);
    if (!isMapping(token)) return { group: compileToken(token, this.file, job), at };
    const group = token.find('group');
    const cancel = token.find('cancel-in-progress');
    const queue = token.find('queue');
    if (queue) throw new UnsupportedFeatureError('concurrency queue', this.at(queue, job));
    if (!group) throw new WorkflowSyntaxError('concurrency needs a group', at);
    return {
      group: compileToken(group, this.file, job),
      ...(cancel ? { cancelInProgress: compileToken(cancel, this.file, job) } : {}),
      at,
    };
  }

  private rawJob(id: string): MappingToken {
    const jobs = this.root.find('jobs');
    const job = jobs && isMapping(jobs) ? jobs.find(id) : undefined;
    if (!job || !isMapping(job)) throw new WorkflowSyntaxError(`job ${id} is not a mapping`, { file: this.file, job: id });
    return job;
  }

  private job(template: WorkflowJob): JobDef {
    const id = template.id.value;
    const raw = this.rawJob(id);
    const at = this.at(template.id, id);
    if (template.type === 'reusableWorkflowJob') throw new UnsupportedFeatureError('a reusable workflow job (jobs.<id>.uses)', at);
    const keys = [...raw].map((p) => (isString(p.key) ? p.key.value : ''));
    const unknown = keys.find((k) => !JOB_KEYS.includes(k));
    if (unknown) throw new UnsupportedFeatureError(`jobs.<id>.${unknown}`, this.at(raw.find(unknown), id));
    const field = (key: string): TemplateToken | undefined => raw.find(key);
    const name = field('name');
    const permissions = field('permissions');
    const concurrency = field('concurrency');
    const env = field('env');
    const outputs = field('outputs');
    const steps = template.steps.map((step, index) => this.attempt(() => this.step(step, index, raw, id))).filter((s): s is StepDef => !!s);
    const job: JobDef = {
      id,
      ...(name ? { name: isString(name) ? name.value : name.toString() } : {}),
      needs: (template.needs ?? []).map((n) => n.value),
      if: this.condition(template.if, field('if') ?? template.id, id),
      ...(permissions ? { permissions: readPermissions(permissions, this.file, id) } : {}),
      ...(concurrency ? { concurrency: this.concurrency(concurrency, id) } : {}),
      ...(env ? { env: compileToken(env, this.file, id) } : {}),
      outputs: outputs && isMapping(outputs) ? this.entries(outputs, id) : [],
      continueOnError: this.literalBoolean(field('continue-on-error'), 'jobs.<id>.continue-on-error as an expression', id),
      steps,
      ignored: keys.filter((k) => IGNORED_JOB_KEYS.includes(k)),
      at,
    };
    this.checkOutputs(job);
    return job;
  }

  private condition(token: { expression: string } | undefined, located: TemplateToken, job: string): CompiledExpression {
    return compileExpression(token?.expression ?? 'success()', this.at(located, job));
  }

  private literalBoolean(token: TemplateToken | undefined, feature: string, job: string): boolean {
    if (!token) return false;
    if (isBoolean(token)) return token.value;
    throw new UnsupportedFeatureError(feature, this.at(token, job));
  }

  private entries(mapping: MappingToken, job: string): Array<[string, Value]> {
    return [...mapping].map((p) => [isString(p.key) ? p.key.value : String(p.key), compileToken(p.value, this.file, job)]);
  }

  private rawStep(job: MappingToken, index: number, jobId: string): MappingToken {
    const steps = job.find('steps');
    const step = steps && isSequence(steps) ? steps.get(index) : undefined;
    if (!step || !isMapping(step)) throw new WorkflowSyntaxError(`step ${index + 1} is not a mapping`, { file: this.file, job: jobId });
    return step;
  }

  private step(step: Step, index: number, rawJob: MappingToken, job: string): StepDef {
    const raw = this.rawStep(rawJob, index, job);
    const at = this.at(raw, job);
    const name = raw.find('name');
    const common = { index, id: step.id, ...(name ? { name: isString(name) ? name.value : name.toString() } : {}), at };
    if ('run' in step) {
      const run = (step as RunStep).run;
      const text = isString(run) ? run.value : run.toString();
      return { kind: 'other', ...common, label: `run: ${text.trim().split('\n')[0] ?? ''}` };
    }
    if (!('uses' in step)) {
      const kind = ['wait', 'wait-all', 'cancel', 'parallel'].find((k) => k in step) ?? 'this kind of';
      throw new UnsupportedFeatureError(`a ${kind} step`, at);
    }
    const uses = (step as ActionStep).uses.value;
    const automation = this.automationName(uses);
    if (automation === undefined) {
      const artifact = ARTIFACT_ACTION.exec(uses)?.[1] as 'upload' | 'download' | undefined;
      if (artifact === undefined) return { kind: 'other', ...common, label: `uses: ${uses}` };
      const withToken = raw.find('with');
      const entries = withToken && isMapping(withToken) ? this.entries(withToken, job) : [];
      const cond = this.condition(step.if, raw.find('if') ?? raw, job);
      for (const e of [cond, ...entries.flatMap(([, v]) => expressionsOf(v))]) {
        const [ref] = e.steps;
        if (ref !== undefined) throw new UnsupportedFeatureError(`steps.${ref} in an artifact step's if or with`, e.at);
      }
      return { kind: 'other', ...common, label: `uses: ${uses}`, artifact: { kind: artifact, uses, if: cond, with: entries } };
    }
    const keys = [...raw].map((p) => (isString(p.key) ? p.key.value : ''));
    const unknown = keys.find((k) => !AUTOMATION_STEP_KEYS.includes(k));
    if (unknown) throw new UnsupportedFeatureError(`steps[*].${unknown} on an automation step`, this.at(raw.find(unknown), job));
    const withToken = raw.find('with');
    const env = raw.find('env');
    const def: AutomationStepDef = {
      kind: 'automation',
      ...common,
      uses,
      automation,
      if: this.condition(step.if, raw.find('if') ?? raw, job),
      with: withToken && isMapping(withToken) ? this.entries(withToken, job) : [],
      ...(env ? { env: compileToken(env, this.file, job) } : {}),
      continueOnError: this.literalBoolean(raw.find('continue-on-error'), 'steps[*].continue-on-error as an expression', job),
    };
    const tokenSteps = this.tokenStepIds(rawJob, index);
    for (const e of [def.if, ...def.with.flatMap(([, v]) => expressionsOf(v)), ...expressionsOf(def.env)]) {
      const ref = [...e.steps].find((r) => !tokenSteps.has(r));
      if (ref !== undefined) throw new UnsupportedFeatureError(`steps.${ref} in an automation step's if, with or env`, e.at);
    }
    return def;
  }

  /** Ids of the token-minting steps (TOKEN_ACTION) before step `index` of the job. */
  private tokenStepIds(rawJob: MappingToken, index: number): Set<string> {
    const ids = new Set<string>();
    const steps = rawJob.find('steps');
    if (!steps || !isSequence(steps)) return ids;
    for (let i = 0; i < index; i++) {
      const step = steps.get(i);
      if (!step || !isMapping(step)) continue;
      const id = step.find('id');
      const uses = step.find('uses');
      if (id && isString(id) && uses && isString(uses) && TOKEN_ACTION.test(uses.value)) ids.add(id.value);
    }
    return ids;
  }

  private automationName(uses: string): string | undefined {
    const dir = this.actionsDir.replace(/^\.\/|\/$/g, '');
    const prefix = `./${dir}/`;
    if (!uses.startsWith(prefix)) return undefined;
    const name = uses.slice(prefix.length).replace(/\/$/, '');
    return /^[A-Za-z0-9._-]+$/.test(name) ? name : undefined;
  }

  /** A job output read from a step the runner does not execute would be empty: an error instead. */
  private checkOutputs(job: JobDef): void {
    const executed = new Set(job.steps.filter((s) => s.kind === 'automation').map((s) => s.id));
    for (const [, value] of job.outputs) {
      for (const e of expressionsOf(value)) {
        const missing = [...e.steps].find((id) => !executed.has(id));
        if (missing === undefined) continue;
        const step = job.steps.find((s) => s.id === missing);
        const what =
          step?.kind === 'other' ? `a job output from step ${missing} (${step.label}), which the runner does not execute` : undefined;
        if (what) throw new UnsupportedFeatureError(what, e.at);
        throw new WorkflowSyntaxError(`job output reads steps.${missing}, which is not a step of job ${job.id}`, e.at);
      }
    }
  }

  /** Each job after the jobs it needs, otherwise in file order. */
  private order(jobs: JobDef[]): JobDef[] {
    const byId = new Map(jobs.map((j) => [j.id, j]));
    const done = new Set<string>();
    const ordered: JobDef[] = [];
    const visit = (job: JobDef, path: string[]): void => {
      if (done.has(job.id)) return;
      if (path.includes(job.id))
        throw new WorkflowSyntaxError(`jobs need each other in a cycle: ${[...path, job.id].join(' -> ')}`, job.at);
      for (const need of job.needs) {
        const needed = byId.get(need);
        if (!needed) throw new WorkflowSyntaxError(`job ${job.id} needs unknown job ${need}`, job.at);
        visit(needed, [...path, job.id]);
      }
      done.add(job.id);
      ordered.push(job);
    };
    for (const job of jobs) visit(job, []);
    return ordered;
  }
}
