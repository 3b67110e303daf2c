/** The endpoints a GitHub App calls with its JWT: its installation on a repository. */
import { HTML } from '../render';
import { HttpError, notFound, repoOf, type RestContext, type RouteDef } from '../http';
import { JWT_UNDECODABLE, type InstallationRecord } from '../apps';

function installationJson(ctx: RestContext, i: InstallationRecord, slug: string, owner: string): Record<string, unknown> {
  const account = ctx.render.user(owner);
  return {
    id: i.id,
    client_id: `Iv1.${i.appId.toString(16).padStart(16, '0')}`,
    account,
    repository_selection: 'selected',
    access_tokens_url: `${ctx.api}/app/installations/${i.id}/access_tokens`,
    repositories_url: `${ctx.api}/installation/repositories`,
    html_url: `${HTML}/settings/installations/${i.id}`,
    app_id: i.appId,
    app_slug: slug,
    target_id: account.id,
    target_type: account.type === 'Organization' ? 'Organization' : 'User',
    permissions: { ...i.permissions },
    events: i.events,
    created_at: i.createdAt,
    updated_at: i.createdAt,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: null,
  };
}

export const appRoutes: RouteDef[] = [
  {
    method: 'GET',
    route: '/repos/{owner}/{repo}/installation',
    handler: (ctx) => {
      // Only an App's JWT reaches here with `ctx.app` set (the server verified it).
      if (!ctx.app || !ctx.apps) throw new HttpError(401, JWT_UNDECODABLE);
      const repo = repoOf(ctx);
      const installation = ctx.apps.installation(ctx.app.id, repo.fullName);
      if (!installation) throw notFound();
      return { status: 200, body: installationJson(ctx, installation, ctx.app.slug, repo.owner) };
    },
  },
];
