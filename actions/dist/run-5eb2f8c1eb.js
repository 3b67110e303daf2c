import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  neutralize,
  sanitizeText
} from "./chunk-71acfe59dc.js";
import "./chunk-66d88ceb62.js";
import {
  hasMarker,
  withMarker
} from "./chunk-cd4c9ed0f2.js";
import {
  skipped
} from "./chunk-611882844b.js";
import "./chunk-8935ddc7e5.js";
import {
  ConfigError,
  errorMessage
} from "./chunk-eebc0eba86.js";
import {
  external_exports
} from "./chunk-f1a3eba2ad.js";
import {
  routeEvent
} from "./chunk-733809efca.js";
import {
  SOURCE_REPORT
} from "./chunk-ffa5c3fea6.js";
import "./chunk-0a4052ce6e.js";

// actions/intake/src/payload.ts
var httpUrl = external_exports.url({ protocol: /^https?$/, error: "expected an http(s) URL" }).max(2e3, "expected a URL of at most 2000 characters");
var Scalar = external_exports.union([external_exports.string().max(500), external_exports.number(), external_exports.boolean()]);
var ReportPayloadSchema = external_exports.object({
  id: external_exports.union([external_exports.string(), external_exports.number().int().nonnegative()], { error: "is required: a stable report id (string or number)" }).transform(String).pipe(
    external_exports.string().min(1, "must not be empty").max(100, "must be at most 100 characters").regex(/^[A-Za-z0-9._/-]+$/, "use only letters, digits and . _ / -")
  ),
  title: external_exports.string({ error: "expected a string" }).trim().min(1, "must not be empty").optional(),
  description: external_exports.string({ error: "expected a string" }).max(6e4, "must be at most 60000 characters").default(""),
  reporter: external_exports.string({ error: "expected a string" }).max(200, "must be at most 200 characters").optional(),
  source: external_exports.string({ error: "expected a string such as 'slack', 'app' or 'webhook'" }).regex(/^[A-Za-z0-9_-]{1,40}$/, "expected a short name such as 'slack', 'app' or 'webhook'").default("webhook"),
  environment: external_exports.union([external_exports.string().max(2e3), external_exports.record(external_exports.string().max(100), Scalar)], {
    error: "expected a string or an object of strings, numbers and booleans"
  }).optional(),
  url: httpUrl.optional(),
  screenshots: external_exports.array(httpUrl, { error: "expected a list of URLs" }).max(10, "at most 10 screenshots").optional()
});
function parseReport(clientPayload) {
  const result = ReportPayloadSchema.safeParse(clientPayload ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    path: ["client_payload", ...issue.path.map(String)].join("."),
    message: issue.message
  }));
  throw new ConfigError(problems);
}

