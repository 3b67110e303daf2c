import { lintWorkflows, formatFinding, listWorkflowFiles } from '../../actions/shared/workflows/actionlint';

export async function lintCommand(root: string, print: (line: string) => void): Promise<number> {
  const files = listWorkflowFiles(root);
  const findings = await lintWorkflows(root, files);
  for (const f of findings) print(formatFinding(f));
  print(`${files.length} workflow file(s) checked, ${findings.length} problem(s)`);
  return findings.length ? 1 : 0;
}
