/**
 * Secret redaction for everything the factory logs, records or posts. Two layers:
 * - the exact values of the run's secrets, in every encoding a model or a tool can produce without
 *   a key: as is, URL-encoded, base64 and base64url (also embedded in a longer base64 stream), hex
 *   (any case), reversed, and split by separators (`abcd efgh ijkl`, `abcd\nefgh`, `a-b-c-d`...):
 *   see `secretForms` and `splitCores`;
 * - well-known token shapes, so a token nobody configured is still caught.
 * Every hit becomes `[REDACTED:<kind>]`. Text the redactor would change holds a secret, which is how
 * the outbound check (security/outbound.ts) refuses a write.
 */
export interface Redactor {
  redact(text: string): string;
  /** A copy of a JSON-like value with every string (and key) redacted. */
  redactDeep(value: unknown): unknown;
  /** Redact these values too from now on (e.g. the values of a `.env` found in the workspace). */
  learn(secrets: readonly string[]): void;
}

/** Values shorter than this are not redacted by value: too many false hits. */
export const MIN_SECRET_LENGTH = 6;

/**
 * The separator-insensitive search looks for a secret's letters and digits with anything else
 * between them. It needs at least this many (two pieces of four), so short values, whose letters
 * turn up by chance across words, are only matched as written.
 */
export const MIN_SPLIT_LENGTH = 8;

export const redacted = (kind: string): string => `[REDACTED:${kind}]`;

interface TokenPattern {
  kind: string;
  /** Must be global. Capture group `secret`, if present, is the only part replaced. */
  pattern: RegExp;
}

