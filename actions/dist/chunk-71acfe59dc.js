import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  createRedactor,
  redacted,
  segmentMarkdown
} from "./chunk-66d88ceb62.js";

// actions/shared/security/neutralize.ts
var MENTION = /(?<![A-Za-z0-9])@([A-Za-z0-9][A-Za-z0-9-]*(?:\/[A-Za-z0-9][A-Za-z0-9_.-]*)?)/g;
var REFERENCE = "(?:[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)?#\\d+|GH-\\d+|https?://(?:www\\.)?github\\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/(?:issues|pull)/\\d+";
var CLOSING = new RegExp(
  `(?<![A-Za-z0-9_])(close[sd]?|fix(?:e[sd])?|resolve[sd]?)([*_]{0,3}(?:\\s*:\\s*|\\s+)[*_]{0,3})(${REFERENCE})(?![A-Za-z0-9_])`,
  "gi"
);
function neutralizeMentions(text) {
  return segmentMarkdown(text).map((s) => s.code ? s.text : s.text.replace(MENTION, "@ $1")).join("");
}
function neutralizeClosingKeywords(text) {
  return text.replace(CLOSING, "$1$2($3)");
}
function neutralize(text) {
  return neutralizeMentions(neutralizeClosingKeywords(text));
}

// actions/shared/security/sanitize.ts
import { randomBytes } from "node:crypto";

