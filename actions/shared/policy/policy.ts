import { IntentSchema, type Intent, type IntentKind } from './intents';
import { DEFAULT_CAPS, DEFAULT_MAX_MENTIONS, RISK_ORDER, maxRisk, type PolicyContext, type RiskTier } from './context';
import { checkTransition, type TransitionRequest, type TransitionResult } from '../state/machine';
import { labelFamily, type LabelFamily } from '../state/labels';
import { describeLookalike, globMatcher, pathClassifier, writableMatcher } from '../risk/paths';
import { allStrings, containsFactoryMarker, findClosingReferences, findMentions, intentTexts, mapIntentTexts } from './text';
import { checkOutbound, checkSecret, GITHUB_HOSTS, OUTBOUND_RULES } from '../security/outbound';

/**
 * Deterministic policy over the agent's intents. Pure: same intents + same context = same
 * verdicts, which is what lets split mode re-run it in the write job. Intents are evaluated in
 * order; the first rule that fails rejects the intent. Accepted intents update the run's state
 * (caps used, labels, raised risk, dedupe keys) for the ones after them.
 *
 * Labels: adding a label of an exclusive family (issue/PR state, risk, type, priority, source)
 * replaces the current one; policy emits that removal as its own accepted `remove_labels`
 * intent just before the add, so the state machine sees one move and the applier does both.
 *
 * Mentions: a body with too many or broadcast/team mentions is REJECTED, not neutralised. A
 * rejection is visible in the run record and tells the model why; a silent rewrite is not.
 *
 * Outbound content (security/outbound.ts): a secret of the run in any string of an intent, in any
 * encoding, rejects it (secret-in-output), and so do an image from a host off the allowlist
 * (image-host), a non-http(s) URL (unsafe-url) and a link that cannot be made inert (link-host)
 * in its text fields. Links to other hosts are made inert in the accepted intent: the one
 * rewrite policy does, because the issue of a link is where it points, not that it was written.
 */

/** Stable rule ids (used in tool refusals, run records and tests). */
export const RULES = {
  invalidIntent: 'invalid-intent',
  kindNotAllowed: 'kind-not-allowed',
  capExceeded: 'cap-exceeded',
  targetNotAllowed: 'target-not-allowed',
  labelNotAllowed: 'label-not-allowed',
  labelTransition: 'label-transition',
  riskLowered: 'risk-lowered',
  tooManyMentions: 'too-many-mentions',
  broadcastMention: 'broadcast-mention',
  secretInOutput: OUTBOUND_RULES.secret,
  imageHost: OUTBOUND_RULES.imageHost,
  unsafeUrl: OUTBOUND_RULES.unsafeUrl,
  linkHost: OUTBOUND_RULES.linkHost,
  forgedMarker: 'forged-marker',
  closingKeyword: 'closing-keyword',
  pushDefaultBranch: 'push-default-branch',
  pushBranchPrefix: 'push-branch-prefix',
  pushProtectedPath: 'push-protected-path',
  pushLookalikePath: 'push-lookalike-path',
  prBranch: 'pr-branch',
  selfApproval: 'self-approval',
  approveNotAllowed: 'approve-not-allowed',
  mergeAutomation: 'merge-automation',
  mergeRisk: 'merge-risk',
  mergeOwnPr: 'merge-own-pr',
  threadUnknown: 'thread-unknown',
  resolveThread: 'resolve-thread',
  closeIssue: 'close-issue',
  duplicateDedupeKey: 'duplicate-dedupe-key',
} as const;
export type RuleId = (typeof RULES)[keyof typeof RULES];

export const FACTORY_BRANCH_PREFIX = 'factory/';
const RISK_LABEL_PREFIX = 'risk:';

export interface Rejection {
  intent: Intent;
  rule: RuleId;
  reason: string;
}

export interface PolicyResult {
  accepted: Intent[];
  rejected: Rejection[];
}

type Verdict = { rule: RuleId; reason: string } | undefined;

/** Mutable state across one evaluation. */
interface RunState {
  used: Map<IntentKind, number>;
  labels: Map<number, string[]>;
  dedupeKeys: Set<string>;
  risk: RiskTier;
  changesCode: boolean;
}