/** Known token shapes. Ordered: more specific shapes before the generic ones. */
export const TOKEN_PATTERNS: readonly TokenPattern[] = [
  {
    kind: 'private-key',
    pattern: /-----BEGIN[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|$)/g,
  },
  { kind: 'github-token', pattern: /\bgithub_pat_[A-Za-z0-9_]{20,}/g },
  { kind: 'github-token', pattern: /\bgh[pousr]_[A-Za-z0-9]{20,}/g },
  { kind: 'anthropic-key', pattern: /\bsk-ant-[A-Za-z0-9_-]{16,}/g },
  { kind: 'sentry-token', pattern: /\bsntry[su]_[A-Za-z0-9+/=_-]{20,}/g },
  { kind: 'npm-token', pattern: /\bnpm_[A-Za-z0-9]{30,}/g },
  { kind: 'aws-access-key-id', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g },
  {
    kind: 'aws-secret-key',
    pattern: /\b(?:aws_?)?secret_?access_?key["']?\s*[:=]\s*["']?(?<secret>[A-Za-z0-9/+=]{20,})/gi,
  },
  { kind: 'slack-token', pattern: /\bxox[baprs]-[A-Za-z0-9-]{10,}/g },
  { kind: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  {
    kind: 'authorization',
    pattern: /\bauthorization["']?\s*[:=]\s*["']?(?:bearer|token|basic)\s+(?<secret>[A-Za-z0-9._~+/=-]{8,})/gi,
  },
  { kind: 'bearer-token', pattern: /\bbearer\s+(?<secret>[A-Za-z0-9._~+/-]{16,}=*)/gi },
  // Sentry DSN: the key (and legacy secret) before `@` in https://KEY[:SECRET]@o1.ingest.sentry.io/2
  {
    kind: 'sentry-dsn',
    pattern: /\bhttps?:\/\/(?<secret>[A-Za-z0-9]{16,}(?::[A-Za-z0-9]+)?)@[A-Za-z0-9.-]*sentry[A-Za-z0-9.-]*/gi,
  },
  // Any other credential in a URL: scheme://user:PASSWORD@host
  { kind: 'url-credential', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@[\]]+:(?<secret>[^\s@/[\]]+)@/gi },
];

/** Names whose string values are secrets in JSON records, whatever the value looks like. */
const SECRET_KEY = /(?:token|secret|password|passwd|api[_-]?key|private[_-]?key|authorization|credentials?|dsn)$/i;

export function createRedactor(secrets: (string | undefined)[]): Redactor {
  let known: string[] = [];
  let values: string[] = [];
  let cores: SplitCores = { exact: [], anyCase: [] };
  const learn = (more: readonly (string | undefined)[]): void => {
    known = [...new Set([...known, ...more.map((s) => s?.trim() ?? '').filter((s) => s.length >= MIN_SECRET_LENGTH)])];
    // Longest first, so a secret that contains another is replaced whole.
    values = secretForms(known);
    cores = splitCores(known);
  };
  learn(secrets);

  const redact = (text: string): string => {
    let out = text;
    for (const value of values) {
      if (out.includes(value)) out = out.split(value).join(redacted('secret'));
    }
    return redactTokens(redactSplit(out, cores));
  };

  const redactDeep = (value: unknown, seen = new WeakSet<object>()): unknown => {
    if (typeof value === 'string') return redact(value);
    if (value === null || typeof value !== 'object') return value;
    if (seen.has(value)) return '[Circular]';
    seen.add(value);
    if (Array.isArray(value)) return value.map((v) => redactDeep(v, seen));
    if (value instanceof Error) {
      return { name: value.name, message: redact(value.message), ...(value.stack ? { stack: redact(value.stack) } : {}) };
    }
    if (!isPlainObject(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[redact(k)] = typeof v === 'string' && v !== '' && SECRET_KEY.test(k) ? redacted('secret') : redactDeep(v, seen);
    }
    return out;
  };

  return { redact, redactDeep: (value) => redactDeep(value), learn };
}

/** Replaces known token shapes only (no configured values). */
export function redactTokens(text: string): string {
  let out = text;
  for (const { kind, pattern } of TOKEN_PATTERNS) {
    out = out.replace(pattern, (...args: unknown[]) => {
      const match = args[0] as string;
      const groups = args[args.length - 1] as Record<string, string | undefined> | undefined;
      const secret = typeof groups === 'object' && groups ? groups.secret : undefined;
      if (!secret) return redacted(kind);
      const at = match.lastIndexOf(secret);
      return match.slice(0, at) + redacted(kind) + match.slice(at + secret.length);
    });
  }
  return out;
}

/** Whether the text holds something shaped like a known token. */
export function containsToken(text: string): boolean {
  return redactTokens(text) !== text;
}

/**
 * The forms a secret may appear in, matched exactly: as is, reversed, URL-encoded, hex (lower and
 * upper case), and base64 (standard and URL-safe) at each of the three byte alignments it can
 * have inside a longer base64 stream (as in a `Basic` header of `user:token`). Longest first, so
 * a longer form is never half-replaced.
 */
function secretForms(secrets: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    forms.add(secret);
    forms.add(reverse(secret));
    forms.add(encodeURIComponent(secret));
    forms.add(encodeURIComponent(secret).replace(/%20/g, '+'));
    const hex = Buffer.from(secret, 'utf8').toString('hex');
    forms.add(hex);
    forms.add(hex.toUpperCase());
    for (const b64 of base64Cores(secret)) {
      for (const form of [b64, b64.replace(/=+$/, '')]) {
        forms.add(form);
        forms.add(form.replace(/\+/g, '-').replace(/\//g, '_'));
      }
    }
  }
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/** Letters and digits, in the order of the text they come from. */
interface SplitCores {
  /** Matched as written: the secret and its base64 forms, forwards and reversed. */
  exact: string[];
  /** Matched in any letter case: the hex forms (lower case here). */
  anyCase: string[];
}

const alnum = (s: string): string => s.replace(/[^A-Za-z0-9]+/g, '');

function splitCores(secrets: readonly string[]): SplitCores {
  const exact = new Set<string>();
  const anyCase = new Set<string>();
  for (const secret of secrets) {
    for (const form of [secret, ...base64Cores(secret)]) {
      exact.add(alnum(form));
      exact.add(reverse(alnum(form)));
    }
    anyCase.add(Buffer.from(secret, 'utf8').toString('hex'));
  }
  const keep = (set: Set<string>) => [...set].filter((c) => c.length >= MIN_SPLIT_LENGTH).sort((a, b) => b.length - a.length);
  return { exact: keep(exact), anyCase: keep(anyCase) };
}

/**
 * Redacts secrets written with separators between their characters (`abcd efgh`, `ab-cd-ef`, one
 * piece per line, a hex dump with spaces): the text's letters and digits are searched with every
 * other character left out, and each hit is replaced in the text from its first character to its
 * last, separators included.
 */
function redactSplit(text: string, cores: SplitCores): string {
  if (cores.exact.length === 0 && cores.anyCase.length === 0) return text;
  const { chars, at } = projectAlnum(text);
  if (chars.length < MIN_SPLIT_LENGTH) return text;
  const spans: [number, number][] = [];
  const search = (haystack: string, needles: readonly string[]) => {
    for (const needle of needles) {
      for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
        spans.push([at[i]!, at[i + needle.length - 1]! + 1]);
      }
    }
  };
  search(chars, cores.exact);
  if (cores.anyCase.length) search(chars.toLowerCase(), cores.anyCase);
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let cursor = 0;
  for (const [start, stop] of spans) {
    // Overlapping hits become one.
    if (start < cursor) {
      cursor = Math.max(cursor, stop);
      continue;
    }
    out += text.slice(cursor, start) + redacted('secret');
    cursor = stop;
  }
  return out + text.slice(cursor);
}

/** The ASCII letters and digits of a text, and where each one is in it. */
function projectAlnum(text: string): { chars: string; at: Int32Array } {
  const codes = new Uint16Array(text.length);
  const at = new Int32Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      codes[n] = c;
      at[n] = i;
      n++;
    }
  }
  let chars = '';
  for (let i = 0; i < n; i += 8192) chars += String.fromCharCode(...codes.subarray(i, Math.min(n, i + 8192)));
  return { chars, at };
}

function reverse(s: string): string {
  return [...s].reverse().join('');
}

function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores = [bytes.toString('base64')];
  // With `shift` unknown bytes before the secret, only whole 3-byte groups made of secret
  // bytes encode the same way: skip the characters that mix in the prefix, drop the tail.
  for (const shift of [0, 1, 2]) {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
    const whole = padded.length - (padded.length % 3);
    const encoded = padded.subarray(0, whole).toString('base64');
    const skip = shift === 0 ? 0 : shift === 1 ? 2 : 3;
    const core = encoded.slice(skip);
    if (core.length >= 8) cores.push(core);
  }
  return cores;
}

/** Plain objects, also those made in another realm (e.g. JSON parsed by the runtime's fetch under a vm). */
function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return (
    proto === Object.prototype ||
    proto === null ||
    (Object.getPrototypeOf(proto) === null && Object.prototype.toString.call(value) === '[object Object]')
  );
}

