import { incidentsBench } from './incidents';

describe('incidents bench', () => {
  it('500 Sentry issues: the first run opens 5 in at most 10 Sentry reads; the next, with all mirrored, writes nothing', async () => {
    const { first, second } = await incidentsBench();
    // 5 pages of 100 issues and the latest event of the 5 it opens.
    expect(first).toMatchObject({ sentryRequests: 10, opened: 5, githubWrites: 5 });
    expect(second).toMatchObject({ sentryRequests: 5, opened: 0, githubWrites: 0 });
    // One listing of the mirrored issues (pages of 100) and one duplicate search per opened issue.
    expect(first.githubRequests).toBe(1 + 5 + 5);
    expect(second.githubRequests).toBe(5);
  });
});
