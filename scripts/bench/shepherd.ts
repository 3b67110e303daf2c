import { execFileSync } from 'node:child_process';
import { run } from '../../actions/pr-shepherd/src/run';
import { parseEvent } from '../../actions/shared/events';
import { makeClaimBody } from '../../actions/shared/state';
import { startFactorySandbox, type FactorySandbox } from '../harness';
import { sampleProductFiles } from '../harness/sample-product';
import { sandboxConfigText } from '../harness/scenarios/fixtures';
import { ManualClock } from '../harness/scenarios/shepherd';

/**
 * The shepherd's hourly sweep at scale: 200 open factory pull requests (a tenth of them with CI
 * still running, a tenth with a build claim, the rest green and up to date) and 20 issues in
 * factory:building, one scheduled run. githubRequests counts the API requests the GitHub
 * sandbox received during the run (all reads: nothing here needs a write), the same on every
 * machine: the sweep reads 100 pull requests a GraphQL page, with what triage needs, and makes no
 * request per pull request.
 */

export const SHEPHERD_BENCH_PRS = 200;
const CLAIMED_ISSUES = 20;

const git = (dir: string, ...args: string[]): string =>
  execFileSync('git', ['--git-dir', dir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
  }).trim();

/** `count` factory/ branches off main (one commit each, made in the bare repository) and their pull requests, opened by the factory. */
export function seedOpenPullRequests(sandbox: FactorySandbox, count: number, clock: ManualClock): number[] {
  const { owner, repo } = sandbox.repo;
  const bare = sandbox.github.gitRemotePath(owner, repo);
  const main = git(bare, 'rev-parse', 'refs/heads/main');
  const tree = git(bare, 'rev-parse', `${main}^{tree}`);
  const bot = sandbox.config.trust.botLogin;
  const numbers: number[] = [];
  const env = {
    GIT_AUTHOR_NAME: 'factory',
    GIT_AUTHOR_EMAIL: 'factory@example.com',
    GIT_COMMITTER_NAME: 'factory',
    GIT_COMMITTER_EMAIL: 'factory@example.com',
  };
  for (let i = 1; i <= count; i++) {
    const branch = `factory/bench-${i}`;
    const sha = execFileSync('git', ['--git-dir', bare, 'commit-tree', tree, '-p', main, '-m', `Work ${i}`], {
      encoding: 'utf8',
      env: { ...process.env, ...env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
    }).trim();
    git(bare, 'update-ref', `refs/heads/${branch}`, sha);
    const { pull } = sandbox.github.state.createPullRequest(owner, repo, {
      title: `Factory work ${i}`,
      body: `Work item ${i}.`,
      head: branch,
      base: 'main',
      headSha: sha,
      baseSha: main,
      user: bot,
    });
    numbers.push(pull.number);
    if (i % 10 === 0) {
      sandbox.github.state.addComment(owner, repo, pull.number, {
        body: makeClaimBody({ subject: pull.number, runId: `review-${i}`, owner: 'pr-reviewer', now: clock.now(), leaseMinutes: 60 }),
        user: bot,
      });
    }
  }
  return numbers;
}

export async function shepherdBench(): Promise<{ githubRequests: number; requests: string[]; prs: number; summary: string }> {
  const clock = new ManualClock('2026-03-02T11:00:00Z');
  const configText = sandboxConfigText();
  const sandbox = await startFactorySandbox({ files: { ...sampleProductFiles(), '.github/factory.yml': configText }, configText, clock });
  try {
    const { owner, repo } = sandbox.repo;
    const prs = seedOpenPullRequests(sandbox, SHEPHERD_BENCH_PRS, clock);
    for (let i = 1; i <= CLAIMED_ISSUES; i++) {
      const issue = sandbox.github.state.createIssue(owner, repo, { title: `Building ${i}`, body: 'x', labels: ['factory:building'] });
      sandbox.github.state.addComment(owner, repo, issue.number, {
        body: makeClaimBody({ subject: issue.number, runId: `build-${i}`, owner: 'feature-builder', now: clock.now(), leaseMinutes: 60 }),
        user: sandbox.config.trust.botLogin,
      });
    }
    // CI runs on every tenth pull request (started now: within the grace, left alone).
    for (const n of prs.filter((_, i) => i % 10 === 5)) {
      const pull = sandbox.github.state.findPull(`${owner}/${repo}`, n)!;
      await sandbox
        .client()
        .writer.createCheckRun({ name: 'build', headSha: pull.headSha, conclusion: 'success', output: { title: 'ok', summary: 'ok' } });
    }
    clock.advance(5);
    const deps = sandbox.deps('pr-shepherd', { clock });
    const from = sandbox.github.requests.length;
    const result = await run(deps, { event: parseEvent('schedule', { schedule: '17 * * * *' }, { repository: `${owner}/${repo}` }) });
    if (result.outcome === 'failed') throw new Error(`shepherd bench: ${result.summary}`);
    const requests = sandbox.github.requests
      .slice(from)
      .filter((r) => !r.path.includes('.git/'))
      .map((r) => `${r.method} ${r.operationName ?? r.route ?? r.path}`);
    return { githubRequests: requests.length, requests, prs: prs.length, summary: result.summary };
  } finally {
    await sandbox.close();
  }
}
