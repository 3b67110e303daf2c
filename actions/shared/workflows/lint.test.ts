import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkWorkflowSecurity } from './lint';
import { formatFinding, lintWorkflows, listWorkflowFiles, type Actionlint } from './actionlint';

const good = `name: ok
on:
  issues:
    types: [opened]
permissions: {}
jobs:
  plan:
    runs-on: ubuntu-latest
    permissions:
      issues: write
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
      - uses: ./actions/feature-planner
      - run: echo "$TITLE"
        env:
          TITLE: \${{ github.event.issue.title }}
`;

/** The same workflow without its local action, for a folder that has none. */
const standalone = good.replace('      - uses: ./actions/feature-planner\n', '');

describe('workflow security rules', () => {
  it('accepts a least-privilege, pinned workflow with expressions only in env', () => {
    expect(checkWorkflowSecurity(good, 'w.yml')).toEqual([]);
  });

  it('flags an expression inside run: at its line', () => {
    const bad = good.replace('echo "$TITLE"', 'echo "${{ github.event.issue.title }}"');
    const problems = checkWorkflowSecurity(bad, 'w.yml');
    expect(problems).toEqual([expect.objectContaining({ rule: 'expression-in-run', line: 14, file: 'w.yml' })]);
  });

  it('flags a tag-pinned third-party action', () => {
    const bad = good.replace('actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683', 'actions/checkout@v4');
    const problems = checkWorkflowSecurity(bad, 'w.yml');
    expect(problems.map((p) => p.rule)).toEqual(['unpinned-action']);
    expect(problems[0]!.message).toContain('actions/checkout@v4');
    expect(problems[0]!.line).toBe(12);
  });

  it('flags a missing top-level permissions block', () => {
    const bad = good.replace('permissions: {}\n', '');
    expect(checkWorkflowSecurity(bad, 'w.yml').map((p) => p.rule)).toContain('permissions');
  });

  it('flags `permissions: write-all` at the top and in a job, at its line', () => {
    const top = checkWorkflowSecurity(good.replace('permissions: {}', 'permissions: write-all'), 'w.yml');
    expect(top).toEqual([expect.objectContaining({ rule: 'write-all', line: 5, message: expect.stringContaining('write-all') })]);
    const job = checkWorkflowSecurity(good.replace('    permissions:\n      issues: write', '    permissions: write-all'), 'w.yml');
    expect(job).toEqual([expect.objectContaining({ rule: 'write-all', line: 9, message: expect.stringContaining('job "plan"') })]);
  });

  it('flags a `./` action that does not exist in the repository, when told what exists', () => {
    const seen: string[] = [];
    const none = checkWorkflowSecurity(good, 'w.yml', { localExists: (ref) => (seen.push(`${ref.kind}:${ref.path}`), false) });
    expect(seen).toEqual(['action:actions/feature-planner']);
    expect(none).toEqual([expect.objectContaining({ rule: 'missing-local-action', line: 13 })]);
    expect(none[0]!.message).toBe(
      '"./actions/feature-planner" does not exist in this repository: no actions/feature-planner/action.yml (a factory action: use "<owner>/<repo>/actions/feature-planner@<commit sha>")',
    );
    expect(checkWorkflowSecurity(good, 'w.yml', { localExists: () => true })).toEqual([]);
  });

  it('flags pull_request_target checking out the head', () => {
    const bad = good
      .replace('issues:\n    types: [opened]', 'pull_request_target:')
      .replace('# v4.2.2', '# v4.2.2\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}');
    expect(checkWorkflowSecurity(bad, 'w.yml').map((p) => p.rule)).toContain('pull-request-target-checkout');
  });
});

describe('lintWorkflows (actionlint + security rules)', () => {
  it('reports an actionlint error with file, line and column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wf-'));
    try {
      mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
      writeFileSync(
        join(dir, '.github', 'workflows', 'bad.yml'),
        good.replace('runs-on: ubuntu-latest', 'runs-on: ubuntu-latest\n    timeout-minutes: ten'),
      );
      const findings = await lintWorkflows(dir);
      expect(findings.some((f) => f.source === 'actionlint' && f.file === '.github/workflows/bad.yml' && f.line > 0)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a YAML syntax error at file:line, and never hands that file to actionlint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wf-'));
    try {
      mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
      writeFileSync(
        join(dir, '.github', 'workflows', 'broken.yml'),
        'on: push\njobs:\n  a:\n    runs-on: ubuntu: latest\n    steps:\n      - run: echo\n',
      );
      writeFileSync(join(dir, '.github', 'workflows', 'good.yml'), standalone);
      const seen: string[] = [];
      const recording: Actionlint = { name: 'recording', linter: async () => async (_text, path) => (seen.push(path), []) };
      const findings = await lintWorkflows(dir, undefined, recording);
      expect(seen).toEqual(['.github/workflows/good.yml']);
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ file: '.github/workflows/broken.yml', source: 'yaml' });
      expect(formatFinding(findings[0]!)).toBe(
        '.github/workflows/broken.yml:4:14: YAML syntax error: Nested mappings are not allowed in compact mappings',
      );
      // The real actionlint build, too: a finding, not a crash.
      const real = await lintWorkflows(dir);
      expect(real.map(formatFinding)).toEqual([formatFinding(findings[0]!)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a linter that crashes on a file is a finding on that file, and the other files are still linted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wf-'));
    try {
      mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
      writeFileSync(join(dir, '.github', 'workflows', 'a.yml'), standalone);
      writeFileSync(join(dir, '.github', 'workflows', 'b.yml'), standalone);
      let calls = 0;
      const crashing: Actionlint = {
        name: 'wasm',
        linter: async () => async () => {
          calls += 1;
          if (calls === 1) throw new Error('RuntimeError: unreachable');
          return [];
        },
      };
      const findings = await lintWorkflows(dir, undefined, crashing);
      expect(findings.map(formatFinding)).toEqual(['.github/workflows/a.yml:1:1: wasm failed on this file: RuntimeError: unreachable']);
      expect(calls).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds the `./actions/*` a workflow uses that the repository does not have', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wf-'));
    try {
      mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
      writeFileSync(join(dir, '.github', 'workflows', 'plan.yml'), good);
      const findings = await lintWorkflows(dir);
      expect(findings.map(formatFinding)).toEqual([
        expect.stringMatching(/^\.github\/workflows\/plan\.yml:13:\d+: "\.\/actions\/feature-planner" does not exist in this repository/),
      ]);
      mkdirSync(join(dir, 'actions', 'feature-planner'), { recursive: true });
      writeFileSync(join(dir, 'actions', 'feature-planner', 'action.yml'), 'name: x\nruns:\n  using: node20\n  main: index.js\n');
      expect(await lintWorkflows(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("finds no problem in this repository's own workflows", async () => {
    const root = join(__dirname, '..', '..', '..');
    expect(listWorkflowFiles(root).length).toBeGreaterThan(0);
    expect(await lintWorkflows(root)).toEqual([]);
  });
});
