import { z } from 'zod';
import prompt from '../../../prompts/pr-shepherd-second-look.md';
import { afterAgentStep, commandAllowlist, runAgentStep } from '../../shared/automation/agent-step';
import { describeCheck } from '../../shared/automation/checks';
import { readAttempts, stateDepsFor, writeAttempts } from '../../shared/automation/subject-state';
import { defineTool, type ToolDef } from '../../shared/agent/tool';
import { ConfigError } from '../../shared/errors';
import { findMarkers } from '../../shared/github/markers';
import type { Comment, Issue, PullRequest, Review, ReviewThread } from '../../shared/github/types';
import {
  applyIntents,
  createIntentRecorder,
  createIntentTools,
  evaluateIntents,
  policyPrecheck,
  type ApplyItem,
  type Intent,
  type IntentKind,
  type PolicyContext,
  type Rejection,
} from '../../shared/policy';
import { codeSpan } from '../../shared/review/text';
import { computeRisk } from '../../shared/risk/risk';
import { maxTier, type Tier } from '../../shared/risk/tiers';
import { defuseMarkers, neutralize, sanitizeText, untrusted } from '../../shared/security';
import { increment, NEEDS_HUMAN, PAUSED } from '../../shared/state';
import { breaksChecks, canPushTo, discardWork, factsFor, policyFor, prepareBranch, riskLabelOf, type BranchWork } from './agent-work';
import { pushWork, type PushOutcome } from '../../shared/automation/work';
import type { ShepherdContext, ShepherdDeps, ShepherdPr, StepOutcome } from './types';

/**
 * The second look at a pull request labelled factory:needs-human: the model re-reads its whole
 * history (the escalation notes, the pull request, the issue it fixes, reviews, threads, comments,
 * checks; all of it untrusted text, sanitized and fenced) and either fixes what the factory can
 * (a change on the branch, pushed through the same git applier and policy as every push, or a
 * label correction the state machine allows the shepherd) or confirms, with a short summary for
 * the person: what is blocked, what was tried, what they must decide.
 *
 * Whether factory:needs-human comes off is policy's, not the model's: code asks for the removal
 * only after a fix that went through, and the state machine refuses it on a risk:high pull
 * request (a tier code computed from the diff counts as well as the label). The model cannot
 * remove the label itself: its label intents never carry it.
 */

const STEP = 'second-look';
/** The attempt counter on the pull request (the factory's counters comment). */
export const SECOND_LOOK_COUNTER = 'second-look';
const LABEL_KINDS: IntentKind[] = ['add_labels', 'remove_labels'];
const HIGH = 'risk:high';
/** Most history items (comments, reviews, threads) given to the model: the newest. */
const MAX_ITEMS = 40;
/** Characters of one history item. */
const MAX_ITEM_CHARS = 4000;

export const VerdictSchema = z.object({
  outcome: z.enum(['fixed', 'confirm']).describe('fixed: you fixed what blocked it; confirm: a person must decide'),
  summary: z.string().min(1).max(2000).describe('What you did (fixed), or the situation in two or three sentences (confirm)'),
  blocked: z.string().max(1000).optional().describe('confirm: what is blocked'),
  tried: z.string().max(1000).optional().describe('confirm: what the factory already tried'),
  decision: z.string().max(1000).optional().describe('confirm: the decision or action the person must take'),
});
export type Verdict = z.infer<typeof VerdictSchema>;

/** The model's one verdict (the last call counts). */
export function verdictTool(onVerdict: (v: Verdict) => void): ToolDef {
  return defineTool({
    name: 'second_look',
    description:
      'Finish the second look, once: outcome "fixed" when you fixed what blocked the pull request (the factory pushes your changes and asks policy to remove factory:needs-human), or "confirm" with blocked, tried and decision for the person.',
    input: VerdictSchema,
    run(input) {
      onVerdict(input);
      return 'recorded; the factory checks and applies it after you finish';
    },
  }) as unknown as ToolDef;
}

