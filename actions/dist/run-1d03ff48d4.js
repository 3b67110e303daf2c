import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  NEEDS_HUMAN,
  escalationReason,
  percentile,
  readRunRecords
} from "./chunk-05e205c5d5.js";
import "./chunk-3b9788c516.js";
import {
  isAutomationEnabled
} from "./chunk-368e4d810e.js";
import {
  findMarkers,
  marker
} from "./chunk-cd4c9ed0f2.js";
import "./chunk-21091bdd34.js";
import "./chunk-72b8fa822b.js";
import {
  skipped
} from "./chunk-611882844b.js";
import "./chunk-8935ddc7e5.js";
import "./chunk-eebc0eba86.js";
import "./chunk-f1a3eba2ad.js";
import {
  routeEvent
} from "./chunk-733809efca.js";
import "./chunk-ffa5c3fea6.js";
import "./chunk-0a4052ce6e.js";

// actions/shared/metrics/audit.ts
var DEFAULT_THRESHOLDS = { cluster: 3, outlierFactor: 3, minOutlierUsd: 0.1 };
function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9._/-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "x";
}
function groupBy(items, key) {
  const out = /* @__PURE__ */ new Map();
  for (const item of items) {
    const k = key(item);
    if (k === void 0) continue;
    out.set(k, [...out.get(k) ?? [], item]);
  }
  return out;
}
var ids = (records) => [...new Set(records.map((r) => r.runId))].sort();
function findFindings(input, t = DEFAULT_THRESHOLDS) {
  const findings = [];
  const { records } = input;
  for (const [automation, runs] of groupBy(
    records,
    (r) => r.outcome === "failed" || r.outcome === "partial" ? r.automation : void 0
  )) {
    if (runs.length < t.cluster) continue;
    findings.push({
      key: `failures-${slug(automation)}`,
      kind: "failure-cluster",
      title: `${automation} failed in ${runs.length} runs this week`,
      summary: `${runs.length} runs of ${automation} ended failed or partial (writes that did not go through, or the agent failing).`,
      evidence: ids(runs),
      suggestion: `Open the runs with \`factory runs <id>\` (or their run-record artifacts) and look for the common step; fix the prompt, the config or the code before the next run.`
    });
  }
  for (const [key, runs] of groupBy(records, (r) => r.budgetStop ? `${r.automation}\0${r.budgetStop.reason}` : void 0)) {
    if (runs.length < 2) continue;
    const [automation, reason] = key.split("\0");
    findings.push({
      key: `budget-${slug(automation)}-${slug(reason)}`,
      kind: "budget-stops",
      title: `${automation} hit its ${reason} budget ${runs.length} times`,
      summary: `${runs.length} runs of ${automation} stopped on the ${reason} budget before finishing.`,
      evidence: ids(runs),
      suggestion: `Either raise budgets.perAutomation.${automation}.${reason} in .github/factory.yml, or make the task smaller (the prompt, the context it is given).`
    });
  }
  const rejections = records.flatMap((r) => r.intents.rejected.map((x) => ({ r, rule: x.rule, kind: x.kind })));
  for (const [rule, hits] of groupBy(rejections, (h) => h.rule)) {
    if (hits.length < t.cluster) continue;
    const runs = hits.map((h) => h.r);
    findings.push({
      key: `rejections-${slug(rule)}`,
      kind: "policy-rejections",
      title: `Policy rejected ${hits.length} intents under rule ${rule}`,
      summary: `Agents proposed ${hits.length} ${[...new Set(hits.map((h) => h.kind))].join("/")} intents that policy rejected (${rule}): wasted turns, and a sign the prompt asks for something policy forbids.`,
      evidence: ids(runs),
      suggestion: "Tell the agent in its prompt what this rule allows, so it stops proposing what policy refuses."
    });
  }
  const refusals = records.flatMap((r) => r.toolRefusals.map((x) => ({ r, rule: x.rule, tool: x.tool })));
  for (const [rule, hits] of groupBy(refusals, (h) => h.rule)) {
    if (hits.length < t.cluster) continue;
    findings.push({
      key: `refusals-${slug(rule)}`,
      kind: "tool-refusals",
      title: `Tools refused ${hits.length} calls under rule ${rule}`,
      summary: `${hits.length} tool calls (${[...new Set(hits.map((h) => h.tool))].join(", ")}) were refused (${rule}).`,
      evidence: ids(hits.map((h) => h.r)),
      suggestion: "Check whether the prompt or the command allowlist (commands.allow) should change."
    });
  }
  const escalated = [...input.pulls, ...input.issues].filter((s) => s.labels.includes(NEEDS_HUMAN));
  for (const [reason, subjects] of groupBy(escalated, (s) => escalationReason(s.lastComments, input.botLogins))) {
    if (subjects.length < t.cluster || reason === "(no reason given)") continue;
    findings.push({
      key: `needs-human-${slug(reason)}`,
      kind: "needs-human-reason",
      title: `${subjects.length} escalations for the same reason: ${reason}`,
      summary: `The factory handed ${subjects.length} issues or pull requests to a person for the same reason.`,
      evidence: subjects.map((s) => `#${s.number}`).sort(),
      suggestion: "If a person keeps deciding the same way, encode that decision in the config or the prompt."
    });
  }
  for (const [automation, runs] of groupBy(records, (r) => r.automation)) {
    const median = percentile(
      runs.map((r) => r.costUsd),
      50
    );
    if (median === null || runs.length < 4) continue;
    const outliers = runs.filter((r) => r.costUsd >= t.minOutlierUsd && r.costUsd > t.outlierFactor * median);
    if (outliers.length === 0) continue;
    findings.push({
      key: `cost-${slug(automation)}`,
      kind: "cost-outlier",
      title: `${automation}: ${outliers.length} runs cost over ${t.outlierFactor}x its median`,
      summary: `The median run of ${automation} cost $${median.toFixed(4)}; these cost $${outliers.map((r) => r.costUsd.toFixed(4)).join(", $")}.`,
      evidence: ids(outliers),
      suggestion: "Look at what these runs read and how many turns they took; cap the context or the turns for this automation."
    });
  }
  for (const [key, runs] of groupBy(
    records,
    (r) => r.subject && r.outcome === "no-op" ? `${r.automation}\0${r.subject.type}\0${r.subject.number}` : void 0
  )) {
    if (runs.length < t.cluster) continue;
    const [automation, type, number] = key.split("\0");
    findings.push({
      key: `redundant-${slug(automation)}-${type}-${number}`,
      kind: "redundant-runs",
      title: `${automation} ran ${runs.length} times on ${type} #${number} and did nothing`,
      summary: `${runs.length} runs of ${automation} on the same ${type} ended no-op: work repeated for nothing (a trigger that fires too often, or a gate that should skip).`,
      evidence: ids(runs),
      suggestion: "Tighten the workflow triggers or the gate so these runs skip before spending tokens."
    });
  }
  return findings;
}

