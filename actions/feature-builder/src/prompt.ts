import type { Issue } from '../../shared/github/types';
import { untrusted, type Redactor } from '../../shared/security';
import { describeCheck, type CheckResult } from '../../shared/automation/checks';

/**
 * The first user message of a build: trusted instructions written by code, with the issue and
 * the command output fenced as untrusted data (the one sanitizing path).
 */
export interface BuildMessageInput {
  issue: Pick<Issue, 'number' | 'title' | 'body'>;
  branch: string;
  defaultBranch: string;
  commands: string[];
  testCommand: string | null;
  before?: CheckResult;
  redactor: Redactor;
}

export function buildUserMessage(input: BuildMessageInput): string {
  const fence = (source: string, text: string) => untrusted(source, text, { redactor: input.redactor });
  const n = input.issue.number;
  return [
    `Implement issue #${n} on the branch \`${input.branch}\` (already checked out; the default branch is \`${input.defaultBranch}\`).`,
    '',
    `Commands you may run: ${input.commands.length ? input.commands.map((c) => `\`${c}\``).join(', ') : '(none)'}.`,
    input.testCommand
      ? `The test command is \`${input.testCommand}\`; the factory runs it again after you finish and only pushes when it passes.`
      : 'No test command is configured; check your change by reading the code carefully.',
    '',
    `When done: \`push\` with branch \`${input.branch}\` and the files you changed, then \`open_pull_request\` with head \`${input.branch}\`, base \`${input.defaultBranch}\` and fixes ${n}.`,
    '',
    '## The issue',
    '',
    fence(`issue #${n} title`, input.issue.title),
    '',
    fence(`issue #${n} body`, input.issue.body || '(empty)'),
    ...(input.before
      ? [
          '',
          `## \`${input.before.command}\` before your change: ${describeCheck(input.before)}`,
          '',
          fence('test output before the change', input.before.tail || '(no output)'),
        ]
      : []),
  ].join('\n');
}
