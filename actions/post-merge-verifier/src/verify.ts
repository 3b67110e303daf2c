import type { AutomationDeps, AutomationResult } from '../../shared/automation/types';
import { gitFor } from '../../shared/automation/workspace';
import { errorMessage } from '../../shared/errors';
import { CHECK_RUN_NAME, readRecorded, recordedMarker, type Recorded } from './baseline';
import { issueBody, issueTitle, openIssuesByCheck, P0_LABELS, recoveredComment, stillFailingComment, type FailureContext } from './issue';
import { readRange, type Range } from './range';
import { findCulprit, openRevert } from './revert';
import { checkKey, runSmokeCheck, type FetchLike, type SmokeResult } from './smoke';
import type { Target } from './gate';
import { statusOf, verdictOf, type Verdict } from './verdict';

/**
 * One verification: run every smoke check in the checkout of the commit, retry each failure
 * once, compare with the baseline, then file, comment on or close the P0 issue of each check and
 * record the results on the commit (the `factory/post-merge` check run, the next baseline).
 */

export interface CheckOutcome {
  key: string;
  result: SmokeResult;
  verdict: Verdict;
}

export async function verify(deps: AutomationDeps, wanted: Target, fetch: FetchLike): Promise<AutomationResult> {
  const { reader, writer } = deps.github;
  // A manual run verifies the checkout: the default branch's head.
  const target = { ...wanted, sha: wanted.sha ?? (await gitFor(deps, wanted.branch).headSha()) };
  const ports = { executor: deps.executor, redactor: deps.redactor, fetch, cwd: deps.workspace };

  // Run first: a run that cannot execute its checks (isolation required and missing) throws before any request.
  const runs: { key: string; first: SmokeResult; retry?: SmokeResult }[] = [];
  for (const check of deps.config.smokeChecks) {
    const first = await runSmokeCheck(check, ports);
    runs.push({ key: checkKey(check.name), first });
  }
  for (const r of runs) {
    if (r.first.ok) continue;
    const check = deps.config.smokeChecks.find((c) => checkKey(c.name) === r.key)!;
    deps.logger.info(`${r.first.name}: ${r.first.verdict}; retrying once to rule out a flake`);
    r.retry = await runSmokeCheck(check, ports);
  }

  // A deploy run has no `before`: the push verification of the same commit recorded where its range started.
  const here = target.before === undefined ? await readRecorded(reader, target.sha) : undefined;
  const base = target.before ?? here?.base;
  const baseline = base ? await readRecorded(reader, base) : undefined;
  const open = await openIssuesByCheck(reader, deps.config.trust.botLogin);

  const outcomes: CheckOutcome[] = runs.map((r) => ({
    key: r.key,
    result: r.retry ?? r.first,
    verdict: verdictOf({
      first: r.first.ok,
      ...(r.retry ? { retry: r.retry.ok } : {}),
      ...(baseline?.checks[r.key] ? { baseline: baseline.checks[r.key] } : {}),
      hasBaseline: baseline !== undefined,
      ...(open.has(r.key) ? { openIssue: open.get(r.key)!.number } : {}),
    }),
  }));

  const blamed = outcomes.some((o) => o.verdict.kind === 'new-failure' || o.verdict.kind === 'still-failing');
  const range: Range = blamed
    ? await readRange(reader, base, target.sha)
    : { head: target.sha, pullRequests: [], ...(base ? { base } : {}) };

  const details: string[] = [];
  const would = deps.dryRun ? 'would ' : '';
  for (const o of outcomes) {
    const ctx: FailureContext = { key: o.key, result: o.result, range, branch: target.branch, trigger: target.trigger };
    switch (o.verdict.kind) {
      case 'new-failure': {
        const title = issueTitle(ctx);
        if (deps.dryRun) {
          details.push(`would open a P0 issue "${title}"`);
          if (deps.config.postMerge.onFailure === 'revert-pr') {
            const culprit = await findCulprit(reader, range, o.key);
            details.push(
              culprit.ok ? `would open a revert pull request of #${culprit.pr} (${culprit.why})` : `no revert pull request: ${culprit.why}`,
            );
          }
        } else {
          const issue = await writer.createIssue({ title, body: issueBody(ctx), labels: [...P0_LABELS] });
          details.push(`opened P0 issue #${issue.number} for ${o.result.name} (${P0_LABELS.join(' ')})`);
          if (deps.config.postMerge.onFailure === 'revert-pr') details.push(await revert(deps, ctx, issue.number));
        }
        break;
      }
      case 'still-failing':
        if (!deps.dryRun) await writer.createComment(o.verdict.issue, stillFailingComment(ctx));
        details.push(`${would}comment on #${o.verdict.issue}: ${o.result.name} still fails`);
        break;
      case 'recovered':
        if (!deps.dryRun) {
          await writer.createComment(o.verdict.issue, recoveredComment(o.result.name, target.sha, target.trigger));
          await writer.updateIssue(o.verdict.issue, { state: 'closed', stateReason: 'completed' });
        }
        details.push(`${would}close #${o.verdict.issue}: ${o.result.name} passes again`);
        break;
      default:
        break;
    }
  }

  const recorded: Recorded = { checks: Object.fromEntries(outcomes.map((o) => [o.key, statusOf(o.verdict)])), ...(base ? { base } : {}) };
  const failing = outcomes.filter((o) => statusOf(o.verdict) === 'fail');
  const title = failing.length
    ? `${failing.length} of ${outcomes.length} smoke check(s) failing${outcomes.some((o) => o.verdict.kind === 'new-failure') ? ' (new)' : ''}`
    : `${outcomes.length} smoke check(s) passing`;
  if (!deps.dryRun) {
    await writer.createCheckRun({
      name: CHECK_RUN_NAME,
      headSha: target.sha,
      conclusion: failing.length ? 'failure' : 'success',
      output: { title, summary: `${outcomes.map(line).join('\n')}\n\n${recordedMarker(recorded)}` },
    });
  }
  details.push(`${would}record ${CHECK_RUN_NAME} ${failing.length ? 'failure' : 'success'} on ${target.sha.slice(0, 7)}: ${title}`);
  for (const o of outcomes) details.push(line(o));

  const wrote = outcomes.some((o) => ['new-failure', 'still-failing', 'recovered'].includes(o.verdict.kind));
  return {
    outcome: wrote ? 'completed' : 'no-op',
    summary: `${target.sha.slice(0, 7)} on ${target.trigger}: ${summarize(outcomes)}`,
    details,
    records: [],
  };
}

