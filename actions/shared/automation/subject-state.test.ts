import { FakeGitHub } from '../policy/testing';
import { createRedactor } from '../security/redact';
import { BUILDING, NEEDS_HUMAN, PAUSED, READY } from '../state';
import type { Automation } from '../state/automations';
import { escalate, escalationBody, moveLabel, stateDepsFor, type StateDeps } from './subject-state';
import type { AutomationDeps } from './types';

const SECRET = 'ghs_subjectStateSecret0000000000000000';
const redactor = createRedactor([SECRET]);

function setup(automation: Automation): { gh: FakeGitHub; state: StateDeps } {
  const gh = new FakeGitHub();
  return { gh, state: { github: gh, automation, botLogin: gh.bot.login } };
}

const body = (reason: string) => escalationBody({ reason, tried: ['one thing'], attempt: 2, maxAttempts: 2 }, redactor);

describe('stateDepsFor', () => {
  it('takes the automation, the bot login and labels.extra from the run', () => {
    const gh = new FakeGitHub();
    const deps = { github: gh, automation: 'ci-fixer', config: { trust: { botLogin: 'bot[bot]' }, labels: { extra: ['documentation'] } } };
    expect(stateDepsFor(deps as unknown as AutomationDeps)).toEqual({
      github: gh,
      automation: 'ci-fixer',
      botLogin: 'bot[bot]',
      extraLabels: ['documentation'],
    });
  });
});

describe('escalate', () => {
  it('moves an issue from building to needs-human and posts the comment, then edits it in place', async () => {
    const { gh, state } = setup('feature-builder');
    const issue = gh.addIssue({ labels: [BUILDING, 'type:bug'] });

    const first = await escalate(state, { type: 'issue', number: issue.number, labels: issue.labels }, body('tests fail'), [BUILDING]);
    expect(first.labels).toEqual(['type:bug', NEEDS_HUMAN]);
    expect(gh.issues.get(issue.number)!.labels).toEqual(['type:bug', NEEDS_HUMAN]);
    expect(first.details).toEqual([
      `moved #${issue.number} from ${BUILDING} to ${NEEDS_HUMAN}`,
      `posted the escalation comment on #${issue.number}`,
    ]);
    expect(gh.comments.get(issue.number)).toHaveLength(1);
    expect(gh.comments.get(issue.number)![0]!.body).toContain('**Why:** tests fail');

    const again = await escalate(state, { type: 'issue', number: issue.number, labels: first.labels }, body('still failing'), [BUILDING]);
    expect(again.details).toEqual([`posted the escalation comment on #${issue.number}`]);
    expect(gh.comments.get(issue.number)).toHaveLength(1);
    expect(gh.comments.get(issue.number)![0]!.body).toContain('**Why:** still failing');
  });

  it('adds needs-human to a pull request as a flag, once', async () => {
    const { gh, state } = setup('ci-fixer');
    const pr = gh.addPullRequest({ labels: ['factory:reviewing'] });

    const first = await escalate(state, { type: 'pr', number: pr.number, labels: pr.labels }, body('CI still fails'));
    expect(first.labels).toEqual(['factory:reviewing', NEEDS_HUMAN]);
    expect(first.details).toEqual([`added ${NEEDS_HUMAN} to #${pr.number}`, `posted the escalation comment on #${pr.number}`]);

    const again = await escalate(state, { type: 'pr', number: pr.number, labels: first.labels }, body('CI still fails'));
    expect(again.details).toEqual([]);
    expect(gh.writes.filter((w) => w.method === 'addLabels')).toHaveLength(1);
  });

  it('goes through the state machine: a move it forbids writes nothing', async () => {
    const { gh, state } = setup('feature-planner');
    const pr = gh.addPullRequest();
    await expect(escalate(state, { type: 'pr', number: pr.number, labels: pr.labels }, body('no'))).rejects.toThrow(
      /feature-planner may not add "factory:needs-human"/,
    );
    const paused = gh.addIssue({ labels: [BUILDING, PAUSED] });
    const builder: StateDeps = { ...state, automation: 'feature-builder' };
    const subject = { type: 'issue' as const, number: paused.number, labels: paused.labels };
    await expect(escalate(builder, subject, body('no'), [BUILDING])).rejects.toThrow(/paused/);
    expect(gh.writes).toEqual([]);
  });

  it('redacts and neutralizes text from elsewhere in the comment', () => {
    const text = escalationBody({ reason: `token ${SECRET} leaked, see @someone`, tried: [], attempt: 1, maxAttempts: 3 }, redactor);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('@someone');
  });
});

describe('moveLabel', () => {
  it('replaces the listed states it finds and adds the new one', async () => {
    const { gh, state } = setup('feature-builder');
    const issue = gh.addIssue({ labels: [READY] });
    expect(await moveLabel(state, { type: 'issue', number: issue.number, labels: issue.labels }, BUILDING, [READY])).toEqual([BUILDING]);
    expect(gh.issues.get(issue.number)!.labels).toEqual([BUILDING]);
  });
});
