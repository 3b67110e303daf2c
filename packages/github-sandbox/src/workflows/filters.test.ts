import { includedBy, pathFilter, refFilter } from './filters';

// GitHub's "filter pattern cheat sheet" (workflow syntax reference).
describe('filter patterns', () => {
  it.each([
    ['feature/*', ['feature/my-branch', 'feature/your-branch'], ['feature/your/branch', 'main']],
    ['feature/**', ['feature/beta-a/my-branch', 'feature/your-branch', 'feature/mona/the/octocat'], ['features/x']],
    ['main', ['main'], ['releases/mona-the-octocat', 'mainline']],
    ['*', ['main', 'releases'], ['releases/x']],
    ['**', ['all/the/branches', 'every/tag'], []],
    ['*feature', ['mona-feature', 'feature', 'ver-10-feature'], ['feature-x']],
    ['v2*', ['v2', 'v2.0', 'v2.9'], ['v3']],
    ['v[12].[0-9]+.[0-9]+', ['v1.10.1', 'v2.0.0'], ['v3.0.0', 'v1.x.0']],
    ['*.jsx?', ['page.js', 'page.jsx'], ['page.jsxx', 'a/page.js']],
    ['**.js', ['index.js', 'js/index.js', 'src/js/app.js'], ['index.ts']],
    ['docs/*', ['docs/README.md', 'docs/file.txt'], ['docs/a/b.md']],
    ['docs/**', ['docs/README.md', 'docs/mona/octocat.txt'], ['README.md']],
    ['docs/**/*.md', ['docs/README.md', 'docs/mona/hello-world.md', 'docs/a/markdown/file.md'], ['docs/a.txt']],
    ['**/docs/**', ['docs/hello.md', 'dir/docs/my-file.txt', 'space/docs/plan/space.doc'], ['documents/x']],
    ['**/README.md', ['README.md', 'js/README.md'], ['README.txt']],
    ['**/*src/**', ['a/src/app.js', 'my-src/code/js/app.js'], ['app.js']],
    ['**/*-post.md', ['my-post.md', 'path/their-post.md'], ['post.md']],
    ['**/migrate-*.sql', ['migrate-10909.sql', 'db/migrate-v1.0.sql', 'db/sept/migrate-v1.sql'], ['migrate.sql']],
  ])('%s', (pattern, matching, notMatching) => {
    for (const name of matching) expect([name, includedBy([pattern], name)]).toEqual([name, true]);
    for (const name of notMatching) expect([name, includedBy([pattern], name)]).toEqual([name, false]);
  });

  it('lets the last matching pattern decide, with ! excluding', () => {
    const patterns = ['releases/**', '!releases/**-alpha', 'releases/keep-alpha'];
    expect(includedBy(patterns, 'releases/10')).toBe(true);
    expect(includedBy(patterns, 'releases/10-alpha')).toBe(false);
    expect(includedBy(patterns, 'releases/keep-alpha')).toBe(true);
    expect(pathFilter(['sub/a.js'], ['**.js', '!sub/**'])).toMatchObject({ pass: false });
    expect(pathFilter(['sub/a.js', 'b.js'], ['**.js', '!sub/**'])).toEqual({
      pass: true,
      reason: 'changed file b.js matches paths [**.js, !sub/**]',
    });
  });

  it('ignores with -ignore lists', () => {
    expect(refFilter('mona/octocat', 'branch', undefined, ['mona/octocat', 'releases/**-alpha'])).toMatchObject({ pass: false });
    expect(refFilter('main', 'branch', undefined, ['mona/octocat'])).toMatchObject({ pass: true });
    expect(pathFilter(['docs/a.md'], undefined, ['docs/**'])).toMatchObject({ pass: false });
    expect(pathFilter(['docs/a.md', 'src/b.ts'], undefined, ['docs/**'])).toMatchObject({ pass: true });
  });

  it('escapes with a backslash', () => {
    expect(includedBy(['a\\*b'], 'a*b')).toBe(true);
    expect(includedBy(['a\\*b'], 'axb')).toBe(false);
  });
});
