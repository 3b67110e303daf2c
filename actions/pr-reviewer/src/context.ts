import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { listWorkspaceFiles } from '../../shared/agent/tools/listing';
import { createWorkspace, type Workspace } from '../../shared/agent/tools/workspace';
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

/**
 * Names of `specs/*.md` in the job's checkout of the default branch. The reviewer runs no
 * repository code and has no tools, so its checkout stays the default branch's as checked out:
 * the specs are read from it (no API request), each through the workspace jail (a symlink out of
 * the checkout is not followed).
 */
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
  const paths = specPaths(opts.workspace);
  const checkout = paths.length ? createWorkspace(opts.workspace, { protectedPaths: [] }) : undefined;
  for (const path of paths) {
    if (left <= 0 || !checkout) break;
    const text = readSpec(checkout, path);
    if (text === undefined) continue;
    const maxChars = Math.min(SPEC_LIMITS.charsPerFile, left);
    left -= Math.min(text.length, maxChars);
    specs.push(path);
    sections.push(untrusted(`spec ${path} (default branch)`, text, { redactor: opts.redactor, maxChars }));
  }
  return { ...(issue !== undefined ? { issue } : {}), specs, sections };
}

function readSpec(checkout: Workspace, path: string): string | undefined {
  try {
    const real = checkout.resolve(path);
    return statSync(real).isFile() ? readFileSync(real, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}
