import { compileTemplate, compileTemplates, matchTemplate } from './routes';

test('parameters match one segment and are percent-decoded', () => {
  const t = compileTemplate('/repos/{owner}/{repo}/labels/{name}');
  expect(matchTemplate(t, '/repos/acme/app/labels/factory%3Aready')).toEqual({ owner: 'acme', repo: 'app', name: 'factory:ready' });
  expect(matchTemplate(t, '/repos/acme/app/labels/a/b')).toBeUndefined();
});

test('multi-segment parameters span slashes, and a trailing one may be empty', () => {
  const contents = compileTemplate('/repos/{owner}/{repo}/contents/{path}', ['path']);
  expect(matchTemplate(contents, '/repos/acme/app/contents/src/deep/file.ts')).toEqual({
    owner: 'acme',
    repo: 'app',
    path: 'src/deep/file.ts',
  });
  expect(matchTemplate(contents, '/repos/acme/app/contents')).toEqual({ owner: 'acme', repo: 'app', path: '' });
  const checks = compileTemplate('/repos/{owner}/{repo}/commits/{ref}/check-runs', ['ref']);
  expect(matchTemplate(checks, '/repos/acme/app/commits/feature/x/check-runs')).toMatchObject({ ref: 'feature/x' });
});

test('literal segments win over parameters', () => {
  const [first] = compileTemplates([
    { template: '/repos/{owner}/{repo}/issues/{issue_number}' },
    { template: '/repos/{owner}/{repo}/issues/comments' },
  ]);
  expect(first!.template).toBe('/repos/{owner}/{repo}/issues/comments');
});

test('in-segment parameters (compare base...head)', () => {
  const t = compileTemplate('/repos/{owner}/{repo}/compare/{basehead}');
  expect(matchTemplate(t, '/repos/a/b/compare/main...feat')).toMatchObject({ basehead: 'main...feat' });
  const split = compileTemplate('/repos/{owner}/{repo}/compare/{base}...{head}');
  expect(matchTemplate(split, '/repos/a/b/compare/main...feat')).toMatchObject({ base: 'main', head: 'feat' });
});
