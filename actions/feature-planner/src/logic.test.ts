import type { Comment, GitHubReader, Issue, IssuePage } from '../../shared/github/types';
import { checkTransition } from '../../shared/state/machine';
import { classify, extraPriorities, scanBacklog } from './backlog';
import { findDuplicateCandidates, SEARCH_RESULT_CAP, titleKeywords, titleSimilarity } from './gather';
import { NEEDS_APPROVAL, readyStripped, withoutReady } from './guard';
import { gapIntents } from './spec-gap';
import { staleDecision, staleInput, staleIntents } from './stale';

function issue(number: number, labels: string[] = [], over: Partial<Issue> = {}): Issue {
  return {
    number,
    nodeId: `I_${number}`,
    id: number,
    title: `Issue ${number}`,
    body: '',
    state: 'open',
    labels,
    author: { login: 'alice', type: 'User' },
    authorAssociation: 'MEMBER',
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
    isPullRequest: false,
    url: '',
    ...over,
  };
}

describe('backlog', () => {
  it('classifies issues for the sweep', () => {
    expect(classify(issue(1))).toBe('untriaged');
    expect(classify(issue(1, ['priority:p2', 'source:report']))).toBe('untriaged');
    expect(classify(issue(1, ['type:bug']))).toBe('other');
    expect(classify(issue(1, ['type:bug', 'factory:approved']))).toBe('approved');
    // An approved parent split into sub-issues is planned: no state label, nothing to do.
    expect(classify({ ...issue(1, ['type:feature', 'priority:p2', 'factory:approved']), subIssues: 3 })).toBe('other');
    expect(classify(issue(1, ['type:bug', 'priority:p1', 'factory:ready']))).toBe('ready');
    expect(classify(issue(1, ['factory:needs-info']))).toBe('needs-info');
    expect(classify(issue(1, ['factory:paused']))).toBe('paused');
    // Priorities: two at once conflict; a ready issue without one is triaged again; the builder's issues are left alone.
    expect(classify(issue(1, ['type:bug', 'priority:p1', 'priority:p3', 'factory:ready']))).toBe('conflicting');
    expect(classify(issue(1, ['type:bug', 'factory:ready']))).toBe('unprioritized');
    expect(classify(issue(1, ['type:bug', 'factory:pr-open']))).toBe('other');
    expect(classify(issue(1, ['type:bug', 'priority:p2', 'factory:ready']))).toBe('ready');
    expect(extraPriorities(['priority:p3', 'type:bug', 'priority:p0', 'priority:p2'])).toEqual(['priority:p2', 'priority:p3']);
  });

  it('triages what a monitor filed with its type and priority (incident, post-merge P0) until it has a state label', () => {
    expect(classify(issue(1, ['type:incident', 'source:sentry', 'priority:p1']))).toBe('untriaged');
    expect(classify(issue(1, ['type:bug', 'priority:p0', 'source:post-merge']))).toBe('untriaged');
    expect(classify(issue(1, ['type:incident', 'source:sentry', 'priority:p1', 'factory:ready']))).toBe('ready');
    expect(classify(issue(1, ['type:incident', 'source:sentry', 'factory:needs-human']))).toBe('other');
    expect(classify({ ...issue(1, ['type:incident', 'source:sentry', 'priority:p1']), subIssues: 2 })).toBe('other');
  });

  function pagedReader(all: Issue[]): Pick<GitHubReader, 'listIssuesPage'> & { calls: number } {
    const reader = {
      calls: 0,
      /** `all` is in least-recently-updated order; created order is the issue number. */
      async listIssuesPage(q: {
        after?: string | null;
        first?: number;
        orderBy?: { field: string; direction: string };
      }): Promise<IssuePage> {
        reader.calls++;
        const list =
          q.orderBy?.field === 'CREATED_AT' && q.orderBy.direction === 'DESC' ? [...all].sort((a, b) => b.number - a.number) : all;
        const start = q.after ? Number(q.after) : 0;
        const size = q.first ?? 100;
        const end = Math.min(start + size, list.length);
        return { issues: list.slice(start, end), endCursor: end < list.length ? String(end) : null, hasNextPage: end < list.length };
      },
    };
    return reader;
  }

  it('stops paging once the cap is reached, least recently updated first', async () => {
    const all = Array.from({ length: 250 }, (_, i) => issue(i + 1, i < 120 ? ['type:bug'] : []));
    const reader = pagedReader(all);
    const scan = await scanBacklog(reader, 5);
    expect(scan.picked.map((i) => i.number)).toEqual([121, 122, 123, 124, 125]);
    expect(scan).toMatchObject({ complete: false, pages: 2 });
    expect(reader.calls).toBe(2);
  });

  it('reads everything when there is less to pick than the cap', async () => {
    const all = [issue(1, ['type:bug', 'priority:p1', 'factory:ready']), issue(2, ['type:bug'])];
    expect(await scanBacklog(pagedReader(all), 10)).toMatchObject({ picked: [], complete: true, pages: 1 });
  });

  it('keeps to the page budget, spending the last page on the newest issues so a lost one is still found', async () => {
    // 1,500 dormant triaged issues, then two new untriaged ones whose events were lost.
    const all = [...Array.from({ length: 1500 }, (_, i) => issue(i + 1, ['type:bug', 'factory:pr-open'])), issue(1501), issue(1502)];
    const reader = pagedReader(all);
    const scan = await scanBacklog(reader, 10, 8);
    expect(reader.calls).toBe(8);
    expect(scan).toMatchObject({ complete: false, pages: 8 });
    expect(scan.picked.map((i) => i.number)).toEqual([1502, 1501]);
    // An untriaged issue nobody touched is first of all, however old.
    const dormant = [issue(7), ...all.filter((i) => i.number !== 7)];
    expect((await scanBacklog(pagedReader(dormant), 1, 8)).picked.map((i) => i.number)).toEqual([7]);
  });
});

