import examples from '@octokit/webhooks-examples';
import { defaultConfig, parseConfig } from '../../shared/config';
import { parseEvent } from '../../shared/events';
import type { PullRequest } from '../../shared/github/types';
import { checkPullRequest, gateRun, type FailedRun } from './gate';

type Json = Record<string, any>;
const completed = (): Json =>
  structuredClone(
    (examples as unknown as { name: string; examples: Json[] }[])
      .find((g) => g.name === 'workflow_run')!
      .examples.find((e) => e.action === 'completed')!,
  );

function runEvent(over: { branch?: string; conclusion?: string; name?: string; fork?: string } = {}) {
  const p = completed();
  p.workflow_run.head_branch = over.branch ?? 'factory/3-fix';
  p.workflow_run.conclusion = over.conclusion ?? 'failure';
  p.workflow_run.name = over.name ?? 'ci';
  if (over.fork) p.workflow_run.head_repository = { ...p.workflow_run.head_repository, full_name: over.fork };
  else p.workflow_run.head_repository = { ...p.workflow_run.head_repository, full_name: p.repository.full_name };
  return parseEvent('workflow_run', p);
}

const config = defaultConfig();

describe('CI fixer gate', () => {
  it('takes failed runs of the product CI on factory branches of this repository', () => {
    expect(gateRun(runEvent(), config)).toMatchObject({ ok: true, value: { branch: 'factory/3-fix', workflowName: 'ci' } });
    expect(gateRun(runEvent({ conclusion: 'success' }), config)).toMatchObject({ ok: false, reason: expect.stringContaining('"success"') });
    expect(gateRun(runEvent({ branch: 'main' }), config)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not a factory/ branch'),
    });
    expect(gateRun(runEvent({ name: 'factory-builder' }), config)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('factory workflow'),
    });
    expect(gateRun(runEvent({ fork: 'mallory/shop' }), config)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('another repository'),
    });
    expect(gateRun(runEvent(), parseConfig('automations:\n  ci-fixer: { enabled: false }', 'f.yml'))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('disabled'),
    });
  });

  it('acts only on an open pull request still at the failed commit, not paused, not waiting for a human', () => {
    const failed: FailedRun = { runId: 1, workflowName: 'ci', branch: 'factory/3-fix', headSha: 'a'.repeat(40), pullRequests: [] };
    const pr = (over: Partial<PullRequest> = {}) =>
      ({
        number: 5,
        state: 'open',
        merged: false,
        labels: [],
        head: { ref: 'factory/3-fix', sha: 'a'.repeat(40), repoFullName: 'acme/shop' },
        ...over,
      }) as PullRequest;
    expect(checkPullRequest(pr(), failed, config)).toBeUndefined();
    expect(checkPullRequest(pr({ state: 'closed', merged: true }), failed, config)).toContain('merged');
    expect(checkPullRequest(pr({ labels: ['factory:paused'] }), failed, config)).toContain('paused');
    expect(checkPullRequest(pr({ labels: ['factory:needs-human'] }), failed, config)).toContain('waiting for a human');
    expect(
      checkPullRequest(pr({ head: { ref: 'factory/3-fix', sha: 'b'.repeat(40), repoFullName: 'acme/shop' } }), failed, config),
    ).toContain('moved on');
  });
});
