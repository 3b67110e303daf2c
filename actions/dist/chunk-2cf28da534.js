import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  external_exports
} from "./chunk-f1a3eba2ad.js";

// actions/shared/quality/spec.ts
var REQUIREMENT = /^\s*[-*]\s+\*\*([A-Z][A-Z0-9]*-\d{1,4})\*\*\s+(MUST NOT|MUST|SHOULD NOT|SHOULD|MAY)\b\s*(.*)$/;
var LOOKS_LIKE = /^\s*[-*]\s+\*\*[A-Za-z][A-Za-z0-9]*-\d+\*\*/;
function isMandatory(level) {
  return level === "MUST" || level === "MUST NOT";
}
function areaIdOf(path) {
  const base = path.split("/").pop() ?? path;
  return base.replace(/\.md$/i, "");
}
function parseSpec(path, text) {
  const problems = [];
  const requirements = [];
  let title;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (title === void 0) {
      const h = /^#\s+(.+?)\s*#*\s*$/.exec(raw);
      if (h) title = h[1];
    }
    const m = REQUIREMENT.exec(raw);
    if (m) {
      const statement = m[3].trim();
      if (!statement) problems.push({ path, line, message: `${m[1]} has no statement after ${m[2]}` });
      else requirements.push({ id: m[1], level: m[2], text: statement, line });
      return;
    }
    if (LOOKS_LIKE.test(raw)) {
      problems.push({ path, line, message: "a requirement line needs an upper-case id (e.g. CHK-001) followed by MUST, SHOULD or MAY" });
    }
  });
  const seen = /* @__PURE__ */ new Set();
  for (const r of requirements) {
    if (seen.has(r.id)) problems.push({ path, line: r.line, message: `${r.id} is defined twice` });
    seen.add(r.id);
  }
  const id = areaIdOf(path);
  return {
    area: { id, path, title: title ?? id, requirements: requirements.filter((r, i) => requirements.findIndex((o) => o.id === r.id) === i) },
    problems
  };
}
function parseSpecs(files) {
  const areas = [];
  const problems = [];
  const owner = /* @__PURE__ */ new Map();
  for (const f of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const parsed = parseSpec(f.path, f.text);
    problems.push(...parsed.problems);
    const kept = parsed.area.requirements.filter((r) => {
      const first = owner.get(r.id);
      if (first) {
        problems.push({ path: f.path, line: r.line, message: `${r.id} is already defined in ${first}` });
        return false;
      }
      owner.set(r.id, f.path);
      return true;
    });
    areas.push({ ...parsed.area, requirements: kept });
  }
  return { areas, problems };
}

