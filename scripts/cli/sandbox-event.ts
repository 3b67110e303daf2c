import type { FactorySandbox } from '../harness';
import { SAMPLE_BUG } from '../harness/sample-product';
import type { LoadedEvent } from './events';

type Json = Record<string, unknown>;

/** The trusted person (a MEMBER) who acts on the sandbox: opens issues, comments, reviews. */
export const SANDBOX_MAINTAINER = 'sandbox-maintainer';

/**
 * Makes a GitHub example payload true on the sandbox: the repository becomes the sandbox's, and
 * the issue the event is about exists in the sandbox (with the sample product's bug report as
 * its text, written by a trusted member), so an automation run on it reads real state.
 */
export function materializeEvent(sandbox: FactorySandbox, event: LoadedEvent, opts: { issueNumber?: number } = {}): LoadedEvent {
  const { owner, repo } = sandbox.repo;
  const payload = structuredClone(event.payload) as Json;
  const repository = (payload.repository ?? {}) as Json;
  payload.repository = {
    ...repository,
    name: repo,
    full_name: `${owner}/${repo}`,
    owner: { ...((repository.owner as Json) ?? {}), login: owner, type: 'Organization' },
    default_branch: 'main',
  };
  const sender = (payload.sender ?? {}) as Json;
  const author = SANDBOX_MAINTAINER;
  sandbox.github.state.setAssociation(author, 'MEMBER');
  payload.sender = { ...sender, login: author, type: 'User' };

  const issue = payload.issue as Json | undefined;
  if (issue && !issue.pull_request) {
    let record = opts.issueNumber ? sandbox.github.state.findIssue(`${owner}/${repo}`, opts.issueNumber) : undefined;
    const labels = event.name === 'issues' && payload.action === 'labeled' ? ['factory:ready'] : [];
    record ??= sandbox.github.state.createIssue(owner, repo, {
      title: SAMPLE_BUG.title,
      body: SAMPLE_BUG.body,
      user: author,
      authorAssociation: 'MEMBER',
      labels,
    });
    payload.issue = {
      ...issue,
      id: record.id,
      node_id: record.nodeId,
      number: record.number,
      title: record.title,
      body: record.body,
      state: record.state,
      labels: record.labels.map((name) => ({ name })),
      user: { ...((issue.user as Json) ?? {}), login: record.user, type: 'User' },
      author_association: 'MEMBER',
    };
    if (labels.length) payload.label = { ...((payload.label as Json) ?? {}), name: labels[0] };
  }
  return { ...event, payload };
}
