import type { PullRequestSweepItem, PullRequestSweepPage } from '../../shared/github/types';
import { sweepPullRequests, toShepherdPr } from './sweep';

function item(number: number, checks: PullRequestSweepItem['checks'] = { state: null, contexts: [] }): PullRequestSweepItem {
  return {
    number,
    nodeId: `PR_${number}`,
    title: `PR ${number}`,
    url: '',
    author: { login: 'factory-bot[bot]', type: 'Bot' },
    draft: false,
    isCrossRepository: false,
    head: { ref: `factory/${number}`, sha: 'a'.repeat(40) },
    base: { ref: 'main', sha: 'b'.repeat(40) },
    labels: [],
    mergeable: 'MERGEABLE',
    mergeStateStatus: 'CLEAN',
    checks,
    createdAt: '2026-03-01T00:00:00Z',
    updatedAt: '2026-03-01T00:00:00Z',
    lastComments: [],
    closingIssues: [],
  };
}

/** A reader holding `total` open pull requests, 100 a page; it counts the pages asked for. */
function pagedReader(total: number) {
  const asked: (string | null)[] = [];
  return {
    asked,
    async sweepPullRequests(query: { after?: string | null; first?: number } = {}): Promise<PullRequestSweepPage> {
      asked.push(query.after ?? null);
      const start = query.after ? Number(query.after) : 0;
      const pulls = Array.from({ length: Math.min(100, total - start) }, (_, i) => item(start + i + 1));
      const end = start + pulls.length;
      return { pulls, endCursor: String(end), hasNextPage: end < total };
    },
  };
}

describe('sweepPullRequests', () => {
  it('reads pages of 100 until the last one', async () => {
    const reader = pagedReader(250);
    const swept = await sweepPullRequests(reader, 3);
    expect(swept).toMatchObject({ pages: 3, truncated: false });
    expect(swept.items).toHaveLength(250);
    expect(reader.asked).toEqual([null, '100', '200']);
  });

  it('stops at maxPages and says so', async () => {
    const reader = pagedReader(450);
    const swept = await sweepPullRequests(reader, 2);
    expect(swept).toMatchObject({ pages: 2, truncated: true });
    expect(swept.items).toHaveLength(200);
    expect(reader.asked).toHaveLength(2);
  });
});

describe('toShepherdPr', () => {
  it('names failing and pending checks, and when the oldest pending one started', () => {
    const pr = toShepherdPr(
      item(1, {
        state: 'FAILURE',
        contexts: [
          { name: 'build', status: 'completed', conclusion: 'failure', startedAt: '2026-03-01T10:00:00Z' },
          { name: 'lint', status: 'completed', conclusion: 'success', startedAt: '2026-03-01T10:00:00Z' },
          { name: 'e2e', status: 'pending', conclusion: null, startedAt: '2026-03-01T10:05:00Z' },
          { name: 'deploy-preview', status: 'pending', conclusion: null, startedAt: '2026-03-01T10:02:00Z' },
          { name: 'timeout', status: 'completed', conclusion: 'timed_out', startedAt: null },
        ],
      }),
    );
    expect(pr.checks).toEqual({
      state: 'FAILURE',
      failing: ['build', 'timeout'],
      pending: ['e2e', 'deploy-preview'],
      pendingSince: '2026-03-01T10:02:00Z',
    });
  });
});
