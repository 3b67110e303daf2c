import type { FactoryConfig } from '../config';
import { errorMessage } from '../errors';
import type { ParsedEvent } from '../events';
import { checkChanges, pushRefusal, type ChangedFile, type GitPort } from '../git';
import type { GitRunner } from '../git/run';
import { findMarkers } from '../github/markers';
import { isStatus } from '../github/api-error';
import type { Comment, GitHubReader, PullRequest } from '../github/types';
import { DEFAULT_ALLOWED_KINDS, policyConfigFrom } from '../policy/from-config';
import { evaluateIntentFile } from '../policy/intent-file';
import { evaluateIntents, type RuleId } from '../policy/policy';
import { findMentions } from '../policy/text';
import type { Redactor } from '../security';
import { allowedHostsFor, checkOutbound, checkSecret } from '../security/outbound';
import { ASSIST, ATTEMPTS_KIND, CLAIM_KIND, checkTransition, isClaimExpired, parseClaim, parseCounters, type Automation } from '../state';
import type { SplitArtifact, SplitWrite } from './artifact';
import { SPLIT_WRITES } from './artifact';
import { hasCommit, isAncestor } from './bundle';

/**
 * The apply job's check of an artifact, before anything is written. Nothing in the artifact is
 * believed: the subject is derived from the writes and matched against the event; labels are
 * moved through the state machine from the labels GitHub has now; every text passes the
 * outbound check (secrets, links, images), mentions and markers; comments edited must be the
 * factory's own on the subject; pushes go to the subject's branch (or a new factory/ one), and
 * their real diff, computed by git from the bundle against the default branch, passes the change
 * guard, policy's push rules and the secret scan; the agent's intents pass policy again.
 * Any problem refuses the whole artifact, each problem naming its rule and where it is.
 */

export type SplitRule =
  | RuleId
  | 'artifact-automation'
  | 'artifact-repo'
  | 'artifact-run'
  | 'artifact-base'
  | 'bundle'
  | 'write-not-allowed'
  | 'unknown-placeholder'
  | 'subject-mismatch'
  | 'subject-claimed'
  | 'comment-not-ours'
  | 'attempts-lowered'
  | 'thread-unknown'
  | 'push-branch'
  | 'push-missing'
  | 'push-guard'
  | 'secret-in-diff'
  | 'pr-branch'
  | 'dispatch-not-allowed'
  | 'image-host'
  | 'unsafe-url'
  | 'link-host';

export interface SplitProblem {
  rule: SplitRule;
  /** Where in the artifact: `writes.3`, `steps.0.entries.1`, `bundle`, or `artifact`. */
  at: string;
  reason: string;
}

export interface LiveSubject {
  type: 'issue' | 'pr';
  number: number;
  labels: string[];
  authorLogin: string;
  /** Pull requests: the head branch, and whether it lives in this repository. */
  headRef?: string;
  headInRepo?: boolean;
}

/** What the apply job brings: its own config, redactor, reads, checkout and event. */
export interface VerifyDeps {
  automation: Automation;
  /** owner/name of the repository this job runs in. */
  repo: string;
  workflowRunId: string;
  config: FactoryConfig;
  redactor: Redactor;
  reader: GitHubReader;
  /** The fresh checkout (the bundle fetched into it). */
  git: GitPort;
  raw: GitRunner;
  defaultBranch: string;
  event: ParsedEvent;
  issueNumber?: number;
  serverUrl?: string;
  now: Date;
}

/** What verification learned that the replay needs. */
export interface VerifiedPlan {
  subject?: LiveSubject;
  /** Texts as they are written (foreign links made inert by the outbound check), by write index. */
  texts: Map<number, Record<string, string>>;
  /** Branches a push may go to besides factory/ ones (the subject's factory:assist head). */
  extraBranches: string[];
}

