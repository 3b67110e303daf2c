/**
 * A repository's synthetic history for the metrics (tests, the CLI's sandbox run, the bench):
 * pull requests with real commits (by the factory's bot or a person), the issues they fix,
 * reviews, escalations, incidents, run-record artifacts (one corrupt) and quality.json, spread
 * over the days before `now`. Deterministic: the same inputs give the same history, and the
 * returned description lets a test compute every figure independently.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessagesRequest, Scenario } from '@software-factory/model-sandbox';
import type { RunRecord } from '../../../actions/shared/record/run-record';
import type { LoadedEvent } from '../../cli/events';
import type { FactorySandbox } from '../index';
import { artifactFiles, artifactName, runRecordFor } from './metrics-records';
import { conversationScript } from './planner';
import { onSandboxRepository } from './fixtures';

const run = promisify(execFile);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface PullSpec {
  number: number;
  author: string;
  createdAt: string;
  mergedAt: string | null;
  closedAt: string | null;
  /** Commit authors as git records them (name): the bot's, a person's. */
  commitAuthors: string[];
  reviews: { author: string; state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED'; submittedAt: string }[];
  labels: string[];
  /** The issue it closes, and when that issue was opened. */
  fixes?: { number: number; createdAt: string };
  escalation?: string;
}

export interface IssueSpec {
  number: number;
  createdAt: string;
  closedAt: string | null;
  labels: string[];
  escalation?: string;
}

export interface MetricsHistory {
  now: string;
  botLogin: string;
  pulls: PullSpec[];
  issues: IssueSpec[];
  records: RunRecord[];
  corruptArtifacts: number;
  quality: { commit: string; date: string; area: string; grade: string }[];
}

const REASONS = ['risk:high: the change touches migrations/', 'Review rounds exhausted (3 of 3)'];
const AUTOMATIONS = ['feature-planner', 'feature-builder', 'pr-reviewer', 'merge-gate'] as const;
const OUTCOMES = ['success', 'success', 'no-op', 'failed', 'success', 'budget-stop'] as const;

const iso = (t: number): string => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');

function escalationBody(automation: string, reason: string): string {
  return `<!-- factory:${automation}:needs-human -->\n**${reason}**\n\nA person needs to decide.`;
}

