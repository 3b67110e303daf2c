import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AutomationDeps } from '../../actions/shared/automation/types';
import { cloneRepository, openGit } from '../../actions/shared/git';
import type { Automation } from '../../actions/shared/state/automations';
import type { FactorySandbox } from '../../scripts/harness';
import type { TokenPermissions } from '@software-factory/github-sandbox';

/**
 * Split mode on the sandboxes, as the two jobs of a workflow run would have it: each job its own
 * checkout of the default branch (cloned over the sandbox's git HTTP endpoint with the job's
 * token, which git sends per command and never stores), its own token, and its own deps.
 */

/** The agent job's token: reads only. */
export const AGENT_PERMISSIONS: Partial<TokenPermissions> = {
  contents: 'read',
  issues: 'read',
  'pull-requests': 'read',
  actions: 'read',
  checks: 'read',
};
/** The apply job's token: writes, and no model key beside it. */
export const APPLY_PERMISSIONS: Partial<TokenPermissions> = {
  contents: 'write',
  issues: 'write',
  'pull-requests': 'write',
  actions: 'write',
};

export interface Job {
  token: string;
  workspace: string;
  deps: AutomationDeps & { logger: { lines?: unknown[] } };
}

export function scratchDir(prefix: string, cleanup: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanup.push(dir);
  return dir;
}

const GIT_ENV = { ...process.env, GIT_CONFIG_GLOBAL: os.devNull, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' };

/** One job: a token with `permissions`, a fresh checkout over HTTP with it, and the automation's deps. */
export async function startJob(
  sandbox: FactorySandbox,
  automation: Automation,
  permissions: Partial<TokenPermissions>,
  cleanup: string[],
  opts: { model: boolean; runId?: string },
): Promise<Job> {
  const token = sandbox.github.mintToken({ permissions });
  const workspace = path.join(scratchDir('split-job-', cleanup), 'checkout');
  const { owner, repo } = sandbox.repo;
  await cloneRepository({ remoteUrl: sandbox.github.gitUrl(owner, repo), dir: workspace, defaultBranch: 'main', token, env: GIT_ENV });
  const env = sandbox.deps(automation).env;
  const deps = sandbox.deps(automation, {
    github: sandbox.client(token),
    workspace,
    ...(opts.runId ? { runId: opts.runId } : {}),
    git: (o) => openGit({ root: workspace, defaultBranch: 'main', token, env, ...(o ?? {}) }),
  });
  if (!opts.model) delete deps.model;
  return { token, workspace, deps };
}

/** A copy of an artifact folder, to tamper with. */
export function copyArtifact(from: string, cleanup: string[]): string {
  const to = scratchDir('split-artifact-', cleanup);
  fs.cpSync(from, to, { recursive: true });
  return to;
}

export function editJson(file: string, edit: (data: any) => void): void {
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(data);
  fs.writeFileSync(file, JSON.stringify(data, null, 2));
}
