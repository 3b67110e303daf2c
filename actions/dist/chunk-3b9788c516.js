import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  TIERS,
  tierRank
} from "./chunk-368e4d810e.js";
import {
  findMarkers,
  getMarker,
  marker
} from "./chunk-cd4c9ed0f2.js";
import {
  external_exports
} from "./chunk-f1a3eba2ad.js";
import {
  APPROVED,
  ASSIST,
  AUTOMATIONS,
  BUILDING,
  CHANGES_REQUESTED,
  DUPLICATE,
  NEEDS_HUMAN,
  NEEDS_INFO,
  PAUSED,
  PR_OPEN,
  READY,
  REVIEWING,
  isFactoryLabel,
  labelFamily
} from "./chunk-ffa5c3fea6.js";

// actions/shared/state/counters.ts
var ATTEMPTS_KIND = "attempts";
var NAME = /^[a-z][a-z0-9-]*$/;
function attemptsMarker(subject) {
  return { kind: ATTEMPTS_KIND, key: String(subject) };
}
function parseCounters(body, subject) {
  const data = getMarker(body, attemptsMarker(subject))?.data ?? {};
  const out = {};
  for (const [name, value] of Object.entries(data)) {
    if (NAME.test(name) && Number.isSafeInteger(value) && value >= 0) out[name] = value;
  }
  return out;
}
function increment(counters, name, by = 1) {
  if (!NAME.test(name)) throw new Error(`invalid counter name "${name}": use lowercase kebab-case`);
  return { ...counters, [name]: (counters[name] ?? 0) + by };
}
function reset(counters, name) {
  const { [name]: _dropped, ...rest } = counters;
  return rest;
}
function renderCounters(subject, counters) {
  const names = Object.keys(counters).sort();
  const sorted = Object.fromEntries(names.map((n) => [n, counters[n]]));
  const summary = names.length ? names.map((n) => `${n}: ${counters[n]}`).join(", ") : "none yet";
  return `${marker(attemptsMarker(subject), sorted)}
Factory attempts on #${subject}: ${summary}.
`;
}
function exceeded(count, max) {
  return count >= max;
}

// actions/shared/state/approval.ts
var APPROVAL_LABEL = APPROVED;
function approvalStanding(changes, author) {
  const last = changes.labeled.filter((e) => e.label === APPROVAL_LABEL).at(-1);
  if (!last) return { ok: false, reason: `no ${APPROVAL_LABEL} label event was found on the issue's timeline` };
  const edits = [
    ...changes.bodyEdit ? [{ ...changes.bodyEdit, what: "body" }] : [],
    ...changes.renames.map((r) => ({ ...r, what: "title" }))
  ].filter((c) => c.by === author && c.at >= last.at);
  if (edits.length === 0) return { ok: true, approvedAt: last.at, by: last.by };
  const what = [...new Set(edits.map((e) => e.what))].join(" and ");
  return {
    ok: false,
    reason: `${author} changed the ${what} after ${last.by} added ${APPROVAL_LABEL} (${last.at}); a maintainer approves the new text by removing and adding the label again`
  };
}
async function approvalWithdrawn(reader, issue) {
  const standing = approvalStanding(await reader.getIssueChanges(issue.number), issue.author.login);
  return standing.ok ? void 0 : standing.reason;
}

