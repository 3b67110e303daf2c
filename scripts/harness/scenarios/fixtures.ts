import { execFileSync } from 'node:child_process';
import { parseDocument } from 'yaml';
import type { FactorySandbox } from '..';
import { webhookExamples } from '../../cli/events';
import { pushBranch } from '@software-factory/github-sandbox/testkit';
import { SAMPLE_BUG, sampleProductFiles } from '../sample-product';
import { parseEvent, type ParsedEvent } from '../../../actions/shared/events';
import type { AuthorAssociation } from '../../../actions/shared/github/types';

/**
 * Sandbox fixtures for the resolver's and the commands' tests: the sample product's config with
 * the sandbox's bot as the factory's login, a factory pull request fixing SAMPLE_BUG, and real
 * webhook example payloads adapted to the sandbox repository.
 */

export const SANDBOX_BOT = 'factory-bot[bot]';

/** The sample product's config, with the sandbox's viewer as the factory's own login (and `extra` settings merged in). */
export function sandboxConfigText(extra: Record<string, unknown> = {}): string {
  const doc = parseDocument(sampleProductFiles()['.github/factory.yml'] ?? '');
  doc.setIn(['trust', 'botLogin'], SANDBOX_BOT);
  for (const [key, value] of Object.entries(extra)) doc.set(key, value);
  return doc.toString();
}

type Json = Record<string, any>;

function example(name: string, action: string): Json {
  const group = webhookExamples().find((d) => d.name === name);
  const found = group?.examples.find((e) => (e as Json).action === action);
  if (!found) throw new Error(`no @octokit/webhooks-examples payload for ${name}.${action}`);
  return structuredClone(found) as Json;
}

function adaptRepository(sandbox: FactorySandbox, payload: Json): void {
  const { owner, repo } = sandbox.repo;
  payload.repository = {
    ...payload.repository,
    name: repo,
    full_name: `${owner}/${repo}`,
    owner: { ...payload.repository.owner, login: owner, type: 'Organization' },
    default_branch: 'main',
  };
}

/**
 * A scheduled or manual event moved to the sandbox's repository (the payload's `repository`), its
 * `source` saying what the sandbox was seeded with.
 */
export function onSandboxRepository<E extends { name: string; payload: Record<string, unknown>; source: string }>(
  sandbox: FactorySandbox,
  event: E,
  holding: string,
): E {
  const { owner, repo } = sandbox.repo;
  const repository = {
    id: 1,
    full_name: `${owner}/${repo}`,
    name: repo,
    owner: { login: owner, type: 'Organization' },
    default_branch: 'main',
  };
  return { ...event, payload: { ...event.payload, repository }, source: `${event.source}, ${holding}` };
}

export interface Person {
  login: string;
  association: AuthorAssociation;
  type?: 'User' | 'Bot';
}

function user(sandbox: FactorySandbox, who: Person): Json {
  const u = sandbox.github.state.user(who.login);
  return { login: who.login, id: u.id, node_id: u.nodeId, type: who.type ?? u.type };
}

/** `issue_comment.created` on an issue or pull request of the sandbox, by `who`. */
export function issueCommentEvent(
  sandbox: FactorySandbox,
  input: { number: number; commentId: number; body: string; who: Person },
): ParsedEvent {
  const payload = example('issue_comment', 'created');
  adaptRepository(sandbox, payload);
  const issue = sandbox.github.state.findIssue(`${sandbox.repo.owner}/${sandbox.repo.repo}`, input.number);
  if (!issue) throw new Error(`no sandbox issue #${input.number}`);
  payload.issue = {
    ...payload.issue,
    number: issue.number,
    title: issue.title,
    body: issue.body,
    labels: issue.labels.map((name) => ({ name })),
  };
  if (issue.isPullRequest) payload.issue.pull_request = { url: `https://example.invalid/pulls/${issue.number}` };
  else delete payload.issue.pull_request;
  payload.comment = {
    ...payload.comment,
    id: input.commentId,
    body: input.body,
    user: user(sandbox, input.who),
    author_association: input.who.association,
  };
  payload.sender = user(sandbox, input.who);
  return parseEvent('issue_comment', payload);
}

