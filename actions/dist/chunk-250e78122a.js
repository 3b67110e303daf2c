import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  ToolRefusal,
  defineTool
} from "./chunk-0f29425468.js";
import {
  evaluateIntents
} from "./chunk-e970019b7c.js";
import {
  neutralize
} from "./chunk-71acfe59dc.js";
import {
  attemptsMarker,
  checkTransition,
  parseCounters,
  renderCounters
} from "./chunk-3b9788c516.js";
import {
  hasMarker,
  stripMarker,
  withMarker
} from "./chunk-cd4c9ed0f2.js";
import {
  INTENT_KINDS,
  IntentSchema,
  describeIntent,
  intentSchemaFor
} from "./chunk-72b8fa822b.js";
import {
  errorMessage
} from "./chunk-eebc0eba86.js";
import {
  NEEDS_HUMAN,
  READY
} from "./chunk-ffa5c3fea6.js";

// actions/shared/automation/subject-state.ts
function stateDepsFor(deps) {
  return { github: deps.github, automation: deps.automation, botLogin: deps.config.trust.botLogin, extraLabels: deps.config.labels.extra };
}
async function moveLabel(deps, subject, to, from = []) {
  const remove = from.filter((l) => subject.labels.includes(l) && l !== to);
  const result = checkTransition({
    automation: deps.automation,
    subject: subject.type,
    current: [...subject.labels],
    add: [to],
    remove,
    ...deps.extraLabels ? { extraLabels: deps.extraLabels } : {}
  });
  if (!result.ok) throw new Error(`cannot label #${subject.number} ${to}: ${result.reason}`);
  if (!subject.labels.includes(to)) await deps.github.writer.addLabels(subject.number, [to]);
  for (const label of remove) await deps.github.writer.removeLabel(subject.number, label);
  return result.next;
}
async function readAttempts(deps, subject, comments) {
  const ref = attemptsMarker(subject);
  const list = comments ?? await deps.github.reader.listComments(subject);
  const mine = list.find((c) => c.author.login === deps.botLogin && hasMarker(c.body, ref));
  return mine ? { counters: parseCounters(mine.body, subject), commentId: mine.id } : { counters: {} };
}
async function writeAttempts(deps, subject, attempts) {
  const body = renderCounters(subject, attempts.counters);
  if (attempts.commentId !== void 0) {
    await deps.github.writer.updateComment(attempts.commentId, body);
    return attempts;
  }
  const created = await deps.github.writer.createComment(subject, body);
  return { ...attempts, commentId: created.id };
}
function escalationBody(e, redactor) {
  const clean = (s) => neutralize(redactor.redact(s));
  return [
    "### The factory needs a human here",
    "",
    `**Why:** ${clean(e.reason)}`,
    "",
    `**Attempt:** ${e.attempt} of ${e.maxAttempts}`,
    "",
    ...e.tried.length ? ["**What was tried:**", ...e.tried.map((t) => `- ${clean(t)}`), ""] : [],
    `Fix the problem or clarify the issue, then move it back to \`${READY}\` (or comment \`@factory retry\`).`
  ].join("\n");
}
async function escalate(deps, subject, body, from = []) {
  const labels = await moveLabel(deps, subject, NEEDS_HUMAN, from);
  const details = [];
  const replaced = from.filter((l) => subject.labels.includes(l) && l !== NEEDS_HUMAN);
  if (replaced.length) details.push(`moved #${subject.number} from ${replaced.join(", ")} to ${NEEDS_HUMAN}`);
  else if (!subject.labels.includes(NEEDS_HUMAN)) details.push(`added ${NEEDS_HUMAN} to #${subject.number}`);
  const marker = { kind: deps.automation, key: "needs-human" };
  const { changed } = await deps.github.writer.upsertComment(subject.number, marker, body, deps.botLogin);
  if (changed) details.push(`posted the escalation comment on #${subject.number}`);
  return { labels, details };
}