// actions/shared/state/machine.ts
var NEW = "new";
var ISSUE_EDGES = [
  // from                     to                       who may make the move
  [NEW, READY, ["feature-planner", "commands"]],
  [NEW, NEEDS_INFO, ["feature-planner"]],
  [NEW, NEEDS_HUMAN, ["feature-planner", "commands"]],
  [NEW, DUPLICATE, ["feature-planner"]],
  [NEW, BUILDING, ["commands"]],
  [NEEDS_INFO, READY, ["feature-planner", "commands"]],
  [NEEDS_INFO, NEEDS_HUMAN, ["feature-planner"]],
  [NEEDS_INFO, DUPLICATE, ["feature-planner"]],
  [READY, NEEDS_INFO, ["feature-planner"]],
  [READY, NEEDS_HUMAN, ["feature-planner", "commands"]],
  [READY, DUPLICATE, ["feature-planner"]],
  [READY, BUILDING, ["feature-builder", "commands"]],
  [READY, PR_OPEN, ["feature-builder", "commands"]],
  [NEEDS_HUMAN, READY, ["commands"]],
  [NEEDS_HUMAN, BUILDING, ["commands"]],
  [BUILDING, PR_OPEN, ["feature-builder", "commands"]],
  [BUILDING, READY, ["feature-builder", "pr-shepherd"]],
  [BUILDING, NEEDS_HUMAN, ["feature-builder", "commands", "pr-shepherd"]],
  [PR_OPEN, READY, ["pr-shepherd", "commands"]],
  [PR_OPEN, BUILDING, ["commands"]],
  [PR_OPEN, NEEDS_HUMAN, ["pr-shepherd", "commands"]],
  [DUPLICATE, NEW, ["commands"]],
  // `@factory stop` from a trusted person clears the factory's state before pausing.
  [READY, NEW, ["commands"]],
  [NEEDS_INFO, NEW, ["commands"]],
  [NEEDS_HUMAN, NEW, ["commands"]],
  [BUILDING, NEW, ["commands"]],
  [PR_OPEN, NEW, ["commands"]]
];
var PR_EDGES = [
  [NEW, REVIEWING, ["pr-reviewer", "commands"]],
  [NEW, CHANGES_REQUESTED, ["pr-reviewer"]],
  [NEW, APPROVED, ["pr-reviewer"]],
  [REVIEWING, CHANGES_REQUESTED, ["pr-reviewer"]],
  [REVIEWING, APPROVED, ["pr-reviewer"]],
  [CHANGES_REQUESTED, REVIEWING, ["review-resolver", "pr-reviewer", "commands"]],
  [CHANGES_REQUESTED, APPROVED, ["pr-reviewer"]],
  [APPROVED, REVIEWING, ["pr-reviewer", "commands"]],
  [APPROVED, CHANGES_REQUESTED, ["pr-reviewer", "pr-shepherd"]],
  // `@factory stop` (see ISSUE_EDGES).
  [REVIEWING, NEW, ["commands"]],
  [CHANGES_REQUESTED, NEW, ["commands"]],
  [APPROVED, NEW, ["commands"]]
];
var RISK_RAISERS = ["merge-gate", "pr-reviewer", "pr-shepherd", "post-merge-verifier"];
var RISK_LOWERERS = ["merge-gate"];
var CLASSIFIERS = ["feature-planner", "intake", "incident-responder"];
var EXTRA_CLASSIFIERS = {
  "type:bug": ["post-merge-verifier"],
  "priority:p0": ["post-merge-verifier"],
  "source:post-merge": ["post-merge-verifier"],
  "type:chore": ["quality-grader", "automation-auditor"],
  "priority:p2": ["quality-grader", "automation-auditor"],
  "priority:p3": ["quality-grader", "automation-auditor"],
  "source:spec-gap": ["quality-grader"]
};
var FLAGS = {
  // `@factory stop` from a trusted person pauses; only a person resumes (removes the label).
  // The post-merge verifier opens its revert pull requests paused: a person's to merge, never the gate's.
  [PAUSED]: { on: ["issue", "pr"], add: ["commands", "post-merge-verifier"], remove: [] },
  [ASSIST]: { on: ["issue", "pr"], add: [], remove: [] },
  // On pull requests needs-human is an escalation flag; on issues it is a state (ISSUE_EDGES).
  // The shepherd's second look may take it off what it fixed; never off a high-risk one (GUARDS).
  [NEEDS_HUMAN]: { on: ["pr"], add: ["merge-gate", "pr-shepherd", "review-resolver", "pr-reviewer", "ci-fixer", "commands"], remove: ["commands", "pr-shepherd"] }
};
var HIGH_RISK = "risk:high";
var GUARDS = [
  { when: ASSIST, automation: "feature-builder", mayNotAdd: BUILDING, why: `the issue is human-led (${ASSIST})` },
  { when: HIGH_RISK, automation: "pr-shepherd", mayNotRemove: NEEDS_HUMAN, why: `a ${HIGH_RISK} pull request stays with a person: only a person removes ${NEEDS_HUMAN}` }
];
function checkTransition(req) {
  const add = [...new Set(req.add ?? [])];
  const remove = [...new Set(req.remove ?? [])];
  const both = add.find((l) => remove.includes(l));
  if (both) return fail(`"${both}" is both added and removed`);
  const extra = req.extraLabels ?? [];
  const unknown = [...add, ...remove].find((l) => !isFactoryLabel(l) && !extra.includes(l));
  if (unknown) return fail(`label "${unknown}" is not in the factory's label allowlist (factory labels and labels.extra)`);
  const foreign = [...add, ...remove].find((l) => roleOf(l, req.subject) === "foreign");
  if (foreign) return fail(`"${foreign}" is not ${req.subject === "issue" ? "an issue" : "a pull request"} label`);
  const before = new Set(req.current);
  const added = add.filter((l) => !before.has(l));
  const removed = remove.filter((l) => before.has(l));
  const next = [...req.current.filter((l) => !removed.includes(l)), ...added];
  if (added.length === 0 && removed.length === 0) return { ok: true, next };
  if (before.has(PAUSED)) {
    return fail(`this ${req.subject} is paused (${PAUSED}): no automation may change its labels until a person removes the label`);
  }
  const change = { automation: req.automation, subject: req.subject, before, after: new Set(next), added, removed };
  const reason = checkStates(change) ?? checkRisk(change) ?? checkClassification(change) ?? checkFlags(change) ?? GUARDS.find(
    (g) => g.automation === req.automation && before.has(g.when) && (g.mayNotAdd !== void 0 && added.includes(g.mayNotAdd) || g.mayNotRemove !== void 0 && removed.includes(g.mayNotRemove))
  )?.why;
  return reason ? fail(reason) : { ok: true, next };
}
function fail(reason) {
  return { ok: false, reason };
}
function roleOf(label, subject) {
  if (FLAGS[label]?.on.includes(subject)) return "flag";
  const family = labelFamily(label);
  switch (family) {
    case void 0:
      return "extra";
    case "issue-state":
      return subject === "issue" ? "state" : "foreign";
    case "pr-state":
      return subject === "pr" ? "state" : "foreign";
    case "risk":
      return subject === "pr" ? "risk" : "foreign";
    case "type":
    case "priority":
    case "source":
      return subject === "issue" ? "classification" : "foreign";
    case "flag":
      return "foreign";
  }
}
function touched(c, role) {
  return [...c.added, ...c.removed].filter((l) => roleOf(l, c.subject) === role);
}
function exclusive(labels) {
  return labels.length > 1 ? `${labels.map((l) => `"${l}"`).join(" and ")} are mutually exclusive` : void 0;
}
function checkStates(c) {
  if (touched(c, "state").length === 0) return void 0;
  const edges = c.subject === "issue" ? ISSUE_EDGES : PR_EDGES;
  const isState = (l) => roleOf(l, c.subject) === "state";
  const from = [...c.before].filter(isState);
  const to = [...c.after].filter(isState);
  const clash = exclusive(to);
  if (clash) return `${clash} ${c.subject} states`;
  const target = to[0] ?? NEW;
  for (const source of from.length > 0 ? from : [NEW]) {
    if (source === target) continue;
    const edge = edges.find(([f, t]) => f === source && t === target);
    if (!edge) return `${c.subject} cannot move from ${source} to ${target}`;
    if (!edge[2].includes(c.automation)) {
      return `${c.automation} may not move ${c.subject} from ${source} to ${target} (allowed: ${edge[2].join(", ")})`;
    }
  }
  return void 0;
}
function checkRisk(c) {
  if (touched(c, "risk").length === 0) return void 0;
  const isRisk = (l) => roleOf(l, c.subject) === "risk";
  const to = [...c.after].filter(isRisk);
  const clash = exclusive(to);
  if (clash) return clash;
  const rank = (labels) => Math.max(-1, ...labels.map((l) => tierRank(l.slice("risk:".length))));
  const was = rank([...c.before].filter(isRisk));
  const now = rank(to);
  const lowering = now < was;
  const allowed = lowering ? RISK_LOWERERS : RISK_RAISERS;
  if (!allowed.includes(c.automation)) {
    const name = (r) => r < 0 ? "none" : `risk:${TIERS[r]}`;
    return `${c.automation} may not ${lowering ? "lower" : "set"} risk (${name(was)} -> ${name(now)}); allowed: ${allowed.join(", ")}`;
  }
  return void 0;
}
function checkClassification(c) {
  for (const label of touched(c, "classification")) {
    const verb = c.added.includes(label) ? "add" : "remove";
    const who = [...CLASSIFIERS, ...EXTRA_CLASSIFIERS[label] ?? []];
    if (!who.includes(c.automation)) return `${c.automation} may not ${verb} "${label}" (allowed: ${who.join(", ")})`;
    const family = labelFamily(label);
    const clash = exclusive([...c.after].filter((l) => labelFamily(l) === family));
    if (clash) return clash;
  }
  return void 0;
}
function checkFlags(c) {
  for (const label of touched(c, "flag")) {
    const verb = c.added.includes(label) ? "add" : "remove";
    const who = FLAGS[label][verb];
    if (!who.includes(c.automation)) {
      return `${c.automation} may not ${verb} "${label}" (${who.length ? `allowed: ${who.join(", ")}` : "people only"})`;
    }
  }
  return void 0;
}

