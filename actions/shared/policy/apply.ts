import { hasMarker, stripMarker, withMarker } from '../github/markers';
import type { GitHubReader, GitHubWriter, Issue, MarkerRef, ReviewThread } from '../github/types';
import type { Logger } from '../ports';
import { describeIntent, type Intent, type IntentOf, type OpenPullRequestIntent, type PushIntent } from './intents';
import { errorMessage } from '../errors';

/**
 * The applier: writes accepted intents, idempotently. Everything it writes carries a hidden
 * marker and is looked up first, so applying the same intents twice writes nothing the second
 * time. Model-written text passes through `neutralize` (e.g. strip hidden markup, defuse
 * mentions) before the applier adds its own marker or its own `Duplicate of #N` line.
 */

export type ApplyStatus = 'applied' | 'unchanged' | 'dry-run' | 'failed';

export interface ApplyItem {
  intent: Intent;
  status: ApplyStatus;
  detail: string;
  /** The number of the issue this write created (create_issue). */
  created?: number;
}

export interface ApplyResult {
  results: ApplyItem[];
  counts: Record<ApplyStatus, number>;
}

/** Pushes and opens pull requests; provided by automations that change code. */
export interface GitApplier {
  push(intent: PushIntent): Promise<{ status: 'applied' | 'unchanged'; detail: string }>;
  openPullRequest(intent: OpenPullRequestIntent): Promise<{ status: 'applied' | 'unchanged'; detail: string }>;
}

export interface ApplyDeps {
  writer: GitHubWriter;
  reader: GitHubReader;
  runId: string;
  /** The automation's name; also the marker kind of its comments. */
  automation: string;
  dryRun: boolean;
  logger: Logger;
  neutralize(text: string): string;
  git?: GitApplier;
  /** The run's subject; review-thread intents act on the threads of this pull request. */
  subject?: { type: 'issue' | 'pr'; number: number };
  /** The subject's review threads (all of them), when the run has just listed them; else they are listed when first needed. */
  threads?: readonly ReviewThread[];
  /** The factory's own login: only markers in content it wrote count (a person cannot forge one). */
  botLogin: string;
}

type Outcome = { status: 'applied' | 'unchanged'; detail: string; created?: number };

export async function applyIntents(accepted: Intent[], deps: ApplyDeps): Promise<ApplyResult> {
  const results: ApplyItem[] = [];
  const session = new Session(deps);
  let pushFailed = false;
  for (const intent of accepted) {
    if (deps.dryRun) {
      deps.logger.info(`[dry-run] would ${describeIntent(intent)}`);
      deps.logger.debug(`[dry-run] ${JSON.stringify(intent)}`);
      results.push({ intent, status: 'dry-run', detail: describeIntent(intent) });
      continue;
    }
    if (pushFailed && (intent.kind === 'open_pull_request' || intent.kind === 'request_merge')) {
      results.push({ intent, status: 'failed', detail: 'skipped: an earlier push failed' });
      continue;
    }
    try {
      const outcome = await session.apply(intent);
      deps.logger.info(`${outcome.status}: ${describeIntent(intent)}: ${outcome.detail}`);
      results.push({ intent, ...outcome });
    } catch (e) {
      const message = errorMessage(e);
      deps.logger.warning(`failed: ${describeIntent(intent)}: ${message}`);
      results.push({ intent, status: 'failed', detail: message });
      if (intent.kind === 'push') pushFailed = true;
    }
  }
  const counts: Record<ApplyStatus, number> = { applied: 0, unchanged: 0, 'dry-run': 0, failed: 0 };
  for (const r of results) counts[r.status] += 1;
  return { results, counts };
}

class Session {
  private issueIndex: Issue[] | undefined;
  private threads: ReviewThread[] | undefined;
  private readonly replies = new Map<string, number>();
  /** Labels per subject as read before this session's first label write there, kept up to date by its own writes. */
  private readonly labels = new Map<string, string[]>();

  constructor(private readonly deps: ApplyDeps) {}

  private ref(key: string): MarkerRef {
    return { kind: this.deps.automation, key };
  }

  private byBot(login: string): boolean {
    return login === this.deps.botLogin;
  }

  apply(intent: Intent): Promise<Outcome> {
    switch (intent.kind) {
      case 'comment':
        return this.comment(intent.target.number, this.ref(intent.markerKey ?? 'main'), this.deps.neutralize(intent.body));
      case 'add_labels':
        return this.addLabels(intent);
      case 'remove_labels':
        return this.removeLabels(intent);
      case 'create_issue':
        return this.createIssue(intent);
      case 'close_issue':
        return this.closeIssue(intent);
      case 'add_sub_issue':
        return this.addSubIssue(intent.parent, intent.child);
      case 'review':
        return this.review(intent);
      case 'reply_to_thread':
        return this.reply(intent);
      case 'resolve_thread':
        return this.resolve(intent.threadId);
      case 'push':
        return this.git().push(intent);
      case 'open_pull_request':
        return this.git().openPullRequest(intent);
      case 'request_merge':
        return this.requestMerge(intent);
    }
  }

