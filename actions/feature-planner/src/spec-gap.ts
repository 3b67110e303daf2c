import { z } from 'zod';
import prompt from '../../../prompts/spec-gap.md';
import { defineTool, ToolRefusal, type ToolDef } from '../../shared/agent/tool';
import { runAgentStep, type AgentStepSpec } from '../../shared/automation/agent-step';
import type { AutomationDeps } from '../../shared/automation/types';
import type { Issue } from '../../shared/github/types';
import type { Intent } from '../../shared/policy/intents';
import type { RunRecord } from '../../shared/record/run-record';
import { untrusted } from '../../shared/security';
import { errorMessage } from '../../shared/errors';
import { applyCodeIntents } from './apply-code';
import { readSpecFiles, repositoryMap, type ContextFile } from './gather';
import type { Trigger } from './gate';
import { AUTOMATION_SPECS } from '../../shared/registry';

/**
 * Spec-gap planning, when the backlog has nothing to triage or build: the agent compares the
 * specs (and quality grades) with the code and proposes issues through a recording tool. Code
 * turns at most `specGapCap` proposals into create_issue intents with the `source:spec-gap`
 * label and a `spec-gap/...` dedupe key (so an issue is never opened twice), and policy and the
 * applier write them.
 */
export const SPEC_GAP_LABEL = 'source:spec-gap';

export const GapProposalSchema = z.object({
  title: z.string().min(5).max(200).describe('Imperative title, e.g. "Reject carts with more than 100 lines"'),
  body: z.string().min(20).max(20_000).describe('Markdown: the spec rule quoted, what the code does today, acceptance criteria.'),
  spec: z.string().min(1).max(200).describe('The spec file the gap is in, e.g. specs/checkout.md'),
  key: z
    .string()
    .min(3)
    .max(80)
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and -')
    .describe('A short stable slug naming the gap, e.g. "checkout-max-100-lines"'),
});
export type GapProposal = z.infer<typeof GapProposalSchema>;

export function proposalTool(proposals: GapProposal[], cap: number): ToolDef {
  return defineTool({
    name: 'propose_gap_issue',
    description: `Propose one issue for a gap between a spec and the code. At most ${cap} proposals are kept per run.`,
    input: GapProposalSchema,
    run(input) {
      if (proposals.length >= cap) throw new ToolRefusal(`at most ${cap} gap issues per run; stop proposing`, 'cap-exceeded');
      if (proposals.some((p) => p.key === input.key))
        throw new ToolRefusal(`a gap with key "${input.key}" was already proposed`, 'duplicate-dedupe-key');
      proposals.push(input);
      return `recorded proposal ${proposals.length} of at most ${cap}`;
    },
  }) as unknown as ToolDef;
}

export function gapIntents(proposals: readonly GapProposal[], cap: number): Intent[] {
  return proposals.slice(0, cap).map((p) => ({
    kind: 'create_issue',
    title: p.title,
    body: `${p.body}\n\n_Spec: \`${p.spec}\`_`,
    labels: [SPEC_GAP_LABEL],
    dedupeKey: `spec-gap/${p.key}`,
  }));
}

export function specGapMessage(m: {
  repo: string;
  specs: ContextFile[];
  existing: Issue[];
  repoMap: string;
  cap: number;
  redactor: AutomationDeps['redactor'];
}): string {
  const fence = (source: string, text: string, maxChars: number) =>
    untrusted(source, text, { redactor: m.redactor, format: 'plain', maxChars });
  return [
    `The backlog of ${m.repo} has nothing to triage or build. Compare the specs with the code and propose at most ${m.cap} gap issues with propose_gap_issue.`,
    '',
    '## Specs and quality grades',
    ...m.specs.map((f) => fence(`file ${f.path}`, f.text, 12_000)),
    '',
    '## Gap issues already filed (do not propose these again)',
    'Issues titled "Quality: <area> is graded <grade>" are the quality grader\'s: each lists the requirements of its area without a passing test (see quality.md). Propose only gaps they do not cover.',
    m.existing.length
      ? fence('titles of existing gap issues', m.existing.map((i) => `#${i.number} [${i.state}] ${i.title}`).join('\n'), 8000)
      : '(none)',
    '',
    '## Repository map',
    fence('repository map', m.repoMap || '(empty)', 8000),
  ].join('\n');
}

export interface SpecGapResult {
  details: string[];
  records: RunRecord[];
  skipped?: string;
}

export async function planSpecGaps(
  deps: AutomationDeps,
  opts: { trigger: Trigger; actor: string; defaultBranch: string },
): Promise<SpecGapResult> {
  const cap = deps.config.automations['feature-planner'].specGapCap;
  const files = readSpecFiles(deps.workspace);
  if (!files.some((f) => f.path.startsWith('specs/'))) return { details: [], records: [], skipped: 'no specs/*.md to plan from' };
  const { reader } = deps.github;
  const existing = await reader.searchIssues(`label:"${SPEC_GAP_LABEL}" is:issue`);
  const proposals: GapProposal[] = [];
  const facts: AgentStepSpec['facts'] = {
    allowedKinds: [],
    allowedTargets: [],
    openedByFactory: [],
    threads: {},
    risk: 'low',
    defaultBranch: opts.defaultBranch,
  };
  const step = await runAgentStep(deps, {
    trigger: opts.trigger,
    actor: opts.actor,
    system: prompt,
    user: specGapMessage({
      repo: `${reader.repo.owner}/${reader.repo.repo}`,
      specs: files,
      existing,
      repoMap: await repositoryMap(deps.workspace),
      cap,
      redactor: deps.redactor,
    }),
    toolset: AUTOMATION_SPECS['feature-planner'].toolset,
    facts,
    extraTools: [proposalTool(proposals, cap)],
  });
  const applied = await applyCodeIntents(deps, { ...facts, allowedKinds: ['create_issue'] }, gapIntents(proposals, cap), {
    create_issue: cap,
  });
  const graded = await dispatchQualityGrader(deps, opts.defaultBranch);
  return { details: [...applied.details, ...graded], records: [step.record] };
}

/** The quality grader's workflow: an empty backlog is one of its triggers (it skips a commit it has graded). */
export const QUALITY_WORKFLOW = 'factory-quality.yml';

/**
 * Starts the quality grader, so the next spec-gap run reads fresh grades and gap issues. A failure
 * is a warning only: the grader's daily schedule grades anyway.
 */
export async function dispatchQualityGrader(deps: AutomationDeps, ref: string): Promise<string[]> {
  if (deps.dryRun || !deps.config.automations['quality-grader'].enabled) return [];
  try {
    await deps.github.writer.dispatchWorkflow(QUALITY_WORKFLOW, ref);
    return [`dispatched ${QUALITY_WORKFLOW}: the backlog is empty`];
  } catch (e) {
    deps.logger.warning(`could not dispatch ${QUALITY_WORKFLOW}: ${errorMessage(e)} (its daily schedule grades anyway)`);
    return [];
  }
}
