import plannerPrompt from '../../prompts/feature-planner.md';
import { runAgentStep, type AgentStepResult, type AgentStepSpec } from '../../actions/shared/automation/agent-step';
import type { FactorySandbox } from '../../scripts/harness';
import type { ScenarioFunction } from '@software-factory/model-sandbox';
import { testDeps, withSandbox } from './harness';

/**
 * Acceptance: budgets are enforced by the harness on the full stack (config text -> runAgentStep
 * -> real SDK -> model sandbox), and the run record's usage is exactly what the model reported.
 */

/** A model that never stops on its own: every reply asks to read the README again. */
const endless: ScenarioFunction = () => ({ toolCalls: [{ name: 'read_file', input: { path: 'README.md' } }] });

const MODEL = 'claude-sandbox';
/** Every token kind at the same price (USD per token = 1e-3), so caching cannot blur the arithmetic. */
const PRICE_PER_MTOK = 1000;

function configText(budgets: Record<string, number>): string {
  return [
    'commands:',
    '  test: npm test',
    'model:',
    `  name: ${MODEL}`,
    '  maxTokens: 256',
    '  prices:',
    `    ${MODEL}: { inputPerMTok: ${PRICE_PER_MTOK}, outputPerMTok: ${PRICE_PER_MTOK}, cacheReadPerMTok: ${PRICE_PER_MTOK}, cacheWritePerMTok: ${PRICE_PER_MTOK} }`,
    'budgets:',
    ...Object.entries(budgets).map(([k, v]) => `  ${k}: ${v}`),
    '',
  ].join('\n');
}

function spec(): AgentStepSpec {
  return {
    trigger: { event: 'workflow_dispatch' },
    actor: 'alice',
    // A real prompt, above the 1024-token cache minimum, so cache reads and writes happen.
    system: plannerPrompt,
    user: 'Describe the sample product.',
    toolset: 'read-only',
    facts: { allowedKinds: [], allowedTargets: [], openedByFactory: [], threads: {}, risk: 'low', defaultBranch: 'main' },
  };
}

function messageRequests(sb: FactorySandbox) {
  return sb.model.requests.filter((r) => r.endpoint === 'messages');
}

/** USD of each request the model sandbox answered, from the usage it reported. */
function requestCosts(sb: FactorySandbox): number[] {
  return messageRequests(sb).map((r) => {
    const u = r.usage!;
    const tokens = u.input_tokens + u.output_tokens + (u.cache_read_input_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0);
    return (tokens * PRICE_PER_MTOK) / 1_000_000;
  });
}

async function runWith(
  budgets: Record<string, number>,
): Promise<{ result: AgentStepResult; costs: number[]; requests: number; usage: number[] }> {
  return withSandbox({ scenario: endless, configText: configText(budgets) }, async (sb) => {
    const deps = testDeps(sb, 'feature-planner');
    const result = await runAgentStep(deps, spec());
    const ok = messageRequests(sb).filter((r) => r.status === 200);
    const sum = (f: (u: NonNullable<(typeof ok)[number]['usage']>) => number | null | undefined) =>
      ok.reduce((n, r) => n + (f(r.usage!) ?? 0), 0);
    return {
      result,
      costs: requestCosts(sb),
      requests: messageRequests(sb).length,
      usage: [
        sum((u) => u.input_tokens),
        sum((u) => u.output_tokens),
        sum((u) => u.cache_read_input_tokens),
        sum((u) => u.cache_creation_input_tokens),
      ],
    };
  });
}

test.each([1, 3, 5])('maxTurns %i: the model sandbox sees exactly that many requests', async (n) => {
  const { result, requests } = await runWith({ maxTurns: n, maxUsd: 100 });
  expect(requests).toBe(n);
  expect(result.record.turns).toBe(n);
  expect(result.record.budgetStop).toEqual({ reason: 'turns', limit: n, used: n });
  expect(result.record.outcome).toBe('budget-stop');
});

test('the run record counts exactly the tokens the model sandbox reported', async () => {
  const { result, usage, requests } = await runWith({ maxTurns: 4, maxUsd: 100 });
  const { input, output, cacheRead, cacheWrite } = result.record.usage;
  expect(requests).toBe(4);
  expect([input, output, cacheRead, cacheWrite]).toEqual(usage);
  // The prompt is above the cache minimum, so cache reads and writes are counted too.
  expect(cacheRead).toBeGreaterThan(0);
  expect(cacheWrite).toBeGreaterThan(0);
  expect(result.agent.turnUsage).toHaveLength(4);
});

test('maxUsd stops the run before the request that would cross it', async () => {
  // Calibrate: the same deterministic conversation without a tight cap.
  const free = await runWith({ maxTurns: 6, maxUsd: 100 });
  const c = free.costs;
  expect(c).toHaveLength(6);
  const firstThree = c[0]! + c[1]! + c[2]!;
  // Just short of what the fourth request actually costs.
  const cap = Number((firstThree + 0.99 * c[3]!).toFixed(6));

  const capped = await runWith({ maxTurns: 6, maxUsd: cap });
  // Three requests fit; the fourth would have cost c[3] more and crossed the cap, so it was never sent.
  expect(capped.requests).toBe(3);
  expect(firstThree + c[3]!).toBeGreaterThan(cap);
  expect(capped.result.record.budgetStop).toMatchObject({ reason: 'usd', limit: cap });
  expect(capped.result.record.costUsd).toBeCloseTo(firstThree, 9);
  expect(capped.result.record.costUsd).toBeLessThanOrEqual(cap);
  expect(capped.result.record.outcome).toBe('budget-stop');
});
