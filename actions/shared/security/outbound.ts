import MarkdownIt from 'markdown-it';
import { segmentMarkdown } from './markdown';

/**
 * The outbound check: what the factory writes to GitHub passes it first (comments, reviews and
 * their inline comments, thread replies, issue and pull request titles and bodies). Commit
 * messages and pushed files get the secret part only.
 *
 * - Secrets: text the run's redactor would change is refused (`secret-in-output`). The redactor
 *   knows every secret the run holds, in every encoding (redact.ts).
 * - Images load by themselves when the text is shown, so their URL could carry data out without a
 *   click: an image (Markdown, or HTML `src`, `srcset`, `poster`...) must be relative (the
 *   repository's) or on an allowed host (`image-host`); `data:` and other non-http(s) URLs are
 *   refused (`unsafe-url`).
 * - Links to a host off the allowlist are made inert: defanged, as security tools write addresses,
 *   `https://evil.example/x` -> `hxxps://evil[.]example/x`, and `[text](https://evil.example/x)` ->
 *   `text (hxxps://evil[.]example/x)`. A person can still read and copy the address; GitHub links
 *   only http(s) and `www.` addresses, and `evil[.]example` is no host. Links with another scheme
 *   (`javascript:`, `data:`, `file:`, `vbscript:`...) are refused (`unsafe-url`); `mailto:` passes.
 *   The result is parsed again (CommonMark with GitHub's autolinks, entities decoded), and a link
 *   off the allowlist the rewrite did not reach is refused (`link-host`).
 * Code blocks and inline code are left as written: GitHub links nothing there.
 *
 * Allowed hosts are patterns: `example.com` is that host, `*.example.com` its subdomains.
 */

export const OUTBOUND_RULES = {
  secret: 'secret-in-output',
  imageHost: 'image-host',
  unsafeUrl: 'unsafe-url',
  linkHost: 'link-host',
} as const;
export type OutboundRule = (typeof OUTBOUND_RULES)[keyof typeof OUTBOUND_RULES];

export interface OutboundRefusal {
  rule: OutboundRule;
  reason: string;
}

export type OutboundResult = { ok: true; text: string } | ({ ok: false } & OutboundRefusal);

export interface OutboundOptions {
  /** The run's redactor: text it would change holds a secret. */
  redact(text: string): string;
  /** Host patterns links and images may point to (see allowedHostsFor). */
  allowedHosts: readonly string[];
}

/** GitHub's own hosts; `*.github.io` (anyone's pages) is not one of them. */
export const GITHUB_HOSTS: readonly string[] = ['github.com', '*.github.com', 'githubusercontent.com', '*.githubusercontent.com'];

/**
 * The hosts of a run: GitHub's, the GitHub Enterprise server it runs on (GITHUB_SERVER_URL) with
 * its subdomains, and the configured `outputs.allowedHosts`.
 */
export function allowedHostsFor(configured: readonly string[] = [], serverUrl?: string): string[] {
  const server = serverUrl ? urlHost(serverUrl) : '';
  const enterprise = server && !hostAllowed(server, GITHUB_HOSTS) ? [server, `*.${server}`] : [];
  return [...new Set([...GITHUB_HOSTS, ...enterprise, ...configured.map((h) => h.trim().toLowerCase()).filter(Boolean)])];
}

export function hostAllowed(host: string, patterns: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (!h) return false;
  return patterns.some((p) => (p.startsWith('*.') ? h.endsWith(p.slice(1)) && h.length > p.length - 1 : h === p));
}

/** The secret part alone: commit messages, pushed files, anything that is not rendered Markdown. */
export function checkSecret(text: string, redact: (text: string) => string): OutboundRefusal | undefined {
  return redact(text) === text ? undefined : { rule: OUTBOUND_RULES.secret, reason: 'contains a value that looks like a secret' };
}

/** Markdown the factory is about to write: refused, or returned with its foreign links inert. */
export function checkOutbound(text: string, opts: OutboundOptions): OutboundResult {
  const secret = checkSecret(text, opts.redact);
  if (secret) return { ok: false, ...secret };
  const before = refusal(findTargets(text), opts.allowedHosts, false);
  if (before) return { ok: false, ...before };
  const inert = inertLinks(text, opts.allowedHosts);
  const after = refusal(findTargets(inert), opts.allowedHosts, true);
  if (after) return { ok: false, ...after };
  return { ok: true, text: inert };
}

// ---------------------------------------------------------------------------------------------
// What a text links to and loads, as GitHub renders it

interface Target {
  url: string;
  image: boolean;
}

type Kind = { kind: 'relative' } | { kind: 'web'; host: string } | { kind: 'inert' } | { kind: 'other'; scheme: string };

const md = new MarkdownIt({ html: true, linkify: true });
// See every destination as written (entities and escapes decoded), unsafe ones included.
md.validateLink = () => true;
md.normalizeLink = (url) => url;
md.normalizeLinkText = (text) => text;
md.linkify.set({ fuzzyLink: true, fuzzyEmail: false, fuzzyIP: false });

