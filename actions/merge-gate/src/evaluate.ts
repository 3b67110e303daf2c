import { escalate, moveLabel, stateDepsFor } from '../../shared/automation/subject-state';
import type { AutomationDeps } from '../../shared/automation/types';
import { errorMessage } from '../../shared/errors';
import { isStatus } from '../../shared/github/api-error';
import type { MergeMethod } from '../../shared/github/types';
import { neutralize } from '../../shared/security';
import { NEEDS_HUMAN, RISK_LABELS, riskLabel } from '../../shared/state';
import { decideBeforeMerging, decideMerge, withDisarm, type MergeAction } from './decide';
import { awaitingReview, mergeInput, rateHead, readHeadChecks, RISK_CHECK, type Facts } from './facts';
import { checkPullRequest } from './gate';

/**
 * One pull request through the gate, reading each fact only when the decision needs it (facts.ts):
 * the pull request; the check runs on its head (a head the factory review has not finished with
 * waits here, after two requests); the files (the tier); on the merge path only, the base branch's
 * rules and the repository's settings. Then decide (decide.ts) and write, each write only when it
 * changes something: the risk label, the factory/risk check run on the head, disarming a stale
 * auto-merge, and the action. The head is read again right before arming, merging or enqueueing; a
 * head that moved (or GitHub's 409 for a stale `sha`) is evaluated again on the new head.
 */

export interface Evaluation {
  pr: number;
  /** One line: the tier and what the gate did. */
  summary: string;
  details: string[];
  escalated: boolean;
  skipped?: string;
}

/** Heads evaluated at most per run when the head keeps moving under the gate. */
const MAX_HEADS = 3;

/** What one evaluation carries across heads: its log, and what GitHub said about auto-merge. */
interface Run {
  details: string[];
  /** The repository's allow_auto_merge, read once and only on the merge path; false once GitHub refused to arm. */
  allowAutoMerge(): Promise<boolean | undefined>;
  noAutoMerge(): void;
}

export async function evaluatePullRequest(deps: AutomationDeps, number: number): Promise<Evaluation> {
  const { reader } = deps.github;
  let allows: Promise<boolean | undefined> | undefined;
  const run: Run = {
    details: [],
    allowAutoMerge: () => (allows ??= reader.getRepository().then((r) => r.allowAutoMerge)),
    noAutoMerge: () => void (allows = Promise.resolve(false)),
  };
  const { details } = run;
  for (let head = 0; head < MAX_HEADS; head++) {
    const pr = await reader.getPullRequest(number);
    const why = checkPullRequest(pr, deps.config);
    if (why) return { pr: number, summary: why, details, escalated: false, skipped: why };
    const latest = await readHeadChecks(deps, pr);
    if (awaitingReview(pr, latest, deps.config)) {
      // Nothing else can decide before the review: wait, and disarm auto-merge armed for an earlier head.
      if (pr.autoMerge)
        await write(deps, details, `disabled auto-merge on #${number}`, () => deps.github.writer.disableAutoMerge(pr.nodeId));
      return { pr: number, summary: `#${number}: waiting for the factory review of ${pr.head.sha.slice(0, 7)}`, details, escalated: false };
    }
    const facts = await rateHead(deps, pr, latest);
    const early = decideBeforeMerging(facts.rating);
    if (!early) facts.input = await mergeInput(deps, facts, latest, run.allowAutoMerge);
    const decision = early ? withDisarm(facts.rating, early) : decideMerge(facts.input!);
    await rate(deps, facts, decision.action, details);
    if (decision.disarm)
      await write(deps, details, `disabled auto-merge on #${number}`, () => deps.github.writer.disableAutoMerge(pr.nodeId));
    const done = await act(deps, facts, decision.action, run);
    if (done === 'moved') continue;
    return {
      pr: number,
      summary: `#${number}: ${facts.risk.tier} risk; ${describe(done === 'merged' ? { kind: 'merge', method: deps.config.merge.method } : decision.action)}`,
      details,
      escalated: done === 'escalated',
    };
  }
  return {
    pr: number,
    summary: `#${number}: the head moved ${MAX_HEADS} times during the run; the next event evaluates it`,
    details,
    escalated: false,
  };
}

/** `merged`: GitHub would not arm auto-merge, and the gate merged directly instead. */
type Done = 'ok' | 'escalated' | 'moved' | 'merged';

