import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  RUN_RECORD_VERSION,
  buildRunRecord,
  recordOutputs,
  writeRunRecord
} from "./chunk-21091bdd34.js";
import "./chunk-72b8fa822b.js";
import "./chunk-f1a3eba2ad.js";
import "./chunk-0a4052ce6e.js";

// actions/shared/record/summary.ts
var MAX_CELL = 160;
function cell(text) {
  const flat = text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/>/g, "&gt;").trim();
  return flat.length > MAX_CELL ? `${flat.slice(0, MAX_CELL - 1)}\u2026` : flat;
}
function inline(text) {
  return text.replace(/\r?\n/g, " ").replace(/</g, "&lt;").replace(/>/g, "&gt;").trim();
}
function table(headers, rows) {
  return [
    `| ${headers.join(" | ")} |`,
    `|${headers.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)
  ].join("\n");
}
function duration(ms) {
  if (ms < 6e4) return `${(ms / 1e3).toFixed(1)} s`;
  return `${Math.floor(ms / 6e4)} min ${Math.round(ms % 6e4 / 1e3)} s`;
}
function summaryMarkdown(record) {
  const trigger = record.trigger.action ? `${record.trigger.event}.${record.trigger.action}` : record.trigger.event;
  const subject = record.subject ? `${record.subject.type === "pr" ? "PR" : "issue"} #${record.subject.number}` : "-";
  const tokensIn = record.usage.input + record.usage.cacheRead + record.usage.cacheWrite;
  const parts = [
    `### ${cell(record.automation)}: ${record.outcome}${record.budgetStop ? ` (budget: ${cell(record.budgetStop.reason)})` : ""}`,
    table(
      ["run", "trigger", "subject", "model", "turns", "tokens in / out", "cost", "duration"],
      [
        [
          record.runId,
          trigger,
          subject,
          record.model,
          String(record.turns),
          `${tokensIn.toLocaleString("en-US")} / ${record.usage.output.toLocaleString("en-US")}`,
          `$${record.costUsd.toFixed(4)}`,
          duration(record.durationMs)
        ]
      ]
    )
  ];
  if (record.applied.length) {
    parts.push(
      "**Intents**",
      table(
        ["intent", "result", "detail"],
        record.applied.map((a) => [a.summary, a.status, a.detail])
      )
    );
  } else if (record.intents.accepted.length === 0) {
    parts.push("No intents were accepted.");
  }
  if (record.intents.rejected.length) {
    parts.push(
      "**Rejected by policy**",
      table(
        ["intent", "rule", "reason"],
        record.intents.rejected.map((r) => [r.kind, r.rule, r.reason])
      )
    );
  }
  if (record.toolRefusals.length) {
    parts.push(
      "**Tool refusals**",
      table(
        ["tool", "rule", "message"],
        record.toolRefusals.map((r) => [r.tool, r.rule, r.message])
      )
    );
  }
  if (record.counts && Object.keys(record.counts).length) {
    parts.push(
      "**Counts**",
      table(
        ["what", "count"],
        Object.entries(record.counts).map(([k, v]) => [k, String(v)])
      )
    );
  }
  if (record.isolation && !record.isolation.isolated) {
    const what = record.isolation.ran ? "Repository code ran WITHOUT isolation" : "Repository code was not run: isolation is required and not available";
    parts.push(
      `> [!WARNING]
> **${what}.** ${inline(record.isolation.detail)}${record.isolation.fix ? `
>
> **Fix:** ${inline(record.isolation.fix)}` : ""}`
    );
  } else if (record.isolation) {
    parts.push(`Repository code ran isolated: ${inline(record.isolation.detail)}.`);
  }
  return `${parts.join("\n\n")}
`;
}
export {
  RUN_RECORD_VERSION,
  buildRunRecord,
  recordOutputs,
  summaryMarkdown,
  writeRunRecord
};
