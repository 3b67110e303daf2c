import common from '../../../prompts/review-common.md';
import architecture from '../../../prompts/review-architecture.md';
import correctness from '../../../prompts/review-correctness.md';
import security from '../../../prompts/review-security.md';
import tests from '../../../prompts/review-tests.md';
import ui from '../../../prompts/review-ui.md';
import { totalInputTokens } from '../../shared/agent/budget';
import { repositoryConventions } from '../../shared/agent/instructions';
import { runAgent } from '../../shared/agent/loop';
import type { TranscriptSink } from '../../shared/agent/transcript';
import { modelPrices } from '../../shared/automation/agent-step';
import type { AutomationDeps } from '../../shared/automation/types';
import type { FactoryConfig } from '../../shared/config';
import { REVIEW_DIMENSIONS } from '../../shared/config/schema';
import type { PullRequest } from '../../shared/github/types';
import {
  estimateTokens,
  packDiff,
  parseFindings,
  type ProposedTier,
  type DiffFile,
  type Finding,
  type FindingProblem,
  type PackedDiff,
  type UnreadFile,
} from '../../shared/review';
import { untrusted, type Redactor } from '../../shared/security';
import type { SharedBudget } from './budget';
import { architectureContext } from './context';
import type { ReviewDiff } from './diff';
import type { ReviewerDeps } from './writes';

/**
 * The review dimensions: one model call each, with the diff packed to the dimension's token
 * budget and fenced as untrusted data. The model only returns findings as text: it has no tool,
 * so whatever it says can write nothing; code validates the findings (parseFindings) and writes.
 */
export type Dimension = (typeof REVIEW_DIMENSIONS)[number];

const PROMPTS: Record<Dimension, string> = { correctness, security, architecture, tests, ui };

const UI_FILE = /\.(?:tsx|jsx|vue|svelte|css|scss|sass|less|html?)$/i;
export const isUiFile = (path: string): boolean => UI_FILE.test(path);

/** The dimensions switched on in review.dimensions; ui only when UI files change. */
export function activeDimensions(config: Pick<FactoryConfig, 'review'>, files: readonly DiffFile[]): Dimension[] {
  return REVIEW_DIMENSIONS.filter((d) => config.review.dimensions[d] && (d !== 'ui' || files.some((f) => isUiFile(f.filename))));
}

/**
 * The diff a dimension reads, packed into review.tokenBudget less `reservedTokens` (the rest of its
 * request: prompts, the pull request's text, context), so that its whole input stays within the budget.
 */
export function packFor(
  dimension: Dimension,
  files: readonly DiffFile[],
  config: Pick<FactoryConfig, 'review' | 'risk'>,
  reservedTokens = 0,
): PackedDiff {
  return packDiff(files, {
    budgetTokens: Math.max(0, config.review.tokenBudget - reservedTokens),
    config,
    ...(dimension === 'ui' ? { include: isUiFile } : {}),
  });
}

export interface DimensionResult {
  dimension: Dimension;
  /** reviewed; skipped (the shared budget could not afford it); failed (the model call failed or its answer was cut off). */
  status: 'reviewed' | 'skipped' | 'failed';
  /** Why it was skipped or failed. */
  reason?: string;
  findings: Finding[];
  problems: FindingProblem[];
  /** The tier the dimension's answer proposed (it may only raise the computed tier). */
  risk?: ProposedTier;
  inputTokens: number;
  outputTokens: number;
}

