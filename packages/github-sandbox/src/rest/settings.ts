/** Actions settings of a repository: its secrets (names only, as GitHub lists them) and the workflow permissions. */
import { paginate, repoOf, type RouteDef } from '../http';
import type { RepoRecord } from '../state';

const R = '/repos/{owner}/{repo}';

function secretList(repo: RepoRecord, names: string[]): { name: string; created_at: string; updated_at: string }[] {
  return [...names].sort().map((name) => ({ name, created_at: repo.createdAt, updated_at: repo.createdAt }));
}

export const settingsRoutes: RouteDef[] = [
  {
    method: 'GET',
    route: `${R}/actions/secrets`,
    handler: (ctx) => {
      const repo = repoOf(ctx);
      const all = secretList(repo, repo.secretNames);
      const page = paginate(ctx, all);
      return { status: 200, body: { total_count: all.length, secrets: page.items }, headers: page.headers };
    },
  },
  {
    method: 'GET',
    route: `${R}/actions/organization-secrets`,
    // The sandbox models no organisation, so no organisation secret is shared with a repository.
    handler: () => ({ status: 200, body: { total_count: 0, secrets: [] } }),
  },
  {
    method: 'GET',
    route: `${R}/actions/permissions/workflow`,
    handler: (ctx) => {
      const { workflowPermissions: w } = repoOf(ctx);
      return {
        status: 200,
        body: { default_workflow_permissions: w.defaultAccess, can_approve_pull_request_reviews: w.canApprovePullRequestReviews },
      };
    },
  },
];
