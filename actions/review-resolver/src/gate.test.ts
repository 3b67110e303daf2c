import examples from '@octokit/webhooks-examples';
import { defaultConfig, type FactoryConfig } from '../../shared/config';
import { parseEvent } from '../../shared/events';
import { marker } from '../../shared/github/markers';
import { REVIEW_HANDOFF_MARKER } from '../../shared/review/handoff';
import type { PullRequest } from '../../shared/github/types';
import { canPush, checkPullRequest, checkRounds, gateEvent, isFactoryPullRequest } from './gate';

type Json = Record<string, any>;

const BOT = 'github-actions[bot]';

function config(over: (c: FactoryConfig) => void = () => {}): FactoryConfig {
  const c = defaultConfig();
  over(c);
  return c;
}

function payload(name: string, action?: string): Json {
  const found = examples.find((d) => d.name === name)!.examples.find((e) => (e as Json).action === action);
  return structuredClone(found) as Json;
}

function review(login: string, association: string, state = 'changes_requested', body: string | null = 'please fix') {
  const p = payload('pull_request_review', 'submitted');
  p.review = {
    ...p.review,
    user: { ...p.review.user, login, type: login.endsWith('[bot]') ? 'Bot' : 'User' },
    author_association: association,
    state,
    body,
  };
  p.sender = { ...p.sender, login, type: login.endsWith('[bot]') ? 'Bot' : 'User' };
  return parseEvent('pull_request_review', p);
}

function pr(over: Partial<PullRequest> = {}): PullRequest {
  return {
    number: 7,
    nodeId: 'PR_1',
    id: 1,
    title: 't',
    body: '',
    state: 'open',
    draft: false,
    merged: false,
    labels: [],
    author: { login: BOT, type: 'Bot' },
    authorAssociation: 'NONE',
    head: { ref: 'factory/3-fix', sha: 'a'.repeat(40), repoFullName: 'acme/shop' },
    base: { ref: 'main', sha: 'b'.repeat(40) },
    url: '',
    createdAt: '',
    updatedAt: '',
    ...over,
  };
}

describe('gateEvent', () => {
  it('runs for a trusted reviewer and names the pull request', () => {
    const event = review('alice', 'MEMBER');
    const d = gateEvent(event, undefined, config());
    expect(d).toEqual({
      ok: true,
      value: {
        pr: (event as { subject: { number: number } }).subject.number,
        event: 'pull_request_review',
        action: 'submitted',
        actor: 'alice',
      },
    });
  });

  it("skips the factory's own reviews (no loop)", () => {
    expect(gateEvent(review(BOT, 'NONE'), undefined, config())).toEqual({ ok: false, reason: "the review is the factory's own" });
  });

  it("answers the reviewer's review, handed over by its marker, and only when the factory wrote it", () => {
    const body = `Factory review.\n\n${marker(REVIEW_HANDOFF_MARKER)}`;
    const d = gateEvent(review(BOT, 'NONE', 'commented', body), undefined, config());
    expect(d).toEqual({ ok: true, value: { pr: expect.any(Number), event: 'pull_request_review', action: 'submitted', actor: BOT } });
    // A person who copies the marker into their review is an ordinary (untrusted) reviewer.
    const forged = gateEvent(review('mallory', 'NONE', 'commented', body), undefined, config());
    expect(forged).toEqual({ ok: false, reason: 'mallory (NONE) is not trusted to ask the factory for changes' });
    // Any other factory review stays a skip.
    const other = `x ${marker({ kind: 'review-resolver', key: 'reply.1' })}`;
    expect(gateEvent(review(BOT, 'NONE', 'commented', other), undefined, config())).toEqual({
      ok: false,
      reason: "the review is the factory's own",
    });
  });

  it.each(['NONE', 'FIRST_TIME_CONTRIBUTOR', 'CONTRIBUTOR'])('skips a %s reviewer before any model call', (association) => {
    const d = gateEvent(review('mallory', association), undefined, config());
    expect(d.ok).toBe(false);
    expect(!d.ok && d.reason).toBe(`mallory (${association}) is not trusted to ask the factory for changes`);
  });

  it('skips an approval without comments, the kill switch and a disabled resolver', () => {
    expect(gateEvent(review('alice', 'OWNER', 'approved', null), undefined, config()).ok).toBe(false);
    expect(
      gateEvent(
        review('alice', 'OWNER'),
        undefined,
        config((c) => (c.killSwitch = true)),
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('kill switch') });
    expect(
      gateEvent(
        review('alice', 'OWNER'),
        undefined,
        config((c) => (c.automations['review-resolver'].enabled = false)),
      ),
    ).toMatchObject({
      ok: false,
      reason: expect.stringContaining('disabled'),
    });
  });

  it('takes a pull request number given by dispatch or the CLI', () => {
    const event = parseEvent('workflow_dispatch', { ...payload('workflow_dispatch'), inputs: { 'issue-number': '9' } });
    expect(gateEvent(event, 9, config())).toMatchObject({ ok: true, value: { pr: 9 } });
  });

  it.each(['@factory stop', '@factory deploy'])(
    'leaves a review comment carrying a command (%s: known or not) to the commands automation',
    (body) => {
      const p = payload('pull_request_review_comment', 'created');
      p.comment = {
        ...p.comment,
        body,
        user: { ...p.comment.user, login: 'alice', type: 'User' },
        author_association: 'MEMBER',
      };
      p.sender = { ...p.sender, login: 'alice', type: 'User' };
      expect(gateEvent(parseEvent('pull_request_review_comment', p), undefined, config())).toEqual({
        ok: false,
        reason: 'the comment is a factory command (the commands automation answers it)',
      });
    },
  );

  it('does not handle other events', () => {
    const p = payload('issues', 'opened');
    expect(gateEvent(parseEvent('issues', p), undefined, config()).ok).toBe(false);
  });
});