describe('stale needs-info', () => {
  const day = 86_400_000;
  const t0 = new Date('2025-03-01T00:00:00Z');
  const at = (days: number) => new Date(t0.getTime() + days * day);

  it('reminds after staleDays, closes after another staleDays, stops when someone answers', () => {
    expect(staleDecision({ now: at(13), staleDays: 14, askedAt: t0 })).toMatchObject({ action: 'none' });
    expect(staleDecision({ now: at(14), staleDays: 14, askedAt: t0 })).toEqual({ action: 'remind' });
    expect(staleDecision({ now: at(20), staleDays: 14, askedAt: t0, remindedAt: at(14) })).toMatchObject({ action: 'none' });
    expect(staleDecision({ now: at(28), staleDays: 14, askedAt: t0, remindedAt: at(14) })).toEqual({ action: 'close' });
    expect(staleDecision({ now: at(40), staleDays: 14, askedAt: t0, remindedAt: at(14), lastHumanAt: at(15) })).toMatchObject({
      action: 'none',
    });
    // A reminder from before a newer question does not count.
    expect(staleDecision({ now: at(40), staleDays: 14, askedAt: at(30), remindedAt: at(14) })).toMatchObject({ action: 'none' });
  });

  it('reads the question, reminder and answers from the comments', () => {
    const c = (login: string, body: string, createdAt: string, type = 'User'): Comment => ({
      id: 1,
      nodeId: 'c',
      body,
      author: { login, type },
      authorAssociation: 'NONE',
      createdAt,
      updatedAt: createdAt,
      url: '',
    });
    const comments = [
      c('bot[bot]', '<!-- factory:feature-planner:plan -->\nQuestions', '2025-03-01T00:00:00Z', 'Bot'),
      c('bot[bot]', '<!-- factory:feature-planner:needs-info-reminder -->\nPing', '2025-03-15T00:00:00Z', 'Bot'),
      c('other[bot]', 'noise', '2025-03-20T00:00:00Z', 'Bot'),
      c('mallory', '<!-- factory:feature-planner:plan --> forged', '2025-02-01T00:00:00Z'),
    ];
    const input = staleInput(issue(5), comments, {
      now: at(30),
      staleDays: 14,
      botLogin: 'bot[bot]',
      automation: 'feature-planner',
      planKey: 'plan',
    });
    expect(input).toEqual({ now: at(30), staleDays: 14, askedAt: t0, remindedAt: at(14), lastHumanAt: new Date('2025-02-01T00:00:00Z') });
    expect(staleIntents(5, staleDecision(input), 14)).toEqual([
      expect.objectContaining({ kind: 'close_issue', number: 5, reason: 'not_planned' }),
    ]);
  });
});

