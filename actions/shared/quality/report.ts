/**
 * The test runner's machine-readable report, written by the test command in the sandbox: which
 * tests ran and whether each passed. Two formats are read:
 * - Jest's `--json --outputFile=<file>` (also Vitest's `--reporter=json`): files with their tests;
 * - JUnit XML (`node --test --test-reporter=junit`, pytest `--junitxml`, Go, Maven ...): test
 *   cases, with the file when the runner writes one (`file` attribute).
 */

export type TestStatus = 'passed' | 'failed' | 'skipped';

export interface TestOutcome {
  /** Repository-relative path of the test file, when the report says. */
  file?: string;
  /** The test's own title (the string given to it()/test()). */
  name: string;
  /** Describe blocks and title, when the report has them. */
  fullName?: string;
  status: TestStatus;
}

export class TestReportError extends Error {
  override readonly name = 'TestReportError';
}

export function parseTestReport(text: string, root: string): TestOutcome[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) return parseJestJson(trimmed, root);
  if (trimmed.startsWith('<')) return parseJUnit(trimmed, root);
  throw new TestReportError('the test report is neither Jest JSON nor JUnit XML');
}

/** A path the report gives (often absolute), relative to the workspace. */
export function relativeTo(root: string, file: string): string {
  const normalized = file.replace(/\\/g, '/');
  const base = root.replace(/\\/g, '/').replace(/\/+$/, '');
  const rel = normalized.startsWith(`${base}/`) ? normalized.slice(base.length + 1) : normalized;
  return rel.replace(/^\.\//, '');
}

interface JestJson {
  testResults?: { name?: unknown; assertionResults?: { title?: unknown; fullName?: unknown; status?: unknown }[] }[];
}

function parseJestJson(text: string, root: string): TestOutcome[] {
  let data: JestJson;
  try {
    data = JSON.parse(text) as JestJson;
  } catch {
    // The parser's message quotes the text: the report is the repository's output, so it stays out.
    throw new TestReportError('the test report is not valid JSON');
  }
  if (!Array.isArray(data.testResults)) throw new TestReportError('the JSON test report has no testResults (expected Jest --json output)');
  const out: TestOutcome[] = [];
  for (const file of data.testResults) {
    const path = typeof file.name === 'string' ? relativeTo(root, file.name) : undefined;
    for (const a of file.assertionResults ?? []) {
      if (typeof a.title !== 'string') continue;
      out.push({
        ...(path ? { file: path } : {}),
        name: a.title,
        ...(typeof a.fullName === 'string' ? { fullName: a.fullName } : {}),
        status: a.status === 'passed' ? 'passed' : a.status === 'failed' ? 'failed' : 'skipped',
      });
    }
  }
  return out;
}

const TESTCASE = /<testcase\b([^>]*?)(?:\/>|>([\s\S]*?)<\/testcase>)/g;
const ATTRIBUTE = /([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-fA-F]+);/g, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');
}

function parseJUnit(text: string, root: string): TestOutcome[] {
  if (!/<testsuites?\b|<testcase\b/.test(text)) throw new TestReportError('the XML test report has no <testsuite> or <testcase>');
  const out: TestOutcome[] = [];
  for (const m of text.matchAll(TESTCASE)) {
    const attrs: Record<string, string> = {};
    for (const a of m[1]!.matchAll(ATTRIBUTE)) attrs[a[1]!] = decode(a[2] ?? a[3] ?? '');
    const name = attrs.name;
    if (name === undefined) continue;
    const body = m[2] ?? '';
    const status: TestStatus =
      /<(failure|error)\b/.test(body) || attrs.failure !== undefined ? 'failed' : /<skipped\b/.test(body) ? 'skipped' : 'passed';
    out.push({ ...(attrs.file ? { file: relativeTo(root, attrs.file) } : {}), name, status });
  }
  return out;
}
