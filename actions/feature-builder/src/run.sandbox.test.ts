import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startFactorySandbox, type FactorySandbox } from '../../../scripts/harness';
import { loadScenarioFile } from '@software-factory/model-sandbox';
import { SAMPLE_BUG } from '../../../scripts/harness/sample-product';
import { branchName } from '../../shared/git';
import { parseClaim, parseCounters } from '../../shared/state';
import { run } from './run';
import { git, readyLabeledEvent, SANDBOX_CONFIG } from '../../../test/helpers/builder';

/**
 * End to end on the sandboxes: the real Octokit client against the GitHub sandbox, the real
 * Anthropic SDK against the model sandbox, real git against the sandbox's bare repository.
 */
const SCENARIO = path.join(__dirname, '../../../packages/model-sandbox/scenarios/builder-fix-discount.yaml');
const BRANCH = branchName(1, SAMPLE_BUG.title);

describe('feature builder on the sandboxes', () => {
  let sandbox: FactorySandbox;
  let bare: string;
  const scratch: string[] = [];

  beforeEach(async () => {
    sandbox = await startFactorySandbox({ scenario: loadScenarioFile(SCENARIO), configText: SANDBOX_CONFIG });
    bare = sandbox.github.gitRemotePath('acme', 'shop');
    sandbox.github.state.createIssue('acme', 'shop', {
      title: SAMPLE_BUG.title,
      body: SAMPLE_BUG.body,
      user: 'alice',
      authorAssociation: 'MEMBER',
      labels: ['factory:ready', 'type:bug', 'priority:p1'],
    });
  });

  afterEach(async () => {
    await sandbox.close();
    for (const dir of scratch.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** `npm test` in a fresh clone of `ref`, run by hand: the product's own verdict. */
  const testAt = (ref: string): boolean => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'builder-check-'));
    scratch.push(dir);
    git(os.tmpdir(), 'clone', '-q', '--branch', ref, bare, dir);
    try {
      git(dir, 'config', 'core.hooksPath', os.devNull); // keep the clone inert
      execFileSync('npm', ['test'], { cwd: dir, stdio: 'pipe', env: { PATH: process.env.PATH ?? '' } });
      return true;
    } catch {
      return false;
    }
  };

  it('turns a ready issue into one pull request with real commits, tests failing before and passing after', async () => {
    const deps = sandbox.deps('feature-builder');
    const result = await run(deps, { event: readyLabeledEvent(sandbox, 1) });

    expect(result.outcome).toBe('completed');
    const state = sandbox.github.state;
    expect(state.pulls).toHaveLength(1);
    const pull = state.pulls[0]!;
    expect(pull.headRef).toBe(BRANCH);
    expect(pull.baseRef).toBe('main');

    // The branch holds one real commit on top of main, by the configured identity, crediting the reporter.
    const commits = git(bare, 'log', '--format=%H', `main..${BRANCH}`).trim().split('\n');
    expect(commits).toHaveLength(1);
    expect(pull.headSha).toBe(commits[0]);
    const [author, email, ...message] = git(bare, 'log', '-1', '--format=%an%n%ae%n%B', BRANCH).split('\n');
    expect(author).toBe('github-actions[bot]');
    expect(email).toBe('41898282+github-actions[bot]@users.noreply.github.com');
    const alice = state.user('alice');
    expect(message.join('\n')).toContain(`Co-authored-by: alice <${alice.id}+alice@users.noreply.github.com>`);
    expect(message.join('\n')).toContain('Fixes #1');
    expect(git(bare, 'diff', '--name-only', `main...${BRANCH}`).trim()).toBe('src/pricing.js');
    expect(git(bare, 'show', `${BRANCH}:src/pricing.js`)).toContain(SAMPLE_BUG.fix.newString);

    // The product's own test command fails on main and passes on the branch ...
    expect(testAt('main')).toBe(false);
    expect(testAt(BRANCH)).toBe(true);
    // ... and the pull request body shows both results, written by code.
    const prIssue = state.findIssue('acme/shop', pull.number)!;
    expect(prIssue.title).toBe('Apply discounts as a percentage of the cart total');
    const body = prIssue.body ?? '';
    expect(body).toContain('Fixes #1');
    expect(body).toMatch(/\| `npm test` \| ❌ failed \(exit 1\) \| ✅ passed \(exit 0\) \|/);
    expect(body).toContain('applies a percentage discount'); // the failing test, in the output before
    expect(body).toContain('`src/pricing.js`: modified, +1 −1');
    expect(body).toContain('## Risk');
    expect(body).toContain('<!-- factory:feature-builder:pr.1 -->');

    // Issue state: pr-open; the claim was released; one build attempt counted.
    const issue = state.findIssue('acme/shop', 1)!;
    expect(issue.labels).toContain('factory:pr-open');
    expect(issue.labels).not.toContain('factory:building');
    expect(issue.labels).not.toContain('factory:ready');
    const comments = state.comments.filter((c) => c.issueNumber === 1);
    const claims = comments.map((c) => parseClaim(c.body)).filter((c) => c !== undefined);
    expect(claims).toHaveLength(1);
    expect(claims[0]!.runId).toBe(deps.runId);
    expect(claims[0]!.releasedAt).toBeDefined();
    expect(comments.map((c) => parseCounters(c.body, 1)).find((c) => c.build !== undefined)).toEqual({ build: 1 });
    // Nothing of the run's own files was committed.
    expect(git(bare, 'ls-tree', '-r', '--name-only', BRANCH)).not.toContain('.factory');
  });

  it('does nothing the second time the same event arrives: no second PR, no new comment', async () => {
    const event = readyLabeledEvent(sandbox, 1);
    expect((await run(sandbox.deps('feature-builder'), { event })).outcome).toBe('completed');
    const before = sandbox.github.state.snapshot();

    const again = await run(sandbox.deps('feature-builder', { workspace: sandbox.freshWorkspace() }), { event });

    expect(again.outcome).toBe('skipped');
    expect(again.summary).toContain('factory:pr-open');
    const after = sandbox.github.state.snapshot();
    expect(after.pulls).toHaveLength(1);
    expect(after.comments).toEqual(before.comments);
    expect(after.issues).toEqual(before.issues);
    expect(git(bare, 'for-each-ref', '--format=%(refname)', 'refs/heads/').trim().split('\n')).toEqual([
      'refs/heads/factory/1-discount-codes-subtract-the-percentage',
      'refs/heads/main',
    ]);
  });

  it('two runs started together on one issue produce exactly one pull request', async () => {
    const a = sandbox.deps('feature-builder', { runId: 'run-a', workspace: sandbox.freshWorkspace() });
    const b = sandbox.deps('feature-builder', { runId: 'run-b', workspace: sandbox.freshWorkspace() });
    const event = readyLabeledEvent(sandbox, 1);

    const results = await Promise.all([run(a, { event }), run(b, { event })]);

    const outcomes = results.map((r) => r.outcome).sort();
    expect(outcomes).toEqual(['completed', 'skipped']);
    const state = sandbox.github.state;
    expect(state.pulls).toHaveLength(1);
    expect(git(bare, 'log', '--format=%H', `main..${BRANCH}`).trim().split('\n')).toHaveLength(1);
    expect(state.findIssue('acme/shop', 1)!.labels).toContain('factory:pr-open');
    // Every claim written is released by the end: the loser's at once, the winner's in finally.
    const claims = state.comments.map((c) => parseClaim(c.body)).filter((c) => c !== undefined);
    expect(claims.length).toBeGreaterThanOrEqual(1);
    expect(claims.every((c) => c.releasedAt !== undefined)).toBe(true);
    // Only the winner spoke to the model: one conversation was started.
    expect(sandbox.model.requests.filter((r) => r.body.messages.length === 1)).toHaveLength(1);
  });
});
