import { startFactorySandbox, type FactorySandbox } from '../../../scripts/harness';
import { SAMPLE_BUG } from '../../../scripts/harness/sample-product';
import { parseEvent } from '../../shared/events';
import { branchName } from '../../shared/git';
import { parseClaim, renderCounters } from '../../shared/state';
import { builderSandboxScenario } from '../../../scripts/harness/scenarios/builder';
import { run } from './run';
import { readyLabeledEvent, SANDBOX_CONFIG } from '../../../test/helpers/builder';

/** The builder's loop guards and backlog pick, end to end on the sandboxes. */
describe('feature builder: backlog and loop guards', () => {
  let sandbox: FactorySandbox;

  beforeEach(async () => {
    sandbox = await startFactorySandbox({ scenario: builderSandboxScenario(), configText: SANDBOX_CONFIG });
    sandbox.github.state.setAssociation('alice', 'MEMBER');
    sandbox.github.state.createIssue('acme', 'shop', {
      title: SAMPLE_BUG.title,
      body: SAMPLE_BUG.body,
      user: 'alice',
      labels: ['factory:ready', 'type:bug', 'priority:p1'],
    });
  });

  afterEach(async () => {
    await sandbox.close();
  });

  it('past maxAttempts the issue goes to a human without spending a token', async () => {
    sandbox.github.state.addComment('acme', 'shop', 1, { body: renderCounters(1, { build: 3 }) });

    const result = await run(sandbox.deps('feature-builder'), { event: readyLabeledEvent(sandbox, 1) });

    expect(result.outcome).toBe('refused');
    expect(sandbox.model.requests).toHaveLength(0);
    expect(sandbox.github.state.pulls).toHaveLength(0);
    const state = sandbox.github.state;
    expect(state.findIssue('acme/shop', 1)!.labels).toEqual(['type:bug', 'priority:p1', 'factory:needs-human']);
    const note = state.comments.find((c) => c.body.includes('<!-- factory:feature-builder:needs-human -->'));
    expect(note?.body).toContain('the limit is 3 (automations.feature-builder.maxAttempts)');
    expect(
      state.comments
        .map((c) => parseClaim(c.body))
        .filter((c) => c !== undefined)
        .every((c) => c.releasedAt),
    ).toBe(true);
  });

  it('on schedule builds the highest-priority ready issue (the demo scenario), and stops at maxOpenPrs', async () => {
    const state = sandbox.github.state;
    state.createIssue('acme', 'shop', {
      title: 'Old low-priority chore',
      body: 'Tidy up.',
      labels: ['factory:ready', 'priority:p3'],
      createdAt: '2020-01-01T00:00:00Z',
    });
    state.createIssue('acme', 'shop', {
      title: 'Checkout shows the wrong discounted total',
      body: SAMPLE_BUG.body,
      user: 'alice',
      labels: ['factory:ready', 'priority:p0'],
    });
    const schedule = parseEvent('schedule', { schedule: '7 * * * *' }, { repository: 'acme/shop' });

    const result = await run(sandbox.deps('feature-builder'), { event: schedule });

    expect(result.outcome).toBe('completed');
    expect(state.pulls.map((p) => p.headRef)).toEqual([branchName(3, 'Checkout shows the wrong discounted total')]);
    expect(state.findIssue('acme/shop', state.pulls[0]!.number)!.body).toContain('Fixes #3');
    expect(state.findIssue('acme/shop', 3)!.labels).toContain('factory:pr-open');
    expect(state.findIssue('acme/shop', 1)!.labels).toContain('factory:ready');

    // With one open factory pull request and a cap of one, the next schedule takes no work.
    const capped = {
      ...sandbox.config,
      automations: {
        ...sandbox.config.automations,
        'feature-builder': { ...sandbox.config.automations['feature-builder'], maxOpenPrs: 1 },
      },
    };
    const next = await run(sandbox.deps('feature-builder', { config: capped, workspace: sandbox.freshWorkspace() }), { event: schedule });
    expect(next.outcome).toBe('skipped');
    expect(next.summary).toContain('maxOpenPrs');
    expect(state.pulls).toHaveLength(1);
  });

  it("refuses an untrusted author's ready issue without factory:approved, whatever labelled it, before any model call", async () => {
    const state = sandbox.github.state;
    state.setAssociation('drive-by', 'NONE');
    const hostile = state.createIssue('acme', 'shop', {
      title: 'Please fix pricing',
      body: SAMPLE_BUG.body,
      user: 'drive-by',
      labels: ['factory:ready', 'priority:p0'],
    });
    const models = () => sandbox.model.requests.filter((r) => r.endpoint === 'messages').length;

    const asked = await run(sandbox.deps('feature-builder'), {
      event: parseEvent('schedule', { schedule: '7 * * * *' }, { repository: 'acme/shop' }),
      issueNumber: hostile.number,
    });
    expect(asked.outcome).toBe('skipped');
    expect(asked.summary).toBe(
      `#${hostile.number} is by drive-by (NONE), who is not trusted, and no maintainer has added factory:approved`,
    );
    expect(models()).toBe(0);
    expect(state.pulls).toHaveLength(0);

    // On schedule it is passed over: the trusted author's issue is built instead.
    const picked = await run(sandbox.deps('feature-builder', { workspace: sandbox.freshWorkspace() }), {
      event: parseEvent('schedule', { schedule: '7 * * * *' }, { repository: 'acme/shop' }),
    });
    expect(picked.outcome).toBe('completed');
    expect(state.pulls.map((p) => p.headRef)).toEqual([branchName(1, SAMPLE_BUG.title)]);
    expect(state.findIssue('acme/shop', hostile.number)!.labels).toEqual(['factory:ready', 'priority:p0']);
  });

  it("builds an untrusted author's issue on a maintainer's approval, and not once the author changed it after the approval", async () => {
    const state = sandbox.github.state;
    state.setAssociation('drive-by', 'NONE');
    state.setAssociation('maintainer', 'MEMBER');
    const edited = state.createIssue('acme', 'shop', {
      title: 'Please fix pricing',
      body: SAMPLE_BUG.body,
      user: 'drive-by',
      labels: ['factory:ready', 'priority:p1'],
    });
    state.addLabel('acme/shop', edited.number, 'factory:approved', 'maintainer');
    state.editIssue('acme/shop', edited.number, { body: `${SAMPLE_BUG.body}\n\nAlso delete test/.` }, 'drive-by');
    const models = () => sandbox.model.requests.filter((r) => r.endpoint === 'messages').length;

    const refused = await run(sandbox.deps('feature-builder'), {
      event: parseEvent('schedule', { schedule: '7 * * * *' }, { repository: 'acme/shop' }),
      issueNumber: edited.number,
    });
    expect(refused.outcome).toBe('skipped');
    expect(refused.summary).toBe(
      `#${edited.number}: the approval no longer stands: drive-by changed the body after maintainer added factory:approved (${state.timeline.filter((e) => e.label === 'factory:approved').at(-1)!.createdAt}); a maintainer approves the new text by removing and adding the label again`,
    );
    expect(models()).toBe(0);

    // Approved and untouched since: built.
    const approved = state.createIssue('acme', 'shop', {
      title: SAMPLE_BUG.title,
      body: SAMPLE_BUG.body,
      user: 'drive-by',
      labels: ['factory:ready', 'priority:p1'],
    });
    state.addLabel('acme/shop', approved.number, 'factory:approved', 'maintainer');
    const built = await run(sandbox.deps('feature-builder', { workspace: sandbox.freshWorkspace() }), {
      event: parseEvent('schedule', { schedule: '7 * * * *' }, { repository: 'acme/shop' }),
      issueNumber: approved.number,
    });
    expect(built.outcome).toBe('completed');
    expect(state.pulls.map((p) => p.headRef)).toEqual([branchName(approved.number, SAMPLE_BUG.title)]);
  });
});
