import { z } from 'zod';
import type { TestOutcome } from './report';

/**
 * Evidence: what the model claims for each requirement (tests by file and name, code files), and
 * the check by code of every claim. Nothing the model says counts until it holds here: the file
 * exists at the graded commit, the named test is declared in it, is not skipped, asserts
 * something, and passed in this run's test report.
 */

export const TestRefSchema = z.object({
  file: z.string().min(1).max(300).describe('Repository path of the test file, e.g. test/pricing.test.js'),
  name: z.string().min(1).max(300).describe("The test's title exactly as written in it('...') or test('...')"),
});

export const FileRefSchema = z.object({
  path: z.string().min(1).max(300).describe('Repository path of a file that implements the requirement'),
  contains: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('A short exact excerpt of that file (a function name, a check) that implements it'),
});

export const CLAIM_STATUSES = ['tested', 'built', 'missing'] as const;

export const RequirementClaimSchema = z.object({
  requirement: z.string().min(1).max(40).describe('The requirement id, e.g. CHK-001'),
  status: z
    .enum(CLAIM_STATUSES)
    .describe('tested: a test checks it (name it); built: code implements it but no test checks it; missing: no code implements it'),
  tests: z.array(TestRefSchema).max(10).optional().describe('Tests that check this requirement'),
  files: z.array(FileRefSchema).max(10).optional().describe('Files that implement it'),
});
export type RequirementClaim = z.infer<typeof RequirementClaimSchema>;
export type TestRef = z.infer<typeof TestRefSchema>;
export type FileRef = z.infer<typeof FileRefSchema>;

/** Files of the graded commit (never the working tree the test command could have changed). */
export interface CommitFiles {
  /** The commit graded. */
  readonly sha: string;
  /** The file's text at that commit, or undefined when it does not exist there. */
  read(path: string): Promise<string | undefined>;
}

/** The outcome of the test command: the report it wrote, or why there is none. */
export type TestRunResults = { ok: true; outcomes: TestOutcome[] } | { ok: false; reason: string };

export type TestVerdict =
  | { ref: TestRef; holds: true; passed: true }
  | { ref: TestRef; holds: true; passed: false; reason: string }
  | { ref: TestRef; holds: false; reason: string };

export type FileVerdict = { ref: FileRef; holds: true } | { ref: FileRef; holds: false; reason: string };

/**
 * passing: a real test of it passed in this run. failing: its real test failed. built: code
 * evidence holds, no test passed. missing: the model found no code. unverified: evidence was
 * claimed and none of it holds. unassessed: no claim at all.
 */
export type RequirementStatus = 'passing' | 'failing' | 'built' | 'missing' | 'unverified' | 'unassessed';

export interface VerifiedRequirement {
  id: string;
  status: RequirementStatus;
  /** What the claim would give if every piece of it held (the model's own grade of the requirement). */
  claimed: RequirementStatus;
  tests: TestVerdict[];
  files: FileVerdict[];
}