// actions/shared/policy/apply.ts
async function applyIntents(accepted, deps) {
  const results = [];
  const session = new Session(deps);
  let pushFailed = false;
  for (const intent of accepted) {
    if (deps.dryRun) {
      deps.logger.info(`[dry-run] would ${describeIntent(intent)}`);
      deps.logger.debug(`[dry-run] ${JSON.stringify(intent)}`);
      results.push({ intent, status: "dry-run", detail: describeIntent(intent) });
      continue;
    }
    if (pushFailed && (intent.kind === "open_pull_request" || intent.kind === "request_merge")) {
      results.push({ intent, status: "failed", detail: "skipped: an earlier push failed" });
      continue;
    }
    try {
      const outcome = await session.apply(intent);
      deps.logger.info(`${outcome.status}: ${describeIntent(intent)}: ${outcome.detail}`);
      results.push({ intent, ...outcome });
    } catch (e) {
      const message = errorMessage(e);
      deps.logger.warning(`failed: ${describeIntent(intent)}: ${message}`);
      results.push({ intent, status: "failed", detail: message });
      if (intent.kind === "push") pushFailed = true;
    }
  }
  const counts = { applied: 0, unchanged: 0, "dry-run": 0, failed: 0 };
  for (const r of results) counts[r.status] += 1;
  return { results, counts };
}
var Session = class {
  constructor(deps) {
    this.deps = deps;
  }
  deps;
  issueIndex;
  threads;
  replies = /* @__PURE__ */ new Map();
  /** Labels per subject as read before this session's first label write there, kept up to date by its own writes. */
  labels = /* @__PURE__ */ new Map();
  ref(key) {
    return { kind: this.deps.automation, key };
  }
  byBot(login) {
    return login === this.deps.botLogin;
  }
  apply(intent) {
    switch (intent.kind) {
      case "comment":
        return this.comment(intent.target.number, this.ref(intent.markerKey ?? "main"), this.deps.neutralize(intent.body));
      case "add_labels":
        return this.addLabels(intent);
      case "remove_labels":
        return this.removeLabels(intent);
      case "create_issue":
        return this.createIssue(intent);
      case "close_issue":
        return this.closeIssue(intent);
      case "add_sub_issue":
        return this.addSubIssue(intent.parent, intent.child);
      case "review":
        return this.review(intent);
      case "reply_to_thread":
        return this.reply(intent);
      case "resolve_thread":
        return this.resolve(intent.threadId);
      case "push":
        return this.git().push(intent);
      case "open_pull_request":
        return this.git().openPullRequest(intent);
      case "request_merge":
        return this.requestMerge(intent);
    }
  }
  git() {
    if (!this.deps.git) throw new Error("no git applier is configured for this automation; push and open_pull_request cannot be applied");
    return this.deps.git;
  }
  async comment(n, ref, body) {
    const existing = await this.deps.reader.findCommentByMarker(n, ref, this.deps.botLogin);
    if (existing && stripMarker(existing.body, ref).trim() === body.trim()) {
      return { status: "unchanged", detail: `comment ${existing.id} on #${n} is up to date` };
    }
    const { comment, created } = await this.deps.writer.upsertComment(n, ref, body, this.deps.botLogin, existing ?? null);
    return { status: "applied", detail: `${created ? "created" : "updated"} comment ${comment.id} on #${n}` };
  }
  /**
   * The subject's labels, read right before the session's first label write on it. Label intents
   * on one subject are applied back to back (a move is a remove and an add), so later ones use
   * that reading as this session's own writes changed it instead of reading it again.
   */
  async labelsOf(target) {
    const key = `${target.type}:${target.number}`;
    const known = this.labels.get(key);
    if (known) return known;
    const read = target.type === "pr" ? (await this.deps.reader.getPullRequest(target.number)).labels : (await this.deps.reader.getIssue(target.number)).labels;
    this.labels.set(key, read);
    return read;
  }
  /** Runs a label write; what it leaves is `next`, or unknown (read again) when it failed. */
  async writeLabels(target, write, next) {
    const key = `${target.type}:${target.number}`;
    this.labels.delete(key);
    await write();
    this.labels.set(key, next);
  }
  async addLabels(intent) {
    const current = await this.labelsOf(intent.target);
    const missing = intent.labels.filter((l) => !current.includes(l));
    if (missing.length === 0) return { status: "unchanged", detail: `#${intent.target.number} already has ${intent.labels.join(", ")}` };
    await this.writeLabels(intent.target, () => this.deps.writer.addLabels(intent.target.number, missing), [...current, ...missing]);
    return { status: "applied", detail: `added ${missing.join(", ")} to #${intent.target.number}` };
  }
  async removeLabels(intent) {
    const current = await this.labelsOf(intent.target);
    const present = intent.labels.filter((l) => current.includes(l));
    if (present.length === 0) return { status: "unchanged", detail: `#${intent.target.number} has none of ${intent.labels.join(", ")}` };
    const remove = async () => {
      for (const l of present) await this.deps.writer.removeLabel(intent.target.number, l);
    };
    await this.writeLabels(
      intent.target,
      remove,
      current.filter((l) => !present.includes(l))
    );
    return { status: "applied", detail: `removed ${present.join(", ")} from #${intent.target.number}` };
  }
  /** Search first (cheap, but its index lags), then the full issue list (cached for the run). */
  async findIssueByMarker(ref) {
    const mine = (i) => hasMarker(i.body, ref) && this.byBot(i.author.login);
    const found = (await this.deps.reader.searchIssues(`"factory:${ref.kind}:${ref.key}" in:body is:issue`)).find(mine);
    if (found) return found;
    this.issueIndex ??= await this.deps.reader.listIssues({ state: "all" });
    return this.issueIndex.find(mine);
  }
  async createIssue(intent) {
    const ref = { kind: "issue", key: intent.dedupeKey };
    const existing = await this.findIssueByMarker(ref);
    if (existing) {
      if (intent.parent !== void 0) {
        const linked = await this.addSubIssue(intent.parent, existing.number);
        if (linked.status === "applied") return { status: "applied", detail: `#${existing.number} exists; ${linked.detail}` };
      }
      return { status: "unchanged", detail: `issue #${existing.number} already exists for ${intent.dedupeKey}` };
    }
    const issue = await this.deps.writer.createIssue({
      title: intent.title,
      body: withMarker(this.deps.neutralize(intent.body), ref),
      labels: intent.labels
    });
    this.issueIndex?.push(issue);
    if (intent.parent !== void 0) await this.deps.writer.addSubIssue(intent.parent, issue.id);
    return {
      status: "applied",
      detail: `created issue #${issue.number}${intent.parent ? ` under #${intent.parent}` : ""}`,
      created: issue.number
    };
  }
  async closeIssue(intent) {
    const issue = await this.deps.reader.getIssue(intent.number);
    if (issue.state === "closed") return { status: "unchanged", detail: `#${intent.number} is already closed` };
    const parts = [
      ...intent.reason === "duplicate" && intent.duplicateOf ? [`Duplicate of #${intent.duplicateOf}`] : [],
      ...intent.comment ? [this.deps.neutralize(intent.comment)] : []
    ];
    if (parts.length) await this.comment(intent.number, this.ref("close"), parts.join("\n\n"));
    await this.deps.writer.updateIssue(intent.number, { state: "closed", stateReason: intent.reason });
    return { status: "applied", detail: `closed #${intent.number} as ${intent.reason}` };
  }
  async addSubIssue(parent, child) {
    const subs = await this.deps.reader.listSubIssues(parent);
    if (subs.some((i) => i.number === child)) return { status: "unchanged", detail: `#${child} is already a sub-issue of #${parent}` };
    const childIssue = await this.deps.reader.getIssue(child);
    await this.deps.writer.addSubIssue(parent, childIssue.id);
    return { status: "applied", detail: `linked #${child} under #${parent}` };
  }
  async review(intent) {
    const ref = this.ref("review");
    const pr = await this.deps.reader.getPullRequest(intent.pr);
    const sha = pr.head.sha;
    const reviews = await this.deps.reader.listReviews(intent.pr);
    const done = reviews.find((r) => r.commitId === sha && hasMarker(r.body, ref) && this.byBot(r.author.login));
    if (done) return { status: "unchanged", detail: `review ${done.id} already posted on ${sha}` };
    const review = await this.deps.writer.createReview(intent.pr, {
      event: intent.event,
      body: withMarker(this.deps.neutralize(intent.body), ref),
      commitId: sha,
      comments: intent.comments.map((c) => ({ ...c, body: this.deps.neutralize(c.body) }))
    });
    return { status: "applied", detail: `posted review ${review.id} (${intent.event}) on ${sha}` };
  }
  async thread(threadId) {
    const subject = this.deps.subject;
    if (subject?.type !== "pr") throw new Error(`review thread ${threadId}: this run has no pull request subject`);
    this.threads ??= this.deps.threads ? this.deps.threads.map((t) => ({ ...t, comments: [...t.comments] })) : await this.deps.reader.listReviewThreads(subject.number);
    const thread = this.threads.find((t) => t.id === threadId);
    if (!thread) throw new Error(`review thread ${threadId} is not on pull request #${subject.number}`);
    return thread;
  }
  async reply(intent) {
    const thread = await this.thread(intent.threadId);
    const ordinal = (this.replies.get(intent.threadId) ?? 0) + 1;
    this.replies.set(intent.threadId, ordinal);
    const ref = this.ref(`reply.${safeKey(this.deps.runId)}.${ordinal}`);
    if (thread.comments.some((c) => hasMarker(c.body, ref) && this.byBot(c.author.login))) {
      return { status: "unchanged", detail: `already replied to ${intent.threadId} in run ${this.deps.runId}` };
    }
    await this.deps.writer.replyToReviewThread(intent.threadId, withMarker(this.deps.neutralize(intent.body), ref));
    return { status: "applied", detail: `replied to ${intent.threadId}` };
  }
  async resolve(threadId) {
    const thread = await this.thread(threadId);
    if (thread.isResolved) return { status: "unchanged", detail: `${threadId} is already resolved` };
    await this.deps.writer.resolveReviewThread(threadId);
    thread.isResolved = true;
    return { status: "applied", detail: `resolved ${threadId}` };
  }
  /** Auto-merge has no readable flag here, so a marker comment naming the head commit records it. */
  async requestMerge(intent) {
    const pr = await this.deps.reader.getPullRequest(intent.pr);
    if (pr.merged || pr.state === "closed")
      return { status: "unchanged", detail: `#${intent.pr} is already ${pr.merged ? "merged" : "closed"}` };
    const ref = this.ref("auto-merge");
    const note = await this.deps.reader.findCommentByMarker(intent.pr, ref, this.deps.botLogin);
    if (note && note.body.includes(pr.head.sha)) {
      return { status: "unchanged", detail: `auto-merge already requested for ${pr.head.sha}` };
    }
    const method = intent.method ?? "SQUASH";
    await this.deps.writer.enableAutoMerge(pr.nodeId, method, pr.head.sha);
    await this.deps.writer.upsertComment(
      intent.pr,
      ref,
      `Auto-merge (${method.toLowerCase()}) requested for ${pr.head.sha}.`,
      this.deps.botLogin
    );
    return { status: "applied", detail: `enabled auto-merge (${method}) on #${intent.pr}` };
  }
};
function safeKey(s) {
  return s.replace(/[^A-Za-z0-9._-]/g, "-") || "run";
}