/** Environment variable names that hold, or may hold, credentials. */
const SECRET_ENV_NAME = /TOKEN|SECRET|KEY|PASSWORD|PASSWD|PASS|CREDENTIAL|AUTH(?!OR)|SENTRY_DSN|\bDSN\b|_DSN$|COOKIE|SESSION/i;
const SECRET_ENV_PREFIX = /^(?:ACTIONS_RUNTIME_|ACTIONS_ID_TOKEN_|ACTIONS_CACHE_|ACTIONS_RESULTS_)/i;

/**
 * A copy of `env` without anything secret-looking: variables named like credentials, the
 * runner's internal tokens, and any variable whose value holds a known token shape. Names in
 * `allowlist` are kept as they are. PATH, HOME, LANG, CI and the like pass through.
 */
export function scrubEnv(env: Record<string, string | undefined>, allowlist: readonly string[] = []): Record<string, string> {
  const keep = new Set(allowlist);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (!keep.has(name) && isSecretEnv(name, value)) continue;
    out[name] = value;
  }
  return out;
}

export function isSecretEnv(name: string, value = ''): boolean {
  const normalized = name.replace(/-/g, '_');
  return SECRET_ENV_PREFIX.test(normalized) || SECRET_ENV_NAME.test(normalized) || containsToken(value);
}

/** Variables whose values are secrets in every run that has them: the factory's own tokens and the runner's. */
export const RUN_SECRET_ENV: readonly string[] = [
  'GITHUB_TOKEN',
  'GH_TOKEN',
  'ANTHROPIC_API_KEY',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
];

/** Default of the config's `secrets.env`: variables a deployment commonly hands the factory. */
export const DEFAULT_SECRET_ENV: readonly string[] = ['SENTRY_AUTH_TOKEN', 'NPM_TOKEN'];

/** The values of the named variables that are set. */
export function secretEnvValues(env: Record<string, string | undefined>, names: readonly string[]): string[] {
  return [...new Set(names)].map((n) => env[n]).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
}
