import { startFactorySandbox, type FactorySandbox } from '../../../scripts/harness';
import { sampleProductFiles } from '../../../scripts/harness/sample-product';
import {
  conflictingFactoryPr,
  fixedPricing,
  shepherdConflictsScenario,
  shepherdContextFor,
  shepherdPrOf,
} from '../../../scripts/harness/scenarios/shepherd-agent';
import { git, SANDBOX_CONFIG } from '../../../test/helpers/builder';
import { pushBranch, sandboxOctokit } from '@software-factory/github-sandbox/testkit';
import { parseCounters } from '../../shared/state';
import { blockedConflicts, CONFLICT_COUNTER, filesWithMarkers, resolveConflicts } from './conflicts';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Conflict resolution end to end on the sandboxes: a factory pull request that no longer merges
 * into main (the GitHub sandbox says so: mergeable_state dirty), a scripted model resolving the
 * conflicts in the workspace, the checks run by code, the merge pushed through the applier.
 */
const BRANCH = 'factory/7-format-doc';
const ORIGINAL_FORMAT = sampleProductFiles()['src/format.js']!;
const OURS = ORIGINAL_FORMAT.replace('e.g. 12.5 -> "12.50"', 'with two decimals, e.g. 12.5 -> "12.50"');
const THEIRS = ORIGINAL_FORMAT.replace('e.g. 12.5 -> "12.50"', 'e.g. 12.5 -> "12.50" (no currency sign)');

