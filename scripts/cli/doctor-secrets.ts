import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Check } from './doctor';

/** One secret a workflow reads, where it is first read, and whether every read has a fallback (`secrets.X || ...`). */
export interface SecretUse {
  name: string;
  /** `file:line` of the first read. */
  at: string;
  optional: boolean;
}

/** Secrets every workflow gets without being configured. */
const BUILT_IN = new Set(['GITHUB_TOKEN']);

const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g;
const SECRET = /\bsecrets\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_]*)|\[\s*'([^']+)'\s*\]|\[\s*"([^"]+)"\s*\])/g;

/** The secrets a workflow text reads in `${{ }}` expressions, by name (case as written, compared upper-cased as GitHub does). */
export function secretsIn(text: string, file: string): SecretUse[] {
  const uses = new Map<string, SecretUse>();
  for (const expr of text.matchAll(EXPRESSION)) {
    const body = expr[1] ?? '';
    const fallback = /\|\|/.test(body);
    for (const m of body.matchAll(SECRET)) {
      const name = (m[1] ?? m[2] ?? m[3] ?? '').toUpperCase();
      if (!name || BUILT_IN.has(name)) continue;
      const line = text.slice(0, expr.index).split('\n').length;
      const seen = uses.get(name);
      if (seen) seen.optional &&= fallback;
      else uses.set(name, { name, at: `${file}:${line}`, optional: fallback });
    }
  }
  return [...uses.values()];
}

/** Every secret the workflow files read, merged over the files (a secret is optional only when every read has a fallback). */
export function secretsUsed(root: string, files: string[]): SecretUse[] {
  const all = new Map<string, SecretUse>();
  for (const file of files) {
    for (const use of secretsIn(readFileSync(join(root, file), 'utf8'), file)) {
      const seen = all.get(use.name);
      if (seen) seen.optional &&= use.optional;
      else all.set(use.name, { ...use });
    }
  }
  return [...all.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Where the names of the available secrets came from, for the check's first line. */
export type SecretSource = { kind: 'list'; names: string[] } | { kind: 'api'; repo: string; names: string[] };

/**
 * The secrets check: each secret the workflows read that is not available fails it, named with
 * where it is read. A secret read only with a fallback (`secrets.X || github.token`) is reported
 * but does not fail. Without a source it is skipped, saying how to run it.
 */
export function secretsCheck(used: SecretUse[], source: SecretSource | undefined): Check {
  const names = used.map((u) => u.name).join(', ');
  if (used.length === 0) return { name: 'secrets', ok: true, detail: ['the workflows read no secret besides GITHUB_TOKEN'] };
  if (!source) {
    return {
      name: 'secrets',
      ok: true,
      skipped: true,
      detail: [`not checked: the workflows read ${names}; pass --repo owner/name (with a token) or --secrets NAME,NAME to check them`],
    };
  }
  const have = new Set(source.names.map((n) => n.toUpperCase()));
  const missing = used.filter((u) => !have.has(u.name) && !u.optional);
  const optional = used.filter((u) => !have.has(u.name) && u.optional);
  const from = source.kind === 'api' ? `the Actions secrets of ${source.repo} (through the API)` : 'the --secrets list';
  return {
    name: 'secrets',
    ok: missing.length === 0,
    detail: [
      `checked against ${from}: ${used.length - missing.length - optional.length} of ${used.length} secret(s) the workflows read are set`,
      ...missing.map((u) => `missing secret ${u.name} (read at ${u.at})`),
      ...optional.map((u) => `not set: ${u.name} (read at ${u.at}, with a fallback)`),
    ],
  };
}
