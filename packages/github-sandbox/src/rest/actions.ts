import { parse as parseYaml } from 'yaml';
/** Check runs, workflows, workflow runs, jobs, job logs and workflow dispatch. */
import { bodyObject, HttpError, notFound, paginate, repoOf, type RestContext, type RouteDef, validationFailed } from '../http';
import type { ArtifactRecord, CheckRunRecord, JobRecord, WorkflowRunRecord } from '../state';

const R = '/repos/{owner}/{repo}';

/** Path of the sandbox-internal URL that serves a job's log (what the logs redirect points to). */
export const JOB_LOG_PATH = /^\/_sandbox\/logs\/jobs\/(\d+)$/;

/** Path of the sandbox-internal URL that serves an artifact's ZIP (what the download redirect points to). */
export const ARTIFACT_ZIP_PATH = /^\/_sandbox\/artifacts\/(\d+)\.zip$/;

/** Newest first, filtered by exact `name` as GitHub does. */
function artifactsPage(ctx: RestContext, list: ArtifactRecord[]): { status: number; body: unknown; headers: Record<string, string> } {
  const name = ctx.query.name === undefined ? undefined : String(ctx.query.name);
  const matching = list.filter((a) => name === undefined || a.name === name).sort((a, b) => b.id - a.id);
  const page = paginate(ctx, matching);
  return {
    status: 200,
    body: { total_count: matching.length, artifacts: page.items.map((a) => ctx.render.artifact(a)) },
    headers: page.headers,
  };
}

const CONCLUSIONS = new Set(['action_required', 'cancelled', 'failure', 'neutral', 'skipped', 'stale', 'success', 'timed_out']);

function filterRuns(ctx: RestContext, runs: WorkflowRunRecord[]): WorkflowRunRecord[] {
  const q = ctx.query;
  return runs
    .filter(
      (r) =>
        (q.branch === undefined || r.headBranch === q.branch) &&
        (q.event === undefined || r.event === q.event) &&
        (q.actor === undefined || r.actor === q.actor) &&
        (q.head_sha === undefined || r.headSha === q.head_sha) &&
        (q.status === undefined || (CONCLUSIONS.has(String(q.status)) ? r.conclusion === q.status : r.status === q.status)),
    )
    .sort((a, b) => b.id - a.id);
}

function runsPage(ctx: RestContext, runs: WorkflowRunRecord[]): { status: number; body: unknown; headers: Record<string, string> } {
  const list = filterRuns(ctx, runs);
  const page = paginate(ctx, list);
  return {
    status: 200,
    body: { total_count: list.length, workflow_runs: page.items.map((r) => ctx.render.workflowRun(r)) },
    headers: page.headers,
  };
}

/** Latest check run per name (GitHub's default `filter=latest`). */
function latest(runs: CheckRunRecord[]): CheckRunRecord[] {
  const byName = new Map<string, CheckRunRecord>();
  for (const run of runs) {
    const seen = byName.get(run.name);
    if (!seen || seen.id < run.id) byName.set(run.name, run);
  }
  return runs.filter((r) => byName.get(r.name) === r);
}

