import type { ModelClient } from '../../shared/agent/model';
import type { AutomationDeps, AutomationResult } from '../../shared/automation/types';
import { gitFor } from '../../shared/automation/workspace';
import { ConfigError } from '../../shared/errors';
import {
  appendHistory,
  assessArea,
  auditArea,
  computeGrade,
  historyEntries,
  latestGrades,
  medianGrade,
  parseHistory,
  parseSpecs,
  QUALITY_JSON,
  renderHistory,
  renderQualityMd,
  rose,
  verifyClaim,
  type AuditedArea,
  type Grade,
  type OpenBug,
  type SecondOpinion,
  type SpecArea,
} from '../../shared/quality';
import type { RunRecord } from '../../shared/record/run-record';
import { commitTree, type CommitTree } from './commit';
import type { Trigger } from './gate';
import { mapEvidence, secondOpinionSample, type MappingContext } from './mapping';
import { fileGapIssues, findGradesPullRequest, gradedCommitOf, GRADES_BRANCH, publishGrades } from './publish';
import { runTests } from './tests';

/**
 * One grading: the specs of the graded commit -> the test command in the sandbox -> the model's
 * evidence map -> every claim checked by code -> letters by the legend -> the audit (claims that
 * do not hold, the second opinion, at most one letter up) -> quality.md and quality.json in the
 * one grades pull request, and gap issues for areas below B.
 */

export interface GraderPorts {
  /** The second opinion's client (quality.auditor.model), or undefined when none is configured. */
  auditorModel?: (deps: AutomationDeps) => ModelClient | undefined;
}

const BUG_LABELS = ['type:bug', 'type:incident'];

async function openBugs(deps: AutomationDeps): Promise<OpenBug[]> {
  const seen = new Map<number, OpenBug>();
  for (const label of BUG_LABELS) {
    for (const i of await deps.github.reader.listIssues({ state: 'open', labels: [label] })) {
      seen.set(i.number, { number: i.number, title: i.title, body: i.body ?? '' });
    }
  }
  return [...seen.values()];
}

async function readSpecAreas(tree: CommitTree): Promise<{ areas: SpecArea[]; problems: string[] }> {
  const paths = (await tree.list()).filter((p) => /^specs\/[^/]+\.md$/i.test(p) && !/\/README\.md$/i.test(p));
  const files = await Promise.all(paths.map(async (p) => ({ path: p, text: (await tree.read(p)) ?? '' })));
  const parsed = parseSpecs(files);
  return { areas: parsed.areas, problems: parsed.problems.map((p) => `${p.path}:${p.line}: ${p.message}`) };
}

export async function gradeRepository(deps: AutomationDeps, trigger: Trigger, ports: GraderPorts): Promise<AutomationResult> {
  const q = deps.config.quality;
  const repository = await deps.github.reader.getRepository();
  const defaultBranch = repository.defaultBranch;
  const tree = await commitTree(deps.workspace, deps.env);
  const commit = tree.sha;
  const existing = await findGradesPullRequest(deps);
  if (existing && gradedCommitOf(existing) === commit) {
    return { outcome: 'no-op', summary: `${commit.slice(0, 7)} is already graded in #${existing.number}`, details: [], records: [] };
  }
  const { areas, problems } = await readSpecAreas(tree);
  if (areas.length === 0)
    return { outcome: 'no-op', summary: `no spec areas at ${commit.slice(0, 7)} (specs/*.md)`, details: problems, records: [] };

  // The history continues from the open pull request's (it holds the runs not merged yet), else the default branch's.
  const historyText = existing ? await deps.github.reader.getFileContent(QUALITY_JSON, GRADES_BRANCH) : await tree.read(QUALITY_JSON);
  const history = parseHistory(historyText);
  const previous = latestGrades(history.entries.filter((e) => e.commit !== commit));

  const tests = await runTests(deps);
  deps.logger.info(`tests: ${tests.summary}`);
  if (!deps.model)
    throw new ConfigError('input "anthropic-api-key" is required: the quality grader maps requirements to evidence with the model');
  const ctx: MappingContext = { trigger, defaultBranch, tree, results: tests.results };
  const records: RunRecord[] = [];
  const mapped = await mapEvidence(deps, areas, ctx);
  records.push(mapped.record);

  const bugs = await openBugs(deps);
  const auditor = q.auditor.model ? ports.auditorModel?.(deps) : undefined;
  const audited: AuditedArea[] = [];
  for (const area of areas) {
    const assessed = await assessArea(area, mapped.claims, tree, tests.results, bugs);
    const before = previous.get(area.id)?.grade;
    let secondOpinion: SecondOpinion | undefined;
    if (auditor && rose(before, assessed.grade)) {
      const samples: Grade[] = [];
      for (let i = 0; i < q.auditor.samples; i++) {
        const sample = await secondOpinionSample(deps, auditor, area, ctx);
        records.push(sample.record);
        const requirements = await Promise.all(
          area.requirements.map(async (r) => ({
            level: r.level,
            status: (await verifyClaim(r.id, sample.claims.get(r.id), tree, tests.results)).status,
          })),
        );
        samples.push(computeGrade({ requirements, openBugs: assessed.openBugs.length }).grade);
      }
      secondOpinion = { model: auditor.model, samples, median: medianGrade(samples) };
    }
    audited.push(
      auditArea(assessed, {
        ...(before !== undefined ? { previous: before } : {}),
        maxRise: q.maxRisePerRun,
        ...(secondOpinion ? { secondOpinion } : {}),
      }),
    );
  }

  const date = deps.clock.now().toISOString();
  const run = {
    commit,
    date,
    tests: tests.summary,
    areas: audited,
    problems: [...problems, ...(history.problem ? [history.problem] : [])],
  };
  // Test names and reasons come from the repository and the model's claims: no secret of the run goes into a pushed file.
  const markdown = deps.redactor.redact(renderQualityMd(run));
  const historyOut = deps.redactor.redact(renderHistory(appendHistory(history.entries, historyEntries(run))));
  const grades = audited.map((a) => `${a.area.id} ${a.final}`).join(', ');
  const details = [
    `tests: ${tests.summary}`,
    ...audited.map((a) => `${a.area.id}: ${a.final} — ${a.why}${a.previous !== undefined ? ` (previous ${a.previous})` : ''}`),
    ...audited.flatMap((a) => a.audit.map((l) => `  audit ${a.area.id}: ${l}`)),
  ];
  if (deps.dryRun) {
    details.push(
      `would write quality.md and quality.json to ${GRADES_BRANCH} and ${existing ? `edit #${existing.number}` : 'open a pull request'}`,
    );
    return {
      outcome: 'completed',
      summary: `graded ${audited.length} area(s) at ${commit.slice(0, 7)}: ${grades} (dry run)`,
      details,
      records,
    };
  }
  const git = gitFor(deps, defaultBranch);
  details.push(
    ...(await publishGrades(
      deps,
      git,
      { commit, markdown, history: historyOut, areas: audited, testsSummary: tests.summary },
      { defaultBranch, existing },
    )),
  );
  if (q.gapIssues) details.push(...(await fileGapIssues(deps, audited, commit)));
  // The mapping step's record says what the agent applied (nothing: code writes the grades); the run wrote them.
  const [mapping, ...rest] = records;
  const done = mapping
    ? [{ ...mapping, outcome: 'success' as const, counts: { ...mapping.counts, areas: audited.length } }, ...rest]
    : records;
  if (done[0]) await deps.records.write(done[0]);
  return { outcome: 'completed', summary: `graded ${audited.length} area(s) at ${commit.slice(0, 7)}: ${grades}`, details, records: done };
}
