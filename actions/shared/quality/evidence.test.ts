import { findTestDeclaration, verifyClaim, verifyFile, verifyTest, type CommitFiles, type TestRunResults } from './evidence';
import { assessArea, auditArea } from './grade';
import { parseSpec } from './spec';

const TESTS = [
  "const test = require('node:test');",
  "test('sums cart lines', () => {",
  '  const total = cartTotal([]);',
  '  const matched = /0/.test(String(total));',
  '  assert.equal(total, 0);',
  '});',
  "test.skip('is skipped', () => {",
  '  assert.equal(1, 1);',
  '});',
  "test('skips by option', { skip: true }, () => {",
  '  assert.equal(1, 1);',
  '});',
  "it('asserts nothing', () => {",
  '  cartTotal([]);',
  '});',
  'it("it\'s quoted", () => {',
  '  expect(1).toBe(1);',
  '});',
  "test('breaks', () => {",
  '  assert.equal(1, 2);',
  '});',
].join('\n');

const files = (map: Record<string, string>): CommitFiles => ({ sha: 'abc1234def', read: async (p) => map[p] });
const repo = files({ 'test/cart.test.js': TESTS, 'src/cart.js': 'function cartTotal(lines) {}' });
const ran: TestRunResults = {
  ok: true,
  outcomes: [
    { name: 'sums cart lines', status: 'passed' },
    { name: 'asserts nothing', status: 'passed' },
    { name: "it's quoted", status: 'passed' },
    { name: 'breaks', status: 'failed' },
    { name: 'skips by option', status: 'skipped' },
  ],
};
const ref = (name: string, file = 'test/cart.test.js') => ({ file, name });

describe('verifyTest', () => {
  it('holds for a declared, asserting test that passed in this run', async () => {
    await expect(verifyTest(ref('sums cart lines'), repo, ran)).resolves.toMatchObject({ holds: true, passed: true });
    await expect(verifyTest(ref("it's quoted"), repo, ran)).resolves.toMatchObject({ holds: true, passed: true });
  });

  it.each([
    [ref('sums cart lines', 'test/nope.test.js'), 'test/nope.test.js does not exist at abc1234'],
    [ref('does not exist'), 'test "does not exist" does not exist in test/cart.test.js'],
    [ref('is skipped'), 'test "is skipped" in test/cart.test.js is skipped'],
    [ref('skips by option'), 'is skipped'],
    [ref('asserts nothing'), 'asserts nothing'],
    [ref('sums cart lines', '../etc/passwd'), 'is not a repository path'],
  ])('does not hold for %j', async (r, reason) => {
    const verdict = await verifyTest(r, repo, ran);
    expect(verdict.holds).toBe(false);
    expect(verdict).toMatchObject({ reason: expect.stringContaining(reason) });
  });

  it('needs the run: a test that did not run, or a run without a report, does not hold; a failed one holds as failing', async () => {
    await expect(verifyTest(ref('sums cart lines'), repo, { ok: true, outcomes: [] })).resolves.toMatchObject({
      holds: false,
      reason: expect.stringContaining('did not run'),
    });
    await expect(
      verifyTest(ref('sums cart lines'), repo, { ok: false, reason: 'the test command wrote no report' }),
    ).resolves.toMatchObject({
      holds: false,
      reason: expect.stringContaining('wrote no report'),
    });
    await expect(verifyTest(ref('breaks'), repo, ran)).resolves.toMatchObject({ holds: true, passed: false });
  });

  it('matches the file when the report names one', async () => {
    const elsewhere: TestRunResults = { ok: true, outcomes: [{ file: 'test/other.test.js', name: 'sums cart lines', status: 'passed' }] };
    await expect(verifyTest(ref('sums cart lines'), repo, elsewhere)).resolves.toMatchObject({ holds: false });
  });

  it('finds the declaration up to the next test', () => {
    const found = findTestDeclaration(TESTS, 'sums cart lines');
    expect(found).toMatchObject({ ok: true, call: 'test' });
    expect(found.ok && found.body).not.toContain('is skipped');
  });
});

