/**
 * Path templates as GitHub's description writes them (`/repos/{owner}/{repo}/issues/{issue_number}`)
 * compiled to matchers. Parameters match one segment, except those GitHub marks multi-segment
 * (`{path}` of contents, `{ref}` of commits). More literal templates win over parameter ones.
 */
export interface CompiledTemplate {
  template: string;
  regex: RegExp;
  names: string[];
  literalSegments: number;
}

export function compileTemplate(template: string, multiSegment: string[] = []): CompiledTemplate {
  const names: string[] = [];
  let literalSegments = 0;
  const source = template
    .split('/')
    .map((segment) => {
      if (!segment.includes('{')) {
        literalSegments++;
        return escape(segment);
      }
      return segment
        .split(/(\{[^}]+\})/)
        .map((part) => {
          const m = /^\{([^}]+)\}$/.exec(part);
          if (!m) return escape(part);
          names.push(m[1]!);
          return multiSegment.includes(m[1]!) ? '(.+?)' : '([^/]+?)';
        })
        .join('');
    })
    .join('/');
  // A trailing multi-segment parameter may be empty: GitHub serves `/contents` as the root.
  const last = names[names.length - 1];
  const optionalTail = last !== undefined && multiSegment.includes(last) && template.endsWith(`/{${last}}`);
  const pattern = optionalTail ? `${source.slice(0, -'/(.+?)'.length)}(?:/(.*?))?` : source;
  return { template, regex: new RegExp(`^${pattern}/?$`), names, literalSegments };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Most specific first: more literal segments, then fewer parameters. */
export function compileTemplates(list: { template: string; multiSegment?: string[] }[]): CompiledTemplate[] {
  return list
    .map((t) => compileTemplate(t.template, t.multiSegment))
    .sort((a, b) => b.literalSegments - a.literalSegments || a.names.length - b.names.length);
}

/** Decoded parameters when the (still percent-encoded) pathname matches. */
export function matchTemplate(compiled: CompiledTemplate, pathname: string): Record<string, string> | undefined {
  const m = compiled.regex.exec(pathname);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  compiled.names.forEach((name, i) => {
    const raw = m[i + 1] ?? '';
    try {
      params[name] = decodeURIComponent(raw);
    } catch {
      params[name] = raw;
    }
  });
  return params;
}

/** `/repositories/{id}` and what follows it: GitHub's spelling of a repository route by numeric id. */
export function repositoryIdPath(pathname: string): { id: number; rest: string } | undefined {
  const m = /^\/repositories\/(\d+)(\/.*)?$/.exec(pathname);
  return m ? { id: Number(m[1]), rest: m[2] ?? '' } : undefined;
}
