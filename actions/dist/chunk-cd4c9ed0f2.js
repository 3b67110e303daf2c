import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);

// actions/shared/github/markers.ts
var SAFE = /^[A-Za-z0-9._/-]+$/;
var MARKER_RE = /<!-- factory:([A-Za-z0-9._/-]+):([A-Za-z0-9._/-]+)(?: (\{[^\n]*?\}))? -->/g;
function marker(ref, data) {
  if (!SAFE.test(ref.kind) || !SAFE.test(ref.key)) {
    throw new Error(`invalid marker ${JSON.stringify(ref)}: kind and key must match ${SAFE}`);
  }
  const payload = data === void 0 ? "" : ` ${JSON.stringify(data).replace(/--/g, "\\u002d\\u002d")}`;
  return `<!-- factory:${ref.kind}:${ref.key}${payload} -->`;
}
function findMarkers(body) {
  if (!body) return [];
  const out = [];
  for (const m of body.matchAll(MARKER_RE)) {
    let data;
    if (m[3]) {
      try {
        data = JSON.parse(m[3]);
      } catch {
        data = void 0;
      }
    }
    out.push({ kind: m[1], key: m[2], ...data ? { data } : {} });
  }
  return out;
}
function hasMarker(body, ref) {
  return findMarkers(body).some((m) => m.kind === ref.kind && m.key === ref.key);
}
function getMarker(body, ref) {
  return findMarkers(body).find((m) => m.kind === ref.kind && m.key === ref.key);
}
function withMarker(body, ref, data) {
  return `${marker(ref, data)}
${stripMarker(body, ref)}`;
}
function stripMarker(body, ref) {
  return body.replace(MARKER_RE, (whole, kind, key) => kind === ref.kind && key === ref.key ? "" : whole).replace(/^\n+/, "");
}

export {
  marker,
  findMarkers,
  hasMarker,
  getMarker,
  withMarker,
  stripMarker
};
