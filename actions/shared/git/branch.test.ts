import { branchName, isSafeBranchName, slugify } from './branch';

describe('branchName', () => {
  it('is factory/<number>-<slug> in lowercase ascii', () => {
    expect(branchName(12, 'Fix: Discount — applied twice!')).toBe('factory/12-fix-discount-applied-twice');
    expect(branchName(7, 'Crème brûlée   should   render')).toBe('factory/7-creme-brulee-should-render');
    expect(branchName(3, '日本語')).toBe('factory/3');
  });

  it('is stable and cut at a word boundary to at most 40 characters', () => {
    const title = 'Checkout page shows the wrong currency symbol for customers in Switzerland';
    const name = branchName(101, title);
    expect(name).toBe(branchName(101, title));
    const slug = name.slice('factory/101-'.length);
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slug).toBe('checkout-page-shows-the-wrong-currency');
    expect(slugify('a'.repeat(60))).toBe('a'.repeat(40));
  });

  it('produces names git accepts', () => {
    for (const title of ['..lock', '-rf /', 'a@{b}', 'x.lock', '~^:?*[\\']) {
      expect(isSafeBranchName(branchName(1, title))).toBe(true);
    }
  });

  it('rejects a non-positive issue number', () => {
    expect(() => branchName(0, 'x')).toThrow(RangeError);
    expect(() => branchName(1.5, 'x')).toThrow(/positive integer/);
  });
});

describe('isSafeBranchName', () => {
  it.each(['factory/1-x', 'main', 'feature/a.b'])('accepts %s', (name) => expect(isSafeBranchName(name)).toBe(true));
  it.each(['', '-x', 'a..b', 'a b', 'a:b', 'a/', '/a', 'a//b', 'a.lock', '.a', 'a@{1}', 'a~1', 'a\\b'])('rejects %j', (name) =>
    expect(isSafeBranchName(name)).toBe(false),
  );
});
