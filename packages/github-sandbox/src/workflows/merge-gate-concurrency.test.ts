import { APP, dispatch, event, repositoryWorkflows, runnerFor } from './testing';

/**
 * The merge gate's workflow (.github/workflows/factory-merge-gate.yml): every event that names a
 * pull request puts its run in that pull request's concurrency group, so one pull request is never
 * evaluated by two runs at once.
 */

const GATE = 'factory-merge-gate';

async function groupOf(name: string, payload: Record<string, unknown>): Promise<string | undefined> {
  const runner = await runnerFor(repositoryWorkflows());
  const runs = runner.dispatch(name === 'workflow_dispatch' ? dispatch('factory-merge-gate.yml', payload) : event(name, payload, APP));
  return runs.find((r) => r.workflow.name === GATE)?.concurrency?.group;
}

const pr = { number: 7, labels: [], base: { ref: 'main' }, head: { ref: 'factory/12-search', sha: 'abc123' } };
const prRef = { number: 7, head: { ref: 'factory/12-search', sha: 'abc123' }, base: { ref: 'main', sha: 'def456' } };

describe('factory-merge-gate concurrency', () => {
  it('puts every event that names pull request #7 in one group', async () => {
    const groups = [
      await groupOf('pull_request', { action: 'synchronize', pull_request: pr }),
      await groupOf('pull_request_review', { action: 'submitted', pull_request: pr, review: { state: 'approved' } }),
      await groupOf('check_suite', {
        action: 'completed',
        check_suite: { head_sha: 'abc123', head_branch: 'factory/12-search', conclusion: 'success', pull_requests: [prRef] },
      }),
      await groupOf('workflow_run', {
        action: 'completed',
        workflow_run: { name: 'ci', head_sha: 'abc123', head_branch: 'factory/12-search', conclusion: 'success', pull_requests: [prRef] },
      }),
      await groupOf('workflow_dispatch', { 'issue-number': '7' }),
    ];
    expect(groups).toEqual(Array(groups.length).fill(`${GATE}-7`));
  });

  it('a check suite that names no pull request falls back to its head', async () => {
    const group = await groupOf('check_suite', {
      action: 'completed',
      check_suite: { head_sha: 'abc123', head_branch: 'main', conclusion: 'success', pull_requests: [] },
    });
    expect(group).toBe(`${GATE}-abc123`);
  });
});
