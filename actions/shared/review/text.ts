import { defuseMarkers, sanitizeText } from '../security';

/**
 * Untrusted text the reviewer echoes into what it posts (the summary comment, the factory/review
 * check run): paths and titles a model wrote, file names the pull request's author chose.
 */

const oneLine = (text: string): string =>
  sanitizeText(text)
    .trim()
    .replace(/\s*\n\s*/g, ' ');

/**
 * Untrusted text (a path or title a model wrote, a file name the pull request's author chose) as
 * an inline code span on one line: sanitised like prose (HTML comments and so forged markers,
 * hidden markup, mentions, closing keywords removed or neutralised), backticks replaced so the
 * span cannot be closed early, at most `max` characters.
 */
export function codeSpan(text: string, max = 200): string {
  const flat = text.replace(/`/g, "'").replace(/\s+/g, ' ');
  let safe = defuseMarkers(sanitizeText(flat)).replace(/\s+/g, ' ').trim();
  if (safe.length > max) safe = `${safe.slice(0, max - 3)}...`;
  return `\`${safe || '?'}\``;
}

/** Untrusted text as one line of prose: sanitised, on one line, at most `max` characters. */
export function proseLine(text: string, max = 300): string {
  const safe = defuseMarkers(oneLine(text));
  return safe.length > max ? `${safe.slice(0, max - 3)}...` : safe;
}