export function evaluateIntents(intents: Intent[], ctx: PolicyContext): PolicyResult {
  const state: RunState = {
    used: new Map(),
    labels: new Map(),
    dedupeKeys: new Set(),
    risk: ctx.risk,
    // A run that pushes or opens a PR may not also merge (no merging your own work).
    changesCode: intents.some((i) => i?.kind === 'push' || i?.kind === 'open_pull_request'),
  };
  const accepted: Intent[] = [];
  const rejected: Rejection[] = [];
  for (const raw of intents) {
    const parsed = IntentSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      rejected.push({ intent: raw, rule: RULES.invalidIntent, reason: `${where}${issue?.message ?? 'invalid intent'}` });
      continue;
    }
    const intent = parsed.data;
    const verdict = check(intent, ctx, state);
    if (verdict) {
      // The caller's own object, so a caller can find its intent by identity.
      rejected.push({ intent: raw, ...verdict });
    } else {
      accepted.push(...commit(intent, ctx, state), inert(intent, ctx));
    }
  }
  return { accepted, rejected };
}

function check(intent: Intent, ctx: PolicyContext, state: RunState): Verdict {
  if (!ctx.allowedKinds.includes(intent.kind)) {
    return { rule: RULES.kindNotAllowed, reason: `${ctx.automation} may not ${intent.kind}` };
  }
  const cap = ctx.config.caps?.[intent.kind] ?? DEFAULT_CAPS[intent.kind];
  if ((state.used.get(intent.kind) ?? 0) >= cap) {
    return { rule: RULES.capExceeded, reason: `at most ${cap} ${intent.kind} intent(s) per run` };
  }
  return checkContent(intent, ctx) ?? checkKind(intent, ctx, state);
}

function checkContent(intent: Intent, ctx: PolicyContext): Verdict {
  for (const { field, text } of allStrings(intent)) {
    const secret = checkSecret(text, ctx.redact);
    if (secret) return { rule: RULES.secretInOutput, reason: `${field} ${secret.reason}` };
  }
  const maxMentions = ctx.config.maxMentions ?? DEFAULT_MAX_MENTIONS;
  const outbound = { redact: ctx.redact, allowedHosts: ctx.config.allowedHosts ?? GITHUB_HOSTS };
  for (const { field, text } of intentTexts(intent)) {
    const out = checkOutbound(text, outbound);
    if (!out.ok) return { rule: out.rule, reason: `${field} ${out.reason}` };
    if (containsFactoryMarker(text)) {
      return { rule: RULES.forgedMarker, reason: `${field} contains a factory marker; markers are written by the applier` };
    }
    const mentions = findMentions(text);
    const broadcast = [...mentions.teams, ...mentions.broadcast];
    if (broadcast.length > 0) {
      return { rule: RULES.broadcastMention, reason: `${field} mentions a team or everyone (@${broadcast[0]})` };
    }
    if (mentions.users.length > maxMentions) {
      return { rule: RULES.tooManyMentions, reason: `${field} mentions ${mentions.users.length} people; at most ${maxMentions}` };
    }
  }
  return undefined;
}

/** The accepted intent as it is written: links to hosts off the allowlist made inert (checkContent passed). */
function inert(intent: Intent, ctx: PolicyContext): Intent {
  const outbound = { redact: ctx.redact, allowedHosts: ctx.config.allowedHosts ?? GITHUB_HOSTS };
  return mapIntentTexts(intent, (text) => {
    const out = checkOutbound(text, outbound);
    return out.ok ? out.text : text;
  });
}

function isAllowedTarget(n: number, ctx: PolicyContext): boolean {
  return n === ctx.subject?.number || ctx.allowedTargets.includes(n);
}

function targets(n: number[], ctx: PolicyContext): Verdict {
  const bad = n.find((x) => !isAllowedTarget(x, ctx));
  return bad === undefined ? undefined : { rule: RULES.targetNotAllowed, reason: `#${bad} is not a target of this run` };
}

