import { checkTransition, type TransitionRequest } from './machine';

function check(req: TransitionRequest) {
  return checkTransition(req);
}
function ok(req: TransitionRequest): string[] {
  const r = checkTransition(req);
  if (!r.ok) throw new Error(`expected ok, got: ${r.reason}`);
  return r.next;
}
function reason(req: TransitionRequest): string {
  const r = checkTransition(req);
  if (r.ok) throw new Error(`expected a rejection, got next=${JSON.stringify(r.next)}`);
  return r.reason;
}

describe('issue lifecycle', () => {
  it('walks the happy path: new -> ready -> building -> pr-open', () => {
    let labels = ok({
      automation: 'feature-planner',
      subject: 'issue',
      current: ['bug-report'],
      add: ['factory:ready', 'type:bug', 'priority:p2'],
    });
    expect(labels).toEqual(['bug-report', 'factory:ready', 'type:bug', 'priority:p2']);
    labels = ok({ automation: 'feature-builder', subject: 'issue', current: labels, add: ['factory:building'], remove: ['factory:ready'] });
    labels = ok({
      automation: 'feature-builder',
      subject: 'issue',
      current: labels,
      add: ['factory:pr-open'],
      remove: ['factory:building'],
    });
    expect(labels).toEqual(['bug-report', 'type:bug', 'priority:p2', 'factory:pr-open']);
  });

  it.each([['factory:needs-info'], ['factory:needs-human'], ['duplicate']])('lets the planner triage a new issue to %s', (label) => {
    expect(ok({ automation: 'feature-planner', subject: 'issue', current: [], add: [label] })).toEqual([label]);
  });

  it('rejects factory:pr-open on an issue that was never ready or building', () => {
    expect(reason({ automation: 'feature-builder', subject: 'issue', current: [], add: ['factory:pr-open'] })).toBe(
      'issue cannot move from new to factory:pr-open',
    );
    expect(
      reason({
        automation: 'feature-builder',
        subject: 'issue',
        current: ['factory:needs-info'],
        add: ['factory:pr-open'],
        remove: ['factory:needs-info'],
      }),
    ).toBe('issue cannot move from factory:needs-info to factory:pr-open');
  });

  it('rejects two issue states at once', () => {
    expect(reason({ automation: 'feature-builder', subject: 'issue', current: ['factory:ready'], add: ['factory:building'] })).toBe(
      '"factory:ready" and "factory:building" are mutually exclusive issue states',
    );
  });

  it('only lets the builder claim a ready issue', () => {
    expect(
      reason({
        automation: 'feature-builder',
        subject: 'issue',
        current: ['factory:needs-info'],
        add: ['factory:building'],
        remove: ['factory:needs-info'],
      }),
    ).toBe('issue cannot move from factory:needs-info to factory:building');
    expect(
      reason({
        automation: 'feature-planner',
        subject: 'issue',
        current: ['factory:ready'],
        add: ['factory:building'],
        remove: ['factory:ready'],
      }),
    ).toBe('feature-planner may not move issue from factory:ready to factory:building (allowed: feature-builder, commands)');
  });

  it('lets only a person (through commands) bring an escalated issue back', () => {
    const req = { subject: 'issue' as const, current: ['factory:needs-human'], add: ['factory:ready'], remove: ['factory:needs-human'] };
    expect(reason({ ...req, automation: 'feature-planner' })).toBe(
      'feature-planner may not move issue from factory:needs-human to factory:ready (allowed: commands)',
    );
    expect(ok({ ...req, automation: 'commands' })).toEqual(['factory:ready']);
  });

  it('lets the shepherd release an expired claim back to ready', () => {
    expect(
      ok({
        automation: 'pr-shepherd',
        subject: 'issue',
        current: ['factory:building'],
        add: ['factory:ready'],
        remove: ['factory:building'],
      }),
    ).toEqual(['factory:ready']);
  });

  it('keeps the builder away from human-led (factory:assist) issues', () => {
    expect(
      reason({
        automation: 'feature-builder',
        subject: 'issue',
        current: ['factory:ready', 'factory:assist'],
        add: ['factory:building'],
        remove: ['factory:ready'],
      }),
    ).toBe('the issue is human-led (factory:assist)');
  });

  it('rejects PR review labels on issues and issue states on PRs', () => {
    expect(reason({ automation: 'pr-reviewer', subject: 'issue', current: [], add: ['factory:approved'] })).toBe(
      '"factory:approved" is not an issue label',
    );
    expect(reason({ automation: 'feature-builder', subject: 'pr', current: [], add: ['factory:building'] })).toBe(
      '"factory:building" is not a pull request label',
    );
    expect(reason({ automation: 'merge-gate', subject: 'issue', current: [], add: ['risk:low'] })).toBe('"risk:low" is not an issue label');
  });
});