export function safePath(path: string): string | undefined {
  const p = path.replace(/\\/g, '/').replace(/^\.\//, '');
  if (!p || p.startsWith('/') || /^[A-Za-z]:/.test(p) || p.split('/').some((s) => s === '..' || s === '')) return undefined;
  return p;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const DECLARATION = /(?<![.\w$])(?:x?it|x?test|specify)(?:\.(?:only|skip|todo|concurrent|failing|each\b[^(]*))*\s*\(/g;
const SKIPPED_CALL = /\b(?:xit|xtest|(?:it|test|describe|specify)(?:\.\w+)*\.(?:skip|todo))\b/;
const ASSERTION = /\bexpect\s*[.(]|\bassert\b|\bassert\w*\s*\(|\.should\b|\bt\.(?:equal|deepEqual|ok|is|truthy|throws)\b/;

/** Where `name` is declared as a test in `source`: the declaration's text (up to the next test), or why not. */
export function findTestDeclaration(
  source: string,
  name: string,
): { ok: true; call: string; body: string } | { ok: false; reason: string } {
  const quoted = ["'", '"', '`'].map((q) => `${q}${escapeRegExp(name.replace(new RegExp(escapeRegExp(q), 'g'), `\\${q}`))}${q}`);
  const call = new RegExp(`(?<![.\\w$])((?:x?it|x?test|specify)(?:\\.\\w+)*)\\s*\\(\\s*(?:${quoted.join('|')})`, 'g');
  const match = call.exec(source);
  if (!match) return { ok: false, reason: `no it('${name}') or test('${name}') in the file` };
  const start = match.index;
  DECLARATION.lastIndex = start + match[0].length;
  const next = DECLARATION.exec(source);
  const end = next ? next.index : source.length;
  return { ok: true, call: match[1]!, body: source.slice(start, end) };
}

export function isSkippedDeclaration(call: string, body: string): boolean {
  if (SKIPPED_CALL.test(call)) return true;
  // node:test and others: test('name', { skip: true }, fn) / { todo: true }
  const head = body.slice(0, 300);
  return /\{\s*[^}]*\b(?:skip|todo)\s*:\s*(?:true|['"`])/.test(head.split(/=>|function\s*\(/)[0] ?? '');
}

function ranAs(outcome: TestOutcome, ref: TestRef): boolean {
  if (outcome.file !== undefined && outcome.file !== ref.file) return false;
  return outcome.name === ref.name || (outcome.fullName !== undefined && outcome.fullName.endsWith(` ${ref.name}`));
}

export async function verifyTest(ref: TestRef, files: CommitFiles, results: TestRunResults): Promise<TestVerdict> {
  const path = safePath(ref.file);
  if (!path) return { ref, holds: false, reason: `"${ref.file}" is not a repository path` };
  const source = await files.read(path);
  if (source === undefined) return { ref, holds: false, reason: `${path} does not exist at ${files.sha.slice(0, 7)}` };
  const found = findTestDeclaration(source, ref.name);
  if (!found.ok) return { ref, holds: false, reason: `test "${ref.name}" does not exist in ${path} (${found.reason})` };
  if (isSkippedDeclaration(found.call, found.body)) return { ref, holds: false, reason: `test "${ref.name}" in ${path} is skipped` };
  if (!ASSERTION.test(found.body))
    return { ref, holds: false, reason: `test "${ref.name}" in ${path} asserts nothing (no expect or assert)` };
  if (!results.ok) return { ref, holds: false, reason: `test "${ref.name}" was not run: ${results.reason}` };
  const runs = results.outcomes.filter((o) => ranAs(o, { file: path, name: ref.name }));
  if (runs.length === 0) return { ref, holds: false, reason: `test "${ref.name}" in ${path} did not run in this run` };
  if (runs.some((o) => o.status === 'failed'))
    return { ref, holds: true, passed: false, reason: `test "${ref.name}" in ${path} failed in this run` };
  if (runs.every((o) => o.status === 'skipped'))
    return { ref, holds: false, reason: `test "${ref.name}" in ${path} was skipped in this run` };
  return { ref, holds: true, passed: true };
}

export async function verifyFile(ref: FileRef, files: CommitFiles): Promise<FileVerdict> {
  const path = safePath(ref.path);
  if (!path) return { ref, holds: false, reason: `"${ref.path}" is not a repository path` };
  const text = await files.read(path);
  if (text === undefined) return { ref, holds: false, reason: `${path} does not exist at ${files.sha.slice(0, 7)}` };
  if (ref.contains !== undefined && !text.includes(ref.contains)) {
    return { ref, holds: false, reason: `${path} does not contain "${ref.contains}"` };
  }
  return { ref, holds: true };
}

function claimedStatus(claim: RequirementClaim): RequirementStatus {
  if (claim.status === 'tested') return claim.tests?.length ? 'passing' : 'unverified';
  if (claim.status === 'built') return claim.files?.length || claim.tests?.length ? 'built' : 'unverified';
  return 'missing';
}

export async function verifyClaim(
  id: string,
  claim: RequirementClaim | undefined,
  files: CommitFiles,
  results: TestRunResults,
): Promise<VerifiedRequirement> {
  if (!claim) return { id, status: 'unassessed', claimed: 'unassessed', tests: [], files: [] };
  const tests = await Promise.all((claim.tests ?? []).map((t) => verifyTest(t, files, results)));
  const fileVerdicts = await Promise.all((claim.files ?? []).map((f) => verifyFile(f, files)));
  const claimed = claimedStatus(claim);
  let status: RequirementStatus;
  if (tests.some((t) => t.holds && t.passed)) status = 'passing';
  else if (tests.some((t) => t.holds && !t.passed)) status = 'failing';
  else if (fileVerdicts.some((f) => f.holds)) status = 'built';
  else if (tests.length || fileVerdicts.length || claim.status !== 'missing') status = 'unverified';
  else status = 'missing';
  return { id, status, claimed, tests, files: fileVerdicts };
}

/** Every reason a claimed piece of evidence did not hold, one line each. */
export function rejectedEvidence(r: VerifiedRequirement): string[] {
  return [
    ...r.tests.flatMap((t) => (t.holds ? [] : [t.reason])),
    ...r.files.flatMap((f) => (f.holds ? [] : [f.reason])),
    ...(r.status === 'unverified' && r.tests.length === 0 && r.files.length === 0
      ? [`${r.id} was claimed ${r.claimed === 'unverified' ? 'tested or built' : r.claimed} without naming a test or file`]
      : []),
  ];
}
