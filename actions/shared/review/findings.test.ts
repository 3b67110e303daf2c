import { fingerprint, mergeFindings, parseFindings, similarTitles, type Finding } from './findings';

const finding = (extra: Partial<Finding> = {}): Finding => ({
  dimension: 'correctness',
  path: 'src/a.ts',
  line: 10,
  side: 'RIGHT',
  severity: 'major',
  confidence: 0.9,
  title: 'Off-by-one in loop bound',
  body: 'The loop reads one element past the end.',
  ...extra,
});

describe('parseFindings', () => {
  it('keeps valid findings, reports invalid ones, and stamps the caller dimension', () => {
    const raw = [
      { dimension: 'security', path: 'a.ts', line: 3, severity: 'minor', confidence: 0.5, title: 'x', body: 'y' },
      { path: 'a.ts', line: 0, severity: 'minor', confidence: 0.5, title: 'x', body: 'y' },
      { path: 'a.ts', line: 3, severity: 'urgent', confidence: 2, title: 'x', body: 'y' },
    ];
    const { findings, problems } = parseFindings({ findings: raw }, 'tests');
    expect(findings).toEqual([expect.objectContaining({ dimension: 'tests', side: 'RIGHT', line: 3 })]);
    expect(problems.map((p) => p.index)).toEqual([1, 2]);
    expect(problems[1]!.message).toMatch(/severity/);
    expect(problems[1]!.message).toMatch(/confidence/);
  });

  it('reads the tier a dimension proposes beside its findings, and ignores anything else there', () => {
    expect(parseFindings({ findings: [], risk: 'high' }, 'security').risk).toBe('high');
    expect(parseFindings({ findings: [], risk: 'critical' }, 'security').risk).toBeUndefined();
    expect(parseFindings({ findings: [], risk: { tier: 'low' } }, 'security').risk).toBeUndefined();
    expect(parseFindings([], 'security').risk).toBeUndefined();
  });

  it('refuses output that is not a list of findings', () => {
    expect(parseFindings('no', 'tests').problems).toHaveLength(1);
  });
});

describe('fingerprint', () => {
  it('ignores whitespace, line numbers, case and punctuation of the title', () => {
    const a = fingerprint(finding(), 'for (let i = 0; i <= n; i++) {');
    const b = fingerprint(finding({ line: 42, title: 'off by one in loop bound!' }), '  for (let i = 0;\ti <= n;  i++) {  ');
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
  });

  it('changes with the path, the code and the title', () => {
    const base = fingerprint(finding(), 'x = 1');
    expect(fingerprint(finding({ path: 'src/b.ts' }), 'x = 1')).not.toBe(base);
    expect(fingerprint(finding(), 'x = 2')).not.toBe(base);
    expect(fingerprint(finding({ title: 'Null dereference' }), 'x = 1')).not.toBe(base);
  });
});

describe('similarTitles', () => {
  it('matches near-identical titles only', () => {
    expect(similarTitles('Missing null check on user', 'missing null-check on the user')).toBe(true);
    expect(similarTitles('Missing null check on user', 'SQL injection in query')).toBe(false);
  });
});

