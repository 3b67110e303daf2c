import { anchoredCode, commentableLines, parsePatch, placeOnDiff, toReviewComment, type DiffFile } from './diff-lines';
import type { Finding } from './findings';

// Old lines 10..14 become new lines 10..15; a second hunk at old 40 / new 41.
const patch = [
  '@@ -10,5 +10,6 @@ function total(items) {',
  '   let sum = 0;',
  '-  for (let i = 0; i <= items.length; i++) {',
  '+  for (let i = 0; i < items.length; i++) {',
  '+    if (!items[i]) continue;',
  '     sum += items[i];',
  '   }',
  '   return sum;',
  '@@ -40,3 +41,3 @@ export function name(user) {',
  ' // names',
  '-return user.name;',
  '+return user?.name;',
  ' }',
  '\\ No newline at end of file',
].join('\n');

const files: DiffFile[] = [
  { filename: 'src/total.ts', status: 'modified', additions: 3, deletions: 2, patch },
  { filename: 'assets/logo.png', status: 'added', additions: 0, deletions: 0 },
];

const finding = (extra: Partial<Finding> = {}): Finding => ({
  dimension: 'correctness',
  path: 'src/total.ts',
  line: 11,
  side: 'RIGHT',
  severity: 'major',
  confidence: 0.9,
  title: 'Loop bound',
  body: 'Check the bound.',
  ...extra,
});

describe('parsePatch and commentableLines', () => {
  it('numbers old and new lines through hunks', () => {
    const hunks = parsePatch(patch);
    expect(hunks).toHaveLength(2);
    expect(hunks[0]!.lines.filter((l) => l.kind === 'add').map((l) => l.newLine)).toEqual([11, 12]);
    expect(hunks[0]!.lines.filter((l) => l.kind === 'del').map((l) => l.oldLine)).toEqual([11]);
    expect(hunks[1]!.lines.at(-1)).toEqual({ kind: 'context', oldLine: 42, newLine: 43, text: '}' });
  });

  it('RIGHT holds added and context lines of the new file, LEFT removed and context lines of the old', () => {
    const lines = commentableLines(patch);
    expect([...lines.RIGHT]).toEqual([10, 11, 12, 13, 14, 15, 41, 42, 43]);
    expect([...lines.LEFT]).toEqual([10, 11, 12, 13, 14, 40, 41, 42]);
  });

  it('reads the anchored code of a line on its side', () => {
    expect(anchoredCode({ path: 'src/total.ts', line: 11, side: 'RIGHT' }, files)).toBe('  for (let i = 0; i < items.length; i++) {');
    expect(anchoredCode({ path: 'src/total.ts', line: 11, side: 'LEFT' }, files)).toBe('  for (let i = 0; i <= items.length; i++) {');
    expect(anchoredCode({ path: 'src/total.ts', line: 30, side: 'RIGHT' }, files)).toBe('');
  });
});

describe('placeOnDiff', () => {
  it('keeps a finding on a diff line as it is', () => {
    const placement = placeOnDiff(finding(), files);
    expect(placement).toMatchObject({ placed: true, moved: false, finding: { line: 11 } });
  });

  it('moves a finding just outside a hunk onto its nearest line', () => {
    const placement = placeOnDiff(finding({ line: 17 }), files);
    expect(placement).toMatchObject({ placed: true, moved: true, finding: { line: 15 } });
  });

  it('does not place a finding outside the diff, and says why', () => {
    for (const f of [finding({ line: 28 }), finding({ path: 'src/other.ts' }), finding({ path: 'assets/logo.png', line: 1 })]) {
      const placement = placeOnDiff(f, files);
      expect(placement.placed).toBe(false);
      if (!placement.placed) expect(placement.reason).toMatch(/not part of the diff|not changed|no diff/);
    }
  });

  it('places on the old side only lines of the old file', () => {
    expect(placeOnDiff(finding({ side: 'LEFT', line: 40 }), files)).toMatchObject({ placed: true, moved: false });
    expect(placeOnDiff(finding({ side: 'LEFT', line: 25 }), files).placed).toBe(false);
  });

  it('every inline comment it produces is on a commentable line', () => {
    const lines = commentableLines(patch);
    for (let line = 1; line <= 60; line++) {
      for (const side of ['LEFT', 'RIGHT'] as const) {
        const placement = placeOnDiff(finding({ line, side }), files);
        if (placement.placed) expect(lines[side].has(toReviewComment(placement, 'x').line)).toBe(true);
      }
    }
  });
});

describe('suggestions', () => {
  it('adds a suggestion block when the replaced lines are all in one RIGHT hunk', () => {
    const placement = placeOnDiff(finding({ startLine: 11, line: 12, suggestion: '  for (const item of items) {\n' }), files);
    expect(placement).toMatchObject({ placed: true, suggestionAllowed: true });
    if (!placement.placed) throw new Error('not placed');
    const comment = toReviewComment(placement, 'Use for-of.');
    expect(comment).toEqual({
      path: 'src/total.ts',
      line: 12,
      side: 'RIGHT',
      start_line: 11,
      start_side: 'RIGHT',
      body: 'Use for-of.\n\n```suggestion\n  for (const item of items) {\n```',
    });
  });

  it('uses a longer fence when the suggestion holds backticks', () => {
    const placement = placeOnDiff(finding({ suggestion: 'const s = ```x```;' }), files);
    if (!placement.placed) throw new Error('not placed');
    expect(toReviewComment(placement, 'b').body).toBe('b\n\n````suggestion\nconst s = ```x```;\n````');
  });

  it('posts no suggestion across hunks, on the LEFT side, or for a moved finding', () => {
    const cases = [
      finding({ startLine: 14, line: 41, suggestion: 'x' }),
      finding({ side: 'LEFT', suggestion: 'x' }),
      finding({ line: 17, suggestion: 'x' }),
    ];
    for (const f of cases) {
      const placement = placeOnDiff(f, files);
      expect(placement).toMatchObject({ placed: true, suggestionAllowed: false });
      if (placement.placed) {
        const comment = toReviewComment(placement, 'body');
        expect(comment.body).toBe('body');
        expect(comment.start_line).toBeUndefined();
      }
    }
  });
});
