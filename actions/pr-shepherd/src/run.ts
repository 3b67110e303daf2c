import { skipped, type AutomationDeps, type AutomationResult, type AutomationRun } from '../../shared/automation/types';
import { errorMessage } from '../../shared/errors';
import { claimVerdict, releaseIssueClaim } from './claims';
import { resolveConflicts } from './conflicts';
import { AUTOMATION, gateEvent, type Trigger } from './gate';
import { markShepherd, SHEPHERD_KIND } from './marker';
import { secondLook } from './second-look';
import { closeStale, handOverFailure, pingStale, releasePrClaim, updateBranch } from './steps';
import { sweepClaimedIssues, sweepPullRequests } from './sweep';
import { triage, type Verdict } from './triage';
import type { ShepherdContext, ShepherdDeps, ShepherdPr, StepOutcome } from './types';

/**
 * The PR shepherd, as the design's row reads: hourly, on factory:needs-human, on a failed CI run of
 * a factory branch, or on dispatch -> one bounded sweep (open pull requests and claimed issues,
 * 100 a GraphQL page) -> expired claims released -> per factory pull request a deterministic
 * triage (left alone while its checks are young, within the cooldown, or when the shepherd spoke
 * last) and at most one step: a second look, conflict resolution (the model, where a step needs
 * it), the CI fixer, an updated branch, a stale ping or close, or an escalation.
 */
export const run: AutomationRun = async (deps, inputs) => {
  const gate = gateEvent(inputs.event, inputs.issueNumber, deps.config);
  if (!gate.ok) return skipped(gate.reason);
  return shepherd({ ...deps, automation: AUTOMATION }, gate.value);
};

interface Tally {
  details: string[];
  wrote: number;
  escalated: number;
  failed: number;
  acted: number;
  left: number;
  healthy: number;
}

export async function shepherd(deps: AutomationDeps, trigger: Trigger): Promise<AutomationResult> {
  const settings = deps.config.shepherd;
  const repository = await deps.github.reader.getRepository();
  const ctx: ShepherdContext = {
    now: deps.clock.now(),
    defaultBranch: repository.defaultBranch,
    botLogin: deps.config.trust.botLogin,
    settings,
    trigger: trigger.name,
    markerKind: SHEPHERD_KIND,
    mark: markShepherd,
  };
  const tally: Tally = { details: [], wrote: 0, escalated: 0, failed: 0, acted: 0, left: 0, healthy: 0 };
  const notes: string[] = [];

  if (trigger.sweepClaims) {
    const claimed = await sweepClaimedIssues(deps.github.reader, settings.maxPagesPerRun);
    if (claimed.truncated) notes.push(`claimed issues past the oldest ${claimed.pages * 100} were not read (shepherd.maxPagesPerRun)`);
    for (const issue of claimed.items) {
      const verdict = claimVerdict(issue, ctx, deps.config.claims.leaseMinutes);
      if (!verdict.release) continue;
      await record(tally, deps, `#${issue.number}`, () => releaseIssueClaim(deps, issue, ctx, verdict));
    }
  }

  const swept = await sweepPullRequests(deps.github.reader, settings.maxPagesPerRun);
  if (swept.truncated) notes.push(`open pull requests past the oldest ${swept.pages * 100} were not read (shepherd.maxPagesPerRun)`);
  const focus = trigger.focus ? new Set(trigger.focus) : undefined;
  const prs = focus ? swept.items.filter((p) => focus.has(p.number)) : swept.items;
  if (focus) {
    const missing = [...focus].filter((n) => !prs.some((p) => p.number === n));
    if (missing.length) notes.push(`${missing.map((n) => `#${n}`).join(', ')} is not an open pull request the sweep read`);
  }
  for (const pr of prs) {
    const verdict = triage(pr, ctx);
    if (verdict.kind === 'ignore') continue;
    if (verdict.kind === 'healthy') {
      tally.healthy++;
      continue;
    }
    if (verdict.kind === 'leave') {
      tally.left++;
      tally.details.push(`left #${pr.number} alone: ${verdict.reason}`);
      continue;
    }
    deps.logger.info(`#${pr.number}: ${verdict.step} (${verdict.reason})`);
    await record(tally, deps, `#${pr.number}`, () => takeStep(deps, pr, ctx, verdict, trigger));
  }

  const outcome = tally.failed ? 'failed' : tally.escalated ? 'refused' : tally.wrote ? 'completed' : 'no-op';
  const parts = [
    `${prs.length} open pull request(s) read`,
    `${tally.acted} step(s) taken`,
    `${tally.left} left alone`,
    `${tally.healthy} with nothing to do`,
    ...(tally.escalated ? [`${tally.escalated} escalated`] : []),
    ...(tally.failed ? [`${tally.failed} failed`] : []),
    ...notes,
  ];
  return { outcome, summary: parts.join('; '), details: tally.details, records: [] };
}

async function takeStep(
  deps: ShepherdDeps,
  pr: ShepherdPr,
  ctx: ShepherdContext,
  verdict: Extract<Verdict, { kind: 'step' }>,
  trigger: Trigger,
): Promise<StepOutcome> {
  switch (verdict.step) {
    case 'release-claim':
      return releasePrClaim(deps, pr, ctx, verdict.claim!);
    case 'second-look':
      return secondLook(deps, pr, ctx);
    case 'conflicts':
      return resolveConflicts(deps, pr, ctx);
    case 'ci-failure':
      return handOverFailure(deps, pr, { ...ctx, ciFixerStarted: trigger.ciFixerStarted });
    case 'update-branch':
      return updateBranch(deps, pr, ctx);
    case 'stale-ping':
      return pingStale(deps, pr, ctx);
    case 'stale-close':
      return closeStale(deps, pr, ctx);
  }
}

/** Runs one step; a step that throws is reported and the sweep goes on with the next subject. */
async function record(tally: Tally, deps: AutomationDeps, subject: string, step: () => Promise<StepOutcome>): Promise<void> {
  let outcome: StepOutcome;
  try {
    outcome = await step();
  } catch (e) {
    outcome = { kind: 'failed', summary: `${subject}: ${errorMessage(e)}`, wrote: false };
    deps.logger.error(outcome.summary);
  }
  tally.acted++;
  if (outcome.wrote) tally.wrote++;
  if (outcome.kind === 'escalated') tally.escalated++;
  if (outcome.kind === 'failed') tally.failed++;
  tally.details.push(outcome.summary);
}
