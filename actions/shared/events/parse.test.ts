import examples from '@octokit/webhooks-examples';
import { FACTORY_EVENT_KINDS, type FactoryEvent, type ParsedEvent } from './types';
import { isBotActor, parseEvent, readEventFromEnv } from './parse';

type Json = Record<string, any>;

const handled = new Set<string>(FACTORY_EVENT_KINDS);

function expectSupported(event: ParsedEvent): asserts event is FactoryEvent {
  if (event.kind === 'unsupported') throw new Error(`unexpected unsupported: ${event.reason}`);
}

/** The subject number and author association each kind should surface, read straight from the payload. */
function expectedSubject(name: string, p: Json): { type: 'issue' | 'pr'; number: number } | undefined {
  switch (name) {
    case 'issues':
    case 'issue_comment':
      return { type: p.issue.pull_request ? 'pr' : 'issue', number: p.issue.number };
    case 'pull_request':
    case 'pull_request_review':
    case 'pull_request_review_comment':
    case 'pull_request_review_thread':
      return { type: 'pr', number: p.pull_request.number };
    case 'workflow_run':
    case 'check_suite': {
      const prs = (name === 'workflow_run' ? p.workflow_run : p.check_suite).pull_requests;
      return prs.length === 1 ? { type: 'pr', number: prs[0].number } : undefined;
    }
    default:
      return undefined;
  }
}

function expectedAssociation(name: string, p: Json): string | undefined {
  switch (name) {
    case 'issues':
      return p.issue.author_association;
    case 'issue_comment':
    case 'pull_request_review_comment':
      return p.comment.author_association;
    case 'pull_request':
      return p.pull_request.author_association;
    case 'pull_request_review':
      return p.review.author_association;
    default:
      return undefined;
  }
}

const handledExamples = examples
  .filter((d) => handled.has(d.name))
  .flatMap((d) => d.examples.map((payload, i) => [`${d.name} #${i} (${(payload as Json).action ?? '-'})`, d.name, payload] as const));

const otherExamples = examples
  .filter((d) => !handled.has(d.name))
  .flatMap((d) => d.examples.map((payload, i) => [`${d.name} #${i}`, d.name, payload] as const));

describe('parseEvent over @octokit/webhooks-examples', () => {
  it('has examples for every handled webhook event (schedule is not a webhook)', () => {
    const names = new Set<string>(handledExamples.map(([, name]) => name));
    expect([...handled].filter((n) => !names.has(n))).toEqual(['schedule']);
    expect(otherExamples.length).toBeGreaterThan(50);
  });

  it.each(handledExamples)('%s parses with normalized fields', (_label, name, raw) => {
    const p = raw as Json;
    const event = parseEvent(name, p);
    expectSupported(event);
    expect(event.kind).toBe(name);
    expect(event.payload).toBe(p);
    expect(event.repo).toEqual({ owner: p.repository.owner.login, repo: p.repository.name });
    expect(event.sender).toEqual({ login: p.sender.login, type: p.sender.type });
    expect(event.isBot).toBe(p.sender.type === 'Bot');
    expect(event.action).toBe(name === 'push' || name === 'workflow_dispatch' ? undefined : p.action);
    expect(event.subject).toEqual(expectedSubject(name, p));
    expect(event.authorAssociation).toBe(expectedAssociation(name, p));
  });

  it.each(otherExamples)('%s is unsupported, not thrown', (_label, name, payload) => {
    const event = parseEvent(name, payload);
    expect(event).toEqual({ kind: 'unsupported', name, reason: `the factory does not handle "${name}" events` });
  });
});

