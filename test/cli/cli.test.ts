import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demo } from '../../scripts/cli/demo';
import { LOCAL_RUNS_DIR } from '../../scripts/cli/runs';
import { runCommand } from '../../scripts/cli/run';
import { runnableAutomations } from '../../scripts/cli/registry';

/**
 * The `factory` CLI as a user runs it: `factory run <automation> --sandbox --event <example>`
 * and `npm run demo`, in process, with the printed lines captured.
 */

async function cli(name: string, opts: Parameters<typeof runCommand>[1]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runCommand(name, opts, (l) => lines.push(l));
  return { code, out: lines.join('\n') };
}

describe('factory run --sandbox', () => {
  it('lists the automations it can run', () => {
    expect(runnableAutomations()).toEqual([
      'automation-auditor',
      'ci-fixer',
      'commands',
      'feature-builder',
      'feature-planner',
      'incident-responder',
      'intake',
      'merge-gate',
      'metrics',
      'post-merge-verifier',
      'pr-reviewer',
      'pr-shepherd',
      'quality-grader',
      'review-resolver',
    ]);
  });

  it('feature-planner on issues.opened: labels, one plan comment, factory:ready', async () => {
    const { code, out } = await cli('feature-planner', { event: 'issues.opened', sandbox: true });
    expect(code).toBe(0);
    expect(out).toMatch(/^event: issues\.opened \(@octokit\/webhooks-examples issues\.opened\)$/m);
    expect(out).toMatch(/^outcome: completed — planned #1: completed \(factory:ready\)$/m);
    expect(out).toMatch(/^ {2}issue #1 \[open\] .* — labels: type:bug, priority:p1, factory:ready$/m);
    expect(out.match(/comment by .*: ### Plan/g)).toHaveLength(1);
  });

  it('feature-builder on issues.labeled: prints the pull request it opened, tests failing before and passing after', async () => {
    const { code, out } = await cli('feature-builder', { event: 'issues.labeled', sandbox: true });
    expect(code).toBe(0);
    expect(out).toMatch(/^outcome: completed — #1: pull request #2 from factory\/1-/m);
    expect(out).toMatch(/before: npm test failed \(exit 1\)/);
    expect(out).toMatch(/after: npm test passed \(exit 0\)/);
    expect(out).toMatch(/^ {2}PR #2 \[open\] /m);
    expect(out).toMatch(/^ {2}issue #1 \[open\] .* — labels: factory:pr-open$/m);
  });

  it.each(['pull_request_review.submitted', 'pull_request_review_comment.created'])(
    'review-resolver on %s: pushes a fix, replies and resolves both threads',
    async (event) => {
      const { code, out } = await cli('review-resolver', { event, sandbox: true });
      expect(code).toBe(0);
      expect(out).toMatch(
        /^outcome: completed — #2 round 1: pushed [0-9a-f]{12} to factory\/1-discount \(1 file\(s\)\); replied to 2 thread\(s\), resolved 2$/m,
      );
      expect(out).toMatch(/outcome=success/);
      expect(out).toMatch(/^ {2}applied: push to factory\/1-discount/m);
    },
    60_000,
  );

  it('commands: `@factory fix` by default starts the builder, which (followed) opens a fix PR; --comment picks another command', async () => {
    const fix = await cli('commands', { event: 'issue_comment.created', sandbox: true, follow: true });
    expect(fix.code).toBe(0);
    expect(fix.out).toMatch(/^outcome: completed — `@factory fix` on #1: Started `factory-builder\.yml` for #1\./m);
    expect(fix.out).toMatch(/^== factory-builder\.yml \(workflow_dispatch by .*\): feature-builder$/m);
    expect(fix.out).toMatch(/^outcome: completed — #1: pull request #2 from factory\/1-/m);
    expect(fix.out).toMatch(/^ {2}PR #2 \[open\] /m);
    const unfollowed = await cli('commands', { event: 'issue_comment.created', sandbox: true });
    expect(unfollowed.code).toBe(0);
    expect(unfollowed.out).not.toMatch(/PR #2/);
    const explain = await cli('commands', { event: 'issue_comment.created', sandbox: true, comment: '@factory explain' });
    expect(explain.code).toBe(0);
    expect(explain.out).toMatch(/^outcome: completed — `@factory explain` on #1: answered by the agent$/m);
    expect(explain.out).not.toMatch(/PR #2/);
  });

  it('pr-reviewer on pull_request.opened: one review of a factory pull request, its summary, label and check run', async () => {
    const { code, out } = await cli('pr-reviewer', { event: 'pull_request.opened', sandbox: true });
    expect(code).toBe(0);
    // A major finding requests changes (review.requestChangesAt, default major).
    expect(out).toMatch(/^outcome: completed — #2: changes-requested \(2 inline, 0 in the summary, 0 dropped\)$/m);
    expect(out).toMatch(/^ {2}inline src\/pricing\.js:16$/m);
    expect(out).toMatch(/check run factory\/review: failure/);
    expect(out).toMatch(/^ {2}PR #2 \[open\] .* labels: factory:changes-requested$/m);
  });

  it('merge-gate on check_suite.completed: rates an approved factory pull request low, and says why it does not arm auto-merge on GITHUB_TOKEN', async () => {
    const { code, out } = await cli('merge-gate', { event: 'check_suite.completed', sandbox: true });
    expect(code).toBe(0);
    expect(out).toMatch(/^event: check_suite\.completed /m);
    expect(out).toMatch(/^outcome: completed — #2: low risk; a person merges$/m);
    expect(out).toMatch(/^ {2}labelled #2 risk:low$/m);
    expect(out).toMatch(/^ {2}factory\/risk success on [0-9a-f]{7}: Risk low: a person merges$/m);
    expect(out).toMatch(/^ {2}PR #2 \[open\] .* labels: factory:approved, risk:low$/m);
  });

  it('ci-fixer on workflow_run.completed: a failed CI run on a factory branch gets a fix commit', async () => {
    const { code, out } = await cli('ci-fixer', { event: 'workflow_run.completed', sandbox: true });
    expect(code).toBe(0);
    expect(out).toMatch(/^outcome: completed — #2: pushed a CI fix to factory\/1-/m);
    expect(out).toMatch(/before: npm test failed \(exit 1\)/);
    expect(out).toMatch(/after: npm test passed \(exit 0\)/);
  });

  it('post-merge-verifier on push: a merge that breaks the smoke check opens one P0 issue naming its pull request', async () => {
    const { code, out } = await cli('post-merge-verifier', { event: 'push', sandbox: true });
    expect(code).toBe(0);
    expect(out).toMatch(/^event: push /m);
    expect(out).toMatch(/^outcome: completed — [0-9a-f]{7} on push: 1 new-failure$/m);
    expect(out).toMatch(/^ {2}opened P0 issue #2 for checkout smoke \(type:bug priority:p0 source:post-merge\)$/m);
    expect(out).toMatch(
      /^ {2}issue #2 \[open\] P0: smoke check "checkout smoke" fails on main after [0-9a-f]{7} — labels: type:bug, priority:p0, source:post-merge$/m,
    );
  });

  it('post-merge-verifier on deployment_status: the deployed merge broke the smoke check its push verification saw pass; one P0 issue', async () => {
    const { code, out } = await cli('post-merge-verifier', { event: 'deployment_status', sandbox: true });
    expect(code).toBe(0);
    expect(out).toMatch(/^event: deployment_status\.created \(a success deployment of [0-9a-f]{7} to production\)$/m);
    expect(out).toMatch(/^outcome: completed — [0-9a-f]{7} on deployment_status \(production\): 1 new-failure$/m);
    expect(out).toMatch(/^ {2}opened P0 issue #2 for checkout smoke \(type:bug priority:p0 source:post-merge\)$/m);
  });

  it('post-merge-verifier on workflow_dispatch: verifies the head of main', async () => {
    const { code, out } = await cli('post-merge-verifier', { event: 'workflow_dispatch', sandbox: true });
    expect(code).toBe(0);
    expect(out).toMatch(/^outcome: completed — [0-9a-f]{7} on workflow_dispatch: 1 new-failure$/m);
    expect(out).toMatch(/^ {2}record factory\/post-merge failure on [0-9a-f]{7}: 1 of 1 smoke check\(s\) failing \(new\)$/m);
  });

  it('intake on repository_dispatch: one source:report issue, and the planner started', async () => {
    const { code, out } = await cli('intake', { event: 'repository_dispatch', sandbox: true });
    expect(code).toBe(0);
    expect(out).toMatch(/^event: repository_dispatch\.factory-report /m);
    expect(out).toMatch(/^outcome: completed — created issue #1 for report slack-1700000000\.123$/m);
    expect(out).toMatch(/^ {2}dispatched factory-planner\.yml for #1$/m);
    expect(out).toMatch(/^ {2}issue #1 \[open\] Checkout total is wrong with a discount code — labels: source:report$/m);
  });

  it('names what is wrong with the command line', async () => {
    await expect(cli('nope', { event: 'issues.opened', sandbox: true })).rejects.toThrow(
      'unknown automation "nope"; runnable: automation-auditor, ci-fixer, commands, feature-builder, feature-planner, incident-responder, intake, merge-gate, metrics, post-merge-verifier, pr-reviewer, pr-shepherd, quality-grader, review-resolver',
    );
    await expect(cli('feature-planner', { event: 'issues.nope', sandbox: true })).rejects.toThrow(
      /no example of issues with action "nope"/,
    );
    await expect(cli('feature-planner', { event: 'issues.opened' })).rejects.toThrow('--repo owner/name is required without --sandbox');
    await expect(cli('commands', { event: 'issue_comment.created', repo: 'acme/shop', comment: '@factory fix' })).rejects.toThrow(
      /--comment works with --sandbox only/,
    );
  });
});

describe('npm run demo', () => {
  it('takes one issue to a merged pull request after review and fixes, and leaves a migration to a person', async () => {
    const lines: string[] = [];
    const code = await demo((l) => lines.push(l));
    const out = lines.join('\n');
    expect(code).toBe(0);
    expect(out).not.toMatch(/skipped \(.* is not built\)/);
    expect(out).not.toMatch(/^run \d+ [\w-]+: failure/m);
    // Every automation runs because a workflow file matched an event: the event, the run's job, what it wrote.
    expect(out).toMatch(
      /^event issues\.opened \(sandbox-maintainer, user\) starts run \d+\n-> factory-planner \/ plan \(run \d+\): feature-planner/m,
    );
    // The factory writes as its App: its label starts the builder, its pull request the reviewer, its review the resolver.
    expect(out).toMatch(/^event issues\.labeled \(software-factory\[bot\], app\) starts run \d+\n-> factory-builder \/ agent/m);
    expect(out).toMatch(
      /^event pull_request\.opened \(software-factory\[bot\], app\) starts run \d+\n-> factory-reviewer \/ review[^\n]*\noutcome: completed — #2: changes-requested \(2 inline/m,
    );
    expect(out).toMatch(/-> factory-review-resolver \/ agent[^\n]*\noutcome: completed — #2 round 1: pushed [0-9a-f]{12}[^\n]*resolved 2/);
    // The resolver's push starts the re-review, which approves; the merge gate merges the low-risk pull request.
    expect(out).toMatch(
      /^event pull_request\.synchronize \(software-factory\[bot\], app\) starts run[\s\S]*outcome: completed — #2: approved/m,
    );
    expect(out).toMatch(/-> factory-merge-gate \/ gate[^\n]*\noutcome: completed — #2: low risk; (merge|auto-merge)/);
    expect(out).toMatch(/^issue #1 \[closed\]/m);
    expect(out).toMatch(/^ {2}pull request #2 \[merged\] labels: .*risk:low/m);
    expect(out).toMatch(/^ {2}review threads: 2, resolved: 2$/m);
    // The migration: built, reviewed without an approval, high risk, a person decides.
    expect(out).toMatch(/outcome: completed — #4: not approved \(high risk/);
    expect(out).toMatch(/^issue #3 \[open\]/m);
    expect(out).toMatch(/^ {2}pull request #4 \[open\] labels: .*risk:high, factory:needs-human/m);
    expect(out).toMatch(/^GitHub API requests, issue #1 to merged: \d+ \(and \d+ git requests\)$/m);
    // Each run left its record and its agent's transcript for `factory runs` (.factory/runs/ here).
    const resolverRun = /-> factory-review-resolver \/ agent \(run (\d+)\)/.exec(out)![1]!;
    const folder = join(LOCAL_RUNS_DIR, `${resolverRun}-1`);
    expect(existsSync(join(folder, 'review-resolver-record.json'))).toBe(true);
    expect(readFileSync(join(folder, 'transcript.jsonl'), 'utf8')).toContain('reply_to_thread');
  });
});
