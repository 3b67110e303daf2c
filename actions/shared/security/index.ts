export {
  createRedactor,
  redactTokens,
  containsToken,
  scrubEnv,
  isSecretEnv,
  redacted,
  secretEnvValues,
  MIN_SECRET_LENGTH,
  TOKEN_PATTERNS,
  RUN_SECRET_ENV,
  DEFAULT_SECRET_ENV,
} from './redact';
export type { Redactor } from './redact';
export { sanitizeText, untrusted, truncate, DEFAULT_UNTRUSTED_MAX_CHARS } from './sanitize';
export type { SanitizeOptions, UntrustedOptions } from './sanitize';
export { neutralizeMentions, neutralizeClosingKeywords, neutralize } from './neutralize';
export { stripInvisible } from './invisible';
export { removeHtmlComments, removeHiddenMarkup, removeMarkdownComments, defuseMarkers } from './html';
export { segmentMarkdown } from './markdown';
export type { Segment } from './markdown';
export { scrubPersonalData } from './personal';
