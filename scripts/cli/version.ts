import { version } from '../../package.json';

/** The commit the CLI was built from: set by scripts/build.mjs (esbuild `define`); absent when running from source. */
declare const __FACTORY_GIT_SHA__: string | undefined;

export interface FactoryVersion {
  version: string;
  /** Full commit SHA the CLI was built from, or `unknown`. */
  sha: string;
}

export function factoryVersion(): FactoryVersion {
  const sha = typeof __FACTORY_GIT_SHA__ === 'string' && /^[0-9a-f]{40}$/.test(__FACTORY_GIT_SHA__) ? __FACTORY_GIT_SHA__ : 'unknown';
  return { version, sha };
}

/** What `factory --version` prints. */
export function versionLine(v: FactoryVersion = factoryVersion()): string {
  return `software-factory ${v.version} (${v.sha})`;
}
