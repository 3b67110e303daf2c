/** Helpers for the tool tests: real temp directories and real git repositories. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ToolContext, ToolDef } from '../tool';

export function makeTempDir(prefix = 'factory-tools-'): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Writes files (path -> content) under root, creating directories. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
}

export function git(root: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function initRepo(root: string): void {
  git(root, 'init', '-q', '-b', 'main');
}

/** Marks text the way the real sanitizer's fence would, so tests can see it was applied. */
export function fakeUntrusted(source: string, text: string): string {
  return `<untrusted source="${source}">\n${text}\n</untrusted>`;
}

/** Validates the input with the tool's schema (as the loop does) and returns the text. */
export async function call(tool: ToolDef, input: unknown, ctx?: Partial<ToolContext>): Promise<string> {
  const parsed = tool.input.parse(input);
  const out = await tool.run(parsed, { workspace: '', ...ctx });
  return typeof out === 'string' ? out : out.text;
}

/** A minimal environment for child processes in tests. */
export function baseEnv(): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: os.tmpdir() };
}
