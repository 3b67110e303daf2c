/**
 * GitHub's filter patterns for `branches`, `tags` and `paths` (the workflow syntax's "filter
 * pattern cheat sheet"): `*` is any run of characters but a slash; `**` any run of characters, and
 * `**` before a slash may also match no directory at all (so `**` + `/README.md` matches
 * `README.md`); `?` makes the preceding character optional; `+` repeats it; `[a-z0-9]` is one
 * character of the set; a backslash escapes; a leading `!` negates.
 */

const cache = new Map<string, RegExp>();

/** The pattern as an anchored regular expression. */
export function filterRegExp(pattern: string): RegExp {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const atoms: string[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\' && i + 1 < pattern.length) {
      atoms.push(escape(pattern[++i] as string));
    } else if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') {
          i++;
          atoms.push('(?:.*/)?');
        } else atoms.push('.*');
      } else atoms.push('[^/]*');
    } else if ((c === '?' || c === '+') && atoms.length > 0) {
      atoms[atoms.length - 1] = `(?:${atoms[atoms.length - 1]})${c}`;
    } else if (c === '[' && pattern.indexOf(']', i + 2) > i) {
      const end = pattern.indexOf(']', i + 2);
      atoms.push(`[${pattern.slice(i + 1, end).replace(/[\\\]^]/g, '\\$&')}]`);
      i = end;
    } else atoms.push(escape(c));
  }
  const re = new RegExp(`^${atoms.join('')}$`);
  cache.set(pattern, re);
  return re;
}

function escape(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Whether `value` is included by an ordered list of patterns: the last pattern that matches
 * decides (a `!` pattern excludes), as GitHub evaluates `branches` and `paths` lists.
 */
export function includedBy(patterns: readonly string[], value: string): boolean {
  let included = false;
  for (const p of patterns) {
    const negated = p.startsWith('!');
    if (filterRegExp(negated ? p.slice(1) : p).test(value)) included = !negated;
  }
  return included;
}

export interface FilterOutcome {
  pass: boolean;
  reason: string;
}

/** `branches`/`branches-ignore` (or `tags`/`tags-ignore`) against one name. */
export function refFilter(name: string, what: string, include?: readonly string[], ignore?: readonly string[]): FilterOutcome {
  if (include) {
    return includedBy(include, name)
      ? { pass: true, reason: `${what} ${name} matches ${list(include)}` }
      : { pass: false, reason: `${what} ${name} does not match ${list(include)}` };
  }
  if (ignore) {
    return includedBy(ignore, name)
      ? { pass: false, reason: `${what} ${name} is ignored by ${list(ignore)}` }
      : { pass: true, reason: `${what} ${name} is not ignored by ${list(ignore)}` };
  }
  return { pass: true, reason: `any ${what}` };
}

/**
 * `paths`: runs when at least one changed file is included; `paths-ignore`: runs unless every
 * changed file is ignored.
 */
export function pathFilter(files: readonly string[], include?: readonly string[], ignore?: readonly string[]): FilterOutcome {
  if (include) {
    const hit = files.find((f) => includedBy(include, f));
    return hit !== undefined
      ? { pass: true, reason: `changed file ${hit} matches paths ${list(include)}` }
      : { pass: false, reason: `no changed file matches paths ${list(include)}` };
  }
  if (ignore) {
    const kept = files.find((f) => !includedBy(ignore, f));
    return kept !== undefined
      ? { pass: true, reason: `changed file ${kept} is not in paths-ignore ${list(ignore)}` }
      : { pass: false, reason: `every changed file matches paths-ignore ${list(ignore)}` };
  }
  return { pass: true, reason: 'no path filter' };
}

function list(patterns: readonly string[]): string {
  return `[${patterns.join(', ')}]`;
}
