import { loadWorkflow } from './load';
import type { Workflow } from './model';
import { event, REPOSITORY } from './testing';
import { matchTrigger } from './triggers';

async function workflow(on: string): Promise<Workflow> {
  const result = await loadWorkflow(
    '.github/workflows/w.yml',
    `name: w\n${on}\njobs:\n  j:\n    runs-on: x\n    steps:\n      - run: echo\n`,
  );
  if (!('workflow' in result)) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.workflow;
}

describe('matchTrigger', () => {
  it('does not listen to events its on: does not name', async () => {
    const w = await workflow('on: push');
    expect(matchTrigger(w, event('issues', { action: 'opened' }), REPOSITORY)).toEqual({
      listens: false,
      fired: false,
      reason: 'on: does not name issues',
    });
  });

  it('fires on every activity type when no types are given, except pull_request', async () => {
    const w = await workflow('on: [issues, pull_request]');
    expect(matchTrigger(w, event('issues', { action: 'deleted' }), REPOSITORY)).toMatchObject({
      fired: true,
      reason: 'issues.deleted (any activity type)',
    });
    const pr = (action: string) =>
      event('pull_request', { action, pull_request: { number: 1, base: { ref: 'main' }, head: { ref: 'f' } } });
    expect(matchTrigger(w, pr('synchronize'), REPOSITORY)).toMatchObject({ fired: true });
    expect(matchTrigger(w, pr('labeled'), REPOSITORY)).toEqual({
      listens: true,
      fired: false,
      reason: 'pull_request.labeled is not in types [opened, synchronize, reopened] (the default)',
    });
  });

  it('filters push tags, and branch pushes when only tags are filtered', async () => {
    const w = await workflow("on:\n  push:\n    tags: ['v[0-9]+.*']");
    expect(matchTrigger(w, event('push', { ref: 'refs/tags/v1.2' }), REPOSITORY)).toMatchObject({
      fired: true,
      reason: 'tag v1.2 matches [v[0-9]+.*]',
    });
    expect(matchTrigger(w, event('push', { ref: 'refs/tags/beta' }), REPOSITORY)).toMatchObject({ fired: false });
    expect(matchTrigger(w, event('push', { ref: 'refs/heads/main' }), REPOSITORY)).toMatchObject({
      fired: false,
      reason: 'branch main: the push filter names tags only',
    });
  });

  it('needs the changed files for a paths filter, from the event or the push commits', async () => {
    const w = await workflow("on:\n  push:\n    paths: ['src/**']\n  pull_request:\n    paths: ['src/**']");
    const withCommits = event('push', { ref: 'refs/heads/main', commits: [{ added: ['README.md'] }, { modified: ['src/a.ts'] }] });
    expect(matchTrigger(w, withCommits, REPOSITORY)).toMatchObject({
      fired: true,
      reason: 'any branch; changed file src/a.ts matches paths [src/**]',
    });
    const pr = event('pull_request', { action: 'opened', pull_request: { number: 1, base: { ref: 'main' }, head: { ref: 'f' } } });
    expect(() => matchTrigger(w, pr, REPOSITORY)).toThrow(
      "the paths filter of .github/workflows/w.yml needs the pull_request event's changedFiles",
    );
    expect(matchTrigger(w, { ...pr, changedFiles: ['docs/x.md'] }, REPOSITORY)).toMatchObject({
      fired: false,
      reason: 'no changed file matches paths [src/**]',
    });
  });

  it('matches workflow_run by workflow name, types and head branch', async () => {
    const w = await workflow("on:\n  workflow_run:\n    workflows: [ci, 'Deploy app']\n    branches-ignore: ['dependabot/**']");
    const run = (name: string, action: string, branch: string) =>
      matchTrigger(w, event('workflow_run', { action, workflow_run: { id: 1, name, head_branch: branch } }), REPOSITORY);
    expect(run('Deploy app', 'requested', 'main')).toMatchObject({ fired: true });
    expect(run('ci', 'completed', 'dependabot/npm/x')).toMatchObject({
      fired: false,
      reason: 'head branch dependabot/npm/x is ignored by [dependabot/**]',
    });
    expect(run('lint', 'completed', 'main')).toMatchObject({ fired: false, reason: 'workflow lint is not in workflows [ci, Deploy app]' });
  });

  it('starts a workflow_dispatch only for the workflow it names', async () => {
    const w = await workflow('on: workflow_dispatch');
    expect(matchTrigger(w, event('workflow_dispatch', { workflow: '.github/workflows/w.yml' }), REPOSITORY)).toMatchObject({ fired: true });
    expect(matchTrigger(w, event('workflow_dispatch', { workflow: 'w.yml' }), REPOSITORY)).toMatchObject({ fired: true });
    expect(matchTrigger(w, event('workflow_dispatch', { workflow: 'other.yml' }), REPOSITORY)).toMatchObject({ fired: false });
  });

  it('filters merge_group by its base branch', async () => {
    const w = await workflow('on:\n  merge_group:\n    branches: [main]');
    const group = (base: string) => event('merge_group', { action: 'checks_requested', merge_group: { base_ref: `refs/heads/${base}` } });
    expect(matchTrigger(w, group('main'), REPOSITORY)).toMatchObject({ fired: true });
    expect(matchTrigger(w, group('dev'), REPOSITORY)).toMatchObject({ fired: false, reason: 'base branch dev does not match [main]' });
  });

  it('refuses a filter it does not model, by name', async () => {
    const result = await loadWorkflow(
      '.github/workflows/w.yml',
      "on:\n  image_version:\n    names: ['x']\njobs:\n  j:\n    runs-on: x\n    steps:\n      - run: echo\n",
    );
    expect('errors' in result && result.errors[0]?.message).toBe(
      "the names filter of on.image_version is not supported by the sandbox's workflow runner (.github/workflows/w.yml, line 3, column 5)",
    );
  });
});
