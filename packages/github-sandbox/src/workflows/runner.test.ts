import { secretPlaceholder } from './context';
import { DispatchError } from './errors';
import { formatHistory } from './records';
import { planRuns, type PlannedAutomationStep, type PlannedRun } from './runner';
import { loadWorkflows } from './load';
import { APP, dispatch, event, GITHUB_TOKEN, labeled, REPOSITORY, repositoryWorkflows, runnerFor, USER } from './testing';

const BUILDER = '.github/workflows/factory-builder.yml';

function automation(run: PlannedRun, jobId: string): PlannedAutomationStep {
  const step = run.jobs.find((j) => j.id === jobId)?.steps.find((s) => s.kind === 'automation');
  if (!step || step.kind !== 'automation') throw new Error(`no automation step in ${jobId}`);
  return step;
}

describe('the repository workflows', () => {
  it('starts the builder for factory:ready added with an App token, and its agent job runs', async () => {
    const runner = await runnerFor(repositoryWorkflows());
    const runs = runner.dispatch(labeled(12, 'factory:ready', APP));
    expect(runs.map((r) => r.workflow.file)).toEqual([BUILDER]);
    const [run] = runs as [PlannedRun];
    expect(run.status).toBe('in_progress');
    expect(run.reason).toBe('issues.labeled matches types [labeled]');
    expect(run.concurrency).toMatchObject({ group: 'factory-builder-12', cancelInProgress: false });
    expect(run.jobs.map((j) => [j.id, j.decision])).toEqual([
      ['agent', 'run'],
      ['apply', 'after-needs'],
    ]);
    expect(run.jobs[0]?.reason).toBe(
      "if: success() && (github.event_name != 'issues' || github.event.label.name == 'factory:ready') is true",
    );
  });

  it('skips the agent job for another label (the if: is false)', async () => {
    const runner = await runnerFor(repositoryWorkflows());
    const [run] = runner.dispatch(labeled(12, 'bug', APP));
    expect(run?.jobs[0]).toMatchObject({ id: 'agent', decision: 'skip' });
    expect(runner.startJob(run!.id, 'agent').decision).toBe('skip');
    const apply = runner.startJob(run!.id, 'apply');
    expect(apply.decision).toBe('skip');
    expect(runner.complete(run!.id).conclusion).toBe('skipped');
  });

  it("starts the resolver for a person's review comment on a factory branch, not for a bot's", async () => {
    const runner = await runnerFor(repositoryWorkflows());
    const pr = { number: 7, labels: [], base: { ref: 'main' }, head: { ref: 'factory/12-search', sha: 'abc123' } };
    const comment = (type: string) =>
      event(
        'pull_request_review_comment',
        { action: 'created', pull_request: pr, comment: { id: 1, body: 'x', user: { login: 'u', type } } },
        APP,
      );
    const resolver = (runs: readonly PlannedRun[]) => runs.find((r) => r.workflow.name === 'factory-review-resolver');
    expect(resolver(runner.dispatch(comment('User')))?.jobs[0]).toMatchObject({ id: 'agent', decision: 'run' });
    expect(resolver(runner.dispatch(comment('Bot')))?.jobs[0]).toMatchObject({ id: 'agent', decision: 'skip' });
  });

  it('starts no workflow for a label added with GITHUB_TOKEN, and records why', async () => {
    const runner = await runnerFor(repositoryWorkflows());
    expect(runner.dispatch(labeled(12, 'factory:ready', GITHUB_TOKEN))).toEqual([]);
    const [record] = runner.history().events;
    expect(record?.decisions.filter((d) => d.fired)).toEqual([]);
    expect(record?.decisions).toContainEqual({
      workflow: BUILDER,
      fired: false,
      reason:
        'issues.labeled matches types [labeled]; but caused by GITHUB_TOKEN: GitHub starts no workflow for events its workflows ' +
        'cause with GITHUB_TOKEN (except workflow_dispatch and repository_dispatch)',
    });
    expect(record?.decisions).toContainEqual({
      workflow: '.github/workflows/factory-planner.yml',
      fired: false,
      reason: 'issues.labeled is not in types [opened, edited, reopened]',
    });
  });

  it('starts a workflow_dispatch sent with GITHUB_TOKEN, inputs typed as declared', async () => {
    const runner = await runnerFor(repositoryWorkflows());
    const [run] = runner.dispatch(dispatch('factory-builder.yml', { 'issue-number': '12', 'dry-run': 'true' }, GITHUB_TOKEN));
    expect(run?.workflow.file).toBe(BUILDER);
    expect(run?.inputs).toEqual({ 'issue-number': '12', 'command-comment': '', 'dry-run': true });
    expect(run?.github.event).toMatchObject({ inputs: { 'issue-number': '12', 'command-comment': '', 'dry-run': 'true' } });
    expect(run?.concurrency?.group).toBe('factory-builder-12');
    expect(run?.jobs[0]?.decision).toBe('run');
    expect(automation(run!, 'agent').with).toMatchObject({
      phase: 'agent',
      'github-token': secretPlaceholder('GITHUB_TOKEN'),
      'anthropic-api-key': secretPlaceholder('ANTHROPIC_API_KEY'),
      'issue-number': '12',
      'command-comment': '',
      'dry-run': 'true',
      'artifact-path': '/home/runner/work/_temp/factory-split',
    });
  });

  it('refuses a dispatch GitHub would refuse', async () => {
    const runner = await runnerFor(repositoryWorkflows());
    expect(() => runner.dispatch(dispatch('factory-commands.yml'))).toThrow("Workflow does not have 'workflow_dispatch' trigger");
    expect(() => runner.dispatch(dispatch('factory-builder.yml', { colour: 'red' }))).toThrow(DispatchError);
    expect(() => runner.dispatch(dispatch('factory-builder.yml', { 'dry-run': 'maybe' }))).toThrow("'maybe' for input 'dry-run'");
    expect(() => runner.dispatch(dispatch('factory-review-resolver.yml'))).toThrow("Required input 'issue-number' not provided");
    expect(() => runner.dispatch(dispatch('nope.yml'))).toThrow('no workflow nope.yml');
  });

  it('evaluates an unknown secret to an empty string, as GitHub does', async () => {
    const runner = await runnerFor(repositoryWorkflows(), { secrets: [] });
    const [run] = runner.dispatch(labeled(3, 'factory:ready', APP));
    expect(automation(run!, 'agent').with['anthropic-api-key']).toBe('');
    expect(automation(run!, 'agent').with['github-token']).toBe(secretPlaceholder('GITHUB_TOKEN'));
  });

  it('resolves permissions job over workflow (the workflow has permissions: {})', async () => {
    const runner = await runnerFor(repositoryWorkflows());
    const [run] = runner.dispatch(labeled(12, 'factory:ready', APP));
    const agent = run!.jobs[0]!;
    expect(agent.permissionsSource).toBe('job');
    expect(agent.permissions).toMatchObject({
      contents: 'read',
      issues: 'read',
      'pull-requests': 'read',
      actions: 'none',
      'id-token': 'none',
    });
    expect(run!.jobs[1]?.permissions).toMatchObject({ contents: 'write', issues: 'write', 'pull-requests': 'write', actions: 'none' });
  });

  it('runs apply after agent only when the agent left writes (needs outputs)', async () => {
    const runner = await runnerFor(repositoryWorkflows());
    const [run] = runner.dispatch(labeled(12, 'factory:ready', APP));
    expect(runner.startJob(run!.id, 'agent').decision).toBe('run');
    expect(() => runner.startJob(run!.id, 'apply')).toThrow('needs agent, not completed yet');
    const finished = runner.finishJob(run!.id, 'agent', {
      result: 'failure',
      steps: { builder: { outputs: { writes: '3' }, outcome: 'failure' } },
    });
    expect(finished.outputs).toEqual({ writes: '3' });
    const apply = runner.startJob(run!.id, 'apply');
    expect(apply.decision).toBe('run');
    expect(apply.reason).toContain("!cancelled() && needs.agent.outputs.writes != ''");
    runner.finishJob(run!.id, 'apply', { result: 'success' });
    expect(runner.complete(run!.id).conclusion).toBe('failure');

    const [second] = runner.dispatch(labeled(13, 'factory:ready', APP));
    runner.startJob(second!.id, 'agent');
    runner.finishJob(second!.id, 'agent', { result: 'success', steps: { builder: { outputs: { writes: '0' } } } });
    expect(runner.startJob(second!.id, 'apply')).toMatchObject({ decision: 'skip' });
    expect(runner.complete(second!.id).conclusion).toBe('success');
  });

  it('fires the CI fixer when ci completes on a factory branch, and records the chain', async () => {
    const runner = await runnerFor(repositoryWorkflows());
    const pr = { number: 7, base: { ref: 'main' }, head: { ref: 'factory/12-search', sha: 'abc123' }, merge_commit_sha: 'm1' };
    const [ci] = runner.dispatch(event('pull_request', { action: 'opened', pull_request: pr }, APP));
    expect(ci?.workflow.name).toBe('ci');
    expect(ci?.jobs.map((j) => j.id)).toEqual(['build-and-test', 'dry-run']);
    runner.startJob(ci!.id, 'build-and-test');
    runner.finishJob(ci!.id, 'build-and-test', { result: 'failure' });
    expect(runner.startJob(ci!.id, 'dry-run').decision).toBe('skip');
    const done = runner.complete(ci!.id);
    expect(done.conclusion).toBe('failure');
    expect(done.event.payload).toMatchObject({
      action: 'completed',
      workflow_run: {
        id: ci!.id,
        name: 'ci',
        event: 'pull_request',
        conclusion: 'failure',
        head_branch: 'factory/12-search',
        head_sha: 'm1',
      },
    });
    expect(done.triggers).toEqual([
      { workflow: '.github/workflows/factory-ci-fixer.yml', fired: true, reason: expect.any(String) as unknown as string },
      { workflow: '.github/workflows/factory-merge-gate.yml', fired: true, reason: expect.any(String) as unknown as string },
      { workflow: '.github/workflows/factory-post-merge.yml', fired: false, reason: 'workflow ci is not in workflows [deploy]' },
      // The shepherd also looks at a failed CI run of a factory branch (its job's if: takes failures only).
      { workflow: '.github/workflows/factory-shepherd.yml', fired: true, reason: expect.any(String) as unknown as string },
    ]);
    const [fixer] = runner.dispatch(done.event);
    expect(fixer?.workflow.file).toBe('.github/workflows/factory-ci-fixer.yml');
    expect(fixer?.concurrency?.group).toBe('factory-ci-fixer-factory/12-search');
    expect(fixer?.jobs[0]?.decision).toBe('run');
    expect(runner.record(fixer!.id).triggeredByRun).toBe(ci!.id);
    const text = formatHistory(runner.history());
    expect(text).toContain('event 1: pull_request.opened by factory-app[bot] [app: factory-app[bot]]');
    expect(text).toContain(`event 2: workflow_run.completed by factory-app[bot] [github: github] (completion of run ${ci!.id})`);
    expect(text).toContain('not executed: uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683');
  });

  it('does not fire the CI fixer for ci on main, nor for another workflow completing', async () => {
    const runner = await runnerFor(repositoryWorkflows());
    const [ci] = runner.dispatch(event('push', { ref: 'refs/heads/main', after: 'def456' }, USER));
    const done = runner.complete(ci!.id, 'failure');
    expect(done.triggers).toEqual([
      { workflow: '.github/workflows/factory-ci-fixer.yml', fired: false, reason: 'head branch main does not match [factory/**]' },
      // The merge gate listens to every ci completion; its job's if: skips one that names no pull request.
      { workflow: '.github/workflows/factory-merge-gate.yml', fired: true, reason: expect.any(String) as unknown as string },
      { workflow: '.github/workflows/factory-post-merge.yml', fired: false, reason: 'workflow ci is not in workflows [deploy]' },
      { workflow: '.github/workflows/factory-shepherd.yml', fired: false, reason: 'head branch main does not match [factory/**]' },
    ]);
    const [builder] = runner.dispatch(labeled(1, 'factory:ready', APP));
    const other = runner.complete(builder!.id, 'failure');
    expect(other.triggers).toEqual([
      { workflow: '.github/workflows/factory-ci-fixer.yml', fired: false, reason: 'workflow factory-builder is not in workflows [ci]' },
      { workflow: '.github/workflows/factory-merge-gate.yml', fired: false, reason: 'workflow factory-builder is not in workflows [ci]' },
      {
        workflow: '.github/workflows/factory-post-merge.yml',
        fired: false,
        reason: 'workflow factory-builder is not in workflows [deploy]',
      },
      { workflow: '.github/workflows/factory-shepherd.yml', fired: false, reason: 'workflow factory-builder is not in workflows [ci]' },
    ]);
  });

  it('queues a second builder run for the same issue and starts it when the first completes', async () => {
    const runner = await runnerFor(repositoryWorkflows());
    const [first] = runner.dispatch(labeled(12, 'factory:ready', APP));
    const [second] = runner.dispatch(labeled(12, 'factory:ready', APP));
    const [third] = runner.dispatch(labeled(12, 'factory:ready', USER));
    const [other] = runner.dispatch(labeled(13, 'factory:ready', APP));
    expect([first, second, third, other].map((r) => r?.status)).toEqual(['in_progress', 'queued', 'queued', 'in_progress']);
    expect(third?.cancelled).toEqual([
      { runId: second!.id, was: 'pending', completion: expect.objectContaining({ conclusion: 'cancelled' }) },
    ]);
    expect(runner.record(second!.id)).toMatchObject({ status: 'completed', conclusion: 'cancelled' });
    const done = runner.complete(first!.id, 'success');
    expect(done.started.map((r) => [r.id, r.status])).toEqual([[third!.id, 'in_progress']]);
    expect(runner.record(third!.id).notes).toContain(`started: run ${first!.id} left group factory-builder-12`);
  });
});

