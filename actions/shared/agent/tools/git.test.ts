import * as fs from 'node:fs';
import * as path from 'node:path';
import { gitDiffTool, searchCodeTool } from './git';
import { baseEnv, call, fakeUntrusted, git, initRepo, makeTempDir, removeDir, writeFiles } from './test-helpers';
import { createWorkspace, type Workspace } from './workspace';

describe('git tools', () => {
  let root: string;
  let ws: Workspace;
  const deps = () => ({ untrusted: fakeUntrusted, env: baseEnv() });

  beforeEach(() => {
    root = makeTempDir();
    initRepo(root);
    writeFiles(root, {
      '.gitignore': 'ignored/\n',
      'src/a.ts': 'export function parseConfig() {}\nconst re = /a.b/;\n',
      'src/b.ts': 'import { parseConfig } from "./a";\nPARSECONFIG();\n',
      'ignored/c.ts': 'parseConfig();\n',
      'docs/notes.md': 'a.b and axb\n',
    });
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'initial');
  });

  afterEach(() => removeDir(root));

  beforeEach(() => {
    ws = createWorkspace(root, { protectedPaths: [] });
  });

  describe('search_code', () => {
    it('never searches or diffs files that hold secrets', async () => {
      writeFiles(root, { '.env': 'parseConfig=sk_live_plain\n', 'keys/deploy.key': 'parseConfig\n', 'src/c.ts': 'parseConfig\n' });
      const out = await call(searchCodeTool(ws, deps()), { pattern: 'parseConfig' });
      expect(out).toContain('src/c.ts:1:parseConfig');
      expect(out).not.toMatch(/\.env|deploy\.key|sk_live/);
      await expect(call(searchCodeTool(ws, deps()), { pattern: 'x', path: '.env' })).rejects.toMatchObject({ rule: 'secret-file' });
      const diff = await call(gitDiffTool(ws, deps()), {});
      expect(diff).toContain('src/c.ts');
      expect(diff).not.toMatch(/\.env|deploy\.key/);
    });

    it('finds fixed strings with file and line, in tracked and untracked files, not ignored ones', async () => {
      writeFiles(root, { 'src/new.ts': 'parseConfig();\n' });
      const out = await call(searchCodeTool(ws, deps()), { pattern: 'parseConfig' });
      expect(out).toContain('<untrusted source="search_code">');
      expect(out).toContain('src/a.ts:1:export function parseConfig() {}');
      expect(out).toContain('src/b.ts:1:import { parseConfig } from "./a";');
      expect(out).toContain('src/new.ts:1:parseConfig();');
      expect(out).not.toContain('ignored/c.ts');
      expect(out).not.toContain('PARSECONFIG');
    });

    it('treats the pattern literally unless regex is set, and can ignore case', async () => {
      const tool = searchCodeTool(ws, deps());
      const literal = await call(tool, { pattern: 'a.b', path: 'docs' });
      expect(literal).toContain('docs/notes.md:1:');
      expect(await call(tool, { pattern: 'axb|zzz', path: 'docs' })).toBe('No matches for "axb|zzz" in docs.');
      expect(await call(tool, { pattern: 'axb|zzz', path: 'docs', regex: true })).toContain('docs/notes.md:1:');
      expect(await call(tool, { pattern: 'parseconfig', path: 'src/b.ts', ignoreCase: true })).toContain('src/b.ts:2:PARSECONFIG();');
    });

    it('bounds the output', async () => {
      writeFiles(root, { 'many.txt': Array.from({ length: 5000 }, (_, i) => `needle ${i} ${'y'.repeat(40)}`).join('\n') });
      const out = await call(searchCodeTool(ws, deps()), { pattern: 'needle' });
      expect(out.startsWith('5000 matching lines')).toBe(true);
      expect(Buffer.byteLength(out)).toBeLessThan(30 * 1024);
      expect(out).toContain('[truncated:');
    });

    it('refuses a path outside the workspace', async () => {
      await expect(call(searchCodeTool(ws, deps()), { pattern: 'root', path: '/etc' })).rejects.toMatchObject({
        rule: 'workspace-escape',
      });
    });
  });

  describe('git_diff', () => {
    it('shows unstaged changes and untracked files, or says there are none', async () => {
      const tool = gitDiffTool(ws, deps());
      expect(await call(tool, {})).toBe('No unstaged changes in the workspace.');
      fs.appendFileSync(path.join(root, 'src/a.ts'), 'export const added = true;\n');
      writeFiles(root, { 'src/fresh.ts': 'new\n' });
      const out = await call(tool, {});
      expect(out).toContain('+export const added = true;');
      expect(out).toContain('Untracked files:');
      expect(out).toContain('src/fresh.ts');
    });

    it('shows staged changes and limits to a path', async () => {
      fs.appendFileSync(path.join(root, 'src/a.ts'), '// staged\n');
      fs.appendFileSync(path.join(root, 'src/b.ts'), '// unstaged\n');
      git(root, 'add', 'src/a.ts');
      const tool = gitDiffTool(ws, deps());
      const staged = await call(tool, { staged: true });
      expect(staged).toContain('+// staged');
      expect(staged).not.toContain('// unstaged');
      const onlyB = await call(tool, { path: 'src/b.ts' });
      expect(onlyB).toContain('+// unstaged');
      expect(onlyB).not.toContain('src/a.ts');
    });
  });
});
