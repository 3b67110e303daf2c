import { type GitHubSandbox, startGitHubSandbox } from './index';
import { sandboxOctokit } from './testkit';

const owner = 'acme';
let gh: GitHubSandbox;

beforeAll(async () => {
  gh = await startGitHubSandbox({
    repos: [
      { owner, repo: 'plain' },
      {
        owner,
        repo: 'set',
        secretNames: ['FACTORY_APP_ID', 'ANTHROPIC_API_KEY'],
        workflowPermissions: { canApprovePullRequestReviews: true },
      },
    ],
  });
});

afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
});

test("a repository's Actions secrets are listed by name, sorted, never with a value; the organisation shares none", async () => {
  const admin = sandboxOctokit(gh);
  expect((await admin.rest.actions.listRepoSecrets({ owner, repo: 'plain' })).data).toEqual({ total_count: 0, secrets: [] });
  const set = await admin.rest.actions.listRepoSecrets({ owner, repo: 'set' });
  expect(set.data.total_count).toBe(2);
  expect(set.data.secrets.map((s) => Object.keys(s).sort())).toEqual([
    ['created_at', 'name', 'updated_at'],
    ['created_at', 'name', 'updated_at'],
  ]);
  expect(set.data.secrets.map((s) => s.name)).toEqual(['ANTHROPIC_API_KEY', 'FACTORY_APP_ID']);
  expect((await admin.rest.actions.listRepoOrganizationSecrets({ owner, repo: 'set' })).data).toEqual({ total_count: 0, secrets: [] });
});

test('workflow permissions: read and no pull requests from Actions by default, as seeded otherwise', async () => {
  const admin = sandboxOctokit(gh);
  expect((await admin.rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository({ owner, repo: 'plain' })).data).toEqual({
    default_workflow_permissions: 'read',
    can_approve_pull_request_reviews: false,
  });
  expect(
    (await admin.rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository({ owner, repo: 'set' })).data
      .can_approve_pull_request_reviews,
  ).toBe(true);
});

test("a workflow's GITHUB_TOKEN may not list secrets or read the Actions settings", async () => {
  const workflow = sandboxOctokit(gh, gh.mintToken({ kind: 'github-token', permissions: { contents: 'write', actions: 'write' } }));
  await expect(workflow.rest.actions.listRepoSecrets({ owner, repo: 'set' })).rejects.toMatchObject({ status: 403 });
  await expect(workflow.rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository({ owner, repo: 'set' })).rejects.toMatchObject({
    status: 403,
  });
});
