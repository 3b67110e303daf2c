import * as fs from 'node:fs';
import * as path from 'node:path';
import { run } from '../../actions/feature-builder/src/run';
import { branchName, GitCommandError, openGit } from '../../actions/shared/git';
import { ARTIFACT_FILE, BUNDLE_FILE, type SplitArtifact } from '../../actions/shared/split/artifact';
import { createBundle, splitRunner } from '../../actions/shared/split/bundle';
import { runAgentPhase, runApplyPhase } from '../../actions/shared/split/phases';
import { parseClaim, parseCounters } from '../../actions/shared/state';
import { startFactorySandbox, type FactorySandbox } from '../../scripts/harness';
import { FORBIDDEN_MESSAGE } from '@software-factory/github-sandbox';
import { loadScenarioFile } from '@software-factory/model-sandbox';
import { SAMPLE_BUG } from '../../scripts/harness/sample-product';
import { git, readyLabeledEvent, SANDBOX_CONFIG } from '../helpers/builder';
import { AGENT_PERMISSIONS, APPLY_PERMISSIONS, copyArtifact, editJson, scratchDir, startJob, type Job } from './harness';

// Two jobs, each with real git, the product's test suite and the sandboxes: more than one job's time.

/**
 * The feature builder in split mode on the sandboxes: job 1 runs the agent with a read-only
 * token and leaves an artifact; job 2 holds the write token and no model key, re-checks
 * everything and writes. Real Octokit, the real Anthropic SDK against the model sandbox, real git
 * over the sandbox's HTTP endpoint with GitHub's authorisation.
 */
const SCENARIO = path.join(__dirname, '../../packages/model-sandbox/scenarios/builder-fix-discount.yaml');
const BRANCH = branchName(1, SAMPLE_BUG.title);
const RUN = '4242';
const FAKE_SECRET = `ghp_${'S3cr3t'.repeat(6)}`;

async function sandboxWithReadyIssue(): Promise<FactorySandbox> {
  const sandbox = await startFactorySandbox({ scenario: loadScenarioFile(SCENARIO), configText: SANDBOX_CONFIG });
  sandbox.github.state.createIssue('acme', 'shop', {
    title: SAMPLE_BUG.title,
    body: SAMPLE_BUG.body,
    user: 'alice',
    authorAssociation: 'MEMBER',
    labels: ['factory:ready', 'type:bug', 'priority:p1'],
  });
  return sandbox;
}

function remoteBranches(sandbox: FactorySandbox): string[] {
  return git(sandbox.github.gitRemotePath('acme', 'shop'), 'for-each-ref', '--format=%(refname)', 'refs/heads/').trim().split('\n');
}

