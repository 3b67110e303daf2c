import examples from '@octokit/webhooks-examples';
import { defaultConfig, type FactoryConfig } from '../../shared/config';
import { parseEvent } from '../../shared/events';
import type { Comment, PullRequest } from '../../shared/github/types';
import { findIssuePullRequest } from './fix';
import { gateCommand, replyMarker, subjectProblem } from './gate';
import { escalatedBy } from './retry';
import { planStop, workflowLabels } from './stop';

type Json = Record<string, any>;

function config(over: (c: FactoryConfig) => void = () => {}): FactoryConfig {
  const c = defaultConfig();
  over(c);
  return c;
}

function issueComment(body: string, login: string, association: string, type = 'User') {
  const p = structuredClone(
    examples.find((d) => d.name === 'issue_comment')!.examples.find((e) => (e as Json).action === 'created'),
  ) as Json;
  p.comment = { ...p.comment, id: 77, body, user: { ...p.comment.user, login, type }, author_association: association };
  p.sender = { ...p.sender, login, type };
  return parseEvent('issue_comment', p);
}

describe('gateCommand', () => {
  it('reads the command of a trusted author', () => {
    const d = gateCommand(issueComment('Please:\n@factory fix now', 'maria', 'MEMBER'), config());
    expect(d).toMatchObject({
      ok: true,
      value: { command: 'fix', args: 'now', comment: { kind: 'issue_comment', id: 77 }, author: 'maria' },
    });
  });

  it("reads an unknown command of a trusted author, to answer it; an untrusted author's is skipped", () => {
    expect(gateCommand(issueComment('@factory deploy now', 'maria', 'MEMBER'), config())).toMatchObject({
      ok: true,
      value: { command: 'unknown', word: 'deploy', args: '', comment: { kind: 'issue_comment', id: 77 } },
    });
    expect(gateCommand(issueComment('@factory deploy', 'x', 'NONE'), config())).toEqual({
      ok: false,
      reason: 'x (NONE) may not run factory commands (trust.associations)',
    });
  });

  it.each(['NONE', 'FIRST_TIME_CONTRIBUTOR', 'CONTRIBUTOR'])('skips a %s author', (association) => {
    expect(gateCommand(issueComment('@factory fix', 'x', association), config())).toEqual({
      ok: false,
      reason: `x (${association}) may not run factory commands (trust.associations)`,
    });
  });

  it("skips the factory's own comments and untrusted bots, trusts listed bots", () => {
    expect(gateCommand(issueComment('@factory stop', 'github-actions[bot]', 'NONE', 'Bot'), config())).toEqual({
      ok: false,
      reason: "the comment is the factory's own",
    });
    expect(gateCommand(issueComment('@factory stop', 'other[bot]', 'OWNER', 'Bot'), config()).ok).toBe(false);
    expect(
      gateCommand(
        issueComment('@factory stop', 'helper[bot]', 'NONE', 'Bot'),
        config((c) => c.trust.bots.push('helper[bot]')),
      ).ok,
    ).toBe(true);
  });

  it('skips comments without a command, quoted commands, and when disabled or killed', () => {
    expect(gateCommand(issueComment('> @factory fix', 'maria', 'OWNER'), config()).ok).toBe(false);
    expect(gateCommand(issueComment('thanks', 'maria', 'OWNER'), config()).ok).toBe(false);
    expect(
      gateCommand(
        issueComment('@factory fix', 'maria', 'OWNER'),
        config((c) => (c.automations.commands.enabled = false)),
      ).ok,
    ).toBe(false);
    expect(
      gateCommand(
        issueComment('@factory fix', 'maria', 'OWNER'),
        config((c) => (c.killSwitch = true)),
      ).ok,
    ).toBe(false);
  });

  it('keys replies to the command comment and checks where a command applies', () => {
    expect(replyMarker(77)).toEqual({ kind: 'commands', key: 'reply.77' });
    expect(subjectProblem('fix', { type: 'pr', number: 1 })).toMatch(/works on issues/);
    expect(subjectProblem('review', { type: 'issue', number: 1 })).toMatch(/works on pull requests/);
    expect(subjectProblem('stop', { type: 'pr', number: 1 })).toBeUndefined();
  });
});

describe('planStop', () => {
  it('removes workflow labels and keeps classification and risk', () => {
    expect(workflowLabels(['factory:ready', 'type:bug', 'priority:p1', 'factory:assist'])).toEqual(['factory:ready']);
    expect(planStop('issue', ['factory:building', 'type:bug'], [])).toEqual({ remove: ['factory:building'], kept: [], addPause: true });
    expect(planStop('pr', ['factory:approved', 'factory:needs-human', 'risk:high'], [])).toEqual({
      remove: ['factory:approved', 'factory:needs-human'],
      kept: [],
      addPause: true,
    });
  });
  it('changes nothing on a paused subject', () => {
    expect(planStop('issue', ['factory:paused', 'factory:ready'], [])).toMatchObject({ remove: [], addPause: false });
  });
});

describe('escalatedBy', () => {
  const c = (login: string, body: string, updatedAt: string): Comment =>
    ({
      id: 1,
      nodeId: '',
      body,
      author: { login, type: 'Bot' },
      authorAssociation: 'NONE',
      createdAt: updatedAt,
      updatedAt,
      url: '',
    }) as Comment;
  it('names the automation of the latest needs-human comment by the bot', () => {
    const comments = [
      c('bot[bot]', '<!-- factory:feature-builder:needs-human -->', '2025-01-01T00:00:00Z'),
      c('bot[bot]', '<!-- factory:review-resolver:needs-human -->', '2025-01-02T00:00:00Z'),
      c('mallory', '<!-- factory:ci-fixer:needs-human -->', '2025-01-03T00:00:00Z'),
    ];
    expect(escalatedBy(comments, 'bot[bot]')).toBe('review-resolver');
    expect(escalatedBy([], 'bot[bot]')).toBeUndefined();
  });
});

describe('findIssuePullRequest', () => {
  const pr = (ref: string, body: string, login: string) =>
    ({ number: 9, head: { ref }, body, author: { login } }) as unknown as PullRequest;
  it('finds the builder branch, or the builder marker on a bot pull request', () => {
    const issue = { number: 3, title: 'Fix the cart' };
    expect(findIssuePullRequest([pr('factory/3-fix-the-cart', '', 'x')], issue, 'bot[bot]')?.number).toBe(9);
    expect(findIssuePullRequest([pr('other', '<!-- factory:feature-builder:pr.3 -->', 'bot[bot]')], issue, 'bot[bot]')?.number).toBe(9);
    expect(findIssuePullRequest([pr('other', '<!-- factory:feature-builder:pr.3 -->', 'mallory')], issue, 'bot[bot]')).toBeUndefined();
  });
});