function checkKind(intent: Intent, ctx: PolicyContext, state: RunState): Verdict {
  switch (intent.kind) {
    case 'comment':
      return targets([intent.target.number], ctx);
    case 'add_labels':
    case 'remove_labels':
      return targets([intent.target.number], ctx) ?? checkLabels(intent, ctx, state);
    case 'create_issue':
      return checkCreateIssue(intent, ctx, state);
    case 'close_issue':
      return targets([intent.number], ctx) ?? checkClose(intent, ctx);
    case 'add_sub_issue':
      return targets([intent.parent, intent.child], ctx);
    case 'review':
      return targets([intent.pr], ctx) ?? checkReview(intent, ctx);
    case 'reply_to_thread':
      return ctx.threads[intent.threadId]
        ? undefined
        : { rule: RULES.threadUnknown, reason: `thread ${intent.threadId} is not on this pull request` };
    case 'resolve_thread':
      return checkResolve(intent.threadId, ctx);
    case 'open_pull_request':
      return checkOpenPr(intent, ctx);
    case 'push':
      return checkPush(intent, ctx);
    case 'request_merge':
      return targets([intent.pr], ctx) ?? checkMerge(intent, ctx, state);
  }
}

function currentLabels(n: number, ctx: PolicyContext, state: RunState): string[] {
  const known = state.labels.get(n);
  if (known) return known;
  if (ctx.subject?.number === n) return ctx.subject.labels;
  return ctx.targetLabels?.[String(n)] ?? [];
}

function riskOfLabel(label: string): RiskTier | undefined {
  if (!label.startsWith(RISK_LABEL_PREFIX)) return undefined;
  const tier = label.slice(RISK_LABEL_PREFIX.length) as RiskTier;
  return RISK_ORDER.includes(tier) ? tier : undefined;
}

function checkLabels(intent: Intent & { kind: 'add_labels' | 'remove_labels' }, ctx: PolicyContext, state: RunState): Verdict {
  const bad = intent.labels.find((l) => !ctx.config.isAllowedLabel(l));
  if (bad !== undefined) return { rule: RULES.labelNotAllowed, reason: `label "${bad}" is not in the factory's label set` };
  for (const label of intent.labels) {
    const tier = riskOfLabel(label);
    if (!tier) continue;
    // Adding a lower tier, or removing the label of the current tier, would lower it.
    const lowers = intent.kind === 'add_labels' ? RISK_ORDER.indexOf(tier) < RISK_ORDER.indexOf(state.risk) : tier === state.risk;
    if (lowers) {
      return {
        rule: RULES.riskLowered,
        reason: `risk is ${state.risk}; ${intent.kind === 'add_labels' ? 'adding' : 'removing'} ${label} would lower it`,
      };
    }
  }
  const result = transition(ctx, labelMove(intent, ctx, state));
  return result.ok ? undefined : { rule: RULES.labelTransition, reason: result.reason };
}

/** Families where a subject holds at most one label: adding one replaces the current one. */
const EXCLUSIVE_FAMILIES: Record<'issue' | 'pr', readonly LabelFamily[]> = {
  issue: ['issue-state', 'type', 'priority', 'source'],
  pr: ['pr-state', 'risk'],
};

/**
 * The state-machine request for a label intent. Adding a label of an exclusive family (a
 * state, a risk tier, a type...) implies removing the subject's current label of that family,
 * so `add factory:ready` on a needs-info issue is the move needs-info -> ready.
 */
function labelMove(
  intent: Intent & { kind: 'add_labels' | 'remove_labels' },
  ctx: PolicyContext,
  state: RunState,
): TransitionRequest & { replaced: string[] } {
  const subject = intent.target.type;
  const current = currentLabels(intent.target.number, ctx, state);
  const base = { automation: ctx.automation, subject, current, ...(ctx.config.extraLabels ? { extraLabels: ctx.config.extraLabels } : {}) };
  if (intent.kind === 'remove_labels') return { ...base, remove: intent.labels, replaced: [] };
  const families = new Set(
    intent.labels.map((l) => labelFamily(l)).filter((f): f is LabelFamily => !!f && EXCLUSIVE_FAMILIES[subject].includes(f)),
  );
  const replaced = current.filter((l) => !intent.labels.includes(l) && families.has(labelFamily(l) as LabelFamily));
  return { ...base, add: intent.labels, ...(replaced.length ? { remove: replaced } : {}), replaced };
}

function transition(ctx: PolicyContext, req: TransitionRequest & { replaced?: string[] }): TransitionResult {
  const { replaced: _replaced, ...request } = req;
  return (ctx.checkTransition ?? checkTransition)(request);
}

