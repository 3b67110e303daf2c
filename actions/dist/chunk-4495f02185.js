import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  codeSpan,
  proseLine
} from "./chunk-eb5f568b14.js";
import {
  TIERS
} from "./chunk-368e4d810e.js";
import {
  getMarker,
  marker
} from "./chunk-cd4c9ed0f2.js";
import {
  external_exports
} from "./chunk-f1a3eba2ad.js";
import {
  REVIEWING
} from "./chunk-ffa5c3fea6.js";

// actions/shared/review/findings.ts
import { createHash } from "node:crypto";
var SEVERITIES = ["blocker", "major", "minor", "nit"];
function severityRank(severity) {
  return SEVERITIES.indexOf(severity);
}
var FindingSchema = external_exports.object({
  dimension: external_exports.string().min(1).max(40),
  path: external_exports.string().min(1).max(1e3),
  /** Line in the file on `side`: the new file for RIGHT, the old one for LEFT. */
  line: external_exports.number().int().positive(),
  /** First line of a multi-line finding (and of the lines its suggestion replaces); defaults to `line`. */
  startLine: external_exports.number().int().positive().optional(),
  side: external_exports.enum(["LEFT", "RIGHT"]).default("RIGHT"),
  severity: external_exports.enum(SEVERITIES),
  confidence: external_exports.number().min(0).max(1),
  title: external_exports.string().trim().min(1).max(200),
  body: external_exports.string().max(1e4),
  /** Replacement text for lines startLine..line of the new file. */
  suggestion: external_exports.string().max(1e4).optional()
});
var PROPOSED_TIERS = ["low", "medium", "high"];
function parseFindings(raw, dimension) {
  const list = Array.isArray(raw) ? raw : isRecord(raw) && Array.isArray(raw.findings) ? raw.findings : void 0;
  if (!list) return { findings: [], problems: [{ index: -1, message: "expected an array of findings or { findings: [...] }" }] };
  const risk = isRecord(raw) && PROPOSED_TIERS.includes(raw.risk) ? raw.risk : void 0;
  const findings = [];
  const problems = [];
  list.forEach((item, index) => {
    const parsed = FindingSchema.safeParse(isRecord(item) ? { ...item, dimension } : item);
    if (parsed.success) findings.push(parsed.data);
    else problems.push({ index, message: parsed.error.issues.map((i) => `${i.path.join(".") || "(finding)"}: ${i.message}`).join("; ") });
  });
  return { findings, problems, ...risk ? { risk } : {} };
}
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function normaliseCode(code) {
  return code.replace(/\s+/g, " ").trim();
}
function normaliseTitle(title) {
  return title.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}
function fingerprint(finding, anchoredCode) {
  return createHash("sha256").update([finding.path, normaliseCode(anchoredCode), normaliseTitle(finding.title)].join("\0")).digest("hex").slice(0, 16);
}
function similarTitles(a, b) {
  const na = normaliseTitle(a);
  const nb = normaliseTitle(b);
  if (na === nb) return true;
  const wa = new Set(na.split(" ").filter(Boolean));
  const wb = new Set(nb.split(" ").filter(Boolean));
  const shared = [...wa].filter((w) => wb.has(w)).length;
  const union = (/* @__PURE__ */ new Set([...wa, ...wb])).size;
  return union > 0 && shared / union >= 0.75;
}
var DEFAULT_MAX_INLINE = 8;
function byRank(a, b) {
  return severityRank(a.finding.severity) - severityRank(b.finding.severity) || b.finding.confidence - a.finding.confidence || a.order - b.order;
}
function sameSpot(a, b) {
  return a.path === b.path && a.line === b.line && a.side === b.side && similarTitles(a.title, b.title);
}
function mergeFindings(perDimension, options) {
  const codeAt = options.codeAt ?? (() => "");
  const maxInline = options.maxInline ?? DEFAULT_MAX_INLINE;
  const previous = new Set(options.previous ?? []);
  const dropped = [];
  const all = [...perDimension].flat().map((finding, order) => ({ finding, fingerprint: fingerprint(finding, codeAt(finding)), order }));
  const confident = all.filter((f) => {
    if (f.finding.confidence >= options.minConfidence) return true;
    dropped.push({ finding: f.finding, fingerprint: f.fingerprint, reason: "low-confidence" });
    return false;
  });
  const groups = [];
  for (const f of confident.sort(byRank)) {
    const group = groups.find((g) => g.fingerprints.has(f.fingerprint) || sameSpot(g.head.finding, f.finding));
    if (!group) {
      groups.push({ head: f, fingerprints: /* @__PURE__ */ new Set([f.fingerprint]) });
      continue;
    }
    group.fingerprints.add(f.fingerprint);
    dropped.push({ finding: f.finding, fingerprint: f.fingerprint, reason: "duplicate", duplicateOf: group.head.fingerprint });
  }
  const seenAgain = /* @__PURE__ */ new Set();
  const fresh = [];
  for (const g of groups) {
    const posted = [...g.fingerprints].filter((fp) => previous.has(fp));
    posted.forEach((fp) => seenAgain.add(fp));
    if (posted.length === 0) fresh.push(g);
    else dropped.push({ finding: g.head.finding, fingerprint: g.head.fingerprint, reason: "already-posted" });
  }
  const kept = [];
  fresh.forEach((g, i) => {
    const entry = { finding: g.head.finding, fingerprint: g.head.fingerprint };
    if (i < maxInline) kept.push(entry);
    else dropped.push({ ...entry, reason: "over-cap" });
  });
  return { kept, dropped, seenAgain: [...seenAgain], notSeenAgain: [...previous].filter((fp) => !seenAgain.has(fp)) };
}