  private git(): GitApplier {
    if (!this.deps.git) throw new Error('no git applier is configured for this automation; push and open_pull_request cannot be applied');
    return this.deps.git;
  }

  private async comment(n: number, ref: MarkerRef, body: string): Promise<Outcome> {
    const existing = await this.deps.reader.findCommentByMarker(n, ref, this.deps.botLogin);
    if (existing && stripMarker(existing.body, ref).trim() === body.trim()) {
      return { status: 'unchanged', detail: `comment ${existing.id} on #${n} is up to date` };
    }
    // The lookup above is the upsert's too: the comments are listed once.
    const { comment, created } = await this.deps.writer.upsertComment(n, ref, body, this.deps.botLogin, existing ?? null);
    return { status: 'applied', detail: `${created ? 'created' : 'updated'} comment ${comment.id} on #${n}` };
  }

  /**
   * The subject's labels, read right before the session's first label write on it. Label intents
   * on one subject are applied back to back (a move is a remove and an add), so later ones use
   * that reading as this session's own writes changed it instead of reading it again.
   */
  private async labelsOf(target: { type: 'issue' | 'pr'; number: number }): Promise<string[]> {
    const key = `${target.type}:${target.number}`;
    const known = this.labels.get(key);
    if (known) return known;
    const read =
      target.type === 'pr'
        ? (await this.deps.reader.getPullRequest(target.number)).labels
        : (await this.deps.reader.getIssue(target.number)).labels;
    this.labels.set(key, read);
    return read;
  }

  /** Runs a label write; what it leaves is `next`, or unknown (read again) when it failed. */
  private async writeLabels(target: { type: 'issue' | 'pr'; number: number }, write: () => Promise<void>, next: string[]): Promise<void> {
    const key = `${target.type}:${target.number}`;
    this.labels.delete(key);
    await write();
    this.labels.set(key, next);
  }

  private async addLabels(intent: IntentOf<'add_labels'>): Promise<Outcome> {
    const current = await this.labelsOf(intent.target);
    const missing = intent.labels.filter((l) => !current.includes(l));
    if (missing.length === 0) return { status: 'unchanged', detail: `#${intent.target.number} already has ${intent.labels.join(', ')}` };
    await this.writeLabels(intent.target, () => this.deps.writer.addLabels(intent.target.number, missing), [...current, ...missing]);
    return { status: 'applied', detail: `added ${missing.join(', ')} to #${intent.target.number}` };
  }

  private async removeLabels(intent: IntentOf<'remove_labels'>): Promise<Outcome> {
    const current = await this.labelsOf(intent.target);
    const present = intent.labels.filter((l) => current.includes(l));
    if (present.length === 0) return { status: 'unchanged', detail: `#${intent.target.number} has none of ${intent.labels.join(', ')}` };
    const remove = async () => {
      for (const l of present) await this.deps.writer.removeLabel(intent.target.number, l);
    };
    await this.writeLabels(
      intent.target,
      remove,
      current.filter((l) => !present.includes(l)),
    );
    return { status: 'applied', detail: `removed ${present.join(', ')} from #${intent.target.number}` };
  }

  /** Search first (cheap, but its index lags), then the full issue list (cached for the run). */
  private async findIssueByMarker(ref: MarkerRef): Promise<Issue | undefined> {
    const mine = (i: Issue) => hasMarker(i.body, ref) && this.byBot(i.author.login);
    const found = (await this.deps.reader.searchIssues(`"factory:${ref.kind}:${ref.key}" in:body is:issue`)).find(mine);
    if (found) return found;
    this.issueIndex ??= await this.deps.reader.listIssues({ state: 'all' });
    return this.issueIndex.find(mine);
  }

  private async createIssue(intent: IntentOf<'create_issue'>): Promise<Outcome> {
    const ref: MarkerRef = { kind: 'issue', key: intent.dedupeKey };
    const existing = await this.findIssueByMarker(ref);
    if (existing) {
      // A crash between create and link would otherwise leave the link missing for good.
      if (intent.parent !== undefined) {
        const linked = await this.addSubIssue(intent.parent, existing.number);
        if (linked.status === 'applied') return { status: 'applied', detail: `#${existing.number} exists; ${linked.detail}` };
      }
      return { status: 'unchanged', detail: `issue #${existing.number} already exists for ${intent.dedupeKey}` };
    }
    const issue = await this.deps.writer.createIssue({
      title: intent.title,
      body: withMarker(this.deps.neutralize(intent.body), ref),
      labels: intent.labels,
    });
    this.issueIndex?.push(issue);
    if (intent.parent !== undefined) await this.deps.writer.addSubIssue(intent.parent, issue.id);
    return {
      status: 'applied',
      detail: `created issue #${issue.number}${intent.parent ? ` under #${intent.parent}` : ''}`,
      created: issue.number,
    };
  }

