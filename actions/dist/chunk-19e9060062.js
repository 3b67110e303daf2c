import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);

// actions/shared/agent/repomap.ts
var CHARS_PER_TOKEN = 4;
var TS_EXPORT = /^\s*export\s+(?:default\s+)?(?:declare\s+)?(?:async\s+)?(?:abstract\s+)?(?:function\*?|class|const|let|var|interface|type|enum|namespace)\s+([A-Za-z_$][\w$]*)/gm;
var TS_EXPORT_LIST = /^\s*export\s*(?:type\s*)?\{([^}]*)\}/gm;
var PY_DEF = /^(?:async\s+)?(?:def|class)\s+([A-Za-z]\w*)/gm;
var GO_DEF = /^(?:func(?:\s*\([^)]*\))?|type|var|const)\s+([A-Z]\w*)/gm;
var RS_PUB = /^\s*pub(?:\([^)]*\))?\s+(?:async\s+)?(?:unsafe\s+)?(?:fn|struct|enum|trait|type|const|static|mod|union)\s+([A-Za-z_]\w*)/gm;
function matches(re, source) {
  return [...source.matchAll(re)].flatMap((m) => m[1] ? [m[1]] : []);
}
var tsExtract = (source) => [
  ...matches(TS_EXPORT, source),
  ...matches(TS_EXPORT_LIST, source).flatMap(
    (list) => list.split(",").map(
      (s) => s.trim().split(/\s+as\s+/).pop().replace(/^type\s+/, "").trim()
    ).filter((s) => /^[A-Za-z_$][\w$]*$/.test(s))
  )
];
function extensionOf(path) {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot <= 0 ? "" : base.slice(dot + 1).toLowerCase();
}
var EXTRACTORS = {
  ts: tsExtract,
  tsx: tsExtract,
  mts: tsExtract,
  cts: tsExtract,
  js: tsExtract,
  jsx: tsExtract,
  mjs: tsExtract,
  cjs: tsExtract,
  py: (s) => matches(PY_DEF, s),
  go: (s) => matches(GO_DEF, s),
  rs: (s) => matches(RS_PUB, s)
};
function extractorFor(path) {
  const ext = extensionOf(path);
  return Object.hasOwn(EXTRACTORS, ext) ? EXTRACTORS[ext] : void 0;
}
function extractSymbols(path, source) {
  const extract = extractorFor(path);
  if (!extract) return [];
  return [...new Set(extract(source))];
}
var PRIMARY_DIRS = /* @__PURE__ */ new Set(["src", "lib", "app", "actions", "cmd", "pkg", "internal"]);
var LOW_VALUE = /(^|\/)(test|tests|__tests__|spec|fixtures?|examples?|vendor|dist|build)\/|\.(test|spec)\.[^/]+$|\.(lock|map|min\.js|snap|svg|png|jpe?g|gif|ico|woff2?)$|(^|\/)package-lock\.json$/;
function relevanceRank(path) {
  const segments = path.split("/");
  const group = LOW_VALUE.test(path) ? 2 : PRIMARY_DIRS.has(segments[0] ?? "") ? 0 : 1;
  return [group, segments.length, path];
}
function compareRank(a, b) {
  const [ga, da, pa] = relevanceRank(a);
  const [gb, db, pb] = relevanceRank(b);
  return ga - gb || da - db || (pa < pb ? -1 : pa > pb ? 1 : 0);
}
async function buildRepoMap(opts) {
  const files = [...new Set(await opts.listFiles())].sort(compareRank);
  const budgetChars = Math.max(0, opts.maxTokens * CHARS_PER_TOKEN);
  const maxSymbols = opts.maxSymbolsPerFile ?? 12;
  const lines = [];
  let used = 0;
  for (const [i, file] of files.entries()) {
    const symbols = await symbolsOf(file, opts, maxSymbols);
    const line = symbols.length ? `${file}: ${symbols.join(", ")}` : file;
    const rest = files.length - i - 1;
    const reserve = rest > 0 ? moreLine(rest).length + 1 : 0;
    if (used + line.length + 1 + reserve > budgetChars) {
      lines.push(moreLine(files.length - i));
      return { text: lines.join("\n"), totalFiles: files.length, includedFiles: i };
    }
    lines.push(line);
    used += line.length + 1;
  }
  return { text: lines.join("\n"), totalFiles: files.length, includedFiles: files.length };
}
function moreLine(n) {
  return `\u2026 ${n} more file${n === 1 ? "" : "s"}`;
}
async function symbolsOf(file, opts, max) {
  if (!extractorFor(file)) return [];
  let source;
  try {
    source = await opts.readFile(file);
  } catch {
    return [];
  }
  if (source.length > (opts.maxFileChars ?? 2e5)) return [];
  const symbols = extractSymbols(file, source);
  return symbols.length > max ? [...symbols.slice(0, max), `+${symbols.length - max}`] : symbols;
}

export {
  buildRepoMap
};
