import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AutomationDeps } from '../../shared/automation/types';
import { excludeFactoryFiles } from '../../shared/automation/workspace';
import { commitIdentity } from '../../shared/automation/work';
import type { GitPort } from '../../shared/git';
import { findMarkers, getMarker, marker } from '../../shared/github/markers';
import type { Issue, PullRequest } from '../../shared/github/types';
import { gapsOf, gradeLine, needsGapIssue, QUALITY_JSON, QUALITY_MD, type AuditedArea } from '../../shared/quality';
import { neutralize } from '../../shared/security';

/**
 * What the grader writes: ONE pull request that edits quality.md and quality.json (found again by
 * its marker and edited in place: its branch is rebuilt from the default branch and pushed with a
 * lease, its body rewritten), and one gap issue per area graded below B (found again by its
 * marker; edited, never filed twice; closed once the area is graded B or better).
 */

export const GRADES_BRANCH = 'factory/quality-grades';
export const PR_MARKER = { kind: 'quality', key: 'grades' } as const;
export const GAP_MARKER_KIND = 'quality-gap';
export const GAP_LABEL = 'source:spec-gap';

/** The open grades pull request the factory opened, if any. */
export async function findGradesPullRequest(deps: AutomationDeps): Promise<PullRequest | undefined> {
  const { reader } = deps.github;
  const open = await reader.listPullRequests({ state: 'open', head: `${reader.repo.owner}:${GRADES_BRANCH}` });
  return open.find(
    (pr) => pr.head.ref === GRADES_BRANCH && pr.author.login === deps.config.trust.botLogin && getMarker(pr.body, PR_MARKER) !== undefined,
  );
}

/** The commit the open pull request graded, from its marker. */
export function gradedCommitOf(pr: PullRequest | undefined): string | undefined {
  const commit = getMarker(pr?.body, PR_MARKER)?.data?.commit;
  return typeof commit === 'string' ? commit : undefined;
}

export interface GradesChange {
  commit: string;
  markdown: string;
  history: string;
  areas: readonly AuditedArea[];
  testsSummary: string;
}

function prBody(change: GradesChange): string {
  const rows = change.areas.map((a) => `| ${a.area.title} | ${a.previous ?? '—'} | ${a.final} |`);
  const audits = change.areas.flatMap((a) => a.audit.map((l) => `- **${a.area.id}**: ${l}`));
  return [
    marker(PR_MARKER, { commit: change.commit }),
    `Grades of every spec area at ${change.commit}, computed by code from evidence that was checked (see the legend in \`quality.md\`).`,
    '',
    '| area | previous | grade |',
    '|---|---|---|',
    ...rows,
    '',
    `**Tests:** ${change.testsSummary}`,
    '',
    ...(audits.length ? ['**Audit** (grades challenged before this was written):', ...audits, ''] : []),
    'The quality grader edits this pull request in place on each run; merge it to record the grades.',
  ].join('\n');
}

/** Writes quality.md and quality.json on the grades branch, pushes it, and opens or edits the one pull request. */
export async function publishGrades(
  deps: AutomationDeps,
  git: GitPort,
  change: GradesChange,
  opts: { defaultBranch: string; existing: PullRequest | undefined },
): Promise<string[]> {
  const { writer } = deps.github;
  excludeFactoryFiles(git.root);
  // The test command ran in this tree: whatever it left behind is dropped, never committed.
  await git.resetHard('HEAD');
  await git.fetch();
  if (await git.branchExists(GRADES_BRANCH, 'local')) {
    await git.checkout(GRADES_BRANCH);
    await git.resetHard(`origin/${opts.defaultBranch}`);
  } else {
    await git.checkoutNewBranch(GRADES_BRANCH, `origin/${opts.defaultBranch}`);
  }
  fs.writeFileSync(path.join(git.root, QUALITY_MD), change.markdown);
  fs.writeFileSync(path.join(git.root, QUALITY_JSON), change.history);
  const pending = await git.pendingChanges();
  const stray = pending.filter((f) => f.filename !== QUALITY_MD && f.filename !== QUALITY_JSON);
  if (stray.length)
    throw new Error(`the grades commit would change more than quality.md and quality.json: ${stray.map((f) => f.filename).join(', ')}`);
  const details: string[] = [];
  const title = `Quality grades at ${change.commit.slice(0, 7)}: ${change.areas.map((a) => `${a.area.id} ${a.final}`).join(', ')}`.slice(
    0,
    250,
  );
  if (pending.length) {
    const identity = commitIdentity(deps.config);
    await git.commitAll(`Quality grades at ${change.commit.slice(0, 7)}`, { author: identity, committer: identity });
    const remote = await git.branchExists(GRADES_BRANCH, 'remote');
    const pushed = await git.push(GRADES_BRANCH, remote ? { forceWithLease: true } : {});
    details.push(`pushed ${GRADES_BRANCH} at ${pushed.sha.slice(0, 7)} (quality.md, quality.json)`);
  }
  const body = neutralize(prBody(change));
  if (opts.existing) {
    await writer.updatePullRequest(opts.existing.number, { title, body });
    details.push(`edited pull request #${opts.existing.number} in place: ${title}`);
  } else if (pending.length) {
    const pr = await writer.createPullRequest({ title, body, head: GRADES_BRANCH, base: opts.defaultBranch });
    details.push(`opened pull request #${pr.number}: ${title}`);
  } else {
    details.push('quality.md and quality.json are up to date on the default branch: no pull request');
  }
  return details;
}