// actions/shared/quality/legend.ts
var LETTERS = ["A", "B", "C", "D", "F"];
var GRADES = [...LETTERS, "ungraded"];
var LEGEND = [
  {
    grade: "A",
    meaning: "Every MUST has a test that exists, is not skipped, asserts, and passed in the graded run; no open bug touches the area."
  },
  {
    grade: "B",
    meaning: "Every MUST has a passing test but an open bug touches the area; or every MUST is built (code or test evidence), at least three quarters have a passing test and none has a failing one."
  },
  { grade: "C", meaning: "At least half of the MUSTs have a passing test." },
  { grade: "D", meaning: "Some MUST is built (code or test evidence that holds), fewer than half have a passing test." },
  { grade: "F", meaning: "Not built: every MUST was looked for and no code or test implements any of them." },
  {
    grade: "ungraded",
    meaning: "No evidence: no MUST has evidence that holds and not every MUST was found missing (or the spec has no MUST). Never a guess."
  }
];
function rank(grade) {
  return grade === "ungraded" ? 0 : LETTERS.length - LETTERS.indexOf(grade);
}
var HAS_EVIDENCE = ["passing", "failing", "built"];
function computeGrade(input) {
  const musts = input.requirements.filter((r) => isMandatory(r.level));
  const n = musts.length;
  if (n === 0) return { grade: "ungraded", why: "the spec has no MUST requirement" };
  const passing = musts.filter((r) => r.status === "passing").length;
  const failing = musts.filter((r) => r.status === "failing").length;
  const evidenced = musts.filter((r) => HAS_EVIDENCE.includes(r.status)).length;
  const missing = musts.filter((r) => r.status === "missing").length;
  const counts = `${passing} of ${n} MUSTs have a passing test`;
  if (evidenced === 0) {
    return missing === n ? { grade: "F", why: `none of the ${n} MUSTs is built` } : { grade: "ungraded", why: `no MUST has evidence that holds (${n - missing} without evidence, ${missing} found missing)` };
  }
  if (passing === n) {
    return input.openBugs === 0 ? { grade: "A", why: `${counts}; no open bug touches the area` } : { grade: "B", why: `${counts}, but ${input.openBugs} open bug(s) touch the area` };
  }
  if (evidenced === n && failing === 0 && passing * 4 >= n * 3) return { grade: "B", why: `${counts}; every MUST is built and none fails` };
  if (passing * 2 >= n) return { grade: "C", why: `${counts}${failing ? `, ${failing} failing` : ""}` };
  return { grade: "D", why: `${counts}; ${evidenced} of ${n} are built` };
}
function capRise(previous, next, maxRise) {
  if (previous === void 0 || previous === "ungraded" || next === "ungraded") return { grade: next, capped: false };
  const limit = rank(previous) + maxRise;
  if (rank(next) <= limit) return { grade: next, capped: false };
  return { grade: LETTERS[LETTERS.length - limit], capped: true };
}
function worse(a, b) {
  return rank(a) <= rank(b) ? a : b;
}
function medianGrade(grades) {
  if (grades.length === 0) throw new Error("medianGrade of no grades");
  const sorted = [...grades].sort((a, b) => rank(a) - rank(b));
  return sorted[Math.floor((sorted.length - 1) / 2)];
}
function needsGapIssue(grade) {
  return grade === "C" || grade === "D" || grade === "F";
}

// actions/shared/quality/history.ts
var HistoryEntrySchema = external_exports.object({
  commit: external_exports.string().regex(/^[0-9a-f]{7,64}$/),
  date: external_exports.string().min(10),
  area: external_exports.string().min(1),
  grade: external_exports.enum(GRADES),
  evidence: external_exports.object({
    musts: external_exports.number().int().nonnegative(),
    passing: external_exports.number().int().nonnegative(),
    failing: external_exports.number().int().nonnegative(),
    built: external_exports.number().int().nonnegative(),
    missing: external_exports.number().int().nonnegative(),
    unverified: external_exports.number().int().nonnegative(),
    unassessed: external_exports.number().int().nonnegative(),
    /** Passing tests, as `file › name`. */
    tests: external_exports.array(external_exports.string()),
    /** Open bug issues touching the area. */
    openBugs: external_exports.array(external_exports.number().int().positive())
  })
});
var HistorySchema = external_exports.array(HistoryEntrySchema);
var QUALITY_JSON = "quality.json";
var QUALITY_MD = "quality.md";
function parseHistory(text) {
  if (text === void 0 || text.trim() === "") return { entries: [] };
  let data;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { entries: [], problem: `${QUALITY_JSON} is not valid JSON (${e.message}); the history starts afresh` };
  }
  const parsed = HistorySchema.safeParse(data);
  if (!parsed.success) return { entries: [], problem: `${QUALITY_JSON} does not hold a grade history; the history starts afresh` };
  return { entries: parsed.data };
}
function latestGrades(entries) {
  const latest = /* @__PURE__ */ new Map();
  for (const e of entries) latest.set(e.area, e);
  return latest;
}
function appendHistory(entries, added) {
  const commits = new Set(added.map((e) => e.commit));
  return [...entries.filter((e) => !commits.has(e.commit)), ...added];
}
function renderHistory(entries) {
  return `${JSON.stringify(entries, null, 2)}
`;
}

export {
  parseSpecs,
  LEGEND,
  rank,
  computeGrade,
  capRise,
  worse,
  medianGrade,
  needsGapIssue,
  QUALITY_JSON,
  QUALITY_MD,
  parseHistory,
  latestGrades,
  appendHistory,
  renderHistory
};
