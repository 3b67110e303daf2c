/** Test helpers: a fixed clock and an authenticated fetch against a sandbox. */
import type { SentrySandbox } from './types';

export const NOW = new Date('2026-03-02T10:30:00Z');

export function get(sandbox: SentrySandbox, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${sandbox.url}${path}`, { ...init, headers: { authorization: `Bearer ${sandbox.token}`, ...(init.headers ?? {}) } });
}

export function put(sandbox: SentrySandbox, path: string, body: unknown): Promise<Response> {
  return get(sandbox, path, { method: 'PUT', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
}

/** The `Link` header as Sentry writes it, parsed: rel -> { url, results, cursor }. */
export function parseLink(header: string | null): Record<string, { url: string; results: boolean; cursor: string }> {
  const out: Record<string, { url: string; results: boolean; cursor: string }> = {};
  for (const part of (header ?? '').split(/,\s*(?=<)/)) {
    const m = /^<([^>]*)>; rel="(\w+)"; results="(true|false)"; cursor="([^"]*)"$/.exec(part.trim());
    if (!m) throw new Error(`not a Sentry link: ${part}`);
    out[m[2]!] = { url: m[1]!, results: m[3] === 'true', cursor: m[4]! };
  }
  return out;
}
