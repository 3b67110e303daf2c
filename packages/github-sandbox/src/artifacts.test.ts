import { inflateRawSync } from 'node:zlib';
import { type GitHubSandbox, startGitHubSandbox } from './index';
import { sandboxOctokit, type SandboxOctokitInstance } from './testkit';
import { crc32, zipFiles } from './zip';

const owner = 'acme';
const repo = 'art';
let gh: GitHubSandbox;
let octokit: SandboxOctokitInstance;

beforeAll(async () => {
  gh = await startGitHubSandbox({ repos: [{ owner, repo, files: { 'README.md': '# art' } }] });
  octokit = sandboxOctokit(gh);
});

afterAll(async () => {
  await gh.close();
});

afterEach(() => {
  expect(gh.violations.splice(0)).toEqual([]);
});

/** The files of a ZIP, read back by its central directory (independent of the writer's code paths). */
function unzip(zip: Buffer): Record<string, string> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const out: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    out[name] = inflateRawSync(zip.subarray(dataAt, dataAt + size)).toString('utf8');
    at += 46 + nameLength + extra;
  }
  return out;
}

test('zipFiles writes an archive whose entries inflate back to the files', () => {
  expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  expect(unzip(zipFiles({ 'a.txt': 'alpha', 'dir/b.json': '{"b":1}' }))).toEqual({ 'a.txt': 'alpha', 'dir/b.json': '{"b":1}' });
});

test('artifacts: listed newest first, filtered by exact name, downloaded as a ZIP through the redirect; an expired one is gone', async () => {
  const run = gh.state.addWorkflowRun(owner, repo, { workflow: 'factory-planner.yml', headSha: 'a'.repeat(40), conclusion: 'success' });
  const first = gh.state.addArtifact(owner, repo, { name: 'factory-planner-run-1-1', files: { 'r/x.json': '{}' }, workflowRunId: run.id });
  const second = gh.state.addArtifact(owner, repo, { name: 'coverage', files: { 'lcov.info': 'TN:' } });
  const expired = gh.state.addArtifact(owner, repo, { name: 'old', files: { x: 'y' }, expired: true });

  const all = await octokit.request('GET /repos/{owner}/{repo}/actions/artifacts', { owner, repo, per_page: 2 });
  expect(all.data.total_count).toBe(3);
  expect(all.data.artifacts.map((a) => a.id)).toEqual([expired.id, second.id]);
  expect(all.headers.link).toContain('rel="next"');

  const named = await octokit.request('GET /repos/{owner}/{repo}/actions/artifacts', { owner, repo, name: 'factory-planner-run-1-1' });
  expect(named.data.artifacts).toHaveLength(1);
  expect(named.data.artifacts[0]).toMatchObject({ id: first.id, workflow_run: { id: run.id }, expired: false });

  const ofRun = await octokit.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts', { owner, repo, run_id: run.id });
  expect(ofRun.data.artifacts.map((a) => a.name)).toEqual(['factory-planner-run-1-1']);

  const download = await octokit.request('GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}', {
    owner,
    repo,
    artifact_id: first.id,
    archive_format: 'zip',
  });
  expect(unzip(Buffer.from(download.data as ArrayBuffer))).toEqual({ 'r/x.json': '{}' });

  await expect(
    octokit.request('GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}', {
      owner,
      repo,
      artifact_id: expired.id,
      archive_format: 'zip',
    }),
  ).rejects.toMatchObject({ status: 410 });
});

test('listing artifacts needs actions: read', async () => {
  const token = gh.mintToken({ permissions: { contents: 'read' } });
  await expect(sandboxOctokit(gh, token).request('GET /repos/{owner}/{repo}/actions/artifacts', { owner, repo })).rejects.toMatchObject({
    status: 403,
  });
});
