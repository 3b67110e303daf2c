import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  APPROVED,
  AUTOMATIONS,
  CHANGES_REQUESTED,
  NEEDS_HUMAN,
  READY,
  SOURCE_REPORT,
  isAutomation
} from "./chunk-ffa5c3fea6.js";

// actions/shared/events/command.ts
var COMMANDS = ["fix", "retry", "plan", "review", "explain", "stop"];
var FENCE = /^ {0,3}(`{3,}|~{3,})/;
function parseCommand(body, options = {}) {
  for (const m of commandLines(body, options)) {
    if (isCommand(m.word)) return { command: m.word, args: m.args };
  }
  return void 0;
}
function parseUnknownCommand(body, options = {}) {
  const lines = [...commandLines(body, options)];
  if (lines.some((m) => isCommand(m.word))) return void 0;
  return lines[0]?.word;
}
function* commandLines(body, options) {
  if (!body) return;
  const mention = escapeRegExp(options.mention ?? "factory");
  const line = new RegExp(`^\\s*@${mention}[ \\t]+([A-Za-z]+)\\b[ \\t]*(.*)$`, "i");
  let fence;
  for (const raw of body.split(/\r?\n/)) {
    const f = FENCE.exec(raw);
    if (fence !== void 0) {
      if (f && f[1].startsWith(fence) && raw.trim() === f[1]) fence = void 0;
      continue;
    }
    if (f) {
      fence = f[1];
      continue;
    }
    const m = line.exec(raw);
    if (m) yield { word: m[1].toLowerCase(), args: m[2].trim() };
  }
}
function isCommand(name) {
  return COMMANDS.includes(name);
}
function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// actions/shared/events/route.ts
var DEFAULTS = {
  intakeLabels: [SOURCE_REPORT],
  reportDispatchType: "factory-report",
  readyLabel: READY,
  needsHumanLabel: NEEDS_HUMAN,
  commandMention: "factory",
  deployEnvironment: null
};
var VERDICT_LABELS = [APPROVED, CHANGES_REQUESTED];
var notPr = (e) => e.subject?.type === "pr" ? "the issue is a pull request" : void 0;
var hasCommand = (e, o) => parseCommand(e.body, { mention: o.commandMention }) || parseUnknownCommand(e.body, { mention: o.commandMention }) ? void 0 : `the comment has no "@${o.commandMention} <command>" line`;
var failed = (e) => e.conclusion === "failure" ? void 0 : `the workflow run concluded "${e.conclusion ?? "none"}", not "failure"`;
var manual = { kind: "workflow_dispatch" };
var scheduled = { kind: "schedule" };
var ROUTES = {
  intake: [
    {
      kind: "repository_dispatch",
      reject: (e, o) => e.action === o.reportDispatchType ? void 0 : `dispatch type "${e.action}" is not "${o.reportDispatchType}"`
    },
    {
      kind: "issues",
      actions: ["opened"],
      reject: (e, o) => notPr(e) ?? (e.labels.some((l) => o.intakeLabels.includes(l)) ? void 0 : `the issue has none of the intake labels (${o.intakeLabels.join(", ")})`)
    }
  ],
  "feature-planner": [{ kind: "issues", actions: ["opened", "edited", "reopened"], reject: notPr }, scheduled, manual],
  "feature-builder": [
    {
      kind: "issues",
      actions: ["labeled"],
      reject: (e, o) => notPr(e) ?? (e.label === o.readyLabel ? void 0 : `the label added is not "${o.readyLabel}"`)
    },
    scheduled,
    manual
  ],
  commands: [
    { kind: "issue_comment", actions: ["created"], reject: hasCommand },
    { kind: "pull_request_review_comment", actions: ["created"], reject: hasCommand }
  ],
  "pr-reviewer": [
    {
      kind: "pull_request",
      actions: ["opened", "synchronize", "ready_for_review", "reopened"],
      reject: (e) => e.draft ? "the pull request is a draft" : void 0
    },
    manual
  ],
  "review-resolver": [
    { kind: "pull_request_review", actions: ["submitted"] },
    { kind: "pull_request_review_comment", actions: ["created"] }
  ],
  "merge-gate": [
    { kind: "pull_request_review", actions: ["submitted"] },
    { kind: "check_suite", actions: ["completed"] },
    { kind: "workflow_run", actions: ["completed"] },
    // A verdict label (the reviewer's) re-evaluates; a push disarms auto-merge and re-evaluates.
    {
      kind: "pull_request",
      actions: ["labeled", "synchronize"],
      reject: (e) => e.action !== "labeled" || e.label !== void 0 && VERDICT_LABELS.includes(e.label) ? void 0 : `the label added is not a review verdict (${VERDICT_LABELS.join(", ")})`
    },
    scheduled,
    manual
  ],
  "ci-fixer": [{ kind: "workflow_run", actions: ["completed"], reject: failed }, manual],
  "pr-shepherd": [
    scheduled,
    manual,
    {
      kind: "pull_request",
      actions: ["labeled"],
      reject: (e, o) => e.label === o.needsHumanLabel ? void 0 : `the label added is not "${o.needsHumanLabel}"`
    },
    { kind: "workflow_run", actions: ["completed"], reject: failed }
  ],
  "post-merge-verifier": [
    { kind: "push", reject: (e) => e.isDefaultBranch ? void 0 : `${e.ref} is not the default branch` },
    {
      kind: "workflow_run",
      actions: ["completed"],
      reject: (e) => e.conclusion === "success" ? void 0 : `the workflow run concluded "${e.conclusion ?? "none"}"`
    },
    // A deployment that went live, to the configured environment (postMerge.deployEnvironment) when one is set.
    {
      kind: "deployment_status",
      actions: ["created"],
      reject: (e, o) => e.state !== "success" ? `the deployment's state is "${e.state}", not "success"` : o.deployEnvironment !== null && e.environment !== o.deployEnvironment ? `the deployment is to "${e.environment}", not "${o.deployEnvironment}" (postMerge.deployEnvironment)` : void 0
    },
    manual
  ],
  "incident-responder": [
    scheduled,
    manual,
    // Back to Sentry: a merged pull request may fix an incident.
    {
      kind: "pull_request",
      actions: ["closed"],
      reject: (e) => e.payload.pull_request.merged ? void 0 : "the pull request was closed without merging"
    }
  ],
  "quality-grader": [scheduled, manual],
  "automation-auditor": [scheduled, manual],
  metrics: [scheduled, manual]
};
function isAutomationName(name) {
  return isAutomation(name);
}
function describeEvent(event) {
  if (event.kind === "unsupported") return event.name || "unknown event";
  return event.action ? `${event.kind}.${event.action}` : event.kind;
}
function routeEvent(event, automation, options = {}) {
  if (event.kind === "unsupported") {
    return { run: false, reason: `unsupported event "${event.name}": ${event.reason}` };
  }
  if (!isAutomationName(automation)) {
    return { run: false, reason: `unknown automation "${automation}" (known: ${AUTOMATIONS.join(", ")})` };
  }
  const o = { ...DEFAULTS, ...definedOnly(options) };
  const what = describeEvent(event);
  const rules = ROUTES[automation].filter((r) => r.kind === event.kind);
  if (rules.length === 0) return { run: false, reason: `${automation} does not handle ${event.kind} events` };
  let rejection;
  for (const rule of rules) {
    if (rule.actions && !rule.actions.includes(event.action ?? "")) continue;
    const why = applyReject(rule, event, o);
    if (why === void 0) return { run: true, reason: `${automation} handles ${what}` };
    rejection ??= why;
  }
  return {
    run: false,
    reason: rejection ? `${automation} skips ${what}: ${rejection}` : `${automation} does not handle ${what}`
  };
}
function applyReject(rule, event, options) {
  if (!rule.reject) return void 0;
  return rule.reject(event, options);
}
function definedOnly(options) {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== void 0));
}

export {
  COMMANDS,
  parseCommand,
  parseUnknownCommand,
  ROUTES,
  describeEvent,
  routeEvent
};