/** `pull_request_review.submitted` on a sandbox pull request, by `who`. */
export function reviewSubmittedEvent(
  sandbox: FactorySandbox,
  input: { pr: number; who: Person; state?: 'commented' | 'changes_requested' | 'approved'; body?: string },
): ParsedEvent {
  const payload = example('pull_request_review', 'submitted');
  adaptRepository(sandbox, payload);
  payload.pull_request = { ...payload.pull_request, number: input.pr };
  payload.review = {
    ...payload.review,
    user: user(sandbox, input.who),
    author_association: input.who.association,
    state: input.state ?? 'changes_requested',
    body: input.body ?? 'A few changes, please.',
  };
  payload.sender = user(sandbox, input.who);
  return parseEvent('pull_request_review', payload);
}

/** `pull_request_review_comment.created` on a sandbox pull request, by `who`. */
export function reviewCommentEvent(
  sandbox: FactorySandbox,
  input: { pr: number; commentId: number; body: string; who: Person },
): ParsedEvent {
  const payload = example('pull_request_review_comment', 'created');
  adaptRepository(sandbox, payload);
  payload.pull_request = { ...payload.pull_request, number: input.pr };
  payload.comment = {
    ...payload.comment,
    id: input.commentId,
    body: input.body,
    user: user(sandbox, input.who),
    author_association: input.who.association,
  };
  payload.sender = user(sandbox, input.who);
  return parseEvent('pull_request_review_comment', payload);
}

/** The sample product's pricing module with SAMPLE_BUG fixed (what a factory PR would contain). */
export function fixedPricing(): string {
  const original = sampleProductFiles()['src/pricing.js']!;
  return original.replace(SAMPLE_BUG.fix.oldString, SAMPLE_BUG.fix.newString);
}

/** SAMPLE_BUG as issue #1 and a factory pull request fixing it from `factory/1-discount`. */
export async function openFactoryPullRequest(
  sandbox: FactorySandbox,
): Promise<{ issue: number; pr: number; branch: string; headSha: string }> {
  const { owner, repo } = sandbox.repo;
  sandbox.github.state.setAssociation('sandbox-maintainer', 'MEMBER');
  const issue = sandbox.github.state.createIssue(owner, repo, {
    title: SAMPLE_BUG.title,
    body: SAMPLE_BUG.body,
    user: 'sandbox-maintainer',
    labels: ['factory:pr-open'],
  });
  const branch = `factory/${issue.number}-discount`;
  const headSha = await pushBranch(sandbox.github, owner, repo, {
    branch,
    files: { 'src/pricing.js': fixedPricing() },
    message: `Fix the discount (#${issue.number})`,
  });
  const pr = await sandbox.client().writer.createPullRequest({
    title: `Fix #${issue.number}: ${SAMPLE_BUG.title}`,
    body: `Fixes #${issue.number}`,
    head: branch,
    base: 'main',
  });
  return { issue: issue.number, pr: pr.number, branch, headSha };
}

/** Whether a commit exists in the sandbox's bare repository (what a real push leaves behind). */
export function commitExists(sandbox: FactorySandbox, sha: string): boolean {
  try {
    const path = sandbox.github.gitRemotePath(sandbox.repo.owner, sandbox.repo.repo);
    execFileSync('git', ['--git-dir', path, 'cat-file', '-e', `${sha}^{commit}`], {
      stdio: 'pipe',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' },
    });
    return true;
  } catch {
    return false;
  }
}

/** `pull_request.<action>` (opened, synchronize, ...) on a sandbox pull request, as GitHub sends it. */
export function pullRequestEvent(
  sandbox: FactorySandbox,
  input: { pr: number; action?: 'opened' | 'synchronize' | 'reopened' | 'ready_for_review'; draft?: boolean },
): ParsedEvent {
  const payload = example('pull_request', 'opened');
  adaptRepository(sandbox, payload);
  const pull = sandbox.github.state.findPull(`${sandbox.repo.owner}/${sandbox.repo.repo}`, input.pr);
  if (!pull) throw new Error(`no sandbox pull request #${input.pr}`);
  payload.action = input.action ?? 'opened';
  payload.number = input.pr;
  payload.pull_request = {
    ...payload.pull_request,
    number: input.pr,
    draft: input.draft ?? false,
    state: 'open',
    head: { ...payload.pull_request.head, ref: pull.headRef, sha: pull.headSha },
    base: { ...payload.pull_request.base, ref: 'main' },
    labels: [],
  };
  return parseEvent('pull_request', payload);
}