export const actionRoutes: RouteDef[] = [
  {
    method: 'GET',
    route: `${R}/commits/{ref}/check-runs`,
    handler: async (ctx) => {
      const repo = repoOf(ctx);
      const ref = String(ctx.params.ref);
      const sha = (await ctx.git.resolve(repo.owner, repo.name, ref)) ?? (/^[0-9a-f]{40}$/.test(ref) ? ref : undefined);
      if (!sha) throw new HttpError(422, `No commit found for SHA: ${ref}`);
      let runs = ctx.state.checkRuns.filter(
        (c) =>
          c.repo === repo.fullName &&
          c.headSha === sha &&
          (ctx.query.check_name === undefined || c.name === ctx.query.check_name) &&
          (ctx.query.status === undefined || c.status === ctx.query.status),
      );
      if (ctx.query.filter !== 'all') runs = latest(runs);
      runs.sort((a, b) => b.id - a.id);
      const page = paginate(ctx, runs);
      return {
        status: 200,
        body: { total_count: runs.length, check_runs: page.items.map((c) => ctx.render.checkRun(c)) },
        headers: page.headers,
      };
    },
  },
  {
    method: 'GET',
    route: `${R}/actions/workflows`,
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const list = ctx.state.workflows.filter((w) => w.repo === repo.fullName);
      const page = paginate(ctx, list);
      return {
        status: 200,
        body: { total_count: list.length, workflows: page.items.map((w) => ctx.render.workflow(w)) },
        headers: page.headers,
      };
    },
  },
  {
    method: 'GET',
    route: `${R}/actions/runs`,
    handler: (ctx) => {
      const repo = repoOf(ctx);
      return runsPage(
        ctx,
        ctx.state.workflowRuns.filter((r) => r.repo === repo.fullName),
      );
    },
  },
  {
    method: 'GET',
    route: `${R}/actions/workflows/{workflow_id}/runs`,
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const workflow = ctx.state.findWorkflow(repo.fullName, String(ctx.params.workflow_id));
      if (!workflow) throw notFound();
      return runsPage(
        ctx,
        ctx.state.workflowRuns.filter((r) => r.workflowId === workflow.id),
      );
    },
  },
  {
    method: 'GET',
    route: `${R}/actions/runs/{run_id}`,
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const run = ctx.state.workflowRuns.find((r) => r.repo === repo.fullName && r.id === ctx.params.run_id);
      if (!run) throw notFound();
      return { status: 200, body: ctx.render.workflowRun(run) };
    },
  },
  {
    method: 'GET',
    route: `${R}/actions/runs/{run_id}/jobs`,
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const run = ctx.state.workflowRuns.find((r) => r.repo === repo.fullName && r.id === ctx.params.run_id);
      if (!run) throw notFound();
      const jobs: JobRecord[] = ctx.state.jobs.filter((j) => j.runId === run.id);
      const page = paginate(ctx, jobs);
      return { status: 200, body: { total_count: jobs.length, jobs: page.items.map((j) => ctx.render.job(j)) }, headers: page.headers };
    },
  },
  {
    method: 'GET',
    route: `${R}/actions/jobs/{job_id}/logs`,
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const job = ctx.state.jobs.find((j) => j.repo === repo.fullName && j.id === ctx.params.job_id);
      if (!job) throw notFound();
      return { status: 302, headers: { location: `${ctx.api}/_sandbox/logs/jobs/${job.id}` } };
    },
  },
  {
    method: 'GET',
    route: `${R}/actions/artifacts`,
    handler: (ctx) => {
      const repo = repoOf(ctx);
      return artifactsPage(
        ctx,
        ctx.state.artifacts.filter((a) => a.repo === repo.fullName),
      );
    },
  },
  {
    method: 'GET',
    route: `${R}/actions/runs/{run_id}/artifacts`,
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const run = ctx.state.workflowRuns.find((r) => r.repo === repo.fullName && r.id === ctx.params.run_id);
      if (!run) throw notFound();
      return artifactsPage(
        ctx,
        ctx.state.artifacts.filter((a) => a.repo === repo.fullName && a.workflowRunId === run.id),
      );
    },
  },
  {
    method: 'GET',
    route: `${R}/actions/artifacts/{artifact_id}`,
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const artifact = ctx.state.artifacts.find((a) => a.repo === repo.fullName && a.id === ctx.params.artifact_id);
      if (!artifact) throw notFound();
      return { status: 200, body: ctx.render.artifact(artifact) };
    },
  },
  {
    method: 'GET',
    route: `${R}/actions/artifacts/{artifact_id}/{archive_format}`,
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const artifact = ctx.state.artifacts.find((a) => a.repo === repo.fullName && a.id === ctx.params.artifact_id);
      if (!artifact || ctx.params.archive_format !== 'zip') throw notFound();
      if (artifact.expired) throw new HttpError(410, 'Artifact has expired');
      return { status: 302, headers: { location: `${ctx.api}/_sandbox/artifacts/${artifact.id}.zip` } };
    },
  },
  {
    method: 'POST',
    route: `${R}/actions/workflows/{workflow_id}/dispatches`,
    handler: async (ctx) => {
      const repo = repoOf(ctx);
      const body = bodyObject(ctx);
      const workflow = String(ctx.params.workflow_id);
      const ref = String(body.ref ?? '');
      const sha = await ctx.git.resolve(repo.owner, repo.name, ref.replace(/^refs\//, ''));
      if (!sha) throw validationFailed(`No ref found for: ${ref}`, { resource: 'Workflow', field: 'ref', code: 'invalid' });
      const known = ctx.state.findWorkflow(repo.fullName, workflow);
      const file = known?.path ?? (/^\d+$/.test(workflow) ? undefined : `.github/workflows/${workflow}`);
      const content = file ? await ctx.git.readPath(repo.owner, repo.name, sha, file) : undefined;
      if (!known && !content) throw notFound();
      if (content?.kind === 'file' && !content.content.toString('utf8').includes('workflow_dispatch')) {
        throw new HttpError(422, "Workflow does not have 'workflow_dispatch' trigger");
      }
      const inputs = (body.inputs as Record<string, unknown> | undefined) ?? {};
      if (content?.kind === 'file') {
        // GitHub refuses inputs the workflow does not declare.
        const declared = dispatchInputs(content.content.toString('utf8'));
        const unexpected = Object.keys(inputs).filter((k) => !declared.includes(k));
        if (unexpected.length) throw new HttpError(422, `Unexpected inputs provided: ${JSON.stringify(unexpected)}`);
      }
      ctx.state.dispatches.push({
        repo: repo.fullName,
        workflow,
        ref,
        inputs,
        actor: ctx.viewer,
        at: ctx.state.now(),
      });
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    route: `${R}/dispatches`,
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const body = bodyObject(ctx);
      const eventType = typeof body.event_type === 'string' ? body.event_type : '';
      if (eventType === '')
        throw validationFailed('Invalid request.', { resource: 'Repository', field: 'event_type', code: 'missing_field' });
      const clientPayload = (body.client_payload as Record<string, unknown> | undefined) ?? {};
      ctx.state.repositoryDispatches.push({ repo: repo.fullName, eventType, clientPayload, actor: ctx.viewer, at: ctx.state.now() });
      return { status: 204 };
    },
  },
];

/** The input names a workflow file declares under `on.workflow_dispatch.inputs`. */
function dispatchInputs(text: string): string[] {
  try {
    const doc = parseYaml(text) as { on?: { workflow_dispatch?: { inputs?: Record<string, unknown> } | null } } | null;
    return Object.keys(doc?.on?.workflow_dispatch?.inputs ?? {});
  } catch {
    return [];
  }
}