/** Attributes whose URL a browser loads by itself, and those it follows on a click. */
const LOAD_ATTRS = new Set([
  'src',
  'srcset',
  'poster',
  'background',
  'lowsrc',
  'dynsrc',
  'data',
  'xlink:href',
  'icon',
  'manifest',
  'codebase',
]);
const LINK_ATTRS = new Set(['href', 'action', 'formaction', 'cite', 'longdesc', 'usemap', 'ping']);
const HTML_TAG = /<[A-Za-z](?:"[^"]*"|'[^']*'|[^'">])*>?/g;
const HTML_ATTR = /(?<=[\s"'/])([A-Za-z][A-Za-z:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g;

function findTargets(text: string): Target[] {
  const out: Target[] = [];
  const walk = (tokens: ReturnType<typeof md.parse>) => {
    tokens.forEach((t, i) => {
      if (t.type === 'image') out.push({ url: String(t.attrGet('src') ?? ''), image: true });
      if (t.type === 'link_open' && (t.markup !== 'linkify' || isGitHubAutolink(tokens[i + 1]?.content ?? ''))) {
        out.push({ url: String(t.attrGet('href') ?? ''), image: false });
      }
      if (t.type === 'html_inline' || t.type === 'html_block') out.push(...htmlTargets(t.content));
      if (t.children) walk(t.children);
    });
  };
  walk(md.parse(text, {}));
  return out;
}

/** GitHub autolinks http(s):// and www. addresses, not bare domains such as README.md. */
function isGitHubAutolink(text: string): boolean {
  return /^(?:https?:\/\/|www\.|mailto:)/i.test(text);
}

function htmlTargets(html: string): Target[] {
  const out: Target[] = [];
  for (const tag of html.match(HTML_TAG) ?? []) {
    for (const m of tag.matchAll(HTML_ATTR)) {
      const name = m[1]!.toLowerCase();
      const value = md.utils.unescapeAll(m[2] ?? m[3] ?? m[4] ?? '');
      if (LOAD_ATTRS.has(name)) {
        const urls = name === 'srcset' ? value.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '') : [value];
        out.push(...urls.map((url) => ({ url, image: true })));
      } else if (LINK_ATTRS.has(name)) {
        out.push({ url: value, image: false });
      }
    }
  }
  return out;
}

function classify(raw: string): Kind {
  // As a browser reads it: tabs and newlines anywhere and surrounding controls do not count.
  const url = raw.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'hxxp' || scheme === 'hxxps') return { kind: 'inert' };
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') return { kind: 'other', scheme };
  let parsed: URL;
  try {
    parsed = new URL(url, 'https://github.com/');
  } catch {
    // A browser cannot follow it either (what a defanged host such as evil[.]example becomes).
    return { kind: 'inert' };
  }
  if (scheme === undefined && !/^[\\/]{2}/.test(url)) return { kind: 'relative' };
  return { kind: 'web', host: parsed.hostname };
}

function refusal(targets: Target[], hosts: readonly string[], rewritten: boolean): OutboundRefusal | undefined {
  for (const { url, image } of targets) {
    const k = classify(url);
    if (k.kind === 'relative' || (k.kind === 'web' && hostAllowed(k.host, hosts))) continue;
    if (k.kind === 'other' && !(k.scheme === 'mailto' && !image)) {
      const what = image ? 'loads an image from' : 'links to';
      return { rule: OUTBOUND_RULES.unsafeUrl, reason: `${what} a ${k.scheme}: URL; only http(s) addresses are allowed` };
    }
    if (image && (k.kind === 'web' || k.kind === 'inert')) {
      const host = k.kind === 'web' ? k.host : 'an unreadable or defanged address';
      return { rule: OUTBOUND_RULES.imageHost, reason: `loads an image from ${host}, which is not an allowed host (outputs.allowedHosts)` };
    }
    if (rewritten && k.kind === 'web') {
      return {
        rule: OUTBOUND_RULES.linkHost,
        reason: `links to ${k.host} (not an allowed host) in a form that cannot be made inert; write the address as plain text`,
      };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Making links inert

/** `[text](url "title")` on one line, not an image. */
const INLINE_LINK = /(?<![!\\\]])\[([^[\]\n]*)\]\(\s*<?([^\s()<>]+)>?(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)/g;
/** `<https://...>` */
const AUTOLINK = /<((?:https?:)?\/\/[^\s<>]*)>/gi;
/** `http(s)://authority`, `//authority` and `www.authority`. */
const WEB_ADDRESS =
  /(?<![A-Za-z0-9+.-])(?:(https?):)?([\\/]{2})([^\s\\/?#<>"'`()[\]{}|^]*)|(?<![A-Za-z0-9_.\-\\/@])(www\.[^\s\\/?#<>"'`()[\]{}|^]+)/gi;

function inertLinks(text: string, hosts: readonly string[]): string {
  const foreign = (url: string) => {
    const k = classify(url);
    return k.kind === 'web' && !hostAllowed(k.host, hosts);
  };
  return segmentMarkdown(text, { urls: false })
    .map((s) => {
      if (s.code) return s.text;
      return s.text
        .replace(INLINE_LINK, (m, label: string, url: string) => (foreign(url) ? `${label} (${url})` : m))
        .replace(AUTOLINK, (m, url: string) => (foreign(url) ? url : m))
        .replace(WEB_ADDRESS, (m, scheme?: string, slashes?: string, authority?: string, www?: string) =>
          defang(m, scheme, slashes, authority ?? www ?? '', hosts),
        );
    })
    .join('');
}

function defang(match: string, scheme: string | undefined, slashes: string | undefined, authority: string, hosts: readonly string[]) {
  const trailing = /[.,:;!*_~]+$/.exec(authority)?.[0] ?? '';
  const core = authority.slice(0, authority.length - trailing.length);
  if (hostAllowed(authorityHost(core), hosts)) return match;
  // Also the full-width and ideographic dots a URL parser reads as `.`.
  const dead = core.replace(/[.\u3002\uff0e\uff61]/g, '[.]');
  const lead = scheme ? `${scheme.replace(/t/g, 'x').replace(/T/g, 'X')}:` : '';
  return `${lead}${slashes ?? ''}${dead}${trailing}`;
}

function authorityHost(authority: string): string {
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  return urlHost(`http://${host}`);
}

function urlHost(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}
