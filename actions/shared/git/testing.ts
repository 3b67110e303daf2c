import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Helpers for tests that run real git against a bare repository on disk. */

export function makeTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'factory-git-'));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** An environment independent of this machine's git configuration. */
export function testEnv(home: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: home,
    GIT_CONFIG_GLOBAL: os.devNull,
    GIT_CONFIG_NOSYSTEM: '1',
    LANG: 'C',
  };
}

/** Plain git, for setting up and inspecting repositories outside the code under test. */
export function rawGit(cwd: string, env: Record<string, string>, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'init.defaultBranch=main', '-c', 'user.name=Seed', '-c', 'user.email=seed@example.com', '-c', 'commit.gpgsign=false', ...args],
    { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

/**
 * A bare repository (the "remote") whose main branch holds `files`, and a separate working
 * copy of it (`seed`) that tests use to move main on the remote.
 */
export function makeRemote(tmp: string, env: Record<string, string>, files: Record<string, string>): { remote: string; seed: string } {
  const remote = path.join(tmp, 'remote.git');
  const seed = path.join(tmp, 'seed');
  rawGit(tmp, env, 'init', '--quiet', '--bare', remote);
  rawGit(tmp, env, 'init', '--quiet', seed);
  writeFiles(seed, files);
  rawGit(seed, env, 'add', '--all');
  rawGit(seed, env, 'commit', '--quiet', '-m', 'initial');
  rawGit(seed, env, 'remote', 'add', 'origin', remote);
  rawGit(seed, env, 'push', '--quiet', 'origin', 'main');
  return { remote, seed };
}