describe('resolveConflicts on the sandboxes', () => {
  let sandbox: FactorySandbox;
  let bare: string;

  beforeEach(async () => {
    sandbox = await startFactorySandbox({ scenario: shepherdConflictsScenario(), configText: SANDBOX_CONFIG });
    bare = sandbox.github.gitRemotePath('acme', 'shop');
  });

  afterEach(async () => {
    await sandbox.close();
  });

  const mergeableState = async (n: number) =>
    (await sandboxOctokit(sandbox.github).rest.pulls.get({ owner: 'acme', repo: 'shop', pull_number: n })).data.mergeable_state;

  it('merges main into the branch, the model resolves the conflict, the tests run, the merge is pushed', async () => {
    const pricing = sampleProductFiles()['src/pricing.js']!;
    const pr = await conflictingFactoryPr(sandbox, {
      branch: BRANCH,
      path: 'src/format.js',
      ours: OURS,
      theirs: THEIRS,
      // The branch also carries the discount fix: `npm test` passes on it, and must still pass on the merge.
      branchFiles: { 'src/pricing.js': fixedPricing(pricing) },
    });
    // main also changed a protected file the branch does not touch: merging it in is not the branch touching it.
    const manifest = sampleProductFiles()['package.json']!;
    const mainSha = await pushBranch(sandbox.github, 'acme', 'shop', {
      branch: 'main',
      files: { 'package.json': manifest.replace('"version": "1.0.0"', '"version": "1.1.0"') },
    });
    expect(await mergeableState(pr.number)).toBe('dirty');
    const shepherdPr = await shepherdPrOf(sandbox, pr.number);
    expect(shepherdPr).toMatchObject({ mergeable: 'CONFLICTING', mergeStateStatus: 'DIRTY' });

    const deps = sandbox.deps('pr-shepherd', { workspace: sandbox.freshWorkspace() });
    const outcome = await resolveConflicts(deps, shepherdPr, shepherdContextFor(sandbox));

    expect(outcome).toMatchObject({ kind: 'fixed', wrote: true });
    // The pushed head is a merge of main into the old head, with both sides of the conflict and no marker.
    const parents = git(bare, 'log', '-1', '--format=%P', BRANCH).trim().split(' ');
    expect(parents).toEqual([pr.headSha, mainSha]);
    expect(git(bare, 'show', `${BRANCH}:package.json`)).toContain('"version": "1.1.0"');
    const merged = git(bare, 'show', `${BRANCH}:src/format.js`);
    expect(merged).toContain('with two decimals');
    expect(merged).toContain('(no currency sign)');
    expect(merged).not.toMatch(/^(<{7}|={7}|>{7})/m);
    expect(git(bare, 'show', `${BRANCH}:src/pricing.js`)).toContain(SAMPLE_FIX);
    // GitHub (the sandbox) now sees a pull request that merges cleanly.
    expect(await mergeableState(pr.number)).toBe('clean');

    // The model got the conflicted file named by code and the pull request's text fenced as untrusted.
    const first = JSON.stringify(sandbox.model.requests[0]!.body.messages[0]);
    expect(first).toContain('- `src/format.js`');
    expect(first).toMatch(/<untrusted source=\\"pull request #\d+ title\\"/);
    // The checks ran by code on the merge: the shepherd's comment says so, with its marker.
    const comments = sandbox.github.state.comments.filter((c) => c.issueNumber === pr.number);
    const note = comments.find((c) => c.body.includes('<!-- factory:pr-shepherd:conflicts -->'));
    expect(note?.body).toContain('`npm test` on the merge: passed (exit 0)');
    expect(comments.map((c) => parseCounters(c.body, pr.number)).find((c) => c[CONFLICT_COUNTER] !== undefined)).toEqual({
      [CONFLICT_COUNTER]: 1,
    });
    expect(sandbox.github.state.findIssue('acme/shop', pr.number)!.labels).not.toContain('factory:needs-human');
  });

  it('escalates a conflict in a protected path without calling the model, and pushes nothing', async () => {
    const manifest = sampleProductFiles()['package.json']!;
    const pr = await conflictingFactoryPr(sandbox, {
      branch: 'factory/8-version',
      path: 'package.json',
      ours: manifest.replace('"version": "1.0.0"', '"version": "1.0.1"'),
      theirs: manifest.replace('"version": "1.0.0"', '"version": "1.1.0"'),
    });
    const deps = sandbox.deps('pr-shepherd', { workspace: sandbox.freshWorkspace() });
    const outcome = await resolveConflicts(deps, await shepherdPrOf(sandbox, pr.number), shepherdContextFor(sandbox));

    expect(outcome).toMatchObject({ kind: 'escalated', wrote: true });
    expect(sandbox.model.requests).toHaveLength(0);
    expect(git(bare, 'rev-parse', 'factory/8-version').trim()).toBe(pr.headSha);
    const state = sandbox.github.state;
    expect(state.findIssue('acme/shop', pr.number)!.labels).toContain('factory:needs-human');
    const note = state.comments.find((c) => c.issueNumber === pr.number && c.body.includes('<!-- factory:pr-shepherd:needs-human -->'));
    expect(note?.body).toContain('conflicts in protected path(s) `package.json`');
    expect(await mergeableState(pr.number)).toBe('dirty');
  });

  it('pushes nothing and escalates when the model leaves conflict markers', async () => {
    sandbox.model.setScenario(shepherdConflictsScenario({ resolve: false }));
    const pr = await conflictingFactoryPr(sandbox, { branch: BRANCH, path: 'src/format.js', ours: OURS, theirs: THEIRS });
    const deps = sandbox.deps('pr-shepherd', { workspace: sandbox.freshWorkspace() });
    const outcome = await resolveConflicts(deps, await shepherdPrOf(sandbox, pr.number), shepherdContextFor(sandbox));

    expect(outcome).toMatchObject({ kind: 'escalated' });
    expect(sandbox.model.requests.length).toBeGreaterThan(0);
    expect(git(bare, 'rev-parse', BRANCH).trim()).toBe(pr.headSha);
    const note = sandbox.github.state.comments.find(
      (c) => c.issueNumber === pr.number && c.body.includes('<!-- factory:pr-shepherd:needs-human -->'),
    );
    expect(note?.body).toContain('conflict markers are left in `src/format.js`');
    expect(sandbox.github.state.findIssue('acme/shop', pr.number)!.labels).toContain('factory:needs-human');
  });

  it('never pushes a merge that brings a workflow change, even one main made', async () => {
    const pr = await conflictingFactoryPr(sandbox, { branch: BRANCH, path: 'src/format.js', ours: OURS, theirs: THEIRS });
    const workflow = '.github/workflows/factory-builder.yml';
    await pushBranch(sandbox.github, 'acme', 'shop', {
      branch: 'main',
      files: { [workflow]: `${sampleProductFiles()[workflow]!}# changed on main\n` },
    });
    const deps = sandbox.deps('pr-shepherd', { workspace: sandbox.freshWorkspace() });
    const outcome = await resolveConflicts(deps, await shepherdPrOf(sandbox, pr.number), shepherdContextFor(sandbox));

    expect(outcome).toMatchObject({ kind: 'escalated' });
    expect(git(bare, 'rev-parse', BRANCH).trim()).toBe(pr.headSha);
    const note = sandbox.github.state.comments.find(
      (c) => c.issueNumber === pr.number && c.body.includes('<!-- factory:pr-shepherd:needs-human -->'),
    );
    expect(note?.body).toContain(`the merge changes ${workflow}; the shepherd never pushes .github/workflows`);
  });

  it('leaves a fork or a person’s branch alone, and a head that moved since the triage', async () => {
    const pr = await conflictingFactoryPr(sandbox, { branch: BRANCH, path: 'src/format.js', ours: OURS, theirs: THEIRS });
    const seen = await shepherdPrOf(sandbox, pr.number);
    const deps = sandbox.deps('pr-shepherd', { workspace: sandbox.freshWorkspace() });
    expect(await resolveConflicts(deps, { ...seen, isFork: true }, shepherdContextFor(sandbox))).toMatchObject({ kind: 'skipped' });
    expect(
      await resolveConflicts(deps, { ...seen, head: { ref: 'feature/x', oid: seen.head.oid } }, shepherdContextFor(sandbox)),
    ).toMatchObject({
      kind: 'skipped',
    });
    const moved = await resolveConflicts(deps, { ...seen, head: { ...seen.head, oid: 'f'.repeat(40) } }, shepherdContextFor(sandbox));
    expect(moved).toMatchObject({ kind: 'skipped', wrote: false });
    expect(moved.summary).toContain('moved on');
    expect(sandbox.model.requests).toHaveLength(0);
    expect(git(bare, 'rev-parse', BRANCH).trim()).toBe(pr.headSha);
  });
});