describe('small workflows', () => {
  const ci = `
name: ci
on:
  push:
    branches: [main, 'release/**']
    paths-ignore: ['docs/**']
  pull_request:
    types: [opened, labeled]
    branches: [main]
concurrency:
  group: ci-\${{ github.ref }}
  cancel-in-progress: true
permissions: read-all
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: npm test
      - uses: ./actions/reporter
        env:
          LEVEL: \${{ github.event_name == 'push' && 'strict' || 'loose' }}
        with:
          title: 'CI for \${{ github.ref_name }} by \${{ github.actor }}'
          token: \${{ github.token }}
          labels: \${{ join(github.event.pull_request.labels.*.name, ',') }}
          data: \${{ toJSON(fromJSON('{"a":[1,2]}').a) }}
          flag: \${{ vars.STRICT }}
  admin:
    permissions: write-all
    runs-on: ubuntu-latest
    steps:
      - uses: ./actions/admin
  none:
    permissions: {}
    if: always()
    runs-on: ubuntu-latest
    steps:
      - uses: ./actions/admin
`;

  it('cancels the running ci run of a ref when a newer one starts (cancel-in-progress)', async () => {
    const runner = await runnerFor({ '.github/workflows/ci.yml': ci });
    const push = () => event('push', { ref: 'refs/heads/main', commits: [{ modified: ['src/a.ts'] }] });
    const [first] = runner.dispatch(push());
    runner.startJob(first!.id, 'test');
    const [second] = runner.dispatch(push());
    expect(second?.status).toBe('in_progress');
    expect(second?.cancelled).toEqual([{ runId: first!.id, was: 'running' }]);
    runner.finishJob(first!.id, 'test', { result: 'success' });
    expect(runner.record(first!.id).jobs[0]?.result).toBe('cancelled');
    expect(runner.complete(first!.id, 'success').conclusion).toBe('cancelled');
    expect(runner.record(first!.id).notes).toEqual([`cancelled by run ${second!.id} (cancel-in-progress)`]);
  });

  it('matches branch and path filters and pull_request types', async () => {
    const runner = await runnerFor({ '.github/workflows/ci.yml': ci });
    const push = (ref: string, files: string[]) => runner.wouldStart(event('push', { ref }, USER, { changedFiles: files }));
    expect(push('refs/heads/main', ['src/a.ts'])[0]).toMatchObject({ fired: true });
    expect(push('refs/heads/release/1.2', ['src/a.ts'])[0]).toMatchObject({ fired: true });
    expect(push('refs/heads/feature', ['src/a.ts'])[0]).toEqual({
      workflow: '.github/workflows/ci.yml',
      fired: false,
      reason: 'branch feature does not match [main, release/**]',
    });
    expect(push('refs/heads/main', ['docs/a.md', 'docs/b/c.md'])[0]).toMatchObject({
      fired: false,
      reason: 'every changed file matches paths-ignore [docs/**]',
    });
    expect(push('refs/tags/v1', [])[0]).toMatchObject({ fired: false, reason: 'tag v1: the push filter names branches only' });
    const pr = (action: string, base: string) =>
      runner.wouldStart(
        event('pull_request', { action, pull_request: { number: 5, base: { ref: base }, head: { ref: 'x' }, labels: [] } }),
      )[0];
    expect(pr('opened', 'main')).toMatchObject({ fired: true });
    expect(pr('labeled', 'main')).toMatchObject({ fired: true });
    expect(pr('synchronize', 'main')).toMatchObject({ fired: false, reason: 'pull_request.synchronize is not in types [opened, labeled]' });
    expect(pr('opened', 'dev')).toMatchObject({ fired: false, reason: 'base branch dev does not match [main]' });
  });

  it('evaluates with: and env: of automation steps, and records steps it does not execute', async () => {
    const runner = await runnerFor({ '.github/workflows/ci.yml': ci }, { vars: { STRICT: 'yes' } });
    const [run] = runner.dispatch(
      event('pull_request', {
        action: 'opened',
        pull_request: { number: 5, base: { ref: 'main' }, head: { ref: 'feat' }, labels: [{ name: 'a' }, { name: 'b' }] },
      }),
    );
    const test = run!.jobs.find((j) => j.id === 'test')!;
    expect(test.steps[0]).toMatchObject({ kind: 'other', label: 'run: npm test' });
    const step = test.steps[1] as PlannedAutomationStep;
    expect(step.automation).toBe('reporter');
    expect(step.with).toEqual({
      title: 'CI for 5/merge by alice',
      token: secretPlaceholder('GITHUB_TOKEN'),
      labels: 'a,b',
      data: '[\n  1,\n  2\n]',
      flag: 'yes',
    });
    expect(step.env).toEqual({ LEVEL: 'loose' });
    expect(step.if).toEqual({ expression: 'success()', whenSucceeding: true, whenFailed: false });
    expect(run!.concurrency).toMatchObject({ group: 'ci-refs/pull/5/merge', cancelInProgress: true });
  });

  it('resolves read-all, write-all and {} permissions', async () => {
    const runner = await runnerFor({ '.github/workflows/ci.yml': ci });
    const [run] = runner.dispatch(event('push', { ref: 'refs/heads/main' }, USER, { changedFiles: ['a'] }));
    const perms = Object.fromEntries(run!.jobs.map((j) => [j.id, j]));
    expect(perms.test).toMatchObject({ permissionsSource: 'workflow', declaredPermissions: 'read-all' });
    expect(Object.values(perms.test!.permissions).every((a) => a === 'read')).toBe(true);
    expect(perms.admin?.permissionsSource).toBe('job');
    expect(Object.values(perms.admin!.permissions).every((a) => a === 'write')).toBe(true);
    expect(perms.none?.permissionsSource).toBe('job');
    expect(Object.values(perms.none!.permissions).every((a) => a === 'none')).toBe(true);
  });

  it('uses the repository default when no level declares permissions', async () => {
    const file = 'on: issues\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: ./actions/a\n';
    const restricted = await runnerFor({ '.github/workflows/a.yml': file });
    const [run] = restricted.dispatch(event('issues', { action: 'opened' }));
    expect(run!.jobs[0]).toMatchObject({
      permissionsSource: 'repository default',
      permissions: { contents: 'read', packages: 'read', issues: 'none' },
    });
    const permissive = await runnerFor({ '.github/workflows/a.yml': file }, { defaultPermissions: 'permissive' });
    const [run2] = permissive.dispatch(event('issues', { action: 'opened' }));
    expect(run2!.jobs[0]?.permissions).toMatchObject({ contents: 'write', issues: 'write', 'id-token': 'none' });
  });

  it('fires workflow_run only for the named workflow, and stops a chain after three levels', async () => {
    const chain = (name: string, after: string) =>
      `name: ${name}\non:\n  workflow_run:\n    workflows: [${after}]\n    types: [completed]\n` +
      `jobs:\n  j:\n    runs-on: x\n    steps:\n      - uses: ./actions/${name}\n`;
    const runner = await runnerFor({
      '.github/workflows/a.yml': 'name: a\non: workflow_dispatch\njobs:\n  j:\n    runs-on: x\n    steps:\n      - uses: ./actions/a\n',
      '.github/workflows/b.yml': chain('b', 'a'),
      '.github/workflows/c.yml': chain('c', 'b'),
      '.github/workflows/d.yml': chain('d', 'c'),
      '.github/workflows/e.yml': chain('e', 'd'),
    });
    let [run] = runner.dispatch(dispatch('a.yml'));
    const started: string[] = [run!.workflow.name];
    for (;;) {
      const done = runner.complete(run!.id, 'success');
      expect(done.triggers.filter((t) => t.fired).length).toBeLessThanOrEqual(1);
      [run] = runner.dispatch(done.event);
      if (!run) break;
      started.push(run.workflow.name);
    }
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    const last = runner.history().events.at(-1);
    expect(last?.decisions.find((d) => d.workflow === '.github/workflows/e.yml')?.reason).toContain('at most 3 levels deep');
  });

  it('throws an evaluation error naming file and line, and starts no run', async () => {
    const file =
      "on: issues\nconcurrency: g-${{ fromJSON('{oops') }}\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: ./actions/a\n";
    const runner = await runnerFor({ '.github/workflows/a.yml': file });
    expect(() => runner.dispatch(event('issues', { action: 'opened' }))).toThrow(
      /failed: Error parsing JSON .*\(\.github\/workflows\/a\.yml, line 2, column 14\)$/,
    );
    const history = runner.history();
    expect(history.runs).toEqual([]);
    expect(history.events[0]?.decisions[0]).toMatchObject({
      fired: false,
      reason: expect.stringContaining('the run could not be planned'),
    });
  });

  it('starts no workflow on check_suite completed for the checks GitHub Actions made, and does for an App’s', async () => {
    const gate =
      'on:\n  check_suite:\n    types: [completed]\njobs:\n  gate:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./actions/gate\n';
    const runner = await runnerFor({ '.github/workflows/gate.yml': gate });
    const suite = (causedBy: { kind: 'github' | 'app'; login: string }) =>
      runner.wouldStart(event('check_suite', { action: 'completed', check_suite: { pull_requests: [] } }, causedBy));
    expect(suite({ kind: 'github', login: 'github' })).toEqual([
      expect.objectContaining({ fired: false, reason: expect.stringContaining('no workflow for a check suite GitHub Actions created') }),
    ]);
    expect(suite({ kind: 'app', login: 'ci[bot]' })).toEqual([expect.objectContaining({ fired: true })]);
  });

  it('starts repository_dispatch by type, also from GITHUB_TOKEN, and schedule by cron', async () => {
    const runner = await runnerFor(repositoryWorkflows());
    const report = (type: string) => event('repository_dispatch', { action: type, client_payload: { id: 'r1' } }, GITHUB_TOKEN);
    const [intake] = runner.dispatch(report('factory-report'));
    expect(intake?.workflow.name).toBe('factory-intake');
    expect(intake?.concurrency?.group).toBe('factory-intake-r1');
    expect(runner.dispatch(report('other'))).toEqual([]);
    const tick = runner.dispatch(event('schedule', { schedule: '7 * * * *' }, { kind: 'github', login: 'github' }));
    expect(tick.map((r) => r.workflow.name)).toEqual(['factory-builder']);
    expect(tick[0]?.concurrency?.group).toBe('factory-builder-pick');
    expect(runner.schedules()).toContainEqual({ workflow: '.github/workflows/factory-planner.yml', cron: '*/30 * * * *' });
  });
});

