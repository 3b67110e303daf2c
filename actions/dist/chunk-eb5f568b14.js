import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  defuseMarkers,
  sanitizeText
} from "./chunk-71acfe59dc.js";

// actions/shared/review/text.ts
var oneLine = (text) => sanitizeText(text).trim().replace(/\s*\n\s*/g, " ");
function codeSpan(text, max = 200) {
  const flat = text.replace(/`/g, "'").replace(/\s+/g, " ");
  let safe = defuseMarkers(sanitizeText(flat)).replace(/\s+/g, " ").trim();
  if (safe.length > max) safe = `${safe.slice(0, max - 3)}...`;
  return `\`${safe || "?"}\``;
}
function proseLine(text, max = 300) {
  const safe = defuseMarkers(oneLine(text));
  return safe.length > max ? `${safe.slice(0, max - 3)}...` : safe;
}

export {
  codeSpan,
  proseLine
};
