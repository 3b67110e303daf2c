import { checkChanges, symlinkEscapes, type ChangeRules } from './guard';
import type { ChangedFile } from './types';
import { DEFAULT_PROTECTED_PATHS } from '../config/schema';

const file = (filename: string, extra: Partial<ChangedFile> = {}): ChangedFile => ({
  filename,
  status: 'modified',
  additions: 1,
  deletions: 1,
  ...extra,
});

const rules: ChangeRules = {
  protectedPaths: ['.github/**', '**/action.yml', '**/package-lock.json'],
  maxFiles: 5,
  maxChangedLines: 100,
};

describe('checkChanges', () => {
  it('accepts an ordinary change within the caps', () => {
    expect(checkChanges([file('src/a.ts'), file('src/b.ts', { status: 'added', additions: 50 })], rules)).toEqual({ ok: true });
  });

  it.each(['.github/workflows/x.yml', 'action.yml', 'actions/builder/action.yml', 'package-lock.json', 'web/package-lock.json'])(
    'refuses a change to the protected path %s',
    (name) => {
      expect(checkChanges([file('src/a.ts'), file(name)], rules)).toEqual({
        ok: false,
        rule: 'protected-path',
        reason: `protected paths changed: ${name}`,
        files: [name],
      });
    },
  );

  it('counts both sides of a rename', () => {
    const moved = file('src/moved.yml', { status: 'renamed', previousFilename: '.github/workflows/x.yml' });
    expect(checkChanges([moved], rules)).toMatchObject({ ok: false, rule: 'protected-path', files: ['src/moved.yml'] });
  });

  it('lets writableProtectedPaths through as written; other protected paths and lookalikes stay refused', () => {
    const mig = { ...rules, protectedPaths: ['**/migrations/**'], writableProtectedPaths: ['migrations/**'] };
    expect(checkChanges([file('migrations/002.sql', { status: 'added' })], mig)).toEqual({ ok: true });
    expect(checkChanges([file('db/migrations/002.sql')], mig)).toMatchObject({ ok: false, rule: 'protected-path' });
    expect(checkChanges([file('Migrations/002.sql')], mig)).toMatchObject({ ok: false, rule: 'protected-path' });
    expect(checkChanges([file('migrаtions/002.sql')], mig)).toMatchObject({ ok: false, rule: 'lookalike-path' });
  });

  it('lets protected paths through when allowed, but never anything inside .git/', () => {
    const allow = { ...rules, allowProtected: true };
    expect(checkChanges([file('.github/workflows/x.yml'), file('action.yml')], allow)).toEqual({ ok: true });
    for (const name of ['.git/config', 'vendor/lib/.git/hooks/pre-commit', '.GIT/config']) {
      const result = checkChanges([file(name)], allow);
      expect(result).toMatchObject({ ok: false, rule: 'protected-path', files: [name] });
      if (!result.ok) expect(result.reason).toMatch(/\.git\//);
    }
    expect(checkChanges([file('.gitignore'), file('.github/x.gitkeep')], allow)).toEqual({ ok: true });
  });

  it('compares protected paths ignoring case and refuses their lookalikes even when protected paths are allowed', () => {
    expect(checkChanges([file('.GITHUB/workflows/x.yml')], rules)).toMatchObject({ ok: false, rule: 'protected-path' });
    const allow = { ...rules, allowProtected: true };
    for (const name of ['.github\u2215workflows/x.yml', '.g\u0456thub/workflows/x.yml', 'web/p\u0430ckage-lock.json']) {
      expect(checkChanges([file('src/a.ts'), file(name)], allow)).toMatchObject({ ok: false, rule: 'lookalike-path', files: [name] });
    }
    const renamed = file('src/x.yml', { status: 'renamed', previousFilename: '.g\u0456thub/x.yml' });
    expect(checkChanges([renamed], allow)).toMatchObject({ ok: false, rule: 'lookalike-path', files: ['.g\u0456thub/x.yml'] });
  });

  it('refuses .gitattributes, .gitmodules and .githooks/ with the default protected paths', () => {
    const defaults = { ...rules, protectedPaths: [...DEFAULT_PROTECTED_PATHS] };
    for (const name of ['.gitattributes', '.gitmodules', '.githooks/pre-commit', 'sub/.gitattributes']) {
      expect(checkChanges([file(name)], defaults)).toMatchObject({ ok: false, rule: 'protected-path', files: [name] });
    }
  });

  it('sees .git through invisible characters and trailing dots', () => {
    const allow = { ...rules, allowProtected: true };
    for (const name of ['.git\u200c/hooks/pre-commit', '.git./config', '.Git /config']) {
      expect(checkChanges([file(name)], allow)).toMatchObject({ ok: false, rule: 'protected-path', files: [name] });
    }
  });

  it('caps the number of files', () => {
    const files = ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => file(`src/${n}.ts`));
    expect(checkChanges(files.slice(0, 5), rules)).toEqual({ ok: true });
    expect(checkChanges(files, rules)).toMatchObject({ ok: false, rule: 'too-many-files', reason: '6 files changed; the limit is 5' });
  });

  it('caps additions plus deletions, naming the biggest files first', () => {
    const files = [file('src/small.ts'), file('src/big.ts', { additions: 60, deletions: 38 })];
    expect(checkChanges(files, rules)).toEqual({ ok: true });
    const over = [...files, file('src/one.ts', { additions: 1, deletions: 0 })];
    expect(checkChanges(over, rules)).toEqual({
      ok: false,
      rule: 'too-many-lines',
      reason: '101 lines changed; the limit is 100',
      files: ['src/big.ts', 'src/small.ts', 'src/one.ts'],
    });
  });

  it('refuses symbolic links that point outside the repository', () => {
    const links = [
      file('etc', { status: 'added', symlinkTarget: '/etc' }),
      file('docs/up', { status: 'added', symlinkTarget: '../../outside' }),
      file('docs/ok', { status: 'added', symlinkTarget: '../src/a.ts' }),
    ];
    expect(checkChanges(links, { ...rules, allowProtected: true })).toMatchObject({
      ok: false,
      rule: 'symlink-escape',
      files: ['etc', 'docs/up'],
    });
    expect(checkChanges([links[2]!], rules)).toEqual({ ok: true });
  });

  it('checks security rules before the size caps', () => {
    const many = Array.from({ length: 10 }, (_, i) => file(`src/${i}.ts`, { additions: 500 }));
    expect(checkChanges([...many, file('action.yml')], rules)).toMatchObject({ rule: 'protected-path' });
  });
});

describe('symlinkEscapes', () => {
  it.each([
    ['link', '/etc/passwd', true],
    ['link', 'C:\\Windows', true],
    ['link', '..', true],
    ['a/b/link', '../../../x', true],
    ['a/link', '../.git/config', true],
    ['link', '', true],
    ['a/b/link', '../../x', false],
    ['a/link', './sibling', false],
    ['link', 'dir/../file', false],
  ])('%s -> %s escapes: %s', (name, target, escapes) => {
    expect(symlinkEscapes(name, target)).toBe(escapes);
  });
});