function checkCreateIssue(intent: Intent & { kind: 'create_issue' }, ctx: PolicyContext, state: RunState): Verdict {
  if (state.dedupeKeys.has(intent.dedupeKey)) {
    return { rule: RULES.duplicateDedupeKey, reason: `an issue with dedupeKey "${intent.dedupeKey}" is already in this run` };
  }
  if (intent.parent !== undefined) {
    const t = targets([intent.parent], ctx);
    if (t) return t;
  }
  const bad = intent.labels.find((l) => !ctx.config.isAllowedLabel(l));
  if (bad !== undefined) return { rule: RULES.labelNotAllowed, reason: `label "${bad}" is not in the factory's label set` };
  const result = transition(ctx, {
    automation: ctx.automation,
    subject: 'issue',
    current: [],
    add: intent.labels,
    ...(ctx.config.extraLabels ? { extraLabels: ctx.config.extraLabels } : {}),
  });
  return result.ok ? undefined : { rule: RULES.labelTransition, reason: result.reason };
}

function checkClose(intent: Intent & { kind: 'close_issue' }, ctx: PolicyContext): Verdict {
  if (intent.reason === 'duplicate') {
    if (intent.duplicateOf === undefined || intent.duplicateOf === intent.number) {
      return { rule: RULES.closeIssue, reason: 'closing as duplicate needs duplicateOf naming another issue' };
    }
    return undefined;
  }
  if (intent.number !== ctx.subject?.number) {
    return { rule: RULES.closeIssue, reason: `only duplicates or the run's own subject may be closed, not #${intent.number}` };
  }
  return undefined;
}

function checkReview(intent: Intent & { kind: 'review' }, ctx: PolicyContext): Verdict {
  if (intent.event !== 'APPROVE') return undefined;
  if (ctx.openedByFactory.includes(intent.pr)) {
    return { rule: RULES.selfApproval, reason: `#${intent.pr} was opened by the factory; it may not approve its own work` };
  }
  if (ctx.automation !== 'pr-reviewer') {
    return { rule: RULES.approveNotAllowed, reason: `only pr-reviewer may approve, not ${ctx.automation}` };
  }
  return undefined;
}

function checkResolve(threadId: string, ctx: PolicyContext): Verdict {
  const thread = ctx.threads[threadId];
  if (!thread) return { rule: RULES.threadUnknown, reason: `thread ${threadId} is not on this pull request` };
  const ours = thread.isFactory || thread.authorLogin === ctx.config.botLogin;
  if (!ours && !thread.resolveRequested) {
    return { rule: RULES.resolveThread, reason: `thread ${threadId} was opened by ${thread.authorLogin}; only its author resolves it` };
  }
  if (thread.humanRepliedAfter) {
    return { rule: RULES.resolveThread, reason: `a human replied on thread ${threadId} after the factory; leave it open` };
  }
  return undefined;
}

/** Work branches: never the default branch, always under factory/ (or, for a push, a branch handed over by name). */
function checkBranch(branch: string, ctx: PolicyContext, kind: 'push' | 'pr'): Verdict {
  const what = kind === 'push' ? 'push to' : 'open a pull request from';
  if (branch === ctx.defaultBranch) {
    return { rule: kind === 'push' ? RULES.pushDefaultBranch : RULES.prBranch, reason: `never ${what} the default branch ${branch}` };
  }
  if (kind === 'push' && ctx.pushableBranches?.includes(branch)) return undefined;
  if (!branch.startsWith(FACTORY_BRANCH_PREFIX) || branch.length <= FACTORY_BRANCH_PREFIX.length || branch.includes('..')) {
    return {
      rule: kind === 'push' ? RULES.pushBranchPrefix : RULES.prBranch,
      reason: `may only ${what} a branch under ${FACTORY_BRANCH_PREFIX}, not ${branch}`,
    };
  }
  return undefined;
}

/**
 * Protected paths are compared folded and by confusable skeleton (risk/paths.ts). A lookalike of a
 * protected path is refused whatever the run may touch; an exception (allowProtectedPaths) covers
 * the path exactly as written, never its case variants or lookalikes.
 */