describe('parseEvent specifics', () => {
  const example = (name: string, pick: (p: Json) => boolean = () => true): Json => {
    const found = examples.find((d) => d.name === name)?.examples.find((p) => pick(p as Json));
    if (!found) throw new Error(`no ${name} example`);
    return structuredClone(found) as Json;
  };

  it('reads the state, environment, commit and ref of a deployment status', () => {
    const p = example('deployment_status');
    p.deployment_status.state = 'success';
    p.deployment_status.environment = 'staging';
    const event = parseEvent('deployment_status', p);
    expectSupported(event);
    if (event.kind !== 'deployment_status') throw new Error('wrong kind');
    expect(event).toMatchObject({ state: 'success', environment: 'staging', sha: p.deployment.sha, ref: p.deployment.ref });
    delete p.deployment.sha;
    expect(parseEvent('deployment_status', p)).toMatchObject({ kind: 'unsupported', reason: expect.stringContaining('deployment.sha') });
  });

  it('reads comment bodies, ids and authors', () => {
    const p = example('issue_comment', (x) => x.action === 'created');
    p.comment.body = '@factory fix please';
    p.comment.author_association = 'CONTRIBUTOR';
    const event = parseEvent('issue_comment', p);
    expectSupported(event);
    if (event.kind !== 'issue_comment') throw new Error('wrong kind');
    expect(event.body).toBe('@factory fix please');
    expect(event.commentId).toBe(p.comment.id);
    expect(event.author).toEqual({ login: p.comment.user.login, type: p.comment.user.type });
    expect(event.authorAssociation).toBe('CONTRIBUTOR');
  });

  it('marks a comment on a pull request as a pr subject', () => {
    const p = example('issue_comment');
    p.issue.pull_request = { url: 'https://api.github.com/repos/o/r/pulls/1' };
    const event = parseEvent('issue_comment', p);
    expectSupported(event);
    expect(event.subject).toEqual({ type: 'pr', number: p.issue.number });
  });

  it('reads the label of labeled issues and the draft flag of pull requests', () => {
    const issue = parseEvent(
      'issues',
      example('issues', (x) => x.action === 'labeled'),
    );
    expectSupported(issue);
    expect(issue.kind === 'issues' && issue.label).toBe('bug');
    const pr = example('pull_request', (x) => x.action === 'opened');
    pr.pull_request.draft = true;
    const parsed = parseEvent('pull_request', pr);
    expect(parsed.kind === 'pull_request' && parsed.draft).toBe(true);
  });

  it('treats an unknown author association as NONE and a [bot] login as a bot', () => {
    const p = example('pull_request_review');
    p.review.author_association = 'SUPREME_LEADER';
    p.sender = { ...p.sender, login: 'renovate[bot]', type: 'User' };
    const event = parseEvent('pull_request_review', p);
    expectSupported(event);
    expect(event.authorAssociation).toBe('NONE');
    expect(event.isBot).toBe(true);
    expect(isBotActor({ login: 'octocat', type: 'User' })).toBe(false);
  });

  it('knows whether a push is to the default branch', () => {
    const p = example('push', (x) => x.ref === 'refs/heads/master');
    const toDefault = parseEvent('push', { ...p, repository: { ...p.repository, default_branch: 'master' } });
    expect(toDefault.kind === 'push' && toDefault.isDefaultBranch).toBe(true);
    const other = parseEvent('push', { ...p, ref: 'refs/heads/feature' });
    expect(other.kind === 'push' && other.isDefaultBranch).toBe(false);
  });

  it('reads workflow_run conclusion and dispatch type, inputs and client payload', () => {
    const run = parseEvent(
      'workflow_run',
      example('workflow_run', (x) => x.workflow_run.pull_requests.length === 1),
    );
    expectSupported(run);
    expect(run.kind === 'workflow_run' && [run.conclusion, run.pullRequests]).toEqual(['success', [2]]);

    const d = example('repository_dispatch');
    const dispatch = parseEvent('repository_dispatch', { ...d, action: 'factory-report', client_payload: { text: 'x' } });
    expect(dispatch.kind === 'repository_dispatch' && [dispatch.action, dispatch.clientPayload]).toEqual(['factory-report', { text: 'x' }]);

    const w = example('workflow_dispatch');
    const manual = parseEvent('workflow_dispatch', { ...w, inputs: { issue: '12' } });
    expect(manual.kind === 'workflow_dispatch' && manual.inputs).toEqual({ issue: '12' });
    const noInputs = parseEvent('workflow_dispatch', { ...w, inputs: null });
    expect(noInputs.kind === 'workflow_dispatch' && noInputs.inputs).toEqual({});
  });

  it('parses schedule payloads, with the repository from the payload or the context', () => {
    const repository = example('push').repository;
    const withRepo = parseEvent('schedule', { schedule: '*/30 * * * *', repository });
    expect(withRepo).toMatchObject({
      kind: 'schedule',
      cron: '*/30 * * * *',
      repo: { owner: repository.owner.login, repo: repository.name },
      sender: { type: 'Schedule' },
      isBot: false,
    });
    const fromContext = parseEvent('schedule', { schedule: '0 * * * *' }, { repository: 'acme/app', actor: 'alice' });
    expect(fromContext).toMatchObject({ repo: { owner: 'acme', repo: 'app' }, sender: { login: 'alice' } });
    expect(parseEvent('schedule', { schedule: '0 * * * *' })).toMatchObject({
      kind: 'unsupported',
      reason: expect.stringContaining('no repository'),
    });
    expect(parseEvent('schedule', { repository })).toMatchObject({
      kind: 'unsupported',
      reason: expect.stringContaining('schedule'),
    });
  });
});

