/** Check runs (create, update, read), branch protection and branch rules as seeded, repository settings. */
import { settleMerges } from '../merge-queue';
import { bodyObject, HttpError, notFound, repoOf, type RestContext, type RouteDef } from '../http';
import type { BranchRuleRecord, CheckRunRecord, RepoRecord } from '../state';

const R = '/repos/{owner}/{repo}';

function checkRunOf(ctx: RestContext): { repo: RepoRecord; run: CheckRunRecord } {
  const repo = repoOf(ctx);
  const run = ctx.state.checkRuns.find((c) => c.repo === repo.fullName && c.id === Number(ctx.params.check_run_id));
  if (!run) throw notFound();
  return { repo, run };
}

/** Apply a create/update body's status, conclusion, times, details and output to a run. */
function applyRunBody(ctx: RestContext, run: CheckRunRecord, body: Record<string, unknown>): void {
  const now = ctx.state.now();
  if (typeof body.name === 'string') run.name = body.name;
  if (typeof body.details_url === 'string') run.detailsUrl = body.details_url;
  if (typeof body.started_at === 'string') run.startedAt = body.started_at;
  if (typeof body.conclusion === 'string') {
    run.conclusion = body.conclusion as CheckRunRecord['conclusion'];
    run.status = 'completed';
  } else if (typeof body.status === 'string') {
    if (body.status === 'completed')
      throw new HttpError(422, 'Invalid request.\n\nNo subschema in "anyOf" matched.\n"conclusion" wasn\'t supplied.');
    run.status = body.status as CheckRunRecord['status'];
  }
  if (run.status !== 'queued') run.startedAt ??= now;
  if (run.status === 'completed') run.completedAt = typeof body.completed_at === 'string' ? body.completed_at : (run.completedAt ?? now);
  const output = body.output && typeof body.output === 'object' ? (body.output as Record<string, unknown>) : undefined;
  if (output) {
    if (typeof output.title === 'string') run.output.title = output.title;
    if (typeof output.summary === 'string') run.output.summary = output.summary;
    if (typeof output.text === 'string') run.output.text = output.text;
  }
}

function protection(ctx: RestContext, repo: RepoRecord, rule: BranchRuleRecord): Record<string, unknown> {
  const url = `${ctx.api}/repos/${repo.fullName}/branches/${encodeURIComponent(rule.branch)}/protection`;
  return {
    url,
    required_status_checks: {
      url: `${url}/required_status_checks`,
      strict: false,
      contexts: rule.requiredChecks,
      checks: rule.requiredChecks.map((context) => ({ context, app_id: null })),
      contexts_url: `${url}/required_status_checks/contexts`,
    },
    ...(rule.requiredApprovingReviewCount > 0
      ? {
          required_pull_request_reviews: {
            url: `${url}/required_pull_request_reviews`,
            dismiss_stale_reviews: false,
            require_code_owner_reviews: false,
            required_approving_review_count: rule.requiredApprovingReviewCount,
            require_last_push_approval: false,
          },
        }
      : {}),
    enforce_admins: { url: `${url}/enforce_admins`, enabled: false },
    required_linear_history: { enabled: false },
    allow_force_pushes: { enabled: false },
    allow_deletions: { enabled: false },
    block_creations: { enabled: false },
    required_conversation_resolution: { enabled: false },
    lock_branch: { enabled: false },
    allow_fork_syncing: { enabled: false },
  };
}