describe('verifyFile and verifyClaim', () => {
  it('checks the file exists and holds the excerpt', async () => {
    await expect(verifyFile({ path: 'src/cart.js', contains: 'cartTotal' }, repo)).resolves.toEqual({
      ref: { path: 'src/cart.js', contains: 'cartTotal' },
      holds: true,
    });
    await expect(verifyFile({ path: 'src/cart.js', contains: 'maxLines' }, repo)).resolves.toMatchObject({ holds: false });
  });

  it('gives each requirement a status from what held, and keeps what was claimed', async () => {
    const status = async (claim: Parameters<typeof verifyClaim>[1]) => {
      const v = await verifyClaim('X-1', claim, repo, ran);
      return [v.status, v.claimed];
    };
    await expect(status({ requirement: 'X-1', status: 'tested', tests: [ref('sums cart lines')] })).resolves.toEqual([
      'passing',
      'passing',
    ]);
    await expect(status({ requirement: 'X-1', status: 'tested', tests: [ref('breaks')] })).resolves.toEqual(['failing', 'passing']);
    await expect(
      status({ requirement: 'X-1', status: 'tested', tests: [ref('ghost')], files: [{ path: 'src/cart.js' }] }),
    ).resolves.toEqual(['built', 'passing']);
    await expect(status({ requirement: 'X-1', status: 'tested', tests: [ref('ghost')] })).resolves.toEqual(['unverified', 'passing']);
    await expect(status({ requirement: 'X-1', status: 'missing' })).resolves.toEqual(['missing', 'missing']);
    await expect(status(undefined)).resolves.toEqual(['unassessed', 'unassessed']);
  });
});

describe('assessArea and auditArea', () => {
  const { area } = parseSpec('specs/cart.md', '# Cart\n- **CART-001** MUST sum lines.\n- **CART-002** MUST apply discounts.');

  it('lowers a claimed A whose test does not exist, naming the test', async () => {
    const claims = new Map([
      ['CART-001', { requirement: 'CART-001', status: 'tested' as const, tests: [ref('sums cart lines')] }],
      ['CART-002', { requirement: 'CART-002', status: 'tested' as const, tests: [ref('applies every discount')] }],
    ]);
    const assessed = await assessArea(area, claims, repo, ran, []);
    expect([assessed.claimedGrade, assessed.grade]).toEqual(['A', 'C']);
    const audited = auditArea(assessed, { maxRise: 1 });
    expect(audited.final).toBe('C');
    expect(audited.audit[0]).toContain('lowered from A (claimed) to C');
    expect(audited.audit[0]).toContain('test "applies every discount" does not exist in test/cart.test.js');
  });

  it('takes the second opinion when it is lower, caps the rise, and counts open bugs that name the area', async () => {
    const claims = new Map([
      ['CART-001', { requirement: 'CART-001', status: 'tested' as const, tests: [ref('sums cart lines')] }],
      ['CART-002', { requirement: 'CART-002', status: 'tested' as const, tests: [ref('sums cart lines')] }],
    ]);
    const assessed = await assessArea(area, claims, repo, ran, [
      { number: 9, title: 'x', body: 'see CART-002' },
      { number: 10, title: 'y', body: 'other' },
    ]);
    expect(assessed.openBugs.map((b) => b.number)).toEqual([9]);
    expect(assessed.grade).toBe('B');
    const second = auditArea(assessed, { maxRise: 1, secondOpinion: { model: 'm2', samples: ['B', 'D', 'C'], median: 'C' } });
    expect(second.final).toBe('C');
    expect(auditArea(assessed, { previous: 'F', maxRise: 1 })).toMatchObject({
      final: 'D',
      audit: [expect.stringContaining('capped at D')],
    });
  });
});