/** postMerge.onFailure: revert-pr: the revert pull request of the culprit, or why there is none; said on the P0 issue too. */
async function revert(deps: AutomationDeps, ctx: FailureContext, issue: number): Promise<string> {
  const culprit = await findCulprit(deps.github.reader, ctx.range, ctx.key);
  let said: string;
  let done: string;
  if (!culprit.ok) {
    done = `no revert pull request: ${culprit.why}`;
    said = `No revert pull request (\`postMerge.onFailure: revert-pr\`): ${culprit.why}.`;
  } else {
    // The P0 issue is open already, and the verification must still be recorded: a revert that fails is said, not thrown.
    const out = await openRevert(deps, { culprit, issue, check: ctx.result.name, defaultBranch: ctx.branch }).catch((e: unknown) => {
      const why = `it could not be made: ${deps.redactor.redact(errorMessage(e))}`;
      deps.logger.warning(`revert pull request of #${culprit.pr}: ${why}`);
      return { created: false, line: `no revert pull request of #${culprit.pr}: ${why}`, why, pr: undefined };
    });
    done = out.line;
    said = out.pr
      ? `Revert pull request: #${out.pr.number} reverts #${culprit.pr}, ${culprit.why}. It is high risk: a person merges it, or closes it once the fix is forward.`
      : `No revert pull request of #${culprit.pr}: ${out.why ?? out.line}.`;
  }
  await deps.github.writer.createComment(issue, said);
  return done;
}

function line(o: CheckOutcome): string {
  const v = o.verdict;
  const what: Record<Verdict['kind'], string> = {
    passed: 'passed',
    recovered: 'passed again',
    flaky: 'flaky: failed, then passed on the retry',
    'new-failure': 'failing (new: it passed at the last verified commit)',
    'still-failing': 'still failing',
    'pre-existing': `failing, pre-existing: ${v.kind === 'pre-existing' ? v.why : ''}`,
  };
  return `- ${o.result.name}: ${what[v.kind]} — ${o.result.verdict}`;
}

function summarize(outcomes: CheckOutcome[]): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) counts.set(o.verdict.kind, (counts.get(o.verdict.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${n} ${kind}`).join(', ');
}