describe('malformed payloads are unsupported with a reason', () => {
  const base = structuredClone(examples.find((d) => d.name === 'issues')!.examples[0]) as Json;

  it.each([
    ['null', null, 'not a JSON object'],
    ['an array', [], 'not a JSON object'],
    ['a string', 'hello', 'not a JSON object'],
    ['no repository', { ...base, repository: undefined }, 'repository'],
    ['repository without owner', { ...base, repository: { name: 'x' } }, 'repository.owner'],
    ['no sender', { ...base, sender: undefined }, 'sender'],
    ['issue number as a string', { ...base, issue: { ...base.issue, number: '1' } }, 'issue.number'],
    ['no issue', { ...base, issue: undefined }, 'issue'],
    ['action not a string', { ...base, action: 42 }, 'action'],
  ])('%s', (_label, payload, mention) => {
    const event = parseEvent('issues', payload);
    expect(event.kind).toBe('unsupported');
    expect(event.kind === 'unsupported' && event.reason).toContain(mention);
  });

  it('a workflow_run without pull_requests, a comment with a numeric body', () => {
    const run = structuredClone(examples.find((d) => d.name === 'workflow_run')!.examples[0]) as Json;
    delete run.workflow_run.pull_requests;
    expect(parseEvent('workflow_run', run)).toMatchObject({
      kind: 'unsupported',
      reason: expect.stringContaining('workflow_run.pull_requests'),
    });
    const c = structuredClone(examples.find((d) => d.name === 'issue_comment')!.examples[0]) as Json;
    c.comment.body = 5;
    expect(parseEvent('issue_comment', c)).toMatchObject({ kind: 'unsupported', reason: expect.stringContaining('comment.body') });
  });

  it('never throws, even on hostile objects', () => {
    const hostile = Object.defineProperty({}, 'repository', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(parseEvent('issues', hostile)).toMatchObject({ kind: 'unsupported', reason: expect.stringContaining('boom') });
  });
});

describe('readEventFromEnv', () => {
  const payload = examples.find((d) => d.name === 'pull_request')!.examples[0] as Json;
  const files: Record<string, string> = {
    'run/event.json': JSON.stringify(payload),
    'run/bad.json': '{ not json',
    'run/schedule.json': JSON.stringify({ schedule: '15 * * * *' }),
    'run/array.json': JSON.stringify([payload]),
    'run/null.json': 'null',
  };
  const readFile = (path: string): string => {
    const text = files[path];
    if (text === undefined) throw new Error(`ENOENT: no such file, open '${path}'`);
    return text;
  };

  it('reads the event named by GITHUB_EVENT_NAME from GITHUB_EVENT_PATH', () => {
    const event = readEventFromEnv({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: 'run/event.json' }, readFile);
    expect(event).toMatchObject({ kind: 'pull_request', subject: { type: 'pr', number: payload.number } });
  });

  it('fills schedule events from GITHUB_REPOSITORY and GITHUB_ACTOR', () => {
    const event = readEventFromEnv(
      { GITHUB_EVENT_NAME: 'schedule', GITHUB_EVENT_PATH: 'run/schedule.json', GITHUB_REPOSITORY: 'acme/app', GITHUB_ACTOR: 'bob' },
      readFile,
    );
    expect(event).toMatchObject({ kind: 'schedule', cron: '15 * * * *', repo: { owner: 'acme', repo: 'app' } });
  });

  it.each([
    ['run/array.json', 'a JSON array'],
    ['run/null.json', 'null'],
  ])('an event file that is not an event object (%s) is an error naming the file, not a skip', (path, kind) => {
    expect(() => readEventFromEnv({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: path }, readFile)).toThrow(
      expect.objectContaining({
        name: 'ConfigError',
        message: `the event file ${path} (GITHUB_EVENT_PATH) holds ${kind}, not an event object`,
      }),
    );
  });

  it.each([
    [{}, 'GITHUB_EVENT_NAME'],
    [{ GITHUB_EVENT_NAME: 'push' }, 'GITHUB_EVENT_PATH'],
    [{ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: 'run/missing.json' }, 'cannot read the event file run/missing.json'],
    [{ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: 'run/bad.json' }, 'not valid JSON'],
  ])('%j -> unsupported mentioning %s', (env, mention) => {
    const event = readEventFromEnv(env, readFile);
    expect(event.kind).toBe('unsupported');
    expect(event.kind === 'unsupported' && event.reason).toContain(mention);
  });
});
