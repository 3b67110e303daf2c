import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listWorkspaceFiles } from '../../shared/agent/tools/listing';
import { isStatus } from '../../shared/github/api-error';
import type { GitHubReader, PullRequest } from '../../shared/github/types';
import { findClosingReferences } from '../../shared/policy/text';
import { untrusted, type Redactor } from '../../shared/security';

/**
 * What the architecture dimension reads besides the diff: the issue the pull request closes
 * (closing keyword in its body) and the product's specs (`specs/*.md` of the default branch).
 * Both are untrusted data, fenced; capped so they cannot crowd out the diff.
 */
export const SPEC_LIMITS = { files: 10, charsPerFile: 6000, totalChars: 20_000, issueChars: 6000 } as const;

export interface ArchitectureContext {
  issue?: number;
  specs: string[];
  /** Fenced sections for the prompt. */
  sections: string[];
}

/** The first same-repository issue the body closes. */
export function linkedIssue(body: string): number | undefined {
  return findClosingReferences(body).find((r) => !r.crossRepo)?.number;
}

/** Names of `specs/*.md` in the checkout of the default branch (the listing only; contents come through the API). */
export function specPaths(workspace: string): string[] {
  if (!existsSync(join(workspace, 'specs'))) return [];
  return listWorkspaceFiles(workspace, join(workspace, 'specs'), { pattern: 'specs/*.md', limit: 200 })
    .filter((p) => /^specs\/[^/]+\.md$/.test(p))
    .sort()
    .slice(0, SPEC_LIMITS.files);
}

export async function architectureContext(
  reader: GitHubReader,
  pr: Pick<PullRequest, 'number' | 'body'>,
  opts: { workspace: string; redactor: Redactor },
): Promise<ArchitectureContext> {
  const sections: string[] = [];
  const number = linkedIssue(pr.body);
  let issue: number | undefined;
  if (number !== undefined && number !== pr.number) {
    try {
      const found = await reader.getIssue(number);
      if (!found.isPullRequest) {
        issue = number;
        sections.push(
          untrusted(`issue #${number} (linked by the pull request) title and body`, `${found.title}\n\n${found.body}`, {
            redactor: opts.redactor,
            maxChars: SPEC_LIMITS.issueChars,
          }),
        );
      }
    } catch (e) {
      if (!isStatus(e, 404, 410)) throw e;
    }
  }
  const specs: string[] = [];
  let left: number = SPEC_LIMITS.totalChars;
  for (const path of specPaths(opts.workspace)) {
    if (left <= 0) break;
    const text = await reader.getFileContent(path);
    if (text === undefined) continue;
    const maxChars = Math.min(SPEC_LIMITS.charsPerFile, left);
    left -= Math.min(text.length, maxChars);
    specs.push(path);
    sections.push(untrusted(`spec ${path} (default branch)`, text, { redactor: opts.redactor, maxChars }));
  }
  return { ...(issue !== undefined ? { issue } : {}), specs, sections };
}