// actions/shared/security/html.ts
var COMMENT = /<!--(?:-?>|[\s\S]*?(?:--!?>|$))/g;
var HIDDEN_ELEMENTS = /* @__PURE__ */ new Set([
  "script",
  "style",
  "template",
  "noscript",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "svg",
  "math",
  "textarea",
  "select",
  "title",
  "head"
]);
var RAW_TEXT = /* @__PURE__ */ new Set(["script", "style", "textarea", "title", "noscript", "iframe"]);
var DROP_TAGS = /* @__PURE__ */ new Set(["meta", "link", "base", "input", "form", "button", "param", "source", "track"]);
var VOID = /* @__PURE__ */ new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]);
var MAX_TAG = 1024;
var HIDDEN_ATTR = /(?:^|\s)hidden(?:\s|=|\/|$)/i;
var HANDLER_ATTR = /(?:^|\s)on[a-z]+\s*=/i;
var STYLE_ATTR = /(?:^|\s)style\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;
var HIDING_STYLE = /display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)|font-size\s*:\s*0*\.?0+(?:[a-z%]+)?\s*(?:;|!|$)|opacity\s*:\s*0*\.?0+\s*(?:;|!|$)/i;
function removeHtmlComments(text) {
  let out = text;
  for (let i = 0; i < 10; i++) {
    const next = out.replace(COMMENT, "");
    if (next === out) break;
    out = next;
  }
  return out;
}
function classify(name, closing, attrs) {
  if (closing) return HIDDEN_ELEMENTS.has(name) || DROP_TAGS.has(name) ? "drop-tag" : "keep";
  if (HIDDEN_ELEMENTS.has(name)) return VOID.has(name) ? "drop-tag" : "drop-element";
  if (DROP_TAGS.has(name) || HANDLER_ATTR.test(attrs)) return "drop-tag";
  const style = STYLE_ATTR.exec(attrs);
  const hidden = HIDDEN_ATTR.test(attrs) || style !== null && HIDING_STYLE.test(style[1] ?? style[2] ?? style[3] ?? "");
  if (!hidden) return "keep";
  return VOID.has(name) || /\/\s*$/.test(attrs) ? "drop-tag" : "drop-element";
}
function tagAt(text, start) {
  let i = start + 1;
  const closing = text[i] === "/";
  if (closing) i++;
  const name = /^[A-Za-z][A-Za-z0-9-]*/.exec(text.slice(i, i + 64))?.[0];
  if (!name) return void 0;
  i += name.length;
  const attrsStart = i;
  const limit = Math.min(text.length, i + MAX_TAG);
  while (i < limit) {
    const c = text[i];
    if (c === ">") return { name: name.toLowerCase(), closing, attrs: text.slice(attrsStart, i), start, end: i + 1 };
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < limit && text[j] !== c) j++;
      if (j >= limit) return void 0;
      i = j + 1;
      continue;
    }
    i++;
  }
  return void 0;
}
function* tags(text, from) {
  let pos = from;
  const lastGt = text.lastIndexOf(">");
  for (; ; ) {
    const lt = text.indexOf("<", pos);
    if (lt < 0 || lt > lastGt) return;
    const tag = tagAt(text, lt);
    if (tag) {
      const resume = yield tag;
      pos = resume ?? tag.end;
    } else {
      pos = lt + 1;
    }
  }
}
function removeHiddenMarkup(text) {
  let out = "";
  let pos = 0;
  const it = tags(text, 0);
  for (let r = it.next(); !r.done; ) {
    const tag = r.value;
    const action = classify(tag.name, tag.closing, tag.attrs);
    if (action === "keep") {
      r = it.next();
      continue;
    }
    out += text.slice(pos, tag.start);
    pos = action === "drop-tag" ? tag.end : elementEnd(text, tag.name, tag.end);
    r = it.next(pos);
  }
  return out + text.slice(pos);
}
function elementEnd(text, name, from) {
  if (RAW_TEXT.has(name)) {
    const close = new RegExp(`</${name}\\s*>`, "gi");
    close.lastIndex = from;
    const m = close.exec(text);
    return m ? m.index + m[0].length : text.length;
  }
  let depth = 1;
  for (const tag of tags(text, from)) {
    if (tag.name !== name) continue;
    if (tag.closing) depth--;
    else if (!/\/\s*$/.test(tag.attrs)) depth++;
    if (depth === 0) return tag.end;
  }
  return text.length;
}
var MARKDOWN_COMMENT = /^ {0,3}\[[^\]\n]*\]:[ \t]*(?:#|<>)(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*(?:\r?\n|$)/gm;
function removeMarkdownComments(text) {
  return text.replace(MARKDOWN_COMMENT, "");
}
function defuseMarkers(text) {
  return text.replace(/<!--(\s*)factory:/gi, "<!--$1factory-marker-removed:");
}

// actions/shared/security/invisible.ts
var INVISIBLE = (
  // eslint-disable-next-line no-misleading-character-class
  /[\u200B-\u200F\u2060-\u2064\u2066-\u2069\u202A-\u202E\uFEFF\u00AD\u034F\u061C\u180E\uFFF9-\uFFFB\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\uDB40[\uDC00-\uDC7F]/g
);
function stripInvisible(text) {
  let removed = 0;
  const out = text.replace(INVISIBLE, () => {
    removed++;
    return "";
  });
  return { text: out, removed };
}

// actions/shared/security/sanitize.ts
var DEFAULT_UNTRUSTED_MAX_CHARS = 4e4;
function sanitizeText(text, opts = {}) {
  const format = opts.format ?? "markdown";
  const { text: visible, removed } = stripInvisible(text ?? "");
  let out = visible;
  if (format === "markdown") {
    for (let i = 0; i < 10; i++) {
      const next = removeMarkdownComments(removeHiddenMarkup(removeHtmlComments(out)));
      if (next === out) break;
      out = next;
    }
  } else {
    out = defuseMarkers(out);
  }
  out = (opts.redactor ?? createRedactor([])).redact(out);
  if (format === "markdown") {
    out = neutralizeMentions(neutralizeClosingKeywords(out));
  } else if (removed > 0) {
    out = `[sanitizer: removed ${removed} invisible or bidirectional control character(s)]
${out}`;
  }
  return truncate(out, opts.maxChars);
}
function truncate(text, maxChars) {
  if (maxChars === void 0 || text.length <= maxChars) return text;
  const limit = Math.max(0, Math.floor(maxChars));
  const note = (kept) => `
[truncated: ${text.length - kept} of ${text.length} characters omitted]`;
  let keep = Math.max(0, limit - note(limit).length);
  if (keep > 0 && /[\uD800-\uDBFF]/.test(text[keep - 1])) keep--;
  const result = text.slice(0, keep) + note(keep);
  return result.length <= limit ? result : result.slice(0, limit);
}
function untrusted(source, text, opts = {}) {
  const id = (opts.id ?? (() => randomBytes(12).toString("hex")))();
  const body = sanitizeText(text, { ...opts, maxChars: opts.maxChars ?? DEFAULT_UNTRUSTED_MAX_CHARS }).replace(
    /<(\s*\/?\s*untrusted)/gi,
    "$1"
  );
  return `<untrusted source="${fenceAttribute(source)}" id="${id}">
${body}
</untrusted id="${id}">`;
}
function fenceAttribute(source) {
  return stripInvisible(source).text.replace(/[\r\n\t]+/g, " ").replace(/["<>&]/g, "").trim().slice(0, 200);
}

// actions/shared/security/personal.ts
var EMAIL = /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g;
var IPV4 = /\b(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\b/g;
var IPV6 = /(?<![\w:])(?:[0-9a-f]{1,4}:){2,7}(?::|[0-9a-f]{1,4})(?![\w:])|(?<![\w:])(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4}(?![\w:])/gi;
var CREDENTIAL = /\b((?:pass(?:word|wd)?|secret|api[_-]?key|access[_-]?token|auth[_-]?token|session[_-]?id)["']?\s*[:=]\s*["']?)([^\s"',;&]{4,})/gi;
function looksLikeIpv6(candidate) {
  const groups = candidate.split(":").filter(Boolean).length;
  return groups >= 3 && (candidate.includes("::") || /[a-f]/i.test(candidate) || groups >= 6);
}
function scrubPersonalData(text) {
  return text.replace(CREDENTIAL, (_whole, key) => `${key}${redacted("credential")}`).replace(EMAIL, redacted("email")).replace(IPV4, redacted("ip")).replace(IPV6, (m) => looksLikeIpv6(m) ? redacted("ip") : m);
}

export {
  defuseMarkers,
  neutralize,
  sanitizeText,
  untrusted,
  scrubPersonalData
};
