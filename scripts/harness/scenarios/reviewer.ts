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

/** The line a push writes over the correctness finding's line (16) of src/pricing.js, fixing it. */
export const REVIEWER_FIXED_LINE = '  return Math.round(total * (100 - percent)) / 100;';

/**
 * A reviewer that sees the fix: correctness reports its finding until the diff it reads shows
 * REVIEWER_FIXED_LINE; tests reports its finding every time.
 */
export function reviewerFixScenario(): Scenario {
  return (req: MessagesRequest): ScriptedTurn => {
    const dimension = dimensionOf(req);
    const fixed = JSON.stringify(req.messages).includes(REVIEWER_FIXED_LINE.trim());
    if (dimension === 'correctness' && !fixed) return { text: JSON.stringify({ findings: [REVIEWER_FINDINGS.correctness] }) };
    if (dimension === 'tests') return { text: JSON.stringify({ findings: [REVIEWER_FINDINGS.tests] }) };
    return { text: '{"findings": []}' };
  };
}

/** The sample product's src/pricing.js with its discount fixed as the factory's PR does, then `line16` written over line 16. */
export function pricingWithLine16(fixedPricing: string, line16: string): string {
  const lines = fixedPricing.split('\n');
  lines[15] = line16;
  return lines.join('\n');
}