describe('feature builder, split mode, end to end', () => {
  let sandbox: FactorySandbox;
  const cleanup: string[] = [];

  beforeEach(async () => {
    sandbox = await sandboxWithReadyIssue();
  });
  afterEach(async () => {
    await sandbox.close();
    for (const dir of cleanup.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('job 1 reads, thinks and writes nothing; job 2, without the model, opens the pull request', async () => {
    const event = readyLabeledEvent(sandbox, 1);
    const dir = scratchDir('split-artifact-', cleanup);
    const agent = await startJob(sandbox, 'feature-builder', AGENT_PERMISSIONS, cleanup, { model: true });
    const before = sandbox.github.state.snapshot();

    const first = await runAgentPhase(run, agent.deps, { event }, { dir, workflowRunId: RUN });

    expect(first.outcome).toBe('completed');
    expect(first.writes).toBeGreaterThan(0);
    // Nothing reached GitHub: no comment, label, branch or pull request, and no write was even tried.
    expect(sandbox.github.state.snapshot()).toEqual(before);
    expect(remoteBranches(sandbox)).toEqual(['refs/heads/main']);
    const agentRequests = sandbox.github.requests.splice(0);
    expect(agentRequests.filter((r) => r.status === 403)).toEqual([]);
    expect(agentRequests.filter((r) => !r.graphql && r.method !== 'GET' && r.git !== 'git-upload-pack')).toEqual([]);
    // Reads: the repository once (the phase and the run share it); the comments once (the claim is
    // only recorded here, so there is nothing to re-read); the issue before and after claiming.
    const reads = (p: string) => agentRequests.filter((r) => r.method === 'GET' && r.path === p).length;
    expect(reads('/repos/acme/shop')).toBe(1);
    expect(reads('/repos/acme/shop/issues/1/comments')).toBe(1);
    expect(reads('/repos/acme/shop/issues/1')).toBe(2);
    expect(sandbox.model.requests.length).toBeGreaterThan(0);
    const artifact = JSON.parse(fs.readFileSync(path.join(dir, ARTIFACT_FILE), 'utf8')) as SplitArtifact;
    expect(artifact.writes.map((w) => w.method)).toEqual(
      expect.arrayContaining(['push', 'createPullRequest', 'addLabels', 'createComment']),
    );
    expect(artifact.steps[0]!.entries.map((e) => e.intent.kind)).toEqual(['push', 'open_pull_request']);
    expect(fs.existsSync(path.join(dir, BUNDLE_FILE))).toBe(true);
    expect(fs.readFileSync(path.join(dir, ARTIFACT_FILE), 'utf8')).not.toContain(agent.token);

    const modelCalls = sandbox.model.requests.length;
    const apply = await startJob(sandbox, 'feature-builder', APPLY_PERMISSIONS, cleanup, { model: false });
    expect(apply.deps.model).toBeUndefined();

    const second = await runApplyPhase(apply.deps, { event }, { dir, workflowRunId: RUN });

    expect(second.outcome).toBe('completed');
    expect(sandbox.model.requests).toHaveLength(modelCalls);
    const state = sandbox.github.state;
    expect(state.pulls).toHaveLength(1);
    const pull = state.pulls[0]!;
    expect(second.summary).toContain(`pull request #${pull.number}`);
    expect(pull.headRef).toBe(BRANCH);
    // The pull request was opened by job 2's request, with its token.
    const opened = sandbox.github.requests.find((r) => r.operationId === 'pulls/create');
    expect(opened).toMatchObject({ status: 201, method: 'POST' });
    const bare = sandbox.github.gitRemotePath('acme', 'shop');
    const commits = git(bare, 'log', '--format=%H', `main..${BRANCH}`).trim().split('\n');
    expect(commits).toHaveLength(1);
    expect(pull.headSha).toBe(commits[0]);
    expect(git(bare, 'diff', '--name-only', `main...${BRANCH}`).trim()).toBe('src/pricing.js');
    expect(git(bare, 'show', `${BRANCH}:src/pricing.js`)).toContain(SAMPLE_BUG.fix.newString);
    const body = state.findIssue('acme/shop', pull.number)!.body ?? '';
    expect(body).toContain('Fixes #1');
    expect(body).toContain('<!-- factory:feature-builder:pr.1 -->');
    // The issue went through the same states as in one job; the claim (of job 1's run) is released.
    const issue = state.findIssue('acme/shop', 1)!;
    expect(issue.labels).toContain('factory:pr-open');
    expect(issue.labels).not.toContain('factory:ready');
    expect(issue.labels).not.toContain('factory:building');
    const comments = state.comments.filter((c) => c.issueNumber === 1);
    const claims = comments.map((c) => parseClaim(c.body)).filter((c) => c !== undefined);
    expect(claims).toHaveLength(1);
    expect(claims[0]!.runId).toBe(agent.deps.runId);
    expect(claims[0]!.releasedAt).toBeDefined();
    expect(comments.map((c) => parseCounters(c.body, 1)).find((c) => c.build !== undefined)).toEqual({ build: 1 });

    // The same artifact applied again (a re-run of job 2) is refused, the issue having moved on, and adds nothing.
    const again = await startJob(sandbox, 'feature-builder', APPLY_PERMISSIONS, cleanup, { model: false });
    const replay = await runApplyPhase(again.deps, { event }, { dir, workflowRunId: RUN });
    expect(replay.outcome).toBe('refused');
    expect(replay.details.join('\n')).toMatch(/label-transition/);
    expect(state.pulls).toHaveLength(1);
  });
});

describe('feature builder, split mode: what job 2 refuses', () => {
  let sandbox: FactorySandbox;
  let artifactDir: string;
  let agent: Job;
  const event = () => readyLabeledEvent(sandbox, 1);
  const cleanup: string[] = [];

  beforeAll(async () => {
    sandbox = await sandboxWithReadyIssue();
    artifactDir = scratchDir('split-artifact-', cleanup);
    agent = await startJob(sandbox, 'feature-builder', AGENT_PERMISSIONS, cleanup, { model: true });
    const first = await runAgentPhase(run, agent.deps, { event: event() }, { dir: artifactDir, workflowRunId: RUN });
    expect(first.outcome).toBe('completed');
  });
  afterAll(async () => {
    await sandbox.close();
    for (const dir of cleanup.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Job 2 on a tampered copy: refused with the rule named, and GitHub exactly as before. */
  async function applyTampered(tamper: (dir: string, artifact: string) => Promise<void> | void) {
    const dir = copyArtifact(artifactDir, cleanup);
    await tamper(dir, path.join(dir, ARTIFACT_FILE));
    const before = sandbox.github.state.snapshot();
    const apply = await startJob(sandbox, 'feature-builder', APPLY_PERMISSIONS, cleanup, { model: false });
    const result = await runApplyPhase(apply.deps, { event: event() }, { dir, workflowRunId: RUN });
    expect(result.outcome).toBe('refused');
    expect(result.writes).toBe(0);
    expect(sandbox.github.state.snapshot()).toEqual(before);
    expect(remoteBranches(sandbox)).toEqual(['refs/heads/main']);
    return result;
  }

  it("job 1's token cannot push or write pull requests: the sandbox answers 403", async () => {
    // What the automation never does in job 1, tried with job 1's own token all the same.
    const { writer } = agent.deps.github;
    const pr = writer.createPullRequest({ title: 'x', body: 'x', head: 'main', base: 'main' });
    await expect(pr).rejects.toMatchObject({ status: 403, message: expect.stringContaining(FORBIDDEN_MESSAGE) });
    await expect(writer.createComment(1, 'hello')).rejects.toMatchObject({ status: 403 });
    await expect(writer.addLabels(1, ['factory:building'])).rejects.toMatchObject({ status: 403 });

    const gitPort = openGit({ root: agent.workspace, defaultBranch: 'main', token: agent.token, env: agent.deps.env });
    await gitPort.checkoutNewBranch('factory/1-sneaky', 'origin/main');
    fs.writeFileSync(path.join(agent.workspace, 'sneaky.txt'), 'x\n');
    await gitPort.commitAll('sneaky', { author: { name: 'x', email: 'x@example.invalid' } });
    const push = await gitPort.push('factory/1-sneaky').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(push).toBeInstanceOf(GitCommandError);
    expect((push as Error).message).toContain('Permission to acme/shop.git denied to factory-bot[bot]');
    expect((push as Error).message).toContain('403');
    expect(remoteBranches(sandbox)).toEqual(['refs/heads/main']);
    expect(sandbox.github.state.pulls).toHaveLength(0);
  });

  it('refuses a comment edited to carry a secret', async () => {
    const result = await applyTampered((_dir, file) =>
      editJson(file, (a: SplitArtifact) => {
        const comment = a.writes.findIndex((w) => w.method === 'createComment');
        (a.writes[comment] as { body: string }).body += `\n\nexfiltrated: ${FAKE_SECRET}`;
      }),
    );
    expect(result.details.join('\n')).toMatch(/refused writes\.\d+\.body \[secret-in-output\]/);
    expect(result.summary).toContain('secret-in-output');
  });

  it('refuses a label move the state machine forbids the builder', async () => {
    const result = await applyTampered((_dir, file) =>
      editJson(file, (a: SplitArtifact) => {
        const label = a.writes.find((w) => w.method === 'addLabels' && w.labels.includes('factory:pr-open')) as { labels: string[] };
        label.labels = ['factory:needs-info'];
      }),
    );
    expect(result.details.join('\n')).toMatch(/refused writes\.\d+ \[label-transition\]: .*factory:needs-info/);
  });

  it('refuses a write aimed at another issue than the one the run is about', async () => {
    const other = sandbox.github.state.createIssue('acme', 'shop', { title: 'Unrelated', user: 'bob' });
    const result = await applyTampered((_dir, file) =>
      editJson(file, (a: SplitArtifact) => {
        const comment = a.writes.find((w) => w.method === 'createComment') as { issue: number };
        comment.issue = other.number;
      }),
    );
    expect(result.details.join('\n')).toMatch(
      new RegExp(`refused writes \\[target-not-allowed\\]: #${other.number}: a run writes to one issue`),
    );
  });

  it("refuses an intent edited after job 1's policy accepted it", async () => {
    const result = await applyTampered((_dir, file) =>
      editJson(file, (a: SplitArtifact) => {
        const entry = a.steps[0]!.entries.find((e) => e.intent.kind === 'open_pull_request')!;
        (entry.intent as { body: string }).body = `see ${FAKE_SECRET}`;
      }),
    );
    expect(result.details.join('\n')).toMatch(/refused steps\.0\.entries\.\d+ \[secret-in-output\]/);
  });

  it('refuses a bundle whose commit touches a protected path (.github/workflows), whatever the artifact lists', async () => {
    const result = await applyTampered(async (dir, file) => {
      // A compromised job 1 adds a workflow to its commit and rebuilds the bundle.
      const work = agent.workspace;
      git(work, 'checkout', '-q', BRANCH);
      fs.mkdirSync(path.join(work, '.github/workflows'), { recursive: true });
      fs.writeFileSync(path.join(work, '.github/workflows/x.yml'), 'on: push\njobs: {}\n');
      git(work, 'add', '-A');
      git(work, '-c', 'user.name=x', '-c', 'user.email=x@example.invalid', 'commit', '-q', '-m', 'more');
      const sha = git(work, 'rev-parse', 'HEAD').trim();
      fs.rmSync(path.join(dir, BUNDLE_FILE));
      await createBundle(splitRunner(work, process.env), [sha], path.join(dir, BUNDLE_FILE));
      editJson(file, (a: SplitArtifact) => {
        for (const w of a.writes) if (w.method === 'push') w.sha = sha;
      });
    });
    expect(result.details.join('\n')).toMatch(/refused bundle \[push-protected-path\].*\.github\/workflows\/x\.yml/);
  });

  it('reads an issue the event calls a pull request as the issue it is (the pull request read answers 404)', async () => {
    const dir = copyArtifact(artifactDir, cleanup);
    // Refused for a secret in a comment (so nothing is written), after the subject was read.
    editJson(path.join(dir, ARTIFACT_FILE), (a: SplitArtifact) => {
      const comment = a.writes.findIndex((w) => w.method === 'createComment');
      (a.writes[comment] as { body: string }).body += `\n\n${FAKE_SECRET}`;
    });
    const apply = await startJob(sandbox, 'feature-builder', APPLY_PERMISSIONS, cleanup, { model: false });
    const said = { ...event(), subject: { type: 'pr', number: 1 } } as ReturnType<typeof event>;
    sandbox.github.resetRequests();
    const result = await runApplyPhase(apply.deps, { event: said }, { dir, workflowRunId: RUN });
    expect(result.outcome).toBe('refused');
    expect(result.problems?.map((p) => p.rule)).toEqual(['secret-in-output']);
    const subjectReads = sandbox.github.requests.filter((r) => /^\/repos\/acme\/shop\/(pulls|issues)\/1$/.test(r.path));
    expect(subjectReads.map((r) => `${r.path} ${r.status}`)).toEqual(['/repos/acme/shop/pulls/1 404', '/repos/acme/shop/issues/1 200']);
  });

  it('refuses an artifact of another workflow run, or about another issue than the event', async () => {
    const dir = copyArtifact(artifactDir, cleanup);
    const apply = await startJob(sandbox, 'feature-builder', APPLY_PERMISSIONS, cleanup, { model: false });
    const other = await runApplyPhase(apply.deps, { event: event() }, { dir, workflowRunId: '999' });
    expect(other.outcome).toBe('refused');
    expect(other.details.join('\n')).toMatch(/\[artifact-run\]/);

    sandbox.github.state.createIssue('acme', 'shop', { title: 'Another', user: 'alice', labels: ['factory:ready'] });
    const elsewhere = await runApplyPhase(apply.deps, { event: readyLabeledEvent(sandbox, 2) }, { dir, workflowRunId: RUN });
    expect(elsewhere.outcome).toBe('refused');
    expect(elsewhere.details.join('\n')).toMatch(/\[subject-mismatch\]/);
  });
});
