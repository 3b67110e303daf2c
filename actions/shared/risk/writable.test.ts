import { DEFAULT_PROTECTED_PATHS } from '../config/schema';
import { writableMatcher } from './paths';

describe('writableMatcher (risk.writableProtectedPaths)', () => {
  const writable = writableMatcher(DEFAULT_PROTECTED_PATHS, ['migrations/**']);

  it('lifts the globs that protect the writable tree itself, and the kind of file it holds', () => {
    expect(writable('migrations/002_add_code.sql')).toBe(true);
    expect(writable('migrations/sub/003.sql')).toBe(true);
  });

  it('keeps the globs that protect what they name wherever it is', () => {
    for (const name of [
      '.gitattributes',
      '.gitmodules',
      'package.json',
      'package-lock.json',
      '.husky/pre-commit',
      'action.yml',
      '.npmrc',
    ]) {
      expect([name, writable(`migrations/${name}`)]).toEqual([name, false]);
    }
  });

  it('matches as written: another tree, a case variant, a lookalike or nothing configured is not writable', () => {
    expect(writable('db/migrations/002.sql')).toBe(false);
    expect(writable('Migrations/002.sql')).toBe(false);
    expect(writable('migrаtions/002.sql')).toBe(false);
    expect(writableMatcher(DEFAULT_PROTECTED_PATHS, [])('migrations/002.sql')).toBe(false);
  });
});
