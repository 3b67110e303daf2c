import { pushBranch } from '@software-factory/github-sandbox/testkit';
import type { FactorySandbox } from '..';
import { makeClaimBody } from '../../../actions/shared/state';
import { marker } from '../../../actions/shared/github/markers';
import type { Clock } from '../../../actions/shared/ports';
import type { LoadedEvent } from '../../cli/events';
import type { Scenario } from '@software-factory/model-sandbox';
import { ciApp } from './merge-gate';
import { SANDBOX_BOT } from './fixtures';

/**
 * Sandbox fixtures for the PR shepherd: a clock the test moves (every record's timestamp and the
 * shepherd's "now" come from it, nothing sleeps), factory pull requests in each state the triage
 * tells apart, and an issue whose build claim expired. `seedShepherdSandbox` puts them all on one
 * sandbox at once.
 */

/** A clock that moves only when told. */
export class ManualClock implements Clock {
  private at: number;
  constructor(start: string | Date) {
    this.at = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.at);
  }
  async sleep(): Promise<void> {}
  advance(minutes: number): void {
    this.at += minutes * 60_000;
  }
  iso(minutesFromNow = 0): string {
    return new Date(this.at + minutesFromNow * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
}

/** A factory pull request on `factory/<slug>` changing `files`, opened by the factory's bot; its number and head. */
export async function openShepherdPr(
  sandbox: FactorySandbox,
  slug: string,
  files: Record<string, string>,
  opts: { labels?: string[]; fixes?: number } = {},
): Promise<{ pr: number; headSha: string; branch: string }> {
  const { owner, repo } = sandbox.repo;
  const branch = `factory/${slug}`;
  const headSha = await pushBranch(sandbox.github, owner, repo, { branch, files, message: `Work on ${slug}` });
  await sandbox.github.syncPushes();
  const gh = sandbox.client();
  const pr = await gh.writer.createPullRequest({
    title: `Factory: ${slug}`,
    body: opts.fixes ? `Fixes #${opts.fixes}` : `Work on ${slug}.`,
    head: branch,
    base: 'main',
  });
  if (opts.labels?.length) await gh.writer.addLabels(pr.number, opts.labels);
  return { pr: pr.number, headSha, branch };
}

/** A commit on main (moves every open pull request's base). */
export async function pushToMain(sandbox: FactorySandbox, files: Record<string, string>, message: string): Promise<string> {
  const { owner, repo } = sandbox.repo;
  const sha = await pushBranch(sandbox.github, owner, repo, { branch: 'main', files, message });
  await sandbox.github.syncPushes();
  return sha;
}

/** An issue in factory:building whose build claim (by the builder, leased `leaseMinutes`) was written at `at`. */
export function claimedIssue(sandbox: FactorySandbox, at: Date, leaseMinutes = 60): number {
  const { owner, repo } = sandbox.repo;
  const issue = sandbox.github.state.createIssue(owner, repo, {
    title: 'Orders list is slow',
    body: 'Paginate the orders list.',
    user: 'sandbox-maintainer',
    labels: ['factory:building'],
    createdAt: at.toISOString(),
  });
  sandbox.github.state.addComment(owner, repo, issue.number, {
    body: makeClaimBody({ subject: issue.number, runId: 'build-1', owner: 'feature-builder', now: at, leaseMinutes }),
    user: SANDBOX_BOT,
    createdAt: at.toISOString(),
  });
  return issue.number;
}

/** A comment by the factory carrying `<!-- factory:KIND:KEY -->`, written at `at` (ISO). */
export function factoryComment(sandbox: FactorySandbox, n: number, kind: string, key: string, text: string, at: string): void {
  const { owner, repo } = sandbox.repo;
  sandbox.github.state.addComment(owner, repo, n, { body: `${marker({ kind, key })}\n${text}`, user: SANDBOX_BOT, createdAt: at });
}

export interface ShepherdSeed {
  /** Behind main, green: the shepherd updates it. */
  behind: number;
  /** Conflicts with main (both change README.md): conflict resolution. */
  conflicting?: number;
  /** factory:building, its claim expired an hour ago: released. */
  claimed: number;
  /** Two factory:needs-human pull requests: the second look. */
  needsHuman: number[];
  /** Behind main, its CI running for 10 minutes: left alone. */
  pending: number;
  /** Behind main, the shepherd wrote on it 5 minutes ago: left alone. */
  touched: number;
  /** Its CI failed: handed to the CI fixer. */
  failing: number;
}

/**
 * Everything at once, on one sandbox. Times come from the sandbox's clock (`clock`, the one its
 * records are stamped with) and from timestamps set on its records: the claim was written two
 * hours ago, the CI of `pending` started ten minutes ago, the shepherd wrote on `touched` five
 * minutes ago. Nothing sleeps.
 */
export async function seedShepherdSandbox(
  sandbox: FactorySandbox,
  clock: Clock,
  opts: { modelSteps?: boolean } = {},
): Promise<ShepherdSeed> {
  const ago = (minutes: number) => new Date(clock.now().getTime() - minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const ci = ciApp(sandbox);
  const behind = await openShepherdPr(sandbox, 'behind', { 'src/behind.js': 'module.exports = 1;\n' });
  await ci.report(behind.headSha, 'success');
  // The pull requests the model-driven steps handle (conflicts, the second look); `modelSteps: false` leaves them out.
  const withModel = opts.modelSteps ?? true;
  const conflicting = withModel
    ? await openShepherdPr(sandbox, 'conflict', { 'README.md': '# sample-shop\n\nThe branch says this.\n' })
    : undefined;
  if (conflicting) await ci.report(conflicting.headSha, 'success');
  const needsHuman: number[] = [];
  for (const name of withModel ? ['first', 'second'] : []) {
    const p = await openShepherdPr(
      sandbox,
      `needs-human-${name}`,
      { [`src/${name}.js`]: `module.exports = "${name}";\n` },
      { labels: ['factory:needs-human'] },
    );
    await ci.report(p.headSha, 'success');
    factoryComment(sandbox, p.pr, 'merge-gate', 'needs-human', 'The factory needs a human here: high risk.', ago(60));
    needsHuman.push(p.pr);
  }
  const pending = await openShepherdPr(sandbox, 'pending', { 'src/pending.js': 'module.exports = 2;\n' });
  const touched = await openShepherdPr(sandbox, 'touched', { 'src/touched.js': 'module.exports = 3;\n' });
  await ci.report(touched.headSha, 'success');
  const failing = await openShepherdPr(sandbox, 'failing', { 'src/failing.js': 'module.exports = 4;\n' });
  await ci.report(failing.headSha, 'failure');
  const claimed = claimedIssue(sandbox, new Date(ago(120)), 60);

  await pushToMain(
    sandbox,
    { 'README.md': '# sample-shop\n\nMain says something else.\n', 'src/main-news.js': 'module.exports = 0;\n' },
    'Main moves on',
  );
  await ci.report(pending.headSha, null);
  const running = sandbox.github.state.checkRuns.find((c) => c.headSha === pending.headSha && c.status !== 'completed');
  if (running) running.startedAt = ago(10);
  factoryComment(sandbox, touched.pr, 'pr-shepherd', 'update-branch', 'Updated this branch with `main`.', ago(5));
  return {
    behind: behind.pr,
    ...(conflicting ? { conflicting: conflicting.pr } : {}),
    claimed,
    needsHuman,
    pending: pending.pr,
    touched: touched.pr,
    failing: failing.pr,
  };
}

/** The hourly schedule's payload (the repository comes from the sandbox or GITHUB_REPOSITORY). */
export const SHEPHERD_SCHEDULE_EVENT: LoadedEvent = {
  name: 'schedule',
  payload: { schedule: '17 * * * *' },
  source: 'the hourly schedule',
};

/** The CLI's event on the sandbox: `event` (the schedule, or a dispatch) on the seeded sandbox, with the sandbox's repository. */
export async function shepherdSandboxEvent(
  sandbox: FactorySandbox,
  clock: Clock,
  event: LoadedEvent = SHEPHERD_SCHEDULE_EVENT,
): Promise<LoadedEvent> {
  await seedShepherdSandbox(sandbox, clock);
  const { owner, repo } = sandbox.repo;
  const repository = {
    id: 1,
    full_name: `${owner}/${repo}`,
    name: repo,
    owner: { login: owner, type: 'Organization' },
    default_branch: 'main',
  };
  return {
    ...event,
    payload: { ...event.payload, repository },
    source: `${event.source}, on a sandbox seeded with a pull request in each state`,
  };
}

/**
 * The model's replies on the sandbox. The deterministic steps run no model; conflict resolution and
 * the second look script theirs here.
 */
export function shepherdSandboxScenario(): Scenario {
  return () => ({ text: 'Nothing to change.' });
}
