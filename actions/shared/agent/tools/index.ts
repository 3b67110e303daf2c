import type { GitHubReader } from '../../github/types';
import type { Executor } from '../../isolation/types';
import type { ToolDef } from '../tool';
import { runCommandTool } from './command';
import { editFileTool, listFilesTool, readFileTool, writeFileTool } from './files';
import { gitDiffTool, searchCodeTool } from './git';
import {
  getIssueTool,
  getPullRequestDiffTool,
  getPullRequestTool,
  listIssueCommentsTool,
  listReviewThreadsTool,
  searchIssuesTool,
} from './github';
import type { Redactor, Untrusted } from './output';
import type { Workspace } from './workspace';

export { createWorkspace, type Workspace, type WorkspaceOptions } from './workspace';
export { checkCommand, dropSecretVariables, parseAllowlist, runCommandTool, type RunCommandDeps } from './command';
export { splitCommandLine } from './shellwords';
export type { Redactor, Untrusted } from './output';
export * from './files';
export * from './git';
export * from './github';

/**
 * Which tools an automation's agent gets:
 * - read-only: reading the workspace (files, search, local diff);
 * - triage: read-only plus reading issues;
 * - review: read-only plus reading issues, pull requests, diffs and review threads;
 * - build: everything, including writing files and running allowlisted commands.
 * Only build has a shell or a write tool. Intent tools are added by each automation.
 */
export type ToolsetKind = 'read-only' | 'triage' | 'review' | 'build';

export interface ToolsetDeps {
  workspace: Workspace;
  /** The one sanitizing path for untrusted text (security/sanitize `untrusted`). */
  untrusted: Untrusted;
  /** Secret redaction for command output (security/redact createRedactor()). */
  redactor: Redactor;
  /** Scrubbed environment for git and commands (security/redact `scrubEnv(process.env)`). */
  env: Record<string, string>;
  /** Needed by triage, review and build. */
  github?: GitHubReader;
  /** Needed by build: allowlisted command lines or prefixes from config, and the sandbox they run in. */
  commands?: { allowlist: string[]; defaultTimeoutSeconds?: number; executor: Executor };
}

export function createToolset(kind: ToolsetKind, deps: ToolsetDeps): ToolDef[] {
  const { workspace: ws, untrusted } = deps;
  const git = { untrusted, env: deps.env };
  const tools: ToolDef[] = [readFileTool(ws, untrusted), listFilesTool(ws, untrusted), searchCodeTool(ws, git), gitDiffTool(ws, git)];
  if (kind === 'read-only') return tools;

  const gh = requireDep(deps.github, kind, 'github');
  tools.push(getIssueTool(gh, untrusted), listIssueCommentsTool(gh, untrusted), searchIssuesTool(gh, untrusted));
  if (kind === 'triage') return tools;

  tools.push(getPullRequestTool(gh, untrusted), getPullRequestDiffTool(gh, untrusted), listReviewThreadsTool(gh, untrusted));
  if (kind === 'review') return tools;

  const commands = requireDep(deps.commands, kind, 'commands');
  tools.push(
    editFileTool(ws),
    writeFileTool(ws),
    runCommandTool(ws, {
      allowlist: commands.allowlist,
      defaultTimeoutSeconds: commands.defaultTimeoutSeconds,
      executor: commands.executor,
      redactor: deps.redactor,
      untrusted,
    }),
  );
  return tools;
}

function requireDep<T>(value: T | undefined, kind: ToolsetKind, name: string): T {
  if (value === undefined) throw new Error(`createToolset('${kind}') needs deps.${name}`);
  return value;
}
