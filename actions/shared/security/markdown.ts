/**
 * Splits Markdown into code (left untouched) and prose (where mentions are neutralised).
 *
 * This is not a full CommonMark parser, and it does not need to be: it only has to be
 * conservative. Marking prose as code would let a live `@mention` through, so something is
 * code only when GitHub certainly renders it as code or as a link:
 * - fenced blocks opening at the left margin (indented fences only when nothing in them could
 *   have ended an enclosing list item), never inside an HTML block;
 * - inline code spans that close on the same line, in paragraphs without raw HTML, on lines
 *   without table pipes, and before any unpaired backtick (which GitHub might pair elsewhere);
 * - bare `http(s)://` URLs that GitHub autolinks (the link swallows any `@` in the path), unless
 *   `urls: false` (the outbound check rewrites URLs, so to it they are prose).
 * Everything else, including indented code blocks and HTML, is prose.
 */
export interface Segment {
  text: string;
  /** Leave untouched. */
  code: boolean;
}

interface Line {
  text: string;
  /** Includes the line break, if any. */
  raw: string;
  fence: boolean;
  html: boolean;
}

const FENCE_OPEN = /^( {0,3})(`{3,}(?=[^`]*$)|~{3,})/;
const HTML_START = /^(?:[ \t>]|[*+-][ \t]|\d{1,9}[.)][ \t])*<([A-Za-z/!?])/;
/** HTML blocks that run past blank lines, with what ends them. */
const HTML_LONG: [RegExp, RegExp][] = [
  [/^(?:[ \t>]|[*+-][ \t]|\d{1,9}[.)][ \t])*<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^(?:[ \t>]|[*+-][ \t]|\d{1,9}[.)][ \t])*<!--/, /-->/],
  [/^(?:[ \t>]|[*+-][ \t]|\d{1,9}[.)][ \t])*<\?/, /\?>/],
  [/^(?:[ \t>]|[*+-][ \t]|\d{1,9}[.)][ \t])*<!\[CDATA\[/, /\]\]>/],
  [/^(?:[ \t>]|[*+-][ \t]|\d{1,9}[.)][ \t])*<![A-Za-z]/, />/],
];
const RAW_HTML = /<[A-Za-z/!?]|-->/;
const URL_AT = /^https?:\/\/[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+[^\s<]*/;

export function segmentMarkdown(text: string, opts: { urls?: boolean } = {}): Segment[] {
  const urls = opts.urls ?? true;
  const lines = classifyLines(text);
  const out: Segment[] = [];
  const push = (t: string, code: boolean) => {
    if (!t) return;
    const last = out[out.length - 1];
    if (last && last.code === code) last.text += t;
    else out.push({ text: t, code });
  };

  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.fence) {
      push(line.raw, true);
      i++;
      continue;
    }
    // A chunk: consecutive prose lines up to a blank line or a fence.
    let j = i;
    while (j < lines.length && !lines[j]!.fence && lines[j]!.text.trim() !== '') j++;
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

function classifyLines(text: string): Line[] {
  const lines: Line[] = text.split(/(?<=\n)/).map((raw) => {
    const body = raw.replace(/\r?\n$/, '');
    return { raw, text: body, fence: false, html: false };
  });
  let htmlEnd: RegExp | 'blank' | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (htmlEnd) {
      line.html = true;
      if (htmlEnd === 'blank' ? line.text.trim() === '' : htmlEnd.test(line.text)) htmlEnd = undefined;
      continue;
    }
    const open = FENCE_OPEN.exec(line.text);
    if (open) {
      const close = findFenceClose(lines, i, open[1]!.length, open[2]!);
      if (close !== undefined) {
        for (let k = i; k <= close; k++) lines[k]!.fence = true;
        i = close;
      }
      continue;
    }
    if (!HTML_START.test(line.text)) continue;
    line.html = true;
    const long = HTML_LONG.find(([start]) => start.test(line.text));
    const end = long ? long[1] : 'blank';
    const rest = long ? line.text.slice(line.text.search(/</) + 1) : '';
    if (end !== 'blank' && end.test(rest)) continue;
    htmlEnd = end;
  }
  return lines;
}

/**
 * The closing line of a fence, or undefined when the fence is not certainly code: an indented
 * fence may belong to a list item that a less indented line ends, so then it counts as prose.
 * An unclosed fence at the margin runs to the end, as on GitHub.
 */
function findFenceClose(lines: Line[], open: number, indent: number, marker: string): number | undefined {
  const closing = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`);
  for (let k = open + 1; k < lines.length; k++) {
    const t = lines[k]!.text;
    if (closing.test(t)) return k;
    if (indent > 0 && t.trim() !== '' && t.length - t.trimStart().length < indent) return undefined;
  }
  return indent === 0 ? lines.length - 1 : undefined;
}

/** Splits one line; returns whether code spans stay enabled for the rest of the chunk. */
function scanInline(line: string, spansEnabled: boolean, urls: boolean, push: (t: string, code: boolean) => void): boolean {
  let spans = spansEnabled && !line.includes('|');
  let enabledAfter = spansEnabled;
  let prose = '';
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === '\\') {
      prose += line.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (ch === '`') {
      let n = 1;
      while (line[i + n] === '`') n++;
      const close = spans ? findRun(line, i + n, n) : -1;
      if (close < 0) {
        // Unpaired here: GitHub may pair it with a run further on, so trust no later span.
        prose += line.slice(i, i + n);
        i += n;
        spans = false;
        enabledAfter = false;
        continue;
      }
      push(prose, false);
      prose = '';
      push(line.slice(i, close + n), true);
      i = close + n;
      continue;
    }
    if (urls && ch === 'h' && (i === 0 || /[\s*_~(]/.test(line[i - 1]!))) {
      const m = URL_AT.exec(line.slice(i));
      if (m) {
        push(prose, false);
        prose = '';
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

/** Start of the next run of exactly `n` backticks at or after `from`, or -1. */
function findRun(line: string, from: number, n: number): number {
  let i = from;
  while (i < line.length) {
    if (line[i] !== '`') {
      i++;
      continue;
    }
    let m = 1;
    while (line[i + m] === '`') m++;
    if (m === n) return i;
    i += m;
  }
  return -1;
}
