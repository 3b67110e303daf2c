import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  REVERT_BRANCH_PREFIX
} from "./chunk-27a1ec1330.js";
import {
  pathClassifier,
  pathViews
} from "./chunk-46b452a502.js";
import {
  maxTier,
  tierRank
} from "./chunk-368e4d810e.js";

// actions/shared/risk/risk.ts
var FAILING_CONCLUSIONS = ["failure", "timed_out", "cancelled", "action_required", "startup_failure", "stale"];
function computeRisk(input) {
  const { risk } = input.config;
  const reasons = [];
  const blockers = [];
  let tier = "low";
  const raise = (to, reason) => {
    if (tierRank(to) > tierRank(tier)) tier = to;
    reasons.push(reason);
  };
  const paths = [...new Set(input.files.flatMap((f) => f.previousFilename ? [f.previousFilename, f.filename] : [f.filename]))];
  const rules = risk.rules.map((r) => ({ ...r, views: pathViews(r.paths) }));
  const byTier = /* @__PURE__ */ new Map();
  for (const path of paths) {
    const literal = rules.find((r) => r.views.literal(path))?.tier ?? risk.defaultTier;
    const others = [rules.find((r) => r.views.folded(path))?.tier, rules.find((r) => r.views.skeleton(path))?.tier];
    const t = others.reduce((a, b) => b ? maxTier(a, b) : a, literal);
    if (t !== "low") byTier.set(t, [...byTier.get(t) ?? [], path]);
  }
  for (const [t, files] of byTier) raise(t, `path rules rate ${list(files)} ${t} risk`);
  const lines = input.files.reduce((n, f) => n + f.additions + f.deletions, 0);
  if (lines > risk.maxLinesMedium) raise("high", `${lines} changed lines (more than maxLinesMedium ${risk.maxLinesMedium})`);
  else if (lines > risk.maxLinesLow) raise("medium", `${lines} changed lines (more than maxLinesLow ${risk.maxLinesLow})`);
  const classify = pathClassifier(risk.protectedPaths);
  const touched = paths.filter((p) => classify(p) === "protected");
  const lookalikes = paths.filter((p) => classify(p) === "lookalike");
  if (touched.length > 0) raise("high", `touches protected paths: ${list(touched)}`);
  if (lookalikes.length > 0) raise("high", `names paths that look like protected ones: ${list(lookalikes)}`);
  const protectedFiles = [...touched, ...lookalikes];
  const checks = input.checks ?? [];
  const failing = checks.filter((c) => c.conclusion !== null && FAILING_CONCLUSIONS.includes(c.conclusion));
  if (failing.length > 0) raise("high", `${failing.length} failing check(s): ${list(failing.map((c) => c.name ?? c.conclusion ?? ""))}`);
  const pending = checks.filter((c) => c.conclusion === null).length;
  if (pending > 0) blockers.push(`${pending} check(s) still running`);
  if (input.headRef?.startsWith(REVERT_BRANCH_PREFIX)) raise("high", `a revert pull request (${input.headRef}): a person merges it`);
  if (input.modelTier !== void 0) {
    if (tierRank(input.modelTier) > tierRank(tier)) raise(input.modelTier, `the reviewer raised the tier to ${input.modelTier}`);
    else if (tierRank(input.modelTier) < tierRank(tier)) {
      reasons.push(`the reviewer proposed ${input.modelTier}; ignored, the model may raise the tier but never lower it`);
    }
  }
  if (input.reviewVerdict === "changes_requested") blockers.push("changes requested");
  else if (input.reviewVerdict !== "approved") blockers.push("no approving review");
  if (reasons.length === 0) reasons.push(`${lines} changed lines, no risky paths`);
  return { tier, reasons, protectedFiles, blockers };
}
function list(items, max = 5) {
  const shown = items.slice(0, max).join(", ");
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

export {
  FAILING_CONCLUSIONS,
  computeRisk
};