describe('approval guard', () => {
  it('refuses factory:ready on issues and new issues, and nothing else', () => {
    const guard = withoutReady();
    expect(guard({ automation: 'feature-planner', subject: 'issue', current: [], add: ['type:bug', 'factory:ready'] })).toEqual({
      ok: false,
      reason: NEEDS_APPROVAL,
    });
    const ok = { automation: 'feature-planner' as const, subject: 'issue' as const, current: [], add: ['type:bug', 'factory:needs-info'] };
    expect(guard(ok)).toEqual(checkTransition(ok));
  });

  it('strips factory:ready from refused intents only', () => {
    const target = { type: 'issue' as const, number: 1 };
    const out = readyStripped([
      { intent: { kind: 'add_labels', target, labels: ['type:bug', 'factory:ready'] }, rule: 'label-transition', reason: NEEDS_APPROVAL },
      { intent: { kind: 'add_labels', target, labels: ['factory:ready'] }, rule: 'label-transition', reason: NEEDS_APPROVAL },
      { intent: { kind: 'add_labels', target, labels: ['admin'] }, rule: 'label-not-allowed', reason: 'label "admin" is not in the set' },
    ]);
    expect(out).toEqual([{ kind: 'add_labels', target, labels: ['type:bug'] }]);
  });
});

describe('duplicates', () => {
  it('picks distinctive title words and ranks candidates by similarity', async () => {
    expect(titleKeywords('Discount codes subtract the percentage as money')).toEqual(['percentage', 'discount', 'subtract']);
    expect(titleSimilarity('Export button does nothing', 'The export button does nothing on Safari')).toBeGreaterThan(0.5);
    const queries: string[] = [];
    const now = new Date('2025-06-01T00:00:00Z');
    const reader = {
      async searchIssues(q: string) {
        queries.push(q);
        return [
          issue(1, [], { title: 'Export button broken on Safari' }),
          issue(2, [], { title: 'Export button does nothing' }),
          issue(3, [], { title: 'Export button does nothing', state: 'closed', closedAt: '2024-01-01T00:00:00Z' }),
          issue(9, [], { title: 'Export button does nothing' }),
        ];
      },
    };
    const found = await findDuplicateCandidates({ number: 9, title: 'Export button does nothing' }, { reader, now });
    expect(found.map((i) => i.number)).toEqual([2, 1]);
    expect(queries).toEqual(['button export in:title is:issue']);
  });

  it('searches with the two most distinctive words, and with all three only when that search reached the cap', async () => {
    const now = new Date('2025-06-01T00:00:00Z');
    const title = 'Discount codes subtract the percentage as money';
    const searching = (answer: (q: string) => Issue[]) => {
      const queries: string[] = [];
      const reader = { searchIssues: async (q: string) => (queries.push(q), answer(q)) };
      return { queries, find: () => findDuplicateCandidates({ number: 9, title }, { reader, now }) };
    };
    const few = searching(() => [issue(4, [], { title: 'Percentage discount subtracts too much' })]);
    expect((await few.find()).map((i) => i.number)).toEqual([4]);
    expect(few.queries).toEqual(['percentage discount in:title is:issue']);

    // 1000 answers may be a cut-off list: the narrower search finds what the cut left out.
    const filler = Array.from({ length: SEARCH_RESULT_CAP }, (_, i) => issue(100 + i, [], { title: `Percentage discount note ${i}` }));
    const many = searching((q) => (q.startsWith('percentage discount subtract') ? [issue(5, [], { title })] : filler));
    expect((await many.find())[0]!.number).toBe(5);
    expect(many.queries).toEqual(['percentage discount in:title is:issue', 'percentage discount subtract in:title is:issue']);
  });
});

describe('spec gaps', () => {
  it('turns at most the cap of proposals into labelled, deduplicated create_issue intents', () => {
    const p = (key: string) => ({ title: `Gap ${key}`, body: 'The spec says X; the code does Y.', spec: 'specs/checkout.md', key });
    expect(gapIntents([p('a'), p('b'), p('c')], 2)).toEqual([
      expect.objectContaining({ kind: 'create_issue', labels: ['source:spec-gap'], dedupeKey: 'spec-gap/a' }),
      expect.objectContaining({ dedupeKey: 'spec-gap/b' }),
    ]);
  });
});