function checkPush(intent: Intent & { kind: 'push' }, ctx: PolicyContext): Verdict {
  const branch = checkBranch(intent.branch, ctx, 'push');
  if (branch) return branch;
  const classify = pathClassifier(ctx.config.protectedPaths);
  const allowed = globMatcher(ctx.allowProtectedPaths ?? []);
  const writable = writableMatcher(ctx.config.protectedPaths, ctx.config.writableProtectedPaths ?? []);
  const excepted = (path: string): boolean => allowed(path) || writable(path);
  // The model's list and the code-computed diff both count: the model cannot hide a file.
  const files = [...new Set([...intent.files, ...(ctx.diffFiles ?? [])])];
  const lookalike = files.find((f) => classify(f) === 'lookalike');
  if (lookalike !== undefined) {
    const why = describeLookalike(lookalike, ctx.config.protectedPaths);
    return { rule: RULES.pushLookalikePath, reason: `${why}; refused as a lookalike of a protected path` };
  }
  const hit = files.find((f) => classify(f) === 'protected' && !excepted(f));
  if (hit !== undefined) return { rule: RULES.pushProtectedPath, reason: `${hit} is a protected path` };
  return undefined;
}

function checkOpenPr(intent: Intent & { kind: 'open_pull_request' }, ctx: PolicyContext): Verdict {
  const head = checkBranch(intent.head, ctx, 'pr');
  if (head) return head;
  if (intent.base !== ctx.defaultBranch) {
    return { rule: RULES.prBranch, reason: `pull requests target the default branch ${ctx.defaultBranch}, not ${intent.base}` };
  }
  if (intent.fixes !== undefined) {
    const t = targets([intent.fixes], ctx);
    if (t) return t;
  }
  for (const ref of findClosingReferences(`${intent.title}\n${intent.body}`)) {
    if (ref.crossRepo || !isAllowedTarget(ref.number, ctx)) {
      return { rule: RULES.closingKeyword, reason: `closing reference ${ref.ref} is not a target of this run; use the fixes field` };
    }
  }
  return undefined;
}

function checkMerge(intent: Intent & { kind: 'request_merge' }, ctx: PolicyContext, state: RunState): Verdict {
  if (ctx.automation !== 'merge-gate') {
    return { rule: RULES.mergeAutomation, reason: `only merge-gate may request a merge, not ${ctx.automation}` };
  }
  if (state.changesCode) {
    return { rule: RULES.mergeOwnPr, reason: 'a run that pushes or opens a pull request may not also merge it' };
  }
  const allowed: readonly RiskTier[] = ctx.config.autoMergeTiers ?? ['low'];
  if (state.risk === 'high' || !allowed.includes(state.risk)) {
    return { rule: RULES.mergeRisk, reason: `risk tier ${state.risk} does not allow auto-merge of #${intent.pr}` };
  }
  return undefined;
}

/**
 * Record what an accepted intent changes for the intents after it. Returns the intents policy
 * adds before it: the removal of labels an exclusive add replaces.
 */
function commit(intent: Intent, ctx: PolicyContext, state: RunState): Intent[] {
  state.used.set(intent.kind, (state.used.get(intent.kind) ?? 0) + 1);
  if (intent.kind === 'create_issue') state.dedupeKeys.add(intent.dedupeKey);
  if (intent.kind !== 'add_labels' && intent.kind !== 'remove_labels') return [];
  const move = labelMove(intent, ctx, state);
  const moved = transition(ctx, move);
  const current = move.current;
  const fallback =
    intent.kind === 'add_labels'
      ? [...new Set([...current.filter((l) => !move.replaced.includes(l)), ...intent.labels])]
      : current.filter((l) => !intent.labels.includes(l));
  state.labels.set(intent.target.number, moved.ok ? moved.next : fallback);
  if (intent.kind === 'add_labels') state.risk = effectiveRisk([intent], state.risk);
  return move.replaced.length ? [{ kind: 'remove_labels', target: intent.target, labels: move.replaced }] : [];
}

/** The risk tier after the accepted intents (code's tier, possibly raised by the model). */
export function effectiveRisk(accepted: Intent[], base: RiskTier): RiskTier {
  let risk = base;
  for (const i of accepted) {
    if (i.kind !== 'add_labels') continue;
    for (const l of i.labels) {
      const tier = riskOfLabel(l);
      if (tier) risk = maxRisk(risk, tier);
    }
  }
  return risk;
}
