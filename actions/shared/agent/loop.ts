import type {
  ContentBlock,
  ContentBlockParam,
  Message,
  MessageParam,
  StopReason,
  ToolResultBlockParam,
  ToolUseBlock,
} from '@anthropic-ai/sdk/resources/messages';
import type { Clock, Logger } from '../ports';
import type { ToolDef } from './tool';
import type { ModelClient } from './model';
import type { TranscriptEvent, TranscriptSink } from './transcript';
import {
  BudgetTracker,
  findPrice,
  fromApiUsage,
  worstPrice,
  type BudgetStop,
  type Budgets,
  type ModelPrices,
  type TokenUsage,
} from './budget';
import { compactToolResults, estimateRequestTokens, withCacheControl, type CompactOptions, type SystemBlock } from './context';
import { runToolCall, toToolParams, type ToolCallRecord } from './tooldefs';
import { errorMessage } from '../errors';

export type { ToolCallRecord } from './tooldefs';
export type { SystemBlock } from './context';

export type AgentOutcome = 'completed' | 'budget_exhausted' | 'refused' | 'max_tokens' | 'error';

export interface AgentResult {
  outcome: AgentOutcome;
  /** Stop reason of the last model reply (null when no reply ended the run). */
  stopReason: StopReason | null;
  budgetStop?: BudgetStop;
  /** Why the run ended with outcome 'error'. */
  error?: string;
  finalText: string;
  turns: number;
  usage: TokenUsage;
  /** Usage of each model request, in order. */
  turnUsage: TokenUsage[];
  costUsd: number;
  toolCalls: ToolCallRecord[];
  messages: MessageParam[];
}

export type InitialMessages = string | ContentBlockParam[] | MessageParam[];

export interface RunAgentOptions {
  client: ModelClient;
  system: string | SystemBlock[];
  /** The first user message's content, or a whole conversation to continue. */
  messages: InitialMessages;
  tools: ToolDef[];
  budgets: Budgets;
  prices: ModelPrices;
  clock: Clock;
  logger: Logger;
  transcript?: TranscriptSink;
  workspace: string;
  signal?: AbortSignal;
  /** `max_tokens` per request (default: the client's). */
  maxTokens?: number;
  context?: CompactOptions & {
    /** A single tool result longer than this is cut in the middle (default 60 000 chars). */
    maxToolResultChars?: number;
  };
  /** How often a reply cut off inside a tool call is answered with a retry note (default 2). */
  maxToolUseContinuations?: number;
  /** Called after each model reply, before its tools run (progress output). A throwing observer is ignored. */
  onTurn?: (progress: TurnProgress) => void;
}

/** One model reply, as it happens: what the CLI's progress output prints. */
export interface TurnProgress {
  turn: number;
  model: string;
  stopReason: StopReason | null;
  /** Names of the tools the reply calls, in order. */
  toolCalls: string[];
  /** This reply's usage. */
  usage: TokenUsage;
  /** Usage of the run so far, this reply included. */
  total: TokenUsage;
  /** Cost of the run so far, in USD. */
  costUsd: number;
}

const CUT_OFF_NOTE =
  'Your reply hit the output token limit while writing this tool call, so it was not run. ' +
  'Call the tool again with a shorter input (for example, split a large file write into several edits).';

const MAX_TIMER_MS = 2 ** 31 - 1;

class DeadlineReached extends Error {
  override readonly name = 'DeadlineReached';
}

/**
 * The tool loop. The model is called until it ends its turn, refuses, runs out of output or a
 * budget stops the run. Tool failures go back to the model as `is_error` results; nothing a tool
 * does is thrown out of the loop. Errors from the model client end the run with outcome 'error'.
 */