describe('jobs', () => {
  const deploy = `
on:
  push:
  workflow_dispatch:
    inputs:
      target:
        type: choice
        options: [staging, prod]
        default: staging
jobs:
  gate:
    if: \${{ github.event_name == 'push' || inputs.target == 'prod' }}
    runs-on: x
    steps:
      - uses: ./actions/gate
  deploy:
    if: github.event_name == 'push' || inputs.target == 'prod'
    concurrency: deploy-\${{ inputs.target || 'push' }}
    runs-on: x
    steps:
      - uses: ./actions/deploy
        with:
          target: \${{ inputs.target }}
      - uses: ./actions/notify
        if: failure()
`;

  it('reads if: with and without ${{ }} the same way', async () => {
    const runner = await runnerFor({ '.github/workflows/deploy.yml': deploy });
    const [staging] = runner.dispatch(dispatch('deploy.yml', {}));
    expect(staging?.jobs.map((j) => j.decision)).toEqual(['skip', 'skip']);
    const [prod] = runner.dispatch(dispatch('deploy.yml', { target: 'prod' }));
    expect(prod?.jobs.map((j) => j.decision)).toEqual(['run', 'run']);
    expect(() => runner.dispatch(dispatch('deploy.yml', { target: 'qa' }))).toThrow(
      "'qa' for input 'target' not in the list of allowed values",
    );
  });

  it('plans whether a step runs after a failure', async () => {
    const runner = await runnerFor({ '.github/workflows/deploy.yml': deploy });
    const [run] = runner.dispatch(dispatch('deploy.yml', { target: 'prod' }));
    const steps = run!.jobs[1]!.steps as PlannedAutomationStep[];
    expect(steps.map((s) => [s.automation, s.if.whenSucceeding, s.if.whenFailed])).toEqual([
      ['deploy', true, false],
      ['notify', false, true],
    ]);
  });

  it('queues a job behind another run holding its concurrency group, and resumes it', async () => {
    const runner = await runnerFor({ '.github/workflows/deploy.yml': deploy });
    const [first] = runner.dispatch(dispatch('deploy.yml', { target: 'prod' }));
    const [second] = runner.dispatch(dispatch('deploy.yml', { target: 'prod' }));
    expect(runner.startJob(first!.id, 'deploy')).toMatchObject({
      decision: 'run',
      concurrency: { group: 'deploy-prod', cancelInProgress: false },
    });
    const queued = runner.startJob(second!.id, 'deploy');
    expect(queued).toMatchObject({
      decision: 'queued',
      reason: `concurrency group deploy-prod is held by job:${first!.id}/deploy: pending`,
    });
    expect(() => runner.startJob(second!.id, 'deploy')).toThrow('is queued');
    const finished = runner.finishJob(first!.id, 'deploy', { result: 'success' });
    expect(finished.resumed).toEqual([{ runId: second!.id, jobId: 'deploy' }]);
    expect(runner.startJob(second!.id, 'deploy').decision).toBe('run');
    runner.finishJob(second!.id, 'deploy', { result: 'success' });
    expect(runner.complete(second!.id).conclusion).toBe('success');
  });

  it('cancels a queued run on request at once, a running one when it completes', async () => {
    const runner = await runnerFor(repositoryWorkflows());
    const [first] = runner.dispatch(labeled(5, 'factory:ready', APP));
    const [second] = runner.dispatch(labeled(5, 'factory:ready', APP));
    expect(runner.cancel(second!.id)).toMatchObject({ conclusion: 'cancelled', started: [] });
    expect(runner.cancel(first!.id)).toBeUndefined();
    expect(runner.startJob(first!.id, 'agent')).toMatchObject({
      decision: 'skip',
      reason: expect.stringContaining('(the run was cancelled)'),
    });
    expect(runner.complete(first!.id, 'success').conclusion).toBe('cancelled');
    expect(runner.record(first!.id).jobs.map((j) => j.result)).toEqual(['cancelled', 'cancelled']);
  });
});

describe('planRuns', () => {
  it('plans one event statelessly', async () => {
    const { workflows } = await loadWorkflows(repositoryWorkflows());
    const plan = () =>
      planRuns({ workflows, repository: REPOSITORY, event: labeled(12, 'factory:ready', APP), defaultPermissions: 'permissive' });
    expect(plan().map((r) => [r.workflow.name, r.status])).toEqual([['factory-builder', 'in_progress']]);
    expect(plan().map((r) => [r.workflow.name, r.status])).toEqual([['factory-builder', 'in_progress']]);
  });
});
