import { z } from 'zod';
import graderPrompt from '../../../prompts/quality-grader.md';
import auditorPrompt from '../../../prompts/quality-auditor.md';
import type { ModelClient } from '../../shared/agent/model';
import { buildRepoMap } from '../../shared/agent/repomap';
import { defineTool, ToolRefusal, type ToolDef } from '../../shared/agent/tool';
import { runAgentStep, type AgentStepSpec } from '../../shared/automation/agent-step';
import type { AutomationDeps } from '../../shared/automation/types';
import { RequirementClaimSchema, type RequirementClaim, type SpecArea, type TestRunResults } from '../../shared/quality';
import type { RunRecord } from '../../shared/record/run-record';
import { untrusted } from '../../shared/security';
import type { CommitTree } from './commit';
import type { Trigger } from './gate';

/**
 * The model's part: it reads the code and the tests (read tools only) and records, through one
 * tool, which tests and files it claims as evidence for each requirement. It writes nothing and
 * chooses no grade; code checks every claim afterwards.
 */

export type Claims = Map<string, RequirementClaim>;

const RecordEvidenceSchema = z.object({
  area: z.string().min(1).max(100).describe('The area id, e.g. checkout (the spec file name without .md)'),
  requirements: z.array(RequirementClaimSchema).min(1).max(60).describe('One entry per requirement of the area'),
});

export function recordEvidenceTool(areas: readonly SpecArea[], claims: Claims): ToolDef {
  return defineTool({
    name: 'record_evidence',
    description:
      'Record the evidence for the requirements of one spec area: per requirement, tested (name the tests), built (name the files) or missing. Call again to correct an entry.',
    input: RecordEvidenceSchema,
    run(input) {
      const area = areas.find((a) => a.id === input.area);
      if (!area) throw new ToolRefusal(`no spec area "${input.area}"; areas: ${areas.map((a) => a.id).join(', ')}`, 'unknown-area');
      const ids = new Set(area.requirements.map((r) => r.id));
      const unknown = input.requirements.filter((c) => !ids.has(c.requirement)).map((c) => c.requirement);
      if (unknown.length) {
        throw new ToolRefusal(`${unknown.join(', ')} not in ${area.path}; its requirements: ${[...ids].join(', ')}`, 'unknown-requirement');
      }
      for (const c of input.requirements) claims.set(c.requirement, c);
      const left = area.requirements.filter((r) => !claims.has(r.id)).map((r) => r.id);
      return `recorded ${input.requirements.length} requirement(s) of ${area.id}${left.length ? `; still without an entry: ${left.join(', ')}` : '; every requirement of the area has an entry'}`;
    },
  }) as unknown as ToolDef;
}

const MAX_LISTED_TESTS = 600;

export interface MappingContext {
  trigger: Trigger;
  defaultBranch: string;
  tree: CommitTree;
  results: TestRunResults;
}

function areasText(areas: readonly SpecArea[]): string {
  return areas
    .map((a) => [`### ${a.id} (${a.path}): ${a.title}`, ...a.requirements.map((r) => `- ${r.id} ${r.level} ${r.text}`)].join('\n'))
    .join('\n\n');
}

function testsText(results: TestRunResults): string {
  if (!results.ok) return `(no test results: ${results.reason})`;
  const lines = results.outcomes.slice(0, MAX_LISTED_TESTS).map((o) => `${o.file ?? '(file not reported)'} › ${o.name}: ${o.status}`);
  const more = results.outcomes.length - lines.length;
  return [...lines, ...(more > 0 ? [`… ${more} more`] : [])].join('\n');
}

async function message(deps: AutomationDeps, intro: string, areas: readonly SpecArea[], ctx: MappingContext): Promise<string> {
  const fence = (source: string, text: string, maxChars: number) =>
    untrusted(source, text, { redactor: deps.redactor, format: 'plain', maxChars });
  const map = await buildRepoMap({
    listFiles: () => ctx.tree.list(),
    readFile: async (p) => (await ctx.tree.read(p)) ?? '',
    maxTokens: 2500,
  });
  return [
    intro,
    '',
    '## Spec areas and their requirements',
    fence('spec requirements', areasText(areas), 60_000),
    '',
    '## Tests that ran in this run',
    fence('test report', testsText(ctx.results), 40_000),
    '',
    '## Repository map',
    fence('repository map', map.text || '(empty)', 12_000),
  ].join('\n');
}

function facts(defaultBranch: string): AgentStepSpec['facts'] {
  return { allowedKinds: [], allowedTargets: [], openedByFactory: [], threads: {}, risk: 'low', defaultBranch };
}

/** The grader's mapping of every area. */
export async function mapEvidence(
  deps: AutomationDeps,
  areas: readonly SpecArea[],
  ctx: MappingContext,
): Promise<{ claims: Claims; record: RunRecord }> {
  const claims: Claims = new Map();
  const step = await runAgentStep(deps, {
    trigger: { event: ctx.trigger.event },
    actor: ctx.trigger.actor,
    system: graderPrompt,
    user: await message(
      deps,
      `Map every requirement of these ${areas.length} spec area(s) to its evidence with record_evidence, one call per area, at commit ${ctx.tree.sha}.`,
      areas,
      ctx,
    ),
    toolset: 'read-only',
    facts: facts(ctx.defaultBranch),
    extraTools: [recordEvidenceTool(areas, claims)],
  });
  return { claims, record: step.record };
}

/** One sample of the second opinion on one area, by another model. */
export async function secondOpinionSample(
  deps: AutomationDeps,
  model: ModelClient,
  area: SpecArea,
  ctx: MappingContext,
): Promise<{ claims: Claims; record: RunRecord }> {
  const claims: Claims = new Map();
  const step = await runAgentStep(
    { ...deps, model },
    {
      trigger: { event: ctx.trigger.event },
      actor: ctx.trigger.actor,
      system: auditorPrompt,
      user: await message(
        deps,
        `The grade of area ${area.id} rose in this run. Map its requirements to evidence again with record_evidence, at commit ${ctx.tree.sha}.`,
        [area],
        ctx,
      ),
      toolset: 'read-only',
      facts: facts(ctx.defaultBranch),
      extraTools: [recordEvidenceTool([area], claims)],
    },
  );
  return { claims, record: step.record };
}