export async function secondLook(deps: ShepherdDeps, pr: ShepherdPr, ctx: ShepherdContext): Promise<StepOutcome> {
  const skip = (summary: string): StepOutcome => ({ kind: 'skipped', summary, wrote: false });
  if (!pr.labels.includes(NEEDS_HUMAN)) return skip(`#${pr.number} is not labelled ${NEEDS_HUMAN}`);
  if (pr.labels.includes(PAUSED)) return skip(`#${pr.number} is paused (${PAUSED})`);
  if (deps.dryRun) return skip(`[dry-run] would take a second look at #${pr.number}`);
  if (!deps.model) throw new ConfigError('input "anthropic-api-key" is required: pr-shepherd needs the model for a second look');

  const { reader } = deps.github;
  const state = stateDepsFor(deps);
  const comments = await reader.listComments(pr.number);
  const attempts = await readAttempts(state, pr.number, comments);
  const used = attempts.counters[SECOND_LOOK_COUNTER] ?? 0;
  const limit = ctx.settings.repeatedFailureLimit;
  if (used >= limit) return skip(`#${pr.number}: ${used} second look(s) already (limit ${limit}); it waits for a person`);

  // Risk by code: the label, raised by what the diff touches. High risk is policy's to keep with a person.
  const files = await reader.listPullRequestFiles(pr.number);
  const computed = computeRisk({ files, config: deps.config }).tier;
  const risk: Tier = maxTier(riskLabelOf(pr.labels) ?? 'low', computed);
  const labels = risk === 'high' && !pr.labels.includes(HIGH) ? [...pr.labels, HIGH] : [...pr.labels];
  const policyInput = { labels, risk, allowedKinds: ['push' as const, ...LABEL_KINDS] };
  const policy = policyFor(deps, pr, ctx, policyInput);
  await writeAttempts(state, pr.number, { ...attempts, counters: increment(attempts.counters, SECOND_LOOK_COUNTER) });

  // The branch is checked out for a fix only when the factory may push it and repository code runs isolated.
  const sandbox = await deps.executor.status();
  const mayChange = canPushTo(pr) && (sandbox.isolated || !sandbox.refused);
  const work = mayChange
    ? await prepareBranch(deps, pr, ctx, {
        policy,
        message: `Second look at #${pr.number}\n\nFix by the factory's pr-shepherd, run ${deps.runId}.\n`,
        refuses: breaksChecks,
      })
    : undefined;
  if (work && work.startSha !== pr.head.oid) {
    return skip(`#${pr.number} moved on to ${work.startSha.slice(0, 12)} since it was triaged`);
  }
  if (work) await work.tests.runBefore();

  const full = await reader.getPullRequest(pr.number);
  const issues: Issue[] = [];
  for (const n of pr.closingIssues.slice(0, 3)) issues.push(await reader.getIssue(n));
  const reviews = await reader.listReviews(pr.number);
  const threads = await reader.listReviewThreads(pr.number);

  const recorder = createIntentRecorder({ precheck: policyPrecheck(policy) });
  let verdict: Verdict | undefined;
  const step = await runAgentStep(deps, {
    trigger: { event: ctx.trigger },
    actor: ctx.botLogin,
    system: prompt,
    user: secondLookMessage({
      pr,
      full,
      issues,
      comments,
      reviews,
      threads,
      botLogin: ctx.botLogin,
      risk,
      canChange: !!work,
      commands: work ? commandAllowlist(deps.config) : [],
      testCommand: deps.config.commands.test,
      before: work?.tests.before ? `${work.tests.before.command}: ${describeCheck(work.tests.before)}` : undefined,
      fence: (source, text) => untrusted(source, text, { redactor: deps.redactor, maxChars: MAX_ITEM_CHARS }),
    }),
    toolset: work ? 'build' : 'review',
    // The model's label intents and its verdict are recorded here; code applies them after, through policy.
    facts: factsFor(pr, ctx, { ...policyInput, allowedKinds: [] }),
    extraTools: [...createIntentTools(recorder, LABEL_KINDS), verdictTool((v) => (verdict = v))],
  });

  const done = await afterAgentStep(deps, step, async () => {
    const settled = await settle(deps, pr, ctx, policy, work, verdict, recorder.pending(), step.agent.outcome === 'error');
    return { ...settled, rejected: [...recorder.rejected(), ...settled.rejected] };
  });
  return { kind: done.kind, summary: done.summary, wrote: done.wrote };
}

interface Settled extends StepOutcome {
  applied: ApplyItem[];
  rejected: Rejection[];
}