describe('pull request lifecycle', () => {
  it('walks reviewing -> changes-requested -> (resolver) reviewing -> approved -> risk', () => {
    let labels = ok({ automation: 'pr-reviewer', subject: 'pr', current: [], add: ['factory:reviewing'] });
    labels = ok({
      automation: 'pr-reviewer',
      subject: 'pr',
      current: labels,
      add: ['factory:changes-requested'],
      remove: ['factory:reviewing'],
    });
    labels = ok({
      automation: 'review-resolver',
      subject: 'pr',
      current: labels,
      add: ['factory:reviewing'],
      remove: ['factory:changes-requested'],
    });
    labels = ok({ automation: 'pr-reviewer', subject: 'pr', current: labels, add: ['factory:approved'], remove: ['factory:reviewing'] });
    labels = ok({ automation: 'merge-gate', subject: 'pr', current: labels, add: ['risk:low'] });
    expect(labels).toEqual(['factory:approved', 'risk:low']);
  });

  it('never lets the resolver (the fixer) approve its own work', () => {
    expect(
      reason({
        automation: 'review-resolver',
        subject: 'pr',
        current: ['factory:changes-requested'],
        add: ['factory:approved'],
        remove: ['factory:changes-requested'],
      }),
    ).toBe('review-resolver may not move pr from factory:changes-requested to factory:approved (allowed: pr-reviewer)');
  });

  it('lets several automations escalate a PR to a person, but only commands and the shepherd clear it', () => {
    expect(
      ok({ automation: 'merge-gate', subject: 'pr', current: ['factory:approved', 'risk:high'], add: ['factory:needs-human'] }),
    ).toContain('factory:needs-human');
    expect(ok({ automation: 'ci-fixer', subject: 'pr', current: [], add: ['factory:needs-human'] })).toEqual(['factory:needs-human']);
    expect(reason({ automation: 'merge-gate', subject: 'pr', current: ['factory:needs-human'], remove: ['factory:needs-human'] })).toBe(
      'merge-gate may not remove "factory:needs-human" (allowed: commands, pr-shepherd)',
    );
  });

  it("lets the shepherd's second look clear needs-human, never on a high-risk PR", () => {
    const current = ['factory:needs-human', 'risk:medium'];
    expect(ok({ automation: 'pr-shepherd', subject: 'pr', current, remove: ['factory:needs-human'] })).toEqual(['risk:medium']);
    const high = ['factory:needs-human', 'risk:high'];
    expect(reason({ automation: 'pr-shepherd', subject: 'pr', current: high, remove: ['factory:needs-human'] })).toBe(
      'a risk:high pull request stays with a person: only a person removes factory:needs-human',
    );
    // Not by lowering the tier in the same move either: only the merge gate lowers risk.
    expect(reason({ automation: 'pr-shepherd', subject: 'pr', current: high, remove: ['factory:needs-human', 'risk:high'] })).toContain(
      'may not lower risk',
    );
    expect(ok({ automation: 'commands', subject: 'pr', current: high, remove: ['factory:needs-human'] })).toEqual(['risk:high']);
  });
});

describe('risk labels', () => {
  it('lets the reviewer raise the tier but not lower it', () => {
    expect(ok({ automation: 'pr-reviewer', subject: 'pr', current: ['risk:low'], add: ['risk:high'], remove: ['risk:low'] })).toEqual([
      'risk:high',
    ]);
    expect(reason({ automation: 'pr-reviewer', subject: 'pr', current: ['risk:high'], add: ['risk:low'], remove: ['risk:high'] })).toBe(
      'pr-reviewer may not lower risk (risk:high -> risk:low); allowed: merge-gate',
    );
  });

  it('lets only the merge gate lower or clear the tier', () => {
    expect(ok({ automation: 'merge-gate', subject: 'pr', current: ['risk:high'], add: ['risk:medium'], remove: ['risk:high'] })).toEqual([
      'risk:medium',
    ]);
    expect(ok({ automation: 'merge-gate', subject: 'pr', current: ['risk:high'], remove: ['risk:high'] })).toEqual([]);
    expect(reason({ automation: 'pr-shepherd', subject: 'pr', current: ['risk:medium'], remove: ['risk:medium'] })).toBe(
      'pr-shepherd may not lower risk (risk:medium -> none); allowed: merge-gate',
    );
  });

  it('rejects two tiers at once and tiers set by automations outside the list', () => {
    expect(reason({ automation: 'merge-gate', subject: 'pr', current: ['risk:low'], add: ['risk:high'] })).toBe(
      '"risk:low" and "risk:high" are mutually exclusive',
    );
    expect(reason({ automation: 'feature-builder', subject: 'pr', current: [], add: ['risk:low'] })).toBe(
      'feature-builder may not set risk (none -> risk:low); allowed: merge-gate, pr-reviewer, pr-shepherd, post-merge-verifier',
    );
  });
});

