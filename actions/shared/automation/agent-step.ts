import { repositoryConventions } from '../agent/instructions';
import { runAgent, type AgentResult } from '../agent/loop';
import type { ModelPrices } from '../agent/budget';
import { createToolset, type ToolsetKind } from '../agent/tools';
import { createWorkspace } from '../agent/tools/workspace';
import type { ToolDef } from '../agent/tool';
import { budgetFor, type FactoryConfig } from '../config';
import { ConfigError } from '../errors';
import { applyIntents, type ApplyItem, type ApplyResult, type GitApplier } from '../policy/apply';
import { createIntentRecorder, createIntentTools, policyPrecheck } from '../policy/intent-tools';
import type { Intent } from '../policy/intents';
import { evaluateIntents, type Rejection } from '../policy/policy';
import { buildRunRecord, withCodeWrites, type RunRecord } from '../record/run-record';
import { neutralize, untrusted } from '../security';
import { recordIsolation } from './isolation';
import { policyContextFor, type RunFacts } from './policy-context';
import type { AutomationDeps } from './types';

export interface AgentStepSpec {
  trigger: { event: string; action?: string };
  actor: string;
  /** System prompt (a template from prompts/). */
  system: string;
  /** First user message: trusted instructions plus untrusted data already fenced by `untrusted()`. */
  user: string;
  toolset: ToolsetKind;
  /** What policy knows, computed by code before the agent runs. */
  facts: RunFacts;
  /** Extra read tools for this automation. */
  extraTools?: ToolDef[];
  git?: GitApplier;
}

export interface AgentStepResult {
  agent: AgentResult;
  accepted: Intent[];
  rejected: Rejection[];
  applied: ApplyResult;
  record: RunRecord;
}

export function modelPrices(config: FactoryConfig): ModelPrices {
  return Object.fromEntries(
    Object.entries(config.model.prices).map(([model, p]) => [
      model,
      { input: p.inputPerMTok, output: p.outputPerMTok, cacheRead: p.cacheReadPerMTok, cacheWrite: p.cacheWritePerMTok },
    ]),
  );
}

export function commandAllowlist(config: FactoryConfig): string[] {
  const { test, lint, build, allow } = config.commands;
  return [test, lint, build, ...allow].filter((c): c is string => typeof c === 'string' && c.trim() !== '');
}

/**
 * agent -> policy -> apply -> record, the same for every automation that thinks. The agent gets
 * read tools and intent tools only; policy decides; the applier writes idempotently.
 */