// actions/shared/state/claims.ts
var CLAIM_KIND = "claim";
var ClaimData = external_exports.object({
  runId: external_exports.union([external_exports.string().min(1), external_exports.number()]).transform(String),
  owner: external_exports.enum(AUTOMATIONS),
  leaseExpiresAt: external_exports.iso.datetime({ offset: true }),
  label: external_exports.string().min(1).default(BUILDING),
  releasedAt: external_exports.iso.datetime({ offset: true }).optional()
});
function claimMarker(subject) {
  return { kind: CLAIM_KIND, key: String(subject) };
}
function makeClaim(input) {
  return {
    subject: input.subject,
    runId: String(input.runId),
    owner: input.owner,
    leaseExpiresAt: new Date(input.now.getTime() + input.leaseMinutes * 6e4).toISOString(),
    label: input.label ?? BUILDING
  };
}
function makeClaimBody(input) {
  const claim = "now" in input ? makeClaim(input) : input;
  const { subject, ...data } = claim;
  const text = claim.releasedAt ? `Released: ${claim.owner} (run ${claim.runId}) no longer works on this (released ${claim.releasedAt}).` : `Claimed by ${claim.owner} (run ${claim.runId}) until ${claim.leaseExpiresAt}. Other runs leave this alone until then.`;
  return `${marker(claimMarker(subject), data)}
${text}
`;
}
function makeReleasedBody(claim, now) {
  return makeClaimBody({ ...claim, releasedAt: now.toISOString() });
}
function parseClaim(commentBody) {
  const m = findMarkers(commentBody).find((f) => f.kind === CLAIM_KIND && /^\d+$/.test(f.key));
  const parsed = ClaimData.safeParse(m?.data);
  if (!m || !parsed.success) return void 0;
  const { releasedAt, ...rest } = parsed.data;
  return { subject: Number(m.key), ...rest, ...releasedAt ? { releasedAt } : {} };
}
function isClaimExpired(claim, now) {
  return now.getTime() >= Date.parse(claim.leaseExpiresAt);
}

export {
  checkTransition,
  CLAIM_KIND,
  makeClaimBody,
  makeReleasedBody,
  parseClaim,
  isClaimExpired,
  ATTEMPTS_KIND,
  attemptsMarker,
  parseCounters,
  increment,
  reset,
  renderCounters,
  exceeded,
  APPROVAL_LABEL,
  approvalWithdrawn
};
