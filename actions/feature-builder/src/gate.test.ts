import examples from '@octokit/webhooks-examples';
import { defaultConfig, parseConfig } from '../../shared/config';
import { parseEvent, type ParsedEvent } from '../../shared/events';
import type { Comment, Issue, PullRequest } from '../../shared/github/types';
import { makeClaimBody, makeReleasedBody, makeClaim } from '../../shared/state';
import { liveClaims } from '../../shared/automation/claim';
import { checkIssue, checkOpenPrCap, gateEvent, rankReadyIssues } from './gate';

type Json = Record<string, any>;
const example = (name: string, action?: string): Json =>
  structuredClone(
    (examples as unknown as { name: string; examples: Json[] }[])
      .find((g) => g.name === name)!
      .examples.find((e) => action === undefined || e.action === action)!,
  );

function labeled(label: string, sender: { login: string; type: string } = { login: 'maintainer', type: 'User' }): ParsedEvent {
  const p = example('issues', 'labeled');
  p.label.name = label;
  p.sender = { ...p.sender, ...sender };
  return parseEvent('issues', p);
}

const config = defaultConfig();
const issue = (n: number, labels: string[], createdAt = '2026-01-01T00:00:00Z', extra: Partial<Issue> = {}): Issue =>
  ({
    number: n,
    labels,
    createdAt,
    state: 'open',
    isPullRequest: false,
    title: `#${n}`,
    body: '',
    author: { login: 'a', type: 'User' },
    authorAssociation: 'MEMBER',
    ...extra,
  }) as Issue;

describe('builder gate', () => {
  it('builds the labeled issue only for factory:ready, from people or trusted bots', () => {
    const number = example('issues', 'labeled').issue.number as number;
    expect(gateEvent(labeled('factory:ready'), undefined, config)).toEqual({ ok: true, value: { kind: 'issue', number } });
    expect(gateEvent(labeled('bug'), undefined, config)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not "factory:ready"'),
    });
    expect(gateEvent(labeled('factory:ready', { login: 'evil[bot]', type: 'Bot' }), undefined, config)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('untrusted bot'),
    });
    // The planner (our own bot) hands issues over with the label: that is the chain, not a loop.
    expect(gateEvent(labeled('factory:ready', { login: config.trust.botLogin, type: 'Bot' }), undefined, config)).toMatchObject({
      ok: true,
    });
  });

  it('picks from the backlog on schedule and on a dispatch without a number', () => {
    const schedule = parseEvent('schedule', { schedule: '7 * * * *', repository: example('issues', 'labeled').repository });
    expect(gateEvent(schedule, undefined, config)).toEqual({ ok: true, value: { kind: 'pick' } });
    const dispatch = example('workflow_dispatch');
    expect(gateEvent(parseEvent('workflow_dispatch', dispatch), undefined, config)).toEqual({ ok: true, value: { kind: 'pick' } });
    dispatch.inputs = { 'issue-number': '12' };
    expect(gateEvent(parseEvent('workflow_dispatch', dispatch), undefined, config)).toEqual({
      ok: true,
      value: { kind: 'issue', number: 12 },
    });
  });

  it('stops for the kill switch and a disabled builder before anything else', () => {
    expect(gateEvent(labeled('factory:ready'), 3, parseConfig('killSwitch: true', 'f.yml'))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('kill switch'),
    });
    expect(
      gateEvent(labeled('factory:ready'), 3, parseConfig('automations:\n  feature-builder: { enabled: false }', 'f.yml')),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('disabled') });
  });

  it('checks the issue as GitHub has it now', () => {
    expect(checkIssue(issue(1, ['factory:ready']), config)).toBeUndefined();
    expect(checkIssue(issue(1, ['factory:pr-open']), config)).toContain('it is factory:pr-open');
    expect(checkIssue(issue(1, ['factory:ready', 'factory:paused']), config)).toContain('paused');
    expect(checkIssue(issue(1, ['factory:ready', 'factory:assist']), config)).toContain('human-led');
    expect(checkIssue(issue(1, ['factory:ready'], undefined, { state: 'closed' }), config)).toContain('closed');
  });

  it('ranks ready issues: p0 first, then the oldest; unbuildable ones are left out', () => {
    const ranked = rankReadyIssues(
      [
        issue(1, ['factory:ready', 'priority:p2'], '2026-01-01T00:00:00Z'),
        issue(2, ['factory:ready', 'priority:p0'], '2026-03-01T00:00:00Z'),
        issue(3, ['factory:ready'], '2025-12-01T00:00:00Z'),
        issue(4, ['factory:ready', 'priority:p0'], '2026-02-01T00:00:00Z'),
        issue(5, ['factory:ready', 'priority:p0', 'factory:paused'], '2025-01-01T00:00:00Z'),
        issue(6, ['factory:ready', 'priority:p3'], '2025-01-01T00:00:00Z'),
      ],
      config,
    );
    expect(ranked.map((i) => i.number)).toEqual([4, 2, 1, 3, 6]);
  });

  it('counts open factory pull requests against maxOpenPrs', () => {
    const pr = (ref: string) => ({ head: { ref } }) as PullRequest;
    expect(checkOpenPrCap([pr('factory/1-a'), pr('feature/x')], 2)).toBeUndefined();
    expect(checkOpenPrCap([pr('factory/1-a'), pr('factory/2-b')], 2)).toContain('2 factory pull request(s) are open');
  });
});

describe('claims', () => {
  const now = new Date('2026-05-01T10:00:00Z');
  const comment = (id: number, body: string, login = 'factory-bot[bot]', createdAt = '2026-05-01T09:59:00Z') =>
    ({ id, body, author: { login, type: 'Bot' }, createdAt }) as Comment;
  const claim = (runId: string, minutesAgo = 1) =>
    makeClaim({ subject: 7, runId, owner: 'feature-builder', now: new Date(now.getTime() - minutesAgo * 60_000), leaseMinutes: 60 });

  it('the earliest live claim by the bot wins; released, expired and forged claims do not count', () => {
    const live = liveClaims(
      [
        comment(1, makeReleasedBody(claim('old'), now)),
        comment(2, makeClaimBody(claim('expired', 120))),
        comment(3, makeClaimBody(claim('forged')), 'mallory'),
        comment(5, makeClaimBody(claim('b'))),
        comment(4, makeClaimBody(claim('a'))),
      ],
      now,
      'factory-bot[bot]',
    );
    expect(live.map((c) => c.claim.runId)).toEqual(['a', 'b']);
  });
});
