import plannerPrompt from '../../prompts/feature-planner.md';
import { cacheReadShare, totalInputTokens } from '../../actions/shared/agent/budget';
import { runAgentStep } from '../../actions/shared/automation/agent-step';
import { startFactorySandbox } from '../harness';
import type { ScriptedTurn } from '@software-factory/model-sandbox';

/** Files of the sample product the scripted agent reads, one per turn. */
const FILES = [
  'README.md',
  'package.json',
  'src/pricing.js',
  'src/format.js',
  'test/pricing.test.js',
  'test/format.test.js',
  'specs/checkout.md',
  '.github/factory.yml',
  '.gitignore',
] as const;

const TURNS = 10;

export interface AgentBenchResult {
  turns: typeof TURNS;
  /** Every input token the model processed over the run: uncached, cache reads and cache writes. */
  inputTokens: number;
  /** Cache reads / all input tokens over turns 2-10 (turn 1 can only write the cache). */
  cacheReadShare: number;
  /** Requests the model sandbox answered. */
  requests: number;
}

/**
 * A 10-turn agent run on the sandboxes through the whole agent step (real SDK, real Octokit):
 * turns 1-9 each read one file of the sample product, turn 10 ends. The system prompt is the
 * planner's (above the 1024-token cache minimum with the tools), so the share of input served
 * from the prompt cache shows whether the loop's cache breakpoints work.
 */
export async function agentBench(): Promise<AgentBenchResult> {
  const script: ScriptedTurn[] = [
    ...FILES.map((path): ScriptedTurn => ({ toolCalls: [{ name: 'read_file', input: { path } }] })),
    { text: 'The sample product is a small shop library; the discount test fails.' },
  ];
  if (script.length !== TURNS) throw new Error(`the bench script has ${script.length} turns, expected ${TURNS}`);
  const sandbox = await startFactorySandbox({ scenario: { kind: 'scripted', turns: script } });
  try {
    const deps = sandbox.deps('feature-planner', { runId: 'bench-agent' });
    const step = await runAgentStep(deps, {
      trigger: { event: 'workflow_dispatch' },
      actor: 'bench',
      system: plannerPrompt,
      user: 'Read the sample product file by file, then summarise what it does.',
      toolset: 'read-only',
      facts: { allowedKinds: [], allowedTargets: [], openedByFactory: [], threads: {}, risk: 'low', defaultBranch: 'main' },
    });
    const { agent } = step;
    if (agent.outcome !== 'completed' || agent.turns !== TURNS) {
      throw new Error(
        `agent bench: expected ${TURNS} completed turns, got ${agent.turns} (${agent.outcome}${agent.error ? `: ${agent.error}` : ''})`,
      );
    }
    const failed = agent.toolCalls.filter((c) => !c.ok);
    if (failed.length) throw new Error(`agent bench: ${failed.length} tool call(s) failed, first ${failed[0]!.name}`);
    return {
      turns: TURNS,
      inputTokens: agent.turnUsage.reduce((n, u) => n + totalInputTokens(u), 0),
      cacheReadShare: round(cacheReadShare(agent.turnUsage.slice(1))),
      requests: sandbox.model.requests.filter((r) => r.endpoint === 'messages' && r.status === 200).length,
    };
  } finally {
    await sandbox.close();
  }
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