export async function runAgent(opts: RunAgentOptions): Promise<AgentResult> {
  const { client, clock, logger } = opts;
  const toolParams = toToolParams(opts.tools);
  const toolMap = new Map(opts.tools.map((t) => [t.name, t] as const));
  const models = [client.model, ...(client.fallbackModel ? [client.fallbackModel] : [])];
  const worst = worstPrice(opts.prices, models);
  const tracker = new BudgetTracker(opts.budgets, { clock, ...(worst ? { price: worst } : {}) });
  if (!worst) logger.warning(`no price configured for model ${client.model}; cost is counted as $0`);

  const history = initialMessages(opts.messages);
  const turnUsage: TokenUsage[] = [];
  const toolCalls: ToolCallRecord[] = [];
  const maxTokens = opts.maxTokens ?? client.maxTokens;
  const maxToolChars = opts.context?.maxToolResultChars ?? 60_000;
  const transcript = safeSink(opts.transcript, logger);
  const at = () => clock.now().toISOString();

  const controller = new AbortController();
  const onAbort = () => controller.abort(opts.signal?.reason);
  if (opts.signal?.aborted) onAbort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const remaining = tracker.remainingMs();
  const deadline =
    remaining === undefined || remaining > MAX_TIMER_MS ? undefined : setTimeout(() => controller.abort(new DeadlineReached()), remaining);
  deadline?.unref?.();

  let lastStop: StopReason | null = null;
  let sentUpTo = 0;
  let continuations = 0;

  const finish = async (outcome: AgentOutcome, extra: { budgetStop?: BudgetStop; error?: string } = {}): Promise<AgentResult> => {
    const result: AgentResult = {
      outcome,
      stopReason: lastStop,
      ...extra,
      finalText: lastAssistantText(history),
      turns: tracker.turns,
      usage: tracker.usage,
      turnUsage,
      costUsd: tracker.costUsd,
      toolCalls,
      messages: history,
    };
    const detail = extra.budgetStop?.reason ?? extra.error;
    await transcript({ type: 'end', at: at(), outcome, stopReason: lastStop, ...(detail ? { detail } : {}) });
    const summary =
      `agent ${outcome}${detail ? ` (${detail})` : ''}: ${result.turns} turns, ` +
      `${result.usage.inputTokens} in / ${result.usage.outputTokens} out / ` +
      `${result.usage.cacheReadTokens} cache read, $${result.costUsd.toFixed(4)}`;
    if (outcome === 'completed') logger.info(summary);
    else if (outcome === 'error') logger.error(summary);
    else logger.warning(summary);
    return result;
  };

  /** Why the run was aborted: the wall-clock budget, or the caller. */
  const abortedStop = (): Promise<AgentResult> => {
    if (controller.signal.reason instanceof DeadlineReached) {
      const b = opts.budgets.maxMinutes ?? 0;
      return finish('budget_exhausted', {
        budgetStop: {
          budget: 'minutes',
          limit: b,
          used: tracker.elapsedMs() / 60_000,
          reason: `minutes budget: wall clock of ${b} minutes reached`,
        },
      });
    }
    return finish('error', { error: 'aborted' });
  };

  try {
    for (;;) {
      if (controller.signal.aborted) return await abortedStop();
      const parts = { system: opts.system, tools: toolParams, messages: history };
      const compacted = compactToolResults(parts, opts.context);
      if (compacted?.truncated) {
        logger.info(
          `context: truncated ${compacted.truncated} old tool results ` +
            `(~${compacted.beforeTokens} -> ~${compacted.afterTokens} tokens)`,
        );
        await transcript({
          type: 'context',
          at: at(),
          turn: tracker.turns + 1,
          truncated: compacted.truncated,
          removedChars: compacted.removedChars,
        });
      }
      const request = withCacheControl(parts);
      const estimate = estimateRequestTokens(request);
      const decision = tracker.check({ inputTokens: estimate, maxTokens });
      if (!decision.ok) return await finish('budget_exhausted', { budgetStop: decision.stop });

      const turn = tracker.turns + 1;
      await transcript({
        type: 'request',
        at: at(),
        turn,
        model: client.model,
        maxTokens: decision.maxTokens,
        estimatedInputTokens: estimate,
        ...(turn === 1 ? { system: request.system, tools: request.tools } : {}),
        fromIndex: sentUpTo,
        messages: history.slice(sentUpTo),
      });
      sentUpTo = history.length;

      let reply: Message;
      try {
        reply = await client.create(
          {
            ...(request.system.length ? { system: request.system } : {}),
            messages: request.messages,
            ...(request.tools.length ? { tools: request.tools } : {}),
            max_tokens: decision.maxTokens,
          },
          { signal: controller.signal },
        );
      } catch (e) {
        if (controller.signal.aborted) return await abortedStop();
        return await finish('error', { error: errorMessage(e) });
      }

      const usage = fromApiUsage(reply.usage);
      const cost = tracker.record(usage, findPrice(opts.prices, reply.model) ?? worst);
      turnUsage.push(usage);
      lastStop = reply.stop_reason;
      const turnContent = appendAssistant(history, reply.content as ContentBlockParam[]);
      sentUpTo = history.length;
      await transcript({ type: 'response', at: at(), turn, response: reply, costUsd: cost });
      logger.debug(
        `turn ${turn}: ${reply.stop_reason}, ${usage.inputTokens} in (+${usage.cacheReadTokens} cached, ` +
          `+${usage.cacheWriteTokens} written), ${usage.outputTokens} out, $${cost.toFixed(4)}`,
      );

      const runTools = async (blocks: ToolUseBlock[], cutOff?: ToolUseBlock) => {
        const results: ToolResultBlockParam[] = [];
        for (const block of blocks) {
          const done = await runToolCall(block, toolMap, { workspace: opts.workspace, signal: controller.signal }, maxToolChars);
          toolCalls.push(done.record);
          results.push(done.result);
          await transcript({
            type: 'tool_call',
            at: at(),
            turn,
            id: block.id,
            ...done.record,
            output: done.output,
          });
        }
        if (cutOff) {
          results.push({ type: 'tool_result', tool_use_id: cutOff.id, content: CUT_OFF_NOTE, is_error: true });
        }
        history.push({ role: 'user', content: results });
      };

      const toolUses = turnContent.filter(isToolUse);
      observe(opts.onTurn, {
        turn,
        model: reply.model,
        stopReason: reply.stop_reason,
        toolCalls: reply.content.filter(isToolUse).map((t) => t.name),
        usage,
        total: tracker.usage,
        costUsd: tracker.costUsd,
      });
      switch (reply.stop_reason) {
        case 'end_turn':
        case 'stop_sequence':
          return await finish('completed');
        case 'tool_use':
          if (toolUses.length === 0) return await finish('completed');
          await runTools(toolUses);
          continue;
        case 'pause_turn':
          // A long server-side turn was paused: sending the assistant content back resumes it.
          continue;
        case 'max_tokens': {
          const last = turnContent[turnContent.length - 1];
          if (last && isToolUse(last) && continuations < (opts.maxToolUseContinuations ?? 2)) {
            continuations += 1;
            logger.warning(`turn ${turn}: reply cut off inside tool call ${last.name}; asking the model to retry`);
            await runTools(toolUses.slice(0, -1), last);
            continue;
          }
          return await finish('max_tokens');
        }
        case 'model_context_window_exceeded':
          return await finish('max_tokens', { error: 'the conversation filled the model context window' });
        case 'refusal':
          return await finish('refused');
        default:
          return await finish('error', { error: `unexpected stop reason ${String(reply.stop_reason)}` });
      }
    }
  } finally {
    if (deadline) clearTimeout(deadline);
    opts.signal?.removeEventListener('abort', onAbort);
    if (!controller.signal.aborted) controller.abort(new Error('agent run ended'));
  }
}