// actions/shared/review/verdict.ts
var REVIEW_CHECK_NAME = "factory/review";
var MODEL_TIER_MARKER = { kind: "pr-reviewer", key: "risk" };
function modelTierOf(summary) {
  const tier = getMarker(summary, MODEL_TIER_MARKER)?.data?.tier;
  return TIERS.includes(tier) ? tier : void 0;
}
var VERDICT_LABELS = {
  approved: "factory:approved",
  "changes-requested": "factory:changes-requested",
  // Not approved, not changes requested: the pull request stays in review until a person decides.
  "needs-person": REVIEWING
};
function verdictAtRisk(verdict, tier) {
  return verdict === "approved" && tier === "high" ? "needs-person" : verdict;
}
function verdictOf(kept, unresolvedBlockers, options = {}) {
  const threshold = severityRank(options.requestChangesAt ?? "blocker");
  const earlier = typeof unresolvedBlockers === "number" ? unresolvedBlockers : unresolvedBlockers.length;
  return earlier > 0 || kept.some((f) => severityRank(f.severity) <= threshold) ? "changes-requested" : "approved";
}
function counts(findings) {
  const parts = ["blocker", "major", "minor", "nit"].map((s) => [s, findings.filter((f) => f.severity === s).length]).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}${n === 1 ? "" : "s"}`);
  return parts.length > 0 ? parts.join(", ") : "no findings";
}
function reviewCheckRun(outcome, headSha) {
  const base = { name: REVIEW_CHECK_NAME, head_sha: headSha, status: "completed" };
  if (outcome.kind === "skipped") {
    return { ...base, conclusion: "neutral", output: { title: "Review skipped", summary: outcome.reason } };
  }
  if (outcome.kind === "incomplete") {
    return {
      ...base,
      conclusion: "failure",
      output: { title: "Review incomplete", summary: `The review did not finish: ${outcome.reason}` }
    };
  }
  const lines = [`This round: ${counts(outcome.findings)}.`];
  if (outcome.unresolvedBlockers > 0) lines.push(`${outcome.unresolvedBlockers} blocker(s) from earlier rounds are unresolved.`);
  const blocking = outcome.findings.filter((f) => f.severity === "blocker").slice(0, 5);
  for (const f of blocking) lines.push(`- ${codeSpan(`${f.path}:${f.line}`)} ${proseLine(f.title)}`);
  if (outcome.notRead) lines.push(`${outcome.notRead} file(s) were not read (see the summary comment).`);
  if (outcome.modelTier)
    lines.push(`The review rated it ${outcome.modelTier} risk.

${marker(MODEL_TIER_MARKER, { tier: outcome.modelTier })}`);
  if (outcome.verdict === "needs-person") {
    lines.push("High risk: the factory does not approve it. A person reviews, approves and merges.");
    const found = outcome.findings.length === 0 ? "No findings" : `No blocking findings (${counts(outcome.findings)})`;
    return {
      ...base,
      conclusion: "neutral",
      output: { title: `${found}, but high risk: a person approves and merges`, summary: lines.join("\n") }
    };
  }
  const approved = outcome.verdict === "approved";
  return {
    ...base,
    conclusion: approved ? "success" : "failure",
    output: { title: approved ? "Approved" : `Changes requested (${counts(outcome.findings)})`, summary: lines.join("\n") }
  };
}

export {
  severityRank,
  parseFindings,
  fingerprint,
  similarTitles,
  mergeFindings,
  REVIEW_CHECK_NAME,
  modelTierOf,
  VERDICT_LABELS,
  verdictAtRisk,
  verdictOf,
  reviewCheckRun
};
