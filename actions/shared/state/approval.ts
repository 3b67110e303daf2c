import type { GitHubReader, Issue, IssueChanges } from '../github/types';
import { APPROVED } from './labels';

/** The label a maintainer adds to let the factory build an issue by an untrusted author. */
export const APPROVAL_LABEL = APPROVED;

export type ApprovalStanding = { ok: true; approvedAt: string; by: string } | { ok: false; reason: string };

/**
 * Whether a maintainer's factory:approved still stands. An approval covers the issue as it was
 * when the label was added: if its author changed the title or the body at that moment or later,
 * the text was not the one approved. (Anyone else who can edit an issue has triage access.)
 * Timestamps have one-second precision, so an edit in the same second counts as later.
 */
export function approvalStanding(changes: IssueChanges, author: string): ApprovalStanding {
  const last = changes.labeled.filter((e) => e.label === APPROVAL_LABEL).at(-1);
  if (!last) return { ok: false, reason: `no ${APPROVAL_LABEL} label event was found on the issue's timeline` };
  const edits = [
    ...(changes.bodyEdit ? [{ ...changes.bodyEdit, what: 'body' }] : []),
    ...changes.renames.map((r) => ({ ...r, what: 'title' })),
  ].filter((c) => c.by === author && c.at >= last.at);
  if (edits.length === 0) return { ok: true, approvedAt: last.at, by: last.by };
  const what = [...new Set(edits.map((e) => e.what))].join(' and ');
  return {
    ok: false,
    reason: `${author} changed the ${what} after ${last.by} added ${APPROVAL_LABEL} (${last.at}); a maintainer approves the new text by removing and adding the label again`,
  };
}

/** Why a maintainer's approval no longer covers the issue as GitHub has it now, if it does not (reads the timeline). */
export async function approvalWithdrawn(
  reader: Pick<GitHubReader, 'getIssueChanges'>,
  issue: Pick<Issue, 'number' | 'author'>,
): Promise<string | undefined> {
  const standing = approvalStanding(await reader.getIssueChanges(issue.number), issue.author.login);
  return standing.ok ? undefined : standing.reason;
}
