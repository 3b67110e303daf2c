import { UnsupportedFeatureError, WorkflowLoadError, WorkflowSyntaxError } from './errors';
import { isWorkflowPath, loadWorkflow, loadWorkflows } from './load';
import { event, repositoryWorkflows, runnerFor, USER } from './testing';

const FILE = '.github/workflows/x.yml';

async function errorsOf(text: string): Promise<Error[]> {
  const result = await loadWorkflow(FILE, text);
  if ('workflow' in result) throw new Error('expected load errors');
  return result.errors;
}

describe('loadWorkflows', () => {
  it('loads every workflow of this repository, steps classified', async () => {
    const { workflows, errors } = await loadWorkflows(repositoryWorkflows());
    expect(errors).toEqual([]);
    expect(workflows.map((w) => w.name)).toEqual([
      'ci',
      'factory-auditor',
      'factory-builder',
      'factory-ci-fixer',
      'factory-commands',
      'factory-incidents',
      'factory-intake',
      'factory-merge-gate',
      'factory-metrics',
      'factory-planner',
      'factory-post-merge',
      'factory-quality',
      'factory-review-resolver',
      'factory-reviewer',
      'factory-shepherd',
    ]);
    const builder = workflows.find((w) => w.name === 'factory-builder')!;
    const agent = builder.jobs[0]!;
    expect(agent.steps.filter((s) => s.kind === 'automation').map((s) => s.kind === 'automation' && s.automation)).toEqual([
      'feature-builder',
    ]);
    const others = agent.steps.filter((s) => s.kind === 'other').map((s) => s.kind === 'other' && s.label);
    expect(others).toContainEqual(expect.stringMatching(/^uses: actions\/checkout@[0-9a-f]{40}$/));
    expect(others).toContainEqual(expect.stringMatching(/^uses: actions\/upload-artifact@[0-9a-f]{40}$/));
    expect(agent.ignored).toEqual(['runs-on', 'timeout-minutes']);
    expect(builder.dispatchInputs).toEqual([
      { name: 'issue-number', type: 'string', required: false },
      { name: 'command-comment', type: 'string', required: false },
      { name: 'dry-run', type: 'boolean', required: false, default: false },
    ]);
  });

  it('names file, line and column of a YAML error', async () => {
    const [error] = await errorsOf('on: push\njobs:\n  build:\n    runs-on: x\n    steps: [\n');
    expect(error).toBeInstanceOf(WorkflowSyntaxError);
    expect(error?.message).toMatch(/^.+ \(\.github\/workflows\/x\.yml, line \d+, column \d+\)$/);
  });

  it('names file, line and column of a key the workflow schema does not allow', async () => {
    const [error] = await errorsOf('on: push\njobs:\n  build:\n    runs-on: x\n    steps:\n      - run: echo\n        bogus: 1\n');
    expect(error?.message).toBe("Unexpected value 'bogus' (.github/workflows/x.yml, line 7, column 9)");
  });

  it('refuses hashFiles with the file, job and line', async () => {
    const text = [
      'on: push', // 1
      'jobs:', // 2
      '  build:', // 3
      '    runs-on: ubuntu-latest', // 4
      '    steps:', // 5
      '      - uses: ./actions/cache', // 6
      '        with:', // 7
      "          key: ${{ hashFiles('**/package-lock.json') }}", // 8
    ].join('\n');
    const [error] = await errorsOf(text);
    expect(error).toBeInstanceOf(UnsupportedFeatureError);
    expect(error?.message).toBe(
      "hashFiles is not supported by the sandbox's workflow runner (.github/workflows/x.yml, job build, line 8, column 16)",
    );
  });

  it("refuses hashFiles in an automation step's if:, where GitHub allows it", async () => {
    const [error] = await errorsOf(
      "on: push\njobs:\n  build:\n    runs-on: x\n    steps:\n      - uses: ./actions/a\n        if: hashFiles('a') != ''\n",
    );
    expect(error?.message).toContain('hashFiles is not supported');
    expect(error?.message).toContain('job build, line 7');
  });

  it('reports hashFiles in a job if: as GitHub does (not allowed there)', async () => {
    const [error] = await errorsOf(
      "on: push\njobs:\n  build:\n    if: hashFiles('a') != ''\n    runs-on: x\n    steps:\n      - run: echo\n",
    );
    expect(error?.message).toBe("Unrecognized function: 'hashFiles' (.github/workflows/x.yml, line 4, column 9)");
  });

  it('reports an unknown function with its line', async () => {
    const [error] = await errorsOf(
      "on: push\njobs:\n  build:\n    runs-on: x\n    steps:\n      - uses: ./actions/a\n        with:\n          k: ${{ nope('x') }}\n",
    );
    expect(error?.message).toContain("Unrecognized function: 'nope'");
    expect(error?.message).toContain('line 8');
  });

  it.each([
    ['a reusable workflow job', 'jobs:\n  call:\n    uses: ./.github/workflows/other.yml\n', 'a reusable workflow job (jobs.<id>.uses)'],
    [
      'a matrix',
      'jobs:\n  build:\n    runs-on: x\n    strategy:\n      matrix:\n        n: [1, 2]\n    steps:\n      - run: echo\n',
      'jobs.<id>.strategy',
    ],
    ['an environment', 'jobs:\n  build:\n    runs-on: x\n    environment: prod\n    steps:\n      - run: echo\n', 'jobs.<id>.environment'],
    [
      'a job output from a run step',
      'jobs:\n  build:\n    runs-on: x\n    outputs:\n      v: ${{ steps.s.outputs.v }}\n    steps:\n      - id: s\n        run: echo\n',
      'a job output from step s (run: echo), which the runner does not execute',
    ],
    [
      'the steps context in an automation step',
      'jobs:\n  build:\n    runs-on: x\n    steps:\n      - id: a\n        uses: ./actions/a\n' +
        '      - uses: ./actions/b\n        with:\n          v: ${{ steps.a.outputs.v }}\n',
      "steps.a in an automation step's if, with or env",
    ],
    [
      'a concurrency queue',
      'concurrency:\n  group: g\n  queue: max\njobs:\n  build:\n    runs-on: x\n    steps:\n      - run: echo\n',
      'concurrency queue',
    ],
  ])('refuses %s by name', async (_what, jobs, feature) => {
    const errors = await errorsOf(`on: push\n${jobs}`);
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringContaining(`${feature} is not supported by the sandbox's workflow runner (${FILE}`),
    ]);
  });

  it("lets an automation step read an earlier token step's output, which reads empty as the runner does not execute that step", async () => {
    const text = (tokenStep: string) =>
      'on: push\njobs:\n  build:\n    runs-on: x\n    steps:\n' +
      tokenStep +
      '      - id: run\n        uses: ./actions/a\n        with:\n          app-token: ${{ steps.app-token.outputs.token }}\n';
    const minted = '      - id: app-token\n        uses: actions/create-github-app-token@' + 'f'.repeat(40) + '\n';
    const runner = await runnerFor({ [FILE]: text(minted) });
    const [run] = runner.dispatch(event('push', { ref: 'refs/heads/main', after: 'abc' }, USER));
    const job = runner.startJob(run!.id, 'build');
    expect(job.steps.find((s) => s.id === 'run')).toMatchObject({ kind: 'automation', with: { 'app-token': '' } });
    // Any other step's output stays refused: the runner would read it empty without saying so.
    expect((await errorsOf(text('      - id: app-token\n        run: echo\n'))).map((e) => e.message)).toEqual([
      expect.stringContaining("steps.app-token in an automation step's if, with or env is not supported"),
    ]);
  });

  it('keeps the good workflows and reports the broken ones', async () => {
    const { workflows, errors } = await loadWorkflows({
      '.github/workflows/good.yml': 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo\n',
      '.github/workflows/bad.yml': 'on: push\njobs: [\n',
    });
    expect(workflows.map((w) => w.file)).toEqual(['.github/workflows/good.yml']);
    expect(errors.map((e) => e.location.file)).toEqual(['.github/workflows/bad.yml']);
  });

  it('createWorkflowRunner throws every load error at once', async () => {
    const broken = runnerFor({
      '.github/workflows/a.yml': 'on: [push\n',
      '.github/workflows/b.yml': 'on: push\njobs:\n  j:\n    runs-on: x\n    bogus: 1\n',
    });
    await expect(broken).rejects.toBeInstanceOf(WorkflowLoadError);
    await expect(broken).rejects.toThrow(/a\.yml, line \d+, column \d+\)\n.*b\.yml, line 5, column 5\)/);
  });

  it('knows which paths GitHub reads as workflows', () => {
    expect(isWorkflowPath('.github/workflows/ci.yml')).toBe(true);
    expect(isWorkflowPath('.github/workflows/ci.yaml')).toBe(true);
    expect(isWorkflowPath('.github/workflows/sub/ci.yml')).toBe(false);
    expect(isWorkflowPath('.github/dependabot.yml')).toBe(false);
  });
});
