import { startGitHubSandbox, type GitHubSandbox } from '@software-factory/github-sandbox';
import { artifactFiles, artifactName, runRecordFor } from '../../../scripts/harness/scenarios/metrics-records';
import { createGitHub } from '../github/client';
import type { GitHub } from '../github/types';
import { readRunRecords } from './read';

let gh: GitHubSandbox;
let github: GitHub;

beforeEach(async () => {
  gh = await startGitHubSandbox({ repos: [{ owner: 'acme', repo: 'shop', files: { 'README.md': '# shop' } }] });
  github = createGitHub({ token: 'ghs_test', repo: { owner: 'acme', repo: 'shop' }, baseUrl: gh.url, retries: 0 });
});

afterEach(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
});

const since = '2000-01-01T00:00:00Z';

describe('reading run records from workflow artifacts', () => {
  it('reads each factory run artifact; a corrupt archive, a damaged record, an archive without one and an expired one are counted and skipped', async () => {
    const good = [
      runRecordFor({ runId: '101-1', automation: 'feature-planner', startedAt: '2026-11-30T10:00:00Z', costUsd: 0.12 }),
      runRecordFor({ runId: '102-1', automation: 'pr-reviewer', startedAt: '2026-11-30T11:00:00Z', outcome: 'failed' }),
    ];
    for (const r of good) gh.state.addArtifact('acme', 'shop', { name: artifactName(r), files: artifactFiles(r) });
    gh.state.addArtifact('acme', 'shop', { name: 'factory-planner-run-103-1', zip: Buffer.from('PK\u0003\u0004 not really a zip') });
    gh.state.addArtifact('acme', 'shop', {
      name: 'factory-builder-run-104-1',
      files: { '104-1/feature-builder-record.json': '{"version":1,"runId":"104-1"' },
    });
    gh.state.addArtifact('acme', 'shop', { name: 'factory-builder-run-105-1', files: { 'notes.txt': 'nothing here' } });
    gh.state.addArtifact('acme', 'shop', { name: 'factory-builder-run-106-1', files: artifactFiles(good[0]!), expired: true });
    gh.state.addArtifact('acme', 'shop', { name: 'coverage', files: { 'lcov.info': 'TN:' } });

    const read = await readRunRecords(github.reader, { since, transcripts: true });

    expect(read.records.map((r) => r.record.runId).sort()).toEqual(['101-1', '102-1']);
    expect(read.records.find((r) => r.record.runId === '101-1')).toMatchObject({
      source: 'factory-feature-planner-run-101-1',
      record: { costUsd: 0.12, automation: 'feature-planner' },
      transcript: [{ type: 'end' }],
    });
    expect(read.skipped.map((s) => s.source).sort()).toEqual([
      'factory-builder-run-104-1:104-1/feature-builder-record.json',
      'factory-builder-run-105-1',
      'factory-builder-run-106-1',
      'factory-planner-run-103-1',
    ]);
    expect(read.skipped.find((s) => s.source === 'factory-planner-run-103-1')?.reason).toMatch(/^corrupt archive/);
    expect(read.skipped.find((s) => s.source === 'factory-builder-run-106-1')?.reason).toBe('expired');
    expect(read.artifacts).toBe(5);
    expect(read.truncated).toBe(false);
  });

  it('downloads at most maxArtifacts (newest first) and says the read was truncated', async () => {
    for (let i = 1; i <= 3; i++) {
      const r = runRecordFor({ runId: `20${i}-1`, automation: 'pr-reviewer', startedAt: '2026-11-30T10:00:00Z' });
      gh.state.addArtifact('acme', 'shop', { name: artifactName(r), files: artifactFiles(r) });
    }
    const read = await readRunRecords(github.reader, { since, maxArtifacts: 2 });
    expect(read.records.map((r) => r.record.runId)).toEqual(['203-1', '202-1']);
    expect(read.truncated).toBe(true);
  });

  it('skips artifacts it already read, by id', async () => {
    const r = runRecordFor({ runId: '301-1', automation: 'pr-reviewer', startedAt: '2026-11-30T10:00:00Z' });
    const a = gh.state.addArtifact('acme', 'shop', { name: artifactName(r), files: artifactFiles(r) });
    const read = await readRunRecords(github.reader, { since, skipIds: new Set([a.id]) });
    expect(read.records).toEqual([]);
    expect(read.artifacts).toBe(0);
  });
});
