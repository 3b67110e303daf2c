import examples from '@octokit/webhooks-examples';
import { parseCommand, parseUnknownCommand } from './command';
import { parseEvent } from './parse';
import { AUTOMATIONS, routeEvent } from './route';
import type { ParsedEvent } from './types';

type Json = Record<string, any>;

function example(name: string, pick: (p: Json) => boolean = () => true): Json {
  const found = examples.find((d) => d.name === name)?.examples.find((p) => pick(p as Json));
  if (!found) throw new Error(`no ${name} example`);
  return structuredClone(found) as Json;
}

function event(name: string, patch: (p: Json) => void = () => {}, pick?: (p: Json) => boolean): ParsedEvent {
  const p = example(name, pick);
  patch(p);
  const parsed = parseEvent(name, p);
  if (parsed.kind === 'unsupported') throw new Error(parsed.reason);
  return parsed;
}

const repository = example('push').repository;
const schedule = parseEvent('schedule', { schedule: '*/30 * * * *', repository });
const dispatch = event('workflow_dispatch');
const issueOpened = event(
  'issues',
  () => {},
  (p) => p.action === 'opened',
);
const issueEdited = event(
  'issues',
  () => {},
  (p) => p.action === 'edited',
);
const issueReopened = event(
  'issues',
  () => {},
  (p) => p.action === 'reopened',
);
const issueClosed = event(
  'issues',
  (p) => (p.action = 'closed'),
  (p) => p.action === 'opened',
);
const reportForm = event(
  'issues',
  (p) => (p.issue.labels = [{ name: 'source:report' }]),
  (p) => p.action === 'opened',
);
const readyLabeled = event(
  'issues',
  (p) => (p.label = { name: 'factory:ready' }),
  (p) => p.action === 'labeled',
);
const bugLabeled = event(
  'issues',
  () => {},
  (p) => p.action === 'labeled',
);
const report = event('repository_dispatch', (p) => (p.action = 'factory-report'));
const otherDispatch = event('repository_dispatch');
const command = event(
  'issue_comment',
  (p) => (p.comment.body = 'Thanks!\n@factory fix the null check'),
  (p) => p.action === 'created',
);
const chatter = event(
  'issue_comment',
  (p) => (p.comment.body = 'I think factory should fix this'),
  (p) => p.action === 'created',
);
const editedCommand = event(
  'issue_comment',
  (p) => (p.comment.body = '@factory fix'),
  (p) => p.action === 'edited',
);
const reviewCommentCommand = event(
  'pull_request_review_comment',
  (p) => (p.comment.body = '@factory explain'),
  (p) => p.action === 'created',
);
const reviewComment = event(
  'pull_request_review_comment',
  () => {},
  (p) => p.action === 'created',
);
const prOpened = event(
  'pull_request',
  (p) => (p.pull_request.draft = false),
  (p) => p.action === 'opened',
);
const prDraft = event(
  'pull_request',
  (p) => (p.pull_request.draft = true),
  (p) => p.action === 'opened',
);
const prSync = event(
  'pull_request',
  () => {},
  (p) => p.action === 'synchronize',
);
const prReady = event(
  'pull_request',
  () => {},
  (p) => p.action === 'ready_for_review',
);
const prClosed = event(
  'pull_request',
  () => {},
  (p) => p.action === 'closed',
);
const prMerged = event(
  'pull_request',
  (p) => (p.pull_request.merged = true),
  (p) => p.action === 'closed',
);
const prNeedsHuman = event(
  'pull_request',
  (p) => (p.label = { name: 'factory:needs-human' }),
  (p) => p.action === 'labeled',
);
const prApproved = event(
  'pull_request',
  (p) => (p.label = { name: 'factory:approved' }),
  (p) => p.action === 'labeled',
);
const reviewSubmitted = event(
  'pull_request_review',
  () => {},
  (p) => p.action === 'submitted',
);
const reviewDismissed = event(
  'pull_request_review',
  () => {},
  (p) => p.action === 'dismissed',
);
const suiteCompleted = event(
  'check_suite',
  () => {},
  (p) => p.action === 'completed',
);
const suiteRequested = event(
  'check_suite',
  () => {},
  (p) => p.action === 'requested',
);
const runSucceeded = event(
  'workflow_run',
  () => {},
  (p) => p.workflow_run.conclusion === 'success',
);
const runFailed = event(
  'workflow_run',
  (p) => (p.workflow_run.conclusion = 'failure'),
  (p) => p.action === 'completed',
);
const runRequested = event(
  'workflow_run',
  () => {},
  (p) => p.action === 'requested',
);
const pushDefault = event(
  'push',
  (p) => (p.repository.default_branch = 'master'),
  (p) => p.ref === 'refs/heads/master',
);
const pushTag = event(
  'push',
  () => {},
  (p) => p.ref.startsWith('refs/tags/'),
);
const thread = event('pull_request_review_thread');
const deployed = event('deployment_status', (p) => (p.deployment_status.state = 'success'));
const deployFailed = event('deployment_status', (p) => (p.deployment_status.state = 'failure'));

