import { metricsBench } from './metrics';

describe('metrics bench', () => {
  it('a daily run over 30 days of a repository with 300 pull requests makes at most 20 GitHub requests', async () => {
    const { githubRequests, firstRunGithubRequests, requests } = await metricsBench(300);
    expect(githubRequests).toBeLessThanOrEqual(20);
    // Pages of 100: pull requests and issues (GraphQL), the artifact listing, quality.json, the dashboard read and edited.
    expect(requests.filter((r) => r.includes('PullActivity'))).toHaveLength(3);
    // Only the two artifacts uploaded since the first run are downloaded.
    expect(requests.filter((r) => r.includes('/actions/artifacts/{artifact_id}/'))).toHaveLength(2);
    // The first run downloads each artifact of the window once.
    expect(firstRunGithubRequests).toBeGreaterThan(githubRequests);
  });
});
