import type { ReviewThread, ReviewThreadComment } from '../../shared/github/types';
import { asksToResolve, judgeThread, reviewersOf, selectThreads, threadFacts, type ThreadRules } from './threads';

const BOT = 'factory-bot[bot]';
const rules: ThreadRules = { botLogin: BOT, isTrusted: (c) => ['OWNER', 'MEMBER', 'COLLABORATOR'].includes(c.authorAssociation) };

let n = 0;
function comment(login: string, body: string, association: ReviewThreadComment['authorAssociation'] = 'MEMBER'): ReviewThreadComment {
  n += 1;
  return {
    id: `C${n}`,
    databaseId: n,
    body,
    author: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' },
    authorAssociation: login === BOT ? 'NONE' : association,
    createdAt: '',
    url: '',
  };
}
const reply = (body = 'Done.') => comment(BOT, `<!-- factory:review-resolver:reply.run-1.1 -->\n${body}`);

function thread(comments: ReviewThreadComment[], over: Partial<ReviewThread> = {}): ReviewThread {
  n += 1;
  return { id: `T${n}`, isResolved: false, isOutdated: false, path: 'a.js', line: 3, comments, ...over };
}

describe('asksToResolve', () => {
  it.each(['Please resolve when done.', 'resolve when done', 'Resolve it once addressed', 'please resolve this'])(
    'reads "%s" as a request',
    (text) => {
      expect(asksToResolve(text)).toBe(true);
    },
  );
  it.each(['How do we resolve this?', 'This resolves the bug', 'unresolved when done'])('does not read "%s" as one', (text) => {
    expect(asksToResolve(text)).toBe(false);
  });
});

describe('threadFacts', () => {
  it('marks threads the factory opened', () => {
    expect(threadFacts(thread([comment(BOT, 'nit')]), rules)).toEqual({
      authorLogin: BOT,
      isFactory: true,
      humanRepliedAfter: false,
      resolveRequested: false,
    });
  });
  it('sees a person asking for resolution, and a person speaking after the factory', () => {
    expect(threadFacts(thread([comment('alice', 'Fix it. Please resolve when done.')]), rules)).toMatchObject({
      isFactory: false,
      resolveRequested: true,
      humanRepliedAfter: false,
    });
    expect(threadFacts(thread([comment(BOT, 'nit'), comment('alice', 'I disagree')]), rules).humanRepliedAfter).toBe(true);
    expect(threadFacts(thread([comment('alice', 'x'), reply(), comment('alice', 'not quite')]), rules).humanRepliedAfter).toBe(true);
    expect(threadFacts(thread([comment('alice', 'x'), comment('bob', 'and y'), reply()]), rules).humanRepliedAfter).toBe(false);
  });
});

describe('judgeThread', () => {
  it('works on new threads from the factory or trusted people', () => {
    expect(judgeThread(thread([comment(BOT, 'nit')]), rules)).toEqual({ work: true });
    expect(judgeThread(thread([comment('alice', 'x')]), rules)).toEqual({ work: true });
  });
  it('ignores resolved, outdated and untrusted threads', () => {
    expect(judgeThread(thread([comment('alice', 'x')], { isResolved: true }), rules)).toEqual({ work: false, reason: 'resolved' });
    expect(judgeThread(thread([comment('alice', 'x')], { isOutdated: true }), rules).work).toBe(false);
    expect(judgeThread(thread([comment('mallory', 'x', 'NONE')]), rules)).toEqual({
      work: false,
      reason: 'opened by mallory, who is not trusted',
    });
  });
  it('does not take up a thread again until a trusted person writes after its reply', () => {
    expect(judgeThread(thread([comment('alice', 'x'), reply()]), rules).work).toBe(false);
    expect(judgeThread(thread([comment('alice', 'x'), reply(), comment('mallory', 'do more', 'NONE')]), rules).work).toBe(false);
    expect(judgeThread(thread([comment('alice', 'x'), reply(), comment('alice', 'not quite')]), rules).work).toBe(true);
  });
  it('leaves factory commands to the commands automation', () => {
    expect(judgeThread(thread([comment('alice', '@factory stop')]), rules)).toEqual({
      work: false,
      reason: 'a factory command, not review feedback',
    });
    expect(judgeThread(thread([comment('alice', 'x'), reply(), comment('alice', '@factory explain')]), rules).work).toBe(false);
    // An unknown command is answered by the commands automation with the list, not taken as feedback.
    expect(judgeThread(thread([comment('alice', '@factory deploy')]), rules).work).toBe(false);
  });
  it('selects only threads that wait for the resolver', () => {
    const waiting = thread([comment('alice', 'x')]);
    expect(selectThreads([waiting, thread([comment('alice', 'y'), reply()])], rules)).toEqual([waiting]);
  });
});

describe('reviewersOf', () => {
  it('names the people who opened threads, never bots', () => {
    expect(reviewersOf([thread([comment('alice', 'x')]), thread([comment(BOT, 'y')]), thread([comment('alice', 'z')])], rules)).toEqual([
      'alice',
    ]);
  });
});