const all: Record<string, ParsedEvent> = {
  schedule,
  dispatch,
  issueOpened,
  issueEdited,
  issueReopened,
  issueClosed,
  reportForm,
  readyLabeled,
  bugLabeled,
  report,
  otherDispatch,
  command,
  chatter,
  editedCommand,
  reviewCommentCommand,
  reviewComment,
  prOpened,
  prDraft,
  prSync,
  prReady,
  prClosed,
  prMerged,
  prNeedsHuman,
  prApproved,
  reviewSubmitted,
  reviewDismissed,
  suiteCompleted,
  suiteRequested,
  runSucceeded,
  runFailed,
  runRequested,
  pushDefault,
  pushTag,
  thread,
  deployed,
  deployFailed,
};

/** The whole table: for each automation, exactly the events it runs on. */
const expected: Record<(typeof AUTOMATIONS)[number], string[]> = {
  intake: ['reportForm', 'report'],
  'feature-planner': ['schedule', 'dispatch', 'issueOpened', 'issueEdited', 'issueReopened', 'reportForm'],
  'feature-builder': ['schedule', 'dispatch', 'readyLabeled'],
  commands: ['command', 'reviewCommentCommand'],
  'pr-reviewer': ['dispatch', 'prOpened', 'prSync', 'prReady'],
  'review-resolver': ['reviewCommentCommand', 'reviewComment', 'reviewSubmitted'],
  'merge-gate': ['schedule', 'dispatch', 'prSync', 'prApproved', 'reviewSubmitted', 'suiteCompleted', 'runSucceeded', 'runFailed'],
  'ci-fixer': ['runFailed', 'dispatch'],
  'pr-shepherd': ['schedule', 'dispatch', 'prNeedsHuman', 'runFailed'],
  'post-merge-verifier': ['dispatch', 'runSucceeded', 'pushDefault', 'deployed'],
  'incident-responder': ['schedule', 'dispatch', 'prMerged'],
  'quality-grader': ['schedule', 'dispatch'],
  'automation-auditor': ['schedule', 'dispatch'],
  metrics: ['schedule', 'dispatch'],
};

describe('routeEvent table', () => {
  it.each(AUTOMATIONS.map((a) => [a]))('%s runs on exactly its events', (automation) => {
    const runs = Object.entries(all)
      .filter(([, e]) => routeEvent(e, automation).run)
      .map(([name]) => name);
    expect(runs.sort()).toEqual([...expected[automation]].sort());
  });

  it('explains why it skips', () => {
    expect(routeEvent(prDraft, 'pr-reviewer')).toEqual({
      run: false,
      reason: 'pr-reviewer skips pull_request.opened: the pull request is a draft',
    });
    expect(routeEvent(chatter, 'commands').reason).toContain('no "@factory <command>" line');
    // An unknown command goes to the commands automation, which answers with the list.
    const unknown = event(
      'issue_comment',
      (p) => (p.comment.body = '@factory deploy to staging'),
      (p) => p.action === 'created',
    );
    expect(routeEvent(unknown, 'commands').run).toBe(true);
    expect(routeEvent(runSucceeded, 'ci-fixer').reason).toContain('concluded "success"');
    expect(routeEvent(otherDispatch, 'intake').reason).toContain('"on-demand-test" is not "factory-report"');
    expect(routeEvent(bugLabeled, 'feature-builder').reason).toContain('not "factory:ready"');
    expect(routeEvent(thread, 'merge-gate').reason).toBe('merge-gate does not handle pull_request_review_thread events');
    expect(routeEvent(prNeedsHuman, 'merge-gate').reason).toContain('the label added is not a review verdict');
    expect(routeEvent(prClosed, 'pr-reviewer').reason).toBe('pr-reviewer does not handle pull_request.closed');
    expect(routeEvent(prClosed, 'incident-responder').reason).toContain('the pull request was closed without merging');
    expect(routeEvent(pushTag, 'post-merge-verifier').reason).toContain('refs/tags/simple-tag is not the default branch');
    expect(routeEvent(deployFailed, 'post-merge-verifier').reason).toContain(`the deployment's state is "failure", not "success"`);
  });

  it('a successful deployment runs the post-merge verifier only for the configured environment, when one is set', () => {
    const env = deployed.kind === 'deployment_status' ? deployed.environment : '';
    expect(env).toBe('production');
    expect(routeEvent(deployed, 'post-merge-verifier', { deployEnvironment: 'production' }).run).toBe(true);
    expect(routeEvent(deployed, 'post-merge-verifier', { deployEnvironment: 'staging' })).toEqual({
      run: false,
      reason:
        'post-merge-verifier skips deployment_status.created: the deployment is to "production", not "staging" (postMerge.deployEnvironment)',
    });
  });

  it('skips unsupported events and unknown automations', () => {
    const unsupported = parseEvent('star', example('star'));
    expect(routeEvent(unsupported, 'metrics')).toEqual({
      run: false,
      reason: 'unsupported event "star": the factory does not handle "star" events',
    });
    expect(routeEvent(schedule, 'nope')).toMatchObject({ run: false, reason: expect.stringContaining('unknown automation "nope"') });
  });

  it('takes labels, dispatch type and mention from options', () => {
    const form = event(
      'issues',
      (p) => (p.issue.labels = [{ name: 'bug-report' }]),
      (p) => p.action === 'opened',
    );
    expect(routeEvent(form, 'intake').run).toBe(false);
    expect(routeEvent(form, 'intake', { intakeLabels: ['bug-report'] }).run).toBe(true);
    const custom = event('repository_dispatch', (p) => (p.action = 'bug'));
    expect(routeEvent(custom, 'intake', { reportDispatchType: 'bug' }).run).toBe(true);
    const bot = event(
      'issue_comment',
      (p) => (p.comment.body = '@acme-bot retry'),
      (p) => p.action === 'created',
    );
    expect(routeEvent(bot, 'commands').run).toBe(false);
    expect(routeEvent(bot, 'commands', { commandMention: 'acme-bot' }).run).toBe(true);
  });

  it('a pull request labeled factory:ready is not work for the builder', () => {
    const pr = event(
      'issues',
      (p) => {
        p.label = { name: 'factory:ready' };
        p.issue.pull_request = { url: 'x' };
      },
      (p) => p.action === 'labeled',
    );
    expect(routeEvent(pr, 'feature-builder')).toMatchObject({ run: false, reason: expect.stringContaining('pull request') });
  });
});

