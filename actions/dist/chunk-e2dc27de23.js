import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  hasMarker
} from "./chunk-cd4c9ed0f2.js";

// actions/shared/review/handoff.ts
var REVIEW_HANDOFF_MARKER = { kind: "pr-reviewer", key: "review" };
function isReviewerHandoff(body) {
  return hasMarker(body, REVIEW_HANDOFF_MARKER);
}

export {
  REVIEW_HANDOFF_MARKER,
  isReviewerHandoff
};
