import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  RULES,
  evaluateIntents,
  maxRisk
} from "./chunk-e970019b7c.js";
import {
  TIERS
} from "./chunk-368e4d810e.js";
import {
  INTENT_KINDS,
  IntentSchema
} from "./chunk-72b8fa822b.js";
import {
  ConfigError
} from "./chunk-eebc0eba86.js";
import {
  external_exports
} from "./chunk-f1a3eba2ad.js";
import {
  AUTOMATIONS
} from "./chunk-ffa5c3fea6.js";

// actions/shared/policy/intent-file.ts
var INTENT_FILE_VERSION = 1;
var SubjectSchema = external_exports.object({
  type: external_exports.enum(["issue", "pr"]),
  number: external_exports.number().int().positive(),
  labels: external_exports.array(external_exports.string()),
  authorLogin: external_exports.string()
});
var ThreadSchema = external_exports.object({
  authorLogin: external_exports.string(),
  isFactory: external_exports.boolean(),
  humanRepliedAfter: external_exports.boolean(),
  resolveRequested: external_exports.boolean().optional()
});
var PolicyFactsSchema = external_exports.object({
  automation: external_exports.enum(AUTOMATIONS),
  repo: external_exports.string().regex(/^[^/\s]+\/[^/\s]+$/, "expected owner/name"),
  subject: SubjectSchema.optional(),
  allowedKinds: external_exports.array(external_exports.enum(INTENT_KINDS)),
  allowedTargets: external_exports.array(external_exports.number().int().positive()),
  openedByFactory: external_exports.array(external_exports.number().int().positive()),
  threads: external_exports.record(external_exports.string(), ThreadSchema),
  risk: external_exports.enum(TIERS),
  defaultBranch: external_exports.string().min(1),
  diffFiles: external_exports.array(external_exports.string()).optional(),
  targetLabels: external_exports.record(external_exports.string(), external_exports.array(external_exports.string())).optional(),
  allowProtectedPaths: external_exports.array(external_exports.string()).optional()
});
var EntrySchema = external_exports.object({
  intent: IntentSchema,
  /** What the read-only job's policy said. Informational: the write job ignores it. */
  accepted: external_exports.boolean(),
  rule: external_exports.string().optional(),
  reason: external_exports.string().optional()
});
var IntentFileSchema = external_exports.object({
  version: external_exports.literal(INTENT_FILE_VERSION),
  runId: external_exports.string().min(1),
  createdAt: external_exports.string(),
  facts: PolicyFactsSchema,
  entries: external_exports.array(EntrySchema),
  withheld: external_exports.array(external_exports.object({ kind: external_exports.string(), rule: external_exports.string(), reason: external_exports.string() }))
});
function buildIntentFile(input) {
  const entries = [];
  const withheld = [];
  for (const intent of input.intents) {
    const rejection = input.verdicts.rejected.find((r) => r.intent === intent);
    if (rejection?.rule === RULES.secretInOutput) {
      withheld.push({ kind: intent.kind, rule: rejection.rule, reason: rejection.reason });
    } else if (rejection) {
      entries.push({ intent, accepted: false, rule: rejection.rule, reason: rejection.reason });
    } else {
      entries.push({ intent, accepted: true });
    }
  }
  const file = {
    version: INTENT_FILE_VERSION,
    runId: input.runId,
    createdAt: input.createdAt.toISOString(),
    facts: input.facts,
    entries,
    withheld
  };
  return input.redactDeep ? input.redactDeep(file) : file;
}
function contextFromIntentFile(file, fileName, live) {
  if (file.facts.automation !== live.automation) {
    throw new ConfigError([
      { file: fileName, path: "facts.automation", message: `expected ${live.automation}, got ${file.facts.automation}` }
    ]);
  }
  const facts = { ...file.facts, ...live.facts, automation: live.automation };
  facts.risk = maxRisk(file.facts.risk, live.facts?.risk ?? file.facts.risk);
  return {
    ...facts,
    config: live.config,
    redact: live.redact,
    ...live.checkTransition ? { checkTransition: live.checkTransition } : {}
  };
}
function evaluateIntentFile(file, fileName, live) {
  const context = contextFromIntentFile(file, fileName, live);
  const result = evaluateIntents(
    file.entries.map((e) => e.intent),
    context
  );
  return { ...result, withheld: file.withheld, context };
}

export {
  IntentFileSchema,
  buildIntentFile,
  evaluateIntentFile
};
