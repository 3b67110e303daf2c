/** Repository metadata, file contents from git, the authenticated user, installation repos. */
import { HTML } from '../render';
import { notFound, paginate, repoOf, type RestContext, type RouteDef } from '../http';
import type { TreeEntry } from '../git';

const R = '/repos/{owner}/{repo}';

/** Largest file the contents API returns inline as base64 (1 MB). */
export const MAX_INLINE_BYTES = 1024 * 1024;

/**
 * The raw media type the `Accept` header asks for (`application/vnd.github.raw`, `.v3.raw`, either
 * with `+json`), as GitHub echoes it in `Content-Type`; undefined for JSON.
 */
export function rawMediaType(accept: string | string[] | undefined): string | undefined {
  const list = (Array.isArray(accept) ? accept.join(',') : (accept ?? '')).split(',');
  for (const item of list) {
    const m = /^application\/vnd\.github(\.v3)?\.raw(\+json)?$/i.exec(item.split(';')[0]!.trim());
    if (m) return `application/vnd.github${m[1] ?? ''}.raw`;
  }
  return undefined;
}

/** Base64 with a newline every 60 characters, as the contents API returns it. */
function base64Lines(content: Buffer): string {
  const text = content.toString('base64');
  return text.replace(/(.{60})/g, '$1\n') + (text.length % 60 === 0 && text.length > 0 ? '' : '\n');
}

function entryJson(
  ctx: RestContext,
  full: string,
  ref: string,
  e: Pick<TreeEntry, 'type' | 'path' | 'name' | 'sha' | 'size'>,
): Record<string, unknown> {
  const url = `${ctx.api}/repos/${full}/contents/${encodeURI(e.path)}?ref=${encodeURIComponent(ref)}`;
  const gitUrl = `${ctx.api}/repos/${full}/git/${e.type === 'dir' ? 'trees' : 'blobs'}/${e.sha}`;
  const htmlUrl = `${HTML}/${full}/${e.type === 'dir' ? 'tree' : 'blob'}/${encodeURIComponent(ref)}/${encodeURI(e.path)}`;
  return {
    type: e.type,
    size: e.size,
    name: e.name,
    path: e.path,
    sha: e.sha,
    url,
    git_url: gitUrl,
    html_url: htmlUrl,
    download_url: e.type === 'file' ? `https://raw.githubusercontent.com/${full}/${encodeURIComponent(ref)}/${encodeURI(e.path)}` : null,
    _links: { self: url, git: gitUrl, html: htmlUrl },
  };
}

export const repoRoutes: RouteDef[] = [
  { method: 'GET', route: R, handler: (ctx) => ({ status: 200, body: ctx.render.repository(repoOf(ctx)) }) },
  {
    method: 'GET',
    route: `${R}/contents/{path}`,
    handler: async (ctx) => {
      const repo = repoOf(ctx);
      const ref = typeof ctx.query.ref === 'string' && ctx.query.ref !== '' ? ctx.query.ref : repo.defaultBranch;
      const sha = await ctx.git.resolve(repo.owner, repo.name, ref);
      if (!sha) throw notFound();
      const filePath = String(ctx.params.path).replace(/^\/+|\/+$/g, '');
      const found = await ctx.git.readPath(repo.owner, repo.name, sha, filePath);
      if (!found) throw notFound();
      if (found.kind === 'dir') return { status: 200, body: found.entries.map((e) => entryJson(ctx, repo.fullName, ref, e)) };
      const raw = rawMediaType(ctx.headers.accept);
      if (raw) {
        const headers = { etag: `"${found.sha}"`, 'x-github-media-type': 'github.v3; param=raw' };
        return { status: 200, text: found.content, contentType: `${raw}; charset=utf-8`, headers };
      }
      const name = filePath.split('/').pop() ?? filePath;
      // Between 1 and 100 MB GitHub leaves the content out: only the raw media type returns it.
      const large = found.content.length > MAX_INLINE_BYTES;
      return {
        status: 200,
        body: {
          ...entryJson(ctx, repo.fullName, ref, { type: 'file', path: filePath, name, sha: found.sha, size: found.content.length }),
          content: large ? '' : base64Lines(found.content),
          encoding: large ? 'none' : 'base64',
        },
      };
    },
  },
  {
    method: 'GET',
    route: '/user',
    handler: (ctx) => {
      const user = ctx.render.user(ctx.viewer);
      return {
        status: 200,
        body: {
          ...user,
          name: null,
          company: null,
          blog: null,
          location: null,
          email: null,
          hireable: null,
          bio: null,
          public_repos: ctx.state.repos.filter((r) => r.owner === ctx.viewer).length,
          public_gists: 0,
          followers: 0,
          following: 0,
          created_at: '2020-01-01T00:00:00Z',
          updated_at: '2020-01-01T00:00:00Z',
        },
      };
    },
  },
  {
    method: 'GET',
    route: '/installation/repositories',
    handler: (ctx) => {
      const page = paginate(ctx, ctx.state.repos);
      return {
        status: 200,
        body: { total_count: ctx.state.repos.length, repositories: page.items.map((r) => ctx.render.repository(r)) },
        headers: page.headers,
      };
    },
  },
];