/** After the model: push a fix it made, apply its label corrections, ask policy to clear needs-human after a fix, and say so. */
async function settle(
  deps: ShepherdDeps,
  pr: ShepherdPr,
  ctx: ShepherdContext,
  policy: PolicyContext,
  work: BranchWork | undefined,
  verdict: Verdict | undefined,
  modelIntents: Intent[],
  agentFailed: boolean,
): Promise<Settled> {
  const claimsFixed = verdict?.outcome === 'fixed' && !agentFailed;
  let push: PushOutcome = { kind: 'nothing' };
  if (work) {
    if (claimsFixed) push = await pushWork(work, policy, pr.head.ref);
    if (push.kind !== 'pushed') await discardWork(work, pr.head.ref);
  }
  const pushItems: ApplyItem[] =
    push.kind === 'pushed'
      ? [{ intent: { kind: 'push', branch: pr.head.ref, files: push.files }, status: 'applied', detail: `pushed ${push.sha.slice(0, 12)}` }]
      : push.kind === 'refused'
        ? [{ intent: { kind: 'push', branch: pr.head.ref, files: [] }, status: 'failed', detail: push.reason }]
        : [];

  // The model's label corrections, never touching needs-human: that one is code's, below.
  const corrections = modelIntents.flatMap((i): Intent[] => {
    if (i.kind !== 'add_labels' && i.kind !== 'remove_labels') return [];
    const rest = i.labels.filter((l) => l !== NEEDS_HUMAN);
    return rest.length ? [{ ...i, labels: rest }] : [];
  });
  const fixed = claimsFixed && push.kind !== 'refused';
  const clear: Intent = { kind: 'remove_labels', target: { type: 'pr', number: pr.number }, labels: [NEEDS_HUMAN] };
  const verdicts = evaluateIntents(fixed ? [...corrections, clear] : corrections, policy);
  for (const r of verdicts.rejected) deps.logger.warning(`policy rejected ${r.intent.kind}: ${r.reason} [${r.rule}]`);
  const applied = await applyIntents(verdicts.accepted, {
    writer: deps.github.writer,
    reader: deps.github.reader,
    runId: deps.runId,
    automation: deps.automation,
    dryRun: deps.dryRun,
    logger: deps.logger,
    neutralize: (text) => neutralize(text),
    botLogin: ctx.botLogin,
    subject: { type: 'pr', number: pr.number },
  });
  const cleared = applied.results.some(
    (a) => a.status !== 'failed' && a.intent.kind === 'remove_labels' && a.intent.labels.includes(NEEDS_HUMAN),
  );
  const kept = verdicts.rejected.find((r) => r.intent === clear);
  const labelled = applied.results.filter(
    (a) => a.status !== 'failed' && a.intent !== clear && !(a.intent.kind === 'remove_labels' && a.intent.labels.includes(NEEDS_HUMAN)),
  );

  const text = (s: string | undefined) => (s ? neutralize(defuseMarkers(sanitizeText(deps.redactor.redact(s)))).trim() : '');
  const changes = [
    ...(push.kind === 'pushed'
      ? [`pushed ${push.sha.slice(0, 12)} to \`${pr.head.ref}\` (${push.files.map((f) => codeSpan(f)).join(', ')})`]
      : []),
    ...labelled.map((a) => a.detail),
  ];
  let body: string;
  if (cleared) {
    body = [
      '### Second look: fixed',
      '',
      text(verdict?.summary) || 'The factory fixed what blocked this pull request.',
      '',
      ...(changes.length ? ['**Changed:**', ...changes.map((c) => `- ${c}`), ''] : []),
      `Removed \`${NEEDS_HUMAN}\`: the factory takes it from here.`,
    ].join('\n');
  } else {
    const notFixed = claimsFixed
      ? push.kind === 'refused'
        ? `The factory's fix was not pushed: ${text(push.reason)}`
        : kept
          ? `\`${NEEDS_HUMAN}\` stays: ${kept.reason}.`
          : ''
      : '';
    body = [
      '### Second look: a person is still needed',
      '',
      `**Blocked:** ${text(verdict?.blocked) || text(verdict?.summary) || 'the factory could not tell what blocks this pull request'}`,
      '',
      `**Tried:** ${text(verdict?.tried) || 'see the escalation above'}`,
      '',
      `**Decision needed:** ${text(verdict?.decision) || 'review the pull request and decide whether to merge, change or close it'}`,
      ...(notFixed ? ['', notFixed] : []),
      ...(changes.length ? ['', '**Changed meanwhile:**', ...changes.map((c) => `- ${c}`)] : []),
    ].join('\n');
  }
  await deps.github.writer.createComment(pr.number, ctx.mark(body, STEP));
  const summary = cleared
    ? `#${pr.number}: second look fixed it${push.kind === 'pushed' ? ` (pushed ${push.sha.slice(0, 12)})` : ''}; removed ${NEEDS_HUMAN}`
    : `#${pr.number}: second look confirmed it needs a person${kept ? ` (${kept.reason})` : ''}`;
  return {
    kind: cleared ? 'fixed' : 'confirmed',
    summary,
    wrote: true,
    applied: [...pushItems, ...applied.results],
    rejected: verdicts.rejected,
  };
}

