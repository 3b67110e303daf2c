import type { AuditedArea, AssessedRequirement } from './grade';
import type { HistoryEntry } from './history';
import { LEGEND, type Grade } from './legend';

/**
 * quality.md and the grade history entries, rendered from audited areas. Test names and paths
 * come from the repository (they were checked to exist there); the caller neutralises the text
 * before it is written anywhere on GitHub.
 */

export interface GradingRun {
  commit: string;
  /** ISO date of the run. */
  date: string;
  /** The test command whose report decided what passed, or why none ran. */
  tests: string;
  areas: readonly AuditedArea[];
  /** Spec lines that are not in the requirement format, and similar notes. */
  problems: readonly string[];
}

const STATUS_WORDS: Record<AssessedRequirement['status'], string> = {
  passing: 'passing',
  failing: 'test fails',
  built: 'built, untested',
  missing: 'missing',
  unverified: 'evidence does not hold',
  unassessed: 'not assessed',
};

function code(s: string): string {
  const clean = s.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...[...clean.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${longest ? ' ' : ''}${clean}${longest ? ' ' : ''}${fence}`;
}

function testLabel(file: string, name: string): string {
  return `${code(file)} › ${code(name)}`;
}

function evidenceLine(r: AssessedRequirement): string {
  const parts: string[] = [];
  for (const t of r.tests) {
    if (t.holds && t.passed) parts.push(`test ${testLabel(t.ref.file, t.ref.name)} passed`);
    else if (t.holds) parts.push(`test ${testLabel(t.ref.file, t.ref.name)} failed`);
  }
  for (const f of r.files) if (f.holds) parts.push(`${code(f.ref.path)}${f.ref.contains ? ` (${code(f.ref.contains)})` : ''}`);
  return parts.join('; ');
}

function requirementLine(r: AssessedRequirement): string {
  const evidence = evidenceLine(r);
  const rejected = [...r.tests.flatMap((t) => (t.holds ? [] : [t.reason])), ...r.files.flatMap((f) => (f.holds ? [] : [f.reason]))];
  return `- **${r.id}** ${r.level} — ${STATUS_WORDS[r.status]}${evidence ? `: ${evidence}` : ''}${rejected.length ? ` (rejected: ${rejected.join('; ')})` : ''}`;
}

export function gapsOf(a: AuditedArea): AssessedRequirement[] {
  return a.requirements.filter((r) => r.status !== 'passing');
}

function gapLine(r: AssessedRequirement): string {
  if (r.status === 'failing' || r.status === 'built')
    return `- **${r.id}** ${r.level} — ${STATUS_WORDS[r.status]}, needs a passing test: ${r.text}`;
  return `${requirementLine(r)}: ${r.text}`;
}

export function renderArea(a: AuditedArea, commit: string): string[] {
  const gaps = gapsOf(a);
  const evidenced = a.requirements.filter((r) => r.status === 'passing' || r.status === 'built' || r.status === 'failing');
  return [
    `## ${a.area.title} — ${a.final}`,
    '',
    `Spec: ${code(a.area.path)} · graded at ${code(commit.slice(0, 12))} · ${a.why}${a.previous !== undefined ? ` · previous: ${a.previous}` : ''}`,
    '',
    ...(a.audit.length ? ['**Audit:**', ...a.audit.map((l) => `- ${l}`), ''] : []),
    '**Evidence:**',
    ...(evidenced.length ? evidenced.map(requirementLine) : ['- (none that holds)']),
    '',
    '**Gaps:**',
    ...(gaps.length ? gaps.map(gapLine) : ['- (none)']),
    '',
    `**Open bugs:** ${a.openBugs.length ? a.openBugs.map((b) => `#${b.number}`).join(', ') : 'none'}`,
    '',
  ];
}

export function renderQualityMd(run: GradingRun): string {
  return [
    '# Quality grades',
    '',
    `Graded commit: ${code(run.commit)} on ${run.date.slice(0, 10)} by the quality grader. Tests: ${run.tests}.`,
    'Each grade is computed by code from evidence that was checked: the named test exists at the graded commit, is not skipped,',
    'asserts something and passed in this run; a named file exists and holds the named excerpt. A grade rises at most one letter per run.',
    'The history of every grade is in `quality.json`.',
    '',
    '## Legend',
    '',
    '| grade | meaning |',
    '|---|---|',
    ...LEGEND.map((l) => `| ${l.grade} | ${l.meaning} |`),
    '',
    '## Summary',
    '',
    '| area | spec | grade | MUSTs with a passing test | previous |',
    '|---|---|---|---|---|',
    ...run.areas.map((a) => {
      const musts = a.requirements.filter((r) => r.level === 'MUST' || r.level === 'MUST NOT');
      return `| ${a.area.title} | ${code(a.area.path)} | ${a.final} | ${musts.filter((r) => r.status === 'passing').length} / ${musts.length} | ${a.previous ?? '—'} |`;
    }),
    '',
    ...run.areas.flatMap((a) => renderArea(a, run.commit)),
    ...(run.problems.length ? ['## Notes', '', ...run.problems.map((p) => `- ${p}`), ''] : []),
  ].join('\n');
}

export function historyEntries(run: GradingRun): HistoryEntry[] {
  return run.areas.map((a) => {
    const musts = a.requirements.filter((r) => r.level === 'MUST' || r.level === 'MUST NOT');
    const count = (s: AssessedRequirement['status']) => musts.filter((r) => r.status === s).length;
    return {
      commit: run.commit,
      date: run.date,
      area: a.area.id,
      grade: a.final,
      evidence: {
        musts: musts.length,
        passing: count('passing'),
        failing: count('failing'),
        built: count('built'),
        missing: count('missing'),
        unverified: count('unverified'),
        unassessed: count('unassessed'),
        tests: [
          ...new Set(a.requirements.flatMap((r) => r.tests.filter((t) => t.holds && t.passed).map((t) => `${t.ref.file} › ${t.ref.name}`))),
        ],
        openBugs: a.openBugs.map((b) => b.number),
      },
    };
  });
}

/** One line per area: `checkout: C (was D)`. */
export function gradeLine(a: AuditedArea): string {
  const was: Grade | undefined = a.previous;
  return `${a.area.id}: ${a.final}${was !== undefined && was !== a.final ? ` (was ${was})` : ''}`;
}
