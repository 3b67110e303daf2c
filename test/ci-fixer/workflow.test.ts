import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createWorkflowRunner, type CausedBy, type WorkflowEvent } from '@software-factory/github-sandbox/workflows';

/**
 * `.github/workflows/factory-ci-fixer.yml`, planned by the sandbox's workflow runner (triggers by
 * GitHub's rules, `if:` by @actions/expressions): a failed CI run of a factory branch and a dispatch
 * naming a pull request (the shepherd's hand-over) start its agent job; a passing run does not.
 */

const FILE = '.github/workflows/factory-ci-fixer.yml';
const USER: CausedBy = { kind: 'user', login: 'alice' };

async function agentJob(e: WorkflowEvent): Promise<string> {
  const text = readFileSync(join(__dirname, '../..', FILE), 'utf8');
  const runner = await createWorkflowRunner(
    { [FILE]: text },
    { repository: { owner: 'acme', name: 'shop', defaultBranch: 'main', id: 42, ownerId: 7 } },
  );
  const [run] = runner.dispatch(e);
  return run?.jobs.find((j) => j.id === 'agent')?.decision ?? 'none';
}

function event(name: string, payload: Record<string, unknown>): WorkflowEvent {
  const repository = { name: 'shop', full_name: 'acme/shop', owner: { login: 'acme' }, default_branch: 'main' };
  return { name, payload: { repository, ...payload }, actor: USER.login, causedBy: USER };
}

const ciRun = (conclusion: string) =>
  event('workflow_run', {
    action: 'completed',
    workflow_run: { name: 'ci', conclusion, head_branch: 'factory/1-fix', head_sha: 'abc123', event: 'pull_request' },
  });

describe('factory-ci-fixer.yml', () => {
  it('fixes a failed CI run, not a passing one', async () => {
    expect(await agentJob(ciRun('failure'))).toBe('run');
    expect(await agentJob(ciRun('success'))).toBe('skip');
  });

  it('runs on a dispatch naming the pull request (the shepherd hands failing checks over)', async () => {
    const dispatch = event('workflow_dispatch', { workflow: FILE, ref: 'refs/heads/main', inputs: { 'issue-number': '7' } });
    expect(await agentJob(dispatch)).toBe('run');
  });
});
