import { run } from '../../actions/post-merge-verifier/src/run';
import { parseEvent } from '../../actions/shared/events';
import { startFactorySandbox } from '../harness';
import { sampleProductFiles } from '../harness/sample-product';
import { postMergeConfigText, postMergeSandboxEvent } from '../harness/scenarios/post-merge';

/**
 * The post-merge verifier, one verification: a merge into main that breaks the smoke check
 * (the worst case: the range is read and the P0 issue opened). githubRequests counts the API
 * requests the GitHub sandbox received during the run, the same on every machine.
 */
export async function postMergeBench(): Promise<{ githubRequests: number; requests: string[] }> {
  const configText = postMergeConfigText();
  const sandbox = await startFactorySandbox({ files: { ...sampleProductFiles(), '.github/factory.yml': configText }, configText });
  try {
    const loaded = await postMergeSandboxEvent(sandbox);
    const deps = sandbox.deps('post-merge-verifier', { workspace: sandbox.freshWorkspace() });
    const from = sandbox.github.requests.length;
    const result = await run(deps, { event: parseEvent(loaded.name, loaded.payload) });
    if (result.outcome !== 'completed') throw new Error(`post-merge bench: ${result.outcome}: ${result.summary}`);
    const requests = sandbox.github.requests
      .slice(from)
      .filter((r) => !r.path.includes('.git/'))
      .map((r) => `${r.method} ${r.route ?? r.path}`);
    return { githubRequests: requests.length, requests };
  } finally {
    await sandbox.close();
  }
}
