import { redacted } from './redact';

/**
 * Personal data in text from production (Sentry events, crash reports): email addresses, IP
 * addresses and credential assignments (`password=…`, `api_key: …`) become `[REDACTED:<kind>]`.
 * Token shapes and configured secrets are the redactor's (./redact.ts); run both.
 */

const EMAIL = /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g;
const IPV4 = /\b(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\b/g;
// Full and compressed IPv6 forms with at least three groups (so `a:b` or a time `12:30:00` is left alone).
const IPV6 =
  /(?<![\w:])(?:[0-9a-f]{1,4}:){2,7}(?::|[0-9a-f]{1,4})(?![\w:])|(?<![\w:])(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4}(?![\w:])/gi;
const CREDENTIAL =
  /\b((?:pass(?:word|wd)?|secret|api[_-]?key|access[_-]?token|auth[_-]?token|session[_-]?id)["']?\s*[:=]\s*["']?)([^\s"',;&]{4,})/gi;

/** An IPv6 candidate of three groups or more with hex letters or a `::`, so times (`12:30:45`) and C++ names (`a::b`) are not taken for addresses. */
function looksLikeIpv6(candidate: string): boolean {
  const groups = candidate.split(':').filter(Boolean).length;
  return groups >= 3 && (candidate.includes('::') || /[a-f]/i.test(candidate) || groups >= 6);
}

export function scrubPersonalData(text: string): string {
  return text
    .replace(CREDENTIAL, (_whole, key: string) => `${key}${redacted('credential')}`)
    .replace(EMAIL, redacted('email'))
    .replace(IPV4, redacted('ip'))
    .replace(IPV6, (m) => (looksLikeIpv6(m) ? redacted('ip') : m));
}
