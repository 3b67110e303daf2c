import { postMergeBench } from './post-merge';

describe('post-merge bench', () => {
  it('one verification that opens a P0 issue makes five requests: baseline, open issues, range, the issue, the check run', async () => {
    const { githubRequests, requests } = await postMergeBench();
    expect(requests).toEqual([
      'GET /repos/{owner}/{repo}/commits/{ref}/check-runs',
      'GET /repos/{owner}/{repo}/issues',
      'GET /repos/{owner}/{repo}/compare/{basehead}',
      'POST /repos/{owner}/{repo}/issues',
      'POST /repos/{owner}/{repo}/check-runs',
    ]);
    expect(githubRequests).toBe(5);
  });
});
