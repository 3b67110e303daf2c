import { commentableLines, type DiffFile } from './diff-lines';
import type { Finding } from './findings';
import { planRound, type RoundInput } from './round';

const patchV1 = [
  '@@ -1,3 +1,6 @@',
  ' export function total(items) {',
  '-  return 0;',
  '+  let sum = 0;',
  '+  for (let i = 0; i <= items.length; i++) sum += items[i];',
  '+  return sum;',
  ' }',
  '+export const name = (user) => user.name;',
  '+',
].join('\n');
// The push fixes the loop bound and shifts the second finding's line down by one.
const patchV2 = [
  '@@ -1,3 +1,7 @@',
  ' export function total(items) {',
  '-  return 0;',
  '+  let sum = 0;',
  '+  // bounded by length',
  '+  for (let i = 0; i < items.length; i++) sum += items[i];',
  '+  return sum;',
  ' }',
  '+export const name = (user) => user.name;',
  '+',
].join('\n');

const files = (patch: string): DiffFile[] => [{ filename: 'src/total.ts', status: 'modified', additions: 5, deletions: 1, patch }];

const loop: Finding = {
  dimension: 'correctness',
  path: 'src/total.ts',
  line: 3,
  side: 'RIGHT',
  severity: 'blocker',
  confidence: 0.9,
  title: 'Loop reads past the end',
  body: 'Use < instead of <=.',
  suggestion: '  for (let i = 0; i < items.length; i++) sum += items[i];',
};
const nullUser: Finding = {
  dimension: 'correctness',
  path: 'src/total.ts',
  line: 6,
  side: 'RIGHT',
  severity: 'minor',
  confidence: 0.8,
  title: 'user may be undefined',
  body: 'Guard against a missing user.',
};
const outside: Finding = { ...nullUser, dimension: 'architecture', path: 'src/other.ts', line: 40, title: 'Duplicates helper in other.ts' };

const base = (extra: Partial<RoundInput>): RoundInput => ({
  headSha: '1111111',
  files: files(patchV1),
  perDimension: [],
  minConfidence: 0.5,
  render: (f) => `**${f.severity}**: ${f.title}\n\n${f.body}`,
  ...extra,
});

describe('planRound', () => {
  const first = planRound(base({ perDimension: [[loop, nullUser], [outside]] }));

  it('posts inline comments only on diff lines, and the rest in the summary', () => {
    const lines = commentableLines(patchV1);
    expect(first.comments.map((c) => [c.path, c.line])).toEqual([
      ['src/total.ts', 3],
      ['src/total.ts', 6],
    ]);
    for (const c of first.comments) expect(lines[c.side].has(c.line)).toBe(true);
    expect(first.comments[0]!.body).toContain('```suggestion\n  for (let i = 0; i < items.length; i++) sum += items[i];\n```');
    expect(first.unplaced.map((u) => [u.finding.path, u.reason])).toEqual([
      ['src/other.ts', 'src/other.ts is not changed by this pull request'],
    ]);
    expect(first.verdict).toBe('changes-requested');
    expect(first.state.fingerprints).toEqual(first.comments.map((c) => c.fingerprint));
    expect(first.state.blockers).toEqual([first.comments[0]!.fingerprint]);
  });

  it('posts nothing on a re-run on the same head', () => {
    const again = planRound(base({ perDimension: [[loop, nullUser], [outside]], previous: first.state }));
    expect(again.comments).toEqual([]);
    expect(again.dropped.map((d) => d.reason)).toEqual(['already-posted', 'already-posted']);
    expect(again.state.fingerprints).toEqual(first.state.fingerprints);
    expect(again.verdict).toBe('changes-requested');
  });

  it('after a push fixing one of two findings posts no duplicate and keeps the open one', () => {
    const [loopFp, nullFp] = first.comments.map((c) => c.fingerprint);
    const second = planRound(
      base({
        headSha: '2222222',
        files: files(patchV2),
        perDimension: [[{ ...nullUser, line: 7 }]],
        previous: first.state,
        resolved: [loopFp!],
      }),
    );
    expect(second.comments).toEqual([]);
    expect(second.dropped).toEqual([expect.objectContaining({ reason: 'already-posted', fingerprint: nullFp })]);
    expect(second.unresolvedBlockers).toEqual([]);
    expect(second.verdict).toBe('approved');
    expect(second.state).toEqual({ sha: '2222222', fingerprints: [loopFp, nullFp], blockers: [] });
  });

  it('keeps an unresolved blocker of an earlier round in force', () => {
    const second = planRound(base({ headSha: '2222222', files: files(patchV2), perDimension: [], previous: first.state }));
    expect(second.unresolvedBlockers).toEqual(first.state.blockers);
    expect(second.verdict).toBe('changes-requested');
    expect(second.state.blockers).toEqual(first.state.blockers);
  });

  it('with requestChangesAt minor, a minor finding requests changes and stays in force until its thread is resolved', () => {
    const verdict = { requestChangesAt: 'minor' as const };
    const one = planRound(base({ perDimension: [[nullUser]], verdict }));
    expect(one.verdict).toBe('changes-requested');
    expect(one.state.blockers).toEqual([one.comments[0]!.fingerprint]);
    const two = planRound(base({ headSha: '2222222', files: files(patchV2), perDimension: [], previous: one.state, verdict }));
    expect(two.verdict).toBe('changes-requested');
    const resolved = planRound(
      base({ headSha: '2222222', files: files(patchV2), perDimension: [], previous: one.state, verdict, resolved: one.state.blockers }),
    );
    expect(resolved.verdict).toBe('approved');
    // At the default (blocker), the same minor finding approves.
    expect(planRound(base({ perDimension: [[nullUser]] })).verdict).toBe('approved');
  });
});