/** Seeds the history into the sandbox's repository; `pulls` pull requests over `days` days before `now`. */
export async function seedMetricsHistory(
  sandbox: FactorySandbox,
  opts: { now: Date; pulls?: number; days?: number; botLogin?: string },
): Promise<MetricsHistory> {
  const { owner, repo } = sandbox.repo;
  const state = sandbox.github.state;
  const full = `${owner}/${repo}`;
  const now = opts.now.getTime();
  const days = opts.days ?? 30;
  const count = opts.pulls ?? 40;
  const botLogin = opts.botLogin ?? sandbox.config.trust.botLogin;
  const history: MetricsHistory = { now: iso(now), botLogin, pulls: [], issues: [], records: [], corruptArtifacts: 0, quality: [] };

  // One clone: a branch per pull request, its commits by the bot (and, for some, a person), pushed at once.
  const work = mkdtempSync(join(tmpdir(), 'metrics-history-'));
  const git = async (args: string[], env: Record<string, string> = {}): Promise<string> => {
    const identity = {
      GIT_AUTHOR_NAME: 'seed',
      GIT_AUTHOR_EMAIL: 'seed@example.com',
      GIT_COMMITTER_NAME: 'seed',
      GIT_COMMITTER_EMAIL: 'seed@example.com',
    };
    const { stdout } = await run('git', args, {
      cwd: work,
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', ...identity, ...env },
    });
    return stdout.trim();
  };
  const shas: { head: string; base: string }[] = [];
  const specsOf: { author: string; human: boolean }[][] = [];
  try {
    await git(['clone', '--quiet', sandbox.github.gitRemotePath(owner, repo), '.']);
    const base = await git(['rev-parse', 'HEAD']);
    for (let i = 0; i < count; i++) {
      await git(['checkout', '--quiet', '-B', `factory/metrics-${i}`, base]);
      const authors = [{ author: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com', human: false }];
      if (i % 7 === 0) authors.push({ author: 'alice', email: 'alice@users.noreply.github.com', human: true });
      for (const [k, a] of authors.entries()) {
        writeFileSync(join(work, `change-${i}-${k}.txt`), `change ${i} ${k}\n`);
        await git(['add', '-A']);
        await git(['commit', '--quiet', '-m', `Change ${i}.${k}`], {
          GIT_AUTHOR_NAME: a.author,
          GIT_AUTHOR_EMAIL: a.email,
          GIT_COMMITTER_NAME: a.author,
          GIT_COMMITTER_EMAIL: a.email,
        });
      }
      shas.push({ head: await git(['rev-parse', 'HEAD']), base });
      specsOf.push(authors.map((a) => ({ author: a.author, human: a.human })));
    }
    const quality = [
      { commit: 'a1b2c3d', date: iso(now - 20 * DAY), area: 'checkout', grade: 'C' },
      { commit: 'a1b2c3d', date: iso(now - 20 * DAY), area: 'pricing', grade: 'B' },
      { commit: 'b2c3d4e', date: iso(now - 5 * DAY), area: 'checkout', grade: 'B' },
      { commit: 'b2c3d4e', date: iso(now - 5 * DAY), area: 'pricing', grade: 'A' },
    ];
    history.quality = quality;
    const evidence = { musts: 1, passing: 1, failing: 0, built: 0, missing: 0, unverified: 0, unassessed: 0, tests: [], openBugs: [] };
    await git(['checkout', '--quiet', '-B', 'main', base]);
    writeFileSync(
      join(work, 'quality.json'),
      `${JSON.stringify(
        quality.map((q) => ({ ...q, evidence })),
        null,
        2,
      )}\n`,
    );
    await git(['add', 'quality.json']);
    await git(['commit', '--quiet', '-m', 'Grade the spec areas'], {
      GIT_AUTHOR_NAME: 'github-actions[bot]',
      GIT_AUTHOR_EMAIL: '41898282+github-actions[bot]@users.noreply.github.com',
      GIT_COMMITTER_NAME: 'github-actions[bot]',
      GIT_COMMITTER_EMAIL: '41898282+github-actions[bot]@users.noreply.github.com',
    });
    await git(['push', '--quiet', 'origin', '--all']);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  state.user('alice');
  state.user('carol');

  for (let i = 0; i < count; i++) {
    const created = now - (i % days) * DAY - (8 + (i % 5)) * HOUR;
    // The issue it fixes, opened before it (three in four pull requests close one).
    let fixes: PullSpec['fixes'];
    if (i % 4 !== 1) {
      const issueAt = iso(created - (10 + 10 * (i % 4)) * HOUR);
      const issue = state.createIssue(owner, repo, { title: `Bug ${i}`, body: `Bug ${i}`, user: 'alice', createdAt: issueAt });
      fixes = { number: issue.number, createdAt: issueAt };
    }
    const merged = i % 3 !== 2 ? created + (2 + (i % 6)) * HOUR : null;
    const author = i % 5 === 0 ? 'alice' : botLogin;
    const { issue, pull } = state.createPullRequest(owner, repo, {
      title: `Change ${i}`,
      body: fixes ? `Does change ${i}.\n\nFixes #${fixes.number}` : `Does change ${i}.`,
      head: `factory/metrics-${i}`,
      base: 'main',
      headSha: shas[i]!.head,
      baseSha: shas[i]!.base,
      user: author,
    });
    const reviews: PullSpec['reviews'] = [];
    const rounds = 1 + (i % 3);
    for (let r = 0; r < rounds; r++) {
      const at = created + (1 + (i % 4)) * 0.5 * HOUR + r * 0.25 * HOUR;
      const reviewState = r === rounds - 1 ? 'APPROVED' : 'CHANGES_REQUESTED';
      const review = state.addReview(full, issue.number, {
        user: 'carol',
        state: reviewState,
        body: `Round ${r + 1}`,
        commitId: pull.headSha,
      });
      review.submittedAt = iso(at);
      reviews.push({ author: 'carol', state: reviewState, submittedAt: iso(at) });
    }
    const labels: string[] = [];
    let escalation: string | undefined;
    if (i % 8 === 3) {
      labels.push('factory:needs-human');
      escalation = REASONS[i % 2]!;
      state.addComment(owner, repo, issue.number, {
        body: escalationBody('merge-gate', escalation),
        user: botLogin,
        createdAt: iso(created + HOUR),
      });
    }
    for (const l of labels) state.ensureLabel(owner, repo, { name: l });
    issue.labels.push(...labels);
    issue.createdAt = iso(created);
    if (merged !== null) {
      Object.assign(pull, { merged: true, mergedAt: iso(merged), mergedBy: botLogin, mergeCommitSha: pull.headSha });
      Object.assign(issue, { state: 'closed', closedAt: iso(merged) });
    }
    issue.updatedAt = iso(Math.max(merged ?? 0, created + 2 * HOUR));
    history.pulls.push({
      number: issue.number,
      author,
      createdAt: iso(created),
      mergedAt: merged === null ? null : iso(merged),
      closedAt: merged === null ? null : iso(merged),
      commitAuthors: specsOf[i]!.map((a) => a.author),
      reviews,
      labels,
      ...(fixes ? { fixes } : {}),
      ...(escalation ? { escalation } : {}),
    });
    if (fixes) {
      const fixed = state.findIssue(full, fixes.number)!;
      fixed.updatedAt = iso(created);
      if (merged !== null) Object.assign(fixed, { state: 'closed', closedAt: iso(merged), updatedAt: iso(merged) });
      history.issues.push({ number: fixes.number, createdAt: fixes.createdAt, closedAt: merged === null ? null : iso(merged), labels: [] });
    }
  }

  // Incidents: opened over the window, some closed; one escalated issue.
  for (let k = 0; k < 5; k++) {
    const opened = now - (3 + 5 * k) * DAY;
    const closed = k % 2 === 0 ? opened + 6 * HOUR : null;
    const labels = ['type:incident', 'source:sentry'];
    const incident = state.createIssue(owner, repo, {
      title: `Incident ${k}`,
      body: 'TypeError',
      labels,
      user: botLogin,
      createdAt: iso(opened),
    });
    Object.assign(
      incident,
      closed === null ? { updatedAt: iso(opened) } : { state: 'closed', closedAt: iso(closed), updatedAt: iso(closed) },
    );
    history.issues.push({ number: incident.number, createdAt: iso(opened), closedAt: closed === null ? null : iso(closed), labels });
  }
  const stuckAt = now - 2 * DAY;
  const stuck = state.createIssue(owner, repo, {
    title: 'Unclear report',
    body: '?',
    labels: ['factory:needs-human'],
    user: 'alice',
    createdAt: iso(stuckAt),
  });
  state.addComment(owner, repo, stuck.number, {
    body: escalationBody('feature-planner', 'The report does not say what was expected'),
    user: botLogin,
    createdAt: iso(stuckAt + HOUR),
  });
  stuck.updatedAt = iso(stuckAt + HOUR);
  history.issues.push({
    number: stuck.number,
    createdAt: iso(stuckAt),
    closedAt: null,
    labels: ['factory:needs-human'],
    escalation: 'The report does not say what was expected',
  });

  // Run records: two a day, as the workflows upload them; one corrupt artifact.
  for (let d = 0; d < days; d++) {
    for (let k = 0; k < 2; k++) {
      const n = d * 2 + k;
      const record = runRecordFor({
        runId: `${9000 + n}-1`,
        automation: AUTOMATIONS[n % AUTOMATIONS.length]!,
        startedAt: iso(now - d * DAY - (2 + k) * HOUR),
        outcome: OUTCOMES[n % OUTCOMES.length]!,
        costUsd: Math.round((0.01 + 0.01 * (n % 5)) * 100) / 100,
        usage: { input: 1000 + 10 * n, output: 100, cacheRead: 500 * (n % 3), cacheWrite: 50 },
        repo: full,
      });
      state.addArtifact(owner, repo, { name: artifactName(record), files: artifactFiles(record) });
      history.records.push(record);
    }
  }
  state.addArtifact(owner, repo, { name: 'factory-pr-reviewer-run-8999-1', zip: Buffer.from('PK\u0003\u0004 damaged') });
  history.corruptArtifacts = 1;
  return history;
}

/** The recap's scripted model: a narrative citing only the figures, or (compromised) one inventing a number. */
export function metricsRecapScenario(opts: { invent?: string } = {}): Scenario {
  return conversationScript((req: MessagesRequest) => {
    const text = JSON.stringify(req.messages[0]?.content ?? '');
    const merged = /Pull requests merged \| (\d+)/.exec(text)?.[1] ?? '0';
    const opened = /Pull requests opened \| (\d+)/.exec(text)?.[1] ?? '0';
    const narrative = opts.invent
      ? `The factory merged ${merged} pull requests and saved ${opts.invent} hours of review.`
      : `The factory opened ${opened} pull requests and merged ${merged} of them. Escalations are the thing to watch.`;
    return [
      {
        toolCalls: [
          {
            name: 'write_recap',
            input: { narrative, post: `This week the factory merged ${merged} pull requests. Humans on the loop, not in it.` },
          },
        ],
      },
      { text: 'Done.', stopReason: 'end_turn' },
    ];
  });
}

/** `factory run metrics --sandbox` without --event: the weekly schedule (dashboard and recap). */
export const METRICS_SCHEDULE_EVENT: LoadedEvent = {
  name: 'schedule',
  payload: { schedule: '13 6 * * 1' },
  source: 'the weekly metrics schedule',
};

/** The CLI's event on the sandbox: 30 days of history seeded before now, and `event` (the weekly schedule by default) with the sandbox's repository. */
export async function metricsSandboxEvent(sandbox: FactorySandbox, event: LoadedEvent = METRICS_SCHEDULE_EVENT): Promise<LoadedEvent> {
  await seedMetricsHistory(sandbox, { now: new Date(), pulls: 30 });
  return onSandboxRepository(sandbox, event, `on a sandbox holding 30 days of synthetic history`);
}

/**
 * The auditor's week: a cluster of failed pr-reviewer runs on different pull requests, two
 * feature-builder runs stopped by the same budget, and ordinary runs around them.
 */
export function seedAuditorRecords(sandbox: FactorySandbox, now: Date): { failed: string[]; budget: string[] } {
  const { owner, repo } = sandbox.repo;
  const out = { failed: [] as string[], budget: [] as string[] };
  const add = (spec: Parameters<typeof runRecordFor>[0]): RunRecord => {
    const record = runRecordFor({ ...spec, repo: `${owner}/${repo}` });
    sandbox.github.state.addArtifact(owner, repo, { name: artifactName(record), files: artifactFiles(record) });
    return record;
  };
  for (let k = 0; k < 4; k++) {
    const r = add({
      runId: `${7100 + k}-1`,
      automation: 'pr-reviewer',
      startedAt: iso(now.getTime() - (k + 1) * DAY),
      outcome: 'failed',
      subject: { type: 'pr', number: 40 + k },
    });
    out.failed.push(r.runId);
  }
  for (let k = 0; k < 2; k++) {
    const r = add({
      runId: `${7200 + k}-1`,
      automation: 'feature-builder',
      startedAt: iso(now.getTime() - (k + 2) * DAY),
      outcome: 'budget-stop',
      budgetStop: { reason: 'turns', limit: 40, used: 40 },
    });
    out.budget.push(r.runId);
  }
  for (let k = 0; k < 3; k++) {
    add({ runId: `${7300 + k}-1`, automation: 'feature-planner', startedAt: iso(now.getTime() - (k + 1) * DAY), outcome: 'success' });
  }
  return out;
}

/** `factory run automation-auditor --sandbox`: the week's run records above, and the auditor turned on as a repository would. */
export async function auditorSandboxEvent(sandbox: FactorySandbox, event: LoadedEvent): Promise<LoadedEvent> {
  seedAuditorRecords(sandbox, new Date());
  sandbox.config.automations['automation-auditor'].enabled = true;
  return onSandboxRepository(sandbox, event, `on a sandbox with a week of run records and automations.automation-auditor.enabled: true`);
}

export const AUDITOR_SCHEDULE_EVENT: LoadedEvent = {
  name: 'schedule',
  payload: { schedule: '41 6 * * 1' },
  source: 'the weekly auditor schedule',
};
