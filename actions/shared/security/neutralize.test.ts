import { segmentMarkdown } from './markdown';
import { neutralize, neutralizeClosingKeywords, neutralizeMentions } from './neutralize';

describe('neutralizeMentions', () => {
  it.each([
    ['@octocat please look', '@ octocat please look'],
    ['cc @acme/security-team.', 'cc @ acme/security-team.'],
    ['(@a-b) **@c** _@d_ -@e', '(@ a-b) **@ c** _@ d_ -@ e'],
    ['line\n@start of line', 'line\n@ start of line'],
    ['mail me at someone@example.com', 'mail me at someone@example.com'],
    ['@@double', '@@ double'],
    ['[@user](https://github.com/user)', '[@ user](https://github.com/user)'],
    ['trailing @', 'trailing @'],
  ])('%j', (input, expected) => {
    expect(neutralizeMentions(input)).toBe(expected);
  });

  it('leaves code alone: fences, inline code and autolinked URLs', () => {
    const text = [
      'Use `@types/node` and see https://medium.com/@someone/post or (https://x.dev/@me).',
      '',
      '```ts',
      '@Injectable()',
      'class A {}',
      '```',
      '',
      '~~~~',
      '@decorator',
      '~~~',
      '~~~~',
    ].join('\n');
    expect(neutralizeMentions(text)).toBe(text);
  });

  it('is idempotent', () => {
    const once = neutralizeMentions('hi @a and @b/c, `@d`');
    expect(neutralizeMentions(once)).toBe(once);
  });

  // Each of these renders @admin as live text on GitHub; a naive code detector would skip it.
  it.each([
    ['backtick paired across lines by GitHub', '` stray\n`@admin` c'],
    ['escaped backticks', '\\`@admin\\`'],
    ['table cells split the span', '| `@admin | x` |'],
    ['inside an HTML block, backticks are literal', '<div>\n`@admin`\n</div>'],
    ['after a comment block closes', '<!--\n\n-->\n`@admin`'],
    ['fence inside an HTML block', '<p>x</p>\n```\n@admin\n```'],
    ['fence in a list item ended by the next item', '- a\n  ```\n  code\n- b @admin\n  ```'],
    ['a fence opened inside a quote', '> ```\n@admin\n> ```'],
    ['unterminated indented fence', '  ```\n@admin'],
    ['URL without a valid domain', 'https://@admin and http://localhost/@admin'],
    ['URL glued to a word', 'xhttps://a.b/@admin'],
    ['indented code block (conservatively prose)', '\n    @admin'],
  ])('%s', (_label, input) => {
    const out = neutralizeMentions(input);
    expect(out).not.toMatch(/@admin/);
    expect(out).toContain('@ admin');
  });
});

describe('neutralizeClosingKeywords', () => {
  const keywords = ['close', 'closes', 'closed', 'fix', 'fixes', 'fixed', 'resolve', 'resolves', 'resolved'];

  it.each(keywords.flatMap((k) => [k, k.toUpperCase(), k[0]!.toUpperCase() + k.slice(1)]))('%s #N', (k) => {
    expect(neutralizeClosingKeywords(`This ${k} #12.`)).toBe(`This ${k} (#12).`);
  });

  it.each([
    ['Fixes: #7', 'Fixes: (#7)'],
    ['fixes acme/app#7', 'fixes (acme/app#7)'],
    ['Closes https://github.com/acme/app/issues/7', 'Closes (https://github.com/acme/app/issues/7)'],
    ['resolves GH-7', 'resolves (GH-7)'],
    ['**Fixes** #7', '**Fixes** (#7)'],
    ['fixes\n#7', 'fixes\n(#7)'],
    ['Fixes #1, fixes #2', 'Fixes (#1), fixes (#2)'],
    ['```\nfixes #3\n```', '```\nfixes (#3)\n```'],
  ])('%j', (input, expected) => {
    expect(neutralizeClosingKeywords(input)).toBe(expected);
  });

  it.each(['prefixes #1', 'hotfix #1', 'fixing #1', 'fixes #1a', 'see #1', 'fixes the bug'])('leaves %j', (text) => {
    expect(neutralizeClosingKeywords(text)).toBe(text);
  });

  it('is idempotent and combines with mentions', () => {
    const once = neutralize('@bob fixes #4');
    expect(once).toBe('@ bob fixes (#4)');
    expect(neutralize(once)).toBe(once);
  });
});

describe('segmentMarkdown', () => {
  it('reassembles to the original text', () => {
    const text = 'a `b` c\r\n\r\n```\nd\n```\n<div>\ne\n</div>\n| `x` |\n';
    const segments = segmentMarkdown(text);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments.filter((s) => s.code).map((s) => s.text)).toEqual(['`b`', '```\nd\n```\n']);
  });
});
