/**
 * Whether an event starts a workflow, by its `on:` (GitHub's rules): the event name, activity
 * `types` (pull_request's default opened/synchronize/reopened), `branches`/`tags`/`paths` filters
 * and their `-ignore` forms, `workflow_run`'s `workflows`, `workflow_dispatch`'s target workflow,
 * `repository_dispatch` types and `schedule` crons. Every answer carries its reason.
 */
import type {
  BranchFilterConfig,
  PathFilterConfig,
  TagFilterConfig,
  TypesFilterConfig,
} from '@actions/workflow-parser/model/workflow-template';
import { pathFilter, refFilter, type FilterOutcome } from './filters';
import { actionOf, pick, refsOf, type RepositoryInfo, type WorkflowEvent } from './events';
import type { Workflow } from './model';

export interface TriggerMatch {
  /** The workflow's `on:` names the event at all. */
  listens: boolean;
  fired: boolean;
  reason: string;
}

const PULL_REQUEST_DEFAULT_TYPES = ['opened', 'synchronize', 'reopened'];

type Filters = BranchFilterConfig & TagFilterConfig & PathFilterConfig & TypesFilterConfig & { workflows?: string[] };

export function matchTrigger(workflow: Workflow, event: WorkflowEvent, repository: RepositoryInfo): TriggerMatch {
  const on = workflow.on as Record<string, unknown>;
  if (!(event.name in on)) return { listens: false, fired: false, reason: `on: does not name ${event.name}` };
  const outcomes = filtersFor(workflow, event, repository, (on[event.name] ?? {}) as Filters);
  const failed = outcomes.find((o) => !o.pass);
  return failed
    ? { listens: true, fired: false, reason: failed.reason }
    : { listens: true, fired: true, reason: outcomes.map((o) => o.reason).join('; ') };
}

function filtersFor(workflow: Workflow, event: WorkflowEvent, repository: RepositoryInfo, config: Filters): FilterOutcome[] {
  switch (event.name) {
    case 'schedule':
      return [scheduleFilter(workflow, event)];
    case 'workflow_dispatch':
      return [dispatchTarget(workflow, event)];
    case 'push':
      return pushFilters(workflow, event, repository, config);
    case 'pull_request':
    case 'pull_request_target': {
      const base = stringAt(event.payload, 'pull_request', 'base', 'ref') ?? '';
      return [
        typesFilter(event, config.types, PULL_REQUEST_DEFAULT_TYPES),
        refFilter(base, 'base branch', config.branches, config['branches-ignore']),
        ...paths(workflow, event, config),
      ];
    }
    case 'workflow_run': {
      const run = event.payload.workflow_run;
      const name = stringAt(run, 'name') ?? '';
      const branch = stringAt(run, 'head_branch') ?? '';
      const workflows = config.workflows ?? [];
      return [
        workflows.includes(name)
          ? { pass: true, reason: `workflow ${name} is in workflows [${workflows.join(', ')}]` }
          : { pass: false, reason: `workflow ${name} is not in workflows [${workflows.join(', ')}]` },
        typesFilter(event, config.types),
        refFilter(branch, 'head branch', config.branches, config['branches-ignore']),
      ];
    }
    case 'merge_group': {
      const base = (stringAt(event.payload, 'merge_group', 'base_ref') ?? '').replace(/^refs\/heads\//, '');
      return [typesFilter(event, config.types), refFilter(base, 'base branch', config.branches, config['branches-ignore'])];
    }
    default:
      return [typesFilter(event, config.types)];
  }
}

function stringAt(value: unknown, ...path: string[]): string | undefined {
  const v = pick(value, ...path);
  return typeof v === 'string' ? v : undefined;
}

function typesFilter(event: WorkflowEvent, types: readonly string[] | undefined, defaults?: readonly string[]): FilterOutcome {
  const list = types ?? defaults;
  const action = actionOf(event);
  if (!list) return { pass: true, reason: `${event.name}${action ? `.${action}` : ''} (any activity type)` };
  const shown = `[${list.join(', ')}]${types ? '' : ' (the default)'}`;
  if (action === undefined) throw new Error(`the ${event.name} event has no payload.action to match the types ${shown}`);
  return list.includes(action)
    ? { pass: true, reason: `${event.name}.${action} matches types ${shown}` }
    : { pass: false, reason: `${event.name}.${action} is not in types ${shown}` };
}

function scheduleFilter(workflow: Workflow, event: WorkflowEvent): FilterOutcome {
  const cron = event.payload.schedule;
  if (typeof cron !== 'string') throw new Error('a schedule event needs payload.schedule, the cron that fired');
  const crons = (workflow.on.schedule ?? []).map((s) => s.cron);
  return crons.includes(cron)
    ? { pass: true, reason: `schedule '${cron}'` }
    : { pass: false, reason: `no schedule '${cron}' (has ${crons.map((c) => `'${c}'`).join(', ')})` };
}

/** A `workflow_dispatch` starts only the workflow it names (`payload.workflow`: path or file name). */
function dispatchTarget(workflow: Workflow, event: WorkflowEvent): FilterOutcome {
  const target = event.payload.workflow;
  if (typeof target !== 'string') throw new Error('a workflow_dispatch event needs payload.workflow, the workflow file it starts');
  return dispatchTargets(workflow, target)
    ? { pass: true, reason: 'workflow_dispatch of this workflow' }
    : { pass: false, reason: `workflow_dispatch of ${target}` };
}

export function dispatchTargets(workflow: Workflow, target: string): boolean {
  return workflow.file === target || workflow.file.split('/').pop() === target;
}

function pushFilters(workflow: Workflow, event: WorkflowEvent, repository: RepositoryInfo, config: Filters): FilterOutcome[] {
  const refs = refsOf(event, repository);
  const filtersBranches = config.branches !== undefined || config['branches-ignore'] !== undefined;
  const filtersTags = config.tags !== undefined || config['tags-ignore'] !== undefined;
  if (refs.tag !== undefined) {
    // Path filters are not evaluated for pushes of tags.
    if (filtersTags) return [refFilter(refs.tag, 'tag', config.tags, config['tags-ignore'])];
    return filtersBranches
      ? [{ pass: false, reason: `tag ${refs.tag}: the push filter names branches only` }]
      : [{ pass: true, reason: `tag ${refs.tag}` }];
  }
  const branch = refs.branch ?? refs.ref;
  if (!filtersBranches && filtersTags) return [{ pass: false, reason: `branch ${branch}: the push filter names tags only` }];
  return [refFilter(branch, 'branch', config.branches, config['branches-ignore']), ...paths(workflow, event, config)];
}

function paths(workflow: Workflow, event: WorkflowEvent, config: Filters): FilterOutcome[] {
  if (config.paths === undefined && config['paths-ignore'] === undefined) return [];
  const files = event.changedFiles ?? changedFilesOfPush(event);
  if (!files) throw new Error(`the paths filter of ${workflow.file} needs the ${event.name} event's changedFiles`);
  return [pathFilter(files, config.paths, config['paths-ignore'])];
}

/** A push payload's commits list the files they added, modified and removed. */
function changedFilesOfPush(event: WorkflowEvent): string[] | undefined {
  const commits = event.payload.commits;
  if (event.name !== 'push' || !Array.isArray(commits)) return undefined;
  const files = commits.flatMap((c) => ['added', 'modified', 'removed'].flatMap((k) => (pick(c, k) as string[] | undefined) ?? []));
  return [...new Set(files)];
}