function gapTitle(a: AuditedArea): string {
  return `Quality: ${a.area.title} is graded ${a.final}`;
}

function gapBody(a: AuditedArea, commit: string): string {
  const gaps = gapsOf(a);
  return [
    marker({ kind: GAP_MARKER_KIND, key: a.area.id }, { grade: a.final, commit }),
    `The quality grader graded \`${a.area.path}\` **${a.final}** at ${commit} (${a.why}).`,
    '',
    'Requirements without a passing test:',
    ...gaps.map(
      (r) =>
        `- [ ] **${r.id}** ${r.level} ${r.text} — ${r.status === 'missing' ? 'not built' : r.status === 'failing' ? 'its test fails' : r.status === 'built' ? 'built, no test checks it' : 'no evidence that holds'}`,
    ),
    '',
    'Acceptance: each requirement above has a test that checks it and passes; the next grading raises the area (one letter per run).',
    'The grader edits this issue on each run and closes it once the area is graded B or better.',
  ].join('\n');
}

async function factoryGapIssues(deps: AutomationDeps): Promise<Map<string, Issue>> {
  const open = await deps.github.reader.listIssues({ state: 'open', labels: [GAP_LABEL] });
  const byArea = new Map<string, Issue>();
  for (const issue of open) {
    if (issue.author.login !== deps.config.trust.botLogin) continue;
    for (const m of findMarkers(issue.body)
      .filter((f) => f.kind === GAP_MARKER_KIND)
      .map((f) => f.key)) {
      if (!byArea.has(m)) byArea.set(m, issue);
    }
  }
  return byArea;
}

/** One gap issue per area below B: opened once, edited while the gap stays, closed when the area reaches B. */
export async function fileGapIssues(deps: AutomationDeps, areas: readonly AuditedArea[], commit: string): Promise<string[]> {
  const { writer } = deps.github;
  const open = await factoryGapIssues(deps);
  const details: string[] = [];
  for (const a of areas) {
    const issue = open.get(a.area.id);
    if (needsGapIssue(a.final)) {
      const title = gapTitle(a);
      const body = neutralize(gapBody(a, commit));
      if (!issue) {
        const created = await writer.createIssue({ title, body, labels: [GAP_LABEL] });
        details.push(`opened gap issue #${created.number} for ${a.area.id} (${a.final})`);
      } else if (issue.title !== title || issue.body !== body) {
        await writer.updateIssue(issue.number, { title, body });
        details.push(`edited gap issue #${issue.number} for ${a.area.id} (${a.final})`);
      } else {
        details.push(`gap issue #${issue.number} for ${a.area.id} is up to date`);
      }
    } else if (issue && a.final !== 'ungraded') {
      await writer.createComment(issue.number, `${gradeLine(a)} at ${commit}: graded B or better, so this gap is closed.`);
      await writer.updateIssue(issue.number, { state: 'closed', stateReason: 'completed' });
      details.push(`closed gap issue #${issue.number}: ${a.area.id} is graded ${a.final}`);
    }
  }
  return details;
}
