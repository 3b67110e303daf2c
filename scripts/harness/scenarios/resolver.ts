import type { FactorySandbox } from '..';
import type { MessagesRequest, Scenario, ScriptedTurn } from '@software-factory/model-sandbox';
import type { AutomationDeps, AutomationResult } from '../../../actions/shared/automation/types';
import { assistantTurns, fencedAfter, fileFromReadResult, firstUserText, toolExchanges } from './conversation';
import { resolvePullRequest } from '../../../actions/review-resolver/src/run';

/**
 * The review resolver's sandbox model: a scripted reviewer-pleaser that works for any threads.
 * Turn 1 reads every file a thread points at; turn 2 changes each commented line (a GitHub
 * suggestion block is applied as written; otherwise a short review note is added above the
 * line), replies in every thread and resolves those the round may resolve; turn 3 ends.
 */

interface DemoThread {
  id: string;
  path: string;
  line: number | null;
  body: string;
  mayResolve: boolean;
}

/** The threads of the round, from the lines code wrote in the first user message (see message.ts). */
export function threadsInMessage(text: string): DemoThread[] {
  const out: DemoThread[] = [];
  const header =
    /^### Thread (\S+)\n- file: `([^`]+)`, line (\d+|none)\n- opened by: [^\n]*\n- you may resolve it once addressed: (yes|no)/gm;
  for (let m = header.exec(text); m; m = header.exec(text)) {
    out.push({
      id: m[1]!,
      path: m[2]!,
      line: m[3] === 'none' ? null : Number(m[3]),
      mayResolve: m[4] === 'yes',
      body: fencedAfter(text, m.index + m[0].length) ?? '',
    });
  }
  return out;
}

const COMMENT_PREFIX: Record<string, string> = {
  js: '//',
  cjs: '//',
  mjs: '//',
  ts: '//',
  tsx: '//',
  jsx: '//',
  py: '#',
  sh: '#',
  yml: '#',
  yaml: '#',
  rb: '#',
};

function suggestion(body: string): string[] | undefined {
  const m = /```suggestion[^\n]*\n([\s\S]*?)\n?```/.exec(body);
  return m ? m[1]!.split('\n') : undefined;
}

/** A one-line note for a file of this kind, or undefined when the file has no line comments. */
function noteLine(path: string, indent: string, body: string): string | undefined {
  const prefix = COMMENT_PREFIX[path.split('.').pop() ?? ''];
  if (!prefix) return undefined;
  const first = body.split('\n').find((l) => l.trim() !== '') ?? 'addressed review comment';
  const clean = first
    .replace(/[^\w\s.,:;'()-]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 72);
  return `${indent}${prefix} Review note: ${clean}`;
}

/** Apply the threads of one file (bottom-up, so earlier line numbers stay valid); returns the changed thread ids. */
export function editFile(content: string, path: string, threads: DemoThread[]): { content: string; changed: Set<string> } {
  const lines = content.replace(/\n$/, '').split('\n');
  const changed = new Set<string>();
  const sorted = threads.filter((t) => t.line !== null && t.line <= lines.length).sort((a, b) => b.line! - a.line!);
  for (const t of sorted) {
    const at = t.line! - 1;
    const replacement = suggestion(t.body);
    if (replacement) {
      lines.splice(at, 1, ...replacement);
      changed.add(t.id);
      continue;
    }
    const note = noteLine(path, /^\s*/.exec(lines[at]!)![0], t.body);
    if (note) {
      lines.splice(at, 0, note);
      changed.add(t.id);
    }
  }
  return { content: `${lines.join('\n')}\n`, changed };
}

function secondTurn(req: MessagesRequest, threads: DemoThread[]): ScriptedTurn {
  const files = new Map<string, string>();
  for (const x of toolExchanges(req)) {
    const content = x.name === 'read_file' && !x.isError ? fileFromReadResult(x.result) : undefined;
    if (content !== undefined) files.set(String(x.input.path), content);
  }
  const calls: NonNullable<ScriptedTurn['toolCalls']> = [];
  const changed = new Set<string>();
  for (const [path, content] of files) {
    const edit = editFile(
      content,
      path,
      threads.filter((t) => t.path === path),
    );
    if (edit.changed.size === 0) continue;
    calls.push({ name: 'write_file', input: { path, content: edit.content } });
    for (const id of edit.changed) changed.add(id);
  }
  for (const t of threads) {
    const did = changed.has(t.id);
    calls.push({
      name: 'reply_to_thread',
      input: {
        threadId: t.id,
        body: did
          ? `Done: changed \`${t.path}\` at line ${t.line} as asked.`
          : `Not changed: I could not apply this to \`${t.path}\` safely; a person should decide.`,
      },
    });
    if (did && t.mayResolve) calls.push({ name: 'resolve_thread', input: { threadId: t.id } });
  }
  return { text: `Addressing ${threads.length} thread(s).`, toolCalls: calls };
}

export function resolverSandboxScenario(): Scenario {
  return (req) => {
    const threads = threadsInMessage(firstUserText(req));
    switch (assistantTurns(req)) {
      case 0: {
        const paths = [...new Set(threads.map((t) => t.path))];
        return paths.length
          ? { text: 'Reading the code the threads point at.', toolCalls: paths.map((path) => ({ name: 'read_file', input: { path } })) }
          : { text: 'No threads to address.' };
      }
      case 1:
        return secondTurn(req, threads);
      default:
        return { text: `Addressed ${threads.length} review thread(s).` };
    }
  };
}

/**
 * One resolve round on a pull request of a running sandbox (the model sandbox should play
 * resolverSandboxScenario()). Runs in a fresh clone, as a workflow job would.
 */
export async function runResolverOnSandbox(
  sandbox: FactorySandbox,
  prNumber: number,
  overrides: Partial<AutomationDeps> = {},
): Promise<AutomationResult> {
  const deps = sandbox.deps('review-resolver', { workspace: sandbox.freshWorkspace(), ...overrides });
  return resolvePullRequest(deps, { pr: prNumber, event: 'workflow_dispatch', actor: 'sandbox-maintainer' });
}
