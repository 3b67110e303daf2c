import type { FactorySandbox } from '../../../scripts/harness';
import { systemClock, type Clock } from '../../shared/ports';
import { conversationScript, sweepScenario } from '../../../scripts/harness/scenarios/planner';
import { run } from '../src/run';
import { SANDBOX_BOT as BOT } from '../../../scripts/harness/scenarios/planner';
import { plannerSandbox, scheduleEvent } from '../../../test/helpers/planner';

let sandbox: FactorySandbox;
afterEach(async () => {
  await sandbox?.close();
});

/** One clock for the sandbox (timestamps of comments) and the planner (what "now" is). */
function movableClock(): Clock & { advanceDays(days: number): void } {
  let offset = 0;
  return { sleep: systemClock.sleep, now: () => new Date(Date.now() + offset), advanceDays: (d) => void (offset += d * 86_400_000) };
}

describe('sweep: stale needs-info issues', () => {
  it('reminds once after needsInfoStaleDays, then closes as not planned', async () => {
    const clock = movableClock();
    sandbox = await plannerSandbox({ clock });
    const sweepAfter = async (days: number) => {
      clock.advanceDays(days);
      await run(sandbox.deps('feature-planner', { clock }), { event: scheduleEvent(sandbox) });
    };
    const state = sandbox.github.state;
    const waiting = state.createIssue('acme', 'shop', {
      title: 'Something about exports',
      body: '?',
      user: 'alice',
      labels: ['type:bug', 'factory:needs-info'],
    });
    state.addComment('acme', 'shop', waiting.number, {
      body: '<!-- factory:feature-planner:plan -->\n### Plan\n**Questions:** which export?',
      user: BOT,
    });
    const comments = () => state.comments.filter((c) => c.issueNumber === waiting.number);

    await sweepAfter(3);
    expect(comments()).toHaveLength(1);

    await sweepAfter(12); // day 15: stale
    await sweepAfter(1); // day 16: reminded already, not stale again
    const reminders = comments().filter((c) => c.body.includes('factory:feature-planner:needs-info-reminder'));
    expect(reminders).toHaveLength(1);
    expect(state.findIssue('acme/shop', waiting.number)!.state).toBe('open');

    await sweepAfter(14); // day 30: 15 days after the reminder
    expect(state.findIssue('acme/shop', waiting.number)).toMatchObject({ state: 'closed', stateReason: 'not_planned' });
  });
});

describe('sweep: priorities re-checked', () => {
  it('keeps only the most urgent of two priorities (by code) and triages an issue whose priority was removed', async () => {
    sandbox = await plannerSandbox({ scenario: sweepScenario() });
    const state = sandbox.github.state;
    state.setAssociation('alice', 'MEMBER');
    const two = state.createIssue('acme', 'shop', {
      title: 'Two priorities',
      body: 'x',
      user: 'alice',
      labels: ['type:bug', 'priority:p3', 'priority:p1', 'factory:ready'],
    });
    const none = state.createIssue('acme', 'shop', {
      title: 'Priority removed by hand',
      body: 'y',
      user: 'alice',
      labels: ['type:chore', 'factory:ready'],
    });
    const building = state.createIssue('acme', 'shop', {
      title: 'Being built',
      body: 'z',
      user: 'alice',
      labels: ['type:chore', 'factory:building'],
    });

    const result = await run(sandbox.deps('feature-planner'), { event: scheduleEvent(sandbox) });

    expect(result.outcome).toBe('completed');
    expect(state.findIssue('acme/shop', two.number)!.labels.sort()).toEqual(['factory:ready', 'priority:p1', 'type:bug']);
    expect(state.findIssue('acme/shop', none.number)!.labels.sort()).toEqual(['factory:ready', 'priority:p3', 'type:chore']);
    // The builder owns an issue being built: the planner does not touch it.
    expect(state.findIssue('acme/shop', building.number)!.labels.sort()).toEqual(['factory:building', 'type:chore']);
    expect(
      sandbox.model.requests
        .filter((r) => r.endpoint === 'messages')
        .every((r) => JSON.stringify(r.body.messages[0]).includes(`#${none.number}`)),
    ).toBe(true);
    expect(sandbox.github.violations).toEqual([]);
  });
});

describe('sweep: approved parents', () => {
  it('does not triage again an approved parent that was split into sub-issues', async () => {
    sandbox = await plannerSandbox({ scenario: sweepScenario() });
    const state = sandbox.github.state;
    const parent = state.createIssue('acme', 'shop', {
      title: 'Big feature',
      body: 'x',
      user: 'outsider',
      labels: ['type:feature', 'priority:p2', 'factory:approved'],
    });
    const child = state.createIssue('acme', 'shop', {
      title: 'Part one',
      body: 'y',
      user: BOT,
      labels: ['type:feature', 'priority:p2', 'factory:ready'],
    });
    state.subIssues.push({ repo: 'acme/shop', parentNumber: parent.number, childId: child.id });

    const result = await run(sandbox.deps('feature-planner'), { event: scheduleEvent(sandbox) });

    expect(sandbox.model.requests.filter((r) => r.endpoint === 'messages')).toHaveLength(0);
    expect(result.summary).toMatch(/triaged 0 of 0 picked/);
    expect(sandbox.github.violations).toEqual([]);
  });
});

describe('sweep: spec gaps when the backlog is empty', () => {
  const gap = (key: string, title: string) => ({
    name: 'propose_gap_issue',
    input: { title, body: 'The spec says a cart holds at most 100 lines; cartTotal accepts any number.', spec: 'specs/checkout.md', key },
  });
  const scenario = conversationScript([
    { toolCalls: [{ name: 'read_file', input: { path: 'specs/checkout.md' } }] },
    {
      toolCalls: [
        gap('cart-max-lines', 'Reject carts with more than 100 lines'),
        gap('price-two-decimals', 'Test prices with two decimals'),
        gap('third', 'A third gap over the cap'),
      ],
    },
    { text: 'Proposed three gaps.' },
  ]);

  it('files at most specGapCap issues labelled source:spec-gap, never the same one twice', async () => {
    sandbox = await plannerSandbox({ scenario });
    const state = sandbox.github.state;
    const result = await run(sandbox.deps('feature-planner'), { event: scheduleEvent(sandbox) });
    expect(result.outcome).toBe('completed');
    expect(state.issues.map((i) => [i.title, i.labels])).toEqual([
      ['Reject carts with more than 100 lines', ['source:spec-gap']],
      ['Test prices with two decimals', ['source:spec-gap']],
    ]);
    expect(state.issues[0]!.body).toContain('<!-- factory:issue:spec-gap/cart-max-lines -->');
    // The specs reached the model fenced as data.
    expect(JSON.stringify(sandbox.model.requests[0]!.body.messages[0])).toMatch(/<untrusted source=\\"file specs\/checkout.md\\"/);

    for (const i of state.issues) {
      i.state = 'closed';
      i.closedAt = i.updatedAt;
    }
    await run(sandbox.deps('feature-planner'), { event: scheduleEvent(sandbox) });
    expect(state.issues).toHaveLength(2);
  });
});