/** The risk label and the factory/risk check run on the head (what a ruleset may require), each written only when it changes. */
async function rate(deps: AutomationDeps, facts: Facts, action: MergeAction, details: string[]): Promise<void> {
  const { pr, risk } = facts;
  const label = riskLabel(risk.tier);
  if (!pr.labels.includes(label) || RISK_LABELS.some((l) => l !== label && pr.labels.includes(l))) {
    await write(deps, details, `labelled #${pr.number} ${label}`, () =>
      moveLabel(stateDepsFor(deps), { type: 'pr', number: pr.number, labels: pr.labels }, label, RISK_LABELS),
    );
  }
  const check = riskCheckRun(facts, action);
  const same = facts.riskCheck;
  if (same && same.conclusion === check.conclusion && same.title === check.output.title && same.summary === check.output.summary) return;
  await write(deps, details, `${RISK_CHECK} ${check.conclusion} on ${pr.head.sha.slice(0, 7)}: ${check.output.title}`, () =>
    deps.github.writer.createCheckRun(check),
  );
}

/** High risk is neutral (a person merges; a ruleset requiring the check does not block them); otherwise success. */
export function riskCheckRun(facts: Pick<Facts, 'pr' | 'risk'>, action: MergeAction) {
  const { pr, risk } = facts;
  return {
    name: RISK_CHECK,
    headSha: pr.head.sha,
    conclusion: risk.tier === 'high' ? ('neutral' as const) : ('success' as const),
    output: {
      title: `Risk ${risk.tier}: ${describe(action)}`,
      summary: [
        `**Risk: ${risk.tier}**`,
        ...risk.reasons.map((r) => `- ${oneLine(r)}`),
        '',
        `**Merge gate:** ${oneLine(reasonOf(action))}`,
      ].join('\n'),
    },
  };
}

async function act(deps: AutomationDeps, facts: Facts, action: MergeAction, run: Run, headChecked = false): Promise<Done> {
  const { pr } = facts;
  const { writer } = deps.github;
  const { details } = run;
  switch (action.kind) {
    case 'wait':
    case 'hand-over':
      return 'ok';
    case 'escalate':
      return escalateTo(deps, facts, action.why, action.decision, details);
    case 'approve': {
      const reviews = await deps.github.reader.listReviews(pr.number);
      if (reviews.some((r) => r.state === 'APPROVED' && r.commitId === pr.head.sha)) return 'ok';
      const body = `Approved by the merge gate: ${facts.risk.tier} risk, approved by the factory review, checks green. A person presses merge.`;
      await write(deps, details, `approved #${pr.number} at ${pr.head.sha.slice(0, 7)} (approver-token)`, () =>
        deps.approver!.createReview(pr.number, { event: 'APPROVE', body, commitId: pr.head.sha }),
      );
      return 'ok';
    }
    case 'arm':
    case 'merge':
    case 'enqueue': {
      if (action.kind === 'arm' && pr.autoMerge?.method === action.method) return 'ok';
      if (action.kind === 'enqueue') {
        // Queued already (by an earlier run, or a person): nothing to do; the queue re-checks the head itself.
        const entry = await deps.github.reader.getMergeQueueEntry(pr.number);
        if (entry) {
          details.push(`#${pr.number} is in the merge queue already (position ${entry.position}, ${entry.state.toLowerCase()})`);
          return 'ok';
        }
      }
      if (!headChecked) {
        // The head right before the write: what was rated must be what merges.
        const now = await deps.github.reader.getPullRequest(pr.number);
        if (now.head.sha !== pr.head.sha) {
          details.push(`the head of #${pr.number} moved to ${now.head.sha.slice(0, 7)}: evaluated again`);
          return 'moved';
        }
      }
      try {
        if (action.kind === 'arm') {
          await write(deps, details, `enabled auto-merge (${action.method}) on #${pr.number}`, () =>
            writer.enableAutoMerge(pr.nodeId, upper(action.method), pr.head.sha),
          );
        } else if (action.kind === 'merge') {
          await write(deps, details, `merged #${pr.number} at ${pr.head.sha.slice(0, 7)} (${action.method})`, () =>
            writer.mergePullRequest(pr.number, { sha: pr.head.sha, method: action.method }),
          );
        } else {
          await write(deps, details, `enqueued #${pr.number} in the merge queue`, () => writer.enqueuePullRequest(pr.nodeId, pr.head.sha));
        }
        return 'ok';
      } catch (e) {
        if (action.kind === 'merge' && isStatus(e, 409)) {
          details.push(`GitHub refused the merge of ${pr.head.sha.slice(0, 7)}: the head moved (409); evaluated again`);
          return 'moved';
        }
        // Armed only for the head that was rated: GitHub refuses `expectedHeadOid` once the head moved.
        if (action.kind === 'arm' && EXPECTED_HEAD_REFUSAL.test(errorMessage(e))) {
          details.push(`GitHub did not arm auto-merge for ${pr.head.sha.slice(0, 7)}: the head moved; evaluated again`);
          return 'moved';
        }
        // GitHub arms auto-merge only where it has something to wait for: not where the repository
        // does not allow it, the branch has no rules, or the pull request may merge right now.
        if (action.kind === 'arm' && /auto merge is not allowed|rules not configured|clean status/i.test(errorMessage(e))) {
          details.push(`GitHub did not arm auto-merge (${errorMessage(e)}): merging directly once the required checks pass`);
          run.noAutoMerge();
          return mergeInstead(deps, facts, run);
        }
        const what = action.kind === 'arm' ? 'enable auto-merge' : action.kind === 'merge' ? 'merge' : 'enqueue';
        return escalateTo(
          deps,
          facts,
          `GitHub refused to ${what}: ${errorMessage(e)}`,
          `merge #${pr.number} yourself, or fix what GitHub reports`,
          details,
        );
      }
    }
  }
}

