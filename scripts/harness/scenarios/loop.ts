import type { MessagesRequest, Scenario, ScriptedTurn } from '@software-factory/model-sandbox';
import { SAMPLE_BUG } from '../sample-product';
import { dimensionOf } from './reviewer';

/**
 * The reviewer's part in the demo's whole loop (issue -> pull request -> review -> fixes ->
 * re-review -> merge). On the factory's fix of the sample bug it finds two things, each with a
 * one-line GitHub suggestion inside the fix's diff hunk; the resolver applies the suggestions,
 * and the re-review, whose diff now shows the suggested lines, finds nothing. On anything else
 * (the migration of the second issue) it finds nothing.
 */
export const LOOP_FINDINGS = [
  {
    dimension: 'correctness',
    /** The code the finding is about: reported while the diff shows it and not yet the suggestion. */
    code: SAMPLE_BUG.fix.newString.trim(),
    finding: {
      path: SAMPLE_BUG.fix.path,
      line: 16,
      side: 'RIGHT',
      severity: 'major',
      confidence: 0.9,
      title: 'Floating point loses a cent on some discounts',
      body: '`total * (1 - percent / 100)` is computed in binary floating point before rounding: multiply by the whole percentage first.',
      suggestion: '  return round2((total * (100 - percent)) / 100);',
    },
  },
  {
    dimension: 'security',
    code: "if (percent < 0 || percent > 100) throw new RangeError('percent must be between 0 and 100');",
    finding: {
      path: SAMPLE_BUG.fix.path,
      line: 15,
      side: 'RIGHT',
      severity: 'minor',
      confidence: 0.8,
      title: 'NaN passes the range check',
      body: '`NaN < 0` and `NaN > 100` are both false, so a malformed discount code yields a NaN total. Check the range positively.',
      suggestion: "  if (!(percent >= 0 && percent <= 100)) throw new RangeError('percent must be between 0 and 100');",
    },
  },
] as const;

function requestText(req: MessagesRequest): string {
  return JSON.stringify(req.messages);
}

export function loopReviewerScenario(): Scenario {
  return (req: MessagesRequest): ScriptedTurn => {
    const dimension = dimensionOf(req);
    const text = requestText(req);
    const findings = LOOP_FINDINGS.filter(
      (f) =>
        f.dimension === dimension &&
        text.includes(JSON.stringify(f.code).slice(1, -1)) &&
        !text.includes(JSON.stringify(f.finding.suggestion.trim()).slice(1, -1)),
    ).map((f) => f.finding);
    return { text: JSON.stringify({ findings }) };
  };
}