export async function verifyArtifact(artifact: SplitArtifact, deps: VerifyDeps): Promise<{ problems: SplitProblem[]; plan: VerifiedPlan }> {
  const problems: SplitProblem[] = [];
  const plan: VerifiedPlan = { texts: new Map(), extraBranches: [] };
  const fail = (rule: SplitRule, at: string, reason: string): void => {
    problems.push({ rule, at, reason });
  };

  // ---- the artifact belongs to this automation, repository, workflow run and default branch
  if (artifact.automation !== deps.automation)
    fail('artifact-automation', 'automation', `written for ${artifact.automation}, applied by ${deps.automation}`);
  if (artifact.repo.toLowerCase() !== deps.repo.toLowerCase())
    fail('artifact-repo', 'repo', `written for ${artifact.repo}, applied in ${deps.repo}`);
  if (artifact.workflowRunId !== deps.workflowRunId)
    fail('artifact-run', 'workflowRunId', `written by workflow run ${artifact.workflowRunId}, applied by ${deps.workflowRunId}`);
  if (artifact.base.branch !== deps.defaultBranch)
    fail('artifact-base', 'base.branch', `based on ${artifact.base.branch}; the default branch is ${deps.defaultBranch}`);
  else if (
    !(await hasCommit(deps.raw, artifact.base.sha)) ||
    !(await isAncestor(deps.raw, artifact.base.sha, `refs/remotes/origin/${deps.defaultBranch}`))
  ) {
    fail('artifact-base', 'base.sha', `${artifact.base.sha.slice(0, 12)} is not on ${deps.defaultBranch}`);
  }
  if (problems.length > 0) return { problems, plan };

  const allowed = SPLIT_WRITES[deps.automation] ?? [];
  artifact.writes.forEach((w, i) => {
    if (!allowed.includes(w.method)) fail('write-not-allowed', `writes.${i}`, `${deps.automation} does not ${w.method} in split mode`);
  });

  // ---- placeholders name only what an earlier write created
  const created = new Map<number, SplitWrite['method']>();
  const refOk = (n: number, at: string, kind: 'comment' | 'pr'): boolean => {
    if (n > 0) return true;
    const by = created.get(n);
    const ok = kind === 'pr' ? by === 'createPullRequest' : by === 'createComment' || by === 'upsertComment';
    if (!ok) fail('unknown-placeholder', at, `${n} names nothing an earlier write created`);
    return ok;
  };

  // ---- the subject: the one issue or pull request the writes address, matched against the event
  const numbers = new Set<number>();
  for (const w of artifact.writes) {
    if ('issue' in w && w.issue > 0) numbers.add(w.issue);
    if ('pr' in w && w.pr > 0) numbers.add(w.pr);
  }
  // The one the event names comes first, so a write aimed elsewhere is the one named.
  const named = deps.issueNumber ?? (deps.event.kind === 'unsupported' ? undefined : deps.event.subject?.number);
  const [subjectNumber, ...others] =
    named !== undefined && numbers.has(named) ? [named, ...[...numbers].filter((n) => n !== named)] : [...numbers];
  for (const n of others)
    fail('target-not-allowed', 'writes', `#${n}: a run writes to one issue or pull request, and this one writes to #${subjectNumber} too`);
  let comments: Comment[] = [];
  if (subjectNumber !== undefined) {
    try {
      const said = deps.event.kind === 'unsupported' ? undefined : deps.event.subject;
      plan.subject = await liveSubject(deps.reader, subjectNumber, said?.number === subjectNumber ? said.type : undefined);
    } catch (e) {
      fail('target-not-allowed', 'writes', `#${subjectNumber} cannot be read: ${errorMessage(e)}`);
      return { problems, plan };
    }
    const mismatch = eventMismatch(plan.subject, deps.event, deps.issueNumber);
    if (mismatch) fail('subject-mismatch', 'writes', mismatch);
    comments = await deps.reader.listComments(subjectNumber);
    const other = comments
      .filter((c) => c.author.login === deps.config.trust.botLogin)
      .map((c) => parseClaim(c.body))
      .find((c) => c && !c.releasedAt && !isClaimExpired(c, deps.now) && c.runId !== artifact.runId);
    if (other)
      fail(
        'subject-claimed',
        'writes',
        `#${subjectNumber} is claimed by ${other.owner} (run ${other.runId}) until ${other.leaseExpiresAt}`,
      );
    if (plan.subject.type === 'pr' && plan.subject.headRef && plan.subject.headInRepo && plan.subject.labels.includes(ASSIST)) {
      plan.extraBranches = [plan.subject.headRef];
    }
  }

  // ---- each write
  const policy = policyConfigFrom(deps.config, { defaultBranch: deps.defaultBranch });
  const hosts = allowedHostsFor(deps.config.outputs?.allowedHosts, deps.serverUrl);
  const labels = new Map<number, string[]>();
  if (plan.subject) labels.set(plan.subject.number, [...plan.subject.labels]);
  const pushed = new Map<string, string>();
  const liveAttempts = subjectNumber === undefined ? {} : attemptsOf(comments, subjectNumber, deps.config.trust.botLogin);
  let threads: Set<string> | undefined;
  const threadIds = async (): Promise<Set<string>> => {
    threads ??= new Set(plan.subject?.type === 'pr' ? (await deps.reader.listReviewThreads(plan.subject.number)).map((t) => t.id) : []);
    return threads;
  };

  const checkText = (i: number, field: string, text: string): void => {
    const at = `writes.${i}.${field}`;
    const out = checkOutbound(text, { redact: (t) => deps.redactor.redact(t), allowedHosts: hosts });
    if (!out.ok) return fail(out.rule, at, out.reason);
    plan.texts.set(i, { ...plan.texts.get(i), [field]: out.text });
    const mentions = findMentions(text);
    const broadcast = [...mentions.teams, ...mentions.broadcast];
    if (broadcast.length > 0) return fail('broadcast-mention', at, `mentions a team or everyone (@${broadcast[0]})`);
    const max = policy.maxMentions ?? 3;
    if (mentions.users.length > max) return fail('too-many-mentions', at, `mentions ${mentions.users.length} people; at most ${max}`);
    for (const m of findMarkers(text)) {
      const why = markerRefusal(m, { automation: deps.automation, subject: subjectNumber, runId: artifact.runId, liveAttempts });
      if (why) return fail(why.rule, at, why.reason);
    }
  };

  for (let i = 0; i < artifact.writes.length; i++) {
    const w = artifact.writes[i]!;
    const at = `writes.${i}`;
    switch (w.method) {
      case 'addLabels':
      case 'removeLabel': {
        if (!refOk(w.issue, at, 'pr')) break;
        // Consecutive label writes on one subject are one move (code adds the new state, then removes the old).
        const group: SplitWrite[] = [w];
        while (isLabelWrite(artifact.writes[i + 1], w.issue)) group.push(artifact.writes[++i]!);
        const add = group.flatMap((g) => (g.method === 'addLabels' ? g.labels : []));
        const remove = group.flatMap((g) => (g.method === 'removeLabel' ? [g.label] : []));
        const bad = [...add, ...remove].find((l) => !policy.isAllowedLabel(l));
        if (bad) {
          fail('label-not-allowed', at, `label "${bad}" is not in the factory's label set`);
          break;
        }
        const type = w.issue > 0 ? (plan.subject?.type ?? 'issue') : 'pr';
        const current = labels.get(w.issue) ?? [];
        const move = checkTransition({
          automation: deps.automation,
          subject: type,
          current,
          add,
          remove,
          extraLabels: deps.config.labels.extra,
        });
        if (!move.ok) fail('label-transition', at, move.reason);
        else labels.set(w.issue, move.next);
        break;
      }
      case 'createComment':
        refOk(w.issue, at, 'pr');
        checkText(i, 'body', w.body);
        created.set(w.ref, w.method);
        break;
      case 'upsertComment':
        refOk(w.issue, at, 'pr');
        if (w.marker.kind !== deps.automation)
          fail('forged-marker', `${at}.marker`, `the marker kind is ${w.marker.kind}, not ${deps.automation}`);
        checkText(i, 'body', w.body);
        created.set(w.ref, w.method);
        break;
      case 'updateComment': {
        if (w.commentId > 0) {
          const comment = comments.find((c) => c.id === w.commentId);
          if (!comment || comment.author.login !== deps.config.trust.botLogin) {
            fail('comment-not-ours', at, `comment ${w.commentId} is not the factory's own comment on #${subjectNumber ?? '?'}`);
            break;
          }
        } else if (!refOk(w.commentId, at, 'comment')) break;
        checkText(i, 'body', w.body);
        break;
      }
      case 'createPullRequest':
        if (!pushed.has(w.head)) fail('pr-branch', `${at}.head`, `${w.head} is not a branch this run pushed`);
        if (w.base !== deps.defaultBranch) fail('pr-branch', `${at}.base`, `pull requests target ${deps.defaultBranch}, not ${w.base}`);
        checkText(i, 'title', w.title);
        checkText(i, 'body', w.body);
        created.set(w.ref, w.method);
        break;
      case 'updatePullRequest':
        if (!refOk(w.pr, at, 'pr')) break;
        if (w.pr > 0 && plan.subject?.type !== 'pr') fail('target-not-allowed', at, `#${w.pr} is not a pull request of this run`);
        if (w.title !== undefined) checkText(i, 'title', w.title);
        if (w.body !== undefined) checkText(i, 'body', w.body);
        break;
      case 'replyToReviewThread':
      case 'resolveReviewThread':
        if (!(await threadIds()).has(w.threadId)) fail('thread-unknown', at, `thread ${w.threadId} is not on #${subjectNumber ?? '?'}`);
        if (w.method === 'replyToReviewThread') checkText(i, 'body', w.body);
        break;
      case 'requestReviewers':
        refOk(w.pr, at, 'pr');
        break;
      case 'dispatchWorkflow':
        if (!/^factory-[a-z0-9-]+\.ya?ml$/.test(w.workflow) || w.ref !== deps.defaultBranch) {
          fail('dispatch-not-allowed', at, `only factory workflows on ${deps.defaultBranch} may be started, not ${w.workflow} on ${w.ref}`);
        }
        break;
      case 'addReaction':
        break;
      case 'push': {
        const why = await checkPush(w, at, deps, plan);
        if (why) fail(why.rule, why.at, why.reason);
        else pushed.set(w.branch, w.sha);
        break;
      }
    }
  }

  // ---- the agent's intents pass policy again, with this job's config and the live subject
  artifact.steps.forEach((step, s) => {
    const result = evaluateIntentFile(step, `steps.${s}`, {
      automation: deps.automation,
      config: policy,
      redact: (t) => deps.redactor.redact(t),
      facts: {
        repo: deps.repo,
        allowedKinds: step.facts.allowedKinds.filter((k) => DEFAULT_ALLOWED_KINDS[deps.automation].includes(k)),
        defaultBranch: deps.defaultBranch,
        allowedTargets: subjectNumber !== undefined ? [subjectNumber] : [],
        allowProtectedPaths: [],
        pushableBranches: plan.extraBranches,
      },
    });
    if (step.facts.subject && subjectNumber !== undefined && step.facts.subject.number !== subjectNumber) {
      fail(
        'subject-mismatch',
        `steps.${s}.facts.subject`,
        `the agent step was about #${step.facts.subject.number}; the writes are about #${subjectNumber}`,
      );
    }
    step.entries.forEach((entry, e) => {
      if (!entry.accepted) return;
      const rejection = result.rejected.find((r) => r.intent === entry.intent);
      if (rejection) fail(rejection.rule, `steps.${s}.entries.${e}`, `${entry.intent.kind}: ${rejection.reason}`);
    });
  });
  return { problems, plan };
}

