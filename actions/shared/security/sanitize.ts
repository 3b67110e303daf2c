import { randomBytes } from 'node:crypto';
import { defuseMarkers, removeHiddenMarkup, removeHtmlComments, removeMarkdownComments } from './html';
import { stripInvisible } from './invisible';
import { neutralizeClosingKeywords, neutralizeMentions } from './neutralize';
import { createRedactor, type Redactor } from './redact';

/**
 * The one way untrusted text (issue and comment bodies, PR diffs, Sentry payloads, file
 * contents) reaches a prompt: `untrusted()`. `sanitizeText()` is also used for text the
 * factory writes back to GitHub when it echoes untrusted content.
 */
export interface SanitizeOptions {
  /** Cap on the result's length, truncation note included. */
  maxChars?: number;
  /** Redacts configured secrets; token shapes are redacted even without one. */
  redactor?: Redactor;
  /**
   * `markdown` (default): rendered text such as issue and comment bodies. Everything hidden
   * from a reader is removed, mentions and closing keywords are neutralised.
   * `plain`: code, diffs, logs and payloads for a prompt. Comments and markup are content
   * there (a reviewer must see a `<script>` a PR adds), so only invisible characters are
   * removed (and counted in a leading note), forged factory markers defused and secrets
   * redacted. Never post `plain` output to GitHub without neutralising it.
   */
  format?: 'markdown' | 'plain';
}

export const DEFAULT_UNTRUSTED_MAX_CHARS = 40_000;

export function sanitizeText(text: string, opts: SanitizeOptions = {}): string {
  const format = opts.format ?? 'markdown';
  const { text: visible, removed } = stripInvisible(text ?? '');
  let out = visible;
  if (format === 'markdown') {
    // Removing one construct can join the pieces of another: repeat until nothing changes.
    for (let i = 0; i < 10; i++) {
      const next = removeMarkdownComments(removeHiddenMarkup(removeHtmlComments(out)));
      if (next === out) break;
      out = next;
    }
  } else {
    out = defuseMarkers(out);
  }
  out = (opts.redactor ?? createRedactor([])).redact(out);
  if (format === 'markdown') {
    out = neutralizeMentions(neutralizeClosingKeywords(out));
  } else if (removed > 0) {
    out = `[sanitizer: removed ${removed} invisible or bidirectional control character(s)]\n${out}`;
  }
  return truncate(out, opts.maxChars);
}

export function truncate(text: string, maxChars: number | undefined): string {
  if (maxChars === undefined || text.length <= maxChars) return text;
  const limit = Math.max(0, Math.floor(maxChars));
  const note = (kept: number) => `\n[truncated: ${text.length - kept} of ${text.length} characters omitted]`;
  let keep = Math.max(0, limit - note(limit).length);
  // Never split a surrogate pair.
  if (keep > 0 && /[\uD800-\uDBFF]/.test(text[keep - 1]!)) keep--;
  const result = text.slice(0, keep) + note(keep);
  return result.length <= limit ? result : result.slice(0, limit);
}

export interface UntrustedOptions extends SanitizeOptions {
  /** Fence id generator; random by default. */
  id?: () => string;
}

/**
 * Sanitized text fenced as data, for a prompt:
 *
 *     <untrusted source="issue #12 body" id="3f9a...">
 *     ...
 *     </untrusted id="3f9a...">
 *
 * The id is random per call, so content cannot close the fence early, and any `<untrusted` /
 * `</untrusted` in the content loses its `<`. The prompt tells the model that text between
 * matching fences is data, never instructions.
 */
export function untrusted(source: string, text: string, opts: UntrustedOptions = {}): string {
  const id = (opts.id ?? (() => randomBytes(12).toString('hex')))();
  const body = sanitizeText(text, { ...opts, maxChars: opts.maxChars ?? DEFAULT_UNTRUSTED_MAX_CHARS }).replace(
    /<(\s*\/?\s*untrusted)/gi,
    '$1',
  );
  return `<untrusted source="${fenceAttribute(source)}" id="${id}">\n${body}\n</untrusted id="${id}">`;
}

function fenceAttribute(source: string): string {
  return stripInvisible(source)
    .text.replace(/[\r\n\t]+/g, ' ')
    .replace(/["<>&]/g, '')
    .trim()
    .slice(0, 200);
}
