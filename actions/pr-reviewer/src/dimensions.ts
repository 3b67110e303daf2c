import common from '../../../prompts/review-common.md';
import architecture from '../../../prompts/review-architecture.md';
import correctness from '../../../prompts/review-correctness.md';
import security from '../../../prompts/review-security.md';
import tests from '../../../prompts/review-tests.md';
import ui from '../../../prompts/review-ui.md';
import type { ModelClient } from '../../shared/agent/model';
import type { FactoryConfig } from '../../shared/config';
import { REVIEW_DIMENSIONS } from '../../shared/config/schema';
import type { PullRequest } from '../../shared/github/types';
import { packDiff, parseFindings, type DiffFile, type Finding, type FindingProblem, type PackedDiff } from '../../shared/review';
import { untrusted, type Redactor } from '../../shared/security';

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

export function packFor(dimension: Dimension, files: readonly DiffFile[], config: Pick<FactoryConfig, 'review' | 'risk'>): PackedDiff {
  return packDiff(files, {
    budgetTokens: config.review.tokenBudget,
    config,
    ...(dimension === 'ui' ? { include: isUiFile } : {}),
  });
}

export interface DimensionResult {
  dimension: Dimension;
  findings: Finding[];
  problems: FindingProblem[];
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
) {
  const user = [
    `Review pull request #${pr.number} for ${dimension}.`,
    untrusted(`pull request #${pr.number} title and description`, `${pr.title}\n\n${pr.body}`, { redactor, maxChars: 4000 }),
    untrusted(`pull request #${pr.number} diff`, packed.text, { redactor, format: 'plain', maxChars: packed.text.length + 2000 }),
  ].join('\n\n');
  return { system: `${common}\n\n${PROMPTS[dimension]}`, messages: [{ role: 'user' as const, content: user }] };
}

export async function reviewDimension(
  model: ModelClient,
  dimension: Dimension,
  pr: Pick<PullRequest, 'number' | 'title' | 'body'>,
  packed: PackedDiff,
  redactor: Redactor,
): Promise<DimensionResult> {
  const answer = await model.create(dimensionRequest(dimension, pr, packed, redactor));
  const text = answer.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
  const { findings, problems } = parseFindings(jsonOf(text), dimension);
  return { dimension, findings, problems, inputTokens: answer.usage.input_tokens, outputTokens: answer.usage.output_tokens };
}
