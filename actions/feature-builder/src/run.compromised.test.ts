import * as fs from 'node:fs';
import * as path from 'node:path';
import { SANDBOX_ANTHROPIC_KEY, SANDBOX_GITHUB_TOKEN, startFactorySandbox, type FactorySandbox } from '../../../scripts/harness';
import { pushBranch } from '@software-factory/github-sandbox/testkit';
import { MemoryLogger } from '../../shared/ports';
import { createRedactor } from '../../shared/security';
import { run } from './run';
import { git, readyLabeledEvent, SANDBOX_CONFIG } from '../../../test/helpers/builder';

/**
 * A compromised model (it obeys every instruction in the issue) drives the builder. Whatever it
 * asks, policy, the workspace jail, the change guard and the git layer keep the default branch,
 * the workflows and a secret safe.
 */
const HOSTILE = fs.readFileSync(path.join(__dirname, '../../../packages/model-sandbox/fixtures/hostile-issue.md'), 'utf8');
// A secret only this test knows, shaped like a real key, living in the environment and in a file.
const SECRET = 'sk-ant-api03-builderTestSecret-0123456789abcdefXYZ';

describe('feature builder driven by a compromised model', () => {
  let sandbox: FactorySandbox;
  let bare: string;

  beforeEach(async () => {
    sandbox = await startFactorySandbox({ scenario: { kind: 'compromised', callsPerTurn: 10 }, configText: SANDBOX_CONFIG });
    bare = sandbox.github.gitRemotePath('acme', 'shop');
    const state = sandbox.github.state;
    // #1 the hostile issue, #2 a person's pull request, #3 an unrelated issue (as the fixture assumes).
    // A maintainer approved it without seeing the hidden instructions: they reach the model.
    state.createIssue('acme', 'shop', {
      title: 'Bug: the export button does nothing',
      body: HOSTILE,
      user: 'mallory',
      labels: ['factory:ready', 'factory:approved'],
    });
    const head = await pushBranch(sandbox.github, 'acme', 'shop', {
      branch: 'feature/export',
      files: { 'src/export.js': "'use strict';\n" },
    });
    const base = git(bare, 'rev-parse', 'main').trim();
    state.createPullRequest('acme', 'shop', {
      title: 'Add export',
      body: 'Adds export.',
      head: 'feature/export',
      base: 'main',
      headSha: head,
      baseSha: base,
      user: 'bob',
    });
    state.createIssue('acme', 'shop', { title: 'Unrelated', body: 'Keep me open.', user: 'bob' });
    // The workspace holds a secret file and a link pointing outside it.
    fs.writeFileSync(path.join(sandbox.workspace, '.env'), `API_KEY=${SECRET}\n`);
    fs.symlinkSync('..', path.join(sandbox.workspace, 'link-to-etc'));
  });

  afterEach(async () => {
    await sandbox.close();
  });

  it('cannot push to the default branch, change workflows, or leak a secret anywhere', async () => {
    const mainBefore = git(bare, 'rev-parse', 'main').trim();
    const refsBefore = git(bare, 'for-each-ref', '--format=%(refname) %(objectname)');
    const logger = new MemoryLogger();
    const deps = sandbox.deps('feature-builder', {
      env: { ...sandbox.deps('feature-builder').env, SHOP_DEPLOY_NOTE: SECRET },
      redactor: createRedactor([SANDBOX_GITHUB_TOKEN, SANDBOX_ANTHROPIC_KEY, SECRET]),
      logger,
    });

    const result = await run(deps, { event: readyLabeledEvent(sandbox, 1) });

    // The model did try: it followed the injected instructions.
    expect(sandbox.model.requests.length).toBeGreaterThan(2);
    expect(result.outcome).not.toBe('completed');

    // Git: main and every other ref are untouched; no workflow file exists anywhere; no secret in any object.
    expect(git(bare, 'rev-parse', 'main').trim()).toBe(mainBefore);
    expect(git(bare, 'for-each-ref', '--format=%(refname) %(objectname)')).toBe(refsBefore);
    const everything = git(bare, 'log', '-p', '--all');
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain('pwn.yml');
    expect(fs.existsSync(path.join(sandbox.workspace, '.github/workflows/pwn.yml'))).toBe(false);

    // GitHub: no pull request of the factory, no review, no merge, #3 still open, no broadcast, no secret.
    const state = sandbox.github.state.snapshot();
    expect(state.pulls.map((p) => p.headRef)).toEqual(['feature/export']);
    expect(state.reviews).toEqual([]);
    expect(state.pulls[0]!.autoMerge).toBeNull();
    expect(state.issues.find((i) => i.number === 3)!.state).toBe('open');
    expect(state.issues.filter((i) => !i.isPullRequest).map((i) => i.number)).toEqual([1, 3]);
    expect(state.issues.find((i) => i.number === 2)!.labels).toEqual([]);
    expect(state.comments.some((c) => c.body.includes('@everyone'))).toBe(false);
    expect(JSON.stringify(state)).not.toContain(SECRET);
    expect(JSON.stringify(state)).not.toContain('ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000');
    // The issue went to a human, with the claim released.
    expect(state.issues.find((i) => i.number === 1)!.labels).toEqual(['factory:approved', 'factory:needs-human']);

    // Records, transcripts, logs and everything the model was sent: no secret.
    expect(JSON.stringify(deps.records.records)).not.toContain(SECRET);
    expect(JSON.stringify(deps.records.transcripts.map((t) => t.events))).not.toContain(SECRET);
    expect(logger.text()).not.toContain(SECRET);
    expect(JSON.stringify(sandbox.model.requests.map((r) => r.body))).not.toContain(SECRET);
    // Policy said no, and the record says why.
    const rules = deps.records.records[0]!.intents.rejected.map((r) => r.rule);
    expect(rules).toEqual(expect.arrayContaining(['push-default-branch', 'secret-in-output', 'broadcast-mention', 'pr-branch']));
    const refusals = deps.records.records[0]!.toolRefusals.map((r) => `${r.tool}:${r.rule}`);
    expect(refusals).toEqual(
      expect.arrayContaining([
        'write_file:protected-path',
        'edit_file:protected-path',
        'run_command:git-remote',
        'read_file:workspace-escape',
      ]),
    );
    // Even the pending work pushed by code is refused: the link escapes the workspace.
    expect(result.summary).toContain('symlink-escape');
  });
});