function isLabelWrite(w: SplitWrite | undefined, issue: number): boolean {
  return (w?.method === 'addLabels' || w?.method === 'removeLabel') && w.issue === issue;
}

/**
 * The subject as GitHub has it now. `said` is what the event calls it: a pull request is read as
 * one straight away (an issue number answers 404, and is then read as an issue); otherwise the
 * issue is read first, and a pull request behind it after.
 */
async function liveSubject(reader: GitHubReader, n: number, said?: 'issue' | 'pr'): Promise<LiveSubject> {
  if (said === 'pr') {
    try {
      return prSubject(reader, await reader.getPullRequest(n));
    } catch (e) {
      if (!isStatus(e, 404)) throw e;
    }
  }
  const issue = await reader.getIssue(n);
  if (!issue.isPullRequest) return { type: 'issue', number: n, labels: issue.labels, authorLogin: issue.author.login };
  return prSubject(reader, await reader.getPullRequest(n));
}

function prSubject(reader: GitHubReader, pr: PullRequest): LiveSubject {
  const n = pr.number;
  const repo = `${reader.repo.owner}/${reader.repo.repo}`.toLowerCase();
  return {
    type: 'pr',
    number: n,
    labels: pr.labels,
    authorLogin: pr.author.login,
    headRef: pr.head.ref,
    headInRepo: pr.head.repoFullName.toLowerCase() === repo,
  };
}

