/** Comparing two commits (`GET /compare/{base}...{head}`): status, counts, commits and files, from git. */
import { HTML } from '../render';
import { HttpError, notFound, repoOf, type RestContext, type RouteDef } from '../http';

const R = '/repos/{owner}/{repo}';

/** GitHub lists at most 250 commits and 300 files in a comparison. */
const MAX_COMMITS = 250;
const MAX_FILES = 300;

async function commitJson(ctx: RestContext, full: string, owner: string, name: string, sha: string): Promise<Record<string, unknown>> {
  const c = await ctx.git.commitMeta(owner, name, sha);
  const url = `${ctx.api}/repos/${full}/commits/${c.sha}`;
  return {
    url,
    sha: c.sha,
    node_id: `C_kwDO${Buffer.from(c.sha, 'hex').toString('base64url')}`,
    html_url: `${HTML}/${full}/commit/${c.sha}`,
    comments_url: `${url}/comments`,
    commit: {
      url: `${ctx.api}/repos/${full}/git/commits/${c.sha}`,
      author: c.author,
      committer: c.committer,
      message: c.message,
      comment_count: 0,
      tree: { sha: c.tree, url: `${ctx.api}/repos/${full}/git/trees/${c.tree}` },
    },
    // Commits pushed through the sandbox's git remote belong to no GitHub account.
    author: null,
    committer: null,
    parents: c.parents.map((p) => ({ sha: p, url: `${ctx.api}/repos/${full}/commits/${p}`, html_url: `${HTML}/${full}/commit/${p}` })),
  };
}

export const compareRoutes: RouteDef[] = [
  {
    method: 'GET',
    route: `${R}/compare/{basehead}`,
    handler: async (ctx) => {
      const repo = repoOf(ctx);
      const spec = String(ctx.params.basehead);
      const parts = spec.split('...');
      if (parts.length !== 2 || !parts[0] || !parts[1]) throw notFound();
      const [base, head] = await Promise.all(parts.map((ref) => ctx.git.resolve(repo.owner, repo.name, ref)));
      if (!base || !head) throw notFound();
      const mergeBase = await ctx.git.mergeBase(repo.owner, repo.name, base, head);
      if (!mergeBase) throw new HttpError(404, `No common ancestor between ${parts[0]} and ${parts[1]}.`);
      const [aheadBy, behindBy] = await Promise.all([
        ctx.git.aheadCount(repo.owner, repo.name, base, head),
        ctx.git.aheadCount(repo.owner, repo.name, head, base),
      ]);
      const status = aheadBy === 0 && behindBy === 0 ? 'identical' : behindBy === 0 ? 'ahead' : aheadBy === 0 ? 'behind' : 'diverged';
      const shas = await ctx.git.revList(repo.owner, repo.name, base, head, MAX_COMMITS);
      const files = (await ctx.git.changedFiles(repo.owner, repo.name, base, head)).slice(0, MAX_FILES);
      const full = repo.fullName;
      const commitJsonOf = (sha: string) => commitJson(ctx, full, repo.owner, repo.name, sha);
      return {
        status: 200,
        body: {
          url: `${ctx.api}/repos/${full}/compare/${spec}`,
          html_url: `${HTML}/${full}/compare/${spec}`,
          permalink_url: `${HTML}/${full}/compare/${base.slice(0, 7)}...${head.slice(0, 7)}`,
          diff_url: `${HTML}/${full}/compare/${spec}.diff`,
          patch_url: `${HTML}/${full}/compare/${spec}.patch`,
          base_commit: await commitJsonOf(base),
          merge_base_commit: await commitJsonOf(mergeBase),
          status,
          ahead_by: aheadBy,
          behind_by: behindBy,
          total_commits: aheadBy,
          commits: await Promise.all(shas.map(commitJsonOf)),
          files: files.map((f) => ({
            sha: f.sha,
            filename: f.filename,
            status: f.status,
            additions: f.additions,
            deletions: f.deletions,
            changes: f.additions + f.deletions,
            blob_url: `${HTML}/${full}/blob/${head}/${encodeURI(f.filename)}`,
            raw_url: `${HTML}/${full}/raw/${head}/${encodeURI(f.filename)}`,
            contents_url: `${ctx.api}/repos/${full}/contents/${encodeURI(f.filename)}?ref=${head}`,
            ...(f.patch !== undefined ? { patch: f.patch } : {}),
            ...(f.previousFilename ? { previous_filename: f.previousFilename } : {}),
          })),
        },
      };
    },
  },
];
