import type { MessagesRequest, Scenario, ScriptedTurn } from '@software-factory/model-sandbox';
import { systemText } from './conversation';

/**
 * The pull-request reviewer's sandbox model: each dimension is one request whose system prompt
 * names it. On the sample product's fix of the discount (src/pricing.js), correctness reports a
 * major finding on line 16 and tests a minor one on line 13 (both inside the fix's diff hunk);
 * the other dimensions find nothing.
 */
export const REVIEWER_FINDINGS = {
  correctness: {
    path: 'src/pricing.js',
    line: 16,
    side: 'RIGHT',
    severity: 'major',
    confidence: 0.9,
    title: 'Rounding happens before the discount is applied',
    body: 'Round the discounted total, not the discount, so cents add up.',
  },
  tests: {
    path: 'src/pricing.js',
    line: 13,
    side: 'RIGHT',
    severity: 'minor',
    confidence: 0.8,
    title: 'No test for a 100% discount',
    body: 'Add a test that a 100% code makes the total 0.',
  },
} as const;

/** The dimension a review request is for, read from its system prompt. */
export function dimensionOf(req: MessagesRequest): string | undefined {
  return /Dimension: \*\*([\w/ ]+?)(?: and spec compliance)?\*\*/i.exec(systemText(req))?.[1]?.toLowerCase();
}

/** A reviewer whose answer per dimension is given (a JSON text, or any text for a broken model). */
export function scriptedReviewer(answers: Partial<Record<string, string>>): Scenario {
  return (req: MessagesRequest): ScriptedTurn => ({ text: answers[dimensionOf(req) ?? ''] ?? '{"findings": []}' });
}

export function reviewerSandboxScenario(): Scenario {
  return scriptedReviewer({
    correctness: JSON.stringify({ findings: [REVIEWER_FINDINGS.correctness] }),
    tests: JSON.stringify({ findings: [REVIEWER_FINDINGS.tests] }),
  });
}