describe('pull request checks', () => {
  const c = config();
  it("never takes a fork's pull request for the factory's, whatever its branch or labels", () => {
    const fork = pr({
      head: { ref: 'factory/3-fix', sha: 'a'.repeat(40), repoFullName: 'evil/shop' },
      base: { ref: 'main', sha: 'b'.repeat(40), repoFullName: 'acme/shop' },
      labels: ['factory:assist'],
    });
    expect(isFactoryPullRequest(fork, BOT)).toBe(false);
    expect(checkPullRequest(fork, config())).toMatch(/is not a factory pull request/);
    expect(isFactoryPullRequest({ ...fork, head: { ...fork.head, repoFullName: 'ACME/shop' } }, BOT)).toBe(true);
  });

  it('accepts factory branches, factory-authored and factory:assist pull requests', () => {
    expect(isFactoryPullRequest(pr(), BOT)).toBe(true);
    expect(
      isFactoryPullRequest(
        pr({ head: { ref: 'feature/x', sha: '', repoFullName: 'acme/shop' }, author: { login: 'bob', type: 'User' } }),
        BOT,
      ),
    ).toBe(false);
    expect(
      isFactoryPullRequest(
        pr({
          head: { ref: 'feature/x', sha: '', repoFullName: 'acme/shop' },
          author: { login: 'bob', type: 'User' },
          labels: ['factory:assist'],
        }),
        BOT,
      ),
    ).toBe(true);
  });

  it('refuses closed, paused, foreign and escalated pull requests', () => {
    expect(checkPullRequest(pr(), c)).toBeUndefined();
    expect(checkPullRequest(pr({ state: 'closed', merged: true }), c)).toBe('#7 is merged');
    expect(checkPullRequest(pr({ labels: ['factory:paused'] }), c)).toMatch(/paused by a person/);
    expect(checkPullRequest(pr({ labels: ['factory:needs-human'] }), c)).toMatch(/waiting for a person/);
    expect(
      checkPullRequest(pr({ head: { ref: 'x', sha: '', repoFullName: 'acme/shop' }, author: { login: 'bob', type: 'User' } }), c),
    ).toMatch(/not a factory pull request/);
  });

  it('pushes factory branches, and branches handed over with factory:assist, of the same repository only', () => {
    expect(canPush(pr(), 'acme/shop', 'main')).toBe(true);
    expect(canPush(pr({ head: { ref: 'factory/3-fix', sha: '', repoFullName: 'fork/shop' } }), 'acme/shop', 'main')).toBe(false);
    expect(canPush(pr({ head: { ref: 'feature/x', sha: '', repoFullName: 'acme/shop' } }), 'acme/shop', 'main')).toBe(false);
    const assist = { head: { ref: 'feature/x', sha: '', repoFullName: 'acme/shop' }, labels: ['factory:assist'] };
    expect(canPush(pr(assist), 'acme/shop', 'main')).toBe(true);
    expect(canPush(pr({ ...assist, head: { ...assist.head, repoFullName: 'fork/shop' } }), 'acme/shop', 'main')).toBe(false);
    expect(canPush(pr({ ...assist, head: { ...assist.head, ref: 'main' } }), 'acme/shop', 'main')).toBe(false);
  });

  it('stops at maxRounds', () => {
    expect(checkRounds(2, 3)).toBeUndefined();
    expect(checkRounds(3, 3)).toBe('3 resolve round(s) used; the limit is 3 (automations.review-resolver.maxRounds)');
  });
});