/** Why the subject is not the one the event is about, when the event names one. */
function eventMismatch(subject: LiveSubject, event: ParsedEvent, issueNumber: number | undefined): string | undefined {
  if (issueNumber !== undefined && issueNumber !== subject.number)
    return `the run was asked for #${issueNumber}, the writes are about #${subject.number}`;
  if (event.kind === 'unsupported') return undefined;
  if (event.subject && event.subject.number !== subject.number)
    return `the event is about #${event.subject.number}, the writes are about #${subject.number}`;
  if (event.kind === 'workflow_run') {
    const branch = event.payload.workflow_run.head_branch;
    if (subject.type !== 'pr' || subject.headRef !== branch)
      return `the failed run was on ${branch ?? '(no branch)'}, the writes are about #${subject.number}`;
  }
  return undefined;
}

function attemptsOf(comments: Comment[], subject: number, botLogin: string): Record<string, number> {
  const mine = comments.find(
    (c) => c.author.login === botLogin && findMarkers(c.body).some((m) => m.kind === ATTEMPTS_KIND && m.key === String(subject)),
  );
  return mine ? { ...parseCounters(mine.body, subject) } : {};
}

function markerRefusal(
  m: { kind: string; key: string; data?: Record<string, unknown> },
  ctx: { automation: Automation; subject: number | undefined; runId: string; liveAttempts: Record<string, number> },
): { rule: SplitRule; reason: string } | undefined {
  const forged = (why: string) => ({ rule: 'forged-marker' as const, reason: `marker factory:${m.kind}:${m.key} ${why}` });
  // The automation's own markers are what the applier puts on everything it writes.
  if (m.kind === ctx.automation) return undefined;
  if (m.kind === CLAIM_KIND) {
    const claim = parseClaim(`<!-- factory:${m.kind}:${m.key} ${JSON.stringify(m.data ?? {})} -->`);
    if (m.key !== String(ctx.subject) || !claim || claim.runId !== ctx.runId || claim.owner !== ctx.automation) {
      return forged(`is not this run's claim on #${ctx.subject ?? '?'}`);
    }
    return undefined;
  }
  if (m.kind === ATTEMPTS_KIND) {
    if (m.key !== String(ctx.subject)) return forged(`counts attempts of another subject than #${ctx.subject ?? '?'}`);
    const next = parseCounters(`<!-- factory:${m.kind}:${m.key} ${JSON.stringify(m.data ?? {})} -->`, ctx.subject ?? 0);
    const lowered = Object.entries(ctx.liveAttempts).find(([name, value]) => (next[name] ?? 0) < value);
    if (lowered)
      return { rule: 'attempts-lowered', reason: `the ${lowered[0]} counter would go from ${lowered[1]} to ${next[lowered[0]] ?? 0}` };
    return undefined;
  }
  return forged(`is not one ${ctx.automation} writes`);
}