function rules(repo: RepoRecord, rule: BranchRuleRecord): Record<string, unknown>[] {
  const source = { ruleset_source_type: 'Repository', ruleset_source: repo.fullName, ruleset_id: rule.rulesetId };
  return [
    {
      type: 'pull_request',
      parameters: {
        allowed_merge_methods: ['merge', 'squash', 'rebase'],
        dismiss_stale_reviews_on_push: false,
        require_code_owner_review: false,
        require_last_push_approval: false,
        required_approving_review_count: rule.requiredApprovingReviewCount,
        required_review_thread_resolution: false,
      },
      ...source,
    },
    ...(rule.requiredChecks.length
      ? [
          {
            type: 'required_status_checks',
            parameters: {
              strict_required_status_checks_policy: false,
              required_status_checks: rule.requiredChecks.map((context) => ({ context })),
            },
            ...source,
          },
        ]
      : []),
    ...(rule.mergeQueue
      ? [
          {
            type: 'merge_queue',
            parameters: {
              check_response_timeout_minutes: rule.mergeQueue.checkResponseTimeoutMinutes,
              grouping_strategy: rule.mergeQueue.groupingStrategy,
              max_entries_to_build: rule.mergeQueue.maxEntriesToBuild,
              max_entries_to_merge: rule.mergeQueue.maxEntriesToMerge,
              merge_method: rule.mergeQueue.mergeMethod,
              min_entries_to_merge: rule.mergeQueue.minEntriesToMerge,
              min_entries_to_merge_wait_minutes: rule.mergeQueue.minEntriesToMergeWaitMinutes,
            },
            ...source,
          },
        ]
      : []),
  ];
}

export const checkRoutes: RouteDef[] = [
  {
    method: 'POST',
    route: `${R}/check-runs`,
    handler: async (ctx) => {
      const repo = repoOf(ctx);
      const body = bodyObject(ctx);
      const headSha = String(body.head_sha ?? '');
      if (!/^[0-9a-f]{40}$/.test(headSha) || (await ctx.git.resolve(repo.owner, repo.name, headSha)) !== headSha) {
        throw new HttpError(422, 'No commit found for SHA: ' + headSha);
      }
      const run = ctx.state.addCheckRun(repo.owner, repo.name, { name: String(body.name), headSha });
      // As on GitHub, a check run belongs to the App whose token created it (GITHUB_TOKEN: GitHub Actions).
      if (ctx.viewerKind === 'app' && ctx.viewer !== 'github-actions[bot]') run.app = ctx.viewer;
      applyRunBody(ctx, run, body);
      ctx.state.settleSuite(run.checkSuiteId);
      if (run.status === 'completed') await settleMerges(ctx, repo);
      return { status: 201, body: ctx.render.checkRun(run) };
    },
  },
  {
    method: 'GET',
    route: `${R}/check-runs/{check_run_id}`,
    handler: (ctx) => ({ status: 200, body: ctx.render.checkRun(checkRunOf(ctx).run) }),
  },
  {
    method: 'PATCH',
    route: `${R}/check-runs/{check_run_id}`,
    handler: async (ctx) => {
      const { repo, run } = checkRunOf(ctx);
      applyRunBody(ctx, run, bodyObject(ctx));
      ctx.state.settleSuite(run.checkSuiteId);
      if (run.status === 'completed') await settleMerges(ctx, repo);
      return { status: 200, body: ctx.render.checkRun(run) };
    },
  },
  {
    method: 'GET',
    route: `${R}/branches/{branch}/protection`,
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const rule = ctx.state.findBranchRule(repo.fullName, String(ctx.params.branch));
      if (!rule) throw new HttpError(404, 'Branch not protected');
      return { status: 200, body: protection(ctx, repo, rule) };
    },
  },
  {
    method: 'GET',
    route: `${R}/rules/branches/{branch}`,
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const rule = ctx.state.findBranchRule(repo.fullName, String(ctx.params.branch));
      return { status: 200, body: rule ? rules(repo, rule) : [] };
    },
  },
  {
    method: 'PATCH',
    route: R,
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const body = bodyObject(ctx);
      if (typeof body.allow_auto_merge === 'boolean') repo.allowAutoMerge = body.allow_auto_merge;
      if (typeof body.description === 'string') repo.description = body.description;
      repo.updatedAt = ctx.state.now();
      return { status: 200, body: ctx.render.repository(repo) };
    },
  },
];
