/**
 * Markup that hides text from a human reader of rendered Markdown while a model still reads it.
 * Removal is deliberately broad (it also applies inside code blocks): losing an HTML comment
 * from a pasted snippet is cheap, letting hidden instructions through is not.
 */

/** HTML comments, including `<!-->`, `<!--->` and an unterminated one (removed to the end). */
const COMMENT = /<!--(?:-?>|[\s\S]*?(?:--!?>|$))/g;

/** Elements whose content is never shown as text. */
const HIDDEN_ELEMENTS = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'textarea',
  'select',
  'title',
  'head',
]);
/** Elements whose content is raw text: it ends at the first matching end tag. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'noscript', 'iframe']);
/** Tags removed on their own (no content to keep or hide). */
const DROP_TAGS = new Set(['meta', 'link', 'base', 'input', 'form', 'button', 'param', 'source', 'track']);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/** Longest tag we parse; longer ones stay text (bounds the work on hostile input). */
const MAX_TAG = 1024;
const HIDDEN_ATTR = /(?:^|\s)hidden(?:\s|=|\/|$)/i;
const HANDLER_ATTR = /(?:^|\s)on[a-z]+\s*=/i;
const STYLE_ATTR = /(?:^|\s)style\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;
const HIDING_STYLE =
  /display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)|font-size\s*:\s*0*\.?0+(?:[a-z%]+)?\s*(?:;|!|$)|opacity\s*:\s*0*\.?0+\s*(?:;|!|$)/i;

export function removeHtmlComments(text: string): string {
  let out = text;
  for (let i = 0; i < 10; i++) {
    const next = out.replace(COMMENT, '');
    if (next === out) break;
    out = next;
  }
  return out;
}

type TagAction = 'keep' | 'drop-tag' | 'drop-element';

function classify(name: string, closing: boolean, attrs: string): TagAction {
  if (closing) return HIDDEN_ELEMENTS.has(name) || DROP_TAGS.has(name) ? 'drop-tag' : 'keep';
  if (HIDDEN_ELEMENTS.has(name)) return VOID.has(name) ? 'drop-tag' : 'drop-element';
  if (DROP_TAGS.has(name) || HANDLER_ATTR.test(attrs)) return 'drop-tag';
  const style = STYLE_ATTR.exec(attrs);
  const hidden = HIDDEN_ATTR.test(attrs) || (style !== null && HIDING_STYLE.test(style[1] ?? style[2] ?? style[3] ?? ''));
  if (!hidden) return 'keep';
  return VOID.has(name) || /\/\s*$/.test(attrs) ? 'drop-tag' : 'drop-element';
}

interface Tag {
  name: string;
  closing: boolean;
  attrs: string;
  start: number;
  end: number;
}

/** The tag starting at `start` (a `<`), quotes respected, or undefined. */
function tagAt(text: string, start: number): Tag | undefined {
  let i = start + 1;
  const closing = text[i] === '/';
  if (closing) i++;
  const name = /^[A-Za-z][A-Za-z0-9-]*/.exec(text.slice(i, i + 64))?.[0];
  if (!name) return undefined;
  i += name.length;
  const attrsStart = i;
  const limit = Math.min(text.length, i + MAX_TAG);
  while (i < limit) {
    const c = text[i];
    if (c === '>') return { name: name.toLowerCase(), closing, attrs: text.slice(attrsStart, i), start, end: i + 1 };
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < limit && text[j] !== c) j++;
      if (j >= limit) return undefined;
      i = j + 1;
      continue;
    }
    i++;
  }
  return undefined;
}

/** Tags in order from `from`. */
function* tags(text: string, from: number): Generator<Tag> {
  let pos = from;
  const lastGt = text.lastIndexOf('>');
  for (;;) {
    const lt = text.indexOf('<', pos);
    if (lt < 0 || lt > lastGt) return;
    const tag = tagAt(text, lt);
    if (tag) {
      const resume: number | undefined = yield tag;
      pos = resume ?? tag.end;
    } else {
      pos = lt + 1;
    }
  }
}

/**
 * Removes `<script>`, `<style>` and similar elements with their content, elements hidden by a
 * `hidden` attribute or a hiding style, and tags carrying event handlers (`<img onerror=...>`).
 * `<details>` / `<summary>` and ordinary tags are kept.
 */
export function removeHiddenMarkup(text: string): string {
  let out = '';
  let pos = 0;
  const it = tags(text, 0);
  for (let r = it.next(); !r.done;) {
    const tag = r.value;
    const action = classify(tag.name, tag.closing, tag.attrs);
    if (action === 'keep') {
      r = it.next();
      continue;
    }
    out += text.slice(pos, tag.start);
    pos = action === 'drop-tag' ? tag.end : elementEnd(text, tag.name, tag.end);
    r = it.next(pos);
  }
  return out + text.slice(pos);
}

/** Index just after the end tag matching an element opened before `from` (or the text's end). */
function elementEnd(text: string, name: string, from: number): number {
  if (RAW_TEXT.has(name)) {
    const close = new RegExp(`</${name}\\s*>`, 'gi');
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

/** Markdown's comment idiom, a link reference definition to `#`: `[//]: # (hidden)`. */
const MARKDOWN_COMMENT = /^ {0,3}\[[^\]\n]*\]:[ \t]*(?:#|<>)(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*(?:\r?\n|$)/gm;

export function removeMarkdownComments(text: string): string {
  return text.replace(MARKDOWN_COMMENT, '');
}

/**
 * For text that is not rendered (code, diffs, logs): keep every comment, but make the
 * factory's own marker prefix unrecognizable so the text can never carry a forged marker.
 */
export function defuseMarkers(text: string): string {
  return text.replace(/<!--(\s*)factory:/gi, '<!--$1factory-marker-removed:');
}
