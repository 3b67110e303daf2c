/**
 * A compact map of the repository for the agent's first message: tracked files, most relevant
 * first, each with the symbols it exports, cut to a token budget (about 4 characters a token).
 */
export interface RepoMapSource {
  /** Paths of git-tracked files, relative to the repository root, with `/` separators. */
  listFiles(): Promise<string[]>;
  readFile(path: string): Promise<string>;
}

export interface RepoMapOptions extends RepoMapSource {
  maxTokens: number;
  /** Files larger than this are listed without symbols (default 200 000 chars). */
  maxFileChars?: number;
  /** At most this many symbols per file (default 12). */
  maxSymbolsPerFile?: number;
}

export interface RepoMap {
  text: string;
  totalFiles: number;
  includedFiles: number;
}

const CHARS_PER_TOKEN = 4;

type Extractor = (source: string) => string[];

const TS_EXPORT =
  /^\s*export\s+(?:default\s+)?(?:declare\s+)?(?:async\s+)?(?:abstract\s+)?(?:function\*?|class|const|let|var|interface|type|enum|namespace)\s+([A-Za-z_$][\w$]*)/gm;
const TS_EXPORT_LIST = /^\s*export\s*(?:type\s*)?\{([^}]*)\}/gm;
const PY_DEF = /^(?:async\s+)?(?:def|class)\s+([A-Za-z]\w*)/gm;
const GO_DEF = /^(?:func(?:\s*\([^)]*\))?|type|var|const)\s+([A-Z]\w*)/gm;
const RS_PUB = /^\s*pub(?:\([^)]*\))?\s+(?:async\s+)?(?:unsafe\s+)?(?:fn|struct|enum|trait|type|const|static|mod|union)\s+([A-Za-z_]\w*)/gm;

function matches(re: RegExp, source: string): string[] {
  return [...source.matchAll(re)].flatMap((m) => (m[1] ? [m[1]] : []));
}

const tsExtract: Extractor = (source) => [
  ...matches(TS_EXPORT, source),
  ...matches(TS_EXPORT_LIST, source).flatMap((list) =>
    list
      .split(',')
      .map((s) =>
        s
          .trim()
          .split(/\s+as\s+/)
          .pop()!
          .replace(/^type\s+/, '')
          .trim(),
      )
      .filter((s) => /^[A-Za-z_$][\w$]*$/.test(s)),
  ),
];

function extensionOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

const EXTRACTORS: Record<string, Extractor> = {
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
  rs: (s) => matches(RS_PUB, s),
};

function extractorFor(path: string): Extractor | undefined {
  const ext = extensionOf(path);
  return Object.hasOwn(EXTRACTORS, ext) ? EXTRACTORS[ext] : undefined;
}

/** Exported (public, top-level) symbols of a source file, by a simple per-language regex. */
export function extractSymbols(path: string, source: string): string[] {
  const extract = extractorFor(path);
  if (!extract) return [];
  return [...new Set(extract(source))];
}

const PRIMARY_DIRS = new Set(['src', 'lib', 'app', 'actions', 'cmd', 'pkg', 'internal']);
const LOW_VALUE =
  /(^|\/)(test|tests|__tests__|spec|fixtures?|examples?|vendor|dist|build)\/|\.(test|spec)\.[^/]+$|\.(lock|map|min\.js|snap|svg|png|jpe?g|gif|ico|woff2?)$|(^|\/)package-lock\.json$/;

/** Sort key: source folders first, tests and generated files last, then shallow before deep. */
export function relevanceRank(path: string): [number, number, string] {
  const segments = path.split('/');
  const group = LOW_VALUE.test(path) ? 2 : PRIMARY_DIRS.has(segments[0] ?? '') ? 0 : 1;
  return [group, segments.length, path];
}

function compareRank(a: string, b: string): number {
  const [ga, da, pa] = relevanceRank(a);
  const [gb, db, pb] = relevanceRank(b);
  return ga - gb || da - db || (pa < pb ? -1 : pa > pb ? 1 : 0);
}

export async function buildRepoMap(opts: RepoMapOptions): Promise<RepoMap> {
  const files = [...new Set(await opts.listFiles())].sort(compareRank);
  const budgetChars = Math.max(0, opts.maxTokens * CHARS_PER_TOKEN);
  const maxSymbols = opts.maxSymbolsPerFile ?? 12;
  const lines: string[] = [];
  let used = 0;
  for (const [i, file] of files.entries()) {
    const symbols = await symbolsOf(file, opts, maxSymbols);
    const line = symbols.length ? `${file}: ${symbols.join(', ')}` : file;
    const rest = files.length - i - 1;
    // Keep room for the closing "… N more files" line unless this is the last file.
    const reserve = rest > 0 ? moreLine(rest).length + 1 : 0;
    if (used + line.length + 1 + reserve > budgetChars) {
      // The previous step reserved room for exactly this line.
      lines.push(moreLine(files.length - i));
      return { text: lines.join('\n'), totalFiles: files.length, includedFiles: i };
    }
    lines.push(line);
    used += line.length + 1;
  }
  return { text: lines.join('\n'), totalFiles: files.length, includedFiles: files.length };
}

function moreLine(n: number): string {
  return `… ${n} more file${n === 1 ? '' : 's'}`;
}

async function symbolsOf(file: string, opts: RepoMapOptions, max: number): Promise<string[]> {
  if (!extractorFor(file)) return [];
  let source: string;
  try {
    source = await opts.readFile(file);
  } catch {
    return [];
  }
  if (source.length > (opts.maxFileChars ?? 200_000)) return [];
  const symbols = extractSymbols(file, source);
  return symbols.length > max ? [...symbols.slice(0, max), `+${symbols.length - max}`] : symbols;
}