describe('mergeFindings', () => {
  const code = (f: Finding) => `code at ${f.path}:${f.line}`;

  it('drops low confidence, keeps the most severe of duplicates across dimensions, ranks and caps', () => {
    const correctness = [
      finding({ title: 'Unchecked null user', severity: 'minor', line: 5 }),
      finding({ title: 'Weak guess', confidence: 0.2, line: 6 }),
      finding({ title: 'Nit: naming', severity: 'nit', line: 7, confidence: 0.99 }),
      finding({ title: 'Major A', severity: 'major', line: 8, confidence: 0.7 }),
    ];
    const security = [
      finding({ dimension: 'security', title: 'Unchecked null user!', severity: 'blocker', line: 5 }),
      finding({ dimension: 'security', title: 'Major B', severity: 'major', line: 9, confidence: 0.95 }),
    ];
    const { kept, dropped } = mergeFindings([correctness, security], { minConfidence: 0.5, maxInline: 3, codeAt: code });
    expect(kept.map((k) => [k.finding.title, k.finding.dimension])).toEqual([
      ['Unchecked null user!', 'security'],
      ['Major B', 'security'],
      ['Major A', 'correctness'],
    ]);
    const reasons = Object.fromEntries(dropped.map((d) => [d.finding.title, d.reason]));
    expect(reasons).toEqual({ 'Weak guess': 'low-confidence', 'Unchecked null user': 'duplicate', 'Nit: naming': 'over-cap' });
    expect(dropped.find((d) => d.reason === 'duplicate')!.duplicateOf).toBe(kept[0]!.fingerprint);
  });

  it('treats the same fingerprint on different lines as one finding', () => {
    const same = () => 'same code';
    const { kept, dropped } = mergeFindings([[finding({ line: 3 })], [finding({ line: 30, dimension: 'tests' })]], {
      minConfidence: 0,
      codeAt: same,
    });
    expect(kept).toHaveLength(1);
    expect(dropped.map((d) => d.reason)).toEqual(['duplicate']);
  });

  it('defaults the cap to 8', () => {
    const many = Array.from({ length: 12 }, (_, i) => finding({ line: i + 1, title: `Finding number ${i}` }));
    const { kept, dropped } = mergeFindings([many], { minConfidence: 0, codeAt: code });
    expect(kept).toHaveLength(8);
    expect(dropped.every((d) => d.reason === 'over-cap')).toBe(true);
  });

  it('posts nothing new on a re-run with the same previous fingerprints', () => {
    const round = [[finding({ line: 3, title: 'First issue here' }), finding({ line: 20, title: 'Second issue there' })]];
    const first = mergeFindings(round, { minConfidence: 0.5, codeAt: code });
    expect(first.kept).toHaveLength(2);
    const again = mergeFindings(round, { minConfidence: 0.5, codeAt: code, previous: first.kept.map((k) => k.fingerprint) });
    expect(again.kept).toEqual([]);
    expect(again.dropped.map((d) => d.reason)).toEqual(['already-posted', 'already-posted']);
    expect(again.notSeenAgain).toEqual([]);
  });

  it('after a fix of one of two findings keeps the other fingerprint and drops each finding once', () => {
    const anchored = new Map([
      ['First issue here', 'let total = items.length + 1;'],
      ['Second issue there', 'return user.name;'],
    ]);
    const codeOf = (f: Finding) => anchored.get(f.title) ?? '';
    const first = mergeFindings([[finding({ line: 3, title: 'First issue here' }), finding({ line: 20, title: 'Second issue there' })]], {
      minConfidence: 0.5,
      codeAt: codeOf,
    });
    const [fixedFp, openFp] = first.kept.map((k) => k.fingerprint);

    // The push fixed the first; the second moved down two lines but its code is the same.
    const second = mergeFindings([[finding({ line: 22, title: 'Second issue there' })]], {
      minConfidence: 0.5,
      codeAt: codeOf,
      previous: [fixedFp!, openFp!],
    });
    expect(second.kept).toEqual([]);
    expect(second.dropped).toHaveLength(1);
    expect(second.dropped[0]).toMatchObject({ reason: 'already-posted', fingerprint: openFp });
    expect(second.seenAgain).toEqual([openFp]);
    expect(second.notSeenAgain).toEqual([fixedFp]);
  });

  it('counts a duplicate group as posted when any member was posted before', () => {
    const posted = mergeFindings([[finding({ severity: 'minor' })]], { minConfidence: 0, codeAt: () => 'a' });
    const next = mergeFindings(
      [[finding({ severity: 'minor' })], [finding({ dimension: 'security', severity: 'blocker', title: 'Off by one in loop bound' })]],
      {
        minConfidence: 0,
        codeAt: (f) => (f.dimension === 'security' ? 'b' : 'a'),
        previous: [posted.kept[0]!.fingerprint],
      },
    );
    expect(next.kept).toEqual([]);
    expect(next.dropped.map((d) => d.reason).sort()).toEqual(['already-posted', 'duplicate']);
  });
});
