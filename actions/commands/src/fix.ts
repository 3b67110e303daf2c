import { branchName } from '../../shared/git';
import { hasMarker } from '../../shared/github/markers';
import type { PullRequest } from '../../shared/github/types';
import { BUILDING, checkTransition, READY } from '../../shared/state';
import { answer, resetCounter, startAutomation, type CommandContext, type CommandOutcome } from './context';

/**
 * `@factory fix` on an issue: the feature builder, now, for this issue. The issue is moved to
 * factory:ready through the state machine (a trusted person asked for it, so the planner's
 * verdict and the builder's spent attempts do not stand in the way), then the builder's
 * workflow is started for it with the command's comment id.
 */

/** The open factory pull request of this issue: its builder branch, or the builder's marker (by the bot). */
export function findIssuePullRequest(
  prs: readonly PullRequest[],
  issue: { number: number; title: string },
  botLogin: string,
): PullRequest | undefined {
  const branch = branchName(issue.number, issue.title);
  return (
    prs.find((p) => p.head.ref === branch) ??
    prs.find((p) => p.author.login === botLogin && hasMarker(p.body, { kind: 'feature-builder', key: `pr.${issue.number}` }))
  );
}

export async function fix(ctx: CommandContext): Promise<CommandOutcome> {
  const { deps, subject } = ctx;
  const n = subject.number;
  const { reader, writer } = deps.github;
  const bot = deps.config.trust.botLogin;
  if (subject.state !== 'open') return answer('skipped', `#${n} is closed.`);
  const existing = findIssuePullRequest(await reader.listPullRequests({ state: 'open' }), subject, bot);
  if (existing) return answer('no-op', `#${n} already has a pull request: #${existing.number} (${existing.url}).`);
  if (subject.labels.includes(BUILDING))
    return answer('skipped', `#${n} is being built right now (\`${BUILDING}\`); its pull request will be linked on the issue.`);
  const details: string[] = [];
  if (!subject.labels.includes(READY)) {
    const move = checkTransition({
      automation: 'commands',
      subject: 'issue',
      current: subject.labels,
      add: [READY],
      extraLabels: deps.config.labels.extra,
    });
    if (!move.ok) return answer('refused', `Could not start a fix: ${move.reason}.`, [move.reason]);
    const replaced = subject.labels.filter((l) => !move.next.includes(l));
    if (!deps.dryRun) {
      await writer.addLabels(n, [READY]);
      for (const l of replaced) await writer.removeLabel(n, l);
    }
    details.push(`moved #${n} to ${READY}${replaced.length ? ` (from ${replaced.join(', ')})` : ''}`);
  }
  if (!deps.dryRun) details.push(...(await resetCounter(ctx, 'build')));

  // The builder runs in its own workflow (its own job, token and isolation); the comment's id
  // lets it find this trusted ask on GitHub, which stands in for an approval of the issue.
  const started = await startAutomation(ctx, 'feature-builder', { 'command-comment': String(ctx.request.comment.id) });
  details.push(...started.details);
  if (!started.ok) return answer('failed', started.line, details);
  return answer('completed', `${started.line} Its pull request will say \`Fixes #${n}\` and show up on this issue.`, details);
}
