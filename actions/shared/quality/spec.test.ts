import { isMandatory, parseSpec, parseSpecs } from './spec';

const CHECKOUT = [
  '# Checkout',
  '',
  'Prose about the area is not graded.',
  '',
  '- **CHK-001** MUST sum the cart lines.',
  '- **CHK-002** MUST NOT accept a discount over 100%.',
  '* **CHK-003** SHOULD show the discount code.',
  '- **CHK-004** MAY round half up.',
  '- **chk-5** MUST be lower case',
  '- **CHK-001** MUST appear once.',
].join('\n');

describe('parseSpec', () => {
  it('reads the id, keyword, statement and line of each requirement, and the title', () => {
    const { area, problems } = parseSpec('specs/checkout.md', CHECKOUT);
    expect(area).toMatchObject({ id: 'checkout', path: 'specs/checkout.md', title: 'Checkout' });
    expect(area.requirements.map((r) => [r.id, r.level, r.line])).toEqual([
      ['CHK-001', 'MUST', 5],
      ['CHK-002', 'MUST NOT', 6],
      ['CHK-003', 'SHOULD', 7],
      ['CHK-004', 'MAY', 8],
    ]);
    expect(area.requirements[0]!.text).toBe('sum the cart lines.');
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [9, expect.stringContaining('upper-case id')],
      [10, 'CHK-001 is defined twice'],
    ]);
  });

  it('counts MUST and MUST NOT towards the letter, not SHOULD or MAY', () => {
    expect(['MUST', 'MUST NOT', 'SHOULD', 'SHOULD NOT', 'MAY'].map((l) => isMandatory(l as never))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('reports an id defined in two spec files and keeps the first', () => {
    const { areas, problems } = parseSpecs([
      { path: 'specs/b.md', text: '- **X-001** MUST b' },
      { path: 'specs/a.md', text: '# A\n- **X-001** MUST a' },
    ]);
    expect(areas.map((a) => [a.id, a.requirements.length])).toEqual([
      ['a', 1],
      ['b', 0],
    ]);
    expect(problems[0]!.message).toBe('X-001 is already defined in specs/a.md');
  });
});
