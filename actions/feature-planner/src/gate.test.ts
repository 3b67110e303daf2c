import { defaultConfig, type FactoryConfig } from '../../shared/config';
import { parseEvent } from '../../shared/events';
import type { Issue } from '../../shared/github/types';
import { editorTrust, gateEvent, gateIssue, isTriaged } from './gate';

const config = (over: Partial<FactoryConfig> = {}): FactoryConfig => ({ ...defaultConfig(), ...over });
const repository = { name: 'shop', owner: { login: 'acme' } };

function issuesEvent(action: string, sender = { login: 'alice', type: 'User' }, labels: string[] = []) {
  return parseEvent('issues', {
    action,
    repository,
    sender,
    issue: { number: 7, user: { login: 'alice', type: 'User' }, author_association: 'MEMBER', labels: labels.map((name) => ({ name })) },
  });
}

function issue(over: Partial<Issue> = {}): Issue {
  return {
    number: 7,
    nodeId: 'I_1',
    id: 1,
    title: 't',
    body: 'b',
    state: 'open',
    labels: [],
    author: { login: 'alice', type: 'User' },
    authorAssociation: 'MEMBER',
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
    isPullRequest: false,
    url: 'u',
    ...over,
  };
}

describe('gateEvent', () => {
  it('runs on issues events and sweeps on schedule and dispatch without a number', () => {
    expect(gateEvent(issuesEvent('opened'), config())).toMatchObject({ run: true, mode: 'issue', number: 7 });
    const schedule = parseEvent('schedule', { schedule: '*/30 * * * *' }, { repository: 'acme/shop' });
    expect(gateEvent(schedule, config())).toMatchObject({ run: true, mode: 'sweep' });
    const dispatch = (inputs: Record<string, unknown>) =>
      parseEvent('workflow_dispatch', { ref: 'refs/heads/main', inputs, repository, sender: { login: 'alice', type: 'User' } });
    expect(gateEvent(dispatch({ 'issue-number': '' }), config())).toMatchObject({ run: true, mode: 'sweep' });
    expect(gateEvent(dispatch({ 'issue-number': '12' }), config())).toMatchObject({ run: true, mode: 'issue', number: 12 });
  });

  it('skips the kill switch, a disabled planner, other actions, our bot and untrusted bots', () => {
    expect(gateEvent(issuesEvent('opened'), config({ killSwitch: true }))).toMatchObject({
      run: false,
      reason: expect.stringMatching(/kill switch/),
    });
    const off = config();
    off.automations['feature-planner'].enabled = false;
    expect(gateEvent(issuesEvent('opened'), off)).toMatchObject({ run: false, reason: expect.stringMatching(/disabled/) });
    expect(gateEvent(issuesEvent('labeled'), config())).toMatchObject({ run: false });
    expect(gateEvent(issuesEvent('edited', { login: 'github-actions[bot]', type: 'Bot' }), config())).toMatchObject({
      run: false,
      reason: expect.stringMatching(/factory itself/),
    });
    expect(gateEvent(issuesEvent('opened', { login: 'spam[bot]', type: 'Bot' }), config())).toMatchObject({
      run: false,
      reason: expect.stringMatching(/trust\.bots/),
    });
    expect(
      gateEvent(
        issuesEvent('opened', { login: 'dependabot[bot]', type: 'Bot' }),
        config({ trust: { ...defaultConfig().trust, bots: ['dependabot[bot]'] } }),
      ),
    ).toMatchObject({ run: true });
  });
});

describe('gateIssue', () => {
  const trigger = { event: 'issues', action: 'edited' };
  it('skips closed, paused, pull requests and issues the builder owns', () => {
    for (const over of [
      { state: 'closed' as const },
      { labels: ['factory:paused'] },
      { isPullRequest: true },
      { labels: ['factory:building'] },
    ]) {
      expect(gateIssue({ issue: issue(over), config: config(), trigger }).run).toBe(false);
    }
  });

  it('re-plans a triaged issue on edit by its author or a maintainer, not by an untrusted bot', () => {
    const triaged = issue({ labels: ['type:bug', 'factory:ready'] });
    expect(gateIssue({ issue: triaged, config: config(), trigger, sender: { login: 'alice', type: 'User' } }).run).toBe(true);
    expect(gateIssue({ issue: triaged, config: config(), trigger, sender: { login: 'maint', type: 'User' } }).run).toBe(true);
    expect(gateIssue({ issue: triaged, config: config(), trigger, sender: { login: 'x[bot]', type: 'Bot' } }).run).toBe(false);
    expect(gateIssue({ issue: issue(), config: config(), trigger, sender: { login: 'x[bot]', type: 'Bot' } }).run).toBe(true);
  });

  it('lets an untrusted author be triaged but not made ready until approved', () => {
    const mallory = { author: { login: 'mallory', type: 'User' }, authorAssociation: 'NONE' as const };
    const open = (over: Partial<Issue>, action = 'opened') =>
      gateIssue({
        issue: issue({ ...mallory, ...over }),
        config: config(),
        trigger: { event: 'issues', action },
        sender: { login: 'mallory', type: 'User' },
      });
    expect(open({})).toEqual({ run: true, approval: { authorTrusted: false, approved: false, mayBecomeReady: false } });
    expect(open({ labels: ['factory:approved'] }, 'reopened')).toMatchObject({ approval: { approved: true, mayBecomeReady: true } });
    // The author's own edit after the approval is content no maintainer has seen.
    expect(open({ labels: ['factory:approved'] }, 'edited')).toMatchObject({ approval: { approved: false, mayBecomeReady: false } });
    const lax = config({ trust: { ...defaultConfig().trust, requireApprovalForUntrusted: false } });
    expect(gateIssue({ issue: issue(mallory), config: lax, trigger })).toMatchObject({ approval: { mayBecomeReady: true } });
  });

  it("trusts the factory's own issues except intake reports", () => {
    const bot = { author: { login: 'github-actions[bot]', type: 'Bot' }, authorAssociation: 'NONE' as const };
    expect(
      gateIssue({ issue: issue({ ...bot, labels: ['source:spec-gap'] }), config: config(), trigger: { event: 'schedule' } }),
    ).toMatchObject({
      approval: { authorTrusted: true },
    });
    expect(
      gateIssue({ issue: issue({ ...bot, labels: ['source:report'] }), config: config(), trigger: { event: 'schedule' } }),
    ).toMatchObject({
      approval: { authorTrusted: false, mayBecomeReady: false },
    });
  });
});

describe('helpers', () => {
  it('isTriaged looks at type and state labels only', () => {
    expect(isTriaged(['priority:p1', 'source:report', 'documentation'])).toBe(false);
    expect(isTriaged(['type:bug'])).toBe(true);
    expect(isTriaged(['factory:needs-info'])).toBe(true);
  });

  it('editorTrust: the author, a human maintainer, or an untrusted bot', () => {
    const cfg = config();
    expect(editorTrust({ author: { login: 'a', type: 'User' } }, { login: 'a', type: 'User' }, cfg)).toBe('author');
    expect(editorTrust({ author: { login: 'a', type: 'User' } }, { login: 'b', type: 'User' }, cfg)).toBe('trusted');
    expect(editorTrust({ author: { login: 'a', type: 'User' } }, { login: 'c[bot]', type: 'Bot' }, cfg)).toBe('untrusted');
  });
});
