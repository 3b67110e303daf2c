import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);

// actions/shared/state/labels.ts
var READY = "factory:ready";
var NEEDS_INFO = "factory:needs-info";
var NEEDS_HUMAN = "factory:needs-human";
var BUILDING = "factory:building";
var PR_OPEN = "factory:pr-open";
var DUPLICATE = "duplicate";
var REVIEWING = "factory:reviewing";
var CHANGES_REQUESTED = "factory:changes-requested";
var APPROVED = "factory:approved";
var PAUSED = "factory:paused";
var ASSIST = "factory:assist";
var SOURCE_REPORT = "source:report";
var SOURCE_SENTRY = "source:sentry";
var SOURCE_POST_MERGE = "source:post-merge";
var MONITOR_SOURCES = [SOURCE_SENTRY, SOURCE_POST_MERGE];
function riskLabel(tier) {
  return `risk:${tier}`;
}
var RISK_LABELS = [riskLabel("low"), riskLabel("medium"), riskLabel("high")];
var FACTORY_LABELS = [
  // Issue states (exactly one at a time; see machine.ts)
  { name: READY, family: "issue-state", color: "0e8a16", description: "Triaged and ready for the feature builder" },
  { name: NEEDS_INFO, family: "issue-state", color: "d876e3", description: "The factory needs more information from the reporter" },
  { name: NEEDS_HUMAN, family: "issue-state", color: "b60205", description: "Escalated: a human must decide or act before the factory continues" },
  { name: BUILDING, family: "issue-state", color: "fbca04", description: "Claimed by a builder run (see the claim comment for its lease)" },
  { name: PR_OPEN, family: "issue-state", color: "1d76db", description: "A factory pull request addresses this issue" },
  { name: DUPLICATE, family: "issue-state", color: "cfd3d7", description: "This issue or pull request already exists" },
  // Pull request review states (exactly one at a time)
  { name: REVIEWING, family: "pr-state", color: "c5def5", description: "The factory is reviewing this pull request" },
  { name: CHANGES_REQUESTED, family: "pr-state", color: "e99695", description: "The factory review asked for changes" },
  { name: APPROVED, family: "pr-state", color: "2ea44f", description: "The factory review approved this pull request" },
  // Flags set by humans (the factory never removes them)
  { name: PAUSED, family: "flag", color: "3b3b3b", description: "Paused by a human: no automation touches this until the label is removed" },
  { name: ASSIST, family: "flag", color: "bfd4f2", description: "Human-led: the factory reviews and answers commands but does not build it" },
  // Risk tiers (pull requests; computed by code, see risk/)
  { name: "risk:low", family: "risk", color: "c2e0c6", description: "Low risk: may auto-merge when the policy allows" },
  { name: "risk:medium", family: "risk", color: "fef2c0", description: "Medium risk" },
  { name: "risk:high", family: "risk", color: "d93f0b", description: "High risk: never auto-merged, a human merges" },
  // Priority
  { name: "priority:p0", family: "priority", color: "b60205", description: "Critical: drop everything" },
  { name: "priority:p1", family: "priority", color: "d93f0b", description: "High priority" },
  { name: "priority:p2", family: "priority", color: "fbca04", description: "Normal priority" },
  { name: "priority:p3", family: "priority", color: "c5def5", description: "Low priority" },
  // Type
  { name: "type:bug", family: "type", color: "d73a4a", description: "Something is broken" },
  { name: "type:feature", family: "type", color: "a2eeef", description: "New behaviour" },
  { name: "type:chore", family: "type", color: "ededed", description: "Maintenance: refactoring, dependencies, tooling" },
  { name: "type:incident", family: "type", color: "e11d21", description: "A production incident" },
  // Source: where the work came from
  { name: SOURCE_REPORT, family: "source", color: "bfdadc", description: "From a user report (intake)" },
  { name: SOURCE_SENTRY, family: "source", color: "bfdadc", description: "From a Sentry issue (incident responder)" },
  { name: SOURCE_POST_MERGE, family: "source", color: "bfdadc", description: "From a failed post-merge smoke check" },
  { name: "source:spec-gap", family: "source", color: "bfdadc", description: "From a gap between the specs and the code" },
  { name: "source:planner", family: "source", color: "bfdadc", description: "Created by the feature planner (decomposition)" }
];
var FACTORY_LABEL_NAMES = FACTORY_LABELS.map((l) => l.name);
var RESERVED_LABEL_PREFIXES = ["factory:", "risk:", "priority:", "type:", "source:"];
function isFactoryLabel(name) {
  return FACTORY_LABEL_NAMES.includes(name);
}
function labelFamily(name) {
  return FACTORY_LABELS.find((l) => l.name === name)?.family;
}
function isAllowlistedLabel(name, config) {
  return isFactoryLabel(name) || config.labels.extra.includes(name);
}

// actions/shared/state/automations.ts
var AUTOMATIONS = [
  "intake",
  "feature-planner",
  "feature-builder",
  "commands",
  "pr-reviewer",
  "review-resolver",
  "merge-gate",
  "pr-shepherd",
  "post-merge-verifier",
  "incident-responder",
  "quality-grader",
  "automation-auditor",
  "metrics",
  "ci-fixer"
];
function isAutomation(name) {
  return AUTOMATIONS.includes(name);
}

export {
  AUTOMATIONS,
  isAutomation,
  READY,
  NEEDS_INFO,
  NEEDS_HUMAN,
  BUILDING,
  PR_OPEN,
  DUPLICATE,
  REVIEWING,
  CHANGES_REQUESTED,
  APPROVED,
  PAUSED,
  ASSIST,
  SOURCE_REPORT,
  MONITOR_SOURCES,
  riskLabel,
  RISK_LABELS,
  FACTORY_LABEL_NAMES,
  RESERVED_LABEL_PREFIXES,
  isFactoryLabel,
  labelFamily,
  isAllowlistedLabel
};
