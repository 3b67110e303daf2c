import { escalate, moveLabel, stateDepsFor } from '../../shared/automation/subject-state';
import type { AutomationDeps } from '../../shared/automation/types';
import { errorMessage } from '../../shared/errors';
import { isStatus } from '../../shared/github/api-error';
import type { MergeMethod } from '../../shared/github/types';
import { neutralize } from '../../shared/security';
import { NEEDS_HUMAN, RISK_LABELS, riskLabel } from '../../shared/state';
import { decideMerge, type Decision, type MergeAction } from './decide';
import { gatherFacts, RISK_CHECK, type Facts } from './facts';
import { checkPullRequest } from './gate';

/**
 * One pull request through the gate: read what GitHub says about its head (facts.ts), decide
 * (decide.ts), then write, each write only when it changes something: the risk label, the
 * factory/risk check run on the head, disarming a stale auto-merge, and the action. The head is
 * read again right before arming, merging or enqueueing; a head that moved (or GitHub's 409 for a
 * stale `sha`) is evaluated again on the new head.
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

export async function evaluatePullRequest(deps: AutomationDeps, number: number, opts: { synchronize: boolean }): Promise<Evaluation> {
  const details: string[] = [];
  let allowAutoMerge = (await deps.github.reader.getRepository()).allowAutoMerge;
  for (let head = 0; head < MAX_HEADS; head++) {
    const pr = await deps.github.reader.getPullRequest(number);
    const why = checkPullRequest(pr, deps.config);
    if (why) return { pr: number, summary: why, details, escalated: false, skipped: why };
    const facts = await gatherFacts(deps, pr, allowAutoMerge);
    const decision = decideMerge(facts.input);
    await rate(deps, facts, decision, details);
    if (decision.disarm && (opts.synchronize || pr.autoMerge))
      await write(deps, details, `disabled auto-merge on #${number}`, () => deps.github.writer.disableAutoMerge(pr.nodeId));
    const done = await act(deps, facts, decision.action, details);
    if (done === 'not-allowed') {
      allowAutoMerge = false;
      continue;
    }
    if (done === 'moved') continue;
    return {
      pr: number,
      summary: `#${number}: ${facts.risk.tier} risk; ${describe(decision.action)}`,
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

type Done = 'ok' | 'escalated' | 'moved' | 'not-allowed';

/** The risk label and the factory/risk check run on the head (what a ruleset may require). */
async function rate(deps: AutomationDeps, facts: Facts, decision: Decision, details: string[]): Promise<void> {
  const { pr, risk } = facts;
  const label = riskLabel(risk.tier);
  if (!pr.labels.includes(label) || RISK_LABELS.some((l) => l !== label && pr.labels.includes(l))) {
    await write(deps, details, `labelled #${pr.number} ${label}`, () =>
      moveLabel(stateDepsFor(deps), { type: 'pr', number: pr.number, labels: pr.labels }, label, RISK_LABELS),
    );
  }
  const check = riskCheckRun(facts, decision.action);
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

async function act(deps: AutomationDeps, facts: Facts, action: MergeAction, details: string[]): Promise<Done> {
  const { pr } = facts;
  const { writer } = deps.github;
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
      // The head right before the write: what was rated must be what merges.
      const now = await deps.github.reader.getPullRequest(pr.number);
      if (now.head.sha !== pr.head.sha) {
        details.push(`the head of #${pr.number} moved to ${now.head.sha.slice(0, 7)}: evaluated again`);
        return 'moved';
      }
      try {
        if (action.kind === 'arm') {
          await write(deps, details, `enabled auto-merge (${action.method}) on #${pr.number}`, () =>
            writer.enableAutoMerge(pr.nodeId, upper(action.method)),
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
        // GitHub arms auto-merge only where it has something to wait for: not where the repository
        // does not allow it, the branch has no rules, or the pull request may merge right now.
        if (action.kind === 'arm' && /auto merge is not allowed|rules not configured|clean status/i.test(errorMessage(e))) {
          details.push(`GitHub did not arm auto-merge (${errorMessage(e)}): merging directly once the required checks pass`);
          return 'not-allowed';
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
      return `approved, tier within merge.autoMerge: GitHub auto-merge (${action.method}) merges it when the required checks pass.`;
    case 'merge':
      return `approved, required checks passed, the repository does not allow auto-merge: merged (${action.method}) at this head.`;
    case 'enqueue':
      return 'approved, required checks passed: added to the merge queue of the base branch.';
    case 'approve':
      return 'approved with the approver-token (merge.mode approve-only): a person presses merge.';
  }
}

const upper = (m: MergeMethod) => m.toUpperCase() as 'MERGE' | 'SQUASH' | 'REBASE';

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