const SAMPLE_FIX = 'total * (1 - percent / 100)';

describe('what the model may not resolve, and what counts as a marker', () => {
  const risk = { protectedPaths: ['.github/**', '**/package.json', 'migrations/**'], writableProtectedPaths: ['migrations/**'] };

  it('blocks protected paths and their lookalikes, lets writable ones through, never workflows', () => {
    expect(blockedConflicts(['src/a.js', 'package.json', 'migrations/002.sql', '.github/workflows/ci.yml'], risk)).toEqual([
      'package.json',
      '.github/workflows/ci.yml',
    ]);
    expect(blockedConflicts(['.GitHub/workflows/ci.yml', 'packаge.json'], risk)).toEqual(['.GitHub/workflows/ci.yml', 'packаge.json']);
    const writableWorkflows = { ...risk, writableProtectedPaths: ['.github/**'] };
    expect(blockedConflicts(['.github/workflows/ci.yml', '.github/labels.yml'], writableWorkflows)).toEqual(['.github/workflows/ci.yml']);
  });

  it('finds marker lines, not a Markdown heading underline, and stays inside the root', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shepherd-markers-'));
    try {
      fs.writeFileSync(path.join(root, 'a.js'), 'x\n<<<<<<< HEAD\na\n=======\nb\n>>>>>>> origin/main\n');
      fs.writeFileSync(path.join(root, 'b.md'), 'Title\n=======\n\ntext\n');
      fs.writeFileSync(path.join(root, 'c.txt'), 'only the end\n>>>>>>> theirs\n');
      expect(filesWithMarkers(root, ['a.js', 'b.md', 'c.txt', 'missing.txt', '../outside.txt'])).toEqual(['a.js', 'c.txt']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