describe('type, priority and source', () => {
  it.each(['feature-planner', 'intake', 'incident-responder'] as const)('%s may classify issues', (automation) => {
    expect(ok({ automation, subject: 'issue', current: [], add: ['type:incident', 'priority:p1', 'source:sentry'] })).toHaveLength(3);
  });

  it('lets the post-merge verifier open its p0 bug, and nothing else', () => {
    expect(
      ok({ automation: 'post-merge-verifier', subject: 'issue', current: [], add: ['type:bug', 'priority:p0', 'source:post-merge'] }),
    ).toHaveLength(3);
    expect(reason({ automation: 'post-merge-verifier', subject: 'issue', current: [], add: ['type:feature'] })).toBe(
      'post-merge-verifier may not add "type:feature" (allowed: feature-planner, intake, incident-responder)',
    );
  });

  it('lets the post-merge verifier open its revert pull request high risk and paused, and then change nothing on it', () => {
    const labels = ok({ automation: 'post-merge-verifier', subject: 'pr', current: [], add: ['risk:high', 'factory:paused'] });
    expect(labels).toEqual(['risk:high', 'factory:paused']);
    expect(reason({ automation: 'merge-gate', subject: 'pr', current: labels, add: ['risk:low'], remove: ['risk:high'] })).toBe(
      'this pr is paused (factory:paused): no automation may change its labels until a person removes the label',
    );
  });

  it('rejects classification by other automations and two priorities at once', () => {
    expect(reason({ automation: 'feature-builder', subject: 'issue', current: [], add: ['priority:p0'] })).toBe(
      'feature-builder may not add "priority:p0" (allowed: feature-planner, intake, incident-responder, post-merge-verifier)',
    );
    expect(reason({ automation: 'incident-responder', subject: 'issue', current: ['priority:p2'], add: ['priority:p0'] })).toBe(
      '"priority:p2" and "priority:p0" are mutually exclusive',
    );
    expect(
      ok({ automation: 'incident-responder', subject: 'issue', current: ['priority:p2'], add: ['priority:p0'], remove: ['priority:p2'] }),
    ).toEqual(['priority:p0']);
  });
});

describe('allowlist and pause', () => {
  it('rejects labels outside the allowlist, and accepts labels.extra for any automation', () => {
    expect(reason({ automation: 'feature-planner', subject: 'issue', current: [], add: ['wontfix'] })).toBe(
      'label "wontfix" is not in the factory\'s label allowlist (factory labels and labels.extra)',
    );
    expect(ok({ automation: 'pr-reviewer', subject: 'pr', current: [], add: ['documentation'], extraLabels: ['documentation'] })).toEqual([
      'documentation',
    ]);
  });

  it('keeps labels it was not asked to touch, including non-allowlisted ones a person set', () => {
    expect(ok({ automation: 'feature-planner', subject: 'issue', current: ['wontfix', 'area/ui'], add: ['factory:ready'] })).toEqual([
      'wontfix',
      'area/ui',
      'factory:ready',
    ]);
  });

  it('rejects every change while factory:paused is present', () => {
    const paused = { subject: 'issue' as const, current: ['factory:paused', 'factory:ready'] };
    const message = 'this issue is paused (factory:paused): no automation may change its labels until a person removes the label';
    expect(reason({ ...paused, automation: 'feature-builder', add: ['factory:building'], remove: ['factory:ready'] })).toBe(message);
    expect(reason({ ...paused, automation: 'commands', remove: ['factory:paused'] })).toBe(message);
  });

  it("lets commands pause (a person's @factory stop) but no automation resume", () => {
    expect(ok({ automation: 'commands', subject: 'pr', current: ['factory:reviewing'], add: ['factory:paused'] })).toEqual([
      'factory:reviewing',
      'factory:paused',
    ]);
    expect(reason({ automation: 'pr-reviewer', subject: 'pr', current: [], add: ['factory:paused'] })).toBe(
      'pr-reviewer may not add "factory:paused" (allowed: commands, post-merge-verifier)',
    );
    expect(reason({ automation: 'commands', subject: 'issue', current: ['factory:assist'], remove: ['factory:assist'] })).toBe(
      'commands may not remove "factory:assist" (people only)',
    );
  });

  it('treats adding a present label or removing an absent one as a no-op', () => {
    expect(
      check({ automation: 'metrics', subject: 'issue', current: ['factory:ready'], add: ['factory:ready'], remove: ['factory:building'] }),
    ).toEqual({ ok: true, next: ['factory:ready'] });
  });

  it('rejects a label both added and removed', () => {
    expect(
      reason({ automation: 'feature-planner', subject: 'issue', current: [], add: ['factory:ready'], remove: ['factory:ready'] }),
    ).toBe('"factory:ready" is both added and removed');
  });
});