export interface SecondLookMessageInput {
  pr: ShepherdPr;
  full: Pick<PullRequest, 'title' | 'body'>;
  issues: readonly Issue[];
  comments: readonly Comment[];
  reviews: readonly Review[];
  threads: readonly ReviewThread[];
  botLogin: string;
  risk: Tier;
  canChange: boolean;
  commands: string[];
  testCommand: string | null;
  /** The test command on the branch now, when it ran. */
  before: string | undefined;
  fence(source: string, text: string): string;
}

/** The factory's escalation comments (any automation's needs-human note), oldest first. */
export function escalationNotes(comments: readonly Comment[], botLogin: string): Comment[] {
  return comments.filter((c) => c.author.login === botLogin && findMarkers(c.body).some((m) => m.key === 'needs-human'));
}

/** Trusted instructions and facts by code; every text from the history fenced as untrusted. */
export function secondLookMessage(input: SecondLookMessageInput): string {
  const { pr, fence } = input;
  const who = (login: string) => (login === input.botLogin ? 'the factory' : login);
  const notes = escalationNotes(input.comments, input.botLogin);
  type Item = { at: string; text: string };
  const items: Item[] = [
    ...input.comments
      .filter((c) => !notes.includes(c))
      .map((c) => ({
        at: c.createdAt,
        text: fence(`comment ${c.id} by ${who(c.author.login)} (${c.authorAssociation})`, c.body || '(empty)'),
      })),
    ...input.reviews
      .filter((r) => r.state !== 'PENDING')
      .map((r) => ({
        at: r.submittedAt ?? '',
        text: fence(`review ${r.id} by ${who(r.author.login)}: ${r.state}`, r.body || '(no text)'),
      })),
    ...input.threads.map((t) => ({
      at: t.comments[0]?.createdAt ?? '',
      text: [
        `Review thread on ${codeSpan(t.path)} line ${t.line ?? 'none'} (${t.isResolved ? 'resolved' : 'open'}):`,
        ...t.comments.map((c, i) => fence(`thread ${t.id} comment ${i + 1} by ${who(c.author.login)}`, c.body || '(empty)')),
      ].join('\n'),
    })),
  ]
    .sort((a, b) => a.at.localeCompare(b.at))
    .slice(-MAX_ITEMS);
  const { checks } = pr;
  const work = input.canChange
    ? [
        `The branch \`${pr.head.ref}\` is checked out: you may fix code with the file tools. Do not commit or push: the factory commits your changes, runs the checks again and pushes them through its policy.`,
        `Commands you may run: ${input.commands.length ? input.commands.map((c) => `\`${c}\``).join(', ') : '(none)'}.`,
        ...(input.before ? [`Checks on the branch now: ${input.before}.`] : []),
      ]
    : ['The factory may not change this branch in this run: fix only labels, or confirm.'];
  return [
    `Second look at pull request #${pr.number}, labelled \`${NEEDS_HUMAN}\`. Its risk tier, computed by code: ${input.risk}.`,
    '',
    ...work,
    'Finish with one call to `second_look`.',
    '',
    '## Why a person was asked (the escalation notes)',
    ...(notes.length
      ? notes.flatMap((c) => ['', fence(`escalation note ${c.id} by the factory`, c.body)])
      : ['', '(no escalation note found)']),
    '',
    '## The pull request',
    '',
    `- branch \`${pr.head.ref}\` into \`${pr.base.ref}\`; labels: ${pr.labels.map((l) => `\`${l}\``).join(', ') || 'none'}`,
    `- checks on ${pr.head.oid.slice(0, 12)}: ${checks.state ?? 'none'}${checks.failing.length ? `; failing: ${checks.failing.map((n) => codeSpan(n)).join(', ')}` : ''}${checks.pending.length ? `; pending: ${checks.pending.map((n) => codeSpan(n)).join(', ')}` : ''}`,
    '',
    fence(`pull request #${pr.number} title`, input.full.title),
    '',
    fence(`pull request #${pr.number} body`, input.full.body || '(empty)'),
    ...input.issues.flatMap((i) => ['', `### Issue #${i.number} (${i.state})`, '', fence(`issue #${i.number}`, `${i.title}\n\n${i.body}`)]),
    '',
    `## History (${items.length} item(s), oldest first)`,
    ...items.flatMap((i) => ['', i.text]),
  ].join('\n');
}
