import type { ChangedFile } from '../../shared/git';
import type { Issue } from '../../shared/github/types';
import type { RiskAssessment } from '../../shared/risk';
import { neutralize, type Redactor } from '../../shared/security';
import { describeCheck, type CheckResult } from '../../shared/automation/checks';

/**
 * The builder's pull request: title and body written by code around the model's summary, so
 * every PR says the same things in the same place: what it fixes, what changed, the checks
 * before and after, the risk, and where the run record is.
 */
export interface PrBodyInput {
  issue: Pick<Issue, 'number' | 'title'>;
  /** The model's summary (from its open_pull_request intent), if any. */
  summary?: string;
  /** The model's title, if any. */
  title?: string;
  files: readonly ChangedFile[];
  before?: CheckResult;
  after?: CheckResult;
  risk: RiskAssessment;
  runUrl?: string;
  runId: string;
  redactor: Redactor;
}

const MAX_SUMMARY = 6000;

export function composePrBody(input: PrBodyInput): { title: string; body: string } {
  const clean = (s: string) => neutralize(input.redactor.redact(s));
  const title = oneLine(clean(input.title?.trim() || `Fix #${input.issue.number}: ${input.issue.title}`), 200);
  const summary = input.summary?.trim() ? clean(input.summary.trim()).slice(0, MAX_SUMMARY) : `Implements #${input.issue.number}.`;
  const body = [
    '## Summary',
    '',
    summary,
    '',
    `Fixes #${input.issue.number}`,
    '',
    '## What changed',
    '',
    ...(input.files.length ? input.files.map(fileLine) : ['(no files)']),
    '',
    '## Checks',
    '',
    ...checksSection(input.before, input.after, clean),
    '## Risk',
    '',
    `**${input.risk.tier}** (computed by code from the real diff)`,
    ...input.risk.reasons.map((r) => `- ${clean(r)}`),
    '',
    '## Run record',
    '',
    input.runUrl
      ? `Built by the feature builder in [run ${input.runId}](${input.runUrl}); the run record is attached to it.`
      : `Built by the feature builder in run ${input.runId}.`,
  ];
  return { title, body: body.join('\n') };
}

function fileLine(f: ChangedFile): string {
  const renamed = f.previousFilename ? ` (renamed from \`${f.previousFilename}\`)` : '';
  return `- \`${f.filename}\`${renamed}: ${f.status}, +${f.additions} −${f.deletions}`;
}

function checksSection(before: CheckResult | undefined, after: CheckResult | undefined, clean: (s: string) => string): string[] {
  const run = after ?? before;
  if (!run) return ['No test command is configured (`commands.test` in .github/factory.yml).', ''];
  const status = (r: CheckResult | undefined) => (r ? `${r.ok ? '✅' : '❌'} ${describeCheck(r)}` : 'not run');
  return [
    '| command | before | after |',
    '|---|---|---|',
    `| \`${run.command}\` | ${status(before)} | ${status(after)} |`,
    '',
    ...(before ? outputBlock(`Before: \`${before.command}\` ${describeCheck(before)}`, before.tail, clean) : []),
    ...(after ? outputBlock(`After: \`${after.command}\` ${describeCheck(after)}`, after.tail, clean) : []),
  ];
}

function outputBlock(summary: string, tail: string, clean: (s: string) => string): string[] {
  const text = clean(tail || '(no output)');
  // A fence longer than any backtick run in the output, so the output cannot close it.
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return ['<details>', `<summary>${summary}</summary>`, '', `${fence}text`, text, fence, '', '</details>', ''];
}

function oneLine(s: string, max: number): string {
  const flat = s
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** The Actions run page, when the environment names one. */
export function runUrl(env: Record<string, string | undefined>): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = env;
  return server && repo && id ? `${server}/${repo}/actions/runs/${id}` : undefined;
}
