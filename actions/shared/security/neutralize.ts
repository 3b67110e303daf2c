import { segmentMarkdown } from './markdown';

/**
 * Text the factory posts must not ping people or close issues just because someone else wrote
 * it. Both transforms are idempotent and keep the text readable.
 *
 * Mentions: `@user` and `@org/team` become `@ user` and `@ org/team`. GitHub only notifies on
 * `@` directly followed by the name, and a space is robust in every context: Markdown, raw
 * HTML, commit messages, titles. (Backticks would depend on pairing with other backticks in
 * the text, and zero-width characters are removed by our own sanitizer.) Code blocks, inline
 * code and autolinked URLs are left as written, where GitHub never notifies anyway.
 *
 * Closing keywords: `Fixes #12` becomes `Fixes (#12)`, so the reference still links but is no
 * longer a keyword-reference pair. GitHub parses commit messages without regard to Markdown,
 * so this applies everywhere, code included.
 */

const MENTION = /(?<![A-Za-z0-9])@([A-Za-z0-9][A-Za-z0-9-]*(?:\/[A-Za-z0-9][A-Za-z0-9_.-]*)?)/g;

const REFERENCE =
  '(?:[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)?#\\d+|GH-\\d+|https?://(?:www\\.)?github\\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/(?:issues|pull)/\\d+';
const CLOSING = new RegExp(
  `(?<![A-Za-z0-9_])(close[sd]?|fix(?:e[sd])?|resolve[sd]?)([*_]{0,3}(?:\\s*:\\s*|\\s+)[*_]{0,3})(${REFERENCE})(?![A-Za-z0-9_])`,
  'gi',
);

export function neutralizeMentions(text: string): string {
  return segmentMarkdown(text)
    .map((s) => (s.code ? s.text : s.text.replace(MENTION, '@ $1')))
    .join('');
}

export function neutralizeClosingKeywords(text: string): string {
  return text.replace(CLOSING, '$1$2($3)');
}

/** Both, as the applier uses them on everything it posts. */
export function neutralize(text: string): string {
  return neutralizeMentions(neutralizeClosingKeywords(text));
}
