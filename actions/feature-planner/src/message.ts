import type { Comment, Issue } from '../../shared/github/types';
import type { Redactor } from '../../shared/security';
import { untrusted } from '../../shared/security';
import { NEEDS_HUMAN, NEEDS_INFO, READY } from '../../shared/state/labels';
import type { ContextFile } from './gather';
import type { Approval, Trigger } from './gate';

/**
 * The first user message of a triage run. Everything written by someone else (issue, comments,
 * titles of other issues, file contents) goes through `untrusted()`: sanitized and fenced. Only
 * the instructions around the fences are ours.
 */
export interface TriageMessageInput {
  repo: string;
  issue: Issue;
  comments: Comment[];
  candidates: Issue[];
  specs: ContextFile[];
  repoMap: string;
  approval: Approval;
  trigger: Trigger;
  redactor: Redactor;
}

const MAX_COMMENTS = 20;

export function triageMessage(m: TriageMessageInput): string {
  const { issue, redactor } = m;
  const fence = (source: string, text: string, format: 'markdown' | 'plain' = 'markdown', maxChars?: number) =>
    untrusted(source, text, { redactor, format, ...(maxChars ? { maxChars } : {}) });
  const n = issue.number;
  const comments = m.comments.slice(-MAX_COMMENTS);
  const parts = [
    `Triage issue #${n} of ${m.repo} (trigger: ${m.trigger.event}${m.trigger.action ? `.${m.trigger.action}` : ''}).`,
    `Author association: ${issue.authorAssociation}${m.approval.authorTrusted ? ' (trusted)' : ' (not trusted)'}. ` +
      `Current labels: ${issue.labels.length ? issue.labels.join(', ') : '(none)'}.`,
    m.approval.mayBecomeReady
      ? `This issue may become ${READY} if it is buildable.`
      : `This issue may NOT become ${READY}: its author is not trusted and no maintainer approved it. ` +
        `Policy will refuse ${READY} and sub-issues; classify it (type, priority) and leave the state unset, or use ${NEEDS_INFO} / ${NEEDS_HUMAN}.`,
    '',
    `Write the enrichment comment with markerKey "plan" on issue #${n}. You may only touch issue #${n} ` +
      '(and create sub-issues with parent set to it). Other issues are listed for comparison and linking only.',
    '',
    '## The issue',
    fence(`issue #${n} title`, issue.title, 'markdown', 500),
    fence(`issue #${n} body by ${issue.author.login}`, issue.body || '(empty)'),
    '',
    `## Comments (${comments.length}${m.comments.length > comments.length ? ` latest of ${m.comments.length}` : ''})`,
    ...(comments.length
      ? comments.map((c) => fence(`comment ${c.id} by ${c.author.login} (${c.authorAssociation})`, c.body, 'markdown', 4000))
      : ['(none)']),
    '',
    '## Possible duplicates (open or recently closed issues with similar titles)',
    m.candidates.length
      ? fence('titles of other issues', m.candidates.map((c) => `#${c.number} [${c.state}] ${c.title}`).join('\n'), 'markdown', 8000)
      : '(none found)',
    '',
    '## Specs and quality grades',
    ...(m.specs.length ? m.specs.map((f) => fence(`file ${f.path}`, f.text, 'plain', 12_000)) : ['(no specs/*.md or quality.md)']),
    '',
    '## Repository map',
    fence('repository map', m.repoMap || '(empty)', 'plain', 8000),
  ];
  return parts.join('\n');
}
