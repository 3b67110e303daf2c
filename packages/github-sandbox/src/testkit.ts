/** Real Octokit clients and a git push helper wired to a sandbox, for tests, the demo and benchmarks. */
import { Octokit } from '@octokit/core';
import { graphql } from '@octokit/graphql';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { restEndpointMethods } from '@octokit/plugin-rest-endpoint-methods';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runGit } from './git';
import type { GitHubSandbox } from './index';

export const SandboxOctokit = Octokit.plugin(restEndpointMethods, paginateRest);
export type SandboxOctokitInstance = InstanceType<typeof SandboxOctokit>;

export function sandboxOctokit(sandbox: Pick<GitHubSandbox, 'url'>, token = 'sandbox-token'): SandboxOctokitInstance {
  return new SandboxOctokit({
    auth: token,
    baseUrl: sandbox.url,
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
}

export function sandboxGraphql(sandbox: Pick<GitHubSandbox, 'url'>, token = 'sandbox-token'): typeof graphql {
  return graphql.defaults({ baseUrl: sandbox.url, headers: { authorization: `token ${token}` } });
}

/**
 * Commit `files` (content, or null to delete) on `branch` (created from `from`, default the
 * default branch, when new) and `git push` it to the sandbox's bare repository, as a developer
 * would. Returns the new commit sha.
 */
export async function pushBranch(
  sandbox: Pick<GitHubSandbox, 'gitRemotePath'>,
  owner: string,
  repo: string,
  input: { branch: string; from?: string; files: Record<string, string | null>; message?: string },
): Promise<string> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-clone-'));
  const git = async (...args: string[]): Promise<string> => {
    const result = await runGit(args, { cwd: work });
    if (result.code !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
    return result.stdout.toString('utf8').trim();
  };
  try {
    await git('clone', '--quiet', sandbox.gitRemotePath(owner, repo), '.');
    const remoteBranches = await git('branch', '-r');
    const exists = remoteBranches.split('\n').some((b) => b.trim() === `origin/${input.branch}`);
    if (exists) await git('checkout', '--quiet', input.branch);
    else await git('checkout', '--quiet', '-b', input.branch, ...(input.from ? [`origin/${input.from}`] : []));
    for (const [file, content] of Object.entries(input.files)) {
      const target = path.join(work, file);
      if (content === null) fs.rmSync(target, { force: true });
      else {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, content);
      }
    }
    await git('add', '-A');
    await git('commit', '--quiet', '-m', input.message ?? `Update ${input.branch}`);
    await git('push', '--quiet', 'origin', `HEAD:refs/heads/${input.branch}`);
    return await git('rev-parse', 'HEAD');
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
export { webhookProblems } from './webhook-schemas';
