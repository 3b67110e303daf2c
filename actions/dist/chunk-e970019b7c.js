import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  allStrings,
  containsFactoryMarker,
  findClosingReferences,
  findMentions,
  intentTexts,
  mapIntentTexts
} from "./chunk-8866facdbc.js";
import {
  GITHUB_HOSTS,
  OUTBOUND_RULES,
  allowedHostsFor,
  checkOutbound,
  checkSecret
} from "./chunk-64c3aea864.js";
import {
  describeLookalike,
  globMatcher,
  pathClassifier,
  writableMatcher
} from "./chunk-46b452a502.js";
import {
  checkTransition
} from "./chunk-3b9788c516.js";
import {
  TIERS,
  maxTier
} from "./chunk-368e4d810e.js";
import {
  IntentSchema
} from "./chunk-72b8fa822b.js";
import {
  isAllowlistedLabel,
  labelFamily
} from "./chunk-ffa5c3fea6.js";

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
  const allowed = globMatcher(ctx.allowProtectedPaths ?? []);
  const writable = writableMatcher(ctx.config.protectedPaths, ctx.config.writableProtectedPaths ?? []);
  const excepted = (path) => allowed(path) || writable(path);
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
  RULES,
  FACTORY_BRANCH_PREFIX,
  evaluateIntents,
  policyConfigFrom,
  DEFAULT_ALLOWED_KINDS
};
