import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  describeIntent
} from "./chunk-72b8fa822b.js";

// actions/shared/record/run-record.ts
var RUN_RECORD_VERSION = 1;
function deriveOutcome(input) {
  return outcomeOf(
    (input.applied ?? []).map((a) => a.status),
    input.budgetStop !== void 0
  );
}
function outcomeOf(statuses, budgetStop) {
  const failed = statuses.filter((s) => s === "failed").length;
  if (failed > 0) return failed === statuses.length ? "failed" : "partial";
  if (budgetStop) return "budget-stop";
  if (statuses.some((s) => s === "applied" || s === "dry-run")) return "success";
  return "no-op";
}
function buildRunRecord(input, redactor) {
  const record = {
    version: RUN_RECORD_VERSION,
    runId: input.runId,
    automation: input.automation,
    trigger: input.trigger,
    actor: input.actor,
    repo: input.repo,
    ...input.subject ? { subject: input.subject } : {},
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    durationMs: Math.max(0, input.finishedAt.getTime() - input.startedAt.getTime()),
    model: input.model,
    turns: input.turns,
    usage: {
      input: input.usage?.input ?? 0,
      output: input.usage?.output ?? 0,
      cacheRead: input.usage?.cacheRead ?? 0,
      cacheWrite: input.usage?.cacheWrite ?? 0
    },
    costUsd: input.costUsd,
    intents: {
      accepted: input.accepted ?? [],
      rejected: (input.rejected ?? []).map((r) => ({ kind: r.intent.kind, rule: r.rule, reason: r.reason }))
    },
    applied: (input.applied ?? []).map((a) => ({
      kind: a.intent.kind,
      status: a.status,
      summary: describeIntent(a.intent),
      detail: a.detail
    })),
    toolRefusals: input.toolRefusals ?? [],
    outcome: input.outcome ?? deriveOutcome(input),
    ...input.budgetStop ? { budgetStop: input.budgetStop } : {},
    ...input.isolation ? { isolation: input.isolation } : {},
    ...input.counts ? { counts: { ...input.counts } } : {}
  };
  return redactor.redactDeep(record);
}
function withCodeWrites(record, writes, redactor) {
  const applied = [
    ...record.applied,
    ...writes.applied.map((a) => ({ kind: a.intent.kind, status: a.status, summary: describeIntent(a.intent), detail: a.detail }))
  ];
  const rejected = [
    ...record.intents.rejected,
    ...(writes.rejected ?? []).map((r) => ({ kind: r.intent.kind, rule: r.rule, reason: r.reason }))
  ];
  const agentFailed = record.outcome === "failed" && record.applied.every((a) => a.status !== "failed");
  const outcome = agentFailed ? "failed" : outcomeOf(
    applied.map((a) => a.status),
    record.budgetStop !== void 0
  );
  return redactor.redactDeep({ ...record, intents: { ...record.intents, rejected }, applied, outcome });
}
async function writeRunRecord(record, path, deps) {
  const clean = deps.redactor.redactDeep(record);
  await deps.fs.writeFile(path, `${JSON.stringify(clean, null, 2)}
`);
}
function recordOutputs(record) {
  return {
    "cost-usd": record.costUsd.toFixed(4),
    "input-tokens": String(record.usage.input + record.usage.cacheRead + record.usage.cacheWrite),
    "output-tokens": String(record.usage.output),
    turns: String(record.turns),
    outcome: record.outcome
  };
}

export {
  RUN_RECORD_VERSION,
  buildRunRecord,
  withCodeWrites,
  writeRunRecord,
  recordOutputs
};
