/**
 * Find a file shipped inside an installed package without importing the package (the GitHub
 * descriptions are data files, and @octokit/graphql-schema exports no file paths). Works from
 * CommonJS (tests) and from bundles, where `require` may not exist.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export function packageFile(pkg: string, file: string): string {
  const starts = new Set<string>();
  if (typeof require === 'function' && typeof require.resolve?.paths === 'function') {
    for (const dir of require.resolve.paths(pkg) ?? []) {
      const candidate = path.join(dir, pkg, file);
      if (fs.existsSync(candidate)) return candidate;
    }
  }
  if (typeof __dirname === 'string') starts.add(__dirname);
  if (process.argv[1]) starts.add(path.dirname(path.resolve(process.argv[1])));
  starts.add(process.cwd());
  for (const start of starts) {
    let dir = start;
    for (;;) {
      const candidate = path.join(dir, 'node_modules', pkg, file);
      if (fs.existsSync(candidate)) return candidate;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error(`sandbox: cannot find ${pkg}/${file}; is ${pkg} installed?`);
}
