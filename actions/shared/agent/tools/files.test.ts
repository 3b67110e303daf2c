import * as fs from 'node:fs';
import * as path from 'node:path';
import { ToolRefusal } from '../tool';
import { editFileTool, listFilesTool, readFileTool, writeFileTool } from './files';
import { call, fakeUntrusted, makeTempDir, removeDir, writeFiles } from './test-helpers';
import { createWorkspace, type Workspace } from './workspace';

describe('file tools', () => {
  let root: string;
  let ws: Workspace;

  beforeEach(() => {
    root = makeTempDir();
    writeFiles(root, {
      'src/a.ts': 'const a = 1;\nconst b = 2;\nconst c = 3;\n',
      'src/dup.ts': 'x();\nx();\nx();\n',
      '.git/config': '[core]\n',
    });
    ws = createWorkspace(root, { protectedPaths: ['.github/**', 'action.yml', '**/action.yml'] });
  });

  afterEach(() => removeDir(root));

  describe('read_file', () => {
    it('returns numbered lines through the untrusted filter', async () => {
      const out = await call(readFileTool(ws, fakeUntrusted), { path: 'src/a.ts' });
      expect(out).toBe(
        'src/a.ts (lines 1-3 of 3)\n<untrusted source="file src/a.ts">\n1\tconst a = 1;\n2\tconst b = 2;\n3\tconst c = 3;\n</untrusted>',
      );
    });

    it('reads a line range', async () => {
      const out = await call(readFileTool(ws, fakeUntrusted), { path: 'src/a.ts', startLine: 2, endLine: 2 });
      expect(out).toContain('(lines 2-2 of 3)');
      expect(out).toContain('2\tconst b = 2;');
      expect(out).not.toContain('const a');
      await expect(call(readFileTool(ws, fakeUntrusted), { path: 'src/a.ts', startLine: 9 })).rejects.toThrow(
        'startLine 9 is past the end of src/a.ts (3 lines)',
      );
    });

    it('caps large output with a note on how to read more', async () => {
      writeFiles(root, { 'big.txt': Array.from({ length: 20000 }, (_, i) => `line ${i} ${'x'.repeat(20)}`).join('\n') });
      const out = await call(readFileTool(ws, fakeUntrusted), { path: 'big.txt' });
      expect(Buffer.byteLength(out)).toBeLessThan(110 * 1024);
      expect(out).toContain('line 0 ');
      expect(out).not.toContain('line 19999 ');
      expect(out).toMatch(/\[truncated: \d+ more bytes; pass startLine\/endLine to read the rest\]/);
    });

    it('refuses files outside the workspace and git internals', async () => {
      const tool = readFileTool(ws, fakeUntrusted);
      await expect(call(tool, { path: '../../etc/passwd' })).rejects.toBeInstanceOf(ToolRefusal);
      await expect(call(tool, { path: '.git/config' })).rejects.toMatchObject({ rule: 'git-internals' });
      await expect(call(tool, { path: 'missing.ts' })).rejects.toThrow('missing.ts does not exist');
    });

    it('refuses files that hold secrets, by name or through a symlink, but reads templates', async () => {
      writeFiles(root, {
        '.env': 'STRIPE_KEY=plain-value-no-token-shape\n',
        'config/.env.production': 'DB_PASSWORD=hunter2\n',
        'deploy/server.pem': '-----BEGIN PRIVATE KEY-----\n',
        '.npmrc': '//registry.npmjs.org/:_authToken=abc\n',
        '.env.example': 'STRIPE_KEY=\n',
      });
      fs.symlinkSync(path.join(root, '.env'), path.join(root, 'src', 'settings.txt'));
      const tool = readFileTool(ws, fakeUntrusted);
      for (const p of ['.env', 'config/.env.production', 'deploy/server.pem', '.npmrc', './config/../.env', 'src/settings.txt', '.ENV']) {
        await expect(call(tool, { path: p })).rejects.toMatchObject({ rule: 'secret-file' });
      }
      expect(await call(tool, { path: '.env.example' })).toContain('STRIPE_KEY=');
      await expect(call(writeFileTool(ws), { path: 'config/.env.local', content: 'X=1\n' })).rejects.toMatchObject({ rule: 'secret-file' });
      const listed = (await call(listFilesTool(ws, fakeUntrusted), {})).split('\n');
      expect(listed).toContain('.env.example');
      expect(listed.filter((l) => /\.env$|\.env\.production|\.pem|\.npmrc/.test(l))).toEqual([]);
    });
  });

  describe('list_files', () => {
    beforeEach(() => {
      writeFiles(root, {
        '.gitignore': 'dist/\n*.log\n',
        'dist/out.js': '',
        'debug.log': '',
        'pkg/.gitignore': 'generated.ts\n!keep.log\n',
        'pkg/generated.ts': '',
        'pkg/index.ts': '',
        'pkg/keep.log': '',
        'pkg/deep/generated.ts': '',
        'pkg/deep/other.md': '',
        'README.md': '',
      });
    });

    it('lists files honouring root and nested .gitignore files, never .git', async () => {
      const out = await call(
        listFilesTool(ws, (_s, t) => t),
        {},
      );
      expect(out.split('\n')).toEqual([
        '.gitignore',
        'README.md',
        'pkg/.gitignore',
        'pkg/deep/other.md',
        'pkg/index.ts',
        'pkg/keep.log',
        'src/a.ts',
        'src/dup.ts',
      ]);
    });

    it('filters by directory and glob, applying the ignore rules of the ancestors', async () => {
      const tool = listFilesTool(ws, (_s, t) => t);
      expect((await call(tool, { path: 'pkg' })).split('\n')).toEqual([
        'pkg/.gitignore',
        'pkg/deep/other.md',
        'pkg/index.ts',
        'pkg/keep.log',
      ]);
      expect(await call(tool, { pattern: '*.ts' })).toBe('pkg/index.ts\nsrc/a.ts\nsrc/dup.ts');
      expect(await call(tool, { pattern: 'src/**' })).toBe('src/a.ts\nsrc/dup.ts');
      expect(await call(tool, { path: 'dist' })).toBe('No files under dist.');
      await expect(call(tool, { path: '.git' })).rejects.toMatchObject({ rule: 'git-internals' });
    });
  });

  describe('write_file', () => {
    it('creates parent directories inside the workspace', async () => {
      const out = await call(writeFileTool(ws), { path: 'new/deep/file.ts', content: 'hello' });
      expect(out).toBe('Created new/deep/file.ts (5 bytes).');
      expect(fs.readFileSync(path.join(root, 'new/deep/file.ts'), 'utf8')).toBe('hello');
      expect(await call(writeFileTool(ws), { path: 'new/deep/file.ts', content: 'bye' })).toContain('Overwrote');
    });

    it.each([
      ['.github/workflows/x.yml', 'protected-path'],
      ['action.yml', 'protected-path'],
      ['.git/hooks/pre-commit', 'git-internals'],
      ['../escape.txt', 'workspace-escape'],
      ['/tmp/escape.txt', 'workspace-escape'],
    ])('refuses to write %s (%s) and writes nothing', async (p, rule) => {
      await expect(call(writeFileTool(ws), { path: p, content: 'x' })).rejects.toMatchObject({ rule });
      expect(fs.existsSync(path.join(root, '.github'))).toBe(false);
      expect(fs.existsSync(path.join(root, 'action.yml'))).toBe(false);
      expect(fs.existsSync(path.join(root, '.git/hooks'))).toBe(false);
    });

    it('writes a protected path listed in writableProtectedPaths as written, never its lookalike or case variant', async () => {
      const mig = createWorkspace(root, { protectedPaths: ['**/migrations/**'], writableProtectedPaths: ['migrations/**'] });
      expect(await call(writeFileTool(mig), { path: 'migrations/002.sql', content: 'ALTER TABLE t;' })).toContain('Created');
      await expect(call(writeFileTool(mig), { path: 'db/migrations/002.sql', content: 'x' })).rejects.toMatchObject({
        rule: 'protected-path',
      });
      await expect(call(writeFileTool(mig), { path: 'MIGRATIONS/002.sql', content: 'x' })).rejects.toMatchObject({
        rule: 'protected-path',
      });
      await expect(call(writeFileTool(mig), { path: 'migrаtions/002.sql', content: 'x' })).rejects.toMatchObject({
        rule: 'protected-path',
      });
      expect(fs.existsSync(path.join(root, 'db'))).toBe(false);
    });

    it('does not create directories through a symlink that leads outside', async () => {
      const outside = makeTempDir('factory-outside-');
      try {
        fs.symlinkSync(outside, path.join(root, 'link'));
        await expect(call(writeFileTool(ws), { path: 'link/a/b.txt', content: 'x' })).rejects.toMatchObject({
          rule: 'workspace-escape',
        });
        expect(fs.readdirSync(outside)).toEqual([]);
      } finally {
        removeDir(outside);
      }
    });
  });

  describe('edit_file', () => {
    it('replaces a unique string exactly, without $-pattern surprises', async () => {
      const out = await call(editFileTool(ws), { path: 'src/a.ts', oldString: 'const b = 2;', newString: "const b = '$&';" });
      expect(out).toBe('Edited src/a.ts: replaced 1 occurrence.');
      expect(fs.readFileSync(path.join(root, 'src/a.ts'), 'utf8')).toBe("const a = 1;\nconst b = '$&';\nconst c = 3;\n");
    });

    it('explains a non-unique oldString and leaves the file alone', async () => {
      await expect(call(editFileTool(ws), { path: 'src/dup.ts', oldString: 'x();', newString: 'y();' })).rejects.toThrow(
        'oldString occurs 3 times in src/dup.ts; add surrounding lines to make it unique or pass replaceAll',
      );
      expect(fs.readFileSync(path.join(root, 'src/dup.ts'), 'utf8')).toBe('x();\nx();\nx();\n');
    });

    it('replaces every occurrence with replaceAll', async () => {
      const out = await call(editFileTool(ws), { path: 'src/dup.ts', oldString: 'x();', newString: 'y();', replaceAll: true });
      expect(out).toBe('Edited src/dup.ts: replaced 3 occurrences.');
      expect(fs.readFileSync(path.join(root, 'src/dup.ts'), 'utf8')).toBe('y();\ny();\ny();\n');
    });

    it('explains a missing oldString and refuses protected files', async () => {
      await expect(call(editFileTool(ws), { path: 'src/a.ts', oldString: 'const z', newString: 'q' })).rejects.toThrow(
        'oldString was not found in src/a.ts',
      );
      writeFiles(root, { '.github/workflows/ci.yml': 'on: push\n' });
      await expect(
        call(editFileTool(ws), { path: '.github/workflows/ci.yml', oldString: 'push', newString: 'pull_request_target' }),
      ).rejects.toMatchObject({ rule: 'protected-path' });
      expect(fs.readFileSync(path.join(root, '.github/workflows/ci.yml'), 'utf8')).toBe('on: push\n');
    });
  });
});
