export const DEFAULT_BRANCH_PREFIX = 'factory/';
const MAX_SLUG = 40;

/**
 * The branch for an issue: `factory/<number>-<slug>`. The slug is the title in lowercase
 * ASCII (accents dropped, everything else a dash), cut at a word boundary to at most 40
 * characters. Same issue and title, same name.
 */
export function branchName(issueNumber: number, title: string, prefix: string = DEFAULT_BRANCH_PREFIX): string {
  if (!Number.isSafeInteger(issueNumber) || issueNumber <= 0) {
    throw new RangeError(`branchName: issue number must be a positive integer, got ${issueNumber}`);
  }
  const slug = slugify(title);
  return `${prefix}${issueNumber}${slug ? `-${slug}` : ''}`;
}

export function slugify(text: string, max: number = MAX_SLUG): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (ascii.length <= max) return ascii;
  const cut = ascii.slice(0, max + 1);
  const dash = cut.lastIndexOf('-');
  // Cut at the last word boundary unless that would leave too little.
  const short = dash >= max / 2 ? cut.slice(0, dash) : ascii.slice(0, max);
  return short.replace(/-+$/g, '');
}

/** Whether `name` is safe to hand to git as a branch name (no option look-alikes, no refspec syntax). */
export function isSafeBranchName(name: string): boolean {
  if (name === '' || name.startsWith('-') || name.length > 255) return false;
  // The rules of git-check-ref-format, for a branch.
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name)) return false;
  if (name.includes('..') || name.includes('@{') || name.includes('//')) return false;
  if (name.startsWith('/') || name.endsWith('/') || name.endsWith('.') || name === '@') return false;
  return name.split('/').every((part) => part !== '' && !part.startsWith('.') && !part.endsWith('.lock'));
}
