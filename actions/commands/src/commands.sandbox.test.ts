import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { pushBranch } from '@software-factory/github-sandbox/testkit';
import { startFactorySandbox, type FactorySandbox } from '../../../scripts/harness';
import { SAMPLE_BUG } from '../../../scripts/harness/sample-product';
import { makeClaimBody, renderCounters } from '../../shared/state';
import {
  commitExists,
  issueCommentEvent,
  openFactoryPullRequest,
  reviewCommentEvent,
  SANDBOX_BOT,
  sandboxConfigText,
  type Person,
} from '../../../scripts/harness/scenarios/fixtures';
import { commandsSandboxScenario } from '../../../scripts/harness/scenarios/commands';
import { run } from './run';
import { runDispatched } from '../../../test/helpers/dispatch';

/**
 * Acceptance tests on the sandboxes: real Octokit against the GitHub sandbox, the real Anthropic
 * SDK against the model sandbox, real git (the builder's branch is pushed to the bare repository).
 */

const REPO = 'acme/shop';
const MEMBER: Person = { login: 'maria', association: 'MEMBER' };

let sandbox: FactorySandbox;
beforeEach(async () => {
  sandbox = await startFactorySandbox({ configText: sandboxConfigText(), scenario: commandsSandboxScenario() });
});
afterEach(async () => {
  await sandbox.close();
});

const modelRequests = () => sandbox.model.requests.filter((r) => r.endpoint === 'messages');
const issue = (n: number) => sandbox.github.state.findIssue(REPO, n)!;
const replies = (n: number) =>
  sandbox.github.state.comments.filter((c) => c.issueNumber === n && c.body.includes('factory:commands:reply.'));

/** The sample bug as an issue, and a comment by `who` carrying `body` (the command). */
function commandOn(body: string, who: Person, labels: string[] = []) {
  sandbox.github.state.setAssociation(who.login, who.association);
  const bug = sandbox.github.state.createIssue('acme', 'shop', {
    title: SAMPLE_BUG.title,
    body: SAMPLE_BUG.body,
    user: 'sandbox-maintainer',
    labels,
  });
  const comment = sandbox.github.state.addComment('acme', 'shop', bug.number, {
    body,
    user: who.login,
    authorAssociation: who.association,
  });
  return { number: bug.number, event: issueCommentEvent(sandbox, { number: bug.number, commentId: comment.id, body, who }) };
}

const deps = () => sandbox.deps('commands', { workspace: sandbox.freshWorkspace() });