// actions/intake/src/render.ts
var MAX_TITLE = 120;
function oneLine(text, redactor, max) {
  const clean = sanitizeText(text, { ...redactor ? { redactor } : {} }).replace(/[\r\n\t]+/g, " ").replace(/\s{2,}/g, " ").trim();
  return clean.length > max ? `${clean.slice(0, max - 1).trimEnd()}\u2026` : clean;
}
function linkTarget(url) {
  return new URL(url).href.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
function environmentText(env, redactor) {
  if (env === void 0) return void 0;
  if (typeof env === "string") return oneLine(env, redactor, 500);
  const parts = Object.entries(env).map(([k, v]) => `${oneLine(k, redactor, 50)}: ${oneLine(String(v), redactor, 200)}`);
  return parts.length ? parts.join(", ") : void 0;
}
function reportTitle(report, redactor) {
  const title = report.title ? oneLine(report.title, redactor, MAX_TITLE) : "";
  return title || `Report ${report.id}`;
}
function reportBody(report, redactor) {
  const description = sanitizeText(report.description, { ...redactor ? { redactor } : {}, maxChars: 2e4 }).trim();
  const env = environmentText(report.environment, redactor);
  const facts = [
    `- **Reporter:** ${report.reporter ? oneLine(report.reporter, redactor, 100) || "unknown" : "unknown"}`,
    `- **Source:** ${report.source}`,
    ...env ? [`- **Environment:** ${env}`] : [],
    ...report.url ? [`- **Page:** <${linkTarget(report.url)}>`] : []
  ];
  const shots = (report.screenshots ?? []).map((u, i) => `- [screenshot ${i + 1}](${linkTarget(u)})`);
  const body = [
    "### Report",
    "",
    description || "_No description._",
    "",
    ...facts,
    ...shots.length ? ["", "**Screenshots**", ...shots] : [],
    "",
    `_Report \`${report.id}\`, received through the \`factory-report\` dispatch. The feature planner triages it._`
  ].join("\n");
  return neutralize(body);
}

// actions/intake/src/run.ts
var REPORT_LABEL = SOURCE_REPORT;
var PLANNER_WORKFLOW = "factory-planner.yml";
var DAY_MS = 864e5;
async function run(deps, inputs) {
  const { config, github } = deps;
  if (config.killSwitch) return skipped("the kill switch is on (killSwitch: true in .github/factory.yml)");
  if (!config.automations.intake.enabled) return skipped("intake is disabled (automations.intake.enabled: false)");
  const event = inputs.event;
  const route = routeEvent(event, "intake");
  if (!route.run) return skipped(route.reason);
  if (event.kind !== "repository_dispatch") {
    return skipped("the issue form created the issue itself; the feature planner triages it");
  }
  if (event.sender.login === config.trust.botLogin) return skipped(`the dispatch was sent by the factory itself (${event.sender.login})`);
  const report = parseReport(event.clientPayload);
  const ref = { kind: "report", key: report.id };
  const existing = await findReport(github.reader, ref, config.trust.botLogin, deps.clock.now());
  if (existing) {
    return {
      outcome: "no-op",
      summary: `report ${report.id} is already issue #${existing.number}; nothing created`,
      details: [],
      records: []
    };
  }
  const title = reportTitle(report, deps.redactor);
  const body = withMarker(reportBody(report, deps.redactor), ref);
  if (deps.dryRun) {
    deps.logger.info(`[dry-run] would create issue "${title}" for report ${report.id}`);
    return {
      outcome: "completed",
      summary: `dry-run: would create an issue for report ${report.id}`,
      details: [`dry-run: create issue "${title}" (${REPORT_LABEL})`],
      records: []
    };
  }
  const issue = await github.writer.createIssue({ title, body, labels: [REPORT_LABEL] });
  const details = [`created issue #${issue.number} "${title}" (${REPORT_LABEL})`];
  if (!deps.appToken && config.chaining.dispatchWhenNoAppToken) details.push(await dispatchPlanner(deps, issue.number));
  return { outcome: "completed", summary: `created issue #${issue.number} for report ${report.id}`, details, records: [] };
}
async function findReport(reader, ref, botLogin, now) {
  const ours = (i) => i.author.login === botLogin && hasMarker(i.body, ref);
  const found = (await reader.searchIssues(`"factory:${ref.kind}:${ref.key}" in:body is:issue`)).find(ours);
  if (found) return found;
  const recent = await reader.listIssues({ state: "all", since: new Date(now.getTime() - DAY_MS).toISOString() });
  return recent.find(ours);
}
async function dispatchPlanner(deps, issueNumber) {
  try {
    const { defaultBranch } = await deps.github.reader.getRepository();
    await deps.github.writer.dispatchWorkflow(PLANNER_WORKFLOW, defaultBranch, { "issue-number": String(issueNumber) });
    return `dispatched ${PLANNER_WORKFLOW} for #${issueNumber}`;
  } catch (e) {
    const message = `could not dispatch ${PLANNER_WORKFLOW} for #${issueNumber}: ${errorMessage(e)}`;
    deps.logger.warning(`${message} (the planner's schedule will pick it up)`);
    return message;
  }
}
export {
  PLANNER_WORKFLOW,
  REPORT_LABEL,
  run
};