/**
 * GitHub would not arm auto-merge: the same facts, decided without it. Every required check passed
 * (the usual refusal: nothing to wait for) -> merge with the SHA just checked, with no new read and
 * no second factory/risk (its summary already says so); checks still to come -> wait, and say so in
 * factory/risk, since the rating it has promised auto-merge.
 */
async function mergeInstead(deps: AutomationDeps, facts: Facts, run: Run): Promise<Done> {
  const input = facts.input!;
  const { action } = decideMerge({ ...input, repo: { ...input.repo, allowAutoMerge: false } });
  if (action.kind === 'merge') {
    const done = await act(deps, facts, action, run, true);
    return done === 'ok' ? 'merged' : done;
  }
  const check = riskCheckRun(facts, action);
  await write(deps, run.details, `${RISK_CHECK} ${check.conclusion} on ${facts.pr.head.sha.slice(0, 7)}: ${check.output.title}`, () =>
    deps.github.writer.createCheckRun(check),
  );
  return act(deps, facts, action, run, true);
}

async function escalateTo(deps: AutomationDeps, facts: Facts, why: string, decision: string, details: string[]): Promise<Done> {
  const { pr } = facts;
  if (deps.dryRun) {
    details.push(`[dry-run] would add ${NEEDS_HUMAN} to #${pr.number}: ${why}`);
    return 'escalated';
  }
  const body = escalationBody(deps, facts, why, decision);
  const done = await escalate(stateDepsFor(deps), { type: 'pr', number: pr.number, labels: pr.labels }, body);
  details.push(...done.details);
  return 'escalated';
}

/** The needs-human comment, bottom line first (edited in place by later runs). */
function escalationBody(deps: AutomationDeps, facts: Facts, why: string, decision: string): string {
  const clean = (s: string) => neutralize(deps.redactor.redact(oneLine(s)));
  return [
    `### Merge gate: a person decides`,
    '',
    `**Bottom line:** ${clean(decision)}.`,
    '',
    `**Why:** ${clean(why)}. Head \`${facts.pr.head.sha.slice(0, 7)}\`, **risk ${facts.risk.tier}**:`,
    ...facts.risk.reasons.map((r) => `- ${clean(r)}`),
    '',
    `The gate does not merge this pull request. Remove \`${NEEDS_HUMAN}\` to have it rated again.`,
  ].join('\n');
}

/** One write, or its line in dry-run. */
async function write(deps: AutomationDeps, details: string[], line: string, fn: () => Promise<unknown>): Promise<void> {
  if (deps.dryRun) {
    details.push(`[dry-run] would have ${line}`);
    return;
  }
  await fn();
  details.push(line);
}

export function describe(action: MergeAction): string {
  switch (action.kind) {
    case 'escalate':
      return 'a person decides';
    case 'wait':
      return 'waiting';
    case 'hand-over':
      return 'a person merges';
    case 'arm':
      return `auto-merge (${action.method})`;
    case 'merge':
      return `merge (${action.method})`;
    case 'enqueue':
      return 'merge queue';
    case 'approve':
      return 'approved, a person merges';
  }
}

function reasonOf(action: MergeAction): string {
  switch (action.kind) {
    case 'escalate':
      return `${action.why}: ${action.decision}.`;
    case 'wait':
    case 'hand-over':
      return `${action.why}.`;
    case 'arm':
      return `approved, tier within merge.autoMerge: GitHub auto-merge (${action.method}) merges it when the required checks pass (where nothing is left to wait for, the gate merges it directly at this head).`;
    case 'merge':
      return `approved, required checks passed, the repository does not allow auto-merge: merged (${action.method}) at this head.`;
    case 'enqueue':
      return 'approved, required checks passed: added to the merge queue of the base branch.';
    case 'approve':
      return 'approved with the approver-token (merge.mode approve-only): a person presses merge.';
  }
}

/** GitHub's refusal of enablePullRequestAutoMerge when the head is not `expectedHeadOid` (matched loosely: the wording is GitHub's). */
const EXPECTED_HEAD_REFUSAL = /expected head ?oid|head sha does not match/i;

const upper = (m: MergeMethod) => m.toUpperCase() as 'MERGE' | 'SQUASH' | 'REBASE';

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