// actions/automation-auditor/src/run.ts
var AUTOMATION = "automation-auditor";
var TITLE_PREFIX = "Auditor: ";
function findingBody(f, window) {
  return [
    marker({ kind: AUTOMATION, key: f.key }),
    f.summary,
    "",
    `**Evidence** (${f.kind}, ${window.from} to ${window.to}):`,
    ...f.evidence.map((e) => e.startsWith("#") ? `- ${e}` : `- run \`${e}\``),
    "",
    `**Suggestion:** ${f.suggestion}`,
    "",
    "Found by code in the run records (`factory runs <id>` shows one run). The auditor opens each finding once; close this issue when it is dealt with."
  ].join("\n");
}
var run = async (deps, inputs) => {
  const { config } = deps;
  if (config.killSwitch) return skipped("the kill switch is on (killSwitch: true in .github/factory.yml)");
  if (!isAutomationEnabled(AUTOMATION, config))
    return skipped(`${AUTOMATION} is disabled (automations.${AUTOMATION}.enabled; off by default)`);
  if (inputs.event.kind === "unsupported") return skipped(inputs.event.reason);
  const route = routeEvent(inputs.event, AUTOMATION, {});
  if (!route.run) return skipped(route.reason);
  const settings = config.automations[AUTOMATION];
  const now = deps.clock.now();
  const since = new Date(now.getTime() - settings.windowDays * 864e5).toISOString();
  const window = { from: since.slice(0, 10), to: now.toISOString().slice(0, 10) };
  const { reader, writer } = deps.github;
  const [read, pulls, issues] = await Promise.all([
    readRunRecords(reader, { since }),
    reader.listPullActivity({ since, maxPages: 2 }),
    reader.listIssueActivity({ since, maxPages: 2 })
  ]);
  const findings = findFindings({
    records: read.records.map((r) => r.record),
    pulls: pulls.items,
    issues: issues.items,
    botLogins: [config.trust.botLogin]
  });
  const bot = config.trust.botLogin.replace(/\[bot\]$/, "");
  const reported = /* @__PURE__ */ new Set();
  if (findings.length) {
    for (const issue of await reader.searchIssues(`is:issue in:title "${TITLE_PREFIX.trim()}"`)) {
      if (issue.author.login.replace(/\[bot\]$/, "") !== bot) continue;
      for (const m of findMarkers(issue.body)) if (m.kind === AUTOMATION) reported.add(m.key);
    }
  }
  const fresh = findings.filter((f) => !reported.has(f.key)).sort((a, b) => b.evidence.length - a.evidence.length);
  const details = [
    `read ${read.records.length} run records (${read.skipped.length} skipped), ${pulls.items.length} pull requests, ${issues.items.length} issues since ${window.from}`,
    `${findings.length} finding(s), ${findings.length - fresh.length} already reported`
  ];
  const opened = [];
  for (const f of fresh.slice(0, settings.maxIssues)) {
    const title = `${TITLE_PREFIX}${f.title}`;
    if (deps.dryRun) {
      details.push(`[dry-run] would open "${title}" (${f.evidence.join(", ")})`);
      continue;
    }
    const issue = await writer.createIssue({ title, body: findingBody(f, window) });
    opened.push(issue.number);
    details.push(`opened #${issue.number}: ${title} (evidence: ${f.evidence.join(", ")})`);
  }
  if (fresh.length > settings.maxIssues)
    details.push(`${fresh.length - settings.maxIssues} more finding(s) wait for the next run (maxIssues ${settings.maxIssues})`);
  const summary = opened.length ? `opened ${opened.length} issue(s): ${opened.map((n) => `#${n}`).join(", ")}` : "nothing new to report";
  return { outcome: opened.length ? "completed" : "no-op", summary, details, records: [] };
};
export {
  AUTOMATION,
  TITLE_PREFIX,
  findingBody,
  run
};
