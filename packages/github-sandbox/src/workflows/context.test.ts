import { actionEnvironment, inputVariable, resolveSecrets, secretPlaceholder, secretsIn } from './context';
import type { PlannedAutomationStep } from './runner';
import { APP, labeled, repositoryWorkflows, runnerFor } from './testing';

describe('secrets', () => {
  it('are placeholders the caller resolves, and an unknown one is an error', () => {
    const text = `Bearer ${secretPlaceholder('GITHUB_TOKEN')} and ${secretPlaceholder('X')}`;
    expect(secretsIn(text)).toEqual(['GITHUB_TOKEN', 'X']);
    expect(resolveSecrets(text, (n) => `<${n.toLowerCase()}>`)).toBe('Bearer <github_token> and <x>');
    expect(() => resolveSecrets(text, (n) => (n === 'X' ? 'x' : undefined))).toThrow('no value for secret GITHUB_TOKEN');
  });
});

describe('actionEnvironment', () => {
  it('gives an automation step the GITHUB_*, RUNNER_* and INPUT_* variables of its run', async () => {
    const runner = await runnerFor(repositoryWorkflows());
    const [run] = runner.dispatch(labeled(12, 'factory:ready', APP));
    const step = run!.jobs[0]!.steps.find((s) => s.kind === 'automation') as PlannedAutomationStep;
    const env = actionEnvironment({ github: run!.github, job: 'agent', step });
    expect(env).toMatchObject({
      GITHUB_EVENT_NAME: 'issues',
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_RUN_ID: String(run!.id),
      GITHUB_WORKFLOW: 'factory-builder',
      GITHUB_JOB: 'agent',
      GITHUB_ACTION: 'builder',
      GITHUB_ACTOR: 'factory-app[bot]',
      RUNNER_TEMP: '/home/runner/work/_temp',
      INPUT_PHASE: 'agent',
      'INPUT_GITHUB-TOKEN': secretPlaceholder('GITHUB_TOKEN'),
      'INPUT_ISSUE-NUMBER': '',
    });
    expect(inputVariable('dry run')).toBe('INPUT_DRY_RUN');
  });
});
