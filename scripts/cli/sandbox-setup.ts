import type { FactorySandbox } from '../harness';
import { openFactoryPullRequest } from '../harness/scenarios/fixtures';
import { failedFactoryPullRequest } from '../harness/scenarios/ci-fixer';
import type { LoadedEvent } from './events';
import { materializeEvent, SANDBOX_MAINTAINER } from './sandbox-event';

type Json = Record<string, unknown>;

/** The two threads a maintainer leaves on the fix of the sample bug (lines inside its diff hunk). */
export const DEMO_REVIEW_THREADS = [
  {
    path: 'src/pricing.js',
    line: 13,
    body: 'Say in this comment that `percent` is 0-100 and that the result is rounded to cents. Resolve when done.',
  },
  { path: 'src/pricing.js', line: 16, body: 'Explain the percentage math in a comment above this line. Resolve when done.' },
] as const;

/**
 * A maintainer reviews a pull request with DEMO_REVIEW_THREADS as inline threads. The sandbox's
 * API token is the factory's bot, so a person's review is written into the sandbox's state.
 */
export function leaveHumanReview(sandbox: FactorySandbox, prNumber: number): { commentIds: number[] } {
  const repo = `${sandbox.repo.owner}/${sandbox.repo.repo}`;
  const { state } = sandbox.github;
  const pull = state.findPull(repo, prNumber);
  if (!pull) throw new Error(`no sandbox pull request #${prNumber}`);
  state.setAssociation(SANDBOX_MAINTAINER, 'MEMBER');
  const review = state.addReview(repo, prNumber, {
    user: SANDBOX_MAINTAINER,
    state: 'COMMENTED',
    body: 'Two small things before this can merge.',
    commitId: pull.headSha,
    authorAssociation: 'MEMBER',
  });
  const commentIds = DEMO_REVIEW_THREADS.map(
    (t) =>
      state.addReviewComment(repo, prNumber, {
        reviewId: review.id,
        path: t.path,
        line: t.line,
        body: t.body,
        user: SANDBOX_MAINTAINER,
        commitId: pull.headSha,
        authorAssociation: 'MEMBER',
      }).id,
  );
  return { commentIds };
}

/**
 * A review event (`pull_request_review` or `pull_request_review_comment`, from GitHub's example
 * payloads) made true for a sandbox pull request reviewed by the maintainer.
 */
export function reviewEventFor(sandbox: FactorySandbox, prNumber: number, loaded: LoadedEvent, commentId?: number): LoadedEvent {
  const base = materializeEvent(sandbox, loaded);
  const pull = sandbox.github.state.findPull(`${sandbox.repo.owner}/${sandbox.repo.repo}`, prNumber);
  if (!pull) throw new Error(`no sandbox pull request #${prNumber}`);
  const payload = base.payload;
  delete payload.issue;
  const examplePr = (payload.pull_request ?? {}) as Json;
  payload.pull_request = {
    ...examplePr,
    number: prNumber,
    head: { ...((examplePr.head as Json) ?? {}), ref: pull.headRef, sha: pull.headSha },
    base: { ...((examplePr.base as Json) ?? {}), ref: 'main' },
    labels: [],
  };
  const maintainer = { login: SANDBOX_MAINTAINER, type: 'User' };
  if (loaded.name === 'pull_request_review') {
    payload.review = { ...((payload.review as Json) ?? {}), state: 'commented', user: maintainer, author_association: 'MEMBER' };
  } else if (loaded.name === 'pull_request_review_comment') {
    const comment = sandbox.github.state.reviewComments.find((c) => c.id === commentId);
    payload.comment = {
      ...((payload.comment as Json) ?? {}),
      id: commentId,
      body: comment?.body ?? '',
      user: maintainer,
      author_association: 'MEMBER',
    };
  }
  return { ...base, payload };
}

/**
 * For review events on the sandbox: the pull request named by `--issue`, or a new factory pull
 * request fixing the sample bug, reviewed by a maintainer with two threads.
 */
export async function reviewedPullRequestEvent(sandbox: FactorySandbox, loaded: LoadedEvent, prNumber?: number): Promise<LoadedEvent> {
  const pr = prNumber ?? (await openFactoryPullRequest(sandbox)).pr;
  const { commentIds } = leaveHumanReview(sandbox, pr);
  return reviewEventFor(sandbox, pr, loaded, commentIds[0]);
}