export async function runAgentStep(deps: AutomationDeps, spec: AgentStepSpec): Promise<AgentStepResult> {
  const { config, github, logger, clock, redactor } = deps;
  if (!deps.model) {
    throw new ConfigError(`input "anthropic-api-key" is required: ${deps.automation} needs the model for this event`);
  }
  const startedAt = clock.now();
  const ctx = policyContextFor(deps, spec.facts);
  const { repo } = ctx;
  const recorder = createIntentRecorder({ precheck: policyPrecheck(ctx) });
  const workspace = createWorkspace(deps.workspace, {
    protectedPaths: config.risk.protectedPaths,
    writableProtectedPaths: config.risk.writableProtectedPaths,
  });
  const tools = [
    ...createToolset(spec.toolset, {
      workspace,
      untrusted: (source, text) => untrusted(source, text, { redactor }),
      redactor,
      env: deps.env,
      github: github.reader,
      commands: { allowlist: commandAllowlist(config), executor: deps.executor },
    }),
    ...(spec.extraTools ?? []),
    ...createIntentTools(recorder, spec.facts.allowedKinds),
  ];
  const budget = budgetFor(config, deps.automation);
  // The repository's instructions (AGENTS.md, ...), from the default branch only, fenced, before the task.
  const conventions = await repositoryConventions(github.reader, {
    defaultBranch: spec.facts.defaultBranch,
    logger,
    fence: (source, text) => untrusted(source, text, { redactor }),
    workspace: deps.workspace,
  });
  const agent = await runAgent({
    client: deps.model,
    system: spec.system,
    messages: conventions ? `${conventions}\n\n${spec.user}` : spec.user,
    tools,
    budgets: budget,
    prices: modelPrices(config),
    clock,
    logger,
    transcript: deps.records.transcript(deps.runId),
    workspace: deps.workspace,
    ...(deps.onTurn ? { onTurn: deps.onTurn } : {}),
  });

  const verdict = evaluateIntents(recorder.pending(), ctx);
  deps.intentLog?.record({ facts: { ...spec.facts, automation: deps.automation, repo }, intents: recorder.pending(), verdicts: verdict });
  const rejected = [...recorder.rejected(), ...verdict.rejected];
  for (const r of rejected) logger.warning(`policy rejected ${r.intent.kind}: ${r.reason} [${r.rule}]`);
  const applied = await applyIntents(verdict.accepted, {
    writer: github.writer,
    reader: github.reader,
    runId: deps.runId,
    automation: deps.automation,
    dryRun: deps.dryRun,
    logger,
    neutralize: (text) => neutralize(text),
    botLogin: config.trust.botLogin,
    ...(spec.git ? { git: spec.git } : {}),
    ...(spec.facts.subject ? { subject: { type: spec.facts.subject.type, number: spec.facts.subject.number } } : {}),
  });

  // How repository code ran (the checks before the agent, its commands): known once the sandbox was probed.
  const sandbox = deps.executor.probed();
  const record = buildRunRecord(
    {
      runId: deps.runId,
      automation: deps.automation,
      trigger: spec.trigger,
      actor: spec.actor,
      repo,
      ...(spec.facts.subject ? { subject: { type: spec.facts.subject.type, number: spec.facts.subject.number } } : {}),
      startedAt,
      finishedAt: clock.now(),
      model: deps.model.model,
      turns: agent.turns,
      usage: {
        input: agent.usage.inputTokens,
        output: agent.usage.outputTokens,
        cacheRead: agent.usage.cacheReadTokens,
        cacheWrite: agent.usage.cacheWriteTokens,
      },
      costUsd: agent.costUsd,
      accepted: verdict.accepted,
      rejected,
      applied: applied.results,
      toolRefusals: agent.toolCalls
        .filter((c) => c.refusal)
        .map((c) => ({ tool: c.name, rule: c.refusal!.rule, message: c.refusal!.message })),
      ...(agent.budgetStop
        ? { budgetStop: { reason: agent.budgetStop.budget, limit: agent.budgetStop.limit, used: agent.budgetStop.used } }
        : {}),
      ...(agent.outcome === 'error' ? { outcome: 'failed' as const } : {}),
      ...(sandbox ? { isolation: recordIsolation(sandbox) } : {}),
    },
    redactor,
  );
  await deps.records.write(record);
  return { agent, accepted: verdict.accepted, rejected, applied, record };
}

/** Writes code made after the agent step (a push, a pull request, replies, labels). */
export interface CodeWrites {
  applied: ApplyItem[];
  rejected: Rejection[];
}

/** What one step code takes after the agent step produced: its writes, lines for the job log, and why it failed, if it did. */
export interface CodeStep extends CodeWrites {
  details: string[];
  error?: string;
}

/**
 * Runs a step code takes after the agent step (it catches its own write errors and returns what
 * it wrote), then adds those writes to the step's run record, which is written again (the store
 * replaces it). `already`, writes made before, are recorded even when `fn` throws: the record
 * tells everything the run wrote.
 */
export async function afterAgentStep<T extends CodeWrites>(
  deps: Pick<AutomationDeps, 'records' | 'redactor'>,
  step: Pick<AgentStepResult, 'record'>,
  fn: () => Promise<T>,
  already: ApplyItem[] = [],
): Promise<T> {
  let writes: CodeWrites = { applied: already, rejected: [] };
  try {
    const result = await fn();
    writes = { applied: [...already, ...result.applied], rejected: result.rejected };
    return result;
  } finally {
    if (writes.applied.length > 0 || writes.rejected.length > 0) {
      step.record = withCodeWrites(step.record, writes, deps.redactor);
      await deps.records.write(step.record);
    }
  }
}
