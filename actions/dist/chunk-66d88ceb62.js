import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);

// actions/shared/security/redact.ts
var MIN_SECRET_LENGTH = 6;
var MIN_SPLIT_LENGTH = 8;
var redacted = (kind) => `[REDACTED:${kind}]`;
var TOKEN_PATTERNS = [
  {
    kind: "private-key",
    pattern: /-----BEGIN[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|$)/g
  },
  { kind: "github-token", pattern: /\bgithub_pat_[A-Za-z0-9_]{20,}/g },
  { kind: "github-token", pattern: /\bgh[pousr]_[A-Za-z0-9]{20,}/g },
  { kind: "anthropic-key", pattern: /\bsk-ant-[A-Za-z0-9_-]{16,}/g },
  { kind: "sentry-token", pattern: /\bsntry[su]_[A-Za-z0-9+/=_-]{20,}/g },
  { kind: "npm-token", pattern: /\bnpm_[A-Za-z0-9]{30,}/g },
  { kind: "aws-access-key-id", pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g },
  {
    kind: "aws-secret-key",
    pattern: /\b(?:aws_?)?secret_?access_?key["']?\s*[:=]\s*["']?(?<secret>[A-Za-z0-9/+=]{20,})/gi
  },
  { kind: "slack-token", pattern: /\bxox[baprs]-[A-Za-z0-9-]{10,}/g },
  { kind: "jwt", pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  {
    kind: "authorization",
    pattern: /\bauthorization["']?\s*[:=]\s*["']?(?:bearer|token|basic)\s+(?<secret>[A-Za-z0-9._~+/=-]{8,})/gi
  },
  { kind: "bearer-token", pattern: /\bbearer\s+(?<secret>[A-Za-z0-9._~+/-]{16,}=*)/gi },
  // Sentry DSN: the key (and legacy secret) before `@` in https://KEY[:SECRET]@o1.ingest.sentry.io/2
  {
    kind: "sentry-dsn",
    pattern: /\bhttps?:\/\/(?<secret>[A-Za-z0-9]{16,}(?::[A-Za-z0-9]+)?)@[A-Za-z0-9.-]*sentry[A-Za-z0-9.-]*/gi
  },
  // Any other credential in a URL: scheme://user:PASSWORD@host
  { kind: "url-credential", pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@[\]]+:(?<secret>[^\s@/[\]]+)@/gi }
];
var SECRET_KEY = /(?:token|secret|password|passwd|api[_-]?key|private[_-]?key|authorization|credentials?|dsn)$/i;
function createRedactor(secrets) {
  let known = [];
  let values = [];
  let cores = { exact: [], anyCase: [] };
  const learn = (more) => {
    known = [.../* @__PURE__ */ new Set([...known, ...more.map((s) => s?.trim() ?? "").filter((s) => s.length >= MIN_SECRET_LENGTH)])];
    values = secretForms(known);
    cores = splitCores(known);
  };
  learn(secrets);
  const redact = (text) => {
    let out = text;
    for (const value of values) {
      if (out.includes(value)) out = out.split(value).join(redacted("secret"));
    }
    return redactTokens(redactSplit(out, cores));
  };
  const redactDeep = (value, seen = /* @__PURE__ */ new WeakSet()) => {
    if (typeof value === "string") return redact(value);
    if (value === null || typeof value !== "object") return value;
    if (seen.has(value)) return "[Circular]";
    seen.add(value);
    if (Array.isArray(value)) return value.map((v) => redactDeep(v, seen));
    if (value instanceof Error) {
      return { name: value.name, message: redact(value.message), ...value.stack ? { stack: redact(value.stack) } : {} };
    }
    if (!isPlainObject(value)) return value;
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      out[redact(k)] = typeof v === "string" && v !== "" && SECRET_KEY.test(k) ? redacted("secret") : redactDeep(v, seen);
    }
    return out;
  };
  return { redact, redactDeep: (value) => redactDeep(value), learn };
}
function redactTokens(text) {
  let out = text;
  for (const { kind, pattern } of TOKEN_PATTERNS) {
    out = out.replace(pattern, (...args) => {
      const match = args[0];
      const groups = args[args.length - 1];
      const secret = typeof groups === "object" && groups ? groups.secret : void 0;
      if (!secret) return redacted(kind);
      const at = match.lastIndexOf(secret);
      return match.slice(0, at) + redacted(kind) + match.slice(at + secret.length);
    });
  }
  return out;
}
function containsToken(text) {
  return redactTokens(text) !== text;
}
function secretForms(secrets) {
  const forms = /* @__PURE__ */ new Set();
  for (const secret of secrets) {
    forms.add(secret);
    forms.add(reverse(secret));
    forms.add(encodeURIComponent(secret));
    forms.add(encodeURIComponent(secret).replace(/%20/g, "+"));
    const hex = Buffer.from(secret, "utf8").toString("hex");
    forms.add(hex);
    forms.add(hex.toUpperCase());
    for (const b64 of base64Cores(secret)) {
      for (const form of [b64, b64.replace(/=+$/, "")]) {
        forms.add(form);
        forms.add(form.replace(/\+/g, "-").replace(/\//g, "_"));
      }
    }
  }
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}
var alnum = (s) => s.replace(/[^A-Za-z0-9]+/g, "");
function splitCores(secrets) {
  const exact = /* @__PURE__ */ new Set();
  const anyCase = /* @__PURE__ */ new Set();
  for (const secret of secrets) {
    for (const form of [secret, ...base64Cores(secret)]) {
      exact.add(alnum(form));
      exact.add(reverse(alnum(form)));
    }
    anyCase.add(Buffer.from(secret, "utf8").toString("hex"));
  }
  const keep = (set) => [...set].filter((c) => c.length >= MIN_SPLIT_LENGTH).sort((a, b) => b.length - a.length);
  return { exact: keep(exact), anyCase: keep(anyCase) };
}
function redactSplit(text, cores) {
  if (cores.exact.length === 0 && cores.anyCase.length === 0) return text;
  const { chars, at } = projectAlnum(text);
  if (chars.length < MIN_SPLIT_LENGTH) return text;
  const spans = [];
  const search = (haystack, needles) => {
    for (const needle of needles) {
      for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
        spans.push([at[i], at[i + needle.length - 1] + 1]);
      }
    }
  };
  search(chars, cores.exact);
  if (cores.anyCase.length) search(chars.toLowerCase(), cores.anyCase);
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0]);
  let out = "";
  let cursor = 0;
  for (const [start, stop] of spans) {
    if (start < cursor) {
      cursor = Math.max(cursor, stop);
      continue;
    }
    out += text.slice(cursor, start) + redacted("secret");
    cursor = stop;
  }
  return out + text.slice(cursor);
}
function projectAlnum(text) {
  const codes = new Uint16Array(text.length);
  const at = new Int32Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57 || c >= 65 && c <= 90 || c >= 97 && c <= 122) {
      codes[n] = c;
      at[n] = i;
      n++;
    }
  }
  let chars = "";
  for (let i = 0; i < n; i += 8192) chars += String.fromCharCode(...codes.subarray(i, Math.min(n, i + 8192)));
  return { chars, at };
}
function reverse(s) {
  return [...s].reverse().join("");
}
function base64Cores(secret) {
  const bytes = Buffer.from(secret, "utf8");
  const cores = [bytes.toString("base64")];
  for (const shift of [0, 1, 2]) {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
    const whole = padded.length - padded.length % 3;
    const encoded = padded.subarray(0, whole).toString("base64");
    const skip = shift === 0 ? 0 : shift === 1 ? 2 : 3;
    const core = encoded.slice(skip);
    if (core.length >= 8) cores.push(core);
  }
  return cores;
}
function isPlainObject(value) {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null || Object.getPrototypeOf(proto) === null && Object.prototype.toString.call(value) === "[object Object]";
}
var SECRET_ENV_NAME = /TOKEN|SECRET|KEY|PASSWORD|PASSWD|PASS|CREDENTIAL|AUTH(?!OR)|SENTRY_DSN|\bDSN\b|_DSN$|COOKIE|SESSION/i;
var SECRET_ENV_PREFIX = /^(?:ACTIONS_RUNTIME_|ACTIONS_ID_TOKEN_|ACTIONS_CACHE_|ACTIONS_RESULTS_)/i;
function scrubEnv(env, allowlist = []) {
  const keep = new Set(allowlist);
  const out = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === void 0) continue;
    if (!keep.has(name) && isSecretEnv(name, value)) continue;
    out[name] = value;
  }
  return out;
}
function isSecretEnv(name, value = "") {
  const normalized = name.replace(/-/g, "_");
  return SECRET_ENV_PREFIX.test(normalized) || SECRET_ENV_NAME.test(normalized) || containsToken(value);
}
var RUN_SECRET_ENV = [
  "GITHUB_TOKEN",
  "GH_TOKEN",
  "ANTHROPIC_API_KEY",
  "ACTIONS_RUNTIME_TOKEN",
  "ACTIONS_ID_TOKEN_REQUEST_TOKEN"
];
var DEFAULT_SECRET_ENV = ["SENTRY_AUTH_TOKEN", "NPM_TOKEN"];
function secretEnvValues(env, names) {
  return [...new Set(names)].map((n) => env[n]).filter((v) => typeof v === "string" && v.trim() !== "");
}