  private async closeIssue(intent: IntentOf<'close_issue'>): Promise<Outcome> {
    const issue = await this.deps.reader.getIssue(intent.number);
    if (issue.state === 'closed') return { status: 'unchanged', detail: `#${intent.number} is already closed` };
    const parts = [
      ...(intent.reason === 'duplicate' && intent.duplicateOf ? [`Duplicate of #${intent.duplicateOf}`] : []),
      ...(intent.comment ? [this.deps.neutralize(intent.comment)] : []),
    ];
    if (parts.length) await this.comment(intent.number, this.ref('close'), parts.join('\n\n'));
    await this.deps.writer.updateIssue(intent.number, { state: 'closed', stateReason: intent.reason });
    return { status: 'applied', detail: `closed #${intent.number} as ${intent.reason}` };
  }

  private async addSubIssue(parent: number, child: number): Promise<Outcome> {
    const subs = await this.deps.reader.listSubIssues(parent);
    if (subs.some((i) => i.number === child)) return { status: 'unchanged', detail: `#${child} is already a sub-issue of #${parent}` };
    const childIssue = await this.deps.reader.getIssue(child);
    await this.deps.writer.addSubIssue(parent, childIssue.id);
    return { status: 'applied', detail: `linked #${child} under #${parent}` };
  }

  private async review(intent: IntentOf<'review'>): Promise<Outcome> {
    const ref = this.ref('review');
    const pr = await this.deps.reader.getPullRequest(intent.pr);
    const sha = pr.head.sha;
    const reviews = await this.deps.reader.listReviews(intent.pr);
    const done = reviews.find((r) => r.commitId === sha && hasMarker(r.body, ref) && this.byBot(r.author.login));
    if (done) return { status: 'unchanged', detail: `review ${done.id} already posted on ${sha}` };
    const review = await this.deps.writer.createReview(intent.pr, {
      event: intent.event,
      body: withMarker(this.deps.neutralize(intent.body), ref),
      commitId: sha,
      comments: intent.comments.map((c) => ({ ...c, body: this.deps.neutralize(c.body) })),
    });
    return { status: 'applied', detail: `posted review ${review.id} (${intent.event}) on ${sha}` };
  }

  private async thread(threadId: string): Promise<ReviewThread> {
    const subject = this.deps.subject;
    if (subject?.type !== 'pr') throw new Error(`review thread ${threadId}: this run has no pull request subject`);
    // A copy of the run's listing: resolving marks a thread here, not in the caller's.
    this.threads ??= this.deps.threads
      ? this.deps.threads.map((t) => ({ ...t, comments: [...t.comments] }))
      : await this.deps.reader.listReviewThreads(subject.number);
    const thread = this.threads.find((t) => t.id === threadId);
    if (!thread) throw new Error(`review thread ${threadId} is not on pull request #${subject.number}`);
    return thread;
  }

  private async reply(intent: IntentOf<'reply_to_thread'>): Promise<Outcome> {
    const thread = await this.thread(intent.threadId);
    const ordinal = (this.replies.get(intent.threadId) ?? 0) + 1;
    this.replies.set(intent.threadId, ordinal);
    const ref = this.ref(`reply.${safeKey(this.deps.runId)}.${ordinal}`);
    if (thread.comments.some((c) => hasMarker(c.body, ref) && this.byBot(c.author.login))) {
      return { status: 'unchanged', detail: `already replied to ${intent.threadId} in run ${this.deps.runId}` };
    }
    await this.deps.writer.replyToReviewThread(intent.threadId, withMarker(this.deps.neutralize(intent.body), ref));
    return { status: 'applied', detail: `replied to ${intent.threadId}` };
  }

  private async resolve(threadId: string): Promise<Outcome> {
    const thread = await this.thread(threadId);
    if (thread.isResolved) return { status: 'unchanged', detail: `${threadId} is already resolved` };
    await this.deps.writer.resolveReviewThread(threadId);
    thread.isResolved = true;
    return { status: 'applied', detail: `resolved ${threadId}` };
  }

  /** Auto-merge has no readable flag here, so a marker comment naming the head commit records it. */
  private async requestMerge(intent: IntentOf<'request_merge'>): Promise<Outcome> {
    const pr = await this.deps.reader.getPullRequest(intent.pr);
    if (pr.merged || pr.state === 'closed')
      return { status: 'unchanged', detail: `#${intent.pr} is already ${pr.merged ? 'merged' : 'closed'}` };
    const ref = this.ref('auto-merge');
    const note = await this.deps.reader.findCommentByMarker(intent.pr, ref, this.deps.botLogin);
    if (note && note.body.includes(pr.head.sha)) {
      return { status: 'unchanged', detail: `auto-merge already requested for ${pr.head.sha}` };
    }
    const method = intent.method ?? 'SQUASH';
    await this.deps.writer.enableAutoMerge(pr.nodeId, method, pr.head.sha);
    await this.deps.writer.upsertComment(
      intent.pr,
      ref,
      `Auto-merge (${method.toLowerCase()}) requested for ${pr.head.sha}.`,
      this.deps.botLogin,
    );
    return { status: 'applied', detail: `enabled auto-merge (${method}) on #${intent.pr}` };
  }
}

/** Run ids are digits on Actions; anything else is reduced to the marker alphabet. */
function safeKey(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]/g, '-') || 'run';
}
