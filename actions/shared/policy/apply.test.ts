import { MemoryLogger } from '../ports';
import { hasMarker } from '../github/markers';
import { applyIntents, type ApplyDeps, type GitApplier } from './apply';
import type { Intent } from './intents';
import { FakeGitHub } from './testing';

function setup(over: Partial<ApplyDeps> = {}) {
  const gh = new FakeGitHub();
  const logger = new MemoryLogger();
  const deps = (extra: Partial<ApplyDeps> = {}): ApplyDeps => ({
    writer: gh.writer,
    reader: gh.reader,
    runId: '1001',
    automation: 'feature-planner',
    dryRun: false,
    logger,
    neutralize: (t) => t.replace(/@(\w)/g, '@\u200b$1'),
    botLogin: gh.bot.login,
    ...over,
    ...extra,
  });
  return { gh, logger, deps };
}

describe('applyIntents', () => {
  it('applies every kind once; applying the same intents again writes nothing', async () => {
    const { gh, deps } = setup({ automation: 'pr-reviewer' });
    const issue = gh.addIssue({ labels: ['factory:needs-info', 'type:bug'] });
    const other = gh.addIssue({});
    const pr = gh.addPullRequest({ labels: [] });
    const thread = gh.addThread(pr.number);
    const intents: Intent[] = [
      { kind: 'comment', target: { type: 'issue', number: issue.number }, body: 'Expected vs observed' },
      { kind: 'add_labels', target: { type: 'issue', number: issue.number }, labels: ['factory:ready', 'type:bug'] },
      { kind: 'remove_labels', target: { type: 'issue', number: issue.number }, labels: ['factory:needs-info', 'priority:p1'] },
      { kind: 'create_issue', title: 'Part 1', body: 'Do part 1', labels: ['type:feature'], parent: issue.number, dedupeKey: 'split/1' },
      { kind: 'add_sub_issue', parent: issue.number, child: other.number },
      { kind: 'close_issue', number: other.number, reason: 'duplicate', duplicateOf: issue.number, comment: 'Same as the other one' },
      { kind: 'review', pr: pr.number, event: 'COMMENT', body: 'Looks fine', comments: [{ path: 'a.ts', line: 1, body: 'nit' }] },
      { kind: 'reply_to_thread', threadId: thread.id, body: 'Fixed in the last commit' },
      { kind: 'resolve_thread', threadId: thread.id },
      { kind: 'request_merge', pr: pr.number },
    ];

    const first = await applyIntents(intents, deps({ subject: { type: 'pr', number: pr.number } }));
    expect(first.results.map((r) => [r.intent.kind, r.status])).toEqual(intents.map((i) => [i.kind, 'applied']));
    const writesAfterFirst = gh.writes.length;
    expect(writesAfterFirst).toBeGreaterThanOrEqual(intents.length);

    // The state is what the intents asked for.
    expect(gh.issues.get(issue.number)!.labels.sort()).toEqual(['factory:ready', 'type:bug']);
    const created = [...gh.issues.values()].find((i) => i.title === 'Part 1')!;
    expect(hasMarker(created.body, { kind: 'issue', key: 'split/1' })).toBe(true);
    expect(gh.subIssues.get(issue.number)).toEqual([created.number, other.number]);
    expect(gh.issues.get(other.number)).toMatchObject({ state: 'closed', stateReason: 'duplicate' });
    expect(gh.comments.get(other.number)![0]!.body).toContain('Duplicate of #1');
    expect(gh.reviews.get(pr.number)).toHaveLength(1);
    expect(gh.threads.get(pr.number)![0]).toMatchObject({ isResolved: true });
    expect(gh.writes.filter((w) => w.method === 'enableAutoMerge')).toHaveLength(1);

    const second = await applyIntents(intents, deps({ subject: { type: 'pr', number: pr.number } }));
    expect(gh.writes.length).toBe(writesAfterFirst);
    expect(second.counts).toEqual({ applied: 0, unchanged: intents.length, 'dry-run': 0, failed: 0 });
  });

  it('dry run logs the intents and writes nothing', async () => {
    const { gh, deps, logger } = setup();
    const issue = gh.addIssue({});
    const result = await applyIntents(
      [
        { kind: 'comment', target: { type: 'issue', number: issue.number }, body: 'hi' },
        { kind: 'create_issue', title: 'New', body: 'b', labels: [], dedupeKey: 'k' },
      ],
      deps({ dryRun: true }),
    );
    expect(gh.writes).toEqual([]);
    expect(result.results.map((r) => r.status)).toEqual(['dry-run', 'dry-run']);
    expect(logger.text()).toContain('[dry-run] would comment on issue #1');
    expect(logger.text()).toContain('[dry-run] would create issue "New" (k)');
  });

  it('passes model text through neutralize and edits its own comment on a re-run', async () => {
    const { gh, deps } = setup();
    const issue = gh.addIssue({});
    await applyIntents([{ kind: 'comment', target: { type: 'issue', number: issue.number }, body: 'v1 @alice' }], deps());
    await applyIntents([{ kind: 'comment', target: { type: 'issue', number: issue.number }, body: 'v2 @alice' }], deps());
    const comments = gh.comments.get(issue.number)!;
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('v2 @\u200balice');
    expect(hasMarker(comments[0]!.body, { kind: 'feature-planner', key: 'main' })).toBe(true);
  });

  it('finds an issue created by an earlier run even when search misses it, and repairs a missing sub-issue link', async () => {
    const { gh, deps } = setup();
    const parent = gh.addIssue({});
    const create: Intent = { kind: 'create_issue', title: 'Gap', body: 'b', labels: [], dedupeKey: 'gap/1', parent: parent.number };
    await applyIntents([{ ...create, parent: undefined } as Intent], deps());
    expect(gh.writes.map((w) => w.method)).toEqual(['createIssue']);
    const result = await applyIntents([create], deps());
    expect(gh.writes.map((w) => w.method)).toEqual(['createIssue', 'addSubIssue']);
    expect(result.results[0]!.detail).toMatch(/exists; linked/);
  });

  it('does not count a marker in a human-written review, and re-reviews a new head commit', async () => {
    const { gh, deps } = setup({ automation: 'pr-reviewer' });
    const pr = gh.addPullRequest({ sha: 'aaa' });
    gh.reviews.set(pr.number, [
      {
        id: 1,
        nodeId: 'R1',
        author: { login: 'mallory', type: 'User' },
        state: 'COMMENTED',
        body: '<!-- factory:pr-reviewer:review -->',
        commitId: 'aaa',
      },
    ]);
    const review: Intent = { kind: 'review', pr: pr.number, event: 'REQUEST_CHANGES', body: 'Please add tests', comments: [] };
    expect((await applyIntents([review], deps())).counts.applied).toBe(1);
    expect((await applyIntents([review], deps())).counts.unchanged).toBe(1);
    gh.pulls.get(pr.number)!.head.sha = 'bbb';
    expect((await applyIntents([review], deps())).counts.applied).toBe(1);
    expect(gh.writes.filter((w) => w.method === 'createReview')).toHaveLength(2);
  });

  it('closing an already closed issue is a no-op', async () => {
    const { gh, deps } = setup();
    const issue = gh.addIssue({ state: 'closed' });
    const r = await applyIntents([{ kind: 'close_issue', number: issue.number, reason: 'completed', comment: 'bye' }], deps());
    expect(r.results[0]).toMatchObject({ status: 'unchanged' });
    expect(gh.writes).toEqual([]);
  });

  it('fails push and open_pull_request cleanly without a git applier, and goes on with the rest', async () => {
    const { gh, deps } = setup({ automation: 'feature-builder' });
    const issue = gh.addIssue({});
    const intents: Intent[] = [
      { kind: 'push', branch: 'factory/1-x', files: ['a.ts'] },
      { kind: 'open_pull_request', title: 'X', body: 'b', head: 'factory/1-x', base: 'main', fixes: issue.number },
      { kind: 'comment', target: { type: 'issue', number: issue.number }, body: 'working on it' },
    ];
    const r = await applyIntents(intents, deps());
    expect(r.results.map((x) => x.status)).toEqual(['failed', 'failed', 'applied']);
    expect(r.results[0]!.detail).toMatch(/no git applier/);
    expect(r.results[1]!.detail).toMatch(/earlier push failed/);
  });

  it('hands push and open_pull_request to the git applier', async () => {
    const { deps } = setup({ automation: 'feature-builder' });
    const calls: string[] = [];
    const git: GitApplier = {
      push: async (i) => (calls.push(`push ${i.branch}`), { status: 'applied', detail: 'pushed 1 commit' }),
      openPullRequest: async (i) => (calls.push(`pr ${i.head}`), { status: 'applied', detail: 'opened #5' }),
    };
    const r = await applyIntents(
      [
        { kind: 'push', branch: 'factory/1-x', files: ['a.ts'] },
        { kind: 'open_pull_request', title: 'X', body: 'b', head: 'factory/1-x', base: 'main' },
      ],
      deps({ git }),
    );
    expect(calls).toEqual(['push factory/1-x', 'pr factory/1-x']);
    expect(r.counts.applied).toBe(2);
  });

  it('reports a failed write without stopping the others', async () => {
    const { gh, deps } = setup();
    const issue = gh.addIssue({});
    const r = await applyIntents(
      [
        { kind: 'add_labels', target: { type: 'issue', number: 404 }, labels: ['type:bug'] },
        { kind: 'add_labels', target: { type: 'issue', number: issue.number }, labels: ['type:bug'] },
      ],
      deps(),
    );
    expect(r.results.map((x) => x.status)).toEqual(['failed', 'applied']);
    expect(r.results[0]!.detail).toContain('#404');
  });

  it("reads a subject's labels once for back-to-back label writes, and finds threads in the listing the run passes", async () => {
    const { gh, deps } = setup({ automation: 'review-resolver' });
    const pr = gh.addPullRequest({ labels: ['factory:changes-requested', 'type:bug'] });
    const thread = gh.addThread(pr.number);
    const reads: string[] = [];
    const counted =
      <A extends unknown[], R>(name: string, fn: (...a: A) => Promise<R>) =>
      (...a: A) => (reads.push(name), fn(...a));
    const reader = {
      ...gh.reader,
      getPullRequest: counted('getPullRequest', gh.reader.getPullRequest),
      getIssue: counted('getIssue', gh.reader.getIssue),
      listReviewThreads: counted('listReviewThreads', gh.reader.listReviewThreads),
    };
    const listed = await gh.reader.listReviewThreads(pr.number);
    const target = { type: 'pr' as const, number: pr.number };
    const intents: Intent[] = [
      { kind: 'remove_labels', target, labels: ['factory:changes-requested'] },
      { kind: 'add_labels', target, labels: ['factory:reviewing'] },
      { kind: 'add_labels', target, labels: ['factory:reviewing', 'type:bug'] },
      { kind: 'remove_labels', target, labels: ['factory:changes-requested'] },
      { kind: 'reply_to_thread', threadId: thread.id, body: 'Done' },
      { kind: 'resolve_thread', threadId: thread.id },
    ];

    const result = await applyIntents(intents, deps({ reader, subject: target, threads: listed }));

    expect(result.results.map((r) => r.status)).toEqual(['applied', 'applied', 'unchanged', 'unchanged', 'applied', 'applied']);
    expect(reads).toEqual(['getPullRequest']);
    expect(gh.pulls.get(pr.number)!.labels.sort()).toEqual(['factory:reviewing', 'type:bug']);
    expect(gh.threads.get(pr.number)![0]).toMatchObject({ isResolved: true });
    // The run's own listing is not changed by the session.
    expect(listed[0]!.isResolved).toBe(false);
  });

  it('reads the labels again after a label write failed', async () => {
    const { gh, deps } = setup();
    const issue = gh.addIssue({ labels: ['type:bug'] });
    const reads: string[] = [];
    const reader = { ...gh.reader, getIssue: (n: number) => (reads.push('getIssue'), gh.reader.getIssue(n)) };
    let failures = 1;
    const writer = {
      ...gh.writer,
      addLabels: async (n: number, labels: string[]) => {
        if (failures-- > 0) throw new Error('GitHub answered 503');
        return gh.writer.addLabels(n, labels);
      },
    };
    const target = { type: 'issue' as const, number: issue.number };
    const add: Intent = { kind: 'add_labels', target, labels: ['priority:p1'] };

    const result = await applyIntents([add, add, add], deps({ reader, writer }));

    expect(result.results.map((r) => r.status)).toEqual(['failed', 'applied', 'unchanged']);
    expect(reads).toEqual(['getIssue', 'getIssue']);
    expect(gh.issues.get(issue.number)!.labels.sort()).toEqual(['priority:p1', 'type:bug']);
  });

  it('thread intents need a pull request subject', async () => {
    const { deps } = setup();
    const r = await applyIntents([{ kind: 'resolve_thread', threadId: 'PRRT_1' }], deps());
    expect(r.results[0]).toMatchObject({ status: 'failed' });
    expect(r.results[0]!.detail).toMatch(/no pull request subject/);
  });
});
