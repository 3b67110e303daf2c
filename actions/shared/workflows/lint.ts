import { LineCounter, parseDocument, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';

/**
 * Security rules for workflow files, on top of actionlint's own checks. Each problem names the
 * file, line and column, like actionlint does, so both read the same in CI.
 */
export interface WorkflowProblem {
  file: string;
  line: number;
  column: number;
  rule:
    | 'permissions'
    | 'write-all'
    | 'expression-in-run'
    | 'unpinned-action'
    | 'missing-local-action'
    | 'pull-request-target-checkout'
    | 'yaml';
  message: string;
}

export interface SecurityCheckOptions {
  /**
   * Whether a local reference (`./actions/x` of a step, `./.github/workflows/x.yml` of a job),
   * without the `./`, exists in the repository the workflow runs in. Without it, local
   * references are not checked.
   */
  localExists?: (ref: { path: string; kind: 'action' | 'workflow' }) => boolean;
}

const SHA_PIN = /@[0-9a-f]{40}$/;

export function checkWorkflowSecurity(text: string, file: string, options: SecurityCheckOptions = {}): WorkflowProblem[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: true });
  const problems: WorkflowProblem[] = [];
  const at = (node: Node | null | undefined, rule: WorkflowProblem['rule'], message: string) => {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = lineCounter.linePos(offset);
    problems.push({ file, line, column: col, rule, message });
  };
  for (const err of doc.errors) {
    const { line, col } = lineCounter.linePos(err.pos[0]);
    problems.push({ file, line, column: col, rule: 'yaml', message: err.message.split('\n')[0] ?? err.message });
  }
  if (doc.errors.length || !isMap(doc.contents)) return problems;
  const top = doc.contents;

  if (!top.has('permissions')) {
    at(top, 'permissions', 'top-level "permissions" is missing; set `permissions: {}` and grant per job');
  }
  const writeAll = (node: unknown, where: string) => {
    if (isScalar(node) && node.value === 'write-all') {
      at(node, 'write-all', `${where} "permissions: write-all" grants every scope; grant only what is needed (e.g. \`issues: write\`)`);
    }
  };
  writeAll(top.get('permissions', true), "the workflow's");
  const local = (node: Node, ref: string, kind: 'action' | 'workflow') => {
    if (!options.localExists || !ref.startsWith('./')) return;
    const path = ref.slice(2).replace(/\/+$/, '');
    if (options.localExists({ path, kind })) return;
    const what = kind === 'action' ? `no ${path}/action.yml` : `no ${path}`;
    const hint = kind === 'action' && /^actions\/[^/]+$/.test(path) ? ` (a factory action: use "<owner>/<repo>/${path}@<commit sha>")` : '';
    at(node, 'missing-local-action', `"${ref}" does not exist in this repository: ${what}${hint}`);
  };
  const on = top.get('on', true) ?? top.get(true as unknown as string, true);
  const triggers = JSON.stringify((on as Node | undefined)?.toJSON?.() ?? '');
  const isPullRequestTarget = triggers.includes('pull_request_target');

  const jobs = top.get('jobs', true);
  if (!isMap(jobs)) return problems;
  for (const jobPair of jobs.items) {
    if (!isPair(jobPair) || !isMap(jobPair.value)) continue;
    const job = jobPair.value;
    const jobName = String((jobPair.key as Node & { value?: unknown })?.toString?.() ?? '');
    if (!top.has('permissions') && !job.has('permissions')) {
      at(jobPair.key as Node, 'permissions', `job "${jobName}" has no "permissions" (least privilege)`);
    }
    writeAll(job.get('permissions', true), `job "${jobName}":`);
    const reusable = job.get('uses', true);
    if (isScalar(reusable) && typeof reusable.value === 'string') local(reusable, reusable.value, 'workflow');
    const steps = job.get('steps', true);
    if (!isSeq(steps)) continue;
    for (const step of steps.items) {
      if (!isMap(step)) continue;
      const run = step.get('run', true);
      if (isScalar(run) && typeof run.value === 'string' && run.value.includes('${{')) {
        at(run, 'expression-in-run', 'a `${{ }}` expression inside `run:` can inject code; pass it through `env:` instead');
      }
      const uses = step.get('uses', true);
      if (isScalar(uses) && typeof uses.value === 'string') {
        const ref = uses.value;
        local(uses, ref, 'action');
        if (!ref.startsWith('./') && !ref.startsWith('docker://') && !SHA_PIN.test(ref)) {
          at(uses, 'unpinned-action', `"${ref}" is not pinned to a full commit SHA`);
        }
        if (isPullRequestTarget && ref.startsWith('actions/checkout')) {
          const withNode = step.get('with', true);
          const refInput = isMap(withNode) ? JSON.stringify(withNode.toJSON()) : '';
          if (/head/.test(refInput)) {
            at(uses, 'pull-request-target-checkout', 'pull_request_target must not check out the pull request head');
          }
        }
      }
    }
  }
  return problems;
}

export function formatWorkflowProblem(p: WorkflowProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message} [${p.rule}]`;
}