/**
 * A push: to the subject pull request's own branch, or to a factory/ branch for an issue; its
 * commit must be in this checkout (from the bundle or the remote), and its real diff against
 * the default branch must pass the guard, policy's push rules and the secret scan.
 */
async function checkPush(
  w: Extract<SplitWrite, { method: 'push' }>,
  at: string,
  deps: VerifyDeps,
  plan: VerifiedPlan,
): Promise<{ rule: SplitRule; at: string; reason: string } | undefined> {
  const refusal = pushRefusal(w.branch, { defaultBranch: deps.defaultBranch, extraBranches: plan.extraBranches });
  if (refusal) return { rule: 'push-branch', at: `${at}.branch`, reason: refusal.message };
  if (plan.subject?.type === 'pr' && !plan.subject.headInRepo) {
    return { rule: 'push-branch', at: `${at}.branch`, reason: `#${plan.subject.number}'s branch lives in another repository` };
  }
  if (plan.subject?.type === 'pr' && w.branch !== plan.subject.headRef) {
    return {
      rule: 'push-branch',
      at: `${at}.branch`,
      reason: `this run may push only #${plan.subject.number}'s branch ${plan.subject.headRef ?? '?'}, not ${w.branch}`,
    };
  }
  if (plan.subject?.type === 'issue' && !w.branch.startsWith(`factory/${plan.subject.number}-`)) {
    return {
      rule: 'push-branch',
      at: `${at}.branch`,
      reason: `work on #${plan.subject.number} goes to a factory/${plan.subject.number}-… branch, not ${w.branch}`,
    };
  }
  if (!(await hasCommit(deps.raw, w.sha)))
    return { rule: 'push-missing', at: `${at}.sha`, reason: `${w.sha.slice(0, 12)} is neither in the bundle nor on the remote` };
  await checkoutAt(deps.git, w.branch, w.sha);
  const base = `origin/${deps.defaultBranch}`;
  const files = await deps.git.changedFiles(base);
  const guard = checkChanges(files, {
    protectedPaths: [...deps.config.risk.protectedPaths],
    writableProtectedPaths: deps.config.risk.writableProtectedPaths,
    maxFiles: Number.MAX_SAFE_INTEGER,
    maxChangedLines: Number.MAX_SAFE_INTEGER,
  });
  if (!guard.ok) {
    const rule: SplitRule = guard.rule === 'protected-path' ? 'push-protected-path' : 'push-guard';
    return { rule, at: 'bundle', reason: `${w.branch} at ${w.sha.slice(0, 12)}: ${guard.reason}` };
  }
  const paths = touched(files);
  const policyCtx = {
    automation: deps.automation,
    repo: deps.repo,
    allowedKinds: ['push' as const],
    allowedTargets: [],
    openedByFactory: [],
    threads: {},
    risk: 'low' as const,
    defaultBranch: deps.defaultBranch,
    diffFiles: paths,
    pushableBranches: plan.extraBranches,
    config: policyConfigFrom(deps.config, { defaultBranch: deps.defaultBranch }),
    redact: (t: string) => deps.redactor.redact(t),
  };
  const rejected = evaluateIntents([{ kind: 'push', branch: w.branch, files: paths }], policyCtx).rejected[0];
  if (rejected) return { rule: rejected.rule, at: 'bundle', reason: `${w.branch} at ${w.sha.slice(0, 12)}: ${rejected.reason}` };
  const diff = await deps.git.diff(base, { maxBytes: 5 * 1024 * 1024 });
  if (checkSecret(diff, (t) => deps.redactor.redact(t)))
    return { rule: 'secret-in-diff', at: 'bundle', reason: `the diff of ${w.branch} contains a value that looks like a secret` };
  return undefined;
}

/** Put the local branch at `sha` (what the replay pushes), whatever it pointed at before. */
export async function checkoutAt(git: GitPort, branch: string, sha: string): Promise<void> {
  if (await git.branchExists(branch, 'local')) {
    if ((await git.currentBranch()) !== branch) await git.checkout(branch);
    await git.resetHard(sha);
  } else {
    await git.checkoutNewBranch(branch, sha);
  }
}

function touched(files: readonly ChangedFile[]): string[] {
  return [...new Set(files.flatMap((f) => (f.previousFilename ? [f.filename, f.previousFilename] : [f.filename])))];
}