// actions/shared/security/markdown.ts
var FENCE_OPEN = /^( {0,3})(`{3,}(?=[^`]*$)|~{3,})/;
var HTML_START = /^(?:[ \t>]|[*+-][ \t]|\d{1,9}[.)][ \t])*<([A-Za-z/!?])/;
var HTML_LONG = [
  [/^(?:[ \t>]|[*+-][ \t]|\d{1,9}[.)][ \t])*<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^(?:[ \t>]|[*+-][ \t]|\d{1,9}[.)][ \t])*<!--/, /-->/],
  [/^(?:[ \t>]|[*+-][ \t]|\d{1,9}[.)][ \t])*<\?/, /\?>/],
  [/^(?:[ \t>]|[*+-][ \t]|\d{1,9}[.)][ \t])*<!\[CDATA\[/, /\]\]>/],
  [/^(?:[ \t>]|[*+-][ \t]|\d{1,9}[.)][ \t])*<![A-Za-z]/, />/]
];
var RAW_HTML = /<[A-Za-z/!?]|-->/;
var URL_AT = /^https?:\/\/[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+[^\s<]*/;
function segmentMarkdown(text, opts = {}) {
  const urls = opts.urls ?? true;
  const lines = classifyLines(text);
  const out = [];
  const push = (t, code) => {
    if (!t) return;
    const last = out[out.length - 1];
    if (last && last.code === code) last.text += t;
    else out.push({ text: t, code });
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.fence) {
      push(line.raw, true);
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && !lines[j].fence && lines[j].text.trim() !== "") j++;
    if (j === i) j = i + 1;
    const chunk = lines.slice(i, j);
    const htmlish = chunk.some((l) => l.html || RAW_HTML.test(l.text));
    let spans = !htmlish;
    for (const l of chunk) {
      spans = scanInline(l.text, spans, urls && !htmlish, push);
      push(l.raw.slice(l.text.length), false);
    }
    i = j;
  }
  return out;
}
function classifyLines(text) {
  const lines = text.split(/(?<=\n)/).map((raw) => {
    const body = raw.replace(/\r?\n$/, "");
    return { raw, text: body, fence: false, html: false };
  });
  let htmlEnd;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (htmlEnd) {
      line.html = true;
      if (htmlEnd === "blank" ? line.text.trim() === "" : htmlEnd.test(line.text)) htmlEnd = void 0;
      continue;
    }
    const open = FENCE_OPEN.exec(line.text);
    if (open) {
      const close = findFenceClose(lines, i, open[1].length, open[2]);
      if (close !== void 0) {
        for (let k = i; k <= close; k++) lines[k].fence = true;
        i = close;
      }
      continue;
    }
    if (!HTML_START.test(line.text)) continue;
    line.html = true;
    const long = HTML_LONG.find(([start]) => start.test(line.text));
    const end = long ? long[1] : "blank";
    const rest = long ? line.text.slice(line.text.search(/</) + 1) : "";
    if (end !== "blank" && end.test(rest)) continue;
    htmlEnd = end;
  }
  return lines;
}
function findFenceClose(lines, open, indent, marker) {
  const closing = new RegExp(`^ {0,3}${marker[0] === "`" ? "`" : "~"}{${marker.length},}[ \\t]*$`);
  for (let k = open + 1; k < lines.length; k++) {
    const t = lines[k].text;
    if (closing.test(t)) return k;
    if (indent > 0 && t.trim() !== "" && t.length - t.trimStart().length < indent) return void 0;
  }
  return indent === 0 ? lines.length - 1 : void 0;
}
function scanInline(line, spansEnabled, urls, push) {
  let spans = spansEnabled && !line.includes("|");
  let enabledAfter = spansEnabled;
  let prose = "";
  let i = 0;
  while (i < line.length) {
    const ch = line[i];
    if (ch === "\\") {
      prose += line.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (ch === "`") {
      let n = 1;
      while (line[i + n] === "`") n++;
      const close = spans ? findRun(line, i + n, n) : -1;
      if (close < 0) {
        prose += line.slice(i, i + n);
        i += n;
        spans = false;
        enabledAfter = false;
        continue;
      }
      push(prose, false);
      prose = "";
      push(line.slice(i, close + n), true);
      i = close + n;
      continue;
    }
    if (urls && ch === "h" && (i === 0 || /[\s*_~(]/.test(line[i - 1]))) {
      const m = URL_AT.exec(line.slice(i));
      if (m) {
        push(prose, false);
        prose = "";
        push(m[0], true);
        i += m[0].length;
        continue;
      }
    }
    prose += ch;
    i++;
  }
  push(prose, false);
  return enabledAfter;
}
function findRun(line, from, n) {
  let i = from;
  while (i < line.length) {
    if (line[i] !== "`") {
      i++;
      continue;
    }
    let m = 1;
    while (line[i + m] === "`") m++;
    if (m === n) return i;
    i += m;
  }
  return -1;
}

export {
  redacted,
  createRedactor,
  scrubEnv,
  RUN_SECRET_ENV,
  DEFAULT_SECRET_ENV,
  secretEnvValues,
  segmentMarkdown
};
