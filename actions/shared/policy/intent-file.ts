import { z } from 'zod';
import { ConfigError, errorMessage } from '../errors';
import { AUTOMATIONS } from '../state/automations';
import { TIERS } from '../risk/tiers';
import { INTENT_KINDS, IntentSchema, type Intent, type IntentKind } from './intents';
import { maxRisk, type CheckTransition, type PolicyConfig, type PolicyContext, type PolicyFacts } from './context';
import { evaluateIntents, RULES, type PolicyResult } from './policy';

/**
 * Split mode (public repositories): a read-only job runs the agent and writes its intents,
 * with the facts policy needs, to a JSON file (an artifact); a write job loads the file,
 * RE-RUNS policy with its own config, redactor and state machine, and applies. The verdicts in
 * the file are informational only and never read back. Intents rejected for carrying a secret
 * are withheld from the file entirely (artifacts are downloadable).
 */

export const INTENT_FILE_VERSION = 1;

const SubjectSchema = z.object({
  type: z.enum(['issue', 'pr']),
  number: z.number().int().positive(),
  labels: z.array(z.string()),
  authorLogin: z.string(),
});

const ThreadSchema = z.object({
  authorLogin: z.string(),
  isFactory: z.boolean(),
  humanRepliedAfter: z.boolean(),
  resolveRequested: z.boolean().optional(),
});

export const PolicyFactsSchema = z.object({
  automation: z.enum(AUTOMATIONS),
  repo: z.string().regex(/^[^/\s]+\/[^/\s]+$/, 'expected owner/name'),
  subject: SubjectSchema.optional(),
  allowedKinds: z.array(z.enum(INTENT_KINDS as [IntentKind, ...IntentKind[]])),
  allowedTargets: z.array(z.number().int().positive()),
  openedByFactory: z.array(z.number().int().positive()),
  threads: z.record(z.string(), ThreadSchema),
  risk: z.enum(TIERS),
  defaultBranch: z.string().min(1),
  diffFiles: z.array(z.string()).optional(),
  targetLabels: z.record(z.string(), z.array(z.string())).optional(),
  allowProtectedPaths: z.array(z.string()).optional(),
});

const EntrySchema = z.object({
  intent: IntentSchema,
  /** What the read-only job's policy said. Informational: the write job ignores it. */
  accepted: z.boolean(),
  rule: z.string().optional(),
  reason: z.string().optional(),
});

export const IntentFileSchema = z.object({
  version: z.literal(INTENT_FILE_VERSION),
  runId: z.string().min(1),
  createdAt: z.string(),
  facts: PolicyFactsSchema,
  entries: z.array(EntrySchema),
  withheld: z.array(z.object({ kind: z.string(), rule: z.string(), reason: z.string() })),
});

export type IntentFile = z.infer<typeof IntentFileSchema>;

export interface Withheld {
  kind: string;
  rule: string;
  reason: string;
}

/** Build the file from the read-only job's intents and its own policy verdicts. */
export function buildIntentFile(input: {
  runId: string;
  createdAt: Date;
  facts: PolicyFacts;
  intents: Intent[];
  verdicts: PolicyResult;
  /** Extra guard: the whole file passes through the redactor. */
  redactDeep?: (v: unknown) => unknown;
}): IntentFile {
  const entries: IntentFile['entries'] = [];
  const withheld: Withheld[] = [];
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
  const file: IntentFile = {
    version: INTENT_FILE_VERSION,
    runId: input.runId,
    createdAt: input.createdAt.toISOString(),
    facts: input.facts,
    entries,
    withheld,
  };
  return input.redactDeep ? (input.redactDeep(file) as IntentFile) : file;
}

export function serializeIntentFile(file: IntentFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Parse and validate; problems name the file and the field, e.g. `entries.2.intent.body`. */
export function parseIntentFile(text: string, fileName: string): IntentFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`not valid JSON: ${errorMessage(e)}`, { file: fileName });
  }
  const parsed = IntentFileSchema.safeParse(data);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => ({ file: fileName, path: i.path.map(String).join('.'), message: i.message })));
  }
  return parsed.data;
}

/** What the write job brings itself: never taken from the file. */
export interface LivePolicyInputs {
  /** The automation this write job applies for; a file from another automation is refused. */
  automation: PolicyFacts['automation'];
  config: PolicyConfig;
  redact(text: string): string;
  /** Default: the state machine's checkTransition. */
  checkTransition?: CheckTransition;
  /** Facts the write job computed afresh; they win over the file's. Risk only ever goes up. */
  facts?: Partial<PolicyFacts>;
}

export function contextFromIntentFile(file: IntentFile, fileName: string, live: LivePolicyInputs): PolicyContext {
  if (file.facts.automation !== live.automation) {
    throw new ConfigError([
      { file: fileName, path: 'facts.automation', message: `expected ${live.automation}, got ${file.facts.automation}` },
    ]);
  }
  const facts: PolicyFacts = { ...file.facts, ...live.facts, automation: live.automation };
  facts.risk = maxRisk(file.facts.risk, live.facts?.risk ?? file.facts.risk);
  return {
    ...facts,
    config: live.config,
    redact: live.redact,
    ...(live.checkTransition ? { checkTransition: live.checkTransition } : {}),
  };
}

/** Re-run policy over the file's intents. The file's `accepted` flags play no part. */
export function evaluateIntentFile(
  file: IntentFile,
  fileName: string,
  live: LivePolicyInputs,
): PolicyResult & { withheld: Withheld[]; context: PolicyContext } {
  const context = contextFromIntentFile(file, fileName, live);
  const result = evaluateIntents(
    file.entries.map((e) => e.intent),
    context,
  );
  return { ...result, withheld: file.withheld, context };
}

/** Minimal file access, injected so the module stays testable and free of globals. */
export interface IntentFileIo {
  readFile(path: string): Promise<string>;
  writeFile(path: string, data: string): Promise<void>;
}

export async function writeIntentFile(io: IntentFileIo, path: string, file: IntentFile): Promise<void> {
  await io.writeFile(path, serializeIntentFile(file));
}

export async function readIntentFile(io: IntentFileIo, path: string): Promise<IntentFile> {
  return parseIntentFile(await io.readFile(path), path);
}
