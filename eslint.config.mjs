// ESLint flat config: typescript-eslint's recommended rules, plus the layout's boundaries:
// no action imports another action, the shared library imports no action, and no production
// file under actions/ imports scripts/ (the CLI, the harness and scenarios); the workspace packages
// import nothing of the factory, and everything else imports them by package name.
import { readdirSync, existsSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const actions = readdirSync(new URL('./actions', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'shared' && existsSync(new URL(`./actions/${d.name}/action.yml`, import.meta.url)))
  .map((d) => d.name);

const tests = ['**/*.test.ts', '**/test/**', '**/testing/**', '**/testing.ts'];
const actionPaths = (names) => names.flatMap((a) => [`**/${a}/src/**`, `**/${a}/src`, `**/actions/${a}/**`]);
const noScripts = {
  group: ['**/scripts/**'],
  message: 'Production code under actions/ imports nothing from scripts/ (the CLI, sandboxes and scenarios).',
};
/** The sandboxes are packages: everything else imports them by name, never by path. */
const noPackagePaths = {
  group: ['**/packages/**', '**/scripts/sandbox/**'],
  message: 'Import a workspace package by its name (@software-factory/...), not by path.',
};
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

/**
 * An action imports the shared library and its own files, nothing of another action; the shared
 * library imports no action. Tests keep the first rule, production files both.
 */
const boundaries = [...actions, 'shared'].flatMap((name) => {
  const others = {
    group: actionPaths(actions.filter((a) => a !== name)),
    message:
      name === 'shared'
        ? 'The shared library imports no action.'
        : 'An action imports no other action: move shared code to actions/shared/.',
  };
  return [
    { files: [`actions/${name}/**/*.ts`], ignores: tests, rules: restrict(others, noScripts, noPackagePaths) },
    { files: tests.map((t) => `actions/${name}/${t}`), rules: restrict(others, noPackagePaths) },
  ];
});

export default tseslint.config(
  { ignores: ['**/dist/**', 'node_modules/**', 'coverage/**', '.factory/**', 'schemas/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      'no-control-regex': 'off',
      eqeqeq: ['error', 'smart'],
    },
  },
  { files: ['scripts/**/*.ts', 'test/**/*.ts'], rules: restrict(noPackagePaths) },
  ...boundaries,
  {
    // Workspace packages are libraries other projects can use: nothing of the factory.
    files: ['packages/**/*.ts'],
    rules: restrict({ group: ['**/actions/**', '**/scripts/**'], message: 'A package imports nothing from actions/ or scripts/.' }),
  },
  {
    // Tests build webhook payloads and fakes loosely on purpose.
    files: [...tests, 'test/**/*.ts', 'scripts/harness/scenarios/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.cjs', 'jest.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
