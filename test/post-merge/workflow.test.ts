import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createWorkflowRunner, type CausedBy, type WorkflowEvent } from '@software-factory/github-sandbox/workflows';

/**
 * `.github/workflows/factory-post-merge.yml`, planned by the sandbox's workflow runner (triggers by
 * GitHub's rules, `if:` by @actions/expressions): which events start its verify job.
 */

const FILE = '.github/workflows/factory-post-merge.yml';
const USER: CausedBy = { kind: 'user', login: 'alice' };
const DEPLOYER: CausedBy = { kind: 'app', login: 'vercel[bot]' };

async function runner() {
  const text = readFileSync(join(__dirname, '../..', FILE), 'utf8');
  return createWorkflowRunner({ [FILE]: text }, { repository: { owner: 'acme', name: 'shop', defaultBranch: 'main', id: 42, ownerId: 7 } });
}

function event(name: string, payload: Record<string, unknown>, causedBy: CausedBy = USER): WorkflowEvent {
  const repository = { name: 'shop', full_name: 'acme/shop', owner: { login: 'acme' }, default_branch: 'main' };
  return { name, payload: { repository, ...payload }, actor: causedBy.login, causedBy };
}

const deployment = (state: string) =>
  event(
    'deployment_status',
    { action: 'created', deployment_status: { state, environment: 'production' }, deployment: { sha: 'abc123', ref: 'main' } },
    DEPLOYER,
  );

/** The verify job's decision for the event, or `none` when the workflow does not start. */
async function verifyJob(e: WorkflowEvent): Promise<string> {
  const [run] = (await runner()).dispatch(e);
  return run?.jobs.find((j) => j.id === 'verify')?.decision ?? 'none';
}

describe('factory-post-merge.yml', () => {
  it('verifies after a successful deployment, not after a failed or pending one', async () => {
    expect(await verifyJob(deployment('success'))).toBe('run');
    expect(await verifyJob(deployment('failure'))).toBe('skip');
    expect(await verifyJob(deployment('in_progress'))).toBe('skip');
  });

  it('verifies on a manual run and on a push to main, not on a push to another branch', async () => {
    expect(await verifyJob(event('workflow_dispatch', { workflow: FILE, ref: 'refs/heads/main', inputs: {} }))).toBe('run');
    expect(await verifyJob(event('push', { ref: 'refs/heads/main', after: 'def456' }))).toBe('run');
    expect(await verifyJob(event('push', { ref: 'refs/heads/feature', after: 'def456' }))).toBe('none');
  });
});