// actions/shared/policy/intent-tools.ts
function createIntentRecorder(options = {}) {
  const entries = [];
  const pending = () => entries.filter((e) => e.status === "pending").map((e) => e.intent);
  return {
    record(intent) {
      const verdict = options.precheck?.(intent, pending());
      const entry = verdict ? { id: entries.length + 1, intent, status: "rejected", rule: verdict.rule, reason: verdict.reason } : { id: entries.length + 1, intent, status: "pending" };
      entries.push(entry);
      return entry;
    },
    all: () => [...entries],
    pending,
    rejected: () => entries.filter((e) => e.status === "rejected").map((e) => ({ intent: e.intent, rule: e.rule ?? "precheck", reason: e.reason ?? "" }))
  };
}
function policyPrecheck(ctx) {
  return (intent, earlier) => {
    const { rejected } = evaluateIntents([...earlier, intent], ctx);
    const mine = rejected.find((r) => r.intent === intent);
    return mine ? { rule: mine.rule, reason: mine.reason } : void 0;
  };
}
var DESCRIPTIONS = {
  comment: "Post (or, on a re-run, edit) a comment on an issue or pull request. Use markerKey to keep separate comments apart.",
  add_labels: "Add labels to an issue or pull request. Only factory labels are allowed; state labels follow the state machine.",
  remove_labels: "Remove labels from an issue or pull request.",
  create_issue: "Create an issue (optionally as a sub-issue of parent). dedupeKey is a stable key: the same key never creates a second issue.",
  close_issue: "Close an issue: the subject of this run, or a duplicate (reason duplicate with duplicateOf).",
  add_sub_issue: "Link an existing issue (child) as a sub-issue of parent.",
  review: "Submit one pull request review with optional inline comments (path, line in the new file, side RIGHT by default).",
  reply_to_thread: "Reply to a review thread by its id.",
  resolve_thread: "Resolve a review thread the factory opened (or the reviewer asked to resolve) once it is addressed.",
  open_pull_request: "Open a pull request from a factory/ branch to the default branch. Put the issue number in fixes.",
  push: "Push the committed work on a factory/ branch. List every path the commits change in files.",
  request_merge: "Request (auto-)merge of a pull request when checks and risk policy allow it."
};
function inputSchema(kind) {
  const schema = intentSchemaFor(kind);
  return schema.omit({ kind: true });
}
function createIntentTools(recorder, allowedKinds) {
  return INTENT_KINDS.filter((k) => allowedKinds.includes(k)).map(
    (kind) => defineTool({
      name: kind,
      description: `${DESCRIPTIONS[kind]} This records an intent; deterministic policy checks it before anything is written.`,
      input: inputSchema(kind),
      run(input) {
        const parsed = IntentSchema.safeParse({ ...input, kind });
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new ToolRefusal(
            `invalid ${kind} intent: ${issue?.path.join(".") || "input"}: ${issue?.message ?? "invalid"}`,
            "invalid-intent"
          );
        }
        const entry = recorder.record(parsed.data);
        if (entry.status === "rejected") {
          throw new ToolRefusal(`intent #${entry.id} rejected by policy rule ${entry.rule}: ${entry.reason}`, entry.rule ?? "policy");
        }
        return `recorded intent #${entry.id} (will be checked by policy)`;
      }
    })
  );
}

export {
  applyIntents,
  createIntentRecorder,
  policyPrecheck,
  createIntentTools,
  stateDepsFor,
  moveLabel,
  readAttempts,
  writeAttempts,
  escalationBody,
  escalate
};