describe('parseCommand', () => {
  it.each([
    ['@factory fix', { command: 'fix', args: '' }],
    ['@factory fix the flaky test in ci', { command: 'fix', args: 'the flaky test in ci' }],
    ['  @Factory RETRY  ', { command: 'retry', args: '' }],
    ['Looks wrong.\r\n@factory plan split into two issues\nthanks', { command: 'plan', args: 'split into two issues' }],
    ['@factory review\n@factory stop', { command: 'review', args: '' }],
    ['@factory explain why this changed', { command: 'explain', args: 'why this changed' }],
    ['@factory stop', { command: 'stop', args: '' }],
  ])('%j', (body, expected) => {
    expect(parseCommand(body)).toEqual(expected);
  });

  it.each([
    ['', 'empty'],
    ['please @factory fix this', 'not at the start of a line'],
    ['@factory deploy', 'unknown command'],
    ['@factoryfix', 'no space'],
    ['@factory-bot fix', 'another handle'],
    ['> @factory fix', 'a quote'],
    ['```\n@factory fix\n```', 'inside a fenced block'],
    ['~~~~\n@factory fix\n~~~\n~~~~', 'inside a longer tilde fence'],
    ['@factory fixes', 'a longer word'],
  ])('%j -> undefined (%s)', (body) => {
    expect(parseCommand(body)).toBeUndefined();
  });

  it.each([
    ['@factory deploy', 'deploy'],
    ['Hi!\n  @Factory PLEASE fix this', 'please'],
    ['@factory deploy\n@factory fixes', 'deploy'],
  ])('%j is an unknown command (%s)', (body, word) => {
    expect(parseUnknownCommand(body)).toBe(word);
  });

  it.each([
    ['@factory deploy\n@factory fix', 'a line carries a command'],
    ['@factory fix', 'a command'],
    ['please @factory deploy', 'not at the start of a line'],
    ['> @factory deploy', 'a quote'],
    ['```\n@factory deploy\n```', 'inside a fence'],
    ['@factoryfix', 'no space'],
    ['', 'empty'],
  ])('%j is no unknown command (%s)', (body) => {
    expect(parseUnknownCommand(body)).toBeUndefined();
  });

  it('finds a command after a closed fence and honours another mention', () => {
    expect(parseCommand('```\n@factory stop\n```\n@factory retry now')).toEqual({ command: 'retry', args: 'now' });
    expect(parseCommand('@acme.bot fix', { mention: 'acme.bot' })).toEqual({ command: 'fix', args: '' });
    expect(parseCommand('@acmexbot fix', { mention: 'acme.bot' })).toBeUndefined();
    expect(parseCommand(null)).toBeUndefined();
  });
});
