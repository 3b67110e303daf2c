import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { commitTree } from '../../actions/quality-grader/src/commit';
import {
  appendHistory,
  assessArea,
  auditArea,
  historyEntries,
  latestGrades,
  parseHistory,
  parseSpecs,
  parseTestReport,
  QUALITY_JSON,
  QUALITY_MD,
  renderHistory,
  renderQualityMd,
  RequirementClaimSchema,
  type AuditedArea,
  type RequirementClaim,
  type TestRunResults,
} from '../../actions/shared/quality';

/**
 * Grades a checkout with the quality grader's own code, without GitHub or a model: the evidence
 * map comes from a file (what the model records with `record_evidence`, one entry per
 * requirement, keyed by area) and the test report from a test run made beforehand. Every claim
 * is checked exactly as in the action: against the commit checked out and the report.
 *
 *   node grade-local.mjs --evidence scripts/quality/evidence.json --report <jest --json file> --tests "<what ran>"
 *
 * Writes quality.md and quality.json at the repository root. Open issues are not read (no
 * GitHub), which quality.md says.
 */

const EvidenceFileSchema = z.record(z.string(), z.array(RequirementClaimSchema));

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Every `--note <text>`: a line for quality.md's notes. */
function notes(): string[] {
  return process.argv.flatMap((a, i) => (a === '--note' && process.argv[i + 1] !== undefined ? [process.argv[i + 1]!] : []));
}

async function main(): Promise<void> {
  const root = resolve(arg('root') ?? process.cwd());
  const evidencePath = arg('evidence');
  const reportPath = arg('report');
  if (!evidencePath || !reportPath)
    throw new Error('usage: --evidence <file.json> --report <test report> [--tests "<what ran>"] [--root <dir>]');
  const tree = await commitTree(root, process.env as Record<string, string>);
  const paths = (await tree.list()).filter((p) => /^specs\/[^/]+\.md$/i.test(p) && !/\/README\.md$/i.test(p));
  const { areas, problems } = parseSpecs(await Promise.all(paths.map(async (p) => ({ path: p, text: (await tree.read(p)) ?? '' }))));
  const evidence = EvidenceFileSchema.parse(JSON.parse(readFileSync(resolve(evidencePath), 'utf8')));
  const claims = new Map<string, RequirementClaim>();
  for (const list of Object.values(evidence)) for (const c of list) claims.set(c.requirement, c);
  let results: TestRunResults;
  try {
    results = { ok: true, outcomes: parseTestReport(readFileSync(resolve(reportPath), 'utf8'), root) };
  } catch (e) {
    results = { ok: false, reason: (e as Error).message };
  }
  const history = parseHistory(await tree.read(QUALITY_JSON));
  const previous = latestGrades(history.entries.filter((e) => e.commit !== tree.sha));
  const audited: AuditedArea[] = [];
  for (const area of areas) {
    const assessed = await assessArea(area, claims, tree, results, []);
    const before = previous.get(area.id)?.grade;
    audited.push(auditArea(assessed, { ...(before !== undefined ? { previous: before } : {}), maxRise: 1 }));
  }
  const passed = results.ok ? results.outcomes.filter((o) => o.status === 'passed').length : 0;
  const tests = `${arg('tests') ?? 'a test run'}${results.ok ? ` (${passed} of ${results.outcomes.length} tests passed in the report)` : `: ${results.reason}`}`;
  const run = {
    commit: tree.sha,
    date: arg('date') ?? new Date().toISOString(),
    tests,
    areas: audited,
    problems: [
      ...problems.map((p) => `${p.path}:${p.line}: ${p.message}`),
      'Graded locally (scripts/quality/grade-local.ts): the evidence map was written by hand in place of the model, open issues were not read.',
      ...notes(),
    ],
  };
  writeFileSync(join(root, QUALITY_MD), renderQualityMd(run));
  writeFileSync(join(root, QUALITY_JSON), renderHistory(appendHistory(history.entries, historyEntries(run))));
  for (const a of audited) process.stdout.write(`${a.area.id}: ${a.final} — ${a.why}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
});