function isToolUse(b: ContentBlock | ContentBlockParam): b is ToolUseBlock {
  return b.type === 'tool_use';
}

/**
 * Add a reply to the history. A reply that resumes a paused turn (the history ends with the
 * assistant) continues that same assistant message. Returns the whole assistant turn.
 */
function appendAssistant(history: MessageParam[], content: ContentBlockParam[]): ContentBlockParam[] {
  const last = history[history.length - 1];
  if (last?.role === 'assistant') {
    const before = typeof last.content === 'string' ? (last.content ? [textBlock(last.content)] : []) : last.content;
    const merged = [...before, ...content];
    history[history.length - 1] = { role: 'assistant', content: merged };
    return merged;
  }
  history.push({ role: 'assistant', content });
  return content;
}

function textBlock(text: string): ContentBlockParam {
  return { type: 'text', text };
}

function initialMessages(m: InitialMessages): MessageParam[] {
  if (typeof m === 'string') return [{ role: 'user', content: m }];
  const isConversation = m.length > 0 && m.every((x) => typeof x === 'object' && x !== null && 'role' in x);
  if (isConversation) return (m as MessageParam[]).slice();
  return [{ role: 'user', content: m as ContentBlockParam[] }];
}

function lastAssistantText(history: MessageParam[]): string {
  for (let i = history.length - 1; i >= 0; i--) {
    const m = history[i]!;
    if (m.role !== 'assistant') continue;
    if (typeof m.content === 'string') return m.content;
    const text = m.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('\n');
    if (text) return text;
  }
  return '';
}

/** A progress observer never breaks a run. */
function observe(onTurn: RunAgentOptions['onTurn'], progress: TurnProgress): void {
  try {
    onTurn?.(progress);
  } catch {
    // ignored: progress output is a convenience
  }
}

/** Transcript writes never break a run: a failing sink is reported once and then ignored. */
function safeSink(sink: TranscriptSink | undefined, logger: Logger) {
  let broken = false;
  return async (event: TranscriptEvent): Promise<void> => {
    if (!sink || broken) return;
    try {
      await sink.write(event);
    } catch (e) {
      broken = true;
      logger.warning(`transcript disabled after a write failed: ${errorMessage(e)}`);
    }
  };
}
