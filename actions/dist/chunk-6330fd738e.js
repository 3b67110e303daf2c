import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  GITHUB_HOSTS,
  OUTBOUND_RULES,
  TIERS,
  allowedHostsFor,
  checkOutbound,
  checkSecret,
  describeLookalike,
  globMatcher,
  maxTier,
  pathClassifier,
  tierRank
} from "./chunk-49f27ce82d.js";
import {
  findMarkers,
  getMarker,
  marker
} from "./chunk-cd4c9ed0f2.js";
import {
  IntentSchema
} from "./chunk-72b8fa822b.js";
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
  isAllowlistedLabel,
  isFactoryLabel,
  labelFamily
} from "./chunk-daa79fc193.js";

// actions/shared/policy/context.ts
var RISK_ORDER = TIERS;
var maxRisk = maxTier;
var DEFAULT_CAPS = {
  comment: 5,
  add_labels: 10,
  remove_labels: 10,
  create_issue: 10,
  close_issue: 5,
  add_sub_issue: 20,
  review: 1,
  reply_to_thread: 30,
  resolve_thread: 30,
  open_pull_request: 1,
  push: 3,
  request_merge: 1
};
var DEFAULT_MAX_MENTIONS = 3;

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
var RISK_RAISERS = ["merge-gate", "pr-reviewer", "pr-shepherd"];
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
  [PAUSED]: { on: ["issue", "pr"], add: ["commands"], remove: [] },
  [ASSIST]: { on: ["issue", "pr"], add: [], remove: [] },
  // On pull requests needs-human is an escalation flag; on issues it is a state (ISSUE_EDGES).
  [NEEDS_HUMAN]: { on: ["pr"], add: ["merge-gate", "pr-shepherd", "review-resolver", "pr-reviewer", "ci-fixer", "commands"], remove: ["commands"] }
};
var GUARDS = [
  { when: ASSIST, automation: "feature-builder", mayNotAdd: BUILDING, why: `the issue is human-led (${ASSIST})` }
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
  const reason = checkStates(change) ?? checkRisk(change) ?? checkClassification(change) ?? checkFlags(change) ?? GUARDS.find((g) => g.automation === req.automation && before.has(g.when) && added.includes(g.mayNotAdd))?.why;
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

// actions/shared/policy/text.ts
function intentTexts(intent) {
  switch (intent.kind) {
    case "comment":
    case "reply_to_thread":
      return [{ field: "body", text: intent.body }];
    case "create_issue":
    case "open_pull_request":
      return [
        { field: "title", text: intent.title },
        { field: "body", text: intent.body }
      ];
    case "close_issue":
      return intent.comment ? [{ field: "comment", text: intent.comment }] : [];
    case "review":
      return [{ field: "body", text: intent.body }, ...intent.comments.map((c, i) => ({ field: `comments.${i}.body`, text: c.body }))];
    default:
      return [];
  }
}
function mapIntentTexts(intent, fn) {
  const changed = intentTexts(intent).some(({ text }) => fn(text) !== text);
  if (!changed) return intent;
  switch (intent.kind) {
    case "comment":
    case "reply_to_thread":
      return { ...intent, body: fn(intent.body) };
    case "create_issue":
    case "open_pull_request":
      return { ...intent, title: fn(intent.title), body: fn(intent.body) };
    case "close_issue":
      return intent.comment ? { ...intent, comment: fn(intent.comment) } : intent;
    case "review":
      return { ...intent, body: fn(intent.body), comments: intent.comments.map((c) => ({ ...c, body: fn(c.body) })) };
    default:
      return intent;
  }
}
function allStrings(value, path = "") {
  if (typeof value === "string") return [{ field: path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => allStrings(v, path ? `${path}.${i}` : String(i)));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => allStrings(v, path ? `${path}.${k}` : k));
  }
  return [];
}
function withoutCode(text) {
  return text.replace(/```[\s\S]*?(```|$)/g, " ").replace(/~~~[\s\S]*?(~~~|$)/g, " ").replace(/`[^`\n]*`/g, " ");
}
var MENTION_RE = /(^|[^A-Za-z0-9_`/@.\\-])@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))(\/[A-Za-z0-9_.-]+)?/g;
var BROADCAST = /* @__PURE__ */ new Set(["everyone", "here", "channel", "all"]);
function findMentions(text) {
  const users = /* @__PURE__ */ new Set();
  const teams = /* @__PURE__ */ new Set();
  const broadcast = /* @__PURE__ */ new Set();
  for (const m of withoutCode(text).matchAll(MENTION_RE)) {
    const login = m[2].toLowerCase();
    if (m[3]) teams.add(`${login}${m[3].toLowerCase()}`);
    else if (BROADCAST.has(login)) broadcast.add(login);
    else users.add(login);
  }
  return { users: [...users], teams: [...teams], broadcast: [...broadcast] };
}
var CLOSING_RE = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b\s*:?\s+((?:[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)?#(\d+)|https?:\/\/\S+\/(?:issues|pull)\/(\d+))/gi;
function findClosingReferences(text) {
  const out = [];
  for (const m of text.matchAll(CLOSING_RE)) {
    const ref = m[1];
    const number = Number(m[2] ?? m[3]);
    out.push({ ref, number, crossRepo: !ref.startsWith("#") });
  }
  return out;
}
function containsFactoryMarker(text) {
  return /<!--\s*factory:/i.test(text);
}

// actions/shared/policy/policy.ts
var RULES = {
  invalidIntent: "invalid-intent",
  kindNotAllowed: "kind-not-allowed",
  capExceeded: "cap-exceeded",
  targetNotAllowed: "target-not-allowed",
  labelNotAllowed: "label-not-allowed",
  labelTransition: "label-transition",
  riskLowered: "risk-lowered",
  tooManyMentions: "too-many-mentions",
  broadcastMention: "broadcast-mention",
  secretInOutput: OUTBOUND_RULES.secret,
  imageHost: OUTBOUND_RULES.imageHost,
  unsafeUrl: OUTBOUND_RULES.unsafeUrl,
  linkHost: OUTBOUND_RULES.linkHost,
  forgedMarker: "forged-marker",
  closingKeyword: "closing-keyword",
  pushDefaultBranch: "push-default-branch",
  pushBranchPrefix: "push-branch-prefix",
  pushProtectedPath: "push-protected-path",
  pushLookalikePath: "push-lookalike-path",
  prBranch: "pr-branch",
  selfApproval: "self-approval",
  approveNotAllowed: "approve-not-allowed",
  mergeAutomation: "merge-automation",
  mergeRisk: "merge-risk",
  mergeOwnPr: "merge-own-pr",
  threadUnknown: "thread-unknown",
  resolveThread: "resolve-thread",
  closeIssue: "close-issue",
  duplicateDedupeKey: "duplicate-dedupe-key"
};
var FACTORY_BRANCH_PREFIX = "factory/";
var RISK_LABEL_PREFIX = "risk:";
function evaluateIntents(intents, ctx) {
  const state = {
    used: /* @__PURE__ */ new Map(),
    labels: /* @__PURE__ */ new Map(),
    dedupeKeys: /* @__PURE__ */ new Set(),
    risk: ctx.risk,
    // A run that pushes or opens a PR may not also merge (no merging your own work).
    changesCode: intents.some((i) => i?.kind === "push" || i?.kind === "open_pull_request")
  };
  const accepted = [];
  const rejected = [];
  for (const raw of intents) {
    const parsed = IntentSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
      rejected.push({ intent: raw, rule: RULES.invalidIntent, reason: `${where}${issue?.message ?? "invalid intent"}` });
      continue;
    }
    const intent = parsed.data;
    const verdict = check(intent, ctx, state);
    if (verdict) {
      rejected.push({ intent: raw, ...verdict });
    } else {
      accepted.push(...commit(intent, ctx, state), inert(intent, ctx));
    }
  }
  return { accepted, rejected };
}
function check(intent, ctx, state) {
  if (!ctx.allowedKinds.includes(intent.kind)) {
    return { rule: RULES.kindNotAllowed, reason: `${ctx.automation} may not ${intent.kind}` };
  }
  const cap = ctx.config.caps?.[intent.kind] ?? DEFAULT_CAPS[intent.kind];
  if ((state.used.get(intent.kind) ?? 0) >= cap) {
    return { rule: RULES.capExceeded, reason: `at most ${cap} ${intent.kind} intent(s) per run` };
  }
  return checkContent(intent, ctx) ?? checkKind(intent, ctx, state);
}
function checkContent(intent, ctx) {
  for (const { field, text } of allStrings(intent)) {
    const secret = checkSecret(text, ctx.redact);
    if (secret) return { rule: RULES.secretInOutput, reason: `${field} ${secret.reason}` };
  }
  const maxMentions = ctx.config.maxMentions ?? DEFAULT_MAX_MENTIONS;
  const outbound = { redact: ctx.redact, allowedHosts: ctx.config.allowedHosts ?? GITHUB_HOSTS };
  for (const { field, text } of intentTexts(intent)) {
    const out = checkOutbound(text, outbound);
    if (!out.ok) return { rule: out.rule, reason: `${field} ${out.reason}` };
    if (containsFactoryMarker(text)) {
      return { rule: RULES.forgedMarker, reason: `${field} contains a factory marker; markers are written by the applier` };
    }
    const mentions = findMentions(text);
    const broadcast = [...mentions.teams, ...mentions.broadcast];
    if (broadcast.length > 0) {
      return { rule: RULES.broadcastMention, reason: `${field} mentions a team or everyone (@${broadcast[0]})` };
    }
    if (mentions.users.length > maxMentions) {
      return { rule: RULES.tooManyMentions, reason: `${field} mentions ${mentions.users.length} people; at most ${maxMentions}` };
    }
  }
  return void 0;
}
function inert(intent, ctx) {
  const outbound = { redact: ctx.redact, allowedHosts: ctx.config.allowedHosts ?? GITHUB_HOSTS };
  return mapIntentTexts(intent, (text) => {
    const out = checkOutbound(text, outbound);
    return out.ok ? out.text : text;
  });
}
function isAllowedTarget(n, ctx) {
  return n === ctx.subject?.number || ctx.allowedTargets.includes(n);
}
function targets(n, ctx) {
  const bad = n.find((x) => !isAllowedTarget(x, ctx));
  return bad === void 0 ? void 0 : { rule: RULES.targetNotAllowed, reason: `#${bad} is not a target of this run` };
}
function checkKind(intent, ctx, state) {
  switch (intent.kind) {
    case "comment":
      return targets([intent.target.number], ctx);
    case "add_labels":
    case "remove_labels":
      return targets([intent.target.number], ctx) ?? checkLabels(intent, ctx, state);
    case "create_issue":
      return checkCreateIssue(intent, ctx, state);
    case "close_issue":
      return targets([intent.number], ctx) ?? checkClose(intent, ctx);
    case "add_sub_issue":
      return targets([intent.parent, intent.child], ctx);
    case "review":
      return targets([intent.pr], ctx) ?? checkReview(intent, ctx);
    case "reply_to_thread":
      return ctx.threads[intent.threadId] ? void 0 : { rule: RULES.threadUnknown, reason: `thread ${intent.threadId} is not on this pull request` };
    case "resolve_thread":
      return checkResolve(intent.threadId, ctx);
    case "open_pull_request":
      return checkOpenPr(intent, ctx);
    case "push":
      return checkPush(intent, ctx);
    case "request_merge":
      return targets([intent.pr], ctx) ?? checkMerge(intent, ctx, state);
  }
}
function currentLabels(n, ctx, state) {
  const known = state.labels.get(n);
  if (known) return known;
  if (ctx.subject?.number === n) return ctx.subject.labels;
  return ctx.targetLabels?.[String(n)] ?? [];
}
function riskOfLabel(label) {
  if (!label.startsWith(RISK_LABEL_PREFIX)) return void 0;
  const tier = label.slice(RISK_LABEL_PREFIX.length);
  return RISK_ORDER.includes(tier) ? tier : void 0;
}
function checkLabels(intent, ctx, state) {
  const bad = intent.labels.find((l) => !ctx.config.isAllowedLabel(l));
  if (bad !== void 0) return { rule: RULES.labelNotAllowed, reason: `label "${bad}" is not in the factory's label set` };
  for (const label of intent.labels) {
    const tier = riskOfLabel(label);
    if (!tier) continue;
    const lowers = intent.kind === "add_labels" ? RISK_ORDER.indexOf(tier) < RISK_ORDER.indexOf(state.risk) : tier === state.risk;
    if (lowers) {
      return {
        rule: RULES.riskLowered,
        reason: `risk is ${state.risk}; ${intent.kind === "add_labels" ? "adding" : "removing"} ${label} would lower it`
      };
    }
  }
  const result = transition(ctx, labelMove(intent, ctx, state));
  return result.ok ? void 0 : { rule: RULES.labelTransition, reason: result.reason };
}
var EXCLUSIVE_FAMILIES = {
  issue: ["issue-state", "type", "priority", "source"],
  pr: ["pr-state", "risk"]
};
function labelMove(intent, ctx, state) {
  const subject = intent.target.type;
  const current = currentLabels(intent.target.number, ctx, state);
  const base = { automation: ctx.automation, subject, current, ...ctx.config.extraLabels ? { extraLabels: ctx.config.extraLabels } : {} };
  if (intent.kind === "remove_labels") return { ...base, remove: intent.labels, replaced: [] };
  const families = new Set(
    intent.labels.map((l) => labelFamily(l)).filter((f) => !!f && EXCLUSIVE_FAMILIES[subject].includes(f))
  );
  const replaced = current.filter((l) => !intent.labels.includes(l) && families.has(labelFamily(l)));
  return { ...base, add: intent.labels, ...replaced.length ? { remove: replaced } : {}, replaced };
}
function transition(ctx, req) {
  const { replaced: _replaced, ...request } = req;
  return (ctx.checkTransition ?? checkTransition)(request);
}
function checkCreateIssue(intent, ctx, state) {
  if (state.dedupeKeys.has(intent.dedupeKey)) {
    return { rule: RULES.duplicateDedupeKey, reason: `an issue with dedupeKey "${intent.dedupeKey}" is already in this run` };
  }
  if (intent.parent !== void 0) {
    const t = targets([intent.parent], ctx);
    if (t) return t;
  }
  const bad = intent.labels.find((l) => !ctx.config.isAllowedLabel(l));
  if (bad !== void 0) return { rule: RULES.labelNotAllowed, reason: `label "${bad}" is not in the factory's label set` };
  const result = transition(ctx, {
    automation: ctx.automation,
    subject: "issue",
    current: [],
    add: intent.labels,
    ...ctx.config.extraLabels ? { extraLabels: ctx.config.extraLabels } : {}
  });
  return result.ok ? void 0 : { rule: RULES.labelTransition, reason: result.reason };
}
function checkClose(intent, ctx) {
  if (intent.reason === "duplicate") {
    if (intent.duplicateOf === void 0 || intent.duplicateOf === intent.number) {
      return { rule: RULES.closeIssue, reason: "closing as duplicate needs duplicateOf naming another issue" };
    }
    return void 0;
  }
  if (intent.number !== ctx.subject?.number) {
    return { rule: RULES.closeIssue, reason: `only duplicates or the run's own subject may be closed, not #${intent.number}` };
  }
  return void 0;
}
function checkReview(intent, ctx) {
  if (intent.event !== "APPROVE") return void 0;
  if (ctx.openedByFactory.includes(intent.pr)) {
    return { rule: RULES.selfApproval, reason: `#${intent.pr} was opened by the factory; it may not approve its own work` };
  }
  if (ctx.automation !== "pr-reviewer") {
    return { rule: RULES.approveNotAllowed, reason: `only pr-reviewer may approve, not ${ctx.automation}` };
  }
  return void 0;
}
function checkResolve(threadId, ctx) {
  const thread = ctx.threads[threadId];
  if (!thread) return { rule: RULES.threadUnknown, reason: `thread ${threadId} is not on this pull request` };
  const ours = thread.isFactory || thread.authorLogin === ctx.config.botLogin;
  if (!ours && !thread.resolveRequested) {
    return { rule: RULES.resolveThread, reason: `thread ${threadId} was opened by ${thread.authorLogin}; only its author resolves it` };
  }
  if (thread.humanRepliedAfter) {
    return { rule: RULES.resolveThread, reason: `a human replied on thread ${threadId} after the factory; leave it open` };
  }
  return void 0;
}
function checkBranch(branch, ctx, kind) {
  const what = kind === "push" ? "push to" : "open a pull request from";
  if (branch === ctx.defaultBranch) {
    return { rule: kind === "push" ? RULES.pushDefaultBranch : RULES.prBranch, reason: `never ${what} the default branch ${branch}` };
  }
  if (kind === "push" && ctx.pushableBranches?.includes(branch)) return void 0;
  if (!branch.startsWith(FACTORY_BRANCH_PREFIX) || branch.length <= FACTORY_BRANCH_PREFIX.length || branch.includes("..")) {
    return {
      rule: kind === "push" ? RULES.pushBranchPrefix : RULES.prBranch,
      reason: `may only ${what} a branch under ${FACTORY_BRANCH_PREFIX}, not ${branch}`
    };
  }
  return void 0;
}
function checkPush(intent, ctx) {
  const branch = checkBranch(intent.branch, ctx, "push");
  if (branch) return branch;
  const classify = pathClassifier(ctx.config.protectedPaths);
  const excepted = globMatcher([...ctx.allowProtectedPaths ?? [], ...ctx.config.writableProtectedPaths ?? []]);
  const files = [.../* @__PURE__ */ new Set([...intent.files, ...ctx.diffFiles ?? []])];
  const lookalike = files.find((f) => classify(f) === "lookalike");
  if (lookalike !== void 0) {
    const why = describeLookalike(lookalike, ctx.config.protectedPaths);
    return { rule: RULES.pushLookalikePath, reason: `${why}; refused as a lookalike of a protected path` };
  }
  const hit = files.find((f) => classify(f) === "protected" && !excepted(f));
  if (hit !== void 0) return { rule: RULES.pushProtectedPath, reason: `${hit} is a protected path` };
  return void 0;
}
function checkOpenPr(intent, ctx) {
  const head = checkBranch(intent.head, ctx, "pr");
  if (head) return head;
  if (intent.base !== ctx.defaultBranch) {
    return { rule: RULES.prBranch, reason: `pull requests target the default branch ${ctx.defaultBranch}, not ${intent.base}` };
  }
  if (intent.fixes !== void 0) {
    const t = targets([intent.fixes], ctx);
    if (t) return t;
  }
  for (const ref of findClosingReferences(`${intent.title}
${intent.body}`)) {
    if (ref.crossRepo || !isAllowedTarget(ref.number, ctx)) {
      return { rule: RULES.closingKeyword, reason: `closing reference ${ref.ref} is not a target of this run; use the fixes field` };
    }
  }
  return void 0;
}
function checkMerge(intent, ctx, state) {
  if (ctx.automation !== "merge-gate") {
    return { rule: RULES.mergeAutomation, reason: `only merge-gate may request a merge, not ${ctx.automation}` };
  }
  if (state.changesCode) {
    return { rule: RULES.mergeOwnPr, reason: "a run that pushes or opens a pull request may not also merge it" };
  }
  const allowed = ctx.config.autoMergeTiers ?? ["low"];
  if (state.risk === "high" || !allowed.includes(state.risk)) {
    return { rule: RULES.mergeRisk, reason: `risk tier ${state.risk} does not allow auto-merge of #${intent.pr}` };
  }
  return void 0;
}
function commit(intent, ctx, state) {
  state.used.set(intent.kind, (state.used.get(intent.kind) ?? 0) + 1);
  if (intent.kind === "create_issue") state.dedupeKeys.add(intent.dedupeKey);
  if (intent.kind !== "add_labels" && intent.kind !== "remove_labels") return [];
  const move = labelMove(intent, ctx, state);
  const moved = transition(ctx, move);
  const current = move.current;
  const fallback = intent.kind === "add_labels" ? [.../* @__PURE__ */ new Set([...current.filter((l) => !move.replaced.includes(l)), ...intent.labels])] : current.filter((l) => !intent.labels.includes(l));
  state.labels.set(intent.target.number, moved.ok ? moved.next : fallback);
  if (intent.kind === "add_labels") state.risk = effectiveRisk([intent], state.risk);
  return move.replaced.length ? [{ kind: "remove_labels", target: intent.target, labels: move.replaced }] : [];
}
function effectiveRisk(accepted, base) {
  let risk = base;
  for (const i of accepted) {
    if (i.kind !== "add_labels") continue;
    for (const l of i.labels) {
      const tier = riskOfLabel(l);
      if (tier) risk = maxRisk(risk, tier);
    }
  }
  return risk;
}

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

// actions/shared/policy/from-config.ts
function policyConfigFrom(config, options = {}) {
  const autoMergeTiers = config.merge.mode === "auto" ? config.merge.autoMerge.filter((t) => t !== "high") : [];
  return {
    isAllowedLabel: (label) => isAllowlistedLabel(label, config),
    extraLabels: config.labels.extra,
    protectedPaths: config.risk.protectedPaths,
    writableProtectedPaths: config.risk.writableProtectedPaths,
    botLogin: config.trust.botLogin,
    autoMergeTiers,
    allowedHosts: allowedHostsFor(config.outputs?.allowedHosts),
    ...options
  };
}
var LABELS = ["add_labels", "remove_labels"];
var DEFAULT_ALLOWED_KINDS = {
  intake: ["create_issue", "comment"],
  "feature-planner": ["comment", ...LABELS, "create_issue", "close_issue", "add_sub_issue"],
  "feature-builder": ["push", "open_pull_request", "comment", ...LABELS],
  commands: ["comment", ...LABELS, "push", "open_pull_request", "reply_to_thread", "review"],
  "pr-reviewer": ["review", "comment", ...LABELS],
  "review-resolver": ["push", "reply_to_thread", "resolve_thread", "comment", ...LABELS],
  "merge-gate": ["comment", ...LABELS, "request_merge"],
  "pr-shepherd": ["push", "comment", "review", ...LABELS],
  "post-merge-verifier": ["create_issue", "comment"],
  "incident-responder": ["create_issue", "comment", ...LABELS],
  "quality-grader": ["push", "open_pull_request", "create_issue", "comment"],
  "automation-auditor": ["push", "open_pull_request", "create_issue", "comment"],
  metrics: ["create_issue", "comment"],
  "ci-fixer": ["push", "comment", ...LABELS]
};

export {
  maxRisk,
  checkTransition,
  findMentions,
  findClosingReferences,
  RULES,
  FACTORY_BRANCH_PREFIX,
  evaluateIntents,
  policyConfigFrom,
  DEFAULT_ALLOWED_KINDS,
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