describe('commands on the sandboxes', () => {
  it.each<Person>([
    { login: 'drive-by', association: 'NONE' },
    { login: 'newcomer', association: 'FIRST_TIME_CONTRIBUTOR' },
  ])('`@factory fix` from $association is a neutral skip with no model call and no write', async (who) => {
    const { event } = commandOn('@factory fix', who);
    const before = sandbox.github.state.snapshot();

    const result = await run(deps(), { event });

    expect(result.outcome).toBe('skipped');
    expect(result.summary).toBe(`${who.login} (${who.association}) may not run factory commands (trust.associations)`);
    expect(modelRequests()).toHaveLength(0);
    expect(sandbox.github.state.snapshot()).toEqual(before);
  });

  it('`@factory fix` from a MEMBER starts the builder, which opens a fix pull request for the sample bug; a re-run writes nothing new', async () => {
    const { number, event } = commandOn('Looks bad.\n@factory fix', MEMBER);

    const result = await run(deps(), { event });

    expect(result.outcome).toBe('completed');
    expect(sandbox.github.state.dispatches.map((d) => [d.workflow, d.inputs['issue-number']])).toEqual([
      ['factory-builder.yml', String(number)],
    ]);
    const [built] = await runDispatched(sandbox, (a) => sandbox.deps(a, { workspace: sandbox.freshWorkspace() }));
    expect(built?.result.outcome).toBe('completed');
    const pr = sandbox.github.state.pulls.find((p) => p.repo === REPO && p.headRef.startsWith(`factory/${number}-`));
    expect(pr).toBeDefined();
    expect(commitExists(sandbox, pr!.headSha)).toBe(true);
    const file = await sandbox.client().reader.getFileContent(SAMPLE_BUG.fix.path, pr!.headRef);
    expect(file).toContain(SAMPLE_BUG.fix.newString);
    expect(issue(pr!.number).body).toContain(`Fixes #${number}`);
    expect(issue(number).labels).toContain('factory:pr-open');
    // Acknowledged with eyes, answered once with the link.
    expect(sandbox.github.state.reactions.filter((r) => r.content === 'eyes')).toHaveLength(1);
    const [reply] = replies(number);
    expect(reply?.user).toBe(SANDBOX_BOT);
    expect(reply?.body).toContain('Started `factory-builder.yml`');

    const calls = modelRequests().length;
    const snapshot = sandbox.github.state.snapshot();
    const again = await run(deps(), { event });
    expect(again.outcome).toBe('no-op');
    expect(modelRequests()).toHaveLength(calls);
    expect(sandbox.github.state.snapshot()).toEqual(snapshot);
  });

  it("a MEMBER's `@factory fix` on an untrusted author's issue counts as the approval", async () => {
    sandbox.github.state.setAssociation('drive-by', 'NONE');
    sandbox.github.state.setAssociation(MEMBER.login, MEMBER.association);
    const bug = sandbox.github.state.createIssue('acme', 'shop', {
      title: SAMPLE_BUG.title,
      body: SAMPLE_BUG.body,
      user: 'drive-by',
      authorAssociation: 'NONE',
    });
    const comment = sandbox.github.state.addComment('acme', 'shop', bug.number, {
      body: '@factory fix',
      user: MEMBER.login,
      authorAssociation: MEMBER.association,
    });

    const result = await run(deps(), {
      event: issueCommentEvent(sandbox, { number: bug.number, commentId: comment.id, body: '@factory fix', who: MEMBER }),
    });
    await runDispatched(sandbox, (a) => sandbox.deps(a, { workspace: sandbox.freshWorkspace() }));

    expect(result.outcome).toBe('completed');
    expect(sandbox.github.state.pulls.filter((p) => p.headRef.startsWith(`factory/${bug.number}-`))).toHaveLength(1);
    expect(issue(bug.number).labels).not.toContain('factory:approved');
  });

  it("a dispatch naming a comment that is not a trusted person's `@factory fix` does not approve an untrusted author's issue", async () => {
    sandbox.github.state.setAssociation('drive-by', 'NONE');
    const bug = sandbox.github.state.createIssue('acme', 'shop', {
      title: SAMPLE_BUG.title,
      body: SAMPLE_BUG.body,
      user: 'drive-by',
      authorAssociation: 'NONE',
      labels: ['factory:ready'],
    });
    const own = sandbox.github.state.addComment('acme', 'shop', bug.number, {
      body: '@factory fix',
      user: 'drive-by',
      authorAssociation: 'NONE',
    });
    const chat = sandbox.github.state.addComment('acme', 'shop', bug.number, {
      body: 'please fix',
      user: MEMBER.login,
      authorAssociation: MEMBER.association,
    });
    for (const id of [own.id, chat.id, 999_999]) {
      sandbox.github.state.dispatches.push({
        repo: REPO,
        workflow: 'factory-builder.yml',
        ref: 'main',
        inputs: { 'issue-number': String(bug.number), 'command-comment': String(id) },
        actor: MEMBER.login,
        at: new Date().toISOString(),
      });
    }

    const runs = await runDispatched(sandbox, (a) => sandbox.deps(a, { workspace: sandbox.freshWorkspace() }));

    expect(runs.map((r) => r.result.outcome)).toEqual(['skipped', 'skipped', 'skipped']);
    expect(runs[0]?.result.summary).toContain('factory:approved');
    expect(sandbox.github.state.pulls.filter((p) => p.headRef.startsWith(`factory/${bug.number}-`))).toHaveLength(0);
    expect(modelRequests()).toHaveLength(0);
  });

  it('an unknown `@factory deploy` gets one reply listing the commands, and nothing else happens; a re-run writes nothing new', async () => {
    const { number, event } = commandOn('@factory deploy to staging', MEMBER, ['factory:paused']);

    const result = await run(deps(), { event });

    expect(result.outcome).toBe('completed');
    expect(result.summary).toBe('`@factory deploy` on #' + number + ': `deploy` is not a factory command. The commands are:');
    const [reply, ...more] = replies(number);
    expect(more).toEqual([]);
    expect(reply?.user).toBe(SANDBOX_BOT);
    expect(reply?.body).toContain('> `@factory deploy`');
    for (const c of ['fix', 'retry', 'plan', 'review', 'explain', 'stop']) expect(reply?.body).toContain(`- \`@factory ${c}\`: `);
    expect(sandbox.github.state.dispatches).toEqual([]);
    expect(modelRequests()).toHaveLength(0);
    expect(issue(number).labels).toEqual(['factory:paused']);

    const snapshot = sandbox.github.state.snapshot();
    expect((await run(deps(), { event })).outcome).toBe('no-op');
    expect(sandbox.github.state.snapshot()).toEqual(snapshot);
  });

  it('`@factory stop` removes the factory labels, releases the claim and pauses; a re-run writes nothing new', async () => {
    const { number, event } = commandOn('@factory stop', MEMBER, ['factory:building', 'type:bug']);
    sandbox.github.state.addComment('acme', 'shop', number, {
      body: makeClaimBody({ subject: number, runId: '42', owner: 'feature-builder', now: new Date(), leaseMinutes: 60 }),
      user: SANDBOX_BOT,
    });

    const result = await run(deps(), { event });

    expect(result.outcome).toBe('completed');
    expect(issue(number).labels.sort()).toEqual(['factory:paused', 'type:bug']);
    const claim = sandbox.github.state.comments.find((c) => c.issueNumber === number && c.body.includes('factory:claim:'));
    expect(claim?.body).toContain('releasedAt');
    expect(replies(number)[0]?.body).toContain('Removed: `factory:building`');
    expect(modelRequests()).toHaveLength(0);

    const snapshot = sandbox.github.state.snapshot();
    const again = await run(deps(), { event });
    expect(again.outcome).toBe('no-op');
    expect(sandbox.github.state.snapshot()).toEqual(snapshot);
  });

  it('`@factory stop` on a pull request review comment clears its review state and escalation', async () => {
    const { pr, headSha } = await openFactoryPullRequest(sandbox);
    await sandbox.client().writer.addLabels(pr, ['factory:changes-requested', 'factory:needs-human', 'risk:low']);
    sandbox.github.state.setAssociation('maria', 'MEMBER');
    const comment = sandbox.github.state.addReviewComment(REPO, pr, {
      reviewId: null,
      path: 'src/pricing.js',
      line: 16,
      body: '@factory stop',
      user: 'maria',
      commitId: headSha,
      authorAssociation: 'MEMBER',
    });
    const event = reviewCommentEvent(sandbox, { pr, commentId: comment.id, body: comment.body, who: MEMBER });

    const result = await run(deps(), { event });

    expect(result.outcome).toBe('completed');
    expect(issue(pr).labels.sort()).toEqual(['factory:paused', 'risk:low']);
    expect(sandbox.github.state.reactions.some((r) => r.subject.kind === 'review_comment')).toBe(true);
  });

  it('`@factory retry` moves an escalated issue back to ready and resets the build counter', async () => {
    const { number, event } = commandOn('@factory retry', MEMBER, ['factory:needs-human']);
    sandbox.github.state.addComment('acme', 'shop', number, {
      body: '<!-- factory:feature-builder:needs-human -->\nThe build failed.',
      user: SANDBOX_BOT,
    });
    sandbox.github.state.addComment('acme', 'shop', number, { body: renderCounters(number, { build: 3 }), user: SANDBOX_BOT });

    const result = await run(deps(), { event });

    expect(result.outcome).toBe('completed');
    expect(issue(number).labels).toEqual(['factory:ready']);
    const counters = sandbox.github.state.comments.find((c) => c.issueNumber === number && c.body.includes('factory:attempts'));
    expect(counters?.body).not.toContain('"build"');
    expect(replies(number)[0]?.body).toContain('feature-builder gets a fresh set of attempts');
  });

  it('`@factory retry` on a pull request the CI fixer gave up on starts the shepherd: a workflow this repository has, with inputs it declares', async () => {
    // This repository's own shepherd workflow, as installed: the sandbox refuses a dispatch of a missing workflow or of undeclared inputs, as GitHub does.
    const workflowFile = (name: string) => join(__dirname, '../../../.github/workflows', name);
    await pushBranch(sandbox.github, 'acme', 'shop', {
      branch: 'main',
      files: { '.github/workflows/factory-shepherd.yml': readFileSync(workflowFile('factory-shepherd.yml'), 'utf8') },
      message: 'Install the shepherd',
    });
    const { pr } = await openFactoryPullRequest(sandbox);
    await sandbox.client().writer.addLabels(pr, ['factory:needs-human']);
    sandbox.github.state.addComment('acme', 'shop', pr, {
      body: '<!-- factory:ci-fixer:needs-human -->\nCI still fails.',
      user: SANDBOX_BOT,
    });
    sandbox.github.state.addComment('acme', 'shop', pr, { body: renderCounters(pr, { 'ci-fix': 2 }), user: SANDBOX_BOT });
    sandbox.github.state.setAssociation(MEMBER.login, MEMBER.association);
    const comment = sandbox.github.state.addComment('acme', 'shop', pr, {
      body: '@factory retry',
      user: MEMBER.login,
      authorAssociation: 'MEMBER',
    });

    const result = await run(deps(), {
      event: issueCommentEvent(sandbox, { number: pr, commentId: comment.id, body: '@factory retry', who: MEMBER }),
    });

    expect(result.outcome).toBe('completed');
    expect(issue(pr).labels).not.toContain('factory:needs-human');
    const counters = sandbox.github.state.comments.find((c) => c.issueNumber === pr && c.body.includes('factory:attempts'));
    expect(counters?.body).not.toContain('"ci-fix"');
    const dispatches = sandbox.github.state.dispatches;
    expect(dispatches.map((d) => [d.workflow, d.ref, d.inputs])).toEqual([
      ['factory-shepherd.yml', 'main', { 'issue-number': String(pr) }],
    ]);
    // The workflow is this repository's, and declares every input sent.
    for (const d of dispatches) {
      const on = (parseYaml(readFileSync(workflowFile(d.workflow), 'utf8')) as { on: { workflow_dispatch?: { inputs?: object } } }).on;
      expect(Object.keys(on.workflow_dispatch?.inputs ?? {})).toEqual(expect.arrayContaining(Object.keys(d.inputs)));
    }
    expect(replies(pr)[0]?.body).toContain('Started `factory-shepherd.yml`');
  });

  it("`@factory explain` answers with the agent's one comment, keyed to the command", async () => {
    const { number, event } = commandOn('@factory explain what is wrong here?', MEMBER, ['factory:ready']);

    const result = await run(deps(), { event });

    expect(result.outcome).toBe('completed');
    const [reply] = replies(number);
    expect(reply?.body).toContain('applyDiscount');
    expect(reply?.body).toContain('`factory:ready`');
    const first = modelRequests()[0]!.body;
    expect((first.tools ?? []).map((t) => t.name).sort()).toEqual(
      ['comment', 'get_issue', 'git_diff', 'list_files', 'list_issue_comments', 'read_file', 'search_code', 'search_issues'].sort(),
    );
  });

  it('`@factory review` starts the reviewer on that pull request, in its own workflow', async () => {
    const { pr } = await openFactoryPullRequest(sandbox);
    const comment = sandbox.github.state.addComment('acme', 'shop', pr, {
      body: '@factory review',
      user: 'maria',
      authorAssociation: 'MEMBER',
    });
    sandbox.github.state.setAssociation('maria', 'MEMBER');

    const result = await run(deps(), {
      event: issueCommentEvent(sandbox, { number: pr, commentId: comment.id, body: '@factory review', who: MEMBER }),
    });

    expect(result.outcome).toBe('completed');
    expect(sandbox.github.state.dispatches.map((d) => [d.workflow, d.inputs])).toEqual([
      ['factory-reviewer.yml', { 'issue-number': String(pr) }],
    ]);
    expect(replies(pr)[0]?.body).toContain('Requested a review pass');
  });

  it('`@factory plan` starts the planner on that issue, in its own workflow', async () => {
    const { number, event } = commandOn('@factory plan', MEMBER, ['factory:needs-info']);

    const result = await run(deps(), { event });

    expect(result.outcome).toBe('completed');
    expect(sandbox.github.state.dispatches.map((d) => [d.workflow, d.inputs])).toEqual([
      ['factory-planner.yml', { 'issue-number': String(number) }],
    ]);
    expect(replies(number)[0]?.body).toContain('Started `factory-planner.yml`');
    expect(modelRequests()).toHaveLength(0);
  });
});
