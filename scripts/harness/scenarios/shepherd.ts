import { pushBranch } from '@software-factory/github-sandbox/testkit';
import type { FactorySandbox } from '..';
import { makeClaimBody } from '../../../actions/shared/state';
import { marker } from '../../../actions/shared/github/markers';
import type { Clock } from '../../../actions/shared/ports';
import type { LoadedEvent } from '../../cli/events';
import type { Scenario } from '@software-factory/model-sandbox';
import { ciApp } from './merge-gate';
import { fixedPricing, shepherdAgentScenario } from './shepherd-agent';
import { SAMPLE_BUG, sampleProductFiles } from '../sample-product';
import { onSandboxRepository } from './fixtures';

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
  const bot = sandbox.config.trust.botLogin;
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
    user: bot,
    createdAt: at.toISOString(),
  });
  return issue.number;
}

/** A comment by the factory carrying `<!-- factory:KIND:KEY -->`, written at `at` (ISO). */
export function factoryComment(sandbox: FactorySandbox, n: number, kind: string, key: string, text: string, at: string): void {
  const { owner, repo } = sandbox.repo;
  const bot = sandbox.config.trust.botLogin;
  sandbox.github.state.addComment(owner, repo, n, { body: `${marker({ kind, key })}\n${text}`, user: bot, createdAt: at });
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
  let conflicting: number | undefined;
  const needsHuman: number[] = [];
  if (withModel) {
    const { owner, repo } = sandbox.repo;
    const fixes = sandbox.github.state.createIssue(owner, repo, {
      title: SAMPLE_BUG.title,
      body: SAMPLE_BUG.body,
      user: 'sandbox-maintainer',
      labels: ['factory:pr-open'],
    });
    // Conflicts with main's README (main moves on below); the branch carries the discount fix, so the tests pass once resolved.
    const pricing = sampleProductFiles()['src/pricing.js'] ?? '';
    const conflict = await openShepherdPr(sandbox, 'conflict', {
      'README.md': '# sample-shop\n\nThe branch says this.\n',
      'src/pricing.js': fixedPricing(pricing),
    });
    await ci.report(conflict.headSha, 'success');
    conflicting = conflict.pr;
    // The second look fixes the first (CI failed on the discount test the branch never fixed) and confirms the second (a decision).
    const escalated: {
      slug: string;
      files: Record<string, string>;
      fixes?: number;
      by: string;
      why: string;
      conclusion: 'success' | 'failure';
    }[] = [
      {
        slug: '1-discount-codes',
        files: { 'docs/discounts.md': 'Discounts are percentages.\n' },
        fixes: fixes.number,
        by: 'ci-fixer',
        why: 'CI still fails after 2 fix attempt(s): `not ok 3 - applies a percentage discount` (190 !== 180); the limit is 2 (automations.ci-fixer.maxAttempts)',
        conclusion: 'failure',
      },
      {
        slug: '2-cart-limit',
        files: { 'specs/checkout.md': '# Checkout\n\n- A cart may hold at most 200 lines.\n' },
        by: 'merge-gate',
        why: 'the change contradicts specs/checkout.md (at most 100 lines); a person must decide which limit is right',
        conclusion: 'success',
      },
    ];
    for (const e of escalated) {
      const p = await openShepherdPr(sandbox, e.slug, e.files, { labels: ['factory:needs-human'], ...(e.fixes ? { fixes: e.fixes } : {}) });
      await ci.report(p.headSha, e.conclusion);
      factoryComment(sandbox, p.pr, e.by, 'needs-human', `### The factory needs a human here\n\n**Why:** ${e.why}\n`, ago(60));
      needsHuman.push(p.pr);
    }
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
    ...(conflicting !== undefined ? { conflicting } : {}),
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
  return onSandboxRepository(sandbox, event, `on a sandbox seeded with a pull request in each state`);
}

/**
 * The model's replies on the sandbox: the deterministic steps run no model; conflict resolution
 * keeps both sides of each conflict, the second look fixes the discount and confirms the decision.
 */
export function shepherdSandboxScenario(): Scenario {
  return shepherdAgentScenario();
}
