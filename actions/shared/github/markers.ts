import type { MarkerRef } from './types';

/**
 * Hidden markers: every comment, issue, review and PR body the factory writes carries
 * `<!-- factory:KIND:KEY -->` (optionally followed by a JSON payload on the same comment:
 * `<!-- factory:KIND:KEY {"json":true} -->`), so a re-run finds and edits instead of duplicating.
 * KIND and KEY are restricted to [A-Za-z0-9._/-] so a marker can never close the HTML comment.
 */
const SAFE = /^[A-Za-z0-9._/-]+$/;
const MARKER_RE = /<!-- factory:([A-Za-z0-9._/-]+):([A-Za-z0-9._/-]+)(?: (\{[^\n]*?\}))? -->/g;

export function marker(ref: MarkerRef, data?: Record<string, unknown>): string {
  if (!SAFE.test(ref.kind) || !SAFE.test(ref.key)) {
    throw new Error(`invalid marker ${JSON.stringify(ref)}: kind and key must match ${SAFE}`);
  }
  const payload = data === undefined ? '' : ` ${JSON.stringify(data).replace(/--/g, '\\u002d\\u002d')}`;
  return `<!-- factory:${ref.kind}:${ref.key}${payload} -->`;
}

export interface FoundMarker extends MarkerRef {
  data?: Record<string, unknown>;
}

export function findMarkers(body: string | null | undefined): FoundMarker[] {
  if (!body) return [];
  const out: FoundMarker[] = [];
  for (const m of body.matchAll(MARKER_RE)) {
    let data: Record<string, unknown> | undefined;
    if (m[3]) {
      try {
        data = JSON.parse(m[3]) as Record<string, unknown>;
      } catch {
        data = undefined;
      }
    }
    out.push({ kind: m[1]!, key: m[2]!, ...(data ? { data } : {}) });
  }
  return out;
}

export function hasMarker(body: string | null | undefined, ref: MarkerRef): boolean {
  return findMarkers(body).some((m) => m.kind === ref.kind && m.key === ref.key);
}

export function getMarker(body: string | null | undefined, ref: MarkerRef): FoundMarker | undefined {
  return findMarkers(body).find((m) => m.kind === ref.kind && m.key === ref.key);
}

/** Body with the marker on its first line (replacing an existing marker of the same ref). */
export function withMarker(body: string, ref: MarkerRef, data?: Record<string, unknown>): string {
  return `${marker(ref, data)}\n${stripMarker(body, ref)}`;
}

export function stripMarker(body: string, ref: MarkerRef): string {
  return body
    .replace(MARKER_RE, (whole, kind: string, key: string) => (kind === ref.kind && key === ref.key ? '' : whole))
    .replace(/^\n+/, '');
}