/** `issue_comment.created` by the maintainer on a sandbox issue (made from the sample bug when none is named). */
export function commentEventFor(sandbox: FactorySandbox, loaded: LoadedEvent, body: string, issueNumber?: number): LoadedEvent {
  const base = materializeEvent(sandbox, loaded, issueNumber !== undefined ? { issueNumber } : {});
  const issue = base.payload.issue as Json | undefined;
  if (!issue) return base;
  const { owner, repo } = sandbox.repo;
  const comment = sandbox.github.state.addComment(owner, repo, Number(issue.number), {
    body,
    user: SANDBOX_MAINTAINER,
    authorAssociation: 'MEMBER',
  });
  base.payload.comment = {
    ...((base.payload.comment as Json) ?? {}),
    id: comment.id,
    body,
    user: { login: SANDBOX_MAINTAINER, type: 'User' },
    author_association: 'MEMBER',
  };
  return base;
}

/** A report as a Slack workflow would send it (docs/intake.md). */
export const SAMPLE_REPORT = {
  id: 'slack-1700000000.123',
  title: 'Checkout total is wrong with a discount code',
  description: 'A 10% code took 10.00 off a 200.00 cart instead of 20.00.',
  reporter: 'Ann (support)',
  source: 'slack',
  environment: { os: 'iOS 18', app: '4.2.0' },
  url: 'https://shop.example/checkout',
  screenshots: ['https://files.example/reports/4711/1.png'],
};

/** `repository_dispatch` of type factory-report; the payload's own client_payload wins when it is a report. */
export function reportEventFor(sandbox: FactorySandbox, loaded: LoadedEvent): LoadedEvent {
  const base = materializeEvent(sandbox, loaded);
  const given = base.payload.client_payload as Json | undefined;
  base.payload.action = 'factory-report';
  base.payload.client_payload = given && typeof given.id === 'string' ? given : SAMPLE_REPORT;
  return base;
}

/**
 * `workflow_run.completed` for the CI fixer: a factory pull request whose `ci` run failed on the
 * sample bug, and the example payload made to name that run, its branch and pull request.
 */
export async function failedRunEventFor(sandbox: FactorySandbox, event: LoadedEvent): Promise<LoadedEvent> {
  const failure = await failedFactoryPullRequest(sandbox);
  const base = materializeEvent(sandbox, event);
  const payload = structuredClone(base.payload) as Json;
  const repository = payload.repository as Json;
  const ref = { ref: failure.branch, sha: failure.headSha, repo: { id: 1, name: sandbox.repo.repo, url: '' } };
  payload.action = 'completed';
  payload.workflow_run = {
    ...((payload.workflow_run as Json | undefined) ?? {}),
    id: failure.runId,
    name: 'ci',
    head_branch: failure.branch,
    head_sha: failure.headSha,
    conclusion: 'failure',
    status: 'completed',
    event: 'pull_request',
    repository,
    head_repository: repository,
    pull_requests: [
      {
        id: failure.pr,
        number: failure.pr,
        url: `${sandbox.github.url}/repos/${sandbox.repo.owner}/${sandbox.repo.repo}/pulls/${failure.pr}`,
        head: ref,
        base: { ...ref, ref: 'main' },
      },
    ],
  };
  return { ...base, payload };
}

/**
 * `pull_request` (opened, synchronize, ...) for the reviewer: the pull request named by `--issue`,
 * or a new factory pull request fixing the sample bug, and the example payload made to name it.
 */
export async function openedPullRequestEvent(sandbox: FactorySandbox, loaded: LoadedEvent, prNumber?: number): Promise<LoadedEvent> {
  const pr = prNumber ?? (await openFactoryPullRequest(sandbox)).pr;
  const base = materializeEvent(sandbox, loaded);
  const pull = sandbox.github.state.findPull(`${sandbox.repo.owner}/${sandbox.repo.repo}`, pr);
  if (!pull) throw new Error(`no sandbox pull request #${pr}`);
  const examplePr = (base.payload.pull_request ?? {}) as Json;
  const payload = structuredClone(base.payload) as Json;
  payload.number = pr;
  payload.pull_request = {
    ...examplePr,
    number: pr,
    draft: false,
    state: 'open',
    head: { ...((examplePr.head as Json) ?? {}), ref: pull.headRef, sha: pull.headSha },
    base: { ...((examplePr.base as Json) ?? {}), ref: 'main' },
    labels: [],
  };
  return { ...base, payload };
}
