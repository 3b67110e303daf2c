import { decideMerge, NO_APP_TOKEN, type DecisionInput } from './decide';

const base: DecisionInput = {
  tier: 'low',
  codeTier: 'low',
  verdict: 'approved',
  checks: { failing: [], pending: [], missing: [] },
  merge: { mode: 'auto', autoMerge: ['low'], method: 'squash', allowGithubToken: false },
  repo: { allowAutoMerge: true, mergeQueue: false },
  tokens: { app: true, approver: false },
  autoMergeEnabled: false,
};

type Patch = {
  [K in keyof DecisionInput]?: DecisionInput[K] extends object ? Partial<DecisionInput[K]> : DecisionInput[K];
};
const input = (patch: Patch): DecisionInput => ({
  ...base,
  ...patch,
  checks: { ...base.checks, ...patch.checks },
  merge: { ...base.merge, ...patch.merge },
  repo: { ...base.repo, ...patch.repo },
  tokens: { ...base.tokens, ...patch.tokens },
});

describe('decideMerge', () => {
  it.each<[string, Patch, string, string?]>([
    ['low + approved + auto-merge allowed: arm', {}, 'arm'],
    ['checks still running do not stop arming (auto-merge waits for them)', { checks: { pending: ['build'], missing: ['e2e'] } }, 'arm'],
    ['no auto-merge in the repository, checks green: merge directly', { repo: { allowAutoMerge: false } }, 'merge'],
    [
      'no auto-merge, a required check not run yet: wait',
      { repo: { allowAutoMerge: false }, checks: { missing: ['build'] } },
      'wait',
      'waiting for check(s): build',
    ],
    ['a merge queue, checks green: enqueue', { repo: { mergeQueue: true } }, 'enqueue'],
    ['a merge queue, a check running: wait', { repo: { mergeQueue: true }, checks: { pending: ['build'] } }, 'wait'],
    [
      'high by code (a migration, .github/**): escalate',
      { tier: 'high', codeTier: 'high' },
      'escalate',
      'high risk never merges by itself',
    ],
    ['high whatever the verdict', { tier: 'high', codeTier: 'high', verdict: 'pending' }, 'escalate'],
    [
      'high only because a check fails: wait for the fix',
      { tier: 'high', checks: { failing: ['build'] } },
      'wait',
      '1 failing check(s): build',
    ],
    ['changes requested: wait', { verdict: 'changes-requested' }, 'wait', 'the factory review asked for changes'],
    ['no review of this head (a new push): wait', { verdict: 'pending' }, 'wait', 'no approving factory review of this head yet'],
    [
      'medium with autoMerge [low]: a person merges',
      { tier: 'medium', codeTier: 'medium' },
      'hand-over',
      'medium risk is not in merge.autoMerge (low): a person merges',
    ],
    ['medium with autoMerge [low, medium]: arm', { tier: 'medium', codeTier: 'medium', merge: { autoMerge: ['low', 'medium'] } }, 'arm'],
    [
      'autoMerge []: a person merges',
      { merge: { autoMerge: [] } },
      'hand-over',
      'low risk is not in merge.autoMerge (none): a person merges',
    ],
    ['GITHUB_TOKEN only: refuse to arm, say why', { tokens: { app: false } }, 'hand-over', NO_APP_TOKEN],
    ['GITHUB_TOKEN allowed by config: arm', { tokens: { app: false }, merge: { allowGithubToken: true } }, 'arm'],
    ['approve-only with an approver: approve', { merge: { mode: 'approve-only' }, tokens: { approver: true } }, 'approve'],
    ['approve-only without an approver: a person approves', { merge: { mode: 'approve-only' } }, 'hand-over'],
    [
      'approve-only never approves high',
      { merge: { mode: 'approve-only' }, tokens: { approver: true }, tier: 'high', codeTier: 'high' },
      'escalate',
    ],
  ])('%s', (...row) => {
    const [, patch, kind, why] = row;
    const { action } = decideMerge(input(patch));
    expect(action.kind).toBe(kind);
    if (why !== undefined) expect(action).toMatchObject({ why });
  });

  it('merges with the configured method', () => {
    expect(decideMerge(input({ merge: { method: 'rebase' } })).action).toEqual({ kind: 'arm', method: 'rebase' });
    expect(decideMerge(input({ repo: { allowAutoMerge: false }, merge: { method: 'merge' } })).action).toEqual({
      kind: 'merge',
      method: 'merge',
    });
  });

  it('disarms an enabled auto-merge whenever the decision is not to arm (a push left the head unreviewed, the tier rose)', () => {
    expect(decideMerge(input({ autoMergeEnabled: true })).disarm).toBe(false);
    expect(decideMerge(input({ autoMergeEnabled: true, verdict: 'pending' })).disarm).toBe(true);
    expect(decideMerge(input({ autoMergeEnabled: true, tier: 'high', codeTier: 'high' })).disarm).toBe(true);
    expect(decideMerge(input({ autoMergeEnabled: false, verdict: 'pending' })).disarm).toBe(false);
  });

  it('names the decision a person must make when it escalates', () => {
    expect(decideMerge(input({ tier: 'high', codeTier: 'high' })).action).toEqual({
      kind: 'escalate',
      why: 'high risk never merges by itself',
      decision: 'review the high-risk change yourself, then merge it or close it',
    });
  });
});
