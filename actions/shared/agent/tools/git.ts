import { execFile } from 'node:child_process';
import { z } from 'zod';
import { defineTool } from '../tool';
import { dropSecretVariables } from './command';
import { truncateHead, truncateMiddle, type Untrusted } from './output';
import { secretExcludePathspecs, type Workspace } from './workspace';

const MAX_GIT_BUFFER = 4 * 1024 * 1024;
const MAX_SEARCH_OUTPUT_BYTES = 24 * 1024;
const MAX_SEARCH_LINE_CHARS = 400;
const GIT_TIMEOUT_MS = 60_000;

export interface GitToolDeps {
  untrusted: Untrusted;
  /** Environment for git (already scrubbed by the caller). */
  env: Record<string, string>;
}

interface GitResult {
  stdout: string;
  code: number;
  truncated: boolean;
}

/**
 * Runs git without a shell in the workspace, with hooks and fsmonitor out of the way. Paths from
 * the model go in as `literal(scope)` pathspecs, so only the factory's own excludes use magic.
 */
function git(ws: Workspace, env: Record<string, string>, args: string[], signal?: AbortSignal): Promise<GitResult> {
  const fullArgs = ['-c', 'core.fsmonitor=false', '-c', 'core.quotePath=false', '--no-pager', ...args];
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      fullArgs,
      {
        cwd: ws.root,
        env: { ...dropSecretVariables(env), GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
        maxBuffer: MAX_GIT_BUFFER,
        timeout: GIT_TIMEOUT_MS,
        signal,
        encoding: 'utf8',
        shell: false,
      },
      (error, stdout, stderr) => {
        if (!error) return resolve({ stdout, code: 0, truncated: false });
        const e = error as NodeJS.ErrnoException & { code?: number | string };
        if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return resolve({ stdout, code: 0, truncated: true });
        if (typeof e.code === 'number') return resolve({ stdout: stdout || stderr, code: e.code, truncated: false });
        reject(new Error(`git ${args[0]} failed: ${e.message}`));
      },
    );
  });
}

export function searchCodeTool(ws: Workspace, deps: GitToolDeps) {
  return defineTool({
    name: 'search_code',
    description:
      'Search file contents in the workspace (git grep: tracked and untracked files, .gitignore honoured). ' +
      'The pattern is a fixed string unless regex is true (then an extended regular expression). Prints path:line:text.',
    input: z.object({
      pattern: z.string().min(1),
      path: z.string().min(1).optional().describe('Limit the search to this file or directory'),
      ignoreCase: z.boolean().optional(),
      regex: z.boolean().optional(),
    }),
    async run({ pattern, path: p, ignoreCase, regex }, ctx) {
      const scope = p === undefined ? '.' : ws.relative(ws.resolve(p));
      const args = ['grep', '-n', '-I', '--no-color', '--untracked', regex ? '-E' : '-F'];
      if (ignoreCase) args.push('-i');
      args.push('-e', pattern, '--', literal(scope), ...secretExcludePathspecs());
      const result = await git(ws, deps.env, args, ctx.signal);
      if (result.code === 1) return `No matches for ${JSON.stringify(pattern)} in ${describeScope(scope)}.`;
      if (result.code !== 0) throw new Error(`search failed: ${result.stdout.trim() || `git grep exited ${result.code}`}`);
      const lines = result.stdout
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => (line.length > MAX_SEARCH_LINE_CHARS ? `${line.slice(0, MAX_SEARCH_LINE_CHARS)}…` : line));
      let text = truncateHead(lines.join('\n'), MAX_SEARCH_OUTPUT_BYTES, 'narrow the search with path or a more specific pattern');
      if (result.truncated && !text.includes('[truncated')) text += '\n[truncated: too many matches; narrow the search]';
      return `${lines.length}${result.truncated ? '+' : ''} matching lines\n${deps.untrusted('search_code', text)}`;
    },
  });
}

export function gitDiffTool(ws: Workspace, deps: GitToolDeps) {
  return defineTool({
    name: 'git_diff',
    description:
      'Show uncommitted changes in the workspace (git diff against the index, or staged changes with staged=true), plus untracked files.',
    input: z.object({
      staged: z.boolean().optional(),
      path: z.string().min(1).optional(),
    }),
    async run({ staged, path: p }, ctx) {
      const scope = p === undefined ? '.' : ws.relative(ws.resolve(p));
      const args = ['diff', '--no-color', '--no-ext-diff', '--no-textconv'];
      if (staged) args.push('--cached');
      args.push('--', literal(scope), ...secretExcludePathspecs());
      const diff = await git(ws, deps.env, args, ctx.signal);
      if (diff.code !== 0) throw new Error(`git diff failed: ${diff.stdout.trim()}`);
      const untracked = staged
        ? undefined
        : await git(
            ws,
            deps.env,
            ['ls-files', '--others', '--exclude-standard', '--', literal(scope), ...secretExcludePathspecs()],
            ctx.signal,
          );
      const parts: string[] = [];
      parts.push(
        diff.stdout.trim() === ''
          ? `No ${staged ? 'staged' : 'unstaged'} changes in ${describeScope(scope)}.`
          : deps.untrusted('git_diff', truncateMiddle(diff.stdout, 48 * 1024, 16 * 1024)),
      );
      const newFiles = untracked?.code === 0 ? untracked.stdout.trim() : '';
      if (newFiles) parts.push(`Untracked files:\n${deps.untrusted('git_diff', truncateHead(newFiles, 8 * 1024, 'narrow with path'))}`);
      return parts.join('\n\n');
    },
  });
}

/** A workspace path as a pathspec without magic (`*`, `:(...)` and the like mean themselves). */
function literal(scope: string): string {
  return `:(literal)${scope}`;
}

function describeScope(scope: string): string {
  return scope === '.' ? 'the workspace' : scope;
}
