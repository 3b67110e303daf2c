import { defaultConfig } from '../../shared/config/parse';
import { markShepherd } from './marker';
import { staleState, triage } from './triage';
import type { ShepherdComment, ShepherdPr } from './types';

const BOT = 'factory-bot[bot]';
const NOW = new Date('2026-03-02T12:00:00Z');
const settings = defaultConfig().shepherd;
const ctx = { now: NOW, botLogin: BOT, settings };
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();

function pr(overrides: Partial<ShepherdPr> = {}): ShepherdPr {
  return {
    number: 7,
    nodeId: 'PR_7',
    title: 'Factory work',
    url: 'https://github.com/acme/shop/pull/7',
    author: BOT,
    isDraft: false,
    isFork: false,
    head: { ref: 'factory/7-work', oid: 'a'.repeat(40) },
    base: { ref: 'main', oid: 'b'.repeat(40) },
    labels: [],
    mergeable: 'MERGEABLE',
    mergeStateStatus: 'CLEAN',
    checks: { state: 'SUCCESS', failing: [], pending: [] },
    createdAt: ago(600),
    updatedAt: ago(300),
    lastComments: [],
    closingIssues: [],
    ...overrides,
  };
}

let id = 1;
function comment(author: string, body: string, minutesAgo: number): ShepherdComment {
  return { id: id++, author, body, createdAt: ago(minutesAgo), updatedAt: ago(minutesAgo) };
}

describe('triage', () => {
  it('updates a green pull request behind its base', () => {
    expect(triage(pr({ mergeStateStatus: 'BEHIND' }), ctx)).toMatchObject({ kind: 'step', step: 'update-branch' });
  });

  it('leaves checks pending for less than the grace alone, and looks again past it', () => {
    const pending = (minutes: number) =>
      pr({ mergeStateStatus: 'BEHIND', checks: { state: 'PENDING', failing: [], pending: ['build'], pendingSince: ago(minutes) } });
    expect(triage(pending(10), ctx)).toEqual({ kind: 'leave', reason: 'checks pending for 10 min (under 60)' });
    expect(triage(pending(61), ctx)).toMatchObject({ kind: 'step', step: 'update-branch' });
  });

  it('leaves a pull request it wrote on within the cooldown alone, and one whose last factory comment is its own', () => {
    const behind = { mergeStateStatus: 'BEHIND' };
    const recent = [comment(BOT, markShepherd('Updated.', 'update-branch'), 5)];
    expect(triage(pr({ ...behind, lastComments: recent }), ctx)).toEqual({
      kind: 'leave',
      reason: 'the shepherd wrote here 5 min ago (cooldown 30 min)',
    });
    const old = [comment(BOT, markShepherd('Updated.', 'update-branch'), 120)];
    expect(triage(pr({ ...behind, lastComments: old }), ctx)).toEqual({
      kind: 'leave',
      reason: "the last factory comment is the shepherd's own",
    });
    // Another factory comment after it (the reviewer's), and a person's comment does not count as the factory's.
    const after = [...old, comment(BOT, '<!-- factory:pr-reviewer:summary -->\nLooks good.', 60)];
    expect(triage(pr({ ...behind, lastComments: after }), ctx)).toMatchObject({ kind: 'step', step: 'update-branch' });
    const person = [...old, comment('alice', 'Any news?', 60)];
    expect(triage(pr({ ...behind, lastComments: person }), ctx)).toMatchObject({ kind: 'leave' });
  });

  it("a marker in someone else's comment is not the shepherd's", () => {
    const forged = [comment('mallory', markShepherd('Updated.', 'update-branch'), 5)];
    expect(triage(pr({ mergeStateStatus: 'BEHIND', lastComments: forged }), ctx)).toMatchObject({ kind: 'step', step: 'update-branch' });
  });

  it('orders the steps: needs-human, then conflicts, then failing checks, then behind', () => {
    const all = {
      labels: ['factory:needs-human'],
      mergeable: 'CONFLICTING' as const,
      mergeStateStatus: 'DIRTY',
      checks: { state: 'FAILURE' as const, failing: ['build'], pending: [] },
    };
    expect(triage(pr(all), ctx)).toMatchObject({ step: 'second-look' });
    expect(triage(pr({ ...all, labels: [] }), ctx)).toMatchObject({ step: 'conflicts' });
    expect(triage(pr({ ...all, labels: [], mergeable: 'MERGEABLE', mergeStateStatus: 'BEHIND' }), ctx)).toMatchObject({
      step: 'ci-failure',
    });
  });

  it('ignores forks, pull requests that are not the factory’s, drafts and paused ones', () => {
    expect(triage(pr({ isFork: true }), ctx)).toMatchObject({ kind: 'ignore' });
    expect(triage(pr({ author: 'alice', head: { ref: 'feature/x', oid: 'c'.repeat(40) } }), ctx)).toMatchObject({ kind: 'ignore' });
    expect(
      triage(
        pr({ author: 'alice', head: { ref: 'feature/x', oid: 'c'.repeat(40) }, labels: ['factory:assist'], mergeStateStatus: 'BEHIND' }),
        ctx,
      ),
    ).toMatchObject({ kind: 'step' });
    expect(triage(pr({ isDraft: true }), ctx)).toMatchObject({ kind: 'ignore' });
    expect(triage(pr({ labels: ['factory:paused'], mergeStateStatus: 'BEHIND' }), ctx)).toMatchObject({ kind: 'ignore' });
  });
});

describe('staleState', () => {
  const day = 24 * 60;
  it('pings after staleDays idle, closes staleDays after an unanswered ping, and forgets a ping that was answered', () => {
    expect(staleState(pr({ updatedAt: ago(13 * day) }), ctx)).toBeUndefined();
    expect(staleState(pr({ updatedAt: ago(14 * day) }), ctx)).toBe('ping');
    const ping = comment(BOT, markShepherd('No activity.', 'stale-ping'), 14 * day);
    expect(staleState(pr({ updatedAt: ago(14 * day), lastComments: [ping] }), ctx)).toBe('close');
    const answer = comment('alice', 'Still on it.', 13 * day);
    expect(staleState(pr({ updatedAt: ago(13 * day), lastComments: [ping, answer] }), ctx)).toBeUndefined();
  });
});
