import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import type { GitHubReader } from '../../github/types';
import { testExecutor } from '../../isolation/test-helpers';
import { createToolset, type ToolsetKind } from './index';
import { baseEnv, call, fakeUntrusted, makeTempDir, removeDir } from './test-helpers';
import { createWorkspace } from './workspace';

const WRITE_OR_SHELL = ['edit_file', 'write_file', 'run_command'];

describe('createToolset', () => {
  let root: string;
  const github = { repo: { owner: 'o', repo: 'r' } } as GitHubReader;

  beforeEach(() => {
    root = makeTempDir();
  });
  afterEach(() => removeDir(root));

  function deps() {
    return {
      workspace: createWorkspace(root, { protectedPaths: ['.github/**'] }),
      untrusted: fakeUntrusted,
      redactor: { redact: (t: string) => t },
      env: baseEnv(),
      github,
      commands: { allowlist: ['node --version'], executor: testExecutor(root) },
    };
  }
  const names = (kind: ToolsetKind) => createToolset(kind, deps()).map((t) => t.name);

  it('gives read-only, triage and review no shell and no write tools', () => {
    expect(names('read-only')).toEqual(['read_file', 'list_files', 'search_code', 'git_diff']);
    expect(names('triage')).toEqual([...names('read-only'), 'get_issue', 'list_issue_comments', 'search_issues']);
    expect(names('review')).toEqual([...names('triage'), 'get_pull_request', 'get_pull_request_diff', 'list_review_threads']);
    for (const kind of ['read-only', 'triage', 'review'] as const) {
      expect(names(kind).filter((n) => WRITE_OR_SHELL.includes(n))).toEqual([]);
    }
  });

  it('gives build everything, with unique names and JSON-schema-able inputs', async () => {
    const tools = createToolset('build', deps());
    const all = tools.map((t) => t.name);
    expect(all).toEqual([...names('review'), ...WRITE_OR_SHELL]);
    expect(new Set(all).size).toBe(all.length);
    for (const tool of tools) {
      expect(tool.name).toMatch(/^[a-z_]{1,64}$/);
      expect(z.toJSONSchema(tool.input)).toMatchObject({ type: 'object' });
    }

    const write = tools.find((t) => t.name === 'write_file')!;
    await call(write, { path: 'made.txt', content: 'ok' });
    expect(fs.readFileSync(path.join(root, 'made.txt'), 'utf8')).toBe('ok');
    const run = tools.find((t) => t.name === 'run_command')!;
    expect(await call(run, { command: 'node --version' })).toContain('exit code 0');
  });

  it('names the missing dependency', () => {
    const { github: _g, ...noGithub } = deps();
    expect(() => createToolset('triage', noGithub)).toThrow("createToolset('triage') needs deps.github");
    const { commands: _c, ...noCommands } = deps();
    expect(() => createToolset('build', noCommands)).toThrow("createToolset('build') needs deps.commands");
    expect(createToolset('read-only', noGithub)).toHaveLength(4);
  });
});