/** The first JSON value of the model's answer: a ```json block, or the text from its first `{` or `[`. */
export function jsonOf(text: string): unknown {
  const fenced = /```(?:json)?\s*\n([\s\S]*?)\n```/.exec(text)?.[1];
  const candidates = [fenced, text.slice(Math.max(0, Math.min(...['{', '['].map((c) => text.indexOf(c)).filter((i) => i >= 0))))];
  for (const c of candidates) {
    if (c === undefined) continue;
    try {
      return JSON.parse(c) as unknown;
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

export function dimensionRequest(
  dimension: Dimension,
  pr: Pick<PullRequest, 'number' | 'title' | 'body'>,
  packed: PackedDiff,
  redactor: Redactor,
  /** Extra untrusted sections (already fenced by untrusted()), e.g. the linked issue and specs for architecture. */
  context: readonly string[] = [],
): { system: string; user: string } {
  const user = [
    `Review pull request #${pr.number} for ${dimension}.`,
    untrusted(`pull request #${pr.number} title and description`, `${pr.title}\n\n${pr.body}`, { redactor, maxChars: 4000 }),
    ...context,
    untrusted(`pull request #${pr.number} diff`, packed.text, { redactor, format: 'plain', maxChars: packed.text.length + 2000 }),
  ].join('\n\n');
  return { system: `${common}\n\n${PROMPTS[dimension]}`, user };
}

const EMPTY_DIFF: PackedDiff = { text: '', tokens: 0, read: [], partial: [], notRead: [] };

/** Tokens of a dimension's request besides the diff: system prompt, the pull request's text, context, fences. */
export function requestOverhead(
  dimension: Dimension,
  pr: Pick<PullRequest, 'number' | 'title' | 'body'>,
  redactor: Redactor,
  context: readonly string[] = [],
): number {
  const { system, user } = dimensionRequest(dimension, pr, EMPTY_DIFF, redactor, context);
  // The fences and the request's framing: a little slack on top of the estimate.
  return estimateTokens(system) + estimateTokens(user) + OVERHEAD_SLACK_TOKENS;
}
const OVERHEAD_SLACK_TOKENS = 200;

/** What every dimension's call shares: the model, one budget, one transcript. */
export interface DimensionCall {
  deps: Pick<AutomationDeps, 'model' | 'clock' | 'logger' | 'config' | 'workspace' | 'onTurn'>;
  budget: SharedBudget;
  transcript: TranscriptSink;
}

/**
 * One dimension through the agent loop with no tools: the budget is what the review has left,
 * the exchange goes into the run's transcript. A call the budget cannot afford is skipped.
 */
export async function reviewDimension(
  call: DimensionCall,
  dimension: Dimension,
  request: { system: string; user: string },
): Promise<DimensionResult> {
  const { deps, budget } = call;
  const agent = await runAgent({
    client: deps.model!,
    system: request.system,
    messages: request.user,
    tools: [],
    budgets: budget.remaining(),
    prices: modelPrices(deps.config),
    clock: deps.clock,
    logger: deps.logger,
    transcript: call.transcript,
    workspace: deps.workspace,
    ...(deps.onTurn ? { onTurn: deps.onTurn } : {}),
  });
  budget.add(agent);
  const used = { inputTokens: totalInputTokens(agent.usage), outputTokens: agent.usage.outputTokens };
  if (agent.outcome === 'budget_exhausted') {
    return { dimension, status: 'skipped', reason: agent.budgetStop?.reason ?? 'budget', findings: [], problems: [], ...used };
  }
  if (agent.outcome !== 'completed') {
    const reason = agent.error ?? (agent.outcome === 'refused' ? 'the model refused' : 'the answer was cut off');
    return { dimension, status: 'failed', reason, findings: [], problems: [], ...used };
  }
  const { findings, problems, risk } = parseFindings(jsonOf(agent.finalText), dimension);
  // An answer with no findings list is no review: it must not pass for "nothing found" (and approve).
  const unusable = problems.find((p) => p.index === -1);
  if (unusable) return { dimension, status: 'failed', reason: `unusable answer: ${unusable.message}`, findings: [], problems, ...used };
  return { dimension, status: 'reviewed', findings, problems, ...(risk ? { risk } : {}), ...used };
}

/**
 * Every active dimension, one after the other on one shared budget. The model reads `diff.shown`
 * (the incremental diff on a synchronize); the architecture dimension also reads the linked issue
 * and the specs. A dimension with nothing to read costs no call.
 */
export async function reviewDimensions(
  deps: ReviewerDeps,
  pr: PullRequest,
  diff: ReviewDiff,
  budget: SharedBudget,
): Promise<{ results: DimensionResult[]; notRead: UnreadFile[] }> {
  const call: DimensionCall = { deps, budget, transcript: deps.records.transcript(deps.runId) };
  const results: DimensionResult[] = [];
  const notRead = new Map<string, UnreadFile>();
  // The repository's instructions (AGENTS.md, ...) from the default branch, read once, for every dimension that calls the model.
  let conventions: string[] | undefined;
  const conventionSections = async (): Promise<string[]> => {
    if (conventions) return conventions;
    const section = await repositoryConventions(deps.github.reader, {
      logger: deps.logger,
      workspace: deps.workspace,
      fence: (source, text) => untrusted(source, text, { redactor: deps.redactor }),
    });
    conventions = section ? [section] : [];
    return conventions;
  };
  for (const dimension of activeDimensions(deps.config, diff.files)) {
    const readable = packFor(dimension, diff.shown, deps.config);
    if (readable.read.length + readable.partial.length === 0) {
      for (const u of readable.notRead) notRead.set(u.path, u);
      results.push({ dimension, status: 'reviewed', findings: [], problems: [], inputTokens: 0, outputTokens: 0 });
      continue;
    }
    const context = [
      ...(await conventionSections()),
      ...(dimension === 'architecture'
        ? (await architectureContext(deps.github.reader, pr, { workspace: deps.workspace, redactor: deps.redactor })).sections
        : []),
    ];
    // The whole request within review.tokenBudget: the diff gets what the rest leaves.
    const packed = packFor(dimension, diff.shown, deps.config, requestOverhead(dimension, pr, deps.redactor, context));
    for (const u of packed.notRead) notRead.set(u.path, u);
    if (packed.read.length + packed.partial.length === 0) {
      const reason = `review.tokenBudget (${deps.config.review.tokenBudget}) leaves no room for the diff after the prompt`;
      results.push({ dimension, status: 'skipped', reason, findings: [], problems: [], inputTokens: 0, outputTokens: 0 });
      continue;
    }
    results.push(await reviewDimension(call, dimension, dimensionRequest(dimension, pr, packed, deps.redactor, context)));
  }
  return { results, notRead: [...notRead.values()] };
}
